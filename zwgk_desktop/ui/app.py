"""Entry point of the ``zwgk-desktop`` GUI: ``zwgk-desktop [--data-dir DIR] [--screenshot FILE.png]``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from zwgk_desktop import __version__
from zwgk_desktop.ui.settings import LANGUAGE_KEY, LANGUAGES, stored_language

__all__ = ["LANGUAGES", "LANGUAGE_KEY", "main"]

log = logging.getLogger("zwgk_desktop")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="zwgk-desktop", description="政务公开台账（桌面版）")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="工作区文件夹（默认：环境变量 ZWGK_DATA_DIR 或用户数据目录）")
    parser.add_argument("--db-url", default=None, metavar="URL",
                        help="使用数据库服务器（如 postgresql+psycopg2://用户:密码@服务器/数据库；或环境变量 ZWGK_DATABASE_URL）")
    parser.add_argument("--screenshot", type=Path, default=None, metavar="FILE.png",
                        help="打开工作区，把主窗口渲染为 PNG 图片后退出")
    parser.add_argument("--screenshot-at", choices=("loaded", "first-paint"), default="loaded",
                        help="截图时机：loaded 全部事项载入后（默认），first-paint 窗口第一次显示事项时（用于测量启动速度）")
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help="界面语言：zh 中文，en English（默认：设置中的选择，否则按系统语言）")
    parser.add_argument("--version", action="version", version=f"zwgk-desktop {__version__}")
    return parser.parse_args(list(argv) if argv is not None else None)


def _has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _setup_logging(data_dir: Path | None) -> Path | None:
    """Log to the user's log folder (platformdirs), not inside the workspace: a workspace folder must stay
    movable (restore swaps folders, which Windows refuses while a file in it is open). Returns the path."""
    if any(isinstance(h, logging.FileHandler) for h in log.handlers):
        return Path(next(h for h in log.handlers if isinstance(h, logging.FileHandler)).baseFilename)
    log.setLevel(logging.INFO)
    if data_dir is None:
        return None
    try:
        from platformdirs import user_log_dir

        folder = Path(user_log_dir("zwgk-desktop", appauthor=False))
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(folder / "zwgk-desktop.log", encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    return Path(handler.baseFilename)


def system_language() -> str:
    """"en" when the system's first UI language is English, else "zh" (Chinese is the default)."""
    from PySide6.QtCore import QLocale

    languages = QLocale.system().uiLanguages()
    first = languages[0] if languages else QLocale.system().name()
    return "en" if first.lower().replace("_", "-").split("-")[0] == "en" else "zh"


def choose_language(requested: str | None = None) -> str:
    """The UI language: ``--lang``, else the QSettings value ``ui/language``, else the system locale."""
    if requested in LANGUAGES:
        return requested  # type: ignore[return-value]
    return stored_language() or system_language()


def install_translators(app: object, language: str | None = None) -> list[object]:
    """Install the translators for ``language`` (see choose_language when None) and return them, so a
    caller can remove them again. Chinese: Qt's own Chinese strings (standard buttons, file dialogs); the
    app's strings are Chinese in the source. English: resources/translations/zwgk_en.qm (Qt's own strings
    are English already)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from zwgk_desktop.paths import resource

    language = choose_language(language)
    if language == "en":
        wanted = [("zwgk_en", str(resource("translations")))]
    else:
        wanted = [("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    keep: list[object] = []
    for name, folder in wanted:
        translator = QTranslator(app)  # type: ignore[arg-type]
        if translator.load(name, folder):
            app.installTranslator(translator)  # type: ignore[attr-defined]
            keep.append(translator)
        else:
            log.info("translation %s not found in %s", name, folder)
    return keep


_in_hook = False


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Never a silent crash: log the traceback and show it in a dialog."""
    global _in_hook
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    from PySide6.QtWidgets import QApplication, QMessageBox

    from zwgk_desktop.core.types import UserError
    from zwgk_desktop.ui.i18n import error_text

    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("unexpected error:\n%s", details)
    if _in_hook or QApplication.instance() is None:
        sys.__excepthook__(exc_type, exc, tb)
        return
    _in_hook = True
    try:
        while QApplication.overrideCursor() is not None:
            QApplication.restoreOverrideCursor()
        if isinstance(exc, UserError):
            QMessageBox.warning(QApplication.activeWindow(), QApplication.translate("app", "提示"), error_text(exc))
            return
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QApplication.translate("app", "程序错误"))
        box.setText(QApplication.translate(
            "app", "发生了意外错误，刚才的操作可能没有完成。已保存的数据不受影响。\n"
                   "请把下面的详细信息发给技术支持。"))
        box.setInformativeText(f"{exc_type.__name__}: {exc}")
        box.setDetailedText(details)
        box.exec()
    finally:
        _in_hook = False


def _screenshot(ws: object, out: Path, at: str = "loaded") -> int:
    """Render the main window to ``out``: once every row is loaded, or (``at="first-paint"``) as soon as the
    window shows its first rows (a large checklist is still being read then)."""
    import time

    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication

    from zwgk_desktop.ui.main_window import MainWindow

    window = MainWindow(ws, persist=False)  # type: ignore[arg-type]
    if QGuiApplication.platformName() != "offscreen":
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.resize(1400, 860)
    window.show()
    QCoreApplication.processEvents()
    if at == "loaded":
        while window.is_loading():
            QCoreApplication.processEvents()
            time.sleep(0.005)
        window.select_first_row()
        for _ in range(3):
            QCoreApplication.processEvents()
    else:  # the window as first painted; the read of the rest is not wanted here
        window.loader.cancel()
    pixmap = window.grab()
    out = out.expanduser()
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    ok = pixmap.save(str(out), "PNG")
    window.close()
    window.deleteLater()
    QCoreApplication.processEvents()
    if not ok:
        print(f"无法写入截图文件“{out}”", file=sys.stderr)
        return 1
    print(f"已保存截图：{out}")
    return 0


def instance_lock(data_dir: Path):  # noqa: ANN201 - QLockFile, imported lazily
    """One window per workspace: a QLockFile (stale locks of dead processes are taken over) kept in the
    user's cache folder, keyed by the workspace path, so the workspace folder itself stays movable.
    Returns the held lock, or None when another window has the workspace open."""
    import hashlib

    from platformdirs import user_cache_dir
    from PySide6.QtCore import QLockFile

    key = hashlib.sha1(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:16]
    folder = Path(user_cache_dir("zwgk-desktop", appauthor=False)) / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(folder / f"{key}.lock"))
    lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never its age
    return lock if lock.tryLock(200) else None


def offer_restore(data_dir: Path, message: str, *, backup_file: Path | None = None) -> object | None:
    """The workspace cannot be opened: offer 从备份恢复… (the damaged folder is moved aside, not deleted).
    Returns the opened workspace, or None when the user quits."""
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    from zwgk_desktop.core.services import backup
    from zwgk_desktop.core.types import UserError
    from zwgk_desktop.ui.i18n import error_text

    box = QMessageBox(QMessageBox.Icon.Critical, QApplication.translate("App", "无法打开工作区"), message)
    restore = box.addButton(QApplication.translate("App", "从备份恢复…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QApplication.translate("App", "退出"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not restore:
        return None
    if backup_file is None:
        name, _ = QFileDialog.getOpenFileName(None, QApplication.translate("App", "从备份恢复"), str(Path.home()),
                                              QApplication.translate("App", "备份文件 (*.zip)"))
        if not name:
            return None
        backup_file = Path(name)
    try:
        return backup.restore(backup_file, data_dir).workspace
    except UserError as exc:
        QMessageBox.critical(None, QApplication.translate("App", "无法恢复"), error_text(exc))
        return None


def _import_core() -> None:
    """The Qt-free core (SQLAlchemy, the ORM, queries) before PySide6: PySide6's import hook inspects every
    module imported after it, which costs start-up time and memory."""
    import platformdirs  # noqa: F401 - the workspace's folders, the log

    import zwgk_desktop.core.presenters.ledger_view  # noqa: F401
    import zwgk_desktop.core.store.query  # noqa: F401
    import zwgk_desktop.core.workspace  # noqa: F401


def _first_paint_folder(args: argparse.Namespace) -> Path | None:
    """The workspace folder when the window may paint its first page before the workspace is opened:
    a SQLite workspace (no database server), and no screenshot of the loaded window."""
    from zwgk_desktop.core.locations import ENV_DATABASE_URL, default_data_dir

    if args.db_url or os.environ.get(ENV_DATABASE_URL) or (args.screenshot and args.screenshot_at != "first-paint"):
        return None
    return Path(args.data_dir).expanduser() if args.data_dir else default_data_dir()


def _paint_first(folder: Path, screenshot: bool):  # noqa: ANN202 - (FirstPaintWindow, QLockFile) or (None, None)
    """Show the first page of a large checklist before SQLAlchemy is imported (ui/first_paint.py), when
    its database can be read as it is (store/first_page.py ``peek``) and no other window has the
    workspace open (that case goes the usual way: the workspace is opened, then the message)."""
    import time

    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
    from PySide6.QtGui import QGuiApplication

    from zwgk_desktop.core.store.first_page import peek
    from zwgk_desktop.ui.first_paint import BACKGROUND_LOAD_ITEMS, FIRST_PAGE_ROWS, FirstPaintWindow
    from zwgk_desktop.ui.settings import LAST_CHECKLIST_KEY, app_settings

    settings = app_settings()
    seen = peek(folder, settings.value(LAST_CHECKLIST_KEY, "", str) or None, FIRST_PAGE_ROWS)
    if seen is None or seen.total < BACKGROUND_LOAD_ITEMS:
        return None, None
    lock = None if screenshot else instance_lock(folder)
    if lock is None and not screenshot:
        return None, None
    window = FirstPaintWindow(seen, folder, None if screenshot else settings)
    if screenshot:  # as _screenshot shows the main window
        if QGuiApplication.platformName() != "offscreen":
            window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        window.resize(1400, 860)
    window.show()
    # painted before the core is imported: on a real display the window manager exposes it first
    handle = window.windowHandle()
    deadline = time.monotonic() + 1.0
    while handle is not None and not handle.isExposed() and time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    window.repaint()
    QCoreApplication.processEvents()
    return window, lock


def _save_grab(window: object, out: Path) -> int:
    out = out.expanduser()
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out), "PNG"):  # type: ignore[attr-defined]
        print(f"无法写入截图文件“{out}”", file=sys.stderr)
        return 1
    print(f"已保存截图：{out}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    first_folder = _first_paint_folder(args)
    if first_folder is None:
        _import_core()
    if args.screenshot is not None and not _has_display() and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from zwgk_desktop.ui.input_method import configure_environment, warn_if_no_input_method

    configure_environment()  # before QApplication: Qt reads QT_IM_MODULE once, when it starts

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from zwgk_desktop.core.types import UserError
    from zwgk_desktop.paths import resource
    from zwgk_desktop.ui.fonts import install_cjk_font
    from zwgk_desktop.ui.i18n import error_text
    from zwgk_desktop.ui.settings import APPLICATION, ORGANIZATION

    app = QApplication.instance()
    created = app is None
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "zwgk-desktop"])
    assert isinstance(app, QApplication)
    if created:
        app.setOrganizationName(ORGANIZATION)
        app.setApplicationName(APPLICATION)
        install_translators(app, args.lang)  # after the names (QSettings), before the first translated string
        app.setApplicationDisplayName(QApplication.translate("App", "政务公开台账"))
        app.setApplicationVersion(__version__)
        app.setDesktopFileName("zwgk-desktop")  # matches installer/linux/zwgk-desktop.desktop
        app.setWindowIcon(QIcon(str(resource("icons", "zwgk-desktop.png"))))
    install_cjk_font(app)

    first, lock = _paint_first(first_folder, args.screenshot is not None) if first_folder else (None, None)
    if first is not None and args.screenshot is not None:  # the window as first painted
        return _exit_now(_save_grab(first, args.screenshot)) if created else _save_grab(first, args.screenshot)
    from zwgk_desktop.core.workspace import (  # SQLAlchemy, the ORM, the core: after the first paint
        ENV_DATABASE_URL,
        Workspace,
        WorkspaceNotWritable,
        WorkspaceOnNetworkDrive,
        database_url,
        default_data_dir,
    )

    data_dir = args.data_dir or default_data_dir()
    try:
        ws = Workspace.open(data_dir, url=database_url(args.db_url))
    except UserError as exc:
        if first is not None:  # from here on, as when nothing was painted first
            first.close()
            first = None
        if lock is not None:
            lock.unlock()
            lock = None
        if args.screenshot is not None:
            print(str(exc), file=sys.stderr)
            return 2
        # read-only or full disk, or a database server: nothing to restore from a backup
        if isinstance(exc, (WorkspaceNotWritable, WorkspaceOnNetworkDrive)) or args.db_url or os.environ.get(ENV_DATABASE_URL):
            QMessageBox.critical(None, QApplication.translate("App", "无法打开工作区"), error_text(exc))
            return 2
        restored = offer_restore(Path(data_dir), error_text(exc))
        if restored is None:
            return 2
        ws = restored

    if args.screenshot is not None:
        try:
            code = _screenshot(ws, args.screenshot, args.screenshot_at)
        finally:
            ws.close()
        return _exit_now(code) if created else code

    from PySide6.QtCore import QTimer

    from zwgk_desktop.ui.main_window import MainWindow

    if lock is None:  # taken before the first paint, else now
        lock = instance_lock(ws.data_dir)
    if lock is None:
        QMessageBox.information(None, QApplication.translate("App", "工作区已打开"),
                                QApplication.translate("App", "这个工作区已在另一个窗口中打开，请切换到那个窗口。\n"
                                                       "同一工作区只开一个窗口，可以避免两边的修改互相覆盖。"))
        ws.close()
        return 1
    log_file = _setup_logging(ws.data_dir)
    log.info("zwgk-desktop %s started, workspace %s (log %s)", __version__, ws.data_dir, log_file)
    previous_hook = sys.excepthook
    sys.excepthook = excepthook
    try:
        window = MainWindow(ws)
        window.show()
        if first is not None:  # the main window takes the first paint's place
            first.close()
            first.deleteLater()
        QTimer.singleShot(0, lambda: warn_if_no_input_method(window))
        code = app.exec()
        window.save_state()  # settings are on disk before the process ends
    finally:
        sys.excepthook = previous_hook
        ws.close()
        lock.unlock()
    return _exit_now(code) if created else code


def _exit_now(code: int) -> int:
    """End the process at once after the workspace is closed (every write committed, the engine disposed)
    and the settings and log flushed: tearing down Qt and a few hundred thousand Python objects one by one
    takes a fifth of a start-and-quit and saves nothing. Only when this process created the application."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
