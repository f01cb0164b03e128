"""Turning the data rows of a table (catalogue, task table or the app's own layout) into items.

Row rules:

* blank rows, repeated header rows (page breaks) and note rows (``注：…``, ``说明…``, ``标准目录要素说明：``
  and the merged lines after it) are not items; neither is the title row of a second table on the sheet;
* a row with only text columns filled (content, basis, a requirement cut mid-sentence) continues the item
  above: a page break in a PDF converted to a table;
* a row holding one value across the table (``一、综合业务`` merged over all columns) is a section heading,
  used as an extra path level for the rows below it (listed as skipped when no item follows it);
* category names lose their numbering and a closing ``。``;
* ``同上`` takes the value of the same column in the row above;
* blank category cells take the value above (vertical merges are already spread) unless a higher level
  starts a new run in that row;
* the item path is the category columns above the item level (plus the sheet's domain when a workbook
  holds several domain sheets); in a catalogue the title is the lowest 事项 level, in a task table the title
  is the numbered lead sentence of the requirement (``1.夯实主动公开基础。``) or else its first sentence/clause.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from zwgk_desktop.core.messages import msg

from ..fields import ITEM_FIELDS
from ..types import ImportWarning, ParsedItem, SkippedRow, SkipReason, SourceRef
from ..units import UnitList, merge_units, read_units
from .columns import CHOICE_FIELDS
from .header import Header, Plan
from .normalize import SAME_AS_ABOVE, category_name, clean, label_key, strip_numbering
from .readers import Grid

TITLE_MAX = 40
# registry fields _item_maker reads with a reader of their own (units, channels, √ columns, task titles …)
_OWN_READERS = frozenset({"code", "path", "title", "content", "basis", "deadline", "owners", "channels",
                          *CHOICE_FIELDS})
_NOTE = re.compile(
    r"^(?:注|备注|说明|填表说明|附注)\s*[0-9一二三四五六七八九十]*\s*[:：.、]|^注\s*[0-9]|^说明$"
    r"|^[\u4e00-\u9fff]{0,12}(?:说明|注释)\s*[:：]"
)
_TICKS_NO = {"", "×", "✗", "✘", "否", "无", "-", "—", "/", "□", "☐", "口", "0", "N", "n", "不"}
_CHOSEN = "■☑✓✔√▣"
_UNCHOSEN = "□☐▢☒"
_MARK = re.compile(rf"[{_CHOSEN}{_UNCHOSEN}]|(?:^|(?<=\s))口(?=\S)")
_LEAD_NUMBER = re.compile(r"^\s*(?:\d{1,2}[.．、](?!\d)|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)")
_LIST_SPLIT = re.compile(r"[、,，;；\n]+")
_SENTENCE_END = "。；;！!？?"
_LEAD = re.compile(
    r"^\s*(?:\d{1,2}[.．、](?!\d)|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)\s*"
    rf"([^{_SENTENCE_END}\n]{{2,{TITLE_MAX}}})[{_SENTENCE_END}]"
)


@lru_cache(maxsize=4096)
def parse_channels(text: str) -> tuple[str, ...]:
    """Chosen channels of a checkbox list (``■政府网站 □政府公报 …``) or a plain list (``政府网站、公开栏``)."""
    if not text:
        return ()
    marks = list(_MARK.finditer(text))
    if not marks:
        return tuple(x.strip() for x in _LIST_SPLIT.split(text) if x.strip())
    chosen: list[str] = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        name = re.sub(r"\s+", "", text[m.end() : end])
        if name and m.group(0) in _CHOSEN and name not in chosen:
            chosen.append(name)
    return tuple(chosen)


@lru_cache(maxsize=1024)
def split_list(text: str) -> tuple[str, ...]:
    """Plain list cell (``全社会、特定群众``); keeps level labels such as ``乡、村级`` whole."""
    if not text:
        return ()
    parts = [x.strip() for x in re.split(r"[、,，;；/\n]+|\s+", text) if x.strip()]
    out: list[str] = []
    for p in parts:
        if out and len(out[-1]) <= 2 and not out[-1].endswith("级") and p.endswith("级"):
            out[-1] = out[-1] + "、" + p
        else:
            out.append(p)
    return tuple(out)


def task_title(text: str) -> str:
    """Title of a task from its requirement text."""
    m = _LEAD.match(text)
    if m:
        return m.group(1).strip()
    first = re.split(rf"[{_SENTENCE_END}\n]", text, maxsplit=1)[0].strip()
    first = strip_numbering(first)
    if len(first) <= TITLE_MAX:
        return first
    clause = re.split(r"[，,：:]", first, maxsplit=1)[0]
    if 4 <= len(clause) <= TITLE_MAX:
        return clause
    return first[: TITLE_MAX - 1] + "…"


def deadline_phrases(text: str) -> str:
    from ..deadlines.phrases import extract_deadline_phrases

    return "；".join(extract_deadline_phrases(text)) if text else ""


def parse_rows(
    grid: Grid,
    header: Header,
    plan: Plan,
    *,
    file_name: str,
    outer: list[str],
    warnings: list[ImportWarning],
    native: bool = False,
    skipped: list[SkippedRow] | None = None,
) -> list[ParsedItem]:
    """The items below ``header``; rows that are not items are appended to ``skipped`` with the reason."""
    rows = grid.rows
    blanks: list[int] = []  # blank rows are reported only when an item row follows them

    def skip(r: int, reason: SkipReason, detail: str = "") -> None:
        if skipped is not None:
            skipped.append(SkippedRow(reason, SourceRef(file_name, grid.name, r + 1), _row_text(rows[r]), detail))
    used = plan.used_cols()
    multiline = set(plan.text_cols.get("content", []) + plan.text_cols.get("basis", []))
    # units typed one per line in a cell (相关审批部门 / 项目单位) stay apart; a name wrapped mid-word is joined
    multiline.update(plan.list_cols.get("owners", []))
    if plan.requirement_col is not None:
        multiline.add(plan.requirement_col)
    colspec = [(c, c in multiline) for c in used]
    path_cols = plan.path_cols
    other_cols = [c for c in used if c not in set(path_cols)]
    header_raw = {
        grid.rows[r][c] for r in range(header.first, header.last + 1) for c in range(len(grid.rows[r]))
    }
    header_raw.discard("")
    header_keys = {label_key(x) for x in (*header.tops, *header.subs) if x}
    prev: dict[int, str] = {}
    section = ""
    items: list[ParsedItem] = []
    width = grid.width
    section_min = max(2, width // 2)
    no_deadline_col = "deadline" not in plan.text_cols
    make = _item_maker(plan, native, no_deadline_col)
    in_notes = False
    pending_section: tuple[int] | None = None  # a section heading not yet followed by an item

    def is_header_row(distinct: set[str]) -> bool:
        if header_raw & distinct or len(distinct) <= 4:
            hits = sum(1 for v in distinct if v in header_raw or label_key(v) in header_keys)
            return hits >= 2 and hits >= 0.6 * len(distinct)
        return False

    # continuation rows: only text columns filled, every column that starts an item empty
    content_cols = plan.text_cols.get("content", [])
    basis_cols = plan.text_cols.get("basis", [])
    req_col = plan.requirement_col
    cont_cols = [*content_cols, *basis_cols, *([req_col] if req_col is not None else [])]
    starter_cols = [c for c in used if c not in set(cont_cols)]

    def _continues(raw: list[str], vals: dict[int, str], last: ParsedItem) -> bool:
        if native or not cont_cols or any(c < len(raw) and raw[c] and not raw[c].isspace() for c in starter_cols):
            return False
        if not any(vals[c] for c in cont_cols):
            return False
        if req_col is not None and vals.get(req_col):
            # a task's requirement goes on only when the text above stopped mid-sentence
            text = vals[req_col]
            return bool(last.content) and last.content[-1] not in _SENTENCE_END and not _LEAD_NUMBER.match(text)
        return plan.title_col is not None

    def _append(item: ParsedItem, c: int, text: str) -> None:
        if c == req_col:
            joiner = "" if item.content and item.content[-1] not in _SENTENCE_END else "\n"
            item.content = item.content + joiner + text
            if no_deadline_col or not item.deadline:
                item.deadline = deadline_phrases(item.content)
        elif c in basis_cols:
            item.basis = f"{item.basis}\n{text}" if item.basis else text
        else:
            item.content = f"{item.content}\n{text}" if item.content else text

    for r in range(header.last + 1, len(rows)):
        raw = rows[r]
        nonempty = [v for v in raw if v and not v.isspace()]
        if not nonempty:
            blanks.append(r)
            continue
        if blanks:
            for b in blanks:
                skip(b, SkipReason.BLANK)
            blanks.clear()
        distinct = set(nonempty)
        first = nonempty[0].strip()
        if len(distinct) <= 2 and _NOTE.match(first) or in_notes and len(distinct) == 1:
            skip(r, SkipReason.NOTE)
            in_notes = True  # the lines of a note below the table
            continue
        in_notes = False
        if is_header_row(distinct):
            skip(r, SkipReason.HEADER)
            continue  # header repeated at a page break
        if len(distinct) == 1 and len(nonempty) >= section_min and width > 2:
            nxt = next((rows[k] for k in range(r + 1, len(rows)) if any(v and not v.isspace() for v in rows[k])), None)
            if nxt is not None and is_header_row({v for v in nxt if v and not v.isspace()}):
                skip(r, SkipReason.TITLE)  # the title of the next table on the same sheet
                continue
            if pending_section is not None:
                skip(*pending_section, SkipReason.OTHER, "分类标题下面没有事项")
            section = category_name(clean(first))
            pending_section = (r,)
            prev.clear()
            continue
        n = len(raw)
        vals = {c: (clean(raw[c], ml) if c < n else "") for c, ml in colspec}
        if items and _continues(raw, vals, items[-1]):
            for c in cont_cols:  # one item's text spread over several physical rows (a page break)
                if vals[c]:
                    _append(items[-1], c, vals[c])
            continue
        for c, v in vals.items():
            if v in SAME_AS_ABOVE:
                vals[c] = prev.get(c, "")
                if c not in prev:
                    warnings.append(
                        ImportWarning(
                            msg("“同上”没有可参照的上一行，已留空。"), SourceRef(file_name, grid.name, r + 1)
                        )
                    )
        new_run = False
        for c in path_cols:
            v = vals[c]
            if v and v != prev.get(c):
                new_run = True
            elif not v and not new_run:
                vals[c] = prev.get(c, "")
        if not any(vals[c] for c in other_cols):
            if any(raw[c] for c in path_cols if c < n):  # a category cell of its own, no item in the row
                skip(r, SkipReason.OTHER, msg("只有分类名称，没有事项"))
            continue  # only spread category cells: nothing to import
        prev.update(vals)
        item = make(vals)
        leaf_from_path = False
        if not item.title and plan.title_is_level:
            # a shallower branch of a catalogue: its deepest filled level is the item
            deepest = next((c for c in reversed(path_cols) if vals[c]), None)
            if deepest is not None:
                item.title = vals[deepest] if native else strip_numbering(vals[deepest])
                leaf_from_path = True
        if not item.title:
            warnings.append(
                ImportWarning(msg("这一行没有事项名称或内容，已跳过。"), SourceRef(file_name, grid.name, r + 1))
            )
            skip(r, SkipReason.OTHER, msg("没有事项名称或内容"))
            continue
        path = list(outer)
        if section:
            path.append(section)
        for c in path_cols:
            v = vals[c]
            if v:
                v = v if native else category_name(v)
                if not path or path[-1] != v:
                    path.append(v)
        if leaf_from_path and path and path[-1] == item.title:
            path.pop()
        item.path = path
        item.source = SourceRef(file=file_name, sheet=grid.name, row=r + 1)
        items.append(item)
        pending_section = None
    if pending_section is not None:
        skip(*pending_section, SkipReason.OTHER, "分类标题下面没有事项")
    return items


def _row_text(raw: list[str], limit: int = 80) -> str:
    """The distinct cells of a row as one short line (for the list of skipped rows)."""
    cells: list[str] = []
    for v in raw:
        v = " ".join(v.split()) if v else ""
        if v and v not in cells:
            cells.append(v)
    text = " | ".join(cells)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _join(vals: dict[int, str], cols: list[int], sep: str = "\n") -> str:
    if len(cols) == 1:
        return vals[cols[0]]
    if not cols:
        return ""
    return sep.join(v for v in (vals[c] for c in cols) if v)


def _item_maker(plan: Plan, native: bool, no_deadline_col: bool) -> Callable[[dict[int, str]], ParsedItem]:
    title_col = plan.title_col
    req_col = plan.requirement_col
    content_cols = plan.text_cols.get("content", [])
    basis_cols = plan.text_cols.get("basis", [])
    deadline_cols = plan.text_cols.get("deadline", [])
    code_cols = plan.text_cols.get("code", [])
    owner_cols = plan.list_cols.get("owners", [])
    channel_cols = plan.list_cols.get("channels", [])
    plain_lists = [(name, c) for name in CHOICE_FIELDS for c in plan.list_cols.get(name, [])]
    # fields of the registry read by their kind alone (no reader of their own above)
    extra_text = [(f.name, f.joiner, plan.text_cols[f.name]) for f in ITEM_FIELDS
                  if f.name not in _OWN_READERS and not f.kind.is_list and f.name in plan.text_cols]
    extra_lists = [(f.name, plan.list_cols[f.name]) for f in ITEM_FIELDS
                   if f.name not in _OWN_READERS and f.kind.is_list and f.name in plan.list_cols]
    choices = plan.choice_cols
    distribute = not native
    use_phrases = no_deadline_col and not native
    is_tasks = plan.is_tasks
    unit_memo: dict[tuple[str, ...], UnitList] = {}
    list_memo: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {}

    def _lists(vals: dict[int, str]) -> dict[str, tuple[str, ...]]:
        lists: dict[str, list[str]] = {name: [] for name in CHOICE_FIELDS}
        for name, c in plain_lists:
            target = lists[name]
            target.extend(x for x in split_list(vals[c]) if x not in target)
        for c, name, value in choices:
            if vals[c] not in _TICKS_NO and value not in lists[name]:
                lists[name].append(value)
        return {name: tuple(values) for name, values in lists.items()}

    def make(vals: dict[int, str]) -> ParsedItem:
        req = vals[req_col] if req_col is not None else ""
        content = _join(vals, content_cols)
        basis = _join(vals, basis_cols)
        if title_col is not None:
            title = vals[title_col]
            if not native:
                title = strip_numbering(title)
            if not title and (req or content) and not plan.title_is_level:
                title = task_title(req or content)
        else:
            title = task_title(req) if req else ""
        if req:
            content = req + ("\n" + content if content else "")
        deadline = (
            deadline_phrases(req if is_tasks else basis) if use_phrases else _join(vals, deadline_cols, "；")
        )
        if not deadline and is_tasks and req and not native:  # a 完成时限 column left blank on this row
            deadline = deadline_phrases(req)
        # units and the list columns repeat from row to row (100,000 rows hold a few hundred distinct
        # cells): each distinct combination is read once
        owner_texts = tuple(vals[c] for c in owner_cols)
        units = unit_memo.get(owner_texts)
        if units is None:
            units = unit_memo[owner_texts] = merge_units(
                [read_units(text, distribute=distribute).with_role(plan.owner_roles.get(c))
                 for text, c in zip(owner_texts, owner_cols)])
        list_texts = (*(vals[c] for _, c in plain_lists), *(vals[c] for c, _, _ in choices))
        lists = list_memo.get(list_texts)
        if lists is None:
            lists = list_memo[list_texts] = _lists(vals)
        if len(channel_cols) == 1:
            channels = list(parse_channels(vals[channel_cols[0]]))
        else:
            channels = []
            for c in channel_cols:
                channels.extend(x for x in parse_channels(vals[c]) if x not in channels)
        item = ParsedItem(
            title=title,
            code=_join(vals, code_cols, " "),
            content=content,
            basis=basis,
            deadline=deadline,
            owners=list(units.names),
            lead_units=list(units.lead),
            support_units=list(units.support),
            channels=channels,
            **{name: list(values) for name, values in lists.items()},
        )
        for name, joiner, cols in extra_text:
            setattr(item, name, _join(vals, cols, joiner))
        for name, cols in extra_lists:
            values = getattr(item, name)
            for c in cols:
                values.extend(x for x in split_list(vals[c]) if x not in values)
        return item

    return make
