"""Pause points for the crash tests: stop a process at a named critical moment of a write, so that a test
can SIGKILL it exactly there and then check the workspace (tests/test_crash_safety.py).

Armed only by the environment variable ``ZWGK_TEST_PAUSE_AT=<point>:<marker file>`` (optionally
``<point>#<n>:<marker file>`` for the n-th time the process reaches the point). When the process gets
there it creates the marker file (holding its pid and the point), says so on stderr, and blocks; the
test waits for the marker and kills it. Unset (every normal run), :func:`pause` is one comparison with
``None``: the variable is read once, when this module is imported.

It cannot be triggered by accident in production: the variable has to be set by hand with the exact
name of a point and an absolute path of a marker file that does not exist yet (else it is ignored); a
frozen build (the Windows installer and the .deb) ignores it altogether; a process left waiting gives up
after ten minutes by exiting without writing (it never goes on with a write a test meant to cut).

The points (each one just before the step that makes a write visible):

``commit``
    every write transaction, after its history entry is sealed, before the database commit;
``evidence-rename``
    an evidence file copied to its temp name and hashed, before the fsync and rename into the store;
``backup-rename``
    a backup archive fully written under its temp name, before the rename to the name asked for;
``restore-journal``
    a restore unpacked and checked in its staging folder, before its journal is written;
``restore-swap``
    during a restore's folder swap: the workspace moved aside, the staging folder not yet in its place;
``county-files``
    a county package import with its packages copied and index and problem list written, before the
    database commit.
"""

from __future__ import annotations

import os
import sys
import time

ENV = "ZWGK_TEST_PAUSE_AT"
POINTS = ("commit", "evidence-rename", "backup-rename", "restore-journal", "restore-swap", "county-files")
WAIT_SECONDS = 600


def _armed() -> tuple[str, int, str] | None:
    value = os.environ.get(ENV)
    if not value or getattr(sys, "frozen", False):
        return None
    point, sep, marker = value.partition(":")
    point, _, nth = point.partition("#")
    if not sep or point not in POINTS or not os.path.isabs(marker) or os.path.exists(marker):
        return None
    return point, int(nth) if nth.isdigit() else 1, marker


_ARMED = _armed()
_hits = [0]


def pause(point: str) -> None:
    """Block here when a crash test armed ``point`` (see the module's docstring); else do nothing."""
    if _ARMED is None:
        return
    _reached(point)


def _reached(point: str) -> None:
    armed_point, nth, marker = _ARMED  # type: ignore[misc]
    if point != armed_point:
        return
    _hits[0] += 1
    if _hits[0] != nth:
        return
    try:
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()} {point}\n")
    sys.stderr.write(f"{ENV}: paused at {point} (pid {os.getpid()}), waiting to be killed\n")
    sys.stderr.flush()
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.05)
    os._exit(75)  # never go on with the write the test meant to cut
