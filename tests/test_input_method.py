"""Start-up input-method handling (zwgk_desktop/ui/input_method.py): which QT_IM_MODULE the window gets,
when the clerk is told that Chinese cannot be typed, and the hint dialog itself. The typing itself, with
real fcitx5 and ibus daemons, is tests/test_ime_typing.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QMessageBox

from tests.gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - autouse fixture
from zwgk_desktop.ui import input_method as im
from zwgk_desktop.ui.input_method import ImeProblem, choose_im_module, input_method_problem

PYSIDE = {"ibus", "compose", "qtvirtualkeyboard"}  # what the PySide6 wheels ship
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux desktops only")


@linux_only
def test_the_pyside6_qt_has_the_ibus_plugin_and_no_fcitx_one() -> None:
    plugins = im.available_plugins()
    assert "ibus" in plugins
    assert not {"fcitx", "fcitx5"} & plugins  # why fcitx5 is reached through its IBus frontend


@pytest.mark.parametrize(("env", "running", "expected"), [
    ({"QT_IM_MODULE": "fcitx"}, {"fcitx5"}, "ibus"),  # UOS / im-config for fcitx5: a plugin Qt lacks
    ({"QT_IM_MODULE": "fcitx5"}, {"fcitx5"}, "ibus"),
    ({}, {"fcitx5"}, "ibus"),  # unset: Qt would use compose only
    ({}, {"ibus"}, "ibus"),
    ({"QT_IM_MODULE": "xim"}, {"ibus"}, "ibus"),  # Qt 6 has no XIM
    ({"QT_IM_MODULE": "ibus"}, {"fcitx5"}, None),  # already right
    ({"QT_IM_MODULE": "compose"}, {"fcitx5"}, None),  # a loadable choice is the user's
    ({"QT_IM_MODULE": "wayland"}, {"fcitx5"}, None),  # Qt's Wayland text-input, no plugin file
    ({"QT_IM_MODULES": "ibus;compose", "QT_IM_MODULE": "fcitx"}, {"fcitx5"}, None),
    ({"QT_IM_MODULE": "fcitx"}, {"fcitx"}, None),  # fcitx 4: nothing to switch to
    ({"QT_IM_MODULE": "fcitx"}, set(), None),
])
def test_choose_im_module(env: dict[str, str], running: set[str], expected: str | None) -> None:
    assert choose_im_module(env, running, PYSIDE) == expected


def test_choose_im_module_without_the_ibus_plugin_changes_nothing() -> None:
    assert choose_im_module({"QT_IM_MODULE": "fcitx"}, {"fcitx5"}, {"compose"}) is None


@linux_only
@pytest.mark.parametrize(("env", "running", "plugins", "platform", "expected"), [
    ({"QT_IM_MODULE": "ibus"}, {"fcitx5"}, PYSIDE, "xcb", None),
    ({}, {"ibus"}, PYSIDE, "wayland", None),
    ({}, {"fcitx5", "fcitx"}, PYSIDE, "xcb", None),  # fcitx5 wins over a leftover fcitx 4
    ({}, {"fcitx"}, PYSIDE, "xcb", ImeProblem.FCITX4_ONLY),
    ({}, {"fcitx5"}, {"compose"}, "xcb", ImeProblem.NO_PLUGIN),
    ({"LANG": "zh_CN.UTF-8"}, set(), PYSIDE, "xcb", ImeProblem.NO_DAEMON),
    ({"LANG": "en_US.UTF-8"}, set(), PYSIDE, "xcb", None),  # an English desktop may not want one
    ({}, {"fcitx"}, PYSIDE, "offscreen", None),  # screenshots, tests
])
def test_input_method_problem(env: dict[str, str], running: set[str], plugins: set[str], platform: str,
                              expected: ImeProblem | None) -> None:
    assert input_method_problem(env, running, plugins, platform) == expected


@linux_only
def test_running_input_methods_reads_proc_for_this_user(tmp_path: Path) -> None:
    proc = tmp_path / "proc"
    for pid, name in [(10, "fcitx5"), (11, "ibus-daemon"), (12, "bash"), (13, "fcitx5-remote")]:
        (proc / str(pid)).mkdir(parents=True)
        (proc / str(pid) / "comm").write_text(name + "\n", encoding="utf-8")
    (proc / "self").mkdir()
    assert im.running_input_methods(proc) == {"fcitx5", "ibus"}


@linux_only
def test_configure_environment_leaves_offscreen_alone() -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "QT_IM_MODULE": "fcitx"}
    assert im.configure_environment(env) is None
    assert env["QT_IM_MODULE"] == "fcitx"


@pytest.fixture
def settings_dir(isolated_qsettings: Path) -> Path:
    return isolated_qsettings


@pytest.mark.parametrize("problem", list(ImeProblem))
def test_hint_tells_what_to_install_and_is_not_shown_again_when_dismissed(
        qtbot, settings_dir: Path, problem: ImeProblem) -> None:
    texts: list[str] = []

    def dismiss(box: QMessageBox) -> None:
        texts.append(box.text())
        box.findChild(QCheckBox).click()  # 不再提示
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    seen = on_modal(QMessageBox, dismiss, name="inputMethodHint")
    assert im.show_input_method_hint(problem) is True
    assert seen and texts
    if problem is ImeProblem.NO_PLUGIN:
        assert "重新安装本程序" in texts[0]
    else:
        assert "fcitx5-chinese-addons" in texts[0] and "ibus-libpinyin" in texts[0]
    if problem is ImeProblem.FCITX4_ONLY:
        assert "fcitx 4" in texts[0]
    # dismissed: the next start does not show it (no dialog appears; a watcher would find one)
    again = on_modal(QMessageBox, lambda box: box.close(), name="inputMethodHint", timeout_ms=500)
    assert im.show_input_method_hint(problem) is False
    qtbot.wait(50)
    assert not again
    # another problem is shown again
    other = next(p for p in ImeProblem if p is not problem)
    on_modal(QMessageBox, lambda box: box.accept(), name="inputMethodHint")
    assert im.show_input_method_hint(other) is True


def test_hint_without_dismissing_is_shown_at_every_start(qtbot, settings_dir: Path) -> None:
    for _ in range(2):
        seen = on_modal(QMessageBox, lambda box: box.accept(), name="inputMethodHint")
        assert im.show_input_method_hint(ImeProblem.FCITX4_ONLY) is True
        assert seen


def test_module_is_qt_free_until_asked() -> None:
    # imported before QApplication exists (app.main): only QtCore is touched by available_plugins
    out = subprocess.run([sys.executable, "-c", "import sys, zwgk_desktop.ui.input_method as m; "
                          "m.choose_im_module({}, set(), set()); print('PySide6.QtGui' in sys.modules)"],
                         capture_output=True, text=True, check=True, env=dict(os.environ))
    assert out.stdout.strip() == "False"
