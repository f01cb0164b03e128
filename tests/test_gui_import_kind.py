"""The window asks before importing a report or summary; 不导入 writes nothing, 仍然导入 goes on to the preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.import_dialog import ImportPreviewDialog, run_import

REPORT = Path(__file__).resolve().parent / "data" / "corpus" / "x02-qingxi-2022-summary.txt"


@pytest.fixture
def ws(tmp_path):
    with Workspace.open(tmp_path / "ws") as w:
        yield w


def _answer(button_text: str, seen: list[str]):
    def act(box: QMessageBox) -> None:
        seen.append(box.text())
        button = next(b for b in box.findChildren(QPushButton) if b.text() == button_text)
        assert box.defaultButton().text() == "不导入"  # Enter does not import a report by accident
        button.click()
    return act


def test_report_not_imported_when_declined(qtbot, ws) -> None:
    seen: list[str] = []
    on_modal(QMessageBox, _answer("不导入", seen))
    assert run_import(None, ws, REPORT) is None
    assert seen and "工作总结或报告" in seen[0]
    assert ws.is_empty()


def test_report_imported_when_the_clerk_insists(qtbot, ws) -> None:
    seen: list[str] = []
    previews: list[str] = []

    def accept(dialog: ImportPreviewDialog) -> None:
        previews.extend(label.text() for label in dialog.findChildren(QLabel) if "不像清单" in label.text())
        dialog.findChild(QPushButton, "okButton").click()

    on_modal(QMessageBox, _answer("仍然导入", seen))
    on_modal(ImportPreviewDialog, accept)
    checklist_id = run_import(None, ws, REPORT)
    assert checklist_id is not None and previews  # the preview says what kind of file it is
    rows = ws.rows(checklist_id)
    assert len(rows) == 2
