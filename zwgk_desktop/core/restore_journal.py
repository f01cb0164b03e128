"""Crash-safe folder swap for restores.

A restore unpacks the verified backup into a staging folder beside the workspace, then writes a journal
(``.<name>-restore.json``) and swaps folders: workspace → ``<name>-恢复前-<time>``, staging → workspace.
If the process dies during the swap, the next open finds the journal and finishes the swap (the staging
folder was complete and fsynced before the journal was written), so the workspace folder is never left
missing or half-restored. Staging folders without a journal are partial unpacks and are removed once
stale (their owner process, named in the folder name, is dead).
"""

from __future__ import annotations

import json
from pathlib import Path

from zwgk_desktop.core import pause_points
from zwgk_desktop.core.fileutil import atomic_path, fsync_dir, remove_stale


def journal_path(data_dir: Path) -> Path:
    return data_dir.with_name(f".{data_dir.name}-restore.json")


def staging_prefix(data_dir: Path) -> str:
    return f".{data_dir.name}-restore-"


def write_journal(data_dir: Path, staging: Path, aside: Path | None) -> None:
    with atomic_path(journal_path(data_dir)) as tmp:
        tmp.write_text(json.dumps({"staging": staging.name, "aside": aside.name if aside else None}),
                       encoding="utf-8")


def swap(data_dir: Path, staging: Path, aside: Path | None) -> None:
    """The two renames; safe to call again on a half-done swap."""
    if staging.is_dir():
        if data_dir.exists():
            if aside is not None and not aside.exists():
                data_dir.rename(aside)
                pause_points.pause("restore-swap")  # crash tests only (no-op unless armed)
            elif not any(data_dir.iterdir()):
                data_dir.rmdir()
        staging.rename(data_dir)
    fsync_dir(data_dir.parent)
    journal_path(data_dir).unlink(missing_ok=True)
    fsync_dir(data_dir.parent)


def finish_interrupted(data_dir: Path) -> bool:
    """Complete a restore that was killed mid-swap, and drop partial unpacks. True if a swap was finished."""
    data_dir = Path(data_dir)
    journal = journal_path(data_dir)
    finished = False
    if journal.is_file():
        try:
            info = json.loads(journal.read_text(encoding="utf-8"))
            staging = data_dir.with_name(info["staging"])
            aside = data_dir.with_name(info["aside"]) if info.get("aside") else None
        except (OSError, ValueError, KeyError, TypeError):
            journal.unlink(missing_ok=True)  # an unreadable journal: the atomic write never completed
        else:
            swap(data_dir, staging, aside)
            finished = True
    if data_dir.parent.is_dir():  # only stale ones: another process may be unpacking a restore right now
        remove_stale(p for p in data_dir.parent.glob(staging_prefix(data_dir) + "*") if p.is_dir())
    return finished
