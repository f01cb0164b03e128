"""The English translation (resources/translations/zwgk_en.ts/.qm) and the language choice."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from zwgk_desktop.core.messages import join_msgs, msg
from zwgk_desktop.core.presenters.import_review import OPEN_FILTER, field_choices
from zwgk_desktop.core.types import STATUS_LABELS, Status
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui import app as gui_app
from zwgk_desktop.ui.i18n import core_text, error_text
from zwgk_desktop.ui.import_dialog import OPEN_FILTER_SOURCE
from zwgk_desktop.ui.item_model import STATUS_SOURCES, status_text
from zwgk_desktop.ui.main_window import MainWindow
from zwgk_desktop.ui.mapping_dialog import FIELD_LABEL_SOURCES
from zwgk_desktop.ui.settings import app_settings

REPO = Path(__file__).resolve().parents[1]
TRANSLATIONS = REPO / "resources" / "translations"
TS = TRANSLATIONS / "zwgk_en.ts"
PLACEHOLDER = re.compile(r"%n|%\d|\{[a-z_]*\d*\}")
QUOTED = re.compile(r"“[^”]*”")  # Chinese quoted as it appears in the clerk's documents (a column name, a notice)


def _catalog():
    spec = importlib.util.spec_from_file_location("zwgk_catalog", TRANSLATIONS / "catalog.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


catalog = _catalog()


pytestmark = pytest.mark.usefixtures("cjk_font")  # settings: conftest.isolated_qsettings


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
            assert not re.search(r"[\u4e00-\u9fff]", QUOTED.sub("", form.replace("语言", ""))), (context, source, form)


def test_translation_markers_match_the_core_strings() -> None:
    """The core stays Qt-free: its labels are repeated in the UI as QT_TRANSLATE_NOOP markers for lupdate."""
    assert list(STATUS_SOURCES) == [STATUS_LABELS[s] for s in Status]
    assert list(FIELD_LABEL_SOURCES) == [label for _field, label in field_choices()]
    assert OPEN_FILTER_SOURCE == OPEN_FILTER


def test_the_tools_are_found_next_to_the_venv_python() -> None:
    """update.sh and the freshness test find lupdate/lrelease without PATH (CI runs .venv/bin/python)."""
    for tool in ("lupdate", "lrelease"):
        found = catalog.find_tool(tool)
        assert found and Path(found).is_file(), tool


def test_core_templates_are_collected() -> None:
    templates = catalog.core_templates()
    assert "逾期 {late_workdays} 个工作日" in templates
    assert "zwgk_desktop/core/presenters/evidence_view.py" in templates["逾期 {late_workdays} 个工作日"]
    assert "提醒：{alerts}。" in templates and "；" in templates  # ledger wording, join separators
    assert all("{" not in t or re.search(r"\{\w+", t) for t in templates)
    assert (TRANSLATIONS / "core_messages.py").read_text(encoding="utf-8") == catalog.core_messages_source(), \
        "run resources/translations/update.sh"


def test_wrapped_ui_strings_are_collected() -> None:
    """lupdate does not see through a module's own ``_tr(text)`` wrapper: catalog.py lists those strings."""
    wrapped = catalog.ui_wrapper_strings()
    assert "县级汇总（各单位报送包）" in wrapped["CountyDialog"] and "逾期%1 超时%2 无佐证%3" in wrapped["CountyDialog"]
    assert "正在取消…" in wrapped["tasks"]
    assert 'QT_TRANSLATE_NOOP("CountyDialog", "县级汇总（各单位报送包）")' in catalog.core_messages_source({})


def _lupdate_into(ts: Path, extra_core: list[str] | None = None) -> set[tuple[str, str]]:
    """Run lupdate like update.sh over a copy of the catalogue (optionally with more core templates)."""
    shutil.copy(TS, ts)
    templates = catalog.core_templates()
    for template in extra_core or []:
        templates[template] = ["zwgk_desktop/core/test.py"]
    core_file = ts.parent / "core_messages.py"
    core_file.write_text(catalog.core_messages_source(templates), encoding="utf-8")
    sources = [str(REPO / s) for s in catalog.lupdate_sources()[:-1]] + [str(core_file)]
    subprocess.run([catalog.find_tool("lupdate"), "-no-obsolete", *sources, "-ts", str(ts)], check=True,
                   capture_output=True)
    return {(c, m.findtext("source")) for c, m in _messages(ts)}


def test_ts_and_qm_are_up_to_date(tmp_path: Path) -> None:
    """No string of the UI or the core is missing from zwgk_en.ts, and zwgk_en.qm is compiled from it."""
    now = _lupdate_into(tmp_path / "zwgk_en.ts")
    before = {(c, m.findtext("source")) for c, m in _messages()}
    assert now == before, "run resources/translations/update.sh and translate the new strings"
    qm = tmp_path / "zwgk_en.qm"
    subprocess.run([catalog.find_tool("lrelease"), str(TS), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == (TRANSLATIONS / "zwgk_en.qm").read_bytes(), "run resources/translations/update.sh"


def test_freshness_check_catches_a_new_core_message(tmp_path: Path) -> None:
    """A msg() template added to the core and not yet in zwgk_en.ts is found, as an unfinished entry."""
    ts = tmp_path / "zwgk_en.ts"
    now = _lupdate_into(ts, ["第{row}行：新加的提示"])
    before = {(c, m.findtext("source")) for c, m in _messages()}
    assert now - before == {("core", "第{row}行：新加的提示")}
    assert catalog.unfinished(ts) == [("core", "第{row}行：新加的提示")]
    filled = catalog.apply_translations([{"context": "core", "source": "第{row}行：新加的提示",
                                          "translation": "Row {row}: a new note"}], ts)
    assert filled == 1 and catalog.unfinished(ts) == []


def test_core_text_translates_messages_and_their_params(english) -> None:
    late = msg("逾期 {late_workdays} 个工作日", late_workdays=3)
    assert late == "逾期 3 个工作日"  # the core and the CLI see the Chinese text
    assert core_text(late) == "3 working days late"
    nested = msg("{text}（估算）", text=late)
    assert core_text(nested) == "3 working days late (estimated)"
    joined = join_msgs("；", [msg("未填写公开时限"), msg("没有责任单位")])
    assert joined == "未填写公开时限；没有责任单位"
    assert core_text(joined) == "No disclosure deadline given; No responsible unit"
    assert core_text("用户输入的文字") == "用户输入的文字"  # user data stays as it is
    assert error_text(ValueError(msg("找不到事项“{record_id}”。", record_id="ab12"))) == "Item “ab12” not found."


def test_core_text_without_translator_is_the_chinese_text() -> None:
    assert core_text(msg("逾期 {late_workdays} 个工作日", late_workdays=3)) == "逾期 3 个工作日"
    assert core_text(join_msgs("；", [msg("按时"), "x"])) == "按时；x"


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
