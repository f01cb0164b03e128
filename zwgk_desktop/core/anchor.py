"""The history head outside the database: each PDF report and backup carries the chain's length and last
hash (printed on the report as 数据校验码), and `check --against` tells whether the ledger still holds that
state: the anchored entry must still be at its place in the chain (its hash covers every entry before it).
Rewriting or cutting the history after a report went out is then seen, even when the whole chain was
recomputed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zwgk_desktop.core.db.models import HistoryEntry
from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.types import UserError

TOKEN_RE = re.compile(rb"zwgk-head:(\d{1,12}):([0-9a-f]{64})")
CODE_RE = re.compile(r"^\s*(\d{1,12})\s*[-:]\s*([0-9a-fA-F]{16,64})\s*$")
SHOWN_HEX = 16  # hex digits of the hash printed in the code (64 bits)
MAX_PDF_BYTES = 500 * 1024 * 1024


@dataclass(frozen=True)
class HistoryHead:
    count: int
    hash: str  # the last entry's hash (a printed code holds only its first SHOWN_HEX digits)

    @property
    def code(self) -> str:
        """As printed on a report: 1234-0123456789abcdef."""
        return f"{self.count}-{self.hash[:SHOWN_HEX]}"

    @property
    def token(self) -> str:
        """As written into a PDF's metadata (keywords), with the whole hash."""
        return f"zwgk-head:{self.count}:{self.hash}"

    def to_json(self) -> dict:
        return {"count": self.count, "hash": self.hash}


def head(session: Session) -> HistoryHead:
    count = session.scalar(select(func.count()).select_from(HistoryEntry)) or 0
    last = session.scalar(select(HistoryEntry.hash).order_by(HistoryEntry.seq.desc()).limit(1)) or ""
    return HistoryHead(count, last)


def parse_code(text: str) -> HistoryHead | None:
    m = CODE_RE.match(text)
    return HistoryHead(int(m.group(1)), m.group(2).lower()) if m else None


def read_anchor(source: str | Path) -> tuple[HistoryHead, str]:
    """The head a report (.pdf), a backup (.zip) or a typed 数据校验码 carries, and what it came from."""
    text = str(source)
    path = Path(text)
    if not path.exists():
        code = parse_code(text)
        if code is None:
            raise UserError(msg("找不到文件“{name}”，它也不是数据校验码（应为“条数-校验值”，如 123-0123456789abcdef）。",
                                name=text))
        return code, msg("数据校验码")
    if path.suffix.lower() == ".zip":
        from zwgk_desktop.core.backup_manifest import read_manifest

        value = read_manifest(path).get("history_head")
        if not isinstance(value, dict) or not isinstance(value.get("count"), int) \
                or not re.fullmatch(r"[0-9a-f]{64}|", str(value.get("hash", ""))):
            raise UserError(msg("备份“{name}”中没有数据校验码（由旧版本的程序生成），无法核对。", name=path.name))
        return HistoryHead(value["count"], value["hash"]), msg("备份“{name}”", name=path.name)
    try:
        if path.stat().st_size > MAX_PDF_BYTES:
            raise UserError(msg("文件“{name}”过大，不是本程序生成的报告。", name=path.name))
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(msg("无法读取文件“{name}”（{reason}）。", name=path.name, reason=exc.strerror or str(exc))) from exc
    found = TOKEN_RE.findall(data)
    if not data.startswith(b"%PDF") or not found:
        raise UserError(msg("文件“{name}”中没有数据校验码：它不是本程序生成的 PDF 报告或备份（或由旧版本生成）。",
                            name=path.name))
    count, digest = found[-1]
    return HistoryHead(int(count), digest.decode()), msg("报告“{name}”", name=path.name)


@dataclass(frozen=True)
class AnchorVerdict:
    held: bool  # the ledger still contains the anchored state
    message: str
    later: int = 0  # entries written after it


def contains(session: Session, anchored: HistoryHead, source: str) -> AnchorVerdict:
    now = head(session)
    if anchored.count == 0:
        held = True
    else:
        at = session.scalar(select(HistoryEntry.hash).order_by(HistoryEntry.seq)
                            .offset(anchored.count - 1).limit(1))
        held = bool(at) and bool(anchored.hash) and at.startswith(anchored.hash)
    if not held:
        return AnchorVerdict(False, msg(
            "{source}的数据校验码 {code} 不在当前的变更记录中：变更记录在其生成之后被改写或删减（现有 {now} 条）。"
            "请用该时间之前的备份核对。", source=source, code=anchored.code, now=now.count))
    later = now.count - anchored.count
    if later == 0:
        return AnchorVerdict(True, msg("{source}的数据校验码 {code} 与当前变更记录一致：之后没有新的变更。",
                                       source=source, code=anchored.code))
    return AnchorVerdict(True, msg("{source}的数据校验码 {code} 仍在变更记录中：之后又有 {n} 条变更记录。",
                                   source=source, code=anchored.code, n=later), later)
