"""Loading checklist rows and filtering them: one implementation for the GUI, the CLI and reports."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING

from zwgk_desktop.core import fields
from zwgk_desktop.core.types import ItemRow, Status
from zwgk_desktop.core.unit_roles import unpack_owners
from zwgk_desktop.core.units import owner_matches

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Full-width ASCII (ＡＢＣ１２３（），) folds to half-width: what NFKC does for these, at a fraction of the
# cost (a C-speed regex scan, Python work only per full-width character), which matters for 100,000 rows.
_FULL_WIDTH = re.compile("[\uff01-\uff5e]")


def _half(match: re.Match[str]) -> str:
    return chr(ord(match.group()) - 0xFEE0)


def normalize_query(text: str) -> str:
    """Full-width to half-width, lower-cased, whitespace removed: how both sides of a search compare."""
    return "".join(_FULL_WIDTH.sub(_half, text).lower().split())


_STATUS = {s.value: s for s in Status}


def _json_list(raw: object) -> list[str]:
    """Lists in template items repeat across rows (owners, channels, √ columns): each distinct text is
    decoded once and the resulting list is shared by the rows (read-only, see ItemRow). Drivers that
    decode JSON themselves (psycopg on PostgreSQL) hand over lists already."""
    if isinstance(raw, str):
        return _decode_json_list(raw)
    return list(raw) if isinstance(raw, (list, tuple)) else []


@lru_cache(maxsize=65536)
def _decode_json_list(raw: str) -> list[str]:
    value = json.loads(raw) if raw else []
    return value if isinstance(value, list) else []


def _owners(raw: object) -> tuple[list[str], tuple[str, ...], tuple[str, ...]]:
    """Unit names and their roles from the stored owners (see :func:`unit_roles.pack_owners`)."""
    if isinstance(raw, str):
        return _decode_owners(raw)
    return unpack_owners(raw)


@lru_cache(maxsize=65536)
def _decode_owners(raw: str) -> tuple[list[str], tuple[str, ...], tuple[str, ...]]:
    return unpack_owners(json.loads(raw) if raw else [])


def _fold(text: str) -> str:
    """Lower-cased, whitespace removed, widths as written (C speed: 100,000 rows load in a blink); the
    query side tries both widths instead, see :func:`needles`. The same object when nothing changes."""
    folded = "".join(text.lower().split())
    return text if folded == text else folded


@lru_cache(maxsize=8192)
def _shared_fold(joined: str) -> str:
    """Category path, units and time limit repeat across rows: their search text is one shared object."""
    return _fold(joined)


def needles(text: str) -> tuple[str, ...]:
    """The query in half-width and in full-width form (ＡＢＣ１２３（）， as Chinese text often writes them)."""
    half = normalize_query(text)
    if not half:
        return ()
    full = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in half)
    return (half,) if full == half else (half, full)


# What a row is searched in, from the registry: its own searchable texts (code, title …), the long content
# searched as it is, and the texts many rows share (category path, units, time limit)
_RAW_SEARCHED = "content"
_OWN_SEARCHED = tuple(f.name for f in fields.SEARCHABLE
                      if f.kind is fields.FieldKind.TEXT and f.name != _RAW_SEARCHED)
_SHARED_TEXTS = tuple(f.name for f in fields.SEARCHABLE if f.kind is fields.FieldKind.DEADLINE)
_SHARED_LISTS = tuple(f.name for f in fields.SEARCHABLE if f.kind.is_list)


def refresh_search_text(row: ItemRow) -> None:
    """A row is searched in three texts, so that 100,000 rows do not hold their content twice:
    ``search_text`` (its own searchable texts such as code and title, 承办人, 备注, and the content only when
    folding changes it), the content as it is, and ``search_shared`` (path, units, time limit: one object
    shared by the rows that have the same). Text found in the raw content is found in the folded one too,
    so searching it raw loses nothing."""
    parts = [part for part in (*(getattr(row, n) for n in _OWN_SEARCHED), row.assignee, row.note) if part]
    content = getattr(row, _RAW_SEARCHED)
    folded = _fold(content)
    if folded is not content:
        parts.append(folded)
    row.search_text = _fold(parts[0] if len(parts) == 1 else "\x1f".join(parts))  # often the title itself
    shared = [value for n in _SHARED_LISTS for value in getattr(row, n)]
    shared += [getattr(row, n) for n in _SHARED_TEXTS]
    row.search_shared = _shared_fold("\x1f".join(shared))


def search_texts(row: ItemRow) -> tuple[str, str, str]:
    """The texts a query is looked for in (see :func:`refresh_search_text`)."""
    return row.search_text, getattr(row, _RAW_SEARCHED), row.search_shared


def raw(column):  # noqa: ANN001, ANN201
    """A JSON column read as its stored text, decoded by :func:`_json_list` with a cache."""
    from sqlalchemy import Text, type_coerce

    return type_coerce(column, Text)


def load_rows(session: Session, checklist_id: str, *, include_archived: bool = False,
              only_archived: bool = False, record_ids: Iterable[str] | None = None,
              limit: int | None = None, cancelled: Callable[[], bool] | None = None) -> list[ItemRow]:
    """All rows of a checklist in template order, with evidence counts (the first ``limit`` only: the
    page the window paints while it reads the rest). When ``cancelled()`` turns true (asked every 2,000
    rows), the rows read so far are returned: the caller no longer wants them."""
    # SQLAlchemy here, not at the module's import: the rest of this module (filters, search, row building)
    # serves the window's first paint, which comes before SQLAlchemy is imported
    from sqlalchemy import func, select

    from zwgk_desktop.core.db.models import Checklist, EvidenceLink, ItemRecord, TemplateItem

    ev_count = (
        select(EvidenceLink.record_id, func.count().label("n"))
        .where(EvidenceLink.archived_at.is_(None))
        .group_by(EvidenceLink.record_id)
        .subquery()
    )
    stmt = (
        select(
            ItemRecord.id, Checklist.name,
            # the registry's fields in its order (JSON ones as stored text, decoded with a cache)
            *(raw(getattr(TemplateItem, f.name)) if f.kind.is_list else getattr(TemplateItem, f.name)
              for f in fields.ITEM_FIELDS),
            ItemRecord.status, ItemRecord.due_date, ItemRecord.assignee, ItemRecord.note,
            TemplateItem.position, func.coalesce(ev_count.c.n, 0), ItemRecord.version,
        )
        .join(TemplateItem, ItemRecord.template_item_id == TemplateItem.id)
        .join(Checklist, ItemRecord.checklist_id == Checklist.id)
        .outerjoin(ev_count, ev_count.c.record_id == ItemRecord.id)
        .where(ItemRecord.checklist_id == checklist_id)
        .order_by(TemplateItem.position)
    )
    if only_archived:
        stmt = stmt.where(ItemRecord.archived_at.is_not(None))
    elif not include_archived:
        stmt = stmt.where(ItemRecord.archived_at.is_(None))
    if record_ids is not None:
        stmt = stmt.where(ItemRecord.id.in_(list(record_ids)))
    if limit is not None:
        stmt = stmt.limit(limit)
    rows: list[ItemRow] = []
    build = RowBuilder()
    stmt = stmt.execution_options(yield_per=2000)  # stream: 100,000 rows never sit twice in memory
    for values in session.connection().execute(stmt):
        rows.append(build(*values))
        if cancelled is not None and not len(rows) % 2000 and cancelled():
            break
    return rows


# where the lists, the units and the texts that repeat across rows (公开依据, 公开时限) are among the
# registry's values
_N_FIELDS = len(fields.ITEM_FIELDS)
_JSON_AT = tuple(i for i, f in enumerate(fields.ITEM_FIELDS)
                 if f.kind.is_list and f.kind is not fields.FieldKind.UNITS)
_UNITS_AT = next(i for i, f in enumerate(fields.ITEM_FIELDS) if f.kind is fields.FieldKind.UNITS)
_SHARED_AT = tuple(i for i, f in enumerate(fields.ITEM_FIELDS)
                   if not f.kind.is_list and (f.kind is fields.FieldKind.DEADLINE or not f.searchable))


class RowBuilder:
    """ItemRows from the columns :func:`load_rows` selects (also read by plain sqlite3, see first_page):
    the record id, the checklist name, the registry's fields in its order, then the record's status, due
    date, 承办人, 备注, position, evidence count and version. Texts that repeat across rows (the checklist
    name, 公开依据, 公开时限, 承办人) are kept once and shared."""

    def __init__(self) -> None:
        self._shared = {}.setdefault

    def __call__(self, rid: str, cl: str, *columns: object) -> ItemRow:
        shared = self._shared
        values = list(columns[:_N_FIELDS])
        status, due, assignee, note, position, n_ev, version = columns[_N_FIELDS:]
        for i in _JSON_AT:
            values[i] = _json_list(values[i])
        values[_UNITS_AT], lead, support = _owners(values[_UNITS_AT])
        for i in _SHARED_AT:
            values[i] = shared(values[i], values[i])
        # positional: ItemRow lists id, checklist, the registry's fields, then these (tests/test_fields.py)
        row = ItemRow(rid, shared(cl, cl), *values, _STATUS[status], due, shared(assignee, assignee), note,
                      position, n_ev, version, "", "", lead, support)
        refresh_search_text(row)
        return row


@dataclass
class ItemFilter:
    """What the user narrowed the table to. Empty fields match everything."""

    text: str = ""
    statuses: frozenset[Status] = frozenset()
    owner: str = ""
    category: tuple[str, ...] = ()  # a path prefix
    overdue: bool = False
    due_within_days: int | None = None  # due soon (not closed, due in [today, today + n])
    today: date = field(default_factory=date.today)

    def matches(self, row: ItemRow) -> bool:
        return self.predicate()(row)

    def predicate(self) -> Callable[[ItemRow], bool]:
        """A row test with the query normalised once (filtering 100,000 rows stays in milliseconds)."""
        found = needles(self.text)
        if found:
            def has_text(row: ItemRow) -> bool:
                texts = search_texts(row)
                return any(needle in text for needle in found for text in texts)

        statuses, category, depth = self.statuses, self.category, len(self.category)
        if not (statuses or category or self.owner or self.overdue or self.due_within_days is not None):
            return has_text if found else (lambda row: True)

        def test(row: ItemRow) -> bool:
            if statuses and row.status not in statuses:
                return False
            if category and tuple(row.path[:depth]) != category:
                return False
            if found and not has_text(row):
                return False
            return self._slow_checks(row)

        return test

    def _slow_checks(self, row: ItemRow) -> bool:
        if self.owner and not owner_matches(row.owners, self.owner):
            return False
        if self.overdue and not row.is_overdue(self.today):
            return False
        if self.due_within_days is not None:
            if row.closed or row.due is None:
                return False
            if not (self.today <= row.due <= self.today + timedelta(days=self.due_within_days)):
                return False
        return True


_SHARED = attrgetter("search_shared")


def narrows(old: ItemFilter, new: ItemFilter) -> bool:
    """True when every row ``new`` keeps is kept by ``old`` too: the same filter with a search text that
    contains the old one (a character typed), so ``new`` can be applied to what ``old`` kept. A row
    holding the longer text, in either width, holds the shorter one in that width."""
    before = normalize_query(old.text)
    return bool(before) and before in normalize_query(new.text) and replace(old, text="") == replace(new, text="")


def shared_texts(rows: Iterable[ItemRow]) -> frozenset[str] | None:
    """The distinct shared search texts of ``rows`` (path, units, time limit: usually a few hundred), for
    :func:`filter_rows`; None when nearly every row has its own (then they save nothing)."""
    rows = rows if isinstance(rows, Sequence) else list(rows)
    texts = frozenset(map(_SHARED, rows))
    return texts if len(texts) * 4 <= len(rows) else None


def filter_rows(rows: Sequence[ItemRow], flt: ItemFilter, shared: frozenset[str] | None = None) -> list[ItemRow]:
    """The rows ``flt`` keeps, in their order. A query is matched at C speed (no Python call per row):
    one keystroke over 100,000 rows stays within a frame. ``shared``: :func:`shared_texts` of a superset
    of ``rows``: the query is looked for in those few texts once, and a row's shared text is tested only
    when one of them holds it."""
    found = needles(flt.text)
    if found:
        hits = None if shared is None else frozenset(t for t in shared if any(n in t for n in found))
        if len(found) == 1:  # inline `in` tests: no Python call per row
            n = found[0]
            if hits is None:
                rows = [r for r in rows if n in r.search_text or n in r.content or n in r.search_shared]
            elif hits:
                rows = [r for r in rows if n in r.search_text or n in r.content or r.search_shared in hits]
            else:
                rows = [r for r in rows if n in r.search_text or n in r.content]
        else:  # the query in half-width and in full-width form
            h, f = found
            if hits is None:
                rows = [r for r in rows if h in r.search_text or f in r.search_text or h in r.content
                        or f in r.content or h in r.search_shared or f in r.search_shared]
            else:
                rows = [r for r in rows if h in r.search_text or f in r.search_text or h in r.content
                        or f in r.content or (hits and r.search_shared in hits)]
        flt = replace(flt, text="")
    if not (flt.text or flt.statuses or flt.category or flt.owner or flt.overdue
            or flt.due_within_days is not None):
        return list(rows)
    test = flt.predicate()
    return [r for r in rows if test(r)]


@dataclass
class CategoryNode:
    name: str
    path: tuple[str, ...]
    total: int = 0
    closed: int = 0
    children: dict[str, CategoryNode] = field(default_factory=dict)


def category_tree(rows: Iterable[ItemRow]) -> CategoryNode:
    """Categories with closed/total counts (done and not-applicable count as closed)."""
    return category_counts((row.path, 1, int(row.closed)) for row in rows)


def category_counts(groups: Iterable[tuple[Sequence[str], int, int]]) -> CategoryNode:
    """The category tree from (path, items, closed) groups, in the order the paths first come (rows one
    by one, or counted by the database: store/first_page.py)."""
    root = CategoryNode(name="", path=())
    for path, total, closed in groups:
        node = root
        node.total += total
        node.closed += closed
        for depth, name in enumerate(path):
            child = node.children.get(name)
            if child is None:
                child = node.children[name] = CategoryNode(name=name, path=tuple(path[: depth + 1]))
            child.total += total
            child.closed += closed
            node = child
    return root


def status_counts(rows: Iterable[ItemRow]) -> dict[Status, int]:
    counts = {s: 0 for s in Status}
    for row in rows:
        counts[row.status] += 1
    return counts
