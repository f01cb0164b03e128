"""Bundled CJK font: registered at start and used as a fallback so Chinese renders everywhere."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from zwgk_desktop.paths import cjk_font_path

log = logging.getLogger(__name__)

# Preferred system families for Chinese UI text, tried before the bundled fallback.
_SYSTEM_CJK = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
               "Source Han Sans SC", "WenQuanYi Micro Hei"]

_bundled_family: str | None = None


def bundled_family() -> str | None:
    """The family name of the bundled font once :func:`install_cjk_font` registered it."""
    return _bundled_family


def install_cjk_font(app: QGuiApplication) -> str | None:
    """Register the bundled font and append it to the application font's families. Idempotent."""
    global _bundled_family
    if _bundled_family is None:
        path = cjk_font_path()
        font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            log.warning("bundled CJK font not loaded: %s", path)
            return None
        _bundled_family = families[0]
    font = QFont(app.font())
    current = list(font.families()) or [font.family()]
    available = set(QFontDatabase.families())
    wanted = [f for f in current if f != _bundled_family]
    wanted += [f for f in _SYSTEM_CJK if f in available and f not in wanted]
    wanted.append(_bundled_family)
    font.setFamilies(wanted)
    app.setFont(font)
    return _bundled_family
