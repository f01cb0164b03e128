"""节假日安排: paste the State Council's notice, see the year as twelve month grids, confirm 保存.

The parsing and saving are the core's (``core.deadlines.holiday_notice``, ``Workspace.install_holiday_notice``,
the same as ``zwgk calendar --from-notice``); this dialog only shows the result. Cancelling writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.deadlines.holiday_notice import (
    HolidayNotice,
    NoticeYearMissing,
    compact_ranges,
    day_label,
    parse_holiday_notice,
    range_label,
    read_notice_file,
)
from zwgk_desktop.core.messages import Msg, join_msgs, message_of
from zwgk_desktop.core.types import UserError
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.i18n import core_text
from zwgk_desktop.ui.screen_fit import fit_to_screen

HOLIDAY = "holiday"
WORKDAY = "workday"
HOLIDAY_COLOR = QColor("#d93025")
WORKDAY_COLOR = QColor("#1a73e8")
WEEKEND_COLOR = QColor("#9aa0a6")
CELL = 22


class MonthGrid(QWidget):
    """One month, Monday first: holidays on red, make-up workdays on blue with 班."""

    def __init__(self, year: int, month: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year, self.month = year, month
        self.setObjectName(f"month{month}")
        self.kinds: dict[date, str] = {}
        self.names: dict[date, str] = {}
        self.setFixedSize(self.sizeHint())
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(7 * CELL + 2, 8 * CELL + 2)

    def set_days(self, kinds: dict[date, str], names: dict[date, str]) -> None:
        self.kinds = {d: k for d, k in kinds.items() if (d.year, d.month) == (self.year, self.month)}
        self.names = names
        self.update()

    def kind_of(self, d: date) -> str:
        """HOLIDAY, WORKDAY or '' (what the grid paints for ``d``)."""
        return self.kinds.get(d, "")

    def _cell(self, d: date) -> QRect:
        first = date(self.year, self.month, 1)
        index = first.weekday() + d.day - 1
        return QRect(1 + (index % 7) * CELL, 1 + (2 + index // 7) * CELL, CELL, CELL)

    def _day_at(self, x: int, y: int) -> date | None:
        d = date(self.year, self.month, 1)
        while d.month == self.month:
            if self._cell(d).contains(x, y):
                return d
            d += timedelta(days=1)
        return None

    def event(self, e) -> bool:  # noqa: ANN001 - QEvent
        if e.type() == e.Type.ToolTip:
            d = self._day_at(int(e.pos().x()), int(e.pos().y()))
            kind = self.kinds.get(d) if d else None
            if d and kind:
                what = self.tr("放假") if kind == HOLIDAY else self.tr("调休上班")
                self.setToolTip(f"{d.month}/{d.day} {what} {self.names.get(d, '')}")
            else:
                self.setToolTip("")
        return super().event(e)

    def paintEvent(self, _event) -> None:  # noqa: N802, ANN001 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRect(0, 0, self.width(), CELL), Qt.AlignmentFlag.AlignCenter,
                   self.tr("%1月").replace("%1", str(self.month)))
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, self.font().pointSizeF() * 0.8))
        p.setFont(small)
        for i, label in enumerate(self.tr("一,二,三,四,五,六,日").split(",")):
            p.setPen(WEEKEND_COLOR if i >= 5 else self.palette().windowText().color())
            p.drawText(QRect(1 + i * CELL, CELL, CELL, CELL), Qt.AlignmentFlag.AlignCenter, label)
        d = date(self.year, self.month, 1)
        while d.month == self.month:
            rect = self._cell(d).adjusted(1, 1, -1, -1)
            kind = self.kinds.get(d)
            if kind:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(HOLIDAY_COLOR if kind == HOLIDAY else WORKDAY_COLOR)
                p.drawRoundedRect(rect, 4, 4)
                p.setPen(QColor("white"))
            else:
                p.setPen(WEEKEND_COLOR if d.weekday() >= 5 else self.palette().windowText().color())
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(d.day))
            d += timedelta(days=1)
        p.end()


class HolidayNoticeDialog(QDialog):
    """Paste (or open) the notice, check the parsed calendar, then 保存 or 取消."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None, *, text: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("holidayNoticeDialog")
        self.setWindowTitle(self.tr("节假日安排"))
        self.ws = ws
        self.notice: HolidayNotice | None = None
        self.saved_warnings: list[str] = []
        self.imported_years: list[int] = []

        last = ws.calendar.last_known_year
        intro = QLabel(self.tr("已收录到 %1 年。国务院办公厅公布下一年的《部分节假日安排的通知》后，把通知全文粘贴到下面"
                               "（或打开保存的文本文件），核对右侧识别出的放假和调休上班日期，无误后点“保存”。")
                       .replace("%1", str(last or "")))
        intro.setWordWrap(True)
        intro.setObjectName("noticeIntro")

        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("noticeEdit")
        self.text_edit.setPlaceholderText(self.tr(
            "例如：\n国务院办公厅关于2027年部分节假日安排的通知\n……\n一、元旦：1月1日放假……\n"
            "二、春节：……放假调休，共8天。……（周六）上班。"))
        self.open_button = QPushButton(self.tr("打开文本文件…"))
        self.open_button.setObjectName("openNoticeButton")
        self.open_button.clicked.connect(lambda _checked=False: self.open_text_file())
        self.json_button = QPushButton(self.tr("导入日历 JSON 文件…"))
        self.json_button.setObjectName("importJsonButton")
        self.json_button.clicked.connect(lambda _checked=False: self.import_json_file())
        self.year_label = QLabel(self.tr("通知中没有写明年份，请选择："))
        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("yearSpin")
        self.year_spin.setRange(2000, 2199)
        self.year_spin.setValue(max(date.today().year + 1, (last or 0) + 1))
        self.year_spin.valueChanged.connect(self._parse_now)
        self.year_label.hide()
        self.year_spin.hide()
        left_buttons = QHBoxLayout()
        left_buttons.addWidget(self.open_button)
        left_buttons.addWidget(self.json_button)
        left_buttons.addStretch(1)
        left_buttons.addWidget(self.year_label)
        left_buttons.addWidget(self.year_spin)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.text_edit, 3)
        left_layout.addLayout(left_buttons)

        self.result_label = QLabel()
        self.result_label.setObjectName("noticeResult")
        self.result_label.setWordWrap(True)
        self.months: list[MonthGrid] = []
        self.months_box = QWidget()
        self.months_layout = QGridLayout(self.months_box)
        self.months_layout.setSpacing(10)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.months_box)
        legend = QLabel(self.tr('<span style="color:#d93025">■</span> 放假　'
                                '<span style="color:#1a73e8">■</span> 调休上班'))
        self.festival_list = QTreeWidget()
        self.festival_list.setObjectName("festivalList")
        self.festival_list.setRootIsDecorated(False)
        self.festival_list.setHeaderLabels([self.tr("节日"), self.tr("放假"), self.tr("天数"), self.tr("调休上班")])
        self.festival_list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.warnings_label = QLabel()
        self.warnings_label.setObjectName("noticeWarnings")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet("color: #b06000;")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.result_label)
        right_layout.addWidget(scroll, 1)
        right_layout.addWidget(legend)
        right_layout.addWidget(self.warnings_label)
        left_layout.addWidget(self.festival_list, 2)  # the festivals under the text they come from

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        scroll.setMinimumWidth(4 * (MonthGrid(2000, 1).sizeHint().width() + 10) + 30)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        self.save_button.setObjectName("saveNoticeButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 1200, 720)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._parse_now)
        self.text_edit.textChanged.connect(self._timer.start)
        self._build_months(self.year_spin.value())  # empty until a notice is read
        if text:
            self.text_edit.setPlainText(text)
        self._parse_now()

    # -- reading ----------------------------------------------------------------------------------------------

    def open_text_file(self, path: Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getOpenFileName(self, self.tr("打开通知文本"), "",
                                                  self.tr("文本文件 (*.txt);;所有文件 (*)"))
            if not name:
                return
            path = Path(name)
        try:
            self.text_edit.setPlainText(read_notice_file(path))
        except UserError as exc:
            self._show_problem(message_of(exc))
            return
        self._parse_now()

    def import_json_file(self, path: Path | None = None) -> None:
        """The calendar JSON format (resources/calendar/README.txt), saved at once as before."""
        if path is None:
            name, _ = QFileDialog.getOpenFileName(self, self.tr("导入节假日安排"), "",
                                                  self.tr("节假日日历 (*.json)"))
            if not name:
                return
            path = Path(name)
        try:
            self.imported_years = self.ws.install_calendar_file(path)
        except UserError as exc:
            self._show_problem(message_of(exc))
            return
        super().accept()

    def parse_pending(self) -> bool:
        """True while an edit waits to be read (the text is read a moment after typing stops)."""
        return self._timer.isActive()

    def _parse_now(self) -> None:
        self._timer.stop()
        text = self.text_edit.toPlainText()
        year = None if self.year_spin.isHidden() else self.year_spin.value()
        self.notice = None
        self.save_button.setEnabled(False)
        if not text.strip():
            self._show_result(None)
            self.result_label.setText(self.tr("粘贴通知全文后，这里显示识别出的日历。"))
            return
        try:
            try:
                self.notice = parse_holiday_notice(text, year=year)
            except NoticeYearMissing:  # ask: the year box appears, the text is read for the year shown there
                self.year_label.show()
                self.year_spin.show()
                self.notice = parse_holiday_notice(text, year=self.year_spin.value())
        except UserError as exc:
            self._show_problem(message_of(exc))
            return
        self._show_result(self.notice)
        if not self.year_spin.isHidden() and not self.notice.title:
            self.result_label.setText(self.tr("通知中没有写明年份，按所选的 %1 年识别，请确认年份。")
                                      .replace("%1", str(self.notice.year)) + "\n" + self.result_label.text())

    def _build_months(self, year: int) -> None:
        if self.months and self.months[0].year == year:
            return
        for grid in self.months:  # gone at once, not only when the event loop deletes them
            grid.hide()
            self.months_layout.removeWidget(grid)
            grid.deleteLater()
        self.months = [MonthGrid(year, m, self.months_box) for m in range(1, 13)]
        for i, grid in enumerate(self.months):
            self.months_layout.addWidget(grid, i // 4, i % 4)
            grid.show()  # now, not from the layout's queued show: the grids are there once the text is read

    def _show_problem(self, text: str) -> None:
        self._show_result(None)
        self.result_label.setText(core_text(text))
        self.result_label.setStyleSheet("color: #d93025;")

    def _show_result(self, notice: HolidayNotice | None) -> None:
        self.result_label.setStyleSheet("")
        self.festival_list.clear()
        self.warnings_label.setText("")
        if notice is None:
            for grid in self.months:
                grid.set_days({}, {})
            return
        self._build_months(notice.year)
        kinds = {d: HOLIDAY for d in notice.holidays} | {d: WORKDAY for d in notice.workdays}
        names = {d: core_text(Msg(notice.festival_on(d))) for d in kinds}
        for grid in self.months:
            grid.set_days(kinds, names)
        for f in notice.festivals:
            off = core_text(join_msgs("、", [range_label(r) for r in compact_ranges(f.holidays)]))
            work = core_text(join_msgs("、", [day_label(d, notice.year) for d in f.workdays]))
            QTreeWidgetItem(self.festival_list, [core_text(Msg(f.name)), off, str(len(f.holidays)), work])
        self.result_label.setText(
            self.tr("%1年：%2 个放假日，%3 个调休上班日。请与通知核对。")
            .replace("%1", str(notice.year)).replace("%2", str(len(notice.holidays)))
            .replace("%3", str(len(notice.workdays)))
            + (self.tr("（%1 年已收录，保存后以本通知为准）").replace("%1", str(notice.year))
               if notice.year in self.ws.calendar.known_years else ""))
        self.warnings_label.setText("\n".join(map(core_text, notice.warnings)))
        self.save_button.setEnabled(True)

    # -- saving -----------------------------------------------------------------------------------------------

    def accept(self) -> None:
        if self.notice is None:
            return
        try:
            self.saved_warnings = self.ws.install_holiday_notice(self.notice)
        except UserError as exc:
            self._show_problem(message_of(exc))
            return
        super().accept()



@dataclass(frozen=True)
class CalendarSaved:
    """A year's holiday arrangement was saved: what to tell the clerk in the status bar."""

    years: tuple[int, ...]
    last_known_year: int
    status: str


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the context these strings had in the window


def edit_holidays(parent: QWidget | None, ws: Workspace, *, notice_file: Path | None = None) -> CalendarSaved | None:
    """节假日安排 (文件 → 导入节假日安排…, 设置 → 节假日安排…): paste the State Council's notice, or read
    ``notice_file``; check the calendar; save. None when the clerk cancelled."""
    text = read_notice_file(notice_file) if notice_file else ""
    dialog = HolidayNoticeDialog(ws, parent, text=text)
    try:
        if not dialog.exec():
            return None
        last = ws.calendar.last_known_year
        if dialog.imported_years:
            years = tuple(dialog.imported_years)
            shown = core_text(join_msgs("、", [str(y) for y in years]))
        else:
            years = (dialog.notice.year,) if dialog.notice else ()
            shown = str(dialog.notice.year) if dialog.notice else ""
        if dialog.saved_warnings:
            QMessageBox.warning(parent, _tr("节假日安排"), "\n".join(map(core_text, dialog.saved_warnings)))
        return CalendarSaved(years, last, _tr("已保存 %1 年的放假安排。现已收录到 %2 年，工作日计算将按官方安排进行。")
                             .replace("%1", shown).replace("%2", str(last)))
    finally:
        dialog.deleteLater()
