"""Shared test setup: offscreen Qt, the real fixtures from ../shared/fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A fixed UTF-8 locale: Qt warns (and the tests fail) under a non-UTF-8 one, and the window's language
# follows the system locale when nothing else is chosen; tests that want English ask for it.
os.environ["LC_ALL"] = "C.UTF-8"
os.environ.pop("LANGUAGE", None)

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO.parent / "shared" / "fixtures"
if not FIXTURES.is_dir():  # a checkout without shared/ beside it: use the copies under tests/data
    FIXTURES = REPO / "tests" / "data" / "fixtures"


# Modules whose tests take seconds each (measured with --durations on the shared 2-core machine): a real X
# server, input methods, SIGKILLed or concurrent processes, hostile and large files, the county's four
# office workspaces built per test, dialogs timed in real seconds. Tests named *libreoffice* are slow too.
SLOW_MODULES = {
    "test_real_display", "test_ime_typing", "test_network_drive", "test_crash_safety", "test_hardening_concurrency",
    "test_hardening_postgres", "test_hardening_import", "test_hardening_backup", "test_gui_long_tasks",
    "test_gui_tasks", "test_county_packages", "test_county_problems", "test_gui_county",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Markers from the module (see pyproject.toml): every test of the window (tests/test_gui_*.py) is
    ``gui`` and also runs on a real X server (``xvfb``, see test_real_display.py); ``slow`` as above;
    ``postgres`` for the tests that also run on a server."""
    for item in items:
        module = item.path.stem
        if module.startswith("test_gui_"):
            item.add_marker(pytest.mark.xvfb)
        if module.startswith("test_gui_") or {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)
        if module in SLOW_MODULES or "libreoffice" in item.name:
            item.add_marker(pytest.mark.slow)
        if module == "test_hardening_postgres" or "db_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture
def fixtures_dir() -> Path:
    assert FIXTURES.is_dir(), f"missing real fixtures at {FIXTURES}"
    return FIXTURES


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path) -> Path:
    """Every test: the per-user settings file (ui.main_window.app_settings) goes to ``tmp_path/qsettings``,
    never to the real user's settings."""
    from PySide6.QtCore import QSettings

    folder = tmp_path / "qsettings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def cjk_font(qapp) -> None:  # noqa: ANN001
    """The bundled Chinese font, as the app installs it at start (``pytest.mark.usefixtures("cjk_font")``)."""
    from zwgk_desktop.ui.fonts import install_cjk_font

    install_cjk_font(qapp)


@pytest.fixture
def english(qapp):  # noqa: ANN001, ANN201
    """The window in English for the test (the translators are removed after it)."""
    from zwgk_desktop.ui import app as gui_app

    translators = gui_app.install_translators(qapp, "en")
    assert translators, "zwgk_en.qm did not load"
    try:
        yield
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


@pytest.fixture
def ws(tmp_path: Path):  # noqa: ANN201
    """An empty workspace in ``tmp_path/ws`` (modules that need one with content define their own)."""
    from zwgk_desktop.core.workspace import Workspace

    workspace = Workspace.open(tmp_path / "ws")
    yield workspace
    workspace.close()


# Core tests that take the ``db_url`` fixture also run against another database when
# ZWGK_TEST_DATABASE_URL names a server database to create test databases from, e.g.
#   ZWGK_TEST_DATABASE_URL=postgresql+psycopg2://postgres:pw@localhost/postgres pytest tests/test_workspace.py
# (the shared-server roadmap). Unset, they use the workspace's own SQLite file.
TEST_DATABASE_URL = os.environ.get("ZWGK_TEST_DATABASE_URL", "")


@pytest.fixture
def db_url():
    if not TEST_DATABASE_URL:
        yield None
        return
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
    name = f"zwgk_test_{uuid.uuid4().hex[:12]}"
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(TEST_DATABASE_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()
