"""The line above the item table when the filters leave it empty: 当前筛选条件下没有事项 (which filters) [清除筛选].

The window keeps the clerk's filters when the checklist changes (switching, importing) rather than resetting
them silently; when they then match nothing, this line says so and offers to clear them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from zwgk_desktop.core.messages import join_msgs
from zwgk_desktop.ui.i18n import core_text


class FilterEmptyState(QFrame):
    clearRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterEmpty")
        self.label = QLabel(self.tr("当前筛选条件下没有事项"))
        self.label.setObjectName("filterEmptyText")
        self.detail = QLabel()
        self.detail.setObjectName("filterEmptyDetail")
        self.detail.setWordWrap(True)
        self.clear_button = QPushButton(self.tr("清除筛选"))
        self.clear_button.setObjectName("clearFilterButton")
        self.clear_button.clicked.connect(self.clearRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label)
        layout.addWidget(self.detail, 1)
        layout.addWidget(self.clear_button)
        self.hide()

    def show_filters(self, parts: Sequence[str]) -> None:
        """Shown with the active filters (``搜索“低保”``, ``状态：需整改`` …); hidden for an empty list."""
        if parts:
            self.detail.setText(self.tr("（{0}）").format(core_text(join_msgs("，", parts))))
        self.setVisible(bool(parts))
