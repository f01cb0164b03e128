"""Column fields and the synonym table that recognises header labels.

A column resolves to a :class:`ColumnRole`:

* a plain field (``title`` ``content`` ``basis`` ``deadline`` ``owners`` ``channels`` ``code`` …);
* a category *level* (``一级事项`` ``二级目录`` ``工作任务`` …): the levels above the item become the path,
  in a catalogue the lowest level is the item title;
* a *choice* sub-column (``公开对象/全社会``, ``公开方式/依申请公开``, ``公开层级/乡、村级``): a ``√`` adds the
  sub-column label, as written in the file, to the audience / mode / level list;
* ``requirement`` (具体要求 / 工作要求): the content of a task, whose title is taken from the text;
* ``ignore`` (备注, 网站所属栏目): read nowhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..fields import ITEM_FIELDS, FieldKind
from .normalize import label_key


def _mapping_targets() -> dict[str, str]:
    """Field name -> Chinese label, the targets of a column mapping: the registry's fields, the category
    path as three levels."""
    out: dict[str, str] = {}
    for f in ITEM_FIELDS:
        if f.kind is FieldKind.PATH:
            out.update(category1="一级分类", category2="二级分类", category3="三级分类")
        else:
            out[f.name] = f.label
    return out


FIELDS: dict[str, str] = _mapping_targets()
LIST_FIELDS = tuple(f.name for f in ITEM_FIELDS if f.kind.is_list and f.kind is not FieldKind.PATH)
CHOICE_FIELDS = tuple(f.name for f in ITEM_FIELDS if f.kind is FieldKind.CHOICES)
IGNORE = "ignore"
REQUIREMENT = "requirement"
TASK = "task"  # 工作任务: a category level of a task table

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "code": ("序号", "编号", "序", "事项编号", "编码", "事项编码", "项目编号", "目录编号"),
    "title": (
        "事项",
        "事项名称",
        "公开事项",
        "公开事项名称",
        "具体事项",
        "公开项目",
        "项目名称",
        "名称",
        "信息名称",
        "工作事项",
        "任务事项",
    ),
    "content": (
        "内容",
        "公开内容",
        "公开内容(要素)",
        "公开要素",
        "具体内容",
        "公开内容及要素",
        "公开的内容",
        "公开标准",
        "内容标准",
        "公开内容标准",
        "信息内容",
    ),
    REQUIREMENT: (
        "具体要求",
        "工作要求",
        "任务要求",
        "工作内容",
        "主要内容",
        "具体任务",
        "工作措施",
        "具体措施",
        "工作举措",
        "目标要求",
        "任务内容",
        "重点任务内容",
    ),
    "basis": ("公开依据", "依据", "政策依据", "法律依据", "法规依据", "公开要求", "主要依据"),
    "deadline": (
        "公开时限",
        "时限",
        "完成时限",
        "完成时间",
        "时间要求",
        "公开时间",
        "时间节点",
        "完成时限要求",
        "时限要求",
        "办理期限",
        "完成期限",
        "期限",
    ),
    "owners": (
        "公开主体",
        "责任单位",
        "责任部门",
        "牵头单位",
        "牵头部门",
        "责任主体",
        "主体",
        "承办单位",
        "配合单位",
        "责任科室",
        "责任单位(部门)",
        "牵头单位(部门)",
        "负责单位",
        "实施主体",
    ),
    "channels": (
        "公开渠道和载体",
        "公开渠道",
        "公开载体",
        "渠道和载体",
        "公开渠道及载体",
        "公开途径",
        "公开渠道和方式",
        "公开平台",
        "载体",
        "公开形式",
        "公开载体形式",
    ),
    "audience": ("公开对象", "对象"),
    "mode": ("公开方式", "方式"),
    "level": ("公开层级", "层级"),
    TASK: ("工作任务", "重点任务", "任务", "任务名称", "工作项目", "主要任务", "任务分类", "工作类别", "目标任务",
           "重点工作", "工作重点", "任务类别"),
    # a category named as such is never the item itself (a catalogue's 一级事项 can be)
    "category:1": ("信息类别", "类别", "信息分类", "公开类别", "事项类别", "分类"),
    IGNORE: ("网站所属栏目", "所属栏目", "栏目", "备注", "说明", "完成情况", "落实情况", "佐证材料"),
}
_CHOICES: dict[str, tuple[str, ...]] = {
    "audience": ("全社会", "特定群体", "特定群众", "特定主体", "特定对象", "特定人群", "社会公众", "社会"),
    "mode": ("主动", "主动公开", "依申请", "依申请公开", "申请"),
}
_LEVEL_CHOICE = re.compile(r"^[县乡镇村区市省州旗街道、/()]{1,8}级$")
_CATEGORY_LEVEL = re.compile(
    r"^(?:公开事项)?([一二三四五六七八九])级(?:事项|目录|分类|任务|指标|类别|类目|公开事项)(?:名称)?$"
)
_CN_NUM = {c: i + 1 for i, c in enumerate("一二三四五六七八九")}

_EXACT: dict[str, str] = {}
for _field, _words in _SYNONYMS.items():
    for _w in _words:
        _EXACT.setdefault(label_key(_w), _field)
for _f in ITEM_FIELDS:  # a field's own header in the app's format names it in any file
    if _f.native_header:
        _EXACT.setdefault(label_key(_f.native_header), _f.name)
for _field, _words in _CHOICES.items():
    for _w in _words:
        _EXACT.setdefault(label_key(_w), "choice:" + _field)
_BY_LENGTH = sorted(((k, v) for k, v in _EXACT.items() if len(k) >= 2), key=lambda kv: -len(kv[0]))
_LABEL_TO_FIELD = {label_key(v): k for k, v in FIELDS.items()} | {k: k for k in FIELDS}


@dataclass(frozen=True)
class ColumnRole:
    field: str  # a FIELDS key, "catlevel", "category", "requirement", "task", "choice" or "ignore"
    level: int = 0  # for category levels: 1 = outermost
    choice: str = ""  # for choice columns: the target field ("audience", "mode", "level")
    value: str = ""  # for choice columns: the label added to the list when the cell is ticked


@lru_cache(maxsize=8192)
def resolve_label(text: str) -> str:
    """The role name for one header label ("" when unknown); cached: the header search asks it for the
    cells of the first rows of every sheet, the same texts again and again."""
    key = label_key(text)
    if not key:
        return ""
    if key in _EXACT:
        return _EXACT[key]
    m = _CATEGORY_LEVEL.match(key)
    if m:
        return f"catlevel:{_CN_NUM[m.group(1)]}"
    if _LEVEL_CHOICE.match(key):
        return "choice:level"
    if len(key) <= 12:
        for word, field_name in _BY_LENGTH:
            if key.startswith(word) or (len(word) >= 3 and word in key):
                return field_name
    return ""


def role_for(top: str, sub: str) -> ColumnRole | None:
    """Role of a column from its header cell(s); ``sub`` is the second header row ("" if none)."""
    top_r = resolve_label(top)
    if sub and label_key(sub) != label_key(top):
        sub_r = resolve_label(sub)
        if sub_r.startswith("catlevel:"):
            return ColumnRole("catlevel", level=int(sub_r[9:]))
        if top_r in CHOICE_FIELDS:
            return ColumnRole("choice", choice=top_r, value=sub.strip())
        if sub_r.startswith("choice:"):
            return ColumnRole("choice", choice=sub_r[7:], value=sub.strip())
        if sub_r and sub_r != IGNORE:
            return _plain(sub_r)
    if top_r.startswith("choice:"):
        return ColumnRole("choice", choice=top_r[7:], value=top.strip())
    return _plain(top_r) if top_r else None


def _plain(role: str) -> ColumnRole:
    if role.startswith("category:"):
        return ColumnRole("category", level=int(role[9:]))
    if role.startswith("catlevel:"):
        return ColumnRole("catlevel", level=int(role[9:]))
    if role.startswith("choice:"):
        return ColumnRole(role[7:])
    return ColumnRole(role)


def field_from_user(text: str) -> str:
    """Map a user-given field (``事项`` / ``title`` / ``一级分类`` / ``忽略``) to a field name; "" if unknown."""
    key = label_key(text)
    if key in ("忽略", "ignore", "-", "无", "不导入"):
        return IGNORE
    if key in _LABEL_TO_FIELD:
        return _LABEL_TO_FIELD[key]
    m = re.match(r"^category(\d)$", key) or None
    if m:
        return key
    m = _CATEGORY_LEVEL.match(key)
    if m:
        return f"category{_CN_NUM[m.group(1)]}"
    resolved = resolve_label(text)
    if resolved == REQUIREMENT:
        return "content"
    if resolved in FIELDS:
        return resolved
    return ""


def role_from_field(field_name: str, label: str) -> ColumnRole:
    """Role for a column the user mapped to ``field_name``."""
    if field_name.startswith("category"):
        return ColumnRole("category", level=int(field_name[8:] or 1))
    if field_name in CHOICE_FIELDS:
        sub = label.split("/")[-1].strip()
        if sub != label or resolve_label(sub).startswith("choice:"):
            return ColumnRole("choice", choice=field_name, value=sub)
    return ColumnRole(field_name)
