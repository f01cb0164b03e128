"""Figures shared by the PDF report and the Excel ledger."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from zwgk_desktop.core.types import Status

from .data import ReportData, ReportItem, ReportPublication

STATUS_ORDER: tuple[Status, ...] = (Status.DONE, Status.DOING, Status.TODO, Status.REWORK, Status.NA)
OPEN_STATUSES = frozenset({Status.TODO, Status.DOING, Status.REWORK})


@dataclass
class CategoryStat:
    name: str
    counts: dict[Status, int] = field(default_factory=lambda: dict.fromkeys(STATUS_ORDER, 0))
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def applicable(self) -> int:
        return self.total - self.counts[Status.NA]

    @property
    def done(self) -> int:
        return self.counts[Status.DONE]

    @property
    def rate(self) -> float | None:
        """Completion rate 0..1 over applicable items; None when nothing applies."""
        return self.done / self.applicable if self.applicable else None


@dataclass
class ReportSummary:
    categories: list[CategoryStat]
    total: CategoryStat
    on_time: int = 0
    late: int = 0
    unjudged: int = 0
    overdue_items: int = 0
    published_items: int = 0
    issues: list[tuple[ReportItem, str]] = field(default_factory=list)  # (item, problem label)
    # publications that went out after their deadline, in item order, then by publication date
    late_publications: list[tuple[ReportItem, ReportPublication]] = field(default_factory=list)

    @property
    def has_problems(self) -> bool:
        return bool(self.issues or self.late_publications)

    @property
    def publications(self) -> int:
        return self.on_time + self.late + self.unjudged


def format_rate(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def problem_label(item: ReportItem) -> str:
    """Why an item is listed under 存在问题及整改; empty when it is not."""
    parts: list[str] = []
    if item.overdue:
        parts.append("逾期")
    status = item.row.status
    if status is Status.REWORK:
        parts.append("需整改")
    elif status in (Status.TODO, Status.DOING):
        parts.append("未完成")
    return "、".join(parts)


def summarize(data: ReportData) -> ReportSummary:
    cats: dict[str, CategoryStat] = {}
    total = CategoryStat("合计")
    summary = ReportSummary(categories=[], total=total)
    for item in data.items:
        stat = cats.get(item.category)
        if stat is None:
            stat = cats[item.category] = CategoryStat(item.category)
        status = item.row.status
        stat.counts[status] += 1
        total.counts[status] += 1
        if item.overdue:
            stat.overdue += 1
            total.overdue += 1
            summary.overdue_items += 1
        if item.publications:
            summary.published_items += 1
        late: list[ReportPublication] = []
        for pub in item.publications:
            if pub.on_time is True:
                summary.on_time += 1
            elif pub.on_time is False:
                summary.late += 1
                late.append(pub)
            else:
                summary.unjudged += 1
        late.sort(key=lambda p: p.published or p.formed or date.min)
        summary.late_publications.extend((item, pub) for pub in late)
        label = problem_label(item)
        if label:
            summary.issues.append((item, label))
    summary.categories = list(cats.values())
    return summary
