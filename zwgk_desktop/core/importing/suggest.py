"""What to tell the clerk when columns are not understood: the columns as read and a ready mapping.

Used by ``zwgk import`` (printed with a ``--map`` line to copy, exit 1) and available to the window; the
window's mapping dialog shows the same :class:`~zwgk_desktop.core.importing.api.SheetPreview`.
"""

from __future__ import annotations

import shlex

from .api import SheetPreview
from .columns import FIELDS, field_from_user

_NOT_ITEM = {"owners", "deadline", "basis", "channels", "code", "audience", "mode", "level"}


def item_column(sheet: SheetPreview) -> int | None:
    """The column most likely to hold the items: the longest text among columns not mapped elsewhere."""
    best: tuple[float, int] | None = None
    for c, _label in enumerate(sheet.labels):
        if sheet.suggested.get(c) in _NOT_ITEM or (sheet.suggested.get(c) or "").startswith("category"):
            continue
        cells = [r[c] for r in sheet.rows if c < len(r) and r[c]]
        if not cells:
            continue
        avg = sum(len(x) for x in cells) / len(cells)
        if best is None or avg > best[0]:
            best = (avg, c)
    return best[1] if best else None


def _as_headed(sheet: SheetPreview) -> SheetPreview:
    """A sheet whose header was not found, read with its first row as the column names."""
    if sheet.header_rows or not sheet.rows:
        return sheet
    labels = [x or "" for x in sheet.rows[0]]
    suggested: dict[int, str] = {}
    for c, label in enumerate(labels):
        f = field_from_user(label) if label else ""
        if f and f != "ignore" and f not in suggested.values():
            suggested[c] = f
    return SheetPreview(sheet.sheet, [], labels, suggested, True, sheet.rows[1:], sheet.title)


def suggested_mapping(sheet: SheetPreview) -> dict[str, str]:
    """``表头 -> 字段`` pairs (Chinese field labels) for the columns of ``sheet``, with an item column."""
    sheet = _as_headed(sheet)
    out = {sheet.labels[c]: FIELDS.get(f, f) for c, f in sheet.suggested.items()
           if c < len(sheet.labels) and sheet.labels[c] and not f.startswith("category")}
    for c, f in sheet.suggested.items():
        if f.startswith("category") and c < len(sheet.labels):
            out[sheet.labels[c]] = FIELDS.get(f, f)
    if not any(f in ("title", "content") for f in sheet.suggested.values()):
        c = item_column(sheet)
        if c is not None and sheet.labels[c]:
            out[sheet.labels[c]] = FIELDS["title"]
    return out


def map_arguments(mapping: dict[str, str]) -> str:
    """The ``--map`` arguments for a command line."""
    return " ".join(f"--map {shlex.quote(f'{k}={v}')}" for k, v in mapping.items())


def describe_columns(sheets: list[SheetPreview]) -> list[str]:
    """Lines listing each sheet's columns with the field each was understood as (or 未识别)."""
    lines: list[str] = []
    for sh in sheets:
        where = f"工作表“{sh.sheet}”" + (f"（表头在第 {'、'.join(map(str, sh.header_rows))} 行）" if sh.header_rows
                                        else "（没有找到表头，按第一行列出）")
        sh = _as_headed(sh)
        lines.append(where + "的列：")
        for c, label in enumerate(sh.labels):
            field_name = sh.suggested.get(c)
            sample = next((r[c] for r in sh.rows if c < len(r) and r[c]), "")
            sample = sample if len(sample) <= 24 else sample[:23] + "…"
            lines.append(f"  {label or '（无表头）'} → {FIELDS.get(field_name, field_name) if field_name else '未识别'}"
                         + (f"　例：{sample}" if sample else ""))
    return lines
