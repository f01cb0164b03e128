"""What the import dialogs show and collect, computed without Qt.

* the column-mapping choices and the ``表头=字段`` mapping built from the user's picks, in the form
  :func:`zwgk_desktop.core.importing.read_template` accepts;
* the warnings of a parsed template as table rows;
* the rows of the update diff (新增 / 删除 / 修改 / 相近) from a :class:`~zwgk_desktop.core.store.versioning.UpdatePlan`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from zwgk_desktop.core.importing import FIELDS, SheetPreview
from zwgk_desktop.core.importing.header import column_letter  # re-exported for the mapping dialog
from zwgk_desktop.core.messages import join_msgs, msg
from zwgk_desktop.core.store.versioning import FIELD_LABELS, Match, SimilarDecision, UpdatePlan  # noqa: F401 - FIELD_LABELS re-exported
from zwgk_desktop.core.types import ParsedTemplate

IGNORE = "ignore"
IGNORE_LABEL = "忽略"
# Tables can be mapped column by column; notices (.txt/.docx outlines) cannot.
MAPPABLE_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".csv"})
OPEN_FILTER = "模板文件 (*.xlsx *.xls *.xlsm *.ods *.csv *.txt *.docx)"

def supports_mapping(path: Path | str) -> bool:
    return Path(path).suffix.lower() in MAPPABLE_SUFFIXES


def field_choices() -> list[tuple[str, str]]:
    """(field, Chinese label) pairs for a column combo, 忽略 first."""
    return [(IGNORE, IGNORE_LABEL), *FIELDS.items()]


def sheet_width(sheet: SheetPreview) -> int:
    return max(len(sheet.labels), *(len(r) for r in sheet.rows), 0)


def guess_header_row(sheet: SheetPreview) -> int:
    """For a sheet without a detected header: the first of the top rows with the most filled cells."""
    best, best_count = 0, -1
    for i, row in enumerate(sheet.rows[:5]):
        count = sum(1 for v in row if v.strip())
        if count > best_count:
            best, best_count = i, count
    return best


def column_labels(sheet: SheetPreview, header_row: int | None = None) -> list[str]:
    """Header text per column: the detected header, or the row the user picked as header."""
    width = sheet_width(sheet)
    if sheet.header_rows:
        labels = list(sheet.labels)
    elif header_row is not None and 0 <= header_row < len(sheet.rows):
        labels = [v.strip() for v in sheet.rows[header_row]]
    else:
        labels = []
    labels += [""] * (width - len(labels))
    return [lab or column_letter(c) for c, lab in enumerate(labels)]


def data_rows(sheet: SheetPreview, header_row: int | None = None) -> list[list[str]]:
    """The sample rows below the header (the picked header row is not data)."""
    if sheet.header_rows or header_row is None:
        return sheet.rows
    return sheet.rows[header_row + 1:]


def column_keys(sheet: SheetPreview, header_row: int | None = None) -> list[str]:
    """The mapping key per column: its header text when unique in the sheet, else its letter (A, B…)."""
    labels = column_labels(sheet, header_row)
    counts = Counter(labels)
    return [lab if counts[lab] == 1 else column_letter(c) for c, lab in enumerate(labels)]


def initial_fields(sheet: SheetPreview) -> dict[int, str]:
    """The detected field per column (IGNORE where nothing was recognised)."""
    return {c: sheet.suggested.get(c, IGNORE) for c in range(sheet_width(sheet))}


@dataclass
class SheetChoice:
    """The user's picks for one sheet of the mapping dialog."""

    sheet: SheetPreview
    fields: dict[int, str]  # column -> field name or IGNORE
    header_row: int | None = None  # index into sheet.rows, only for sheets without a detected header

    @classmethod
    def detected(cls, sheet: SheetPreview) -> SheetChoice:
        return cls(sheet, initial_fields(sheet), None if sheet.header_rows else guess_header_row(sheet))

    def changed_columns(self) -> dict[int, str]:
        """Columns whose pick differs from detection (all picked columns when nothing was detected)."""
        if not self.sheet.header_rows:
            return {c: f for c, f in self.fields.items() if f != IGNORE}
        return {c: f for c, f in self.fields.items() if f != self.sheet.suggested.get(c, IGNORE)}

    def has_title(self) -> bool:
        return any(f in ("title", "content") for f in self.fields.values())


def build_mapping(choices: Iterable[SheetChoice]) -> dict[str, str]:
    """The ``{表头或列字母: 字段}`` mapping for read_template: only what the user changed, so the
    detection of the other columns (task levels, ticked sub-columns) stays as it was."""
    mapping: dict[str, str] = {}
    for choice in choices:
        keys = column_keys(choice.sheet, choice.header_row)
        for col, field_name in sorted(choice.changed_columns().items()):
            if col < len(keys):
                mapping[keys[col]] = field_name
    return mapping


def mapping_problem(choices: Iterable[SheetChoice]) -> str:
    """A Chinese explanation when the picks cannot work, else ""."""
    choices = list(choices)
    if choices and not any(c.has_title() for c in choices):
        return msg("请至少把一列指定为“事项”或“内容”。")
    return ""


# ---------------------------------------------------------------- preview and diff rows

@dataclass(frozen=True)
class WarningRow:
    sheet: str
    row: str
    message: str


def warning_rows(parsed: ParsedTemplate) -> list[WarningRow]:
    return [WarningRow(w.source.sheet, str(w.source.row) if w.source.row is not None else "", w.message)
            for w in parsed.warnings]


def name_problem(name: str, existing_names: Iterable[str]) -> str:
    name = name.strip()
    if not name:
        return msg("请填写清单名称。")
    if name in set(existing_names):
        return msg("已存在名为“{name}”的清单，请换一个名称。", name=name)
    return ""


@dataclass(frozen=True)
class DiffRow:
    """A row of the 新增 list (and the short form of the other lists)."""

    category: str
    title: str
    detail: str


@dataclass(frozen=True)
class ChangeRow:
    """One changed field of a kept item: shown as old → new."""

    record_id: str
    category: str
    title: str
    field: str  # Chinese label
    old: str
    new: str


@dataclass(frozen=True)
class RemovalRow:
    """An item that applying would archive, with the work it holds."""

    record_id: str
    category: str
    title: str
    work: str
    holds_work: bool
    confirmed: bool
    declined_similar: bool  # archived because the clerk treated its similar pair as new


@dataclass(frozen=True)
class SimilarRow:
    record_id: str
    old_title: str
    new_title: str
    category: str
    score: int  # percent
    differences: str  # "事项：A → B；内容：…"
    work: str
    decision: str  # SimilarDecision value


@dataclass
class DiffRows:
    added: list[DiffRow]
    removed: list[RemovalRow]
    changed: list[ChangeRow]
    similar: list[SimilarRow]
    unchanged: int


def _short(value: object, limit: int = 40) -> str:
    text = "、".join(value) if isinstance(value, list) else str(value or "")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _category(values: dict) -> str:
    return " / ".join(values.get("path") or [])


def _changes_text(m: Match) -> str:
    return join_msgs("；", [msg("{label}：{old} → {new}", label=c.label, old=_short(c.old), new=_short(c.new))
                           for c in m.changes])


def diff_rows(plan: UpdatePlan) -> DiffRows:
    """The four lists of the update view, following the plan's current decisions."""
    items = plan.parsed.items
    added = [DiffRow(" / ".join(items[i].path), items[i].title, _short(items[i].content, 60))
             for i in plan.to_add()]
    declined = {m.old.record_id for m in plan.similar if m.decision is SimilarDecision.NEW}
    removed = [RemovalRow(o.record_id, _category(o.values), o.values["title"], o.work.describe(), o.work.holds_work,
                          o.archive_confirmed, o.record_id in declined) for o in plan.to_remove()]
    changed = [ChangeRow(m.old.record_id, _category(m.after), m.after["title"], c.label,
                         _change_text(c.field, c.old), _change_text(c.field, c.new))
               for m in plan.changed for c in m.changes]
    similar = [SimilarRow(m.old.record_id, m.old.values["title"], m.after["title"], _category(m.after),
                          round(m.score * 100), _changes_text(m), m.old.work.describe(), m.decision.value)
               for m in plan.similar]
    return DiffRows(added, removed, changed, similar, plan.unchanged)


def _change_text(field_name: str, value: object) -> str:
    if field_name == "path":
        return " / ".join(value or []) if isinstance(value, list) else str(value or "")
    if isinstance(value, list):
        return "、".join(map(str, value))
    return str(value or "")
