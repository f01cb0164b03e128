"""The benchmark row format shared by every script in ``bench/`` (and read by ``bench/figures.py``).

With ``--json-out FILE`` a bench script appends one JSON object per measured row (JSON Lines, UTF-8)
with exactly the keys of ``KEYS``:

    {"bench": "report", "key": "pdf_20000", "work": "PDF self-check report, 20,000 items", "unit": "s",
     "ours": 61.2, "ours_mem_mb": 230.0, "baseline": "bare reportlab LongTable, same cells",
     "baseline_value": 170.3, "baseline_mem_mb": 950.0, "ratio": 0.36, "goal": "< 400 MB", "met": true}

``unit`` is "s", "ms" or "items"; memory may be null; ``ratio`` = ours / baseline_value (null without a
baseline); ``goal`` is the issue's goal as text or ""; ``met`` true / false / null. Memory is always the
measured process's own peak: ``own_peak_mb()`` read inside that process (Linux VmHWM), never
RUSAGE_CHILDREN of the bench (which includes the bench's own peak, and on Linux even a child's
ru_maxrss carries the peak of the process it was forked from).
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable
from pathlib import Path
from typing import Any

KEYS = ("bench", "key", "work", "unit", "ours", "ours_mem_mb", "baseline", "baseline_value",
        "baseline_mem_mb", "ratio", "goal", "met")
UNITS = ("s", "ms", "items")


def own_peak_mb() -> float | None:
    """This process's own peak resident memory in MB (Linux VmHWM: the memory of this program only,
    not of the process it was started from); ``None`` where /proc is missing."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def median_or_none(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def row(bench: str, key: str, work: str, unit: str, ours: float, *, ours_mem_mb: float | None = None,
        baseline: str = "", baseline_value: float | None = None, baseline_mem_mb: float | None = None,
        ratio: float | None = None, goal: str = "", met: bool | None = None) -> dict[str, Any]:
    """One row; ``ratio`` defaults to ours / baseline_value."""
    if unit not in UNITS:
        raise ValueError(f"unit {unit!r} is not one of {UNITS}")
    if ratio is None and baseline_value:
        ratio = ours / baseline_value
    return {
        "bench": bench, "key": key, "work": work, "unit": unit,
        "ours": _round(ours), "ours_mem_mb": _round(ours_mem_mb),
        "baseline": baseline, "baseline_value": _round(baseline_value), "baseline_mem_mb": _round(baseline_mem_mb),
        "ratio": None if ratio is None else round(ratio, 3), "goal": goal, "met": met,
    }


def _round(value: float | None) -> float | None:
    if value is None:
        return None
    return round(float(value), 4 if abs(value) < 10 else 2)


def append_rows(path: Path | str | None, rows: Iterable[dict[str, Any]]) -> None:
    """Append rows to a JSON Lines file (nothing when ``path`` is None)."""
    if path is None:
        return
    with open(path, "a", encoding="utf-8") as fh:
        for r in rows:
            if tuple(r) != KEYS:
                raise ValueError(f"row keys {tuple(r)} differ from {KEYS}")
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def check_row(r: Any) -> str:
    """Why ``r`` is not a row of the common format ("" when it is)."""
    if not isinstance(r, dict):
        return "not a JSON object"
    if set(r) != set(KEYS):
        missing = [k for k in KEYS if k not in r]
        extra = [k for k in r if k not in KEYS]
        return f"keys differ (missing {missing}, extra {extra})"
    if r["unit"] not in UNITS:
        return f"unit {r['unit']!r}"
    for k in ("ours",):
        if not isinstance(r[k], (int, float)) or isinstance(r[k], bool):
            return f"{k} is not a number"
    for k in ("ours_mem_mb", "baseline_value", "baseline_mem_mb", "ratio"):
        if r[k] is not None and (not isinstance(r[k], (int, float)) or isinstance(r[k], bool)):
            return f"{k} is neither a number nor null"
    if r["met"] not in (True, False, None):
        return "met is not true/false/null"
    for k in ("bench", "key", "work", "baseline", "goal"):
        if not isinstance(r[k], str):
            return f"{k} is not a string"
    return ""
