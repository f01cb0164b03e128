"""Chinese input on Linux desktops: choose the Qt input-method module at start-up and tell the clerk when
no input method can reach the window.

The Qt inside the PySide6 wheels (and so the frozen build and the .deb) ships the ``ibus`` platform input
context plugin but no ``fcitx`` one. Distribution plugins (fcitx5-frontend-qt6) are built against the
distribution's Qt and its private API, so they cannot be loaded into PySide6's Qt. What works:

- ibus: the ``ibus`` plugin, directly.
- fcitx5 (UOS, Kylin V10 SP1+, Debian/Ubuntu): fcitx5 answers the IBus D-Bus protocol (its ``ibusfrontend``
  addon, loaded by default), so ``QT_IM_MODULE=ibus`` reaches it. The session usually says
  ``QT_IM_MODULE=fcitx``, a plugin PySide6's Qt lacks: Qt would silently run without any input method.
- fcitx 4 (older Kylin with Sogou): no IBus frontend, and Qt 6 has no XIM support: nothing reaches a Qt 6
  window that lacks a fcitx 4 Qt 6 plugin built for this Qt. The clerk is told to switch to fcitx5 or ibus.

``choose_im_module`` runs before QApplication exists (Qt reads the variable once, when the platform plugin
starts); ``input_method_problem`` and ``warn_if_no_input_method`` run after.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Mapping
from enum import Enum
from pathlib import Path

log = logging.getLogger("zwgk_desktop")

DAEMONS = {"fcitx5": "fcitx5", "fcitx": "fcitx", "ibus-daemon": "ibus"}  # process name -> input method
startup_choice: dict[str, str | None] = {}  # what configure_environment found and did (logged later)


class ImeProblem(Enum):
    FCITX4_ONLY = "fcitx4"  # only fcitx 4 runs: it cannot reach a Qt 6 window
    NO_DAEMON = "none"  # a Chinese desktop session with no input method running
    NO_PLUGIN = "plugin"  # an input method runs but this Qt has no ibus plugin (a broken package)


def running_input_methods(proc: Path = Path("/proc")) -> set[str]:
    """The input methods whose daemon runs for this user ("fcitx5", "fcitx", "ibus"), from /proc."""
    found: set[str] = set()
    uid = os.getuid() if hasattr(os, "getuid") else None
    try:
        entries = list(proc.iterdir())
    except OSError:
        return found
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            name = (entry / "comm").read_text(encoding="utf-8", errors="replace").strip()
            if name not in DAEMONS or (uid is not None and entry.stat().st_uid != uid):
                continue
        except OSError:
            continue
        found.add(DAEMONS[name])
    return found


def available_plugins() -> set[str]:
    """The platform input context plugins this Qt can load ("ibus", "compose", ...)."""
    from PySide6.QtCore import QLibraryInfo  # QtCore only: safe before QApplication

    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforminputcontexts"]
    folders += [Path(p) / "platforminputcontexts" for p in os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep)
                if p]
    names: set[str] = set()
    for folder in folders:
        if folder.is_dir():
            for file in folder.iterdir():
                stem = file.name.split(".")[0]
                if stem.startswith("lib"):
                    stem = stem[3:]
                if stem.endswith("platforminputcontextplugin"):
                    names.add(stem[: -len("platforminputcontextplugin")])
    return names


def _requested(env: Mapping[str, str]) -> str:
    return (env.get("QT_IM_MODULES", "").split(";")[0] or env.get("QT_IM_MODULE", "")).strip().lower()


def choose_im_module(env: Mapping[str, str], running: Iterable[str], plugins: Iterable[str]) -> str | None:
    """The QT_IM_MODULE to set before Qt starts, or None to leave the environment as it is.

    A module that this Qt can load is kept. Otherwise (unset, or ``fcitx``/``fcitx5``/``xim`` that PySide6's
    Qt lacks) ibus is chosen when fcitx5 or ibus runs and the ibus plugin is there."""
    running, plugins = set(running), set(plugins)
    requested = _requested(env)
    if requested and (requested in plugins or requested == "wayland"):  # wayland: Qt's text-input protocol
        return None
    if "ibus" in plugins and running & {"fcitx5", "ibus"}:
        return "ibus"
    return None


def input_method_problem(env: Mapping[str, str], running: Iterable[str], plugins: Iterable[str],
                         platform: str) -> ImeProblem | None:
    """Why no input method can reach the window, or None when one can (or it does not apply here)."""
    if not sys.platform.startswith("linux") or platform not in ("xcb", "wayland"):
        return None
    running, plugins = set(running), set(plugins)
    if running & {"fcitx5", "ibus"}:
        return None if "ibus" in plugins else ImeProblem.NO_PLUGIN
    if "fcitx" in running:
        return ImeProblem.FCITX4_ONLY
    language = (env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or "").lower()
    return ImeProblem.NO_DAEMON if language.startswith("zh") else None


def configure_environment(environ: dict[str, str] | None = None) -> str | None:
    """Before QApplication: set QT_IM_MODULE when the session's choice cannot work here. Returns the value
    set, or None."""
    environ = os.environ if environ is None else environ  # type: ignore[assignment]
    if not sys.platform.startswith("linux") or environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"):
        return None
    try:
        chosen = choose_im_module(environ, running_input_methods(), available_plugins())
    except Exception:  # never stop the app from starting over this
        log.exception("input method detection failed")
        return None
    startup_choice.update(session=environ.get("QT_IM_MODULE"), chosen=chosen)
    if chosen is not None:
        environ["QT_IM_MODULE"] = chosen
        environ.pop("QT_IM_MODULES", None)
    return chosen


def problem_text(problem: ImeProblem) -> str:
    from PySide6.QtCore import QCoreApplication

    # Spelled out in full: pyside6-lupdate reads a bare tr(...) as self.tr(source, comment).
    if problem is ImeProblem.FCITX4_ONLY:
        return QCoreApplication.translate(
            "InputMethod",
            "正在运行的是 fcitx 4 输入法（如旧版搜狗输入法），它无法在本程序的窗口中输入中文。\n"
            "请安装 fcitx5 输入法（软件包 fcitx5、fcitx5-chinese-addons）或 ibus 输入法"
            "（软件包 ibus、ibus-libpinyin），在系统的输入法设置中切换过去，注销后重新登录，"
            "再打开本程序。")
    if problem is ImeProblem.NO_PLUGIN:
        return QCoreApplication.translate(
            "InputMethod",
            "检测到中文输入法，但本程序缺少连接它所需的 ibus 输入法插件，可能无法输入中文。\n"
            "请重新安装本程序；如仍不能输入，请把这条提示告诉技术支持。")
    return QCoreApplication.translate(
        "InputMethod",
        "没有检测到正在运行的中文输入法，在本程序中可能无法输入中文。\n"
        "请安装 fcitx5 输入法（软件包 fcitx5、fcitx5-chinese-addons）或 ibus 输入法"
        "（软件包 ibus、ibus-libpinyin）并在系统设置中启用，然后重新打开本程序。")


def warn_if_no_input_method(parent: object | None = None) -> ImeProblem | None:
    """After the window shows: tell the clerk (once per problem, with 不再提示) when Chinese cannot be typed."""
    from PySide6.QtGui import QGuiApplication

    running, plugins = running_input_methods(), available_plugins()
    problem = input_method_problem(os.environ, running, plugins, QGuiApplication.platformName())
    log.info("input method: running %s, Qt plugins %s, session QT_IM_MODULE %r, set %r, problem %s",
             sorted(running) or "none", sorted(plugins), startup_choice.get("session"),
             startup_choice.get("chosen"), problem.value if problem else "none")
    if problem is not None:
        show_input_method_hint(problem, parent)
    return problem


def show_input_method_hint(problem: ImeProblem, parent: object | None = None) -> bool:
    """The Chinese hint for ``problem`` with a 不再提示 box (remembered per problem in QSettings). Returns
    whether it was shown."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QCheckBox, QMessageBox

    from zwgk_desktop.ui.settings import INPUT_METHOD_HINT_KEY, app_settings

    settings = app_settings()
    if str(settings.value(INPUT_METHOD_HINT_KEY, "") or "") == problem.value:
        return False
    box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("InputMethod", "中文输入法"),
                      problem_text(problem), QMessageBox.StandardButton.Ok, parent)  # type: ignore[arg-type]
    again = QCheckBox(QCoreApplication.translate("InputMethod", "不再提示"))
    box.setCheckBox(again)
    box.setObjectName("inputMethodHint")
    box.exec()
    if again.isChecked():
        settings.setValue(INPUT_METHOD_HINT_KEY, problem.value)
    return True
