"""What `zwgk check` and the window's 检查数据完整性 report (both run :meth:`Workspace.check`), and reading
the 数据校验码 a report, a backup or a typed code carries (``--against``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.store import anchor
from zwgk_desktop.core.types import UserError

MAX_PDF_BYTES = 500 * 1024 * 1024  # a report larger than this is not one of ours


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


def read_anchor(source: str | Path) -> tuple[anchor.HistoryHead, str]:
    """The head a report (.pdf), a backup (.zip) or a typed 数据校验码 carries, and what it came from."""
    text = str(source)
    path = Path(text)
    if not path.exists():
        code = anchor.parse_code(text)
        if code is None:
            raise UserError(msg("找不到文件“{name}”，它也不是数据校验码（应为“条数-校验值”，如 123-0123456789abcdef）。",
                                name=text))
        return code, msg("数据校验码")
    if path.suffix.lower() == ".zip":
        from zwgk_desktop.core.services.backup_manifest import read_manifest

        value = read_manifest(path).get("history_head")
        if not isinstance(value, dict) or not isinstance(value.get("count"), int) \
                or not re.fullmatch(r"[0-9a-f]{64}|", str(value.get("hash", ""))):
            raise UserError(msg("备份“{name}”中没有数据校验码（由旧版本的程序生成），无法核对。", name=path.name))
        return anchor.HistoryHead(value["count"], value["hash"]), msg("备份“{name}”", name=path.name)
    try:
        if path.stat().st_size > MAX_PDF_BYTES:
            raise UserError(msg("文件“{name}”过大，不是本程序生成的报告。", name=path.name))
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(msg("无法读取文件“{name}”（{reason}）。", name=path.name, reason=exc.strerror or str(exc))) from exc
    found = anchor.TOKEN_RE.findall(data)
    if not data.startswith(b"%PDF") or not found:
        raise UserError(msg("文件“{name}”中没有数据校验码：它不是本程序生成的 PDF 报告或备份（或由旧版本生成）。",
                            name=path.name))
    count, digest = found[-1]
    return anchor.HistoryHead(int(count), digest.decode()), msg("报告“{name}”", name=path.name)
