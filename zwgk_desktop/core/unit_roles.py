"""Role words around responsible units: 牵头 (lead) and 配合 (support), and the written forms of unit lists.

A 责任单位 cell or remark names units together with words that are not part of any unit's name:

* role suffixes: ``县发改局牵头``, ``县财政局、县审计局配合``, ``县民政局（牵头）``, ``…协助`` / ``…参与``;
* duty words: ``…负责``, ``各科室按职责分工负责``, ``…分别负责``, ``由…负责``;
* open lists: ``县教体局、县卫健局等有关部门`` (the named units; ``等…`` adds no unit);
* labels: ``牵头单位：A 配合单位：B、C``, ``责任单位：…``, wrapped as ``（责任单位：…）``, ``[责任单位：…]``,
  ``【责任单位：…】`` or ``（…按职责分工负责）``.

:func:`strip_role` and :func:`label_segments` take these apart; :func:`zwgk_desktop.core.units.read_units`
applies them while splitting. :func:`unit_remarks` finds the remarks in a notice's paragraph.

Storage: the ``owners`` JSON column of a template item holds the unit names; when any unit has a role, one
object ``{"lead": [...], "support": [...]}`` follows the names (:func:`pack_owners` / :func:`unpack_owners`;
no schema change).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

LEAD = "lead"
SUPPORT = "support"

# A role written after a unit (longest first), optionally in brackets: 县发改局牵头, 县民政局（牵头）.
_LEAD_WORDS = r"(?:分别|共同)?(?:为|作为)?(?:牵头单位|牵头部门|牵头负责|牵头落实|牵头|主责单位|主责|主办单位|主办)"
_SUPPORT_WORDS = r"(?:分别|共同)?(?:积极)?(?:配合单位|配合部门|配合落实|配合|协助|协办|参与)"
_DUTY_WORDS = (
    r"(?:要|应)?(?:按照?|根据)?(?:各自)?(?:职责分工|职能职责|工作职责|职责|职能)?(?:分工)?"
    r"(?:分别|共同|具体)?(?:负责|落实|抓好落实|组织实施)(?:落实|实施)?"
)
_ROLE_SUFFIX = re.compile(
    rf"(?:[（(](?P<lead_b>{_LEAD_WORDS})[)）]|(?P<lead>{_LEAD_WORDS})"
    rf"|[（(](?P<support_b>{_SUPPORT_WORDS})[)）]|(?P<support>{_SUPPORT_WORDS})"
    rf"|(?P<duty>{_DUTY_WORDS}))$"
)
# An open list: 等有关部门, 等相关单位, 等部门, 等 (the named units are kept, the rest names no unit).
_ETC = re.compile(r"等(?:其他|其它)?(?:有关|相关)?(?:[0-9一二三四五六七八九十]+个)?(?:部门|单位|机构)?$")
_LEADING = re.compile(r"^(?:由|请)")

# Labels inside a cell or remark: 牵头单位：…  配合单位：…  责任单位：…
_LABEL = re.compile(
    r"(?P<label>牵头单位|牵头部门|主责单位|主办单位|责任单位|责任部门|责任主体|实施单位|配合单位|配合部门|协办单位"
    r"|协助单位|参与单位)\s*[:：]"
)
_LABEL_ROLE = {"牵头": LEAD, "主责": LEAD, "主办": LEAD, "配合": SUPPORT, "协办": SUPPORT, "协助": SUPPORT,
               "参与": SUPPORT}

# The whole text wrapped in one bracket pair: （责任单位：…）, [责任单位：…], 【…】, （…按职责分工负责）.
_WRAPPED = re.compile(r"^[\[【（(](?P<inner>.*)[\]】）)]$", re.S)


def strip_role(part: str) -> tuple[str, str | None]:
    """``县发改局牵头`` -> (``县发改局``, 'lead'); ``县财政局配合`` -> (…, 'support'); ``…负责`` -> (…, None)."""
    name = _LEADING.sub("", part.strip())
    role: str | None = None
    for _ in range(3):  # 县教体局等有关部门配合: the role, then the open list
        m = _ROLE_SUFFIX.search(name)
        if m and m.start() > 0:
            if role is None and (m.group("lead") or m.group("lead_b")):
                role = LEAD
            elif role is None and (m.group("support") or m.group("support_b")):
                role = SUPPORT
            name = name[: m.start()]
            continue
        e = _ETC.search(name)
        if e and e.start() > 0:
            name = name[: e.start()]
            continue
        break
    return name.strip("，,；;。.：: "), role


def unwrap(text: str) -> str:
    """Remove one bracket pair around the whole text when it holds a unit list."""
    text = text.strip()
    while (m := _WRAPPED.match(text)) and _balanced(m.group("inner")):
        text = m.group("inner").strip()
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in "（([【":
            depth += 1
        elif ch in "）)]】":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def label_role(label: str) -> str | None:
    """The role a column header or label gives its units: 牵头单位 -> 'lead', 配合单位 -> 'support'."""
    return next((r for k, r in _LABEL_ROLE.items() if k in (label or "")), None)


def label_segments(text: str) -> list[tuple[str, str | None]]:
    """Split ``牵头单位：A 配合单位：B`` into (``A``, 'lead'), (``B``, 'support'); text without labels is one
    segment with no role."""
    text = unwrap(text)
    out: list[tuple[str, str | None]] = []
    pos = 0
    role: str | None = None
    for m in _LABEL.finditer(text):
        if m.start() > pos or out:
            out.append((text[pos : m.start()], role))
        label = m.group("label")
        role = next((r for k, r in _LABEL_ROLE.items() if label.startswith(k)), None)
        pos = m.end()
    out.append((text[pos:], role))
    return [(unwrap(seg.strip(" \t，,；;。")), r) for seg, r in out if seg.strip(" \t，,；;。")]


# Unit remarks inside a notice's paragraph.
_BRACKET_REMARK = re.compile(
    r"[（(\[【]\s*(?P<body>(?:责任单位|牵头单位|责任部门|牵头部门|配合单位|主责单位|责任主体)\s*[:：]"
    r"(?:[^()（）\[\]【】]|[（(][^()（）]*[)）])+)[)）\]】]"
)
# A bracket holding a role sentence: （…按职责分工负责）, （县发改局牵头，财政局、审计局配合）.
_DUTY_REMARK = re.compile(
    r"[（(](?P<body>(?:[^()（）]|[（(][^()（）]*[)）]){2,120}?"
    r"(?:(?:按照?职责分工|按职责|分别|共同)负责(?:落实)?|牵头|配合|协助|参与))[)）]"
)
_BARE_REMARK = re.compile(
    r"(?:^|(?<=[。；;\n]))\s*(?P<body>(?:牵头单位|责任单位|牵头部门|责任部门)\s*[:：][^\n]*?)\s*(?=$|\n)"
)


def unit_remarks(text: str) -> list[str]:
    """The unit remarks of a paragraph, as written (each still to be read with ``read_units``)."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_BRACKET_REMARK, _DUTY_REMARK, _BARE_REMARK):
        for m in pattern.finditer(text or ""):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            taken.append(m.span())
            found.append((m.start(), m.group("body")))
    return [body for _, body in sorted(found)]


def pack_owners(owners: Sequence[str], lead: Sequence[str] = (), support: Sequence[str] = ()) -> list:
    """The stored form of an item's units: the names, then ``{"lead", "support"}`` when any has a role."""
    out: list = list(owners)
    if lead or support:
        out.append({"lead": list(lead), "support": list(support)})
    return out


def unpack_owners(value: object) -> tuple[list[str], tuple[str, ...], tuple[str, ...]]:
    """Names, lead units and support units from the stored form (plain name lists read as no roles)."""
    if not isinstance(value, (list, tuple)):
        return [], (), ()
    names = [v for v in value if isinstance(v, str)]
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    for v in value:
        if isinstance(v, dict):
            lead = tuple(x for x in v.get("lead") or () if isinstance(x, str))
            support = tuple(x for x in v.get("support") or () if isinstance(x, str))
    return names, lead, support


def owners_display(value: object) -> list[str]:
    """The stored owners as the clerk reads them: ``县发改局（牵头）``, ``县财政局（配合）``, ``万善乡``."""
    names, lead, support = unpack_owners(value)
    return [f"{n}（牵头）" if n in lead else f"{n}（配合）" if n in support else n for n in names]
