"""Finding the header of a table and deciding what each column holds.

The header is the best-scoring row among the first :data:`SCAN_ROWS` rows (title rows above it are
allowed); the row below it is a second header row when it holds sub-labels such as ``一级事项`` or
``全社会`` under group cells (``公开事项`` / ``公开对象``). Merged header cells are spread, so a group label
covers each of its sub-columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..unit_roles import label_role
from .columns import (
    CHOICE_FIELDS,
    IGNORE,
    LIST_FIELDS,
    REQUIREMENT,
    TASK,
    ColumnRole,
    field_from_user,
    resolve_label,
    role_for,
    role_from_field,
)
from .normalize import clean, label_key
from .readers import Grid

SCAN_ROWS = 15
_KEY_ROLES = {"title", "content", REQUIREMENT, "catlevel", TASK, "owners", "basis", "deadline", "channels"}


@dataclass
class Header:
    first: int  # 0-based index of the first header row
    last: int  # 0-based index of the last header row
    tops: list[str]
    subs: list[str]
    labels: list[str]  # what the user sees: "公开对象/全社会" or "公开依据"
    roles: list[ColumnRole | None]
    score: int

    @property
    def rows(self) -> list[int]:
        """1-based spreadsheet rows of the header."""
        return list(range(self.first + 1, self.last + 2))


@dataclass
class Plan:
    """What to read from which column, after detection and the user's mapping."""

    path_cols: list[int] = field(default_factory=list)
    title_col: int | None = None
    requirement_col: int | None = None
    text_cols: dict[str, list[int]] = field(default_factory=dict)  # code/content/basis/deadline
    list_cols: dict[str, list[int]] = field(default_factory=dict)  # owners/channels/plain audience…
    owner_roles: dict[int, str] = field(default_factory=dict)  # owner column -> lead/support (牵头单位 / 配合单位)
    choice_cols: list[tuple[int, str, str]] = field(default_factory=list)  # (col, field, value)
    is_tasks: bool = False
    title_is_level: bool = False  # catalogue: the title is the lowest category level (一级/二级事项…)

    @property
    def has_title(self) -> bool:
        return self.title_col is not None or self.requirement_col is not None

    def used_cols(self) -> list[int]:
        cols = set(self.path_cols)
        cols.update(c for c in (self.title_col, self.requirement_col) if c is not None)
        for group in (*self.text_cols.values(), *self.list_cols.values()):
            cols.update(group)
        cols.update(c for c, _, _ in self.choice_cols)
        return sorted(cols)

    def suggested(self) -> dict[int, str]:
        """Column index -> field name, as the preview dialog shows it."""
        out: dict[int, str] = {}
        for i, c in enumerate(self.path_cols):
            out[c] = f"category{i + 1}"
        if self.title_col is not None:
            out[self.title_col] = "title"
        if self.requirement_col is not None:
            out[self.requirement_col] = "content"
        for name, cols in (*self.text_cols.items(), *self.list_cols.items()):
            for c in cols:
                out[c] = name
        for c, name, _ in self.choice_cols:
            out[c] = name
        return dict(sorted(out.items()))


def _row_score(grid: Grid, r: int) -> tuple[int, bool]:
    score = 0
    key = False
    seen: set[str] = set()
    for c, v in enumerate(grid.rows[r]):
        if not v or (r, c) in grid.merged:
            continue
        role = resolve_label(v)
        if role and role not in seen:
            seen.add(role)
            score += 1
            base = role.split(":")[0]
            if base in _KEY_ROLES or role in _KEY_ROLES:
                key = True
    return score, key


def find_header(grid: Grid) -> Header | None:
    limit = min(SCAN_ROWS, len(grid.rows))
    scores = [_row_score(grid, r) for r in range(limit)]
    best = max((s for s, k in scores if k), default=0)
    if best < 2:
        return None
    first = next(r for r, (s, k) in enumerate(scores) if k and s >= max(2, (best + 1) // 2))
    width = grid.width
    tops = [clean(v) for v in grid.rows[first]] + [""] * (width - len(grid.rows[first]))
    subs = [""] * width
    last = first
    if first + 1 < len(grid.rows) and _is_sub_header(grid, first + 1, tops):
        last = first + 1
        for c, v in enumerate(grid.rows[last]):
            v = clean(v)
            if v and (last, c) not in grid.merged and label_key(v) != label_key(tops[c]):
                subs[c] = v
        for c in range(
            1, width
        ):  # CSV-style groups: blank top over a sub-label belongs to the group on the left
            if not tops[c] and subs[c] and subs[c - 1]:
                tops[c] = tops[c - 1]
    for c in range(1, width):  # CSV-style horizontal merge: 工作任务 over two columns, the second cell blank
        if (
            not tops[c]
            and not subs[c]
            and resolve_label(tops[c - 1]) in ("title", TASK)
            and _has_data(grid, last, c)
        ):
            tops[c] = tops[c - 1]
    labels = [f"{t}/{s}" if t and s else (t or s) for t, s in zip(tops, subs)]
    roles = [role_for(t, s) if (t or s) else None for t, s in zip(tops, subs)]
    _number_repeated_levels(roles, labels)
    return Header(first, last, tops, subs, labels, roles, best)


def _has_data(grid: Grid, last: int, col: int) -> bool:
    return any(col < len(row) and row[col] for row in grid.rows[last + 1 : last + 50])


def _is_sub_header(grid: Grid, r: int, tops: list[str]) -> bool:
    labels = data = 0
    for c, v in enumerate(grid.rows[r]):
        if not v or (r, c) in grid.merged:
            continue
        v = clean(v)
        if c < len(tops) and label_key(v) == label_key(tops[c]):
            continue
        if resolve_label(v) and len(v) <= 12:
            labels += 1
        else:
            data += 1
    return labels >= 1 and labels >= 2 * data


def _number_repeated_levels(roles: list[ColumnRole | None], labels: list[str]) -> None:
    """``工作任务`` merged over two columns means two task levels; ``公开事项`` twice means two item levels."""
    c = 0
    while c < len(roles):
        role = roles[c]
        end = c + 1
        while end < len(roles) and roles[end] == role and labels[end] == labels[c]:
            end += 1
        if role is not None and role.field in ("title", TASK) and end - c > 1:
            for i in range(c, end):
                roles[i] = ColumnRole("catlevel" if role.field == "title" else TASK, level=i - c + 1)
        elif role is not None and role.field == TASK:
            roles[c] = ColumnRole(TASK, level=1)
        c = end


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 -> A, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def apply_mapping(header: Header, mapping: dict[str, str]) -> list[str]:
    """Override detected roles with the user's ``表头=字段`` pairs; returns the keys that matched nothing."""
    unknown: list[str] = []
    for key, target in mapping.items():
        field_name = field_from_user(target)
        if not field_name:
            unknown.append(f"{key}={target}")
            continue
        k = label_key(key)
        hits = [c for c, lab in enumerate(header.labels) if label_key(lab) == k]
        if not hits:
            hits = [c for c, s in enumerate(header.subs) if s and label_key(s) == k]
        if not hits:
            hits = [c for c, t in enumerate(header.tops) if t and label_key(t) == k]
        if not hits and re.fullmatch(r"[A-Za-z]{1,2}", key.strip()):
            hits = [c for c in range(len(header.labels)) if column_letter(c) == key.strip().upper()]
        if not hits:
            unknown.append(key)
            continue
        for c in hits:
            header.roles[c] = (
                ColumnRole(IGNORE) if field_name == IGNORE else role_from_field(field_name, header.labels[c])
            )
    return unknown


def make_plan(header: Header) -> Plan:
    plan = Plan()
    levels: list[tuple[int, int, int]] = []  # (explicit order, level, col)
    level_cols: list[int] = []
    for c, role in enumerate(header.roles):
        if role is None or role.field == IGNORE:
            continue
        f = role.field
        if f == "category":
            levels.append((0, role.level, c))
        elif f in ("catlevel", TASK):
            levels.append((1, role.level, c))
            level_cols.append(c)
            if f == TASK:
                plan.is_tasks = True
        elif f == "title":
            if plan.title_col is None:
                plan.title_col = c
        elif f == REQUIREMENT:
            if plan.requirement_col is None:
                plan.requirement_col = c
        elif f == "choice":
            plan.choice_cols.append((c, role.choice, role.value))
        elif f in LIST_FIELDS or f in CHOICE_FIELDS:
            plan.list_cols.setdefault(f, []).append(c)
            if f == "owners" and (unit_role := label_role(header.labels[c])):
                plan.owner_roles[c] = unit_role
        else:
            plan.text_cols.setdefault(f, []).append(c)
    if plan.title_col is None and plan.requirement_col is None and not plan.is_tasks and level_cols:
        # a catalogue: the lowest item level is the title, the levels above it the path
        lowest = max(level_cols, key=lambda col: (next(lv for _, lv, cc in levels if cc == col), col))
        plan.title_col = lowest
        plan.title_is_level = True
        levels = [t for t in levels if t[2] != lowest]
    if (
        plan.title_col is None
        and plan.requirement_col is None
        and "content" in plan.text_cols
        and plan.is_tasks
    ):
        plan.requirement_col = plan.text_cols.pop("content")[0]
    content_titles = False
    if plan.title_col is None and plan.requirement_col is None and "content" in plan.text_cols and levels:
        # 信息类别 | 内容标准 …: each content under its category is an item, titled from its text
        plan.requirement_col = plan.text_cols.pop("content")[0]
        content_titles = not plan.is_tasks
    if plan.requirement_col is not None and plan.title_col is None:
        plan.is_tasks = plan.is_tasks or not content_titles
    elif plan.requirement_col is not None:  # explicit title: the requirement is plain content
        plan.text_cols.setdefault("content", []).insert(0, plan.requirement_col)
        plan.requirement_col = None
    plan.path_cols = [c for _, _, c in sorted(levels, key=lambda t: (t[1], t[2]))]
    return plan


def is_unsure(header: Header, plan: Plan) -> bool:
    known = sum(1 for r in header.roles if r is not None and r.field != IGNORE)
    return not plan.has_title or known < 3
