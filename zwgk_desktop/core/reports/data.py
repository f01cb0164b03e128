"""Plain input data for the reports; the caller builds these from the workspace.

Nothing here touches the database, Qt or reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from zwgk_desktop.core.types import ItemRow

# What the workspace passes as the office when none is set (core/services/report_input.py).
OFFICE_UNSET = "（未设置单位名称）"


@dataclass
class ReportEvidence:
    """One piece of evidence (佐证材料) attached to an item."""

    name: str
    sha256: str = ""
    kind: str = "file"  # 'file' | 'link' | 'text'
    url: str = ""

    @property
    def short_hash(self) -> str:
        return self.sha256[:8].lower()


@dataclass
class ReportPublication:
    """One publication record (公开记录) of an item."""

    published: date | None
    formed: date | None = None  # 信息形成日期
    channel: str = ""
    url: str = ""
    due: date | None = None  # publication deadline computed from the time limit
    on_time: bool | None = None  # None: cannot be judged
    late_workdays: int = 0


@dataclass
class ReportItem:
    row: ItemRow
    publications: list[ReportPublication] = field(default_factory=list)
    evidence: list[ReportEvidence] = field(default_factory=list)
    overdue: bool = False

    @property
    def category(self) -> str:
        """The outermost category name."""
        return self.row.path[0] if self.row.path else "未分类"

    @property
    def latest_publication(self) -> ReportPublication | None:
        """The most recent publication record (by publication date, else by formation date)."""
        if not self.publications:
            return None
        return max(self.publications, key=lambda p: p.published or p.formed or date.min)


@dataclass
class ReportData:
    office: str  # 填报单位, e.g. 万善乡人民政府
    clerk: str  # 填报人
    checklist: str  # checklist name
    period: str  # e.g. 2024年第一季度
    generated: date
    scope: str = "全部事项"  # '全部事项' / '分类：最低生活保障' / '责任单位：万善乡'
    items: list[ReportItem] = field(default_factory=list)
    reviewer: str = ""  # 审核人, blank to be signed by hand
    history_head: tuple[int, str] | None = None  # (entries, last hash) of the history: the 数据校验码

    @property
    def anchor_code(self) -> str:
        """数据校验码 as printed: entries-first 16 hex digits of the last hash (core/store/anchor.py)."""
        return f"{self.history_head[0]}-{self.history_head[1][:16]}" if self.history_head else ""

    @property
    def office_set(self) -> bool:
        """Whether a real office name is known (else the report leaves it blank, to be written by hand)."""
        return bool(self.office.strip()) and self.office.strip() != OFFICE_UNSET

    @property
    def office_name(self) -> str:
        """The office name, or "" when it is not set."""
        return self.office.strip() if self.office_set else ""

    @property
    def report_title(self) -> str:
        """The report title without the office: 《清单》政务公开自查报告."""
        return f"{self.checklist}政务公开自查报告"

    @property
    def title(self) -> str:
        return f"{self.office_name}{self.report_title}"
