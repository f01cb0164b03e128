"""The app's own template format (模板交换格式, .xlsx).

Sheet ``模板`` — row 1 holds exactly these headers, one item per following row, in order::

    编号 | 一级分类 | 二级分类 | 三级分类 | 事项 | 内容 | 公开依据 | 公开时限 | 责任单位 | 公开渠道 | 公开对象 | 公开方式 | 公开层级

* more category levels are added as ``四级分类``, ``五级分类`` … after ``三级分类``, only when an item uses them;
  an item's path fills the category columns from the left, unused ones stay blank;
* list fields (责任单位, 公开渠道, 公开对象, 公开方式, 公开层级) hold their entries joined with ``、``;
  责任单位 entries are full unit or group names (``县教育和体育局``, ``各乡镇(街道)``), read back as written;
* 内容 and 公开依据 may contain line breaks (kept before numbered points).

Sheet ``说明`` — key/value rows (column A key, column B value) so a round trip keeps the template's
metadata: ``格式`` (``zwgk-desktop 模板``), ``格式版本`` (``1``), ``模板名称``, ``发布单位``, ``年度``, ``版本``,
``来源类型`` (catalogue / tasks / notice / native). Unknown keys are ignored; the sheet is optional when
importing (the name then comes from the file name).
"""

from __future__ import annotations

from pathlib import Path

from ..fileutil import atomic_path
from ..types import ParsedTemplate
from ..unit_roles import owners_display, pack_owners
from .normalize import label_key

TEMPLATE_SHEET = "模板"
INFO_SHEET = "说明"
FORMAT_NAME = "zwgk-desktop 模板"
FORMAT_VERSION = "1"
_LEVEL_NAMES = "一二三四五六七八九"
TAIL_HEADERS = [
    "事项",
    "内容",
    "公开依据",
    "公开时限",
    "责任单位",
    "公开渠道",
    "公开对象",
    "公开方式",
    "公开层级",
]
INFO_KEYS = {"模板名称": "name", "发布单位": "issuer", "年度": "year", "版本": "version", "来源类型": "kind"}


def native_headers(levels: int = 3) -> list[str]:
    levels = max(3, min(levels, len(_LEVEL_NAMES)))
    return ["编号", *(f"{_LEVEL_NAMES[i]}级分类" for i in range(levels)), *TAIL_HEADERS]


def is_native_header(labels: list[str]) -> bool:
    keys = [label_key(x) for x in labels if x]
    if len(keys) < len(native_headers()) or keys[0] != "编号" or keys[-len(TAIL_HEADERS) :] != TAIL_HEADERS:
        return False
    middle = keys[1 : -len(TAIL_HEADERS)]
    return middle == [f"{_LEVEL_NAMES[i]}级分类" for i in range(len(middle))]


def write_native_xlsx(template: ParsedTemplate, path: Path | str) -> None:
    """Write ``template`` in the app's own format (see the module docstring), atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    levels = max((len(it.path) for it in template.items), default=0)
    headers = native_headers(levels)
    n_levels = len(headers) - 1 - len(TAIL_HEADERS)
    wb = Workbook()
    ws = wb.active
    ws.title = TEMPLATE_SHEET
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for it in template.items:
        cats = list(it.path) + [""] * (n_levels - len(it.path))
        ws.append(
            [
                it.code,
                *cats,
                it.title,
                it.content,
                it.basis,
                it.deadline,
                "、".join(owners_display(pack_owners(it.owners, it.lead_units, it.support_units))),
                "、".join(it.channels),
                "、".join(it.audience),
                "、".join(it.mode),
                "、".join(it.level),
            ]
        )
    for col, width in zip(
        "ABCDEFGHIJKLMNOPQRSTU", [8] + [16] * n_levels + [24, 48, 30, 24, 30, 24, 12, 12, 12]
    ):
        ws.column_dimensions[col].width = width
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
        if len(row) >= 2 and row[0].strip() in INFO_KEYS:
            out[INFO_KEYS[row[0].strip()]] = row[1].strip()
    return out
