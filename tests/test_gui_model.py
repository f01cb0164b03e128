"""The item table model with 100,000 in-memory rows (no database), and the category tree."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from zwgk_desktop.core.store.query import ItemFilter, filter_rows, refresh_search_text
from zwgk_desktop.core.types import ItemRow, Status
from zwgk_desktop.ui.category_tree import CategoryTree
from zwgk_desktop.ui.item_model import ID_ROLE, Column, ItemTableModel

TODAY = date(2024, 6, 3)
CATEGORIES = ["最低生活保障", "临时救助", "特困人员救助供养", "综合业务"]
STATUSES = list(Status)


def make_rows(n: int) -> list[ItemRow]:
    rows = []
    for i in range(n):
        row = ItemRow(
            id=f"r{i:06d}", checklist="测试清单", code=str(i + 1), path=[CATEGORIES[i % 4], f"子类{i % 10}"],
            title=("救助资金发放" if i % 10 == 0 else f"事项{i}"), content="公开内容", basis="", deadline="",
            owners=["县民政局" if i % 3 else "各乡镇(街道)"], channels=[], audience=[], mode=[], level=[],
            status=STATUSES[i % 5], due=(TODAY + timedelta(days=(i % 40) - 20)) if i % 2 else None,
            assignee="", note="", position=i, evidence_count=i % 3)
        refresh_search_text(row)
        rows.append(row)
    return rows


def test_hundred_thousand_rows(qtbot) -> None:
    rows = make_rows(100_000)
    model = ItemTableModel()
    model.today = TODAY
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.set_rows(rows)
    assert model.rowCount() == 100_000
    assert model.columnCount() == len(Column)

    model.set_filter(ItemFilter(text="资金", today=TODAY))
    assert model.rowCount() == 10_000 == len(filter_rows(rows, ItemFilter(text="资金")))
    model.set_filter(ItemFilter(text="救", category=("临时救助",), statuses=frozenset({Status.TODO})))
    expected = filter_rows(rows, ItemFilter(text="救", category=("临时救助",), statuses=frozenset({Status.TODO})))
    assert model.rowCount() == len(expected) > 0
    assert [r.id for r in model.visible_rows()] == [r.id for r in expected]

    model.set_filter(ItemFilter())
    model.sort(Column.DUE, Qt.SortOrder.AscendingOrder)
    dues = [model.row_at(i).due for i in range(model.rowCount())]
    dated = [d for d in dues if d is not None]
    assert dated == sorted(dated) and dues[-1] is None
    model.sort(Column.EVIDENCE, Qt.SortOrder.DescendingOrder)
    assert model.row_at(0).evidence_count == 2

    # update one row in place: no reset, the cell changes and the row keeps its place
    target = model.row_at(5)
    changed: list[QModelIndex] = []
    model.dataChanged.connect(lambda a, b, *_: changed.append(a))
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    from dataclasses import replace

    model.update_row(replace(target, status=Status.DONE, assignee="李明"))
    assert resets == [] and changed and changed[0].row() == 5
    assert model.data(model.index(5, Column.ASSIGNEE)) == "李明"
    assert model.data(model.index(5, Column.STATUS)) == "已完成"
    assert model.data(model.index(5, Column.TITLE), ID_ROLE) == target.id
    assert model.all_rows()[int(target.id[1:])].assignee == "李明"


def test_cell_colours_and_tooltips(qtbot) -> None:
    rows = make_rows(40)
    model = ItemTableModel()
    model.set_rows(rows)
    model.today = TODAY
    overdue = next(i for i, r in enumerate(rows) if r.due and r.due < TODAY and not r.closed)
    fg = model.data(model.index(overdue, Column.DUE), Qt.ItemDataRole.ForegroundRole)
    assert fg.color().name() == "#c62828"
    done = next(i for i, r in enumerate(rows) if r.status is Status.DONE)
    assert model.data(model.index(done, Column.STATUS), Qt.ItemDataRole.ForegroundRole).color().name() == "#1b5e20"
    tip = model.data(model.index(0, Column.TITLE), Qt.ItemDataRole.ToolTipRole)
    assert rows[0].title in tip and rows[0].content in tip


def test_category_tree_counts_update_in_place(qtbot) -> None:
    rows = make_rows(100)
    tree = CategoryTree()
    qtbot.addWidget(tree)
    seen: list[tuple] = []
    tree.categorySelected.connect(seen.append)
    tree.set_rows(rows)
    assert seen == [()]
    root = tree.model().index(0, 0)
    closed = sum(r.closed for r in rows)
    assert root.data() == f"全部事项 ({closed}/100)"
    assert tree.select_path(("临时救助",))
    assert seen[-1] == ("临时救助",)
    rows[1] = dataclasses.replace(rows[1], status=Status.DONE)
    tree.refresh_counts(rows)
    assert tree.current_path() == ("临时救助",)
    assert tree.model().index(0, 0).data() == f"全部事项 ({closed + 1}/100)"
    # the O(depth) adjustment after one edit gives the same labels as a recount
    rows[5] = dataclasses.replace(rows[5], status=Status.DONE)
    tree.adjust_closed(rows[5].path, +1)
    labels = [tree.model().index(0, 0).data()]
    tree.refresh_counts(rows)
    assert labels == [tree.model().index(0, 0).data()] == [f"全部事项 ({closed + 2}/100)"]
    sub = tree._items[tuple(rows[5].path)]
    assert sub.text().startswith(f"{rows[5].path[-1]} (")
    recount = sub.text()
    tree.adjust_closed(rows[5].path, -1)
    tree.adjust_closed(rows[5].path, +1)
    assert sub.text() == recount


def test_typing_narrows_from_the_visible_rows_with_the_same_result(qtbot) -> None:
    """Each character typed searches only what the previous one kept; the rows are those a full filter
    keeps, also after an edit of a hidden row and under another sort, and the current row is found by its
    position (row_of) in every order."""
    rows = make_rows(3_000)
    model = ItemTableModel()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.set_rows(rows)

    by_title = False

    def check(flt: ItemFilter) -> None:
        model.set_filter(flt)
        expected = filter_rows(model.all_rows(), flt)
        if by_title:
            expected.sort(key=lambda r: r.title, reverse=True)
        assert [r.id for r in model.visible_rows()] == [r.id for r in expected]
        for i, row in enumerate(model.visible_rows()):
            assert model.row_of(row.id) == i

    for text in ("事", "事项", "事项1", "事项12", "事项1", "事项１2", "救助资金"):
        check(ItemFilter(text=text, today=TODAY))
    hidden = next(r for r in model.all_rows() if r.id not in {v.id for v in model.visible_rows()})
    edited = dataclasses.replace(hidden, title="救助资金补发")  # an edit of a row the filter hides
    refresh_search_text(edited)
    assert model.update_row(edited) is hidden
    check(ItemFilter(text="救助资金补", today=TODAY))
    assert [r.id for r in model.visible_rows()] == [hidden.id]
    check(ItemFilter(text="事项2", statuses=frozenset({Status.TODO}), today=TODAY))
    check(ItemFilter(text="事项25", statuses=frozenset({Status.TODO}), today=TODAY))
    model.sort(Column.TITLE, Qt.SortOrder.DescendingOrder)
    by_title = True
    check(ItemFilter(text="事项2", today=TODAY))
    check(ItemFilter(text="事项29", today=TODAY))
    assert model.row_of("no-such-id") == -1
    moved = dataclasses.replace(model.all_rows()[7], path=["新设分类"])  # a shared text no row had
    refresh_search_text(moved)
    model.update_row(moved)
    check(ItemFilter(text="新设分类", today=TODAY))
    assert [r.id for r in model.visible_rows()] == [moved.id]
