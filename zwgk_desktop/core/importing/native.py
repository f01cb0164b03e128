"""The app's own template format (模板交换格式, .xlsx).

Sheet ``模板`` — row 1 holds the headers, one item per following row, in order. Written as::

    编号 | 一级分类 | 二级分类 | 三级分类 | 事项 | 内容 | 公开依据 | 公开时限 | 责任单位 | 公开渠道 | 公开对象 | 公开方式 | 公开层级

(the native headers of the field registry, :mod:`zwgk_desktop.core.fields`, in its order)

* more category levels are added as ``四级分类``, ``五级分类`` … after ``三级分类``, only when an item uses them;
  an item's path fills the category columns from the left, unused ones stay blank;
* list fields (责任单位, 公开渠道, 公开对象, 公开方式, 公开层级) hold their entries joined with ``、``;
  责任单位 entries are full unit or group names (``县教育和体育局``, ``各乡镇(街道)``), read back as written;
* 内容 and 公开依据 may contain line breaks (kept before numbered points).

Sheet ``说明`` — key/value rows (column A key, column B value) so a round trip keeps the template's
metadata: ``格式`` (``zwgk-desktop 模板``), ``格式版本`` (``1.0``), ``模板名称``, ``发布单位``, ``年度``, ``版本``,
``来源类型`` (catalogue / tasks / notice / native). Unknown keys are ignored; the sheet is optional when
importing (the name then comes from the file name).

Compatibility (:func:`check_version`), as qutebrowser's ``UserVersion``: ``格式版本`` is ``major.minor``
(``1`` is ``1.0``). A file of a newer *major* version is refused with a Chinese message naming it (its
layout may mean something this version cannot read); a newer *minor* version only adds columns. Reading
goes by header text, not position: the known columns in any order, category levels by their number,
``事项`` required, any other known column optional; a column this version does not know is reported
with the number of cells it holds (never read into another field by a similar name), not fatal.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..fields import ITEM_FIELDS, FieldKind, ItemField, display_text
from ..fileutil import atomic_path
from ..messages import msg
from ..types import BadFileError, ParsedItem, ParsedTemplate, SourceRef
from ..unit_roles import owners_display, pack_owners
from .columns import ColumnRole
from .header import Header
from .normalize import clean, label_key
from .readers import Grid

TEMPLATE_SHEET = "模板"
INFO_SHEET = "说明"
FORMAT_NAME = "zwgk-desktop 模板"
FORMAT_MAJOR = 1  # a file of another major version is refused
FORMAT_MINOR = 0  # newer minor versions only add columns
FORMAT_VERSION = f"{FORMAT_MAJOR}.{FORMAT_MINOR}"
_LEVEL_NAMES = "一二三四五六七八九"
_LEVEL_HEADER = re.compile(rf"^([{_LEVEL_NAMES}])级分类$")
INFO_KEYS = {"模板名称": "name", "发布单位": "issuer", "年度": "year", "版本": "version", "来源类型": "kind",
             "格式": "format", "格式版本": "format_version"}
_VERSION = re.compile(r"^\s*[vV]?(\d{1,4})(?:\.(\d{1,4}))?(?:\.\d{1,4})?\s*$")
# column width in characters when written, by field name (category levels 16, others 12)
_WIDTHS = {"code": 8, "title": 24, "content": 48, "basis": 30, "deadline": 24, "owners": 30, "channels": 24}
_TITLE = "title"


def level_header(level: int) -> str:
    """``一级分类`` for level 1 (1-based)."""
    return f"{_LEVEL_NAMES[level - 1]}级分类"


def native_headers(levels: int = 3) -> list[str]:
    levels = max(3, min(levels, len(_LEVEL_NAMES)))
    out: list[str] = []
    for f in ITEM_FIELDS:
        if f.kind is FieldKind.PATH:
            out.extend(level_header(i + 1) for i in range(levels))
        else:
            out.append(f.native_header)
    return out


_BY_HEADER: dict[str, ItemField] = {label_key(f.native_header): f for f in ITEM_FIELDS if f.native_header}


def column_role(label: str) -> ColumnRole | None:
    """What a header of the native format holds (None: a column this version does not know)."""
    key = label_key(label)
    m = _LEVEL_HEADER.match(key)
    if m:
        return ColumnRole("catlevel", level=_LEVEL_NAMES.index(m.group(1)) + 1)
    field = _BY_HEADER.get(key)
    return ColumnRole(field.name) if field is not None else None


# what every 1.x file holds: the columns written by format 1.0 (later minor versions only add columns)
HEADERS_1_0 = ("编号", "一级分类", "二级分类", "三级分类", "事项", "内容", "公开依据", "公开时限", "责任单位", "公开渠道",
               "公开对象", "公开方式", "公开层级")


def is_native_header(labels: list[str]) -> bool:
    """Every column of format 1.0 is there (any order, other columns allowed): a native file even without
    its 说明 sheet."""
    keys = {label_key(x) for x in labels if x}
    return all(label_key(h) in keys for h in HEADERS_1_0)


def native_header(grid: Grid) -> Header | None:
    """The header of a ``模板`` sheet (row 1) read by the native format's own names; None without 事项."""
    if not grid.rows:
        return None
    width = grid.width
    tops = [clean(v) for v in grid.rows[0]] + [""] * (width - len(grid.rows[0]))
    roles = [column_role(t) if t else None for t in tops]
    if not any(r is not None and r.field == _TITLE for r in roles):
        return None
    seen: set[tuple[str, int]] = set()
    for c, role in enumerate(roles):  # a header written twice: the first column is read, the other reported
        if role is not None:
            key = (role.field, role.level)
            roles[c] = None if key in seen else role
            seen.add(key)
    return Header(0, 0, tops, [""] * width, list(tops), roles, sum(r is not None for r in roles))


def parse_version(text: str) -> tuple[int, int] | None:
    m = _VERSION.match(text or "")
    return (int(m.group(1)), int(m.group(2) or 0)) if m else None


def check_version(info: dict[str, str], file_name: str) -> tuple[int, int]:
    """The file's format version; raises a Chinese :class:`BadFileError` for one this version cannot read."""
    text = info.get("format_version", "").strip()
    if not text:
        return (FORMAT_MAJOR, 0)  # written before the row existed, or by hand
    where = SourceRef(file=file_name, sheet=INFO_SHEET)
    version = parse_version(text)
    if version is None:
        raise BadFileError(msg("模板格式版本“{version}”无法识别（应为“主版本.次版本”，如 {ours}），没有导入。",
                               version=text, ours=FORMAT_VERSION), where)
    if version[0] != FORMAT_MAJOR:
        newer = version[0] > FORMAT_MAJOR
        raise BadFileError(msg("这个文件的模板格式版本是 {version}，本程序只能读取 {major}.x 版本{advice}，没有导入。",
                               version=text, major=FORMAT_MAJOR,
                               advice=msg("（请升级本程序后再导入）") if newer else msg("（文件来自很旧的程序）")),
                           where)
    return version


def _cells(field: ItemField, item: ParsedItem, levels: int) -> list[str]:
    value = getattr(item, field.name)
    if field.kind is FieldKind.PATH:
        return list(value) + [""] * (levels - len(value))
    if field.kind is FieldKind.UNITS:
        return ["、".join(owners_display(pack_owners(value, item.lead_units, item.support_units)))]
    return [display_text(field, value)]


def write_native_xlsx(template: ParsedTemplate, path: Path | str) -> None:
    """Write ``template`` in the app's own format (see the module docstring), atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    levels = max((len(it.path) for it in template.items), default=0)
    headers = native_headers(levels)
    n_levels = len(headers) - len(ITEM_FIELDS) + 1
    wb = Workbook()
    ws = wb.active
    ws.title = TEMPLATE_SHEET
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for it in template.items:
        ws.append([cell for f in ITEM_FIELDS for cell in _cells(f, it, n_levels)])
    widths = [w for f in ITEM_FIELDS
              for w in ([16] * n_levels if f.kind is FieldKind.PATH else [_WIDTHS.get(f.name, 12)])]
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.data_type = "s" if cell.value is not None else cell.data_type
    info = wb.create_sheet(INFO_SHEET)
    info.append(["项目", "内容"])
    info.append(["格式", FORMAT_NAME])
    info.append(["格式版本", FORMAT_VERSION])
    info.append(["模板名称", template.name])
    info.append(["发布单位", template.issuer])
    info.append(["年度", str(template.year) if template.year else ""])
    info.append(["版本", template.version])
    info.append(["来源类型", template.kind.value])
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 50
    with atomic_path(path) as tmp:
        wb.save(tmp)


def read_info(rows: list[list[str]]) -> dict[str, str]:
    """Key/value pairs of the ``说明`` sheet, by ParsedTemplate attribute name."""
    out: dict[str, str] = {}
    for row in rows:
        if len(row) >= 2 and (key := clean(row[0] or "")) in INFO_KEYS:
            out[INFO_KEYS[key]] = (row[1] or "").strip()
    return out
