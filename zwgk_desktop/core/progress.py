"""Progress and cancellation of long work: one callback type, one exception, for core, CLI and window.

Long core functions take two optional keyword arguments:

* ``progress(done, total)`` – called as the work advances (``total <= 0``: not known yet). The window's
  callback also takes an optional ``text`` (the label of its progress dialog); core code passes it only
  when it has something to say.
* ``cancelled()`` – True once the user asked to stop. The work then raises :class:`Cancelled` at its next
  safe point, before anything is committed or renamed into place, so a cancelled task leaves nothing
  behind.

The window (ui/tasks.py ``run_with_progress``) treats :class:`Cancelled` as "the user stopped it" and shows
nothing; the CLI never cancels, but a :class:`Cancelled` reaching it is printed like any UserError.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.types import UserError

__all__ = ["Cancelled", "CancelledFn", "ProgressFn", "cancellable_progress", "raise_if_cancelled"]


class ProgressFn(Protocol):
    """``progress(done, total, text="")``; core code calls it with ``(done, total)``."""

    def __call__(self, done: int, total: int, text: str = "", /) -> None: ...


CancelledFn = Callable[[], bool]


class Cancelled(UserError):
    """The user stopped the work (取消, Esc); nothing was written. The message says what was cancelled."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message if message is not None else msg("已取消。"))


def raise_if_cancelled(cancelled: CancelledFn | None, message: str | None = None) -> None:
    """A cancel point: raise :class:`Cancelled` (with ``message``) once ``cancelled()`` is true."""
    if cancelled is not None and cancelled():
        raise Cancelled(message)


def cancellable_progress(progress: ProgressFn | None, cancelled: CancelledFn | None) -> ProgressFn:
    """A progress callback that is also a cancel point: for read-only work that reports progress but
    takes no ``cancelled`` callback of its own."""

    def report(done: int, total: int, text: str = "", /) -> None:
        raise_if_cancelled(cancelled)
        if progress is not None:
            if text:
                progress(done, total, text)
            else:
                progress(done, total)

    return report
