"""The window's per-user settings (QSettings): names, keys, the interface language and the window layout.

Workspace settings (单位名称, 填报人) live in the workspace database (``Workspace.settings``); what is kept
here belongs to this user on this PC. Importing this module does not import Qt (``ui/app.py`` reads the
language before the window's modules are loaded).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

ORGANIZATION = "zwgk"
APPLICATION = "zwgk-desktop"
LANGUAGES = ("zh", "en")  # zh: Simplified Chinese, the source language of every string; en: resources/translations

SETTINGS_VERSION = 1  # of the window layout below; another value: the stored layout is ignored
VERSION_KEY = "version"
GEOMETRY_KEY = "window/geometry"
SPLITTER_KEY = "window/splitter"
HEADER_KEY = "table/header"
LAST_CHECKLIST_KEY = "checklist/last"  # the checklist shown at the next start
LANGUAGE_KEY = "ui/language"  # written by the settings dialog, read at start-up
INPUT_METHOD_HINT_KEY = "ui/input_method_hint_dismissed"  # the 中文输入法 notice the clerk chose not to see again


def app_settings() -> QSettings:
    """The per-user settings file (ini format everywhere, so tests can redirect it with QSettings.setPath)."""
    from PySide6.QtCore import QSettings

    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def stored_language() -> str:
    """The interface language chosen in 设置 ("zh", "en"), or "" to follow the system."""
    stored = str(app_settings().value(LANGUAGE_KEY, "") or "")
    return stored if stored in LANGUAGES else ""


def store_language(language: str) -> None:
    """Remember the language for the next start ("" follows the system again)."""
    settings = app_settings()
    if language:
        settings.setValue(LANGUAGE_KEY, language)
    else:
        settings.remove(LANGUAGE_KEY)
    settings.sync()


def restore_window_layout(settings: QSettings, window: QMainWindow, splitter: QSplitter, header: QHeaderView,
                          default_size: Callable[[], None]) -> None:
    """Put back the window's geometry, the splitter and the table's columns as the user left them;
    ``default_size`` sizes the window when no geometry of this layout version is stored."""
    from PySide6.QtCore import QByteArray

    if settings.value(VERSION_KEY, 0, int) != SETTINGS_VERSION:
        default_size()
        return
    geometry = settings.value(GEOMETRY_KEY)
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        default_size()
    state = settings.value(SPLITTER_KEY)
    if isinstance(state, QByteArray):
        splitter.restoreState(state)
    state = settings.value(HEADER_KEY)
    if isinstance(state, QByteArray):
        header.restoreState(state)


def save_window_layout(settings: QSettings, window: QMainWindow, splitter: QSplitter, header: QHeaderView,
                       checklist_id: str | None) -> None:
    settings.setValue(VERSION_KEY, SETTINGS_VERSION)
    settings.setValue(GEOMETRY_KEY, window.saveGeometry())
    settings.setValue(SPLITTER_KEY, splitter.saveState())
    settings.setValue(HEADER_KEY, header.saveState())
    if checklist_id is not None:
        settings.setValue(LAST_CHECKLIST_KEY, checklist_id)
    settings.sync()
