"""Plain data types shared by the importers, the storage layer and the front ends.

Nothing here knows about SQLAlchemy or Qt: importers produce these, storage consumes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from zwgk_desktop.core.messages import join_msgs, msg


class Status(str, Enum):
    """Work status of one item record."""

    TODO = "todo"
    DOING = "doing"
    DONE = "done"
    NA = "na"
    REWORK = "rework"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS: dict[Status, str] = {
    Status.TODO: msg("待办"),
    Status.DOING: msg("进行中"),
    Status.DONE: msg("已完成"),
    Status.NA: msg("不适用"),
    Status.REWORK: msg("需整改"),
}


class TemplateKind(str, Enum):
    NATIVE = "native"  # the app's own xlsx layout
    CATALOGUE = "catalogue"  # 基层政务公开标准目录
    TASKS = "tasks"  # 任务分解表
    NOTICE = "notice"  # 工作要点 notice text


@dataclass
class SourceRef:
    """Where an item or a warning comes from in the imported file."""

    file: str = ""
    sheet: str = ""
    row: int | None = None  # 1-based spreadsheet row or text line
    column: str = ""

    def describe(self) -> str:
        parts = [msg("文件“{file}”", file=self.file)] if self.file else []
        if self.sheet:
            parts.append(msg("工作表“{sheet}”", sheet=self.sheet))
        if self.row is not None:
            parts.append(msg("第 {row} 行", row=self.row))
        if self.column:
            parts.append(msg("列“{column}”", column=self.column))
        return join_msgs("，", parts) if parts else ""


@dataclass
class ImportWarning:
    message: str
    source: SourceRef = field(default_factory=SourceRef)

    def __str__(self) -> str:
        where = self.source.describe()
        return msg("{where}：{message}", where=where, message=self.message) if where else self.message


class SkipReason(str, Enum):
    """Why a row of a table was not read as an item."""

    TITLE = "title"  # a title row above the header
    NOTE = "note"  # 注：… / 说明…
    HEADER = "header"  # the header repeated at a page break
    BLANK = "blank"  # an empty row between items
    OTHER = "other"  # anything else (no title, only category cells …)

    @property
    def label(self) -> str:
        return SKIP_REASON_LABELS[self]


SKIP_REASON_LABELS: dict[SkipReason, str] = {
    SkipReason.TITLE: msg("标题行"),
    SkipReason.NOTE: msg("注释行"),
    SkipReason.HEADER: msg("重复的表头"),
    SkipReason.BLANK: msg("空行"),
    SkipReason.OTHER: msg("其他"),
}


@dataclass
class SkippedRow:
    """A row of the file that was not imported, with the reason (shown in the import preview)."""

    reason: SkipReason
    source: SourceRef
    text: str = ""  # the row's cells joined, shortened
    detail: str = ""  # a Chinese explanation when ``reason`` alone does not say enough

    def to_json(self) -> dict:
        return {"sheet": self.source.sheet, "row": self.source.row, "reason": self.reason.value,
                "label": self.reason.label, "detail": self.detail, "text": self.text}


@dataclass
class ParsedItem:
    """One checklist item as read from a template file, before it is stored."""

    title: str
    path: list[str] = field(default_factory=list)  # category names, outermost first
    code: str = ""
    content: str = ""  # 公开内容 / 具体要求
    basis: str = ""  # 公开依据
    deadline: str = ""  # 公开时限 text, or deadline phrases found in a requirement (joined by "；")
    owners: list[str] = field(default_factory=list)  # 公开主体 / 责任单位, normalised unit or group names
    lead_units: list[str] = field(default_factory=list)  # owners written as 牵头 (a subset of owners)
    support_units: list[str] = field(default_factory=list)  # owners written as 配合
    channels: list[str] = field(default_factory=list)  # chosen 公开渠道和载体
    audience: list[str] = field(default_factory=list)  # 公开对象
    mode: list[str] = field(default_factory=list)  # 公开方式
    level: list[str] = field(default_factory=list)  # 公开层级
    source: SourceRef = field(default_factory=SourceRef)
    key: str = ""  # stable key used to match items across template versions; derived if empty


@dataclass
class ParsedTemplate:
    """A whole template file after reading and understanding it."""

    name: str
    items: list[ParsedItem]
    kind: TemplateKind = TemplateKind.NATIVE
    issuer: str = ""
    year: int | None = None
    version: str = ""
    source_file: str = ""
    source_sha256: str = ""
    warnings: list[ImportWarning] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)  # rows of the file that are not items
    # catalogue / tasks / notice / not_checklist (a report imported because the clerk insisted)
    document_kind: str = ""


@dataclass(slots=True)  # 100,000 rows live in memory: no per-row __dict__
class ItemRow:
    """One row of a checklist as the views show it: template item joined with its record.

    Read-only by convention: rows loaded together share their list fields (owners, channels …) to keep
    100,000 rows small; an edit goes through the workspace and comes back as a new row.
    """

    id: str  # item record id (UUID)
    checklist: str
    # the item fields of core/fields.py, in its order (query.load_rows builds rows positionally)
    code: str = ""
    path: list[str] = field(default_factory=list)
    title: str = ""
    content: str = ""
    basis: str = ""
    deadline: str = ""
    owners: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)
    mode: list[str] = field(default_factory=list)
    level: list[str] = field(default_factory=list)
    # the office's work on it
    status: Status = Status.TODO
    due: date | None = None
    assignee: str = ""
    note: str = ""
    position: int = 0
    evidence_count: int = 0
    version: int = 1  # of the item record: pass it back when editing to detect conflicting edits
    search_text: str = field(default="", repr=False, compare=False)  # normalised text for search
    search_shared: str = field(default="", repr=False, compare=False)  # … its part shared by rows (query.py)
    lead_units: tuple[str, ...] = ()  # owners written as 牵头
    support_units: tuple[str, ...] = ()  # owners written as 配合

    @property
    def closed(self) -> bool:
        """Done or not applicable: counts as finished in progress figures."""
        return self.status in (Status.DONE, Status.NA)

    def is_overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today and not self.closed

    def to_json(self) -> dict:
        from zwgk_desktop.core.deadlines.reading import deadline_rule_json
        from zwgk_desktop.core.fields import ITEM_FIELDS, FieldKind

        out: dict = {"id": self.id, "checklist": self.checklist}
        for f in ITEM_FIELDS:
            value = getattr(self, f.name)
            out[f.name] = list(value) if f.kind.is_list else value
            if f.kind is FieldKind.UNITS:
                out["lead_units"], out["support_units"] = list(self.lead_units), list(self.support_units)
            elif f.kind is FieldKind.DEADLINE:
                out[f"{f.name}_rule"] = deadline_rule_json(value)
        out.update(status=self.status.value, due=self.due.isoformat() if self.due else None, assignee=self.assignee,
                   note=self.note, evidence_count=self.evidence_count, version=self.version)
        return out


class UserError(Exception):
    """An error caused by the user's input; the message is Chinese and shown as is."""


class ConflictError(UserError):
    """The record changed since the caller read it (another window, the CLI, another clerk)."""

    def __init__(self, message: str, current: object = None):
        super().__init__(message)
        self.current = current  # the record as it is now (an ItemRow), when known


class BadFileError(UserError):
    """A file that cannot be imported; nothing was written."""

    def __init__(self, message: str, source: SourceRef | None = None):
        self.source = source or SourceRef()
        where = self.source.describe()
        super().__init__(msg("{where}：{message}", where=where, message=message) if where else message)
        self.reason = message
