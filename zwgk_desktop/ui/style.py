"""A light, restrained style for the main window (selectors by object name, so dialogs keep the platform look)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

MAIN_QSS = """
#welcomeTitle { font-size: 22pt; font-weight: bold; color: #1f3a5f; }
#welcomeText { font-size: 11pt; color: #555; }
#importButton, #exampleButton { font-size: 13pt; padding: 10px 24px; }
#detailTitle { font-size: 13pt; font-weight: bold; color: #1f3a5f; }
#detailPath { color: #666; }
#detailEmpty { color: #888; font-size: 11pt; }
#dueBanner { background: #fff4e0; border-bottom: 1px solid #f0c36d; }
#dueBannerText { color: #8a5300; }
#summaryLabel { color: #333; padding: 0 6px; }
#itemTable { gridline-color: #e6e6e6; }
#filterEmpty { background: #eef3fb; border-bottom: 1px solid #c6d4ea; }
#filterEmptyText { color: #1f3a5f; font-weight: bold; }
#filterEmptyDetail { color: #555; }
#loadingLabel { background: #f3f6fa; color: #1f3a5f; border-bottom: 1px solid #d5dde8; padding: 6px 10px; }
"""


def apply_main_style(window: QWidget) -> None:
    window.setStyleSheet(MAIN_QSS)
