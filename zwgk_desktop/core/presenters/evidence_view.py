"""Wording and choices the evidence panel and the publication dialog show; Qt-free."""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from zwgk_desktop.core.deadlines.calendar import WorkdayCalendar
from zwgk_desktop.core.deadlines.rules import parse_deadline
from zwgk_desktop.core.deadlines.timeliness import assess
from zwgk_desktop.core.messages import join_msgs, msg
from zwgk_desktop.core.presenters.ledger_view import local_time
from zwgk_desktop.core.store.evidence import EvidenceInfo
from zwgk_desktop.core.store.publications import PublicationInfo

# The fixed channel list of the standard catalogues (公开渠道和载体).
STANDARD_CHANNELS = ("政府网站", "政府公报", "两微一端", "发布会/听证会", "广播电视", "纸质媒体", "公开查阅点",
                     "政务服务中心", "便民服务站", "入户/现场", "社区/企事业单位/村公示栏（电子屏）", "精准推送", "其他")

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".tif", ".tiff"})
PDF_SUFFIXES = frozenset({".pdf"})
# Files larger than this are attached behind a progress dialog (hashing and copying take a while).
LARGE_ATTACH_BYTES = 20 * 1024 * 1024


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            return f"{value:.1f} {unit}" if value < 100 else f"{value:.0f} {unit}"
    return f"{size} B"  # pragma: no cover


def file_kind(info: EvidenceInfo) -> str:
    """'image', 'pdf' or 'other' for a file; the kind ('link'/'text') otherwise."""
    if info.kind != "file":
        return info.kind
    suffix = Path(info.name).suffix.lower()
    mime = info.mime or mimetypes.guess_type(info.name)[0] or ""
    if suffix in IMAGE_SUFFIXES or mime.startswith("image/"):
        return "image"
    if suffix in PDF_SUFFIXES or mime == "application/pdf":
        return "pdf"
    return "other"


def badge_text(info: EvidenceInfo) -> str:
    """Short label drawn on the icon of evidence without a thumbnail."""
    if info.kind == "link":
        return msg("链接")
    if info.kind == "text":
        return msg("说明")
    suffix = Path(info.name).suffix.lstrip(".").upper()
    return suffix[:4] or msg("文件")


@dataclass(frozen=True)
class EvidenceLines:
    title: str
    detail: str
    tooltip: str


def _when(at: datetime) -> str:
    return local_time(at).strftime("%Y-%m-%d %H:%M")


def evidence_lines(info: EvidenceInfo) -> EvidenceLines:
    who = info.added_by or msg("（未知）")
    added = msg("{who} 添加于 {time}", who=who, time=_when(info.added_at))
    if info.kind == "file":
        return EvidenceLines(info.name, msg("{size} · {added}", size=format_size(info.size), added=added),
                             msg("{name}\nSHA-256：{sha256}\n{added}", name=info.name, sha256=info.sha256, added=added))
    if info.kind == "link":
        seen = msg(" · {date} 查看", date=info.seen_on.isoformat()) if info.seen_on else ""
        title = info.title or info.url
        return EvidenceLines(title, msg("{url}{seen} · {added}", url=info.url, seen=seen, added=added),
                             msg("{title}\n{url}\n{added}", title=title, url=info.url, added=added))
    first = info.name or msg("（空说明）")
    more = " …" if len(info.text.strip().splitlines()) > 1 or len(info.text.strip()) > len(first) else ""
    title = msg("{first}{more}", first=first, more=more) if more else first
    return EvidenceLines(title, msg("文字说明 · {added}", added=added),
                         msg("{text}\n\n{added}", text=info.text, added=added))


def screenshot_name(now: datetime | None = None) -> str:
    """File name for a pasted screenshot: ``截图-YYYYMMDD-HHMMSS.png``."""
    return f"截图-{(now or datetime.now()):%Y%m%d-%H%M%S}.png"


def channel_choices(item_channels: Iterable[str]) -> list[str]:
    """The item's own channels first, then the rest of the standard list."""
    out: list[str] = []
    for ch in (*item_channels, *STANDARD_CHANNELS):
        ch = ch.strip()
        if ch and ch not in out:
            out.append(ch)
    return out


TONE_OK = "ok"
TONE_LATE = "late"
TONE_UNKNOWN = "unknown"


@dataclass(frozen=True)
class Verdict:
    text: str
    tone: str  # ok | late | unknown
    tooltip: str


def publication_verdict(pub: PublicationInfo) -> Verdict:
    tips = []
    if pub.due:
        tips.append(msg("应在 {date} 前公开", date=pub.due.isoformat()))
    if pub.warning:
        tips.append(pub.warning)
    tone = TONE_UNKNOWN if pub.on_time is None else (TONE_OK if pub.on_time else TONE_LATE)
    return Verdict(pub.verdict, tone, join_msgs("\n", tips))


def preview_verdict(deadline_text: str, *, year: int | None, formed: date | None, published: date | None,
                    cal: WorkdayCalendar) -> Verdict:
    """What a publication with these dates would be judged, before it is saved."""
    if not deadline_text.strip():
        return Verdict(msg("事项没有公开时限，无法判断是否按时"), TONE_UNKNOWN, "")
    t = assess(parse_deadline(deadline_text), formed=formed, published=published, year=year, cal=cal)
    if t.due is None:
        return Verdict(t.warning or msg("无法根据公开时限算出截止日期"), TONE_UNKNOWN, deadline_text)
    due = msg("按“{deadline_text}”，应在 {date} 前公开", deadline_text=deadline_text, date=t.due.isoformat())
    if t.on_time is None:
        return Verdict(due, TONE_UNKNOWN, t.warning)
    text = msg("按时") if t.on_time else msg("逾期 {late_workdays} 个工作日", late_workdays=t.late_workdays)
    if t.estimated:
        text = msg("{text}（估算）", text=text)
    return Verdict(msg("{due}：{verdict}", due=due, verdict=text), TONE_OK if t.on_time else TONE_LATE, t.warning)


def publication_place(pub: PublicationInfo) -> str:
    return " · ".join(x for x in (pub.channel, pub.place) if x)
