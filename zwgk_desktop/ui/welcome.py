"""The page shown on an empty workspace: import a template or load the bundled example."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    importRequested = Signal()
    exampleRequested = Signal()
    restoreRequested = Signal()
    archiveRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        title = QLabel(self.tr("欢迎使用政务公开台账"))
        title.setObjectName("welcomeTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(self.tr(
            "工作区还没有事项清单。\n"
            "请导入县里下发的基层政务公开标准目录或工作要点任务分解表\n"
            "（Excel、WPS 表格、CSV、Word 或文本），或先载入示例清单熟悉功能。"))
        text.setObjectName("welcomeText")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.import_button = QPushButton(self.tr("导入模板…"))
        self.import_button.setObjectName("importButton")
        self.example_button = QPushButton(self.tr("载入示例"))
        self.example_button.setObjectName("exampleButton")
        for button in (self.import_button, self.example_button):
            button.setMinimumSize(220, 64)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.importRequested)
        self.example_button.clicked.connect(self.exampleRequested)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addSpacing(24)
        buttons.addWidget(self.example_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addSpacing(12)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(28)
        layout.addLayout(buttons)
        layout.addSpacing(16)
        self.restore_link = QPushButton(self.tr("换了电脑？从备份恢复…"))
        self.restore_link.setObjectName("restoreLink")
        self.restore_link.setFlat(True)
        self.restore_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.restore_link.clicked.connect(self.restoreRequested)
        layout.addWidget(self.restore_link, 0, Qt.AlignmentFlag.AlignHCenter)
        self.archive_link = QPushButton()
        self.archive_link.setObjectName("archiveLink")
        self.archive_link.setFlat(True)
        self.archive_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.archive_link.clicked.connect(self.archiveRequested)
        self.archive_link.hide()
        layout.addWidget(self.archive_link, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def set_removed_checklists(self, count: int) -> None:
        """Offer the 回收站 while it holds removed checklists."""
        self.archive_link.setText(self.tr("回收站中有 %n 个已移除的清单，查看或恢复…", "", count))
        self.archive_link.setVisible(count > 0)
