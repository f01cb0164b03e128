"""What `zwgk check` and the window's 检查数据完整性 report: both run :meth:`Workspace.check`."""

from __future__ import annotations

from dataclasses import dataclass, field

from zwgk_desktop.core import anchor


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
