"""SQLAlchemy ORM models: the whole workspace schema.

Design notes
- Every record has a UUID string id so that data from many offices can later be merged (county roll-up).
- Templates are immutable once imported; a checklist adopts one template version, and a template update
  re-points the checklist's item records to the new version's items (work carries over).
- Nothing the user entered is deleted: records, evidence and publications carry ``archived_at``.
- ``history`` is append-only and hash-chained (each entry's hash covers the previous hash).
- Only portable column types (no SQLite-only SQL), so the same models run on PostgreSQL.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

_VARIANT = {d: "89ab"[int(d, 16) & 3] for d in "0123456789abcdef"}


def new_id() -> str:
    """A random UUID (version 4) as text, as ``str(uuid.uuid4())`` but about three times faster (imports
    make 20,000 a time)."""
    h = os.urandom(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:]}"


def new_ids(count: int) -> list[str]:
    """``count`` ids as :func:`new_id` makes them, from one read of the random source (an import makes
    200,000 at a time)."""
    h = os.urandom(16 * count).hex()
    v = _VARIANT
    return [f"{h[i:i + 8]}-{h[i + 8:i + 12]}-4{h[i + 13:i + 16]}-{v[h[i + 16]]}{h[i + 17:i + 20]}-{h[i + 20:i + 32]}"
            for i in range(0, 32 * count, 32)]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    type_annotation_map = {list: JSON, dict: JSON}


class Setting(Base):
    """Workspace settings (office identity, clerk name): key/value."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Template(Base):
    __tablename__ = "templates"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(255))
    issuer: Mapped[str] = mapped_column(String(255), default="")
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    version: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(16), default="native")
    source_file: Mapped[str] = mapped_column(String(1024), default="")
    source_sha256: Mapped[str] = mapped_column(String(64), default="")
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(255), default="")
    # the template version this one replaced (template updates form a chain)
    supersedes_id: Mapped[str | None] = mapped_column(ForeignKey("templates.id"), nullable=True)

    items: Mapped[list[TemplateItem]] = relationship(
        back_populates="template", order_by="TemplateItem.position", cascade="save-update"
    )


class TemplateItem(Base):
    __tablename__ = "template_items"
    __table_args__ = (
        Index("ix_template_items_template_position", "template_id", "position"),
        Index("ix_template_items_template_key", "template_id", "key"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    template_id: Mapped[str] = mapped_column(ForeignKey("templates.id"))
    key: Mapped[str] = mapped_column(String(128))  # stable key for matching across versions
    code: Mapped[str] = mapped_column(String(64), default="")
    path: Mapped[list] = mapped_column(JSON, default=list)  # category names, outermost first
    title: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text, default="")
    basis: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[str] = mapped_column(Text, default="")
    owners: Mapped[list] = mapped_column(JSON, default=list)
    channels: Mapped[list] = mapped_column(JSON, default=list)
    audience: Mapped[list] = mapped_column(JSON, default=list)
    mode: Mapped[list] = mapped_column(JSON, default=list)
    level: Mapped[list] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(Integer, default=0)
    source_sheet: Mapped[str] = mapped_column(String(255), default="")
    source_row: Mapped[int | None] = mapped_column(Integer, nullable=True)

    template: Mapped[Template] = relationship(back_populates="items")


class Unit(Base):
    """A responsible unit (单位) or a group word naming many units (各乡镇(街道), 县直有关部门)."""

    __tablename__ = "units"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    is_group: Mapped[bool] = mapped_column(Boolean, default=False)


class Checklist(Base):
    """A template version adopted by this office for a period."""

    __tablename__ = "checklists"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(255))
    template_id: Mapped[str] = mapped_column(ForeignKey("templates.id"))
    period: Mapped[str] = mapped_column(String(64), default="")
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    office_id: Mapped[str] = mapped_column(String(36), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    template: Mapped[Template] = relationship()


class ItemRecord(Base):
    """The office's work on one template item within a checklist."""

    __tablename__ = "item_records"
    __table_args__ = (
        Index("ix_item_records_checklist", "checklist_id", "archived_at"),
        Index("ix_item_records_template_item", "template_item_id"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    checklist_id: Mapped[str] = mapped_column(ForeignKey("checklists.id"))
    template_item_id: Mapped[str] = mapped_column(ForeignKey("template_items.id"))
    status: Mapped[str] = mapped_column(String(16), default="todo")
    assignee: Mapped[str] = mapped_column(String(255), default="")
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # set when the item was dropped by a template update (or removed by the user); never deleted
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    archived_reason: Mapped[str] = mapped_column(String(255), default="")
    # bumped by every edit of the fields above; an edit made on an older version is a conflict (schema 0003)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    checklist: Mapped[Checklist] = relationship()
    item: Mapped[TemplateItem] = relationship()


class HistoryEntry(Base):
    """Append-only change history. ``hash`` = SHA-256 over the previous hash and this entry's content."""

    __tablename__ = "history"
    __table_args__ = (Index("ix_history_entity", "entity", "entity_id"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(255), default="")
    entity: Mapped[str] = mapped_column(String(32))  # item_record, checklist, settings, evidence …
    entity_id: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(32))  # create, update, archive, import, template_update …
    field: Mapped[str] = mapped_column(String(64), default="")
    before: Mapped[dict | list | str | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict | list | str | None] = mapped_column(JSON, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")


# --- evidence and publication records (schema 0002) ---


class Evidence(Base):
    """A piece of evidence: a stored file (content-addressed), a web link or a short text note."""

    __tablename__ = "evidence"
    __table_args__ = (Index("ix_evidence_sha256", "sha256"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(8))  # file | link | text
    sha256: Mapped[str] = mapped_column(String(64), default="")
    stored_path: Mapped[str] = mapped_column(String(255), default="")  # relative to the evidence folder
    original_name: Mapped[str] = mapped_column(String(1024), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    mime: Mapped[str] = mapped_column(String(128), default="")
    url: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    seen_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    added_by: Mapped[str] = mapped_column(String(255), default="")
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class EvidenceLink(Base):
    """Evidence supports item records (many to many)."""

    __tablename__ = "evidence_links"
    __table_args__ = (UniqueConstraint("evidence_id", "record_id"), Index("ix_evidence_links_record", "record_id"))
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    evidence_id: Mapped[str] = mapped_column(ForeignKey("evidence.id"))
    record_id: Mapped[str] = mapped_column(ForeignKey("item_records.id"))
    linked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Publication(Base):
    """A publication record (公开记录): what was published for an item, where and when."""

    __tablename__ = "publications"
    __table_args__ = (Index("ix_publications_record", "record_id"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    record_id: Mapped[str] = mapped_column(ForeignKey("item_records.id"))
    what: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(255), default="")
    place: Mapped[str] = mapped_column(Text, default="")  # URL or physical place (公示栏)
    formed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    published_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    evidence_ids: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(255), default="")
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


# --- yearly reports (schema 0004) ---


class AnnualReportRow(Base):
    """One office's 政府信息公开工作年度报告 for one year: the app's JSON as entered or as read from a file."""

    __tablename__ = "annual_reports"
    __table_args__ = (UniqueConstraint("office", "year"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    office: Mapped[str] = mapped_column(String(255))
    year: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    origin: Mapped[str] = mapped_column(String(16), default="entered")  # entered | imported
    source_file: Mapped[str] = mapped_column(String(1024), default="")
    # the catalogue item about publishing the yearly report (信息公开年报), when linked
    record_id: Mapped[str | None] = mapped_column(ForeignKey("item_records.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
