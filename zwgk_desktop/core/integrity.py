"""`zwgk check` and the window's 检查数据完整性: both call :meth:`Workspace.check`, which runs this."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from zwgk_desktop.core import anchor
from zwgk_desktop.core.messages import message_of
from zwgk_desktop.core.progress import Cancelled, ProgressFn
from zwgk_desktop.core.types import UserError

if TYPE_CHECKING:
    from zwgk_desktop.core.workspace import Workspace


@dataclass
class CheckResult:
    problems: list[str] = field(default_factory=list)  # Chinese, one per finding
    evidence_files: int = 0  # evidence files re-hashed
    head: anchor.HistoryHead | None = None  # the history head now (数据校验码)
    against: anchor.AnchorVerdict | None = None  # with --against: whether the ledger holds that state

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict:
        return {"ok": self.ok, "problems": self.problems, "evidence_files": self.evidence_files,
                "history_head": self.head.to_json() | {"code": self.head.code} if self.head else None,
                "against": None if self.against is None else {"held": self.against.held,
                                                               "message": self.against.message}}


def check_workspace(ws: Workspace, *, against: str | Path | None = None,
                    progress: ProgressFn | None = None) -> CheckResult:
    """The database file, the history chain, foreign keys, every record against the replayed history,
    every evidence file's SHA-256, and (``against``: a report, a backup or a typed 数据校验码) whether the
    history still contains the state that file was made from. Problems are reported, never raised, except
    an ``against`` that is no report or backup (UserError, before anything is checked)."""
    source = anchor.read_anchor(against) if against is not None else None
    result = CheckResult(problems=ws.check_integrity())
    try:
        result.evidence_files, files = ws.verify_evidence(progress=progress)
        result.problems += [p.describe() for p in files if p.problem != "orphan"]
        with ws.reading() as s:
            result.head = anchor.head(s)
            if source is not None:
                result.against = anchor.contains(s, *source)
                if not result.against.held:
                    result.problems.append(result.against.message)
    except Cancelled:
        raise
    except UserError as exc:  # a damaged database: reported with the rest
        result.problems.append(message_of(exc))
    return result
