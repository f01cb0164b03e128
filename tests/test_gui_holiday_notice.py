"""节假日安排: the clerk pastes next year's notice, checks the calendar shown, saves; due dates stop being estimates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton

from zwgk_desktop.core.presenters.evidence_view import preview_verdict
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.holiday_notice_dialog import HOLIDAY, WORKDAY, HolidayNoticeDialog, MonthGrid
from zwgk_desktop.ui.main_window import MainWindow
from zwgk_desktop.ui.settings_dialog import SettingsDialog

NOTICES = Path(__file__).parent / "data" / "holiday_notices"
SAMPLE_2027 = (NOTICES / "sample-2027.txt").read_text(encoding="utf-8")
DEADLINE = "信息形成之日起20个工作日内"


@pytest.fixture
def win(qtbot, ws: Workspace, tmp_path: Path) -> MainWindow:
    window = MainWindow(ws, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    return window


def paste(qtbot, dialog: HolidayNoticeDialog, text: str) -> None:
    """Copy ``text`` to the clipboard and press Ctrl+V in the notice box, as the clerk does."""
    QApplication.clipboard().setText(text)
    dialog.text_edit.setFocus()
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.text_edit.toPlainText() == text
    qtbot.waitUntil(lambda: not dialog.parse_pending(), timeout=3000)  # read 1/4 s after the last change


def guarded(action, errors: list[BaseException]):  # noqa: ANN001, ANN201
    """Run a dialog's test steps; a failed step closes the dialog (so the test fails instead of hanging)."""

    def run(dialog) -> None:  # noqa: ANN001
        try:
            action(dialog)
        except BaseException as exc:  # noqa: BLE001 - re-raised by the test
            errors.append(exc)
            dialog.reject()

    return run


def verdict_2027(ws: Workspace) -> str:
    # formed on Friday 29 January 2027, published on Monday 1 March
    return preview_verdict(DEADLINE, year=2027, formed=date(2027, 1, 29), published=date(2027, 3, 1),
                           cal=ws.calendar).text


def test_paste_check_and_save_from_the_menu(qtbot, win: MainWindow, ws: Workspace) -> None:
    before = verdict_2027(ws)
    assert "（估算）" in before and "2027-02-26" in before  # Monday to Friday only: 20 days after 29 January
    seen: dict[str, object] = {}

    def check_and_save(dialog: HolidayNoticeDialog) -> None:
        assert not dialog.save_button.isEnabled()  # nothing to save yet
        paste(qtbot, dialog, SAMPLE_2027)
        notice = dialog.notice
        assert notice is not None and notice.year == 2027
        assert dialog.result_label.text() == "2027年：29 个放假日，6 个调休上班日。请与通知核对。"
        feb = dialog.months[1]
        assert feb.kind_of(date(2027, 2, 5)) == HOLIDAY and feb.kind_of(date(2027, 2, 13)) == HOLIDAY
        assert feb.kind_of(date(2027, 2, 14)) == WORKDAY and feb.kind_of(date(2027, 2, 20)) == WORKDAY
        assert feb.kind_of(date(2027, 2, 15)) == "" and feb.kind_of(date(2027, 2, 4)) == ""
        assert dialog.months[9].kind_of(date(2027, 10, 9)) == WORKDAY
        rows = [[dialog.festival_list.topLevelItem(i).text(c) for c in range(4)]
                for i in range(dialog.festival_list.topLevelItemCount())]
        assert [r[0] for r in rows] == ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]
        assert rows[1] == ["春节", "2月5日至2月13日", "9", "2月14日（周日）、2月20日（周六）"]
        assert rows[4] == ["端午节", "6月9日", "1", ""]
        assert dialog.warnings_label.text() == ""
        seen["dialog"] = True
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    errors: list[BaseException] = []
    on_modal(HolidayNoticeDialog, guarded(check_and_save, errors))
    win.act_calendar.trigger()
    if errors:
        raise errors[0]
    assert seen == {"dialog": True}
    assert (ws.calendar_dir / "2027.json").is_file()
    assert ws.calendar.last_known_year == 2027 and not ws.calendar.is_estimated(date(2027, 3, 1))
    after = verdict_2027(ws)
    # 春节 5-13 February is off, Sundays 14 and Saturday 20 February are worked: the 20th working day is 4 March
    assert "（估算）" not in after and "2027-03-04" in after and after.endswith("按时")
    assert "已保存 2027 年的放假安排" in win.statusBar().currentMessage()
    assert ws.history(None)[0].action == "calendar"


def test_cancel_writes_nothing(qtbot, win: MainWindow, ws: Workspace) -> None:
    def paste_and_cancel(dialog: HolidayNoticeDialog) -> None:
        paste(qtbot, dialog, SAMPLE_2027)
        assert dialog.save_button.isEnabled()
        cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    errors: list[BaseException] = []
    seen = on_modal(HolidayNoticeDialog, guarded(paste_and_cancel, errors))
    win.act_calendar.trigger()
    if errors:
        raise errors[0]
    assert seen
    assert not ws.calendar_dir.exists() and ws.calendar.last_known_year == 2026
    assert ws.history(None) == []


def test_a_bad_line_is_named_and_cannot_be_saved(qtbot, ws: Workspace) -> None:
    dialog = HolidayNoticeDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    bad = SAMPLE_2027.replace("2月20日（周六）上班", "2月20日（周六）")
    paste(qtbot, dialog, bad)
    assert dialog.notice is None and not dialog.save_button.isEnabled()
    assert dialog.result_label.text().startswith("第9行：无法识别“2月14日、2月20日”是放假还是上班")
    assert dialog.months[1].kind_of(date(2027, 2, 5)) == ""  # the previous result is not left on screen

    dialog.text_edit.clear()
    paste(qtbot, dialog, SAMPLE_2027.replace("共9天", "共10天"))
    assert dialog.save_button.isEnabled()
    assert "第9行：2月5日至2月13日是9天，通知中写的是“共10天”，请核对" in dialog.warnings_label.text()

    # another year's notice: the grids are that year's, the old ones are gone from the screen
    dialog.text_edit.clear()
    paste(qtbot, dialog, (NOTICES / "2025.txt").read_text(encoding="utf-8"))
    shown = [g for g in dialog.findChildren(MonthGrid) if g.isVisible()]
    assert [(g.year, g.month) for g in shown] == [(2025, m) for m in range(1, 13)]
    assert dialog.months[0].kind_of(date(2025, 1, 28)) == HOLIDAY
    assert dialog.result_label.text().endswith("（2025 年已收录，保存后以本通知为准）")


def test_settings_holidays_without_a_year_in_the_text(qtbot, win: MainWindow, ws: Workspace) -> None:
    body = "\n".join(line for line in SAMPLE_2027.splitlines() if "2027" not in line)
    labels: list[str] = []

    def in_notice(dialog: HolidayNoticeDialog) -> None:
        dialog.year_spin.setValue(2030)
        paste(qtbot, dialog, body)
        # asked: the year box appears and the text is read for the year it shows; in 2030 it makes no sense
        assert dialog.year_spin.isVisible() and dialog.notice is None
        assert dialog.result_label.text() == "第7行：调休上班日2030-02-14是周四，不是周末，请核对"
        dialog.year_spin.setValue(2027)
        assert dialog.result_label.text().startswith("通知中没有写明年份，按所选的 2027 年识别，请确认年份。")
        assert dialog.notice.year == 2027 and dialog.months[0].kind_of(date(2027, 1, 1)) == HOLIDAY
        assert dialog.warnings_label.text() == ""
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    errors: list[BaseException] = []

    def in_settings(settings: SettingsDialog) -> None:
        labels.append(settings.holiday_label.text())
        on_modal(HolidayNoticeDialog, guarded(in_notice, errors))
        qtbot.mouseClick(settings.findChild(QPushButton, "holidayButton"), Qt.MouseButton.LeftButton)
        labels.append(settings.holiday_label.text())
        settings.reject()

    on_modal(SettingsDialog, guarded(in_settings, errors))
    win.act_settings.trigger()
    if errors:
        raise errors[0]
    assert labels == ["已收录 2004—2026 年的放假安排", "已收录 2004—2027 年的放假安排"]
    assert not ws.calendar.is_estimated(date(2027, 6, 9)) and not ws.calendar.is_workday(date(2027, 6, 9))


def test_a_notice_file_from_the_menu_entry(qtbot, win: MainWindow, ws: Workspace, tmp_path: Path) -> None:
    f = tmp_path / "2027年放假通知.txt"
    f.write_bytes(SAMPLE_2027.encode("gbk"))

    def save(dialog: HolidayNoticeDialog) -> None:
        assert dialog.notice is not None and dialog.notice.year == 2027
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    errors: list[BaseException] = []
    seen = on_modal(HolidayNoticeDialog, guarded(save, errors))
    win.import_calendar(f)
    if errors:
        raise errors[0]
    assert seen
    assert ws.calendar.last_known_year == 2027


def test_open_text_file_button_reads_the_chosen_file(qtbot, ws: Workspace, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The 打开文本文件… button itself (its clicked(bool) once reached the method as a path)."""
    from PySide6.QtWidgets import QFileDialog

    f = tmp_path / "通知.txt"
    f.write_text(SAMPLE_2027, encoding="gbk")
    asked: list[bool] = []

    def choose(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - the system's file dialog
        asked.append(True)
        return str(f), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    dialog = HolidayNoticeDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert asked == [True]
    assert dialog.text_edit.toPlainText().strip() == SAMPLE_2027.strip()
    qtbot.waitUntil(lambda: not dialog.parse_pending(), timeout=3000)
    assert dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).isEnabled()
