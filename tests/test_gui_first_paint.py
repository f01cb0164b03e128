"""The first page painted before SQLAlchemy is imported and the workspace opened (ui/first_paint.py),
then the main window in its place; when opening fails or another window has the workspace, everything
happens as it does without a first paint."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from tests.gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - fixture
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, UserError
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui import app as gui_app
from zwgk_desktop.ui import first_paint
from zwgk_desktop.ui.detail_panel import DetailPanel
from zwgk_desktop.ui.first_paint import FirstPaintWindow
from zwgk_desktop.ui.main_window import MainWindow

N = 300


@pytest.fixture
def big_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checklist counted as large (read in the background, painted first) at a test's size."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the instance locks
    monkeypatch.setattr(first_paint, "BACKGROUND_LOAD_ITEMS", 100)
    monkeypatch.setattr(MainWindow, "background_load_items", 100)
    folder = tmp_path / "ws"
    ws = Workspace.open(folder)
    items = [ParsedItem(title=f"大事项{i}", path=[f"分类{i % 3}", "二级"], content="公开内容") for i in range(N)]
    ws.import_new(ParsedTemplate(name="大清单", items=items), year=2025)
    ws.close()
    return folder


def _shown_first() -> list[FirstPaintWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, FirstPaintWindow) and w.isVisible()]


def test_first_page_is_painted_read_only_then_the_main_window_takes_over(
        qapp, big_workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at_open: list[dict] = []
    real_open = Workspace.open.__func__

    def spy_open(cls, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        shown = _shown_first()
        if shown:
            win = shown[0]
            at_open.append({
                "titles": [win.model.row_at(r).title for r in range(win.model.rowCount())],
                "loading": win.loading_label.text(),
                "editable": [e for e in win.findChildren(QLineEdit) if e.isEnabled() and e.isVisible()],
                "panels": win.findChildren(DetailPanel),
                "toolbar": [t.isEnabled() for t in win.findChildren(first_paint.QToolBar)],
                "tree_enabled": win.tree.isEnabled(),
            })
        return real_open(cls, *args, **kwargs)

    monkeypatch.setattr(Workspace, "open", classmethod(spy_open))
    after: list[dict] = []
    real_loaded = MainWindow._on_rows_loaded

    def loaded(self: MainWindow, checklist_id: str, rows: list) -> None:  # noqa: ANN001
        real_loaded(self, checklist_id, rows)
        assert self.select_first_row()
        self.detail.status_combo.setCurrentIndex(self.detail.status_combo.findData("done"))  # an edit
        after.append({"rows": self.model.rowCount(), "first": list(_shown_first()),
                      "status": self.ws.row(self.model.row_at(0).id).status.value})
        windows.append(self)
        QApplication.instance().exit(0)

    windows: list[MainWindow] = []
    monkeypatch.setattr(MainWindow, "_on_rows_loaded", loaded)
    try:
        assert gui_app.main(["--data-dir", str(big_workspace)]) == 0
    finally:  # the app's process would end here; the test's goes on without this window
        for window in windows:
            window.close()
            window.deleteLater()
    assert len(at_open) == 1, "the first page was on screen when the workspace was being opened"
    seen = at_open[0]
    assert seen["titles"] == [f"大事项{i}" for i in range(first_paint.FIRST_PAGE_ROWS)]
    assert "大清单" in seen["loading"] and str(N) in seen["loading"]
    assert seen["editable"] == [] and seen["panels"] == [] and seen["toolbar"] == [False]
    assert not seen["tree_enabled"]
    assert after == [{"rows": N, "first": [], "status": "done"}]  # the main window edits; the first paint is gone


def test_another_window_has_the_workspace_nothing_is_painted_first(
        qapp, big_workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    held = gui_app.instance_lock(big_workspace)
    assert held is not None
    built: list[object] = []
    monkeypatch.setattr(FirstPaintWindow, "show", lambda self: built.append(self))
    texts: list[str] = []
    on_modal(QMessageBox, lambda box: (texts.append(box.text()), box.accept()))
    try:
        assert gui_app.main(["--data-dir", str(big_workspace)]) == 1
    finally:
        held.unlock()
    assert built == [] and texts and "已在另一个窗口中打开" in texts[0]


def test_opening_fails_after_the_first_paint_as_it_would_without(
        qapp, big_workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(cls, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        raise UserError("数据库已损坏（测试）")

    monkeypatch.setattr(Workspace, "open", classmethod(broken))
    seen: list[tuple[str, list]] = []

    def quit_box(box: QMessageBox) -> None:
        seen.append((box.text(), list(_shown_first())))
        next(b for b in box.buttons() if b.text() == "退出").click()

    on_modal(QMessageBox, quit_box)
    assert gui_app.main(["--data-dir", str(big_workspace)]) == 2
    assert seen and "数据库已损坏（测试）" in seen[0][0] and seen[0][1] == []  # the offer to restore, alone
    assert gui_app.instance_lock(big_workspace) is not None  # the first paint's lock was let go


def test_the_first_paint_imports_no_sqlalchemy() -> None:
    """What ui/app.py imports up to the first paint leaves SQLAlchemy (and the ORM, the core's services) for
    after it: a module-level import added to query.py, ledger_view or the item model would undo the gain."""
    import subprocess
    import sys

    code = ("import sys; import zwgk_desktop.ui.app, zwgk_desktop.ui.first_paint, zwgk_desktop.core.store.first_page;"
            "from zwgk_desktop.core.locations import default_data_dir;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')"
            " or m.startswith(('zwgk_desktop.core.workspace', 'zwgk_desktop.core.db.models'))))")
    env = {**__import__("os").environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
           "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
