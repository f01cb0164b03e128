"""新增公开记录: what was published, where, when, with a live timeliness verdict and linked evidence."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.presenters.evidence_view import (
    TONE_LATE,
    TONE_OK,
    channel_choices,
    evidence_lines,
    preview_verdict,
)
from zwgk_desktop.core.store.publications import PublicationInfo
from zwgk_desktop.core.types import UserError
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.i18n import core_text, error_text

TONE_COLORS = {TONE_OK: "#188038", TONE_LATE: "#c5221f"}
UNKNOWN_COLOR = "#8a5300"


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PublicationDialog(QDialog):
    """Collects one publication record and saves it with ``ws.add_publication`` on 保存."""

    def __init__(self, ws: Workspace, record_id: str, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.record_id = record_id
        self.saved: PublicationInfo | None = None
        self.row = ws.row(record_id)
        self._year = ws.checklist(self.row.checklist).year
        today = today or date.today()
        self.setObjectName("publicationDialog")
        self.setWindowTitle(self.tr("新增公开记录"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)

        heading = QLabel(self.row.title)
        heading.setObjectName("dialogTitle")
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        layout.addWidget(heading)
        if self.row.deadline:
            limit = QLabel(self.tr("公开时限：{0}").format(self.row.deadline))
            limit.setWordWrap(True)
            limit.setStyleSheet("color: #5f6368;")
            layout.addWidget(limit)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.what_edit = QLineEdit()
        self.what_edit.setObjectName("whatEdit")
        self.what_edit.setPlaceholderText(self.tr("例如：2024年第一季度低保对象名单"))
        form.addRow(self.tr("公开内容："), self.what_edit)
        self.channel_combo = QComboBox()
        self.channel_combo.setObjectName("channelCombo")
        self.channel_combo.setEditable(True)
        self.channel_combo.addItems(channel_choices(self.row.channels))
        self.channel_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        form.addRow(self.tr("公开渠道："), self.channel_combo)
        self.place_edit = QLineEdit()
        self.place_edit.setObjectName("placeEdit")
        self.place_edit.setPlaceholderText(self.tr("网址（https://…）或地点（如：村务公开栏）"))
        form.addRow(self.tr("网址或地点："), self.place_edit)

        formed_row = QHBoxLayout()
        self.formed_check = QCheckBox(self.tr("已知"))
        self.formed_check.setObjectName("formedCheck")
        self.formed_check.setChecked(True)
        self.formed_edit = QDateEdit(_qdate(today))
        self.formed_edit.setObjectName("formedEdit")
        self.formed_edit.setCalendarPopup(True)
        self.formed_edit.setDisplayFormat("yyyy-MM-dd")
        formed_row.addWidget(self.formed_edit)
        formed_row.addWidget(self.formed_check)
        formed_row.addStretch(1)
        form.addRow(self.tr("信息形成/变更日期："), formed_row)
        self.published_edit = QDateEdit(_qdate(today))
        self.published_edit.setObjectName("publishedEdit")
        self.published_edit.setCalendarPopup(True)
        self.published_edit.setDisplayFormat("yyyy-MM-dd")
        published_row = QHBoxLayout()
        published_row.addWidget(self.published_edit)
        published_row.addStretch(1)
        form.addRow(self.tr("公开日期："), published_row)
        layout.addLayout(form)

        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("verdictLabel")
        self.verdict_label.setWordWrap(True)
        layout.addWidget(self.verdict_label)

        layout.addWidget(QLabel(self.tr("关联的佐证材料：")))
        self.evidence_list = QListWidget()
        self.evidence_list.setObjectName("evidenceChecks")
        self.evidence_list.setMaximumHeight(140)
        for info in ws.evidence_for(record_id):
            item = QListWidgetItem(core_text(evidence_lines(info).title))
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.evidence_list.addItem(item)
        if self.evidence_list.count() == 0:
            empty = QListWidgetItem(self.tr("（这个事项还没有佐证材料）"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.evidence_list.addItem(empty)
        layout.addWidget(self.evidence_list)

        self.problem = QLabel()
        self.problem.setObjectName("problemLabel")
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("okButton")
        self.ok_button.setDefault(True)
        cancel = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancelButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.formed_check.toggled.connect(self.formed_edit.setEnabled)
        for signal in (self.formed_check.toggled, self.formed_edit.dateChanged, self.published_edit.dateChanged):
            signal.connect(self._update_verdict)
        self._update_verdict()

    def formed_on(self) -> date | None:
        return _pydate(self.formed_edit.date()) if self.formed_check.isChecked() else None

    def published_on(self) -> date:
        return _pydate(self.published_edit.date())

    def checked_evidence(self) -> list[str]:
        out = []
        for i in range(self.evidence_list.count()):
            item = self.evidence_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) and item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def _update_verdict(self) -> None:
        verdict = preview_verdict(self.row.deadline, year=self._year, formed=self.formed_on(),
                                  published=self.published_on(), cal=self.ws.calendar)
        self.verdict_label.setText(core_text(verdict.text))
        self.verdict_label.setToolTip(core_text(verdict.tooltip))
        self.verdict_label.setStyleSheet(f"color: {TONE_COLORS.get(verdict.tone, UNKNOWN_COLOR)};")

    def accept(self) -> None:
        try:
            self.saved = self.ws.add_publication(
                self.record_id, formed_on=self.formed_on(), published_on=self.published_on(),
                channel=self.channel_combo.currentText(), place=self.place_edit.text(),
                what=self.what_edit.text(), evidence_ids=self.checked_evidence())
        except UserError as exc:
            self.problem.setText(error_text(exc))
            self.problem.show()
            return
        super().accept()
