"""The workspace: one data folder per office holding the database, evidence files and backups.

This is the façade both front ends use; it owns transactions, the acting user and the folder layout.

The services rule (README, "Layout"; tests/test_layers.py holds the code to it):

* Only :class:`Workspace` makes the engine and opens sessions: :meth:`Workspace.transaction` for every
  write (the write lock, the ledger seal, a Chinese message when the disk or database fails) and
  :meth:`Workspace.reading`. No other module touches ``ws.engine`` or makes a session.
* ``core/store/`` holds the session operations: functions that take the session they run in, query the
  ledger's ORM models (``core/db/models.py``) and write their history entries there. They never open,
  commit or close a session, and never import this module, a service or a presenter.
* Services (``core/services/``, and the feature packages ``core/annual/`` and ``core/county/``) take a
  Workspace and call its methods. When one unit of work needs several store operations, the service opens
  it here (``with ws.transaction() as s:`` or ``ws.reading()``) and passes ``s`` on to store functions, or
  to its own package's ``store.py`` for that package's own tables; it never queries the ledger's ORM
  models itself.
* Presenters (``core/presenters/``) get values and return wording and choices: no Workspace, no session.
* The front ends (``ui/``, ``cli*.py``) call Workspace methods, services and presenters, and use the value
  types of ``store/`` (``ChecklistInfo``, ``EvidenceInfo``, …); they never hold a session.
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from zwgk_desktop.core import pause_points
from zwgk_desktop.core.db import migrate
from zwgk_desktop.core.db.checks import foreign_key_violations
from zwgk_desktop.core.db.engine import make_engine, make_sessionmaker, sqlite_url, writing
from zwgk_desktop.core.db.errors import fault_kind, fault_message
from zwgk_desktop.core.db.locks import lock_history
from zwgk_desktop.core.db.models import Setting, new_id
from zwgk_desktop.core.deadlines.calendar import WorkdayCalendar
from zwgk_desktop.core.fileutil import remove_stale, write_failure
from zwgk_desktop.core.locations import (  # noqa: F401 - also imported from here
    APP_NAME,
    DB_NAME,
    ENV_DATA_DIR,
    ENV_DATABASE_URL,
    default_data_dir,
    default_home,
)
from zwgk_desktop.core.messages import message_of, msg
from zwgk_desktop.core.netfs import WorkspaceOnNetworkDrive, refuse_network_drive
from zwgk_desktop.core.progress import Cancelled, CancelledFn, ProgressFn, cancellable_progress
from zwgk_desktop.core.store import (
    anchor,
    archive,
    checklists,
    evidence,
    file_journal,
    history,
    ledger,
    publications,
    records,
    versioning,
)
from zwgk_desktop.core.store.checklists import ChecklistInfo
from zwgk_desktop.core.store.evidence import EvidenceInfo, EvidenceStore
from zwgk_desktop.core.store.first_page import read_first_page
from zwgk_desktop.core.store.publications import PublicationInfo
from zwgk_desktop.core.store.query import ItemFilter, filter_rows, load_rows
from zwgk_desktop.core.types import ConflictError, ItemRow, ParsedTemplate, UserError

if TYPE_CHECKING:
    from zwgk_desktop.core.deadlines.holiday_notice import HolidayNotice  # type only: no patterns built
    from zwgk_desktop.core.services.integrity import CheckResult

__all__ = ["Workspace", "WorkspaceNotWritable", "WorkspaceOnNetworkDrive", "database_url", "default_data_dir"]

STAGING_NAME = ".staging"


def _safe_url(url: str) -> str:
    """A database URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - not a URL at all
        return url


def database_url(given: str | None = None) -> str | None:
    """The database server to use instead of the workspace's SQLite file: ``--db-url``, else the
    ZWGK_DATABASE_URL variable, else None. A URL that cannot be understood is refused in words."""
    url = (given or os.environ.get(ENV_DATABASE_URL) or "").strip()
    if not url:
        return None
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        make_url(url)
    except ArgumentError as exc:
        raise UserError(msg("数据库地址“{url}”无法识别，应写成 postgresql+psycopg2://用户:密码@服务器/数据库。",
                            url=url)) from exc
    return url


class WorkspaceNotWritable(UserError):
    """The workspace's folder or disk takes no writes (read-only, full): nothing is damaged, so a restore
    is no remedy."""


def _read_only(folder: Path) -> bool:
    """An existing workspace folder (or its database) that cannot be written: a read-only disk or share,
    or no permission."""
    if not folder.is_dir():
        return False
    db = folder / DB_NAME
    return not os.access(folder, os.W_OK) or (db.exists() and not os.access(db, os.W_OK))


class Workspace:
    """An open workspace. Use :meth:`open`; close with :meth:`close` (or as a context manager)."""

    def __init__(self, data_dir: Path, url: str | None = None):
        self.data_dir = data_dir
        self.db_path = data_dir / DB_NAME
        self.evidence_dir = data_dir / "evidence"
        self.backup_dir = data_dir / "backups"
        self.calendar_dir = data_dir / "calendar"
        self.staging_dir = data_dir / STAGING_NAME  # this app's own temp files (backup snapshots)
        self.url = url or sqlite_url(self.db_path)
        self.engine = make_engine(self.url)
        self._sessions = make_sessionmaker(self.engine)
        self._write_sessions = make_sessionmaker(writing(self.engine))
        ledger.track(self._write_sessions)
        self.last_migration_backup: Path | None = None
        self._calendar: WorkdayCalendar | None = None

    @classmethod
    def open(cls, data_dir: Path | str | None = None, *, url: str | None = None) -> Workspace:
        folder = Path(data_dir).expanduser() if data_dir else default_data_dir()
        from zwgk_desktop.core.restore_journal import finish_interrupted

        if url is None:
            refuse_network_drive(folder, default_home())
        if url is None and _read_only(folder):
            raise WorkspaceNotWritable(msg("工作区“{folder}”是只读的（没有写入权限，或在只读的磁盘、光盘上），本程序无法在其中保存修改。"
                                "数据没有损坏：请把整个文件夹复制到可写的位置后用 --data-dir 打开，或修改文件夹权限。",
                                folder=str(folder)))
        try:
            finish_interrupted(folder)  # a restore killed mid-swap is completed before anything else
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(msg("无法创建工作区文件夹“{folder}”：{value}", folder=folder, value=exc.strerror or exc)) from exc
        try:
            ws = cls(folder, url)
        except Exception as exc:  # no driver for the server named in the URL, a bad option
            raise UserError(msg("无法使用数据库“{url}”：{reason}", url=_safe_url(url or ""), reason=str(exc))) from exc
        try:
            ws._upgrade()
            ws._ensure_identity()
            file_journal.recover(ws.data_dir, ws.transaction)  # files of a transaction killed before its commit are put back
            ws.evidence_store.clean_temp_files()
            if ws.staging_dir.is_dir():  # snapshots of killed backups (never those still being written)
                remove_stale(ws.staging_dir.iterdir())
        except DBAPIError as exc:
            ws.close()
            if isinstance(exc, OperationalError) and "locked" in str(exc.orig).lower():
                raise UserError(msg("工作区“{folder}”正被另一个程序占用（数据库已锁定），请稍后再试。", folder=folder)) from exc
            if fault_kind(exc) in ("full", "readonly", "io"):  # the disk, not the database
                raise WorkspaceNotWritable(fault_message(exc, ws.db_path, writing=False) or str(exc)) from exc
            if url is not None and not url.startswith("sqlite"):
                raise UserError(msg("无法连接数据库服务器“{url}”（{reason}）。数据没有被改动。",
                                    url=_safe_url(url), reason=str(exc.orig).strip())) from exc
            raise UserError(
                msg("无法打开工作区“{folder}”的数据库：文件已损坏或不是本程序的数据库（{orig}）。数据没有被改动。可以用“从备份恢复”恢复最近的备份；升级前的自动备份在其中的 backups 文件夹。", folder=folder, orig=exc.orig)
            ) from exc
        except (OSError, sqlite3.Error) as exc:  # e.g. the copy taken before a schema upgrade
            ws.close()
            raise WorkspaceNotWritable(msg("无法打开工作区“{folder}”：写入失败（{reason}），数据没有被改动。",
                                folder=str(folder), reason=write_failure(exc))) from exc
        except Exception:
            ws.close()
            raise
        return ws

    def close(self) -> None:
        self.engine.dispose()

    def schema_revision(self) -> str | None:
        """The database's schema revision (Alembic), as backups and submission packages record it."""
        return migrate.current_revision(self.engine)

    def reopen(self) -> None:
        """Open the database afresh (after a restore replaced the folder): same object for every holder."""
        self.engine.dispose()
        self.engine = make_engine(self.url)
        self._sessions = make_sessionmaker(self.engine)
        self._write_sessions = make_sessionmaker(writing(self.engine))
        ledger.track(self._write_sessions)
        self._calendar = None
        self._upgrade()
        self._ensure_identity()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions ---
    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on any error. It takes the write lock when
        it begins (waiting for another writer, see db.engine); a database fault (locked for too long,
        disk full, read-only, damaged) becomes a UserError saying that nothing was saved."""
        try:
            with self._write_sessions() as session, session.begin():
                lock_history(session)  # one writer at a time on a server too (SQLite: BEGIN IMMEDIATE)
                yield session
                ledger.seal(session)  # the rows it wrote, as committed, in the history chain
                pause_points.pause("commit")  # crash tests only (no-op unless armed)
        except DBAPIError as exc:
            message = fault_message(exc, self.db_path if self.url.startswith("sqlite") else None, writing=True)
            if message is None:
                raise
            raise UserError(message) from exc

    @contextmanager
    def reading(self) -> Iterator[Session]:
        try:
            with self._sessions() as session:
                yield session
        except DBAPIError as exc:
            message = fault_message(exc, self.db_path if self.url.startswith("sqlite") else None, writing=False)
            if message is None:
                raise
            raise UserError(message) from exc

    def _upgrade(self) -> None:
        """Migrate the schema to this version's; then seal the records into the history when a migration
        ran (it may rewrite rows) or the history predates the ledger (core/store/ledger.py)."""
        before = migrate.current_revision(self.engine)
        self.last_migration_backup = migrate.upgrade(
            self.engine, db_path=self.db_path if self.url.startswith("sqlite") else None,
            backup_dir=self.backup_dir)
        migrated = before is not None and before != migrate.current_revision(self.engine)
        with self.reading() as s:
            if ledger.needs_baseline(s, migrated=migrated) is None:
                return
        with self.transaction() as s:
            reason = ledger.needs_baseline(s, migrated=migrated)  # again, under the write lock
            if reason is not None:
                ledger.seal(s, field=reason, everything=True)

    # --- settings and identity ---
    def _ensure_identity(self) -> None:
        with self.reading() as s:  # every open: no write lock needed when the identity exists
            if s.get(Setting, "office_id") is not None:
                return
        with self.transaction() as s:
            if s.get(Setting, "office_id") is None:
                s.add(Setting(key="office_id", value=new_id()))

    def settings(self) -> dict[str, str]:
        with self.reading() as s:
            values = {row.key: row.value for row in s.scalars(select(Setting))}
        return {"office_id": values.get("office_id", ""), "office": values.get("office", ""),
                "clerk": values.get("clerk", "")}

    def update_settings(self, *, office: str | None = None, clerk: str | None = None) -> dict[str, str]:
        with self.transaction() as s:
            for key, value in (("office", office), ("clerk", clerk)):
                if value is None:
                    continue
                value = value.strip()
                row = s.get(Setting, key)
                before = row.value if row else ""
                if before == value:
                    continue
                if row is None:
                    s.add(Setting(key=key, value=value))
                else:
                    row.value = value
                history.record(s, actor=self.actor, entity="settings", entity_id=key, action="update",
                               field=key, before=before, after=value)
        return self.settings()

    @property
    def actor(self) -> str:
        clerk = self.settings().get("clerk")
        if clerk:
            return clerk
        try:
            return getpass.getuser()
        except Exception:  # noqa: BLE001 - no user name on some systems
            return ""

    # --- checklists ---
    def checklists(self) -> list[ChecklistInfo]:
        with self.reading() as s:
            return checklists.list_checklists(s)

    def is_empty(self) -> bool:
        return not self.checklists()

    def checklist(self, name_or_id: str | None = None) -> ChecklistInfo:
        with self.reading() as s:
            return checklists.find_checklist(s, name_or_id)

    def rename_checklist(self, name_or_id: str, new_name: str) -> ChecklistInfo:
        """Rename a checklist in use (trimmed, not empty, unique): one transaction with its history."""
        actor = self.actor
        with self.transaction() as s:
            checklist_id = checklists.rename(s, name_or_id, new_name, actor=actor)
        return self.checklist(checklist_id)

    def checklist_contents(self, checklist_id: str) -> checklists.ChecklistContents:
        """Items, done items, evidence and publications the checklist holds (for a confirmation)."""
        with self.reading() as s:
            return checklists.contents(s, checklists.find_checklist(s, checklist_id).id)

    def remove_checklist(self, name_or_id: str) -> archive.ArchivedChecklist:
        """Move a checklist with everything in it to the 回收站 (restorable; nothing is deleted)."""
        actor = self.actor
        with self.transaction() as s:
            checklist_id = checklists.find_checklist(s, name_or_id).id
            archive.remove_checklist(s, checklist_id, actor=actor)
        return self.archived_checklist(checklist_id)

    def archived_checklists(self) -> list[archive.ArchivedChecklist]:
        with self.reading() as s:
            return archive.archived_checklists(s)

    def archived_checklist(self, name_or_id: str) -> archive.ArchivedChecklist:
        """A checklist in the 回收站, by name, id or id prefix."""
        with self.reading() as s:
            return archive.find_archived_checklist(s, name_or_id)

    def restore_checklist(self, name_or_id: str) -> ChecklistInfo:
        actor = self.actor
        with self.transaction() as s:
            checklist_id = archive.find_archived_checklist(s, name_or_id).id
            archive.restore_checklist(s, checklist_id, actor=actor)
        return self.checklist(checklist_id)

    def purge_checklist(self, name_or_id: str) -> archive.ArchivedChecklist:
        """Delete a checklist in the 回收站 for good (explicit only); evidence files no other checklist
        uses are deleted after the commit. Returns what it held."""
        actor = self.actor
        with self.transaction() as s:
            removed = archive.find_archived_checklist(s, name_or_id)
            _, doomed = archive.purge_checklist(s, removed.id, self.evidence_store, actor=actor)
        evidence.delete_files(doomed)
        return removed

    def existing_for(self, parsed: ParsedTemplate, name: str | None = None) -> ChecklistInfo | None:
        """The checklist a parsed template would update: the named one, or one from the same template."""
        with self.reading() as s:
            if name:
                for info in checklists.list_checklists(s):
                    if name in (info.name, info.id):
                        return info
                return None
            return checklists.find_by_template_identity(s, parsed)

    def import_new(self, parsed: ParsedTemplate, *, name: str | None = None,
                   year: int | None = None) -> ChecklistInfo:
        actor = self.actor
        office_id = self.settings()["office_id"]
        with self.transaction() as s:
            checklist_id = checklists.adopt(s, parsed, name=name, year=year, office_id=office_id, actor=actor)
        return self.checklist(checklist_id)

    def plan_update(self, checklist_id: str, parsed: ParsedTemplate) -> versioning.UpdatePlan:
        with self.reading() as s:
            return versioning.plan_update(s, checklist_id, parsed)

    def apply_update(self, plan: versioning.UpdatePlan, *, accept_similar: bool | None = None,
                     archive_with_work: bool = False) -> dict:
        """Apply a template update in one transaction, honouring the plan's decisions. ``accept_similar``
        and ``archive_with_work`` answer what is still open in bulk (see UpdatePlan.decide_pending);
        refused (UserError, nothing written) while anything needing the clerk's answer is open."""
        plan.decide_pending(accept_similar=accept_similar, archive_with_work=archive_with_work)
        actor = self.actor
        with self.transaction() as s:
            return versioning.apply_update(s, plan, actor=actor)

    # --- rows and records ---
    def rows(self, checklist_id: str, *, include_archived: bool = False, limit: int | None = None,
             cancelled: Callable[[], bool] | None = None) -> list[ItemRow]:
        with self.reading() as s:
            return load_rows(s, checklist_id, include_archived=include_archived, limit=limit,
                             cancelled=cancelled)

    def first_page(self, checklist_id: str, limit: int) -> list[ItemRow]:
        """The first ``limit`` rows of a checklist in template order, fast: one indexed plain-sqlite3 query
        on a SQLite workspace (store/first_page.py), the normal read elsewhere or on any trouble."""
        if self.url.startswith("sqlite"):
            rows = read_first_page(self.db_path, checklist_id, limit)
            if rows is not None:
                return rows
        return self.rows(checklist_id, limit=limit)

    def row(self, record_id: str) -> ItemRow:
        with self.reading() as s:
            rec = records.get_record(s, record_id)
            found = load_rows(s, rec.checklist_id, include_archived=True, record_ids=[rec.id])
        return found[0]

    def archived_rows(self, checklist_id: str) -> list[ItemRow]:
        with self.reading() as s:
            return load_rows(s, checklist_id, only_archived=True)

    def archived_items(self, checklist_id: str) -> list[archive.ArchivedItem]:
        with self.reading() as s:
            return archive.archived_items(s, checklist_id)

    def archived_evidence(self, checklist_id: str) -> list[archive.ArchivedEvidence]:
        with self.reading() as s:
            return archive.archived_evidence(s, checklist_id, self.evidence_store)

    def restore_evidence(self, evidence_id: str, record_id: str) -> None:
        actor = self.actor
        with self.transaction() as s:
            archive.restore_evidence(s, evidence_id, records.get_record(s, record_id).id, actor=actor)

    def update_record(self, record_id: str, *, status: str | None = None, assignee: str | None = None,
                      due: date | None | object = records._UNSET, note: str | None = None,
                      expected_version: int | None = None) -> ItemRow:
        """Edit a record in one transaction with its history. Pass ``expected_version`` (the row's
        ``version`` as shown) to have a conflicting edit refused with ConflictError carrying the current row."""
        actor = self.actor
        try:
            with self.transaction() as s:
                rid, _ = records.update_record(s, record_id, actor=actor, status=status, assignee=assignee,
                                               due=due, note=note, expected_version=expected_version)
        except ConflictError as exc:
            exc.current = self.row(record_id)
            raise
        return self.row(rid)

    def archive_record(self, record_id: str, *, reason: str = "archived_by_user") -> None:
        actor = self.actor
        with self.transaction() as s:
            records.set_archived(s, record_id, True, actor=actor, reason=reason)

    def restore_record(self, record_id: str) -> None:
        actor = self.actor
        with self.transaction() as s:
            records.set_archived(s, record_id, False, actor=actor)

    def history(self, record_id: str | None = None, limit: int = 200) -> list[history.HistoryView]:
        with self.reading() as s:
            if record_id is not None:
                record_id = records.get_record(s, record_id).id
            return history.entries(s, entity_id=record_id, limit=limit)

    # --- evidence ---
    @property
    def evidence_store(self) -> EvidenceStore:
        return EvidenceStore(self.evidence_dir)

    def attach_files(self, record_ids: list[str], paths: list[Path], *, progress: ProgressFn | None = None,
                     cancelled: CancelledFn | None = None) -> list[EvidenceInfo]:
        """Copy files into the store (fsynced, renamed), then link them in one transaction."""
        with self.reading() as s:  # fail early on an unknown item, before copying anything
            for rid in record_ids:
                records.get_record(s, rid)
        store = self.evidence_store
        prepared = evidence.prepare_files(paths, store, progress=progress, cancelled=cancelled)
        actor = self.actor
        with self.transaction() as s:
            return evidence.attach_prepared(s, record_ids, prepared, store, actor=actor)

    def add_link(self, record_id: str, url: str, *, title: str = "", seen_on: date | None = None) -> EvidenceInfo:
        actor = self.actor
        with self.transaction() as s:
            return evidence.add_link(s, record_id, url, title=title, seen_on=seen_on, actor=actor,
                                     store=self.evidence_store)

    def add_text_note(self, record_id: str, text: str) -> EvidenceInfo:
        actor = self.actor
        with self.transaction() as s:
            return evidence.add_text(s, record_id, text, actor=actor, store=self.evidence_store)

    def evidence_for(self, record_id: str, *, include_archived: bool = False) -> list[EvidenceInfo]:
        with self.reading() as s:
            rid = records.get_record(s, record_id).id
            return evidence.evidence_for(s, rid, self.evidence_store, include_archived=include_archived)

    def archive_evidence(self, evidence_id: str, record_id: str | None = None) -> None:
        actor = self.actor
        with self.transaction() as s:
            if record_id is not None:
                record_id = records.get_record(s, record_id).id
            evidence.archive(s, evidence_id, record_id, actor=actor)

    def verify_evidence(self, *, progress: ProgressFn | None = None) -> tuple[int, list[evidence.VerifyProblem]]:
        with self.reading() as s:
            return evidence.verify(s, self.evidence_store, progress=progress)

    def purge_archived_evidence(self) -> int:
        actor = self.actor
        with self.transaction() as s:
            doomed = evidence.purge_archived(s, self.evidence_store, actor=actor)
        return evidence.delete_files(doomed)  # only after the commit

    # --- publication records and deadlines ---
    @property
    def calendar(self) -> WorkdayCalendar:
        if self._calendar is None:
            self._calendar = WorkdayCalendar.load([self.calendar_dir])
        return self._calendar

    def install_calendar_file(self, path: Path) -> list[int]:
        """Check a holiday-calendar JSON file and copy it into the workspace; returns the years it adds."""
        from zwgk_desktop.core.deadlines.calendar import read_calendar_file

        years = read_calendar_file(Path(path))  # raises CalendarFileError (Chinese) on bad content
        self._install_calendar(Path(path).name, Path(path).read_bytes(), [y.year for y in years],
                               Path(path).name)
        return sorted(y.year for y in years)

    def install_holiday_notice(self, notice: HolidayNotice) -> list[str]:
        """Save a parsed 部分节假日安排 notice as the year's calendar file (``calendar/YYYY.json``), through the
        same checks and write as :meth:`install_calendar_file`. Returns warnings (Chinese), e.g. when another
        calendar file in the folder still decides that year."""
        from zwgk_desktop.core.deadlines.calendar import check_calendar_data

        data = notice.calendar_data()
        name = f"{notice.year}.json"
        check_calendar_data(data, msg("{year}年放假安排", year=notice.year), name)
        payload = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        target = self._install_calendar(name, payload, [notice.year], data["source"])
        source = self.calendar.source_of(notice.year)
        if Path(source) != target:
            return [msg("注意：日历文件夹中的“{other}”也给出了{year}年的安排，并优先于刚保存的通知生效，"
                        "请删除或更正该文件", other=Path(source).name, year=notice.year)]
        return []

    def _install_calendar(self, name: str, payload: bytes, years: list[int], source: str) -> Path:
        """Write ``payload`` as ``calendar/<name>`` (atomic) with its history entry, in one transaction.

        A different file already under that name is kept beside it as ``<name>.<time>.bak`` (not loaded)."""
        from zwgk_desktop.core.fileutil import atomic_path

        target = self.calendar_dir / name
        kept = ""
        with self.transaction() as s:
            if target.exists() and target.read_bytes() != payload:
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                backup = target.with_name(f"{name}.{stamp}.bak")
                with atomic_path(backup) as tmp:
                    tmp.write_bytes(target.read_bytes())
                kept = backup.name
            with atomic_path(target) as tmp:
                tmp.write_bytes(payload)
            history.record(s, actor=self.actor, entity="calendar", entity_id=",".join(map(str, years)),
                           action="calendar", after={"file": name, "years": years, "source": source,
                                                     "replaced": kept})
        self._calendar = None
        return target

    def publications(self, record_id: str) -> list[PublicationInfo]:
        with self.reading() as s:
            return publications.for_record(s, record_id, self.calendar)

    def add_publication(self, record_id: str, *, formed_on: date | None, published_on: date | None,
                        channel: str = "", place: str = "", what: str = "",
                        evidence_ids: Iterable[str] = ()) -> PublicationInfo:
        actor = self.actor
        with self.transaction() as s:
            return publications.add(s, record_id, formed_on=formed_on, published_on=published_on,
                                    channel=channel, place=place, what=what, evidence_ids=evidence_ids,
                                    actor=actor, cal=self.calendar)

    def due_summary(self, checklist_id: str, today: date | None = None) -> tuple[int, int]:
        """(overdue, due within 7 days) among open items."""
        today = today or date.today()
        rows = self.rows(checklist_id)
        overdue = sum(1 for r in rows if r.is_overdue(today))
        soon = len(filter_rows(rows, ItemFilter(due_within_days=7, today=today)))
        return overdue, soon

    def check(self, *, against: str | Path | None = None, progress: ProgressFn | None = None,
              cancelled: CancelledFn | None = None) -> CheckResult:
        """The whole integrity check, as `zwgk check` and the window's 检查数据完整性 run it: the database,
        the history chain, every record against the replayed history, foreign keys, every evidence file's
        SHA-256 and (``against``: a report, a backup or a typed 数据校验码) whether the history still holds
        that state. Problems are reported, never raised; read-only, so ``cancelled`` stops it between two
        evidence files (:class:`~zwgk_desktop.core.progress.Cancelled`). An ``against`` that is no report or
        backup is refused (UserError) before anything is checked."""
        from zwgk_desktop.core.services.integrity import CheckResult, read_anchor  # reads the file named

        if cancelled is not None:
            progress = cancellable_progress(progress, cancelled)
        source = read_anchor(against) if against is not None else None
        result = CheckResult(problems=self.check_integrity())
        try:
            result.evidence_files, files = self.verify_evidence(progress=progress)
            result.problems += [p.describe() for p in files if p.problem != "orphan"]
            with self.reading() as s:
                result.head = anchor.head(s)
                if source is not None:
                    result.against = anchor.contains(s, *source)
                    if not result.against.held:
                        result.problems.append(result.against.message)
        except Cancelled:
            raise
        except UserError as exc:  # a damaged database: reported with the rest
            result.problems.append(message_of(exc))
        return result

    def check_integrity(self) -> list[str]:
        """Problems found (Chinese): the database file's own check, history entries whose hash chain
        breaks (an entry edited behind the app's back), rows referring to missing records, and every
        record that differs from what replaying the history gives (core/store/ledger.py). Empty when all is
        well. A damaged database is reported as a problem, never raised."""
        problems: list[str] = []
        if self.url.startswith("sqlite"):
            try:
                with self.engine.connect() as conn:
                    result = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check").fetchall()]
            except DBAPIError as exc:
                result = [str(exc.orig)]
            if result != ["ok"]:
                problems += [msg("数据库文件检查：{line}", line=line) for line in result[:20]]
        try:
            bad = self.verify_history()
        except UserError as exc:  # a damaged database, in words already
            problems.append(message_of(exc))
            return problems
        except DBAPIError as exc:
            problems.append(msg("无法读取变更记录（{reason}）。", reason=str(exc.orig)))
            return problems
        if bad:
            problems.append(msg("变更记录中有 {n} 条与其校验值不符（序号 {join}{value}），可能被本程序之外的方式改动过。", n=len(bad), join=', '.join(map(str, bad[:10])), value=' …' if len(bad) > 10 else ''))
        try:
            with self.reading() as s:
                for table, row, parent in foreign_key_violations(s.connection()):
                    problems.append(msg("表 {table} 第 {row} 行引用了表 {parent} 中不存在的记录（在本程序之外被改动）。",
                                        table=table, row=str(row), parent=parent))
                problems += ledger.check(s)  # replaying the history must give every record as it is
        except UserError as exc:
            problems.append(message_of(exc))
        except DBAPIError as exc:
            problems.append(msg("无法读取数据库中的记录（{reason}）。", reason=str(exc.orig)))
        return problems

    def verify_history(self) -> list[int]:
        with self.reading() as s:
            return history.verify_chain(s)
