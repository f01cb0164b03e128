"""The rows of the import preview: every item as it was understood, and the rows that were skipped.

Per item: path, title, the 公开时限 text and how it was understood, units, channels and warnings (a time
limit that could not be understood, no responsible unit). Qt-free: the window shows these in a table and
``zwgk import --dry-run`` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zwgk_desktop.core.deadlines.reading import DeadlineReading, deadline_rule_json, read_deadline
from zwgk_desktop.core.messages import Msg, msg
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, SkippedRow, SkipReason
from zwgk_desktop.core.unit_roles import owners_display, pack_owners


def understand_deadline(text: str) -> DeadlineReading:
    """The rule read from a 公开时限 text (one reader for the preview, ``deadline_rule`` and due dates:
    :func:`zwgk_desktop.core.deadlines.reading.read_deadline`)."""
    return read_deadline(text)


def item_warnings(item: ParsedItem, *, units_expected: bool = True) -> list[Msg]:
    """What the clerk should check on this item. ``units_expected`` is False when no item of the file
    names a unit (a notice without 责任单位 remarks): that is said once (template_notes), not per item."""
    out: list[Msg] = []
    if not understand_deadline(item.deadline).understood:
        out.append(msg("公开时限“{text}”没能识别", text=item.deadline))
    if units_expected and not item.owners:
        out.append(msg("没有责任单位"))
    return out


def template_notes(parsed: ParsedTemplate) -> list[Msg]:
    """Facts about the whole file worth a look before importing."""
    if parsed.items and not any(it.owners for it in parsed.items):
        return [msg("文件中没有读到任何责任单位")]
    return []


@dataclass(frozen=True)
class PreviewItem:
    index: int  # into parsed.items
    path: str  # "一级 / 二级"
    title: str
    deadline: str
    deadline_meaning: str
    deadline_understood: bool
    owners: str
    channels: str
    warnings: list[str] = field(default_factory=list)
    sheet: str = ""
    row: int | None = None

    def to_json(self) -> dict:
        return {"index": self.index, "deadline_understood": self.deadline_understood,
                "deadline_meaning": self.deadline_meaning, "deadline_rule": deadline_rule_json(self.deadline),
                "warnings": list(self.warnings)}


def preview_items(parsed: ParsedTemplate) -> list[PreviewItem]:
    out: list[PreviewItem] = []
    units_expected = any(it.owners for it in parsed.items)
    for i, it in enumerate(parsed.items):
        reading = understand_deadline(it.deadline)
        out.append(PreviewItem(i, " / ".join(it.path), it.title, it.deadline, reading.meaning, reading.understood,
                               "、".join(owners_display(pack_owners(it.owners, it.lead_units, it.support_units))),
                               "、".join(it.channels), item_warnings(it, units_expected=units_expected),
                               it.source.sheet, it.source.row))
    return out


def reported_skips(parsed: ParsedTemplate) -> list[SkippedRow]:
    """Skipped rows worth telling the clerk about: all but blank ones."""
    return [s for s in parsed.skipped if s.reason is not SkipReason.BLANK]


def nothing_to_report(parsed: ParsedTemplate, items: list[PreviewItem] | None = None) -> bool:
    """True only when reading found no warning (file or item) and skipped no non-empty row."""
    if parsed.warnings or reported_skips(parsed) or template_notes(parsed):
        return False
    items = preview_items(parsed) if items is None else items
    return not any(it.warnings for it in items)


def skip_reason_text(row: SkippedRow) -> str:
    return msg("{reason}：{detail}", reason=row.reason.label, detail=row.detail) if row.detail else row.reason.label
