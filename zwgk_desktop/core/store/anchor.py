"""The history head outside the database: each PDF report and backup carries the chain's length and last
hash (printed on the report as 数据校验码), and `check --against` tells whether the ledger still holds that
state: the anchored entry must still be at its place in the chain (its hash covers every entry before it).
Rewriting or cutting the history after a report went out is then seen, even when the whole chain was
recomputed. Reading the head back from a report or backup file is services/integrity.py's read_anchor."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zwgk_desktop.core.db.models import HistoryEntry
from zwgk_desktop.core.messages import msg

TOKEN_RE = re.compile(rb"zwgk-head:(\d{1,12}):([0-9a-f]{64})")
CODE_RE = re.compile(r"^\s*(\d{1,12})\s*[-:]\s*([0-9a-fA-F]{16,64})\s*$")
SHOWN_HEX = 16  # hex digits of the hash printed in the code (64 bits)


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
