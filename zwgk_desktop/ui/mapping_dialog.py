"""The column-mapping dialog: the first rows of each sheet with a field combo above every column."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.importing import SheetPreview
from zwgk_desktop.core.presenters.import_review import (
    IGNORE,
    SheetChoice,
    build_mapping,
    column_labels,
    column_letter,
    data_rows,
    field_choices,
    initial_fields,
    mapping_problem,
    sheet_width,
)
from zwgk_desktop.ui.i18n import core_text
from zwgk_desktop.ui.screen_fit import fit_to_screen

_CELL_CHARS = 60


# core.import_review.field_choices() labels, translated in _SheetPage.tr; tests check they stay equal
FIELD_LABEL_SOURCES = (
    QT_TRANSLATE_NOOP("_SheetPage", "忽略"),
    QT_TRANSLATE_NOOP("_SheetPage", "编号"),
    QT_TRANSLATE_NOOP("_SheetPage", "一级分类"),
    QT_TRANSLATE_NOOP("_SheetPage", "二级分类"),
    QT_TRANSLATE_NOOP("_SheetPage", "三级分类"),
    QT_TRANSLATE_NOOP("_SheetPage", "事项"),
    QT_TRANSLATE_NOOP("_SheetPage", "内容"),
    QT_TRANSLATE_NOOP("_SheetPage", "公开依据"),
    QT_TRANSLATE_NOOP("_SheetPage", "公开时限"),
    QT_TRANSLATE_NOOP("_SheetPage", "责任单位"),
    QT_TRANSLATE_NOOP("_SheetPage", "公开渠道"),
    QT_TRANSLATE_NOOP("_SheetPage", "公开对象"),
    QT_TRANSLATE_NOOP("_SheetPage", "公开方式"),
    QT_TRANSLATE_NOOP("_SheetPage", "公开层级"),
)


def _cell(text: str) -> QTableWidgetItem:
    flat = " ".join(text.split())
    item = QTableWidgetItem(flat if len(flat) <= _CELL_CHARS else flat[: _CELL_CHARS - 1] + "…")
    item.setToolTip(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    return item


class _SheetPage(QWidget):
    """One sheet: an optional header-row picker and the table with a combo per column."""

    def __init__(self, choice: SheetChoice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = choice
        self.sheet = choice.sheet
        self.combos: list[QComboBox] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header_combo: QComboBox | None = None
        if not self.sheet.header_rows:
            row = QHBoxLayout()
            row.addWidget(QLabel(self.tr("没有自动找到表头。表头所在行：")))
            self.header_combo = QComboBox()
            self.header_combo.setObjectName("headerRowCombo")
            for i, values in enumerate(self.sheet.rows[:8]):
                text = "｜".join(v for v in values if v.strip())[:40]
                self.header_combo.addItem(self.tr("第 {0} 行：{1}").format(i + 1, text), i)
            if choice.header_row is not None:
                self.header_combo.setCurrentIndex(max(0, self.header_combo.findData(choice.header_row)))
            self.header_combo.currentIndexChanged.connect(self._header_row_changed)
            row.addWidget(self.header_combo, 1)
            layout.addLayout(row)
        self.table = QTableWidget()
        self.table.setObjectName("mappingTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setDefaultSectionSize(150)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout.addWidget(self.table)
        self._fill()

    def _fill(self) -> None:
        width = sheet_width(self.sheet)
        labels = column_labels(self.sheet, self.choice.header_row)
        rows = data_rows(self.sheet, self.choice.header_row)
        self.table.clear()
        self.table.setColumnCount(width)
        self.table.setRowCount(len(rows) + 1)
        self.table.setHorizontalHeaderLabels(
            [f"{column_letter(c)}  {lab}" if lab != column_letter(c) else lab for c, lab in enumerate(labels)])
        self.table.setVerticalHeaderLabels([self.tr("字段")] + [str(i + 1) for i in range(len(rows))])
        self.combos = []
        for c in range(width):
            combo = QComboBox()
            combo.setObjectName(f"fieldCombo{c}")
            for field_name, label in field_choices():
                combo.addItem(self.tr(label), field_name)
            combo.setCurrentIndex(max(0, combo.findData(self.choice.fields.get(c, IGNORE))))
            combo.currentIndexChanged.connect(lambda _i, col=c: self._field_changed(col))
            self.table.setCellWidget(0, c, combo)
            self.combos.append(combo)
            self._style_column(c)
        for r, values in enumerate(rows, start=1):
            for c in range(width):
                self.table.setItem(r, c, _cell(values[c] if c < len(values) else ""))
        self.table.setRowHeight(0, 34)
        for c in range(width):
            self._style_column(c)

    def _field_changed(self, col: int) -> None:
        self.choice.fields[col] = self.combos[col].currentData()
        self._style_column(col)

    def _style_column(self, col: int) -> None:
        ignored = self.choice.fields.get(col, IGNORE) == IGNORE
        color = QColor("#9aa0a6") if ignored else QColor("#202124")
        for r in range(1, self.table.rowCount()):
            item = self.table.item(r, col)
            if item is not None:
                item.setForeground(color)
        header = self.table.horizontalHeaderItem(col)
        if header is not None:
            font = QFont(header.font())
            font.setBold(not ignored)
            header.setFont(font)

    def _header_row_changed(self) -> None:
        assert self.header_combo is not None
        self.choice.header_row = self.header_combo.currentData()
        self._fill()

    def reset(self) -> None:
        self.choice.fields = initial_fields(self.sheet)
        self._fill()


class MappingDialog(QDialog):
    """Shows each sheet's first rows; the user picks a field per column. ``mapping()`` is the result."""

    def __init__(self, sheets: list[SheetPreview], *, choices: list[SheetChoice] | None = None,
                 message: str = "", file_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mappingDialog")
        self.setWindowTitle(self.tr("调整列对应"))
        fit_to_screen(self, 980, 560)
        if choices is None or [c.sheet.sheet for c in choices] != [s.sheet for s in sheets]:
            choices = [SheetChoice.detected(s) for s in sheets]
        self._choices = choices
        layout = QVBoxLayout(self)

        title = QLabel(self.tr("为“{0}”的各列指定字段").format(file_name) if file_name
                       else self.tr("为各列指定字段"))
        title.setObjectName("dialogTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        intro = QLabel(self.tr("在每列上方选择这一列对应的字段；不需要导入的列选“忽略”。"
                               "至少要有一列是“事项”或“内容”。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if message:
            box = QFrame()
            box.setObjectName("messageFrame")
            box.setStyleSheet("#messageFrame { background: #fff4e5; border: 1px solid #f0b35a; border-radius: 4px; }")
            row = QHBoxLayout(box)
            text = QLabel(message)
            text.setObjectName("messageLabel")
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row.addWidget(text)
            layout.addWidget(box)

        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("sheetCombo")
        self.pages = QStackedWidget()
        for choice in choices:
            self.sheet_combo.addItem(choice.sheet.sheet + (self.tr("（未识别表头）")
                                                           if not choice.sheet.header_rows else ""))
            self.pages.addWidget(_SheetPage(choice))
        self.sheet_combo.currentIndexChanged.connect(self.pages.setCurrentIndex)
        if len(choices) > 1:
            row = QHBoxLayout()
            row.addWidget(QLabel(self.tr("工作表：")))
            row.addWidget(self.sheet_combo, 1)
            row.addStretch(2)
            layout.addLayout(row)
        layout.addWidget(self.pages, 1)

        self.problem = QLabel()
        self.problem.setObjectName("problemLabel")
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.hide()
        layout.addWidget(self.problem)

        buttons = QDialogButtonBox()
        self.reset_button = QPushButton(self.tr("恢复自动识别"))
        self.reset_button.setObjectName("resetButton")
        buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.ok_button = buttons.addButton(self.tr("按此对应重新读取"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("okButton")
        self.ok_button.setDefault(True)
        cancel = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancelButton")
        self.reset_button.clicked.connect(self._reset)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def page(self, index: int = 0) -> _SheetPage:
        page = self.pages.widget(index)
        assert isinstance(page, _SheetPage)
        return page

    def set_field(self, column: int, field_name: str, sheet_index: int = 0) -> None:
        """Pick ``field_name`` for a column, as a user would in its combo."""
        combo = self.page(sheet_index).combos[column]
        combo.setCurrentIndex(combo.findData(field_name))

    def choices(self) -> list[SheetChoice]:
        return self._choices

    def mapping(self) -> dict[str, str]:
        return build_mapping(self._choices)

    def _reset(self) -> None:
        for i in range(self.pages.count()):
            self.page(i).reset()
        self.problem.hide()

    def accept(self) -> None:
        problem = mapping_problem(self._choices)
        if problem:
            self.problem.setText(core_text(problem))
            self.problem.show()
            return
        super().accept()
