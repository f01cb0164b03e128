"""汇总: the county's view of the packages it holds — offices × categories, the two rankings, and a
read-only drill-down to an office's items, publications and evidence (files open from the package)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.county.rollup import OfficeRank, Rollup, annual_tracker, build_rollup, office_kind
from zwgk_desktop.core.county.store import local_time, office_items, open_evidence
from zwgk_desktop.core.types import Status, UserError
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.i18n import error_text
from zwgk_desktop.ui.screen_fit import fit_to_screen

OVERDUE_BRUSH = QBrush(QColor("#fde2e1"))


def _tr(text: str) -> str:
    return QCoreApplication.translate("CountyDialog", text)


def _status_label(value: str) -> str:
    labels = {Status.TODO.value: _tr("待办"), Status.DOING.value: _tr("进行中"), Status.DONE.value: _tr("已完成"),
              Status.NA.value: _tr("不适用"), Status.REWORK.value: _tr("需整改")}
    return labels.get(value, value)


def _item(text: str, tip: str = "") -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    it.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    if tip:
        it.setToolTip(tip)
    return it


def _read_only_table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.setWordWrap(True)
    return t


def _change_text(r: OfficeRank) -> str:
    if r.change is None:
        return "—"
    text = f"{r.change * 100:+.1f}%"
    if r.previous_rank is not None and r.previous_rank != r.rank:
        text += _tr("（原第%1名）").replace("%1", str(r.previous_rank))
    return text


class CountyDialog(QDialog):
    """Offices × categories and the rankings; double-click an office to see its items."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.setObjectName("countyDialog")
        self.setWindowTitle(_tr("县级汇总（各单位报送包）"))
        fit_to_screen(self, 1180, 680)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_tr("按单位名称搜索"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        self.matrix = _read_only_table([])
        self.matrix.cellDoubleClicked.connect(lambda row, _col: self.open_office(self._office_at(self.matrix, row)))
        self.townships = _read_only_table([])
        self.departments = _read_only_table([])
        for t in (self.townships, self.departments):
            t.cellDoubleClicked.connect(lambda row, _col, t=t: self.open_office(self._office_at(t, row)))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.matrix, _tr("单位 × 类别"))
        self.tabs.addTab(self.townships, _tr("乡镇（街道）排名"))
        self.tabs.addTab(self.departments, _tr("部门排名"))
        self.annual = _read_only_table([])
        self.tabs.addTab(self.annual, _tr("年度报告"))
        hint = QLabel(_tr("每格：完成/应办（不含不适用）；逾期、超时公开、无佐证的事项数。双击单位查看其事项（只读）。"))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.open_button = buttons.addButton(_tr("查看所选单位的事项…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self.open_selected)
        self.office_dialog: OfficeItemsDialog | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.rollup: Rollup | None = None
        self.refresh()

    def _office_at(self, table: QTableWidget, row: int) -> str:
        item = table.item(row, 0 if table is self.matrix else 1)
        return item.text() if item else ""

    def refresh(self) -> None:
        self.rollup = data = build_rollup(self.ws, search=self.search.text().strip())
        offices: list[str] = []
        for c in data.matrix:
            if c["office"] not in offices:
                offices.append(c["office"])
        ranks = {r.office: r for r in data.townships + data.departments}
        # townships first, then departments, each in rank order (the two are ranked separately)
        offices.sort(key=lambda o: (office_kind(o) != "township", ranks[o].rank if o in ranks else 0, o))
        fixed = [_tr("单位"), _tr("类型"), _tr("名次"), _tr("完成率"), _tr("较上次")]
        self.matrix.clear()
        self.matrix.setColumnCount(len(fixed) + len(data.categories))
        self.matrix.setHorizontalHeaderLabels(fixed + data.categories)
        self.matrix.setRowCount(len(offices))
        for row, office in enumerate(offices):
            r = ranks.get(office)
            kind = _tr("乡镇（街道）") if office_kind(office) == "township" else _tr("部门")
            self.matrix.setItem(row, 0, _item(office))
            self.matrix.setItem(row, 1, _item(kind))
            self.matrix.setItem(row, 2, _item(str(r.rank) if r else ""))
            self.matrix.setItem(row, 3, _item(f"{r.rate * 100:.1f}%" if r else ""))
            self.matrix.setItem(row, 4, _item(_change_text(r) if r else ""))
            for col, category in enumerate(data.categories, len(fixed)):
                cell = data.cell(office, category)
                if cell is None:
                    self.matrix.setItem(row, col, _item("—"))
                    continue
                text = f"{cell['done']}/{cell['total']}\n" + (
                    _tr("逾期%1 超时%2 无佐证%3").replace("%1", str(cell["overdue"]))
                    .replace("%2", str(cell["late_publications"])).replace("%3", str(cell["no_evidence"])))
                it = _item(text)
                if cell["overdue"] or cell["late_publications"]:
                    it.setBackground(OVERDUE_BRUSH)
                self.matrix.setItem(row, col, it)
        self.matrix.resizeColumnsToContents()
        self.matrix.resizeRowsToContents()
        for table, rows in ((self.townships, data.townships), (self.departments, data.departments)):
            headers = [_tr("名次"), _tr("单位"), _tr("完成率"), _tr("较上次"), _tr("应办"), _tr("完成"), _tr("逾期"),
                       _tr("超时公开"), _tr("无佐证"), _tr("报送时间")]
            table.clear()
            table.setColumnCount(len(headers))
            table.setHorizontalHeaderLabels(headers)
            table.setRowCount(len(rows))
            for n, r in enumerate(rows):
                values = [str(r.rank), r.office, f"{r.rate * 100:.1f}%", _change_text(r), str(r.totals["total"]),
                          str(r.totals["done"]), str(r.totals["overdue"]), str(r.totals["late_publications"]),
                          str(r.totals["no_evidence"]), local_time(r.created)]
                for col, value in enumerate(values):
                    table.setItem(n, col, _item(value))
            table.resizeColumnsToContents()
        self.count_label.setText(_tr("%1 个单位").replace("%1", str(len(offices))))
        self._fill_annual(offices)

    def _fill_annual(self, offices: list[str]) -> None:
        """Offices × years: 已报送/未报送, 按时/逾期 against the county's deadline, check findings."""
        cells = annual_tracker(self.ws, search=self.search.text().strip())
        years = sorted({c.year for c in cells})
        by_key = {(c.office, c.year): c for c in cells}
        self.annual.clear()
        self.annual.setColumnCount(1 + len(years))
        self.annual.setHorizontalHeaderLabels([_tr("单位")] + [_tr("%1年度").replace("%1", str(y)) for y in years])
        self.annual.setRowCount(len(offices))
        for row, office in enumerate(offices):
            self.annual.setItem(row, 0, _item(office))
            for col, year in enumerate(years, 1):
                c = by_key.get((office, year))
                if c is None or not c.received:
                    cell = _item(_tr("未报送"))
                    cell.setBackground(OVERDUE_BRUSH)
                else:
                    timely = (_tr("未登记公开") if c.on_time is None else
                              (_tr("按时公开") if c.on_time else _tr("逾期公开")))
                    cell = _item(_tr("已报送，%1\n错误%2 警告%3").replace("%1", timely)
                                 .replace("%2", str(c.errors)).replace("%3", str(c.warnings)),
                                 "\n".join(c.findings[:20]))
                    if c.on_time is False or c.errors:
                        cell.setBackground(OVERDUE_BRUSH)
                self.annual.setItem(row, col, cell)
        self.annual.resizeColumnsToContents()
        self.annual.resizeRowsToContents()

    def open_selected(self) -> OfficeItemsDialog | None:
        table = self.tabs.currentWidget()
        if not isinstance(table, QTableWidget):
            return None
        rows = table.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(self, _tr("提示"), _tr("请先在表中选择一个单位。"))
            return None
        return self.open_office(self._office_at(table, rows[0].row()))

    def open_office(self, office: str) -> OfficeItemsDialog | None:
        if not office:
            return None
        try:
            dialog = OfficeItemsDialog(self.ws, office, self)
        except UserError as exc:
            QMessageBox.warning(self, _tr("提示"), error_text(exc))
            return None
        self.office_dialog = dialog
        dialog.show()
        return dialog


class OfficeItemsDialog(QDialog):
    """One office's items as its package holds them, read-only; evidence opens from the package."""

    def __init__(self, ws: Workspace, office: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        held, self.items = office_items(ws, office)
        self.office = held.office
        self.setObjectName("officeItemsDialog")
        self.setWindowTitle(_tr("%1 的事项（报送于 %2，只读）").replace("%1", held.office)
                            .replace("%2", local_time(held.entry["created"])))
        self.resize(1100, 640)
        self.table = _read_only_table([_tr("类别"), _tr("事项"), _tr("状态"), _tr("到期日"), _tr("公开记录"),
                                       _tr("佐证"), _tr("备注")])
        self.table.setRowCount(len(self.items))
        for row, it in enumerate(self.items):
            pubs = it["publications"]
            late = sum(1 for p in pubs if p.get("on_time") is False)
            pub_text = str(len(pubs)) + (_tr("（超时%1）").replace("%1", str(late)) if late else "")
            values = [" / ".join(it["path"]), it["title"], _status_label(it["status"]), it.get("due") or "",
                      pub_text, str(len(it["evidence"])), it.get("note", "")]
            for col, value in enumerate(values):
                cell = _item(value)
                if col == 2 and it.get("overdue"):
                    cell.setBackground(OVERDUE_BRUSH)
                    cell.setToolTip(_tr("已逾期"))
                self.table.setItem(row, col, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_item)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.evidence = QListWidget()
        self.evidence.itemActivated.connect(self.open_evidence_item)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.details)
        side_layout.addWidget(QLabel(_tr("佐证材料（双击打开）")))
        side_layout.addWidget(self.evidence, 1)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setSizes([760, 340])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        if self.items:
            self.table.selectRow(0)

    def _show_item(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.evidence.clear()
        if not rows:
            self.details.setText("")
            return
        it = self.items[rows[0].row()]
        lines = [it["title"], _tr("状态：") + _status_label(it["status"])]
        for p in it["publications"]:
            verdict = _tr("按时") if p.get("on_time") else (_tr("超时") if p.get("on_time") is False else "")
            lines.append(_tr("公开：") + f"{p.get('published') or ''} {p.get('channel', '')} {verdict}".strip())
        self.details.setText("\n".join(lines))
        for ev in it["evidence"]:
            entry = QListWidgetItem(ev.get("name") or ev.get("url") or "")
            entry.setData(Qt.ItemDataRole.UserRole, ev)
            if ev.get("kind") == "file" and not ev.get("member"):
                entry.setToolTip(_tr("报送包不含此文件"))
            self.evidence.addItem(entry)

    def open_evidence_item(self, entry: QListWidgetItem) -> None:
        ev = entry.data(Qt.ItemDataRole.UserRole) or {}
        try:
            if ev.get("kind") == "file" and ev.get("member"):
                path = open_evidence(self.ws, self.office, ev["member"])
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            elif ev.get("kind") == "link" and ev.get("url"):
                QDesktopServices.openUrl(QUrl(ev["url"]))
            elif ev.get("kind") == "text":
                QMessageBox.information(self, _tr("文字说明"), ev.get("text", ""))
            else:
                QMessageBox.information(self, _tr("提示"), _tr("报送包不含此佐证文件（导出时选择了不含佐证文件）。"))
        except UserError as exc:
            QMessageBox.warning(self, _tr("提示"), error_text(exc))
