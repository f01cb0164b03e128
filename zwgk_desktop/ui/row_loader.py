"""Reading a checklist's rows off the GUI thread.

A :class:`RowLoader` reads through the core (``Workspace.rows``) on its own thread pool and delivers the
result to the GUI thread through a queued signal. Each request gets a ticket; only the result of the
latest request is delivered, so the rows of a checklist the user has already left are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from zwgk_desktop.core.types import ItemRow

ReadFn = Callable[[str, Callable[[], bool]], Sequence[ItemRow]]  # checklist id, cancelled() -> rows


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits through it, so delivery is queued to the GUI thread."""

    done = Signal(int, str, object, object)  # ticket, checklist id, rows or None, exception or None


class _ReadRows(QRunnable):
    def __init__(self, relay: _Relay, read: ReadFn, ticket: int, checklist_id: str,
                 cancelled: Callable[[], bool]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._relay, self._read, self._ticket, self._checklist_id = relay, read, ticket, checklist_id
        self._cancelled = cancelled

    def run(self) -> None:
        try:
            rows, error = list(self._read(self._checklist_id, self._cancelled)), None
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which shows or re-raises it
            rows, error = None, exc
        self._relay.done.emit(self._ticket, self._checklist_id, rows, error)


class RowLoader(QObject):
    """``load(checklist_id)`` reads in the background; :attr:`loaded` / :attr:`failed` fire in the GUI
    thread for the latest request only."""

    loaded = Signal(str, list)  # checklist id, rows
    failed = Signal(str, object)  # checklist id, exception

    def __init__(self, read: ReadFn, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._read = read
        self._ticket = 0
        self._pending: str | None = None
        self._started = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # a newer request waits for the read in progress, never races it
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)

    def load(self, checklist_id: str, *, start: bool = True) -> None:
        """Ask for the rows of ``checklist_id``; with ``start=False`` the read waits for :meth:`start`
        (the window first paints, then reads: the read holds the GIL for much of its time)."""
        self._ticket += 1
        self._pending = checklist_id
        self._started = False
        self._pool.clear()  # requests not started yet are stale already
        if start:
            self.start()

    def start(self) -> None:
        """Start the read asked for by :meth:`load` (nothing when it has started or there is none)."""
        if self._pending is None or self._started:
            return
        self._started = True
        ticket = self._ticket
        self._pool.start(_ReadRows(self._relay, self._read, ticket, self._pending,
                                   lambda: ticket != self._ticket))  # a newer request or cancel() stops it

    def cancel(self) -> None:
        """Forget the request in progress: its result will be dropped."""
        self._ticket += 1
        self._pending = None
        self._pool.clear()

    def loading(self) -> str | None:
        """The checklist being read, or None."""
        return self._pending

    def wait(self, msecs: int = -1) -> bool:
        """Block until the read in progress has finished (closing the window, tests)."""
        return self._pool.waitForDone(msecs)

    @Slot(int, str, object, object)
    def _on_done(self, ticket: int, checklist_id: str, rows: list[ItemRow] | None, error: object) -> None:
        if ticket != self._ticket:
            return  # stale: the user has moved on to another checklist
        self._pending = None
        if error is not None:
            self.failed.emit(checklist_id, error)
        else:
            self.loaded.emit(checklist_id, rows or [])
