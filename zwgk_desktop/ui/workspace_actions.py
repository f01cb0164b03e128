"""The 文件-menu commands of the window: import, export, backup and restore, checks, packages, holidays.

Each command is a function ``command(parent, ws, …, path=None) -> result | None`` in the shape of
``report_actions.py`` (and of vorta's one-file commands): it validates first (a checklist is open, the
workspace can be backed up, the file is a backup …), then asks what it still needs (a file name, a
confirmation), runs the work through ``tasks.run_with_progress`` when it is long, shows its own result box
and returns what it did: None when the clerk cancelled or an error was shown. Passing ``path`` skips the
file dialog (tests, drag and drop). A core UserError is shown as a warning box (``ui/errors.py``).

The window only wires them: it saves the detail panel's pending edit, calls the command and updates itself
from the result (the checklists after an import or a restore, its status bar). The core work is the same
function the CLI calls (``backup.create_backup``, ``backup.restore``, ``Workspace.check`` …).

Strings keep the translation context ``MainWindow`` they had when these commands were methods of the
window, so the existing English translations still apply.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

from zwgk_desktop.core.messages import join_msgs
from zwgk_desktop.core.progress import CancelledFn, ProgressFn
from zwgk_desktop.core.store.checklists import ChecklistInfo
from zwgk_desktop.core.types import UserError
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui import tasks
from zwgk_desktop.ui.errors import user_errors
from zwgk_desktop.ui.i18n import core_text
from zwgk_desktop.ui.report_actions import ask_save_path

if TYPE_CHECKING:
    from zwgk_desktop.core.county.evidence_pack import EvidencePack
    from zwgk_desktop.core.county.package_export import PackageExport
    from zwgk_desktop.core.county.store import ImportOutcome
    from zwgk_desktop.core.services.backup import BackupInfo, Restored
    from zwgk_desktop.core.services.integrity import CheckResult
    from zwgk_desktop.ui.holiday_notice_dialog import CalendarSaved


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def need_checklist(checklist: ChecklistInfo | None) -> ChecklistInfo:
    """The commands on one checklist need one open."""
    if checklist is None:
        raise UserError(_tr("请先导入或选择一个事项清单。"))
    return checklist


def _office(ws: Workspace, fallback: str) -> str:
    return ws.settings().get("office") or fallback


# --- templates ---

@user_errors
def import_template(parent: QWidget | None, ws: Workspace) -> str | None:
    """导入模板…: the import dialog (preview, mapping, update of an existing checklist). Returns the id of
    the checklist imported or updated."""
    from zwgk_desktop.ui import import_dialog

    return import_dialog.run_import(parent, ws)


@user_errors
def load_example(parent: QWidget | None, ws: Workspace) -> ChecklistInfo | None:
    """载入示例: the bundled example checklist."""
    from zwgk_desktop.core.services.examples import load_example as load

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return load(ws)
    finally:
        QApplication.restoreOverrideCursor()


@user_errors
def export_template(parent: QWidget | None, ws: Workspace, checklist: ChecklistInfo | None, *,
                    path: Path | None = None) -> Path | None:
    """导出模板…: the checklist in the app's own template format (.xlsx), to hand on or import elsewhere."""
    from zwgk_desktop.core.services.template_export import export_checklist_template

    info = need_checklist(checklist)
    if path is None:
        name, _ = QFileDialog.getSaveFileName(parent, _tr("导出模板"), str(Path.home() / f"{info.name}.xlsx"),
                                              _tr("Excel 工作簿 (*.xlsx)"))
        if not name:
            return None
        path = Path(name if name.lower().endswith(".xlsx") else name + ".xlsx")
    try:
        return export_checklist_template(ws, info.id, Path(path))
    except OSError as exc:
        raise UserError(_tr("无法写入文件“{path}”：{err}").format(path=path, err=exc.strerror or exc)) from exc


# --- backup and restore ---

@user_errors
def create_backup(parent: QWidget | None, ws: Workspace, *, path: Path | None = None) -> BackupInfo | None:
    """备份工作区…: one file with the database, the evidence and the calendars, written off the GUI thread."""
    from zwgk_desktop.core.services import backup

    backup.check_can_back_up(ws)
    if path is None:
        path = ask_save_path(parent, _tr("备份工作区"),
                             f"政务公开台账备份-{_office(ws, '工作区')}-{datetime.now():%Y%m%d-%H%M}.zip",
                             _tr("备份文件 (*.zip)"), ".zip")
        if path is None:
            return None
    target = path
    info = tasks.run_with_progress(
        parent, _tr("备份工作区"),
        lambda progress, cancelled: backup.create_backup(ws, target, progress=progress, cancelled=cancelled))
    if info is None:
        return None
    text = (_tr("已备份到：%1\n共 %2 个文件。请把备份文件另存到U盘或其他电脑。")
            .replace("%1", str(info.path)).replace("%2", str(info.files)))
    if info.skipped:  # evidence rows whose stored path was tampered with (`check` reports them too)
        text += "\n\n" + _tr("以下文件未备份：") + "\n" + "\n".join(info.skipped[:10])
        QMessageBox.warning(parent, _tr("备份工作区"), text)
    else:
        QMessageBox.information(parent, _tr("备份工作区"), text)
    return info


@user_errors
def restore_backup(parent: QWidget | None, ws: Workspace, *, path: Path | None = None,
                   before_swap: Callable[[], None] | None = None,
                   after_swap: Callable[[], None] | None = None) -> Restored | None:
    """从备份恢复…: replace the workspace with a verified backup; the current folder is kept aside, not
    deleted. ``before_swap`` runs once the clerk has confirmed (the window lets go of the shown record),
    ``after_swap`` once the restored workspace is open, before the result is shown (the window reloads)."""
    from zwgk_desktop.core.services import backup

    if path is None:
        name, _ = QFileDialog.getOpenFileName(parent, _tr("从备份恢复"), str(Path.home()), _tr("备份文件 (*.zip)"))
        if not name:
            return None
        path = Path(name)
    info = backup.read_info(path)  # not a backup of this app: said before anything is asked
    answer = QMessageBox.question(
        parent, _tr("从备份恢复"),
        _tr("用备份（%1，%2）替换当前工作区？\n当前工作区的文件夹会改名保留，不会删除。")
        .replace("%1", info.office or _tr("未设置单位")).replace("%2", info.created[:16].replace("T", " ")))
    if answer != QMessageBox.StandardButton.Yes:
        return None
    if before_swap is not None:
        before_swap()
    source = path
    restored = tasks.run_with_progress(
        parent, _tr("从备份恢复"), lambda progress, _c: backup.restore(source, workspace=ws, progress=progress),
        cancellable=False)
    if restored is None:
        return None
    if after_swap is not None:
        after_swap()
    aside = restored.aside
    QMessageBox.information(parent, _tr("从备份恢复"),
                            _tr("已从备份恢复。") + (_tr("原工作区已保留在：%1").replace("%1", str(aside)) if aside else ""))
    return restored


# --- checks ---

@user_errors
def check_data(parent: QWidget | None, ws: Workspace, *, against: Path | str | None = None) -> CheckResult | None:
    """检查数据完整性…: ``Workspace.check`` (as `zwgk check`) off the GUI thread; 取消 stops it between two
    evidence files. With ``against`` (a report, a backup) also whether the history still holds its
    数据校验码."""

    def work(progress: ProgressFn, cancelled: CancelledFn) -> CheckResult:
        return ws.check(against=against, progress=progress, cancelled=cancelled)

    result = tasks.run_with_progress(parent, _tr("检查数据完整性"), work)
    if result is None:
        return None
    problems, checked = result.problems, result.evidence_files
    box = QMessageBox(parent)
    box.setWindowTitle(_tr("检查数据完整性"))
    code = result.head.code if result.head else ""
    if problems:
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(_tr("发现 %1 个问题（已校验 %2 个佐证文件）。建议从最近的备份恢复，或联系技术支持。")
                    .replace("%1", str(len(problems))).replace("%2", str(checked)))
        box.setDetailedText("\n".join(map(core_text, problems)))
    else:
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(_tr("数据完整：数据库检查通过，变更记录校验链完整，各条记录与变更记录一致，"
                        "%1 个佐证文件的 SHA-256 一致。").replace("%1", str(checked)))
    held = core_text(result.against.message) if result.against is not None and result.against.held else ""
    box.setInformativeText("\n".join(filter(None, [held, _tr("当前数据校验码：%1").replace("%1", code)])))
    box.exec()
    box.deleteLater()
    return result


@user_errors
def check_against(parent: QWidget | None, ws: Workspace, *, path: Path | None = None) -> CheckResult | None:
    """核对报告或备份的数据校验码…: the check, and whether the history still holds the 数据校验码 of a
    report or a backup."""
    if path is None:
        name, _ = QFileDialog.getOpenFileName(parent, _tr("核对报告或备份的数据校验码"), str(Path.home()),
                                              _tr("报告或备份 (*.pdf *.zip)"))
        if not name:
            return None
        path = Path(name)
    return check_data(parent, ws, against=path)


# --- holidays and settings ---

@user_errors
def import_calendar(parent: QWidget | None, ws: Workspace, *, path: Path | None = None) -> CalendarSaved | None:
    """导入节假日安排…: a year's official holiday arrangement. Without ``path`` (or with a .txt notice) the
    节假日安排 dialog, where the notice is pasted; a JSON file (format in resources/calendar/README.txt) at
    once."""
    from zwgk_desktop.ui.holiday_notice_dialog import CalendarSaved, edit_holidays

    if path is None or Path(path).suffix.lower() != ".json":
        return edit_holidays(parent, ws, notice_file=path)
    years = ws.install_calendar_file(path)
    last = ws.calendar.last_known_year
    QMessageBox.information(parent, _tr("导入节假日安排"),
                            _tr("已导入 %1 年的放假安排。现已收录到 %2 年，工作日计算将按官方安排进行。")
                            .replace("%1", core_text(join_msgs("、", [str(y) for y in years])))
                            .replace("%2", str(last)))
    return CalendarSaved(tuple(years), last, "")


def edit_settings(parent: QWidget | None, ws: Workspace, *, on_saved: Callable[[], None] | None = None,
                  on_notice: Callable[[str], None] | None = None) -> bool:
    """设置…: 单位名称, 填报人, language, holidays. True when the settings were saved; ``on_saved`` runs at
    once (the window's title follows), ``on_notice`` gets status-bar lines."""
    from zwgk_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ws, parent)
    saved: list[bool] = []
    dialog.saved.connect(lambda: saved.append(True))
    if on_saved is not None:
        dialog.saved.connect(on_saved)
    if on_notice is not None:
        dialog.notice.connect(on_notice)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
    return bool(saved)


# --- the county: submission packages, evidence packs, roll-up, yearly report ---

@user_errors
def export_package(parent: QWidget | None, ws: Workspace, checklist: ChecklistInfo | None, *,
                   path: Path | None = None, with_evidence: bool | None = None) -> PackageExport | None:
    """导出报送包…: the checklist with its records, publications, history, yearly reports and evidence,
    as one file for the county (written off the GUI thread)."""
    from zwgk_desktop.core.county.package_export import export_package as export

    info = need_checklist(checklist)
    if path is None:
        path = ask_save_path(parent, _tr("导出报送包"),
                             f"报送包-{_office(ws, _tr('本单位'))}-{datetime.now():%Y%m%d-%H%M}.zip",
                             _tr("报送包 (*.zip)"), ".zip")
        if path is None:
            return None
    if with_evidence is None:
        answer = QMessageBox.question(
            parent, _tr("导出报送包"), _tr("报送包中包含佐证文件本身吗？\n选“否”只列出佐证材料，文件更小。"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Cancel:
            return None
        with_evidence = answer == QMessageBox.StandardButton.Yes
    target, evidence = path, with_evidence
    done = tasks.run_with_progress(
        parent, _tr("导出报送包"),
        lambda progress, cancelled: export(ws, target, checklist=info.id, with_evidence=evidence,
                                           progress=progress, cancelled=cancelled))
    if done is None:
        return None
    QMessageBox.information(
        parent, _tr("导出报送包"),
        _tr("已导出报送包：%1\n%2，%3 项，佐证文件 %4 个。").replace("%1", str(done.path))
        .replace("%2", done.office).replace("%3", str(done.items)).replace("%4", str(done.evidence_files)))
    return done


@user_errors
def import_packages(parent: QWidget | None, ws: Workspace, *,
                    paths: Sequence[Path] | None = None) -> list[ImportOutcome] | None:
    """导入报送包…: every file is checked first; one bad file and nothing is imported."""
    from zwgk_desktop.core.county.store import import_packages as import_all

    if paths is None:
        names, _ = QFileDialog.getOpenFileNames(parent, _tr("导入报送包"), str(Path.home()), _tr("报送包 (*.zip)"))
        if not names:
            return None
        paths = [Path(n) for n in names]
    files = list(paths)
    outcomes = tasks.run_with_progress(
        parent, _tr("导入报送包"), lambda progress, _cancelled: import_all(ws, files, progress=progress),
        raise_user_errors=True, cancellable=False)
    if outcomes is None:
        return None
    words = {"added": _tr("已导入"), "replaced": _tr("已导入，替换了该单位较早的报送包（旧包保留）"),
             "unchanged": _tr("已导入过，未改动")}
    line = _tr("{office}（{file}）：{result}")
    lines = [line.format(office=o.office, file=o.path.name, result=words[o.action]) for o in outcomes]
    QMessageBox.information(parent, _tr("导入报送包"), "\n".join(lines))
    return outcomes


@user_errors
def export_evidence_pack(parent: QWidget | None, ws: Workspace, checklist: ChecklistInfo | None, *,
                         path: Path | None = None) -> EvidencePack | None:
    """导出佐证材料包…: folders by category and item, readable names, index (xlsx, PDF) and links."""
    from zwgk_desktop.core.county.evidence_pack import export_evidence_pack as export

    info = need_checklist(checklist)
    if path is None:
        path = ask_save_path(parent, _tr("导出佐证材料包"), f"佐证材料包-{_office(ws, _tr('本单位'))}-{info.name}.zip",
                             _tr("佐证材料包 (*.zip)"), ".zip")
        if path is None:
            return None
    target = path
    pack = tasks.run_with_progress(
        parent, _tr("导出佐证材料包"),
        lambda progress, cancelled: export(ws, target, checklist=info.id, progress=progress, cancelled=cancelled))
    if pack is None:
        return None
    QMessageBox.information(
        parent, _tr("导出佐证材料包"),
        _tr("已导出佐证材料包：%1\n%2 个事项，文件 %3 个，链接 %4 个。").replace("%1", str(pack.path))
        .replace("%2", str(pack.items)).replace("%3", str(pack.files)).replace("%4", str(pack.links)))
    return pack


def show_rollup(parent: QWidget | None, ws: Workspace, *, opened: Callable[[QDialog | None], None] | None = None) -> None:
    """县级汇总…: offices × categories, the rankings and the drill-down (read-only). ``opened`` gets the
    dialog while it is open (and None afterwards)."""
    from zwgk_desktop.ui.county_dialog import CountyDialog

    dialog = CountyDialog(ws, parent=parent)
    if opened is not None:
        opened(dialog)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
        if opened is not None:
            opened(None)


def show_annual_report(parent: QWidget | None, ws: Workspace) -> None:
    """政府信息公开工作年度报告…: the yearly report's entry form (tables, texts, checks at the cells, due date)."""
    from zwgk_desktop.ui.annual_dialog import AnnualReportDialog

    dialog = AnnualReportDialog(ws, parent=parent)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
