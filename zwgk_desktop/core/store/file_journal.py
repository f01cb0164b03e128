"""Files beside the database that a write transaction changes (the county's package index, problem list
and package copies), put back as they were unless the transaction commits, even after a crash.

Before the first file changes, a journal in ``<workspace>/.journal/`` records every file the transaction
will write with its previous content (or that it did not exist). Once the transaction has written a
history entry, the entry's uid is added to the journal. After the commit the journal is removed. A
journal found later whose process is gone (the pid is in its name) is settled by :func:`recover` when
the workspace opens: if the database holds the history entry the transaction committed, and the journal
only goes; otherwise (no uid yet, or the entry is not there) every file is put back first. So a SIGKILL
between writing the files and the commit leaves the workspace exactly as before.
"""

from __future__ import annotations

import base64
import contextlib
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from zwgk_desktop.core.db.models import HistoryEntry
from zwgk_desktop.core.fileutil import atomic_path, is_stale, owner_tag

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

FOLDER = ".journal"
FORMAT = "zwgk-desktop file journal"


class FileJournal:
    """The journal of one transaction's files; use :func:`guarded`."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.path = data_dir / FOLDER / f"files{owner_tag()}{uuid.uuid4().hex[:12]}.json"
        self.before: dict[str, str | None] = {}  # relative path -> previous content (base64) or None
        self.entry: str | None = None

    def track(self, *paths: Path) -> None:
        """Call before changing ``paths`` (files under the workspace): their current state is kept."""
        new = False
        for path in paths:
            rel = Path(path).relative_to(self.data_dir).as_posix()
            if rel not in self.before:
                self.before[rel] = base64.b64encode(path.read_bytes()).decode() if path.is_file() else None
                new = True
        if new:
            self._write()

    def bind(self, entry_uid: str) -> None:
        """The uid of a history entry this transaction writes: its presence later means it committed."""
        self.entry = entry_uid
        self._write()

    def rollback(self) -> None:
        """Put every tracked file back as it was, then drop the journal."""
        _restore(self.data_dir, self.before)
        self.discard()

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)

    def _write(self) -> None:
        with atomic_path(self.path) as tmp:
            tmp.write_text(json.dumps({"format": FORMAT, "entry": self.entry, "files": self.before}), "utf-8")


@contextlib.contextmanager
def guarded(data_dir: Path) -> Iterator[FileJournal]:
    """Wrap a ``ws.transaction()`` that also writes files in ``data_dir`` (the workspace's folder): the
    files are put back when the block raises
    (the transaction did not commit) and kept when it ends normally (it did)."""
    journal = FileJournal(data_dir)
    try:
        yield journal
    except BaseException:
        journal.rollback()
        raise
    journal.discard()


def recover(data_dir: Path, transaction: Callable[[], AbstractContextManager[Session]]) -> int:
    """Settle the journals of dead processes in the workspace folder ``data_dir`` (see the module's
    docstring), in a ``transaction`` of its workspace; returns how many were rolled back. Costs one
    directory check when there are none."""
    folder = data_dir / FOLDER
    if not folder.is_dir():
        return 0
    journals = [p for p in folder.glob("files.p*.json") if is_stale(p)]
    if not journals:
        return 0
    rolled_back = 0
    with transaction() as s:  # under the write lock: no live transaction is between files and commit
        for path in journals:
            if not path.is_file():  # settled by another process meanwhile
                continue
            try:
                data = json.loads(path.read_text("utf-8"))
                files = data["files"]
                entry = data["entry"]
            except (OSError, ValueError, KeyError, TypeError):
                path.unlink(missing_ok=True)  # never completely written: no file was changed yet
                continue
            committed = entry is not None and s.scalar(select(HistoryEntry.seq).where(HistoryEntry.uid == entry))
            if not committed:
                _restore(data_dir, files)
                rolled_back += 1
            path.unlink(missing_ok=True)
    for leftover in folder.glob(".*.tmp"):  # a journal being written when its process died
        if is_stale(leftover):
            leftover.unlink(missing_ok=True)
    return rolled_back


def _restore(data_dir: Path, files: dict[str, str | None]) -> None:
    root = data_dir.resolve()
    for rel, content in files.items():
        target = (data_dir / rel).resolve()
        if root not in target.parents:  # only ever files inside the workspace
            continue
        if content is None:
            target.unlink(missing_ok=True)
        else:
            with atomic_path(target) as tmp:
                tmp.write_bytes(base64.b64decode(content))
