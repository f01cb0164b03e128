"""Search finds a query in every searched field, whichever of the row's search texts holds it, and gives
the same answer through filter_rows (the window, the CLI) and ItemFilter.matches."""

from __future__ import annotations

import pytest

from zwgk_desktop.core.store.query import ItemFilter, filter_rows, refresh_search_text, shared_texts
from zwgk_desktop.core.types import ItemRow, Status


def _row(i: int, **fields: object) -> ItemRow:
    values: dict = dict(id=f"r{i}", checklist="清单", code=str(i), path=["社会救助", "最低生活保障"], title=f"事项{i}",
                        content="办理条件、申请材料", basis="", deadline="信息形成之日起20个工作日内",
                        owners=["县民政局"], channels=[], audience=[], mode=[], level=[], status=Status.TODO,
                        due=None, assignee="", note="", position=i)
    values.update(fields)
    row = ItemRow(**values)
    refresh_search_text(row)
    return row


ROWS = [
    _row(0),
    _row(1, title="低保 资金 发放"),  # spaces in the title
    _row(2, content="公开 PDF 版本\n及附件"),  # whitespace and upper case in the content
    _row(3, path=["养老服务", "高龄津贴"]),
    _row(4, owners=["万善乡人民政府"]),
    _row(5, deadline="每年1月31日前"),
    _row(6, assignee="张三", note="已在公示栏张贴"),
    _row(7, code="（十二）"),
    _row(8, content="ＰＤＦ全文"),  # full-width letters as Chinese text often writes them
]


@pytest.mark.parametrize(("query", "ids"), [
    ("资金发放", ["r1"]),
    ("pdf版本及附件", ["r2"]),
    ("PDF", ["r2", "r8"]),
    ("高龄津贴", ["r3"]),
    ("万善乡", ["r4"]),
    ("1月31日", ["r5"]),
    ("张三", ["r6"]),
    ("公示栏", ["r6"]),
    ("（十二）", ["r7"]),
    ("申请材料", ["r0", "r1", "r3", "r4", "r5", "r6", "r7"]),
    ("社会救助", ["r0", "r1", "r2", "r4", "r5", "r6", "r7", "r8"]),
    ("没有的词", []),
    ("20个工作日", ["r0", "r1", "r2", "r3", "r4", "r6", "r7", "r8"]),  # in the shared text, half and full width
    ("２0个", ["r0", "r1", "r2", "r3", "r4", "r6", "r7", "r8"]),
])
def test_each_field_is_searched(query: str, ids: list[str]) -> None:
    flt = ItemFilter(text=query)
    assert [r.id for r in filter_rows(ROWS, flt)] == ids
    assert [r.id for r in ROWS if flt.matches(r)] == ids
    # the window's way: the few distinct shared texts searched once, the rows' own texts row by row
    many = ROWS * 4
    shared = shared_texts(many)
    assert shared is not None and len(shared) == 4
    assert [r.id for r in filter_rows(many, flt, shared)] == ids * 4


def test_text_and_other_filters_combine() -> None:
    rows = [_row(0), _row(1, status=Status.DONE), _row(2, status=Status.DONE, title="别的")]
    flt = ItemFilter(text="事项", statuses=frozenset({Status.DONE}))
    assert [r.id for r in filter_rows(rows, flt)] == ["r1"]
    assert [r.id for r in rows if flt.matches(r)] == ["r1"]


def test_shared_texts_only_when_rows_share_them() -> None:
    assert shared_texts(ROWS) is None  # 4 distinct texts for 9 rows: testing each row is as fast
    assert shared_texts(ROWS * 4) == {r.search_shared for r in ROWS}
