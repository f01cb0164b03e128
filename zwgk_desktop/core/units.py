"""Responsible units (责任单位 / 公开主体): splitting free text into unit names and matching groups.

Canonical spelling: a unit keeps the spelling of the file (so ``乡镇政府（街道办事处）`` and ``各乡镇(街道)`` stay as
written), with stray whitespace removed and every bracket pair made consistent (the width of the opening
bracket wins: ``乡镇政府（街道办事处)`` becomes ``乡镇政府（街道办事处）``). Comparisons never rely on the
bracket width: :func:`unit_key` folds ``（）`` to ``()`` and is what :func:`owner_matches` compares.

Splitting rules (:func:`split_units`):

* ``，`` ``,`` ``；`` ``;`` and line breaks end a *run*; ``、`` separates units inside a run;
* a leading place prefix (``县`` ``区`` ``市``) of the first unit of a run is distributed over the rest of the
  run: ``县发展和改革局、教育和体育局`` -> ``县发展和改革局``, ``县教育和体育局``; units that already name a place
  (``聊城市生态环境局冠县分局``) or are groups (``各乡镇(街道)``) are left alone;
* separators inside brackets do not split, and known multi-part groups stay whole
  (``各乡镇人民政府、街道办事处``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from zwgk_desktop.core.unit_roles import LEAD, SUPPORT, label_segments, strip_role, unwrap

_OPEN_TO_CLOSE = {"(": ")", "（": "）"}
_CLOSE = {")", "）"}

# Groups whose wording contains a separator but which name one group.
_WHOLE_GROUPS = re.compile(
    r"各乡[（(]?镇[)）]?(?:人民)?政府[、,，和及]\s*(?:各)?街道(?:办事处|办)?"
    r"|各镇[、,，和及]\s*(?:各)?街道(?:办事处|办)?"
    r"|各乡[、,，和及]\s*(?:各)?镇(?:人民政府)?"
)
_PLACEHOLDER = "\x00"

_PREFIXES = ("县", "区", "市")
# A unit that already names its own place: 聊城市…, 冠县…, 东城区…; excluding words that only look like one.
_OWN_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,5}?(?:省|自治区|市|自治州|州|县|区|旗)")
_FAKE_PLACE = (
    "市场",
    "开发区",
    "园区",
    "社区",
    "城区",
    "景区",
    "片区",
    "辖区",
    "市政",
    "市容",
    "县级",
    "区级",
    "市级",
)

_TOWNSHIP_UNIT = re.compile(r"(?:乡|镇|街道|街道办事处|街道办|乡人民政府|镇人民政府|乡政府|镇政府)$")
_GROUP = re.compile(
    r"^(?:各|全)|^[县区市]直|有关部门|相关部门|各部门|有关单位|相关单位|各单位|各级|^乡镇|^乡[（(]镇[)）]|^镇[（(]街道[)）]"
    r"|^街道(?:办事处|办)?$"  # 街道办事处 with no name before it: every street office
)
_TOWNSHIP_GROUP = re.compile(r"乡镇|乡[（(]镇[)）]|各乡|各镇|各街道|街道办事处|镇[（(]街道[)）]")
_DEPT_GROUP = re.compile(
    r"^(?P<prefix>[县区市])(?:直|政府|级)?.*(?:部门|单位)|^(?:各|有关|相关).*部门|^各级各部门"
)


def unit_key(name: str) -> str:
    """Comparison key: brackets folded to half width, whitespace removed."""
    return re.sub(r"\s+", "", name).replace("（", "(").replace("）", ")")


def _fix_brackets(name: str) -> str:
    out: list[str] = []
    stack: list[str] = []
    for ch in name:
        if ch in _OPEN_TO_CLOSE:
            stack.append(ch)
            out.append(ch)
        elif ch in _CLOSE:
            out.append(_OPEN_TO_CLOSE[stack.pop()] if stack else ch)
        else:
            out.append(ch)
    return "".join(out)


def _split_outside_brackets(text: str, seps: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in _OPEN_TO_CLOSE:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        if ch in seps and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _own_place(name: str) -> bool:
    if name.startswith(_PREFIXES) and not name.startswith(_FAKE_PLACE):
        return True
    m = _OWN_PLACE.match(name)
    if not m:
        return False
    return not any(fake in name[: m.end() + 2] for fake in _FAKE_PLACE)


# Township, street and village level bodies named generically (街道办事处, 乡镇政府, 村委会, 社区居委会):
# a county or district prefix before them in a run does not belong to them.
_LOCAL_LEVEL = re.compile(r"^(?:乡镇|街道|社区|村委|村民委员会|居委|居民委员会)")


def _prefix_of(name: str) -> str:
    if name.startswith(_PREFIXES) and not name.startswith(_FAKE_PLACE) and not is_group(name):
        return name[0]
    return ""


# Bodies a county prefix does not reach: banks, villages, bodies of a named higher level (中国…, 国网…, 省…)
# and local branches of one (潍坊银监分局, …调查队, …支行).
_GENERIC = re.compile(r"^(?:中国|国家|国网|中央|省|驻)|银行|^村|村委|居委|(?:分局|支行|分行|调查队|分公司)$")


def _takes_prefix(name: str) -> bool:
    return not (is_group(name) or _own_place(name) or _LOCAL_LEVEL.match(name) or _GENERIC.search(name)
                or is_township(name))


@dataclass(frozen=True)
class UnitList:
    """The units of a 责任单位 text: names only, with the lead (牵头) and support (配合) units apart."""

    names: tuple[str, ...]
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()

    def with_role(self, role: str | None) -> UnitList:
        """The units with ``role`` for those that name none (a 牵头单位 / 配合单位 column)."""
        if role is None:
            return self
        plain = [n for n in self.names if n not in self.lead and n not in self.support]
        lead = self.lead + tuple(plain) if role == LEAD else self.lead
        support = self.support + tuple(plain) if role == SUPPORT else self.support
        return UnitList(self.names, tuple(n for n in self.names if n in lead),
                        tuple(n for n in self.names if n in support))

    def role_of(self, name: str) -> str | None:
        return LEAD if name in self.lead else SUPPORT if name in self.support else None


# 或 between two complete unit names is a list separator (招标人及其招标代理机构或相关行政监督部门).
_OR_BETWEEN_UNITS = re.compile(r"(机构|部门|单位|机关|组织|局|委|办|中心|公司|政府)或(?=[\u4e00-\u9fff]{2})")


def _parts(run: str) -> list[tuple[str, str | None]]:
    """The 、-separated parts of a run with their role words stripped; a role written after the last
    part of a run holds for the parts before it that name none (``B、C配合``)."""
    run = _OR_BETWEEN_UNITS.sub(r"\1、", run)
    parts = [strip_role(p) for p in _split_outside_brackets(run, "、")]
    role: str | None = None
    out: list[tuple[str, str | None]] = []
    for name, own in reversed(parts):
        role = own or role
        out.append((name, role))
    return list(reversed(out))


@lru_cache(maxsize=4096)
def _split_cached(text: str, distribute: bool) -> UnitList:
    units: list[str] = []
    roles: dict[str, str] = {}
    # A prefix reaches the next run only across a role sentence (县发改局牵头，教体局、财政局配合).
    carried = ""
    for segment, segment_role in label_segments(text):
        protected = _WHOLE_GROUPS.sub(lambda m: re.sub(r"[、,，]", _PLACEHOLDER, m.group(0)), segment)
        for run in _split_outside_brackets(protected, ",，;；\n\r"):
            parts = _parts(unwrap(run))
            role_run = bool(segment_role) or any(r for _, r in parts)
            prefix = carried if role_run else ""
            for i, (raw, role) in enumerate(parts):
                name = re.sub(r"\s+", "", raw).replace(_PLACEHOLDER, "、").strip("。.")
                if not name:
                    continue
                name = _fix_brackets(name)
                if i == 0 and distribute and _prefix_of(name):
                    prefix = _prefix_of(name)
                elif prefix and distribute and _takes_prefix(name):
                    name = prefix + name
                elif i == 0:
                    prefix = ""
                if name not in units:
                    units.append(name)
                role = role or segment_role
                if role and name not in roles:
                    roles[name] = role
            carried = prefix if role_run else ""
    return UnitList(tuple(units), tuple(u for u in units if roles.get(u) == LEAD),
                    tuple(u for u in units if roles.get(u) == SUPPORT))


def read_units(text: str, *, distribute: bool = True) -> UnitList:
    """Split a 责任单位 text into unit names with their roles (see the module docstring and
    :mod:`zwgk_desktop.core.unit_roles`)."""
    if not text or not text.strip():
        return UnitList(())
    return _split_cached(text.strip(), distribute)


def merge_units(lists: list[UnitList]) -> UnitList:
    """Several unit texts of one item (two 责任单位 columns, several remarks) as one list."""
    if len(lists) == 1:
        return lists[0]
    names: list[str] = []
    lead: list[str] = []
    support: list[str] = []
    for ul in lists:
        names.extend(n for n in ul.names if n not in names)
        lead.extend(n for n in ul.lead if n not in lead)
        support.extend(n for n in ul.support if n not in support and n not in lead)
    return UnitList(tuple(names), tuple(lead), tuple(support))


def split_units(text: str, *, distribute: bool = True) -> list[str]:
    """Split a 责任单位 cell into unit and group names, role words removed (see the module docstring).

    ``distribute=False`` keeps every name as written (used for the app's own format, already normalised).
    """
    return list(read_units(text, distribute=distribute).names)


def is_group(name: str) -> bool:
    """True for names that stand for several units: 各乡镇(街道), 县直有关部门, 区直各有关部门 …"""
    return bool(_GROUP.search(unit_key(name)))


def is_township(name: str) -> bool:
    """A single township-level unit: 万善乡, 柳林镇, 清泉街道, 东古城镇人民政府 …"""
    key = unit_key(name)
    return not is_group(key) and bool(_TOWNSHIP_UNIT.search(key))


def group_includes(group: str, unit: str) -> bool:
    """Does ``group`` name ``unit``?

    Township groups (各乡镇(街道), 各乡镇人民政府、街道办事处, 乡镇政府（街道办事处）) include township units;
    department groups (县直(各)有关部门(单位), 县政府各部门, 区直各有关部门) include the departments of that level
    (names starting with 县 / 区 / 市); 各级各部门 includes everyone.
    """
    g = unit_key(group)
    u = unit_key(unit)
    if not is_group(g) or not u:
        return False
    if g == u:
        return True
    if g.startswith("各级各部门") or g in ("各单位", "各部门", "各有关单位", "各有关部门"):
        return not is_group(u)
    if is_township(u):
        return bool(_TOWNSHIP_GROUP.search(g))
    m = _DEPT_GROUP.search(g)
    if not m or _TOWNSHIP_GROUP.search(g) and "部门" not in g:
        return False
    prefix = m.group("prefix") if "prefix" in m.groupdict() else None
    if is_group(u):
        return False
    if prefix:
        return u.startswith(prefix) and not u.startswith(_FAKE_PLACE)
    return True


# A township or street office is named with or without its government: 万善乡 = 万善乡人民政府,
# 清泉街道 = 清泉街道办事处.
_GOVERNMENT_SUFFIX = re.compile(r"(?<=[乡镇])(?:人民政府|政府)$|(?<=街道)(?:办事处|办)$")


def same_unit(a: str, b: str) -> bool:
    ka, kb = unit_key(a), unit_key(b)
    return ka == kb or _GOVERNMENT_SUFFIX.sub("", ka) == _GOVERNMENT_SUFFIX.sub("", kb)


@lru_cache(maxsize=4096)
def bare_unit_name(owner: str) -> str:
    """An owner stored by an older version with its role word (万善乡负责, 县财政局配合) as the bare name."""
    return strip_role(owner)[0] or owner


def owner_matches(owners: list[str], unit: str) -> bool:
    """A unit sees an item that names it (short or full name), or names a group including it.
    Role words left in names stored by older versions (``万善乡负责``) do not hide the unit."""
    unit = bare_unit_name(unit)
    return any(same_unit(o, unit) or group_includes(o, unit) for o in map(bare_unit_name, owners))
