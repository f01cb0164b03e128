"""The 公开记录 table of an item: date, channel / place, content and the on-time verdict.

The detail panel is narrow (about 380 px at 1366×768): the columns are fitted to the width instead of
scrolling sideways, so the verdict, the column that matters, is always in view. It gets the room its text
needs up to a share of the width (elided beyond, the full text in its tooltip); 渠道 / 位置 and 内容 share
the rest, elided with tooltips.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from zwgk_desktop.core.presenters.evidence_view import publication_place, publication_verdict
from zwgk_desktop.core.store.publications import PublicationInfo
from zwgk_desktop.ui.i18n import core_text
from zwgk_desktop.ui.publication_dialog import TONE_COLORS, UNKNOWN_COLOR

DATE, PLACE, WHAT, VERDICT = range(4)
VERDICT_SHARE = 0.45  # at most this share of the width for the verdict
PLACE_SHARE = 0.45  # of what is left after the date and the verdict
MIN_TEXT = 48  # px: narrower than this a text column is useless


class PublicationTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("publicationTable")
        self.setHorizontalHeaderLabels([self.tr("公开日期"), self.tr("渠道 / 位置"), self.tr("内容"),
                                        self.tr("是否按时")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)  # Tab moves on to the next widget, arrows move between records
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(24)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)  # clip at the end
        for column in (DATE, PLACE, VERDICT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)

    def set_publications(self, pubs: Sequence[PublicationInfo]) -> None:
        self.setRowCount(len(pubs))
        for r, pub in enumerate(pubs):
            verdict = publication_verdict(pub)
            place = publication_place(pub)
            values = [pub.published_on.isoformat() if pub.published_on else "", place, pub.what, core_text(verdict.text)]
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if c == VERDICT:
                    item.setToolTip("\n".join(core_text(t) for t in (verdict.text, verdict.tooltip) if t))
                    item.setForeground(QColor(TONE_COLORS.get(verdict.tone, UNKNOWN_COLOR)))
                else:
                    item.setToolTip(text)
                self.setItem(r, c, item)
        self.fit_columns()

    def _wanted(self, column: int) -> int:
        return max(self.sizeHintForColumn(column), self.horizontalHeader().sectionSizeHint(column))

    def fit_columns(self) -> None:
        """Date and verdict as wide as their text (the verdict up to VERDICT_SHARE), the rest shared."""
        width = self.viewport().width()
        if width <= 0:
            return
        date_w = self._wanted(DATE)
        verdict_w = min(self._wanted(VERDICT), int(width * VERDICT_SHARE))
        rest = max(width - date_w - verdict_w, 2 * MIN_TEXT)
        place_w = max(int(rest * PLACE_SHARE), MIN_TEXT)
        header = self.horizontalHeader()
        header.resizeSection(DATE, date_w)
        header.resizeSection(PLACE, place_w)
        header.resizeSection(VERDICT, verdict_w)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt API
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:  # also when the vertical scroll bar comes or goes
            self.fit_columns()
        return handled
