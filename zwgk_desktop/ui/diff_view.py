"""The update diff: tabs 新增 / 删除（将归档） / 修改 / 相近（需确认）, with the clerk's decisions.

* 相近: one pair per row; ticked (the default) = the same item, keeping its work; unticked = a new item,
  and the old one is archived;
* 删除: every item that would be archived with the work it holds; one that holds work has a 确认归档 box
  that must be ticked, one by one, before the update can be applied;
* 修改: one row per changed field, old → new.

The decisions are stored in the :class:`UpdatePlan` itself, which the core applies as it is.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTableView, QTabWidget, QVBoxLayout, QWidget

from zwgk_desktop.core.presenters.import_review import ChangeRow, DiffRow, RemovalRow, SimilarRow, diff_rows
from zwgk_desktop.core.store.versioning import SimilarDecision, UpdatePlan
from zwgk_desktop.ui.i18n import core_text
from zwgk_desktop.ui.row_table import RowTableModel, row_table_view

TAB_KEYS = ("added", "removed", "changed", "similar")


class DiffView(QWidget):
    """Shows what applying ``plan`` would do and records the clerk's answers in it."""

    decisionsChanged = Signal()

    def __init__(self, plan: UpdatePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        plan.decide_pending(accept_similar=True)  # shown ticked: the clerk unticks pairs that are not the same
        # by the old record's id, so that painting thousands of rows stays cheap
        self._pairs = {m.old.record_id: m for m in plan.similar}
        self._olds = {o.record_id: o for o in [*plan.removed, *(m.old for m in plan.similar)]}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("diffTabs")
        self.models: dict[str, RowTableModel] = {
            "added": RowTableModel([(self.tr("分类"), lambda r: r.category), (self.tr("事项"), lambda r: r.title),
                                    (self.tr("内容"), lambda r: r.detail)]),
            "removed": RowTableModel(
                [(self.tr("确认归档"), self._removal_box_text), (self.tr("分类"), lambda r: r.category),
                 (self.tr("事项"), lambda r: r.title), (self.tr("办理记录"), lambda r: core_text(r.work))],
                checkable=lambda r: r.holds_work, is_checked=lambda r: self._confirmed(r.record_id),
                set_checked=lambda r, on: self._confirm(r.record_id, on),
                alert=lambda r: r.holds_work and not self._confirmed(r.record_id)),
            "changed": RowTableModel([(self.tr("分类"), lambda r: r.category), (self.tr("事项"), lambda r: r.title),
                                      (self.tr("字段"), lambda r: core_text(r.field)), (self.tr("原内容"), lambda r: r.old),
                                      (self.tr("新内容"), lambda r: r.new)]),
            "similar": RowTableModel(
                [(self.tr("视为同一事项"), self._similar_box_text), (self.tr("原事项"), lambda r: r.old_title),
                 (self.tr("新版事项"), lambda r: r.new_title), (self.tr("相似度"), lambda r: f"{r.score}%"),
                 (self.tr("不同之处"), lambda r: core_text(r.differences)),
                 (self.tr("原事项的办理记录"), lambda r: core_text(r.work))],
                checkable=lambda r: True, is_checked=lambda r: self._decision(r.record_id) is SimilarDecision.MATCH,
                set_checked=lambda r, on: self._decide(r.record_id, on)),
        }
        widths = {"added": (160, 240), "removed": (110, 160, 220), "changed": (130, 170, 80, 320),
                  "similar": (130, 200, 200, 60, 260)}
        self.views: dict[str, QTableView] = {}
        for key in TAB_KEYS:
            view = row_table_view(self.models[key], f"diffTable_{key}", widths[key])
            self.views[key] = view
            self.tabs.addTab(view, "")
        layout.addWidget(self.tabs, 1)
        self.unchanged_label = QLabel()
        self.unchanged_label.setObjectName("unchangedLabel")
        layout.addWidget(self.unchanged_label)
        self.models["removed"].checkToggled.connect(self._after_removal_toggled)
        self.models["similar"].checkToggled.connect(lambda *_: self._refresh())
        self._refresh()
        if plan.similar:
            self.tabs.setCurrentIndex(TAB_KEYS.index("similar"))
        elif self.unconfirmed():
            self.tabs.setCurrentIndex(TAB_KEYS.index("removed"))

    # --- decisions, kept in the plan
    def _decision(self, record_id: str) -> SimilarDecision:
        return self._pairs[record_id].decision

    def _decide(self, record_id: str, same: bool) -> None:
        self.plan.decide_similar(record_id, SimilarDecision.MATCH if same else SimilarDecision.NEW)

    def _confirmed(self, record_id: str) -> bool:
        return self._olds[record_id].archive_confirmed

    def _confirm(self, record_id: str, on: bool) -> None:
        self.plan.confirm_archive(record_id, on)

    def _removal_box_text(self, row: RemovalRow) -> str:
        if not row.holds_work:
            return self.tr("无需确认")
        return self.tr("已确认") if self._confirmed(row.record_id) else self.tr("待确认")

    def _similar_box_text(self, row: SimilarRow) -> str:
        same = self._decision(row.record_id) is SimilarDecision.MATCH
        return self.tr("同一事项") if same else self.tr("作为新事项")

    def unconfirmed(self) -> int:
        """Removals that hold work and are not confirmed yet: the update cannot be applied while > 0."""
        return len(self.plan.unconfirmed_removals())

    def counts(self) -> dict[str, int]:
        """Items per tab (the 修改 tab lists one row per changed field)."""
        return {"added": self.models["added"].rowCount(), "removed": self.models["removed"].rowCount(),
                "changed": len({r.record_id for r in self.models["changed"].rows()}),
                "similar": self.models["similar"].rowCount()}

    def _after_removal_toggled(self, *_: object) -> None:
        self._set_tab_titles()
        self.decisionsChanged.emit()

    def _refresh(self) -> None:
        rows = diff_rows(self.plan)
        added: list[DiffRow] = rows.added
        changed: list[ChangeRow] = rows.changed
        self.models["added"].set_rows(added)
        self.models["removed"].set_rows(rows.removed)
        self.models["changed"].set_rows(changed)
        if self.models["similar"].rowCount() != len(rows.similar):
            self.models["similar"].set_rows(rows.similar)
        self._set_tab_titles()
        self.unchanged_label.setText(self.tr("另有 {0} 个事项没有变化。").format(rows.unchanged))
        self.decisionsChanged.emit()

    def _set_tab_titles(self) -> None:
        counts = self.counts()
        titles = {"added": self.tr("新增 ({0})"), "removed": self.tr("删除（将归档） ({0})"),
                  "changed": self.tr("修改 ({0})"), "similar": self.tr("相近（需确认） ({0})")}
        for i, key in enumerate(TAB_KEYS):
            text = titles[key].format(counts[key])
            if key == "removed" and self.unconfirmed():
                text += self.tr(" · {0} 项待确认").format(self.unconfirmed())
            self.tabs.setTabText(i, text)
