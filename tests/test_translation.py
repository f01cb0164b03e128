"""The English translation (resources/translations/zwgk_en.ts/.qm) and the language choice."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QLabel

from zwgk_desktop.core.import_review import OPEN_FILTER, field_choices
from zwgk_desktop.core.types import STATUS_LABELS, Status
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui import app as gui_app
from zwgk_desktop.ui.fonts import install_cjk_font
from zwgk_desktop.ui.import_dialog import OPEN_FILTER_SOURCE
from zwgk_desktop.ui.item_model import STATUS_SOURCES, status_text
from zwgk_desktop.ui.main_window import MainWindow, app_settings
from zwgk_desktop.ui.mapping_dialog import FIELD_LABEL_SOURCES

REPO = Path(__file__).resolve().parents[1]
TRANSLATIONS = REPO / "resources" / "translations"
TS = TRANSLATIONS / "zwgk_en.ts"
PLACEHOLDER = re.compile(r"%n|%\d|\{[a-z_]*\d*\}")


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path, qapp: QApplication):
    """Never touch the user's real settings file."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    install_cjk_font(qapp)
    yield


@pytest.fixture
def ws(tmp_path: Path):
    workspace = Workspace.open(tmp_path / "ws")
    yield workspace
    workspace.close()


@pytest.fixture
def english(qapp: QApplication):
    translators = gui_app.install_translators(qapp, "en")
    assert translators, "zwgk_en.qm did not load"
    try:
        yield
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def _messages(path: Path = TS) -> list[tuple[str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [(context.findtext("name") or "", message)
            for context in root.iter("context") for message in context.iter("message")]


def test_every_string_is_translated_with_its_placeholders() -> None:
    messages = _messages()
    assert len(messages) > 250
    for context, message in messages:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None, (context, source)
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), (context, source)
        if message.get("numerus") == "yes":
            forms = [f.text or "" for f in translation.iter("numerusform")]
            assert len(forms) == 2 and all(forms), (context, source)
        else:
            forms = [translation.text or ""]
            assert forms[0].strip(), (context, source)
        for form in forms:
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(source)), (context, source, form)
            assert not re.search(r"[\u4e00-\u9fff]", form.replace("语言", "")), (context, source, form)


def test_translation_markers_match_the_core_strings() -> None:
    """The core stays Qt-free: its labels are repeated in the UI as QT_TRANSLATE_NOOP markers for lupdate."""
    assert list(STATUS_SOURCES) == [STATUS_LABELS[s] for s in Status]
    assert list(FIELD_LABEL_SOURCES) == [label for _field, label in field_choices()]
    assert OPEN_FILTER_SOURCE == OPEN_FILTER


@pytest.mark.skipif(not shutil.which("pyside6-lupdate") or not shutil.which("pyside6-lrelease"),
                    reason="needs pyside6-lupdate / pyside6-lrelease")
def test_ts_and_qm_are_up_to_date(tmp_path: Path) -> None:
    """No string of the UI is missing from zwgk_en.ts, and zwgk_en.qm is compiled from it (update.sh)."""
    ts = tmp_path / "zwgk_en.ts"
    shutil.copy(TS, ts)
    sources = sorted(str(p) for p in (REPO / "zwgk_desktop" / "ui").glob("*.py"))
    subprocess.run(["pyside6-lupdate", "-no-obsolete", *sources, "-ts", str(ts)], check=True, capture_output=True)
    now = {(c, m.findtext("source")) for c, m in _messages(ts)}
    before = {(c, m.findtext("source")) for c, m in _messages()}
    assert now == before, "run resources/translations/update.sh and translate the new strings"
    qm = tmp_path / "zwgk_en.qm"
    subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == (TRANSLATIONS / "zwgk_en.qm").read_bytes(), "run resources/translations/update.sh"


def _menu_titles(win: MainWindow) -> list[str]:
    return [a.text() for a in win.menuBar().actions()]


def test_english_window(qtbot, ws: Workspace, english) -> None:
    win = MainWindow(ws, persist=False)
    qtbot.addWidget(win)
    assert _menu_titles(win) == ["&File", "&Checklist", "&Help"]
    assert win.welcome.example_button.text() == "Load Example"
    assert win.welcome.import_button.text() == "Import Template…"
    assert status_text(Status.REWORK) == "Needs rework"


def test_chinese_window_without_translator(qtbot, ws: Workspace) -> None:
    win = MainWindow(ws, persist=False)
    qtbot.addWidget(win)
    assert _menu_titles(win) == ["文件(&F)", "清单(&L)", "帮助(&H)"]
    assert win.welcome.example_button.text() == "载入示例"
    assert status_text(Status.REWORK) == "需整改"


def test_language_choice_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gui_app, "system_language", lambda: "en")
    assert gui_app.choose_language(None) == "en"  # the system locale when nothing is chosen
    app_settings().setValue(gui_app.LANGUAGE_KEY, "zh")
    assert gui_app.choose_language(None) == "zh"  # the saved choice wins over the system
    assert gui_app.choose_language("en") == "en"  # --lang wins over both
    assert gui_app.parse_args(["--lang", "en"]).lang == "en"
    monkeypatch.setattr(gui_app, "system_language", lambda: "zh")
    app_settings().remove(gui_app.LANGUAGE_KEY)
    assert gui_app.choose_language(None) == "zh"


def test_chinese_installs_no_app_translation(qapp: QApplication) -> None:
    translators = gui_app.install_translators(qapp, "zh")
    try:
        assert QApplication.translate("MainWindow", "文件(&F)") == "文件(&F)"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_settings_dialog_stores_the_language(qtbot, ws: Workspace) -> None:
    from zwgk_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ws)
    qtbot.addWidget(dialog)
    assert dialog.language_combo.currentData() == ""  # 跟随系统
    assert "下次启动" in dialog.findChild(QLabel, "languageNote").text()  # applies at the next start
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.accept()
    assert app_settings().value(gui_app.LANGUAGE_KEY) == "en"
    assert gui_app.choose_language(None) == "en"
    again = SettingsDialog(ws)
    qtbot.addWidget(again)
    assert again.language_combo.currentData() == "en"
    again.language_combo.setCurrentIndex(again.language_combo.findData(""))
    again.accept()
    assert app_settings().value(gui_app.LANGUAGE_KEY) is None
