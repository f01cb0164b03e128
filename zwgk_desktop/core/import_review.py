"""What the import dialogs show and collect, computed without Qt.

* the column-mapping choices and the ``表头=字段`` mapping built from the user's picks, in the form
  :func:`zwgk_desktop.core.importing.read_template` accepts;
* the warnings of a parsed template as table rows;
* the rows of the update diff (新增 / 删除 / 修改 / 相近) from a :class:`~zwgk_desktop.core.versioning.UpdatePlan`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from zwgk_desktop.core.importing import FIELDS, SheetPreview
from zwgk_desktop.core.importing.header import column_letter  # re-exported for the mapping dialog
from zwgk_desktop.core.types import ParsedTemplate
from zwgk_desktop.core.versioning import UpdatePlan

IGNORE = "ignore"
IGNORE_LABEL = "忽略"
# Tables can be mapped column by column; notices (.txt/.docx outlines) cannot.
MAPPABLE_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".csv"})
OPEN_FILTER = "模板文件 (*.xlsx *.xls *.xlsm *.ods *.csv *.txt *.docx)"

FIELD_LABELS: dict[str, str] = {
    "code": "编号", "path": "分类", "title": "事项", "content": "内容", "basis": "公开依据",
    "deadline": "公开时限", "owners": "责任单位", "channels": "公开渠道", "audience": "公开对象",
    "mode": "公开方式", "level": "公开层级",
}


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
        return "请至少把一列指定为“事项”或“内容”。"
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
        return "请填写清单名称。"
    if name in set(existing_names):
        return f"已存在名为“{name}”的清单，请换一个名称。"
    return ""


@dataclass(frozen=True)
class DiffRow:
    category: str
    title: str
    detail: str


@dataclass
class DiffRows:
    added: list[DiffRow]
    removed: list[DiffRow]
    changed: list[DiffRow]
    similar: list[DiffRow]
    unchanged: int


def _short(value: object, limit: int = 40) -> str:
    text = "、".join(value) if isinstance(value, list) else str(value or "")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _category(values: dict) -> str:
    return " / ".join(values.get("path") or [])


def diff_rows(plan: UpdatePlan, *, accept_similar: bool) -> DiffRows:
    data = plan.to_json(accept_similar=accept_similar)
    added = [DiffRow(_category(v), v["title"], _short(v.get("content"), 60)) for v in data["added"]]
    removed = [DiffRow(_category(v), v["title"], "状态：" + _status_label(v.get("status", "")))
               for v in data["removed"]]
    changed = []
    for m in data["changed"]:
        if m["how"] == "similar" and not m["fields"]:
            detail = f"相近事项（相似度 {round(m['score'] * 100)}%）"
        else:
            parts = [f"{FIELD_LABELS.get(f, f)}：{_short(m['before'].get(f))} → {_short(m['after'].get(f))}"
                     for f in m["fields"]]
            detail = "；".join(parts)
        changed.append(DiffRow(_category(m["after"]), m["after"]["title"], detail))
    similar = [DiffRow(_category(m["after"]), m["after"]["title"],
                       f"相似度 {round(m['score'] * 100)}%，原事项：{_short(m['before'].get('title'), 60)}")
               for m in data["similar"]]
    return DiffRows(added, removed, changed, similar, data["unchanged"])


def _status_label(value: str) -> str:
    from zwgk_desktop.core.types import Status

    try:
        return Status(value).label
    except ValueError:
        return value
