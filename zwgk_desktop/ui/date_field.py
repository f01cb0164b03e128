"""A date field that may be empty: a line edit that takes typed dates, and a calendar popup.

QDateEdit cannot show "no date" well: its special-value text is part of the editable text (typing into
``未设置`` gave ``未设置0241031``) and an unparsable text keeps the focus. Here the text is free until
editing finishes (Return or leaving the field); it is then parsed by the core
(:func:`zwgk_desktop.core.presenters.date_input.parse_date_input`). A valid text is committed and shown as
``yyyy-MM-dd``; an empty one means no date; anything else is refused with a message below the field, the
committed date stays, and the focus moves on as usual.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.presenters.date_input import parse_date_input
from zwgk_desktop.core.types import UserError
from zwgk_desktop.ui.i18n import error_text


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class CalendarPopup(QFrame):
    """The month calendar under a :class:`DateField` (a popup window: a click outside closes it)."""

    picked = Signal(object)  # date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("calendarPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("calendar")
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)  # Return on a day
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)

    def open_at(self, day: date, below: QWidget) -> None:
        qd = to_qdate(day)
        self.calendar.setSelectedDate(qd)
        self.calendar.setCurrentPage(qd.year(), qd.month())
        self.adjustSize()
        self.move(below.mapToGlobal(QPoint(0, below.height())))
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _pick(self, qd: QDate) -> None:
        self.hide()
        self.picked.emit(from_qdate(qd))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()  # nothing picked; the field keeps its date
            return
        super().keyPressEvent(event)


class DateField(QWidget):
    """Edits an optional date. :attr:`dateEdited` carries the new value (a date or None) after the user
    committed a different one; :attr:`refused` carries the message when typed text was not a date."""

    dateEdited = Signal(object)  # date | None
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "") -> None:
        super().__init__(parent)
        self._value: date | None = None
        self.line_edit = QLineEdit()
        self.line_edit.setObjectName("dateText")
        self.line_edit.setPlaceholderText(placeholder)
        self.line_edit.setToolTip(self.tr("输入日期，如 2024-10-31 或 20241031；清空表示未设置。"
                                          "按 F4 或 Alt+↓ 打开日历。"))
        self.line_edit.editingFinished.connect(self.commit)
        self.line_edit.textEdited.connect(lambda _t: self._set_problem(""))
        self.line_edit.installEventFilter(self)
        self.calendar_button = QToolButton()
        self.calendar_button.setObjectName("calendarButton")
        self.calendar_button.setText("▾")
        self.calendar_button.setToolTip(self.tr("从日历中选择（F4）"))
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar_button.clicked.connect(self.open_calendar)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("dateProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #b3261e;")
        self.problem_label.hide()
        self.popup = CalendarPopup(self)
        self.popup.picked.connect(self._on_picked)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.line_edit, 1)
        row.addWidget(self.calendar_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.problem_label)
        self.setFocusProxy(self.line_edit)

    # --- value ---
    def date(self) -> date | None:
        """The committed date (what was saved or set), not the text being typed."""
        return self._value

    def set_date(self, value: date | None) -> None:
        """Show ``value`` without emitting :attr:`dateEdited`; drops a pending text and its problem."""
        self._value = value
        self.line_edit.setText(value.isoformat() if value else "")
        self._set_problem("")

    def text(self) -> str:
        return self.line_edit.text()

    def problem(self) -> str:
        return self.problem_label.text() if not self.problem_label.isHidden() else ""

    def commit(self) -> bool:
        """Parse the typed text. Returns False when it was refused (the committed date is unchanged)."""
        try:
            value = parse_date_input(self.line_edit.text())
        except UserError as exc:
            self._set_problem(error_text(exc))
            self.refused.emit(error_text(exc))
            return False
        self._set_problem("")
        shown = value.isoformat() if value else ""
        if self.line_edit.text() != shown:
            self.line_edit.setText(shown)
        self.line_edit.setModified(False)
        if value != self._value:
            self._value = value
            self.dateEdited.emit(value)
        return True

    def _set_problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))
        self.line_edit.setStyleSheet("QLineEdit { border: 1px solid #b3261e; }" if text else "")

    # --- calendar ---
    def open_calendar(self) -> None:
        """Opens at the date being typed when it is one, else the committed date, else today."""
        try:
            start = parse_date_input(self.line_edit.text())
        except UserError:
            start = None
        self.popup.open_at(start or self._value or date.today(), self.line_edit)

    def _on_picked(self, value: date) -> None:
        self.line_edit.setText(value.isoformat())
        self.commit()
        self.line_edit.setFocus(Qt.FocusReason.PopupFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line_edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
            if event.key() == Qt.Key.Key_F4 or alt_down:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)
