"""Long bulk work without Python's cyclic garbage collector.

An import makes millions of small objects (cells, items, rows for the database) and keeps them to the end;
none of them form cycles that need the collector, yet it scans the whole growing heap again and again:
a third of the time of a 10,000-row import. Reference counting still frees everything as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic collector off for the block (back as it was afterwards, also on an error)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
