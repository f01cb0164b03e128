#!/usr/bin/env python3
"""Backup benchmark: create and verify a one-file backup of a workspace holding MB of evidence.

Ours runs in a child process of its own (the workspace opened before the clock starts; peak memory is the
child's own VmHWM). Baselines measured in the same run on the same evidence (the floor for writing and
checking a zip of it):
  create: ``zip -0`` of the evidence folder + fsync of the archive + ``sha256sum`` of every file
  verify: ``unzip -t`` of our own backup (reads and CRC-checks every member)
Evidence is incompressible (random bytes in .jpg/.pdf files of 1-8 MB), as photos and scans are.
Runs alternate ours / baseline; the medians and the median of the pairwise ratios are printed (goal,
issue 13: within 1.5x of the floor).

usage: python bench/bench_backup.py [--mb 1024] [--repeat 3] [--json-out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchrows import append_rows, own_peak_mb, row  # noqa: E402

GOAL = 1.5


def timed(fn) -> float:  # noqa: ANN001
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def zip_floor(evidence: Path, out: Path) -> None:
    out.unlink(missing_ok=True)
    subprocess.run(["zip", "-0", "-q", "-r", str(out), "."], cwd=evidence, check=True)
    with open(out, "rb+") as fh:
        os.fsync(fh.fileno())
    files = [str(p) for p in evidence.rglob("*") if p.is_file()]
    subprocess.run(["sha256sum", *files], check=True, stdout=subprocess.DEVNULL)


def child(kind: str, workspace: Path, archive: Path) -> None:
    """One measured operation in this process: prints its time and this process's own peak memory."""
    from zwgk_desktop.core.services import backup

    if kind == "create":
        from zwgk_desktop.core.workspace import Workspace

        archive.unlink(missing_ok=True)
        ws = Workspace.open(workspace)
        took = timed(lambda: backup.create_backup(ws, archive))
        ws.close()
    else:
        problems: list[str] = []
        took = timed(lambda: problems.extend(backup.verify_backup(archive)))
        if problems:
            raise SystemExit("; ".join(problems))
    print(json.dumps({"seconds": took, "peak_mb": own_peak_mb()}))


def run_child(kind: str, workspace: Path, archive: Path) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", kind, str(workspace), str(archive)],
                          check=True, capture_output=True, text=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def make_workspace(folder: Path, mb: int) -> int:
    """A workspace with ``mb`` MB of incompressible evidence; returns the number of files."""
    from zwgk_desktop.core.types import ParsedItem, ParsedTemplate
    from zwgk_desktop.core.workspace import Workspace

    rnd = random.Random(1)
    src = folder / "src"
    src.mkdir()
    files: list[Path] = []
    left = mb << 20
    while left > 0:
        size = min(left, rnd.randint(1, 8) << 20)
        f = src / f"scan{len(files)}{rnd.choice(['.jpg', '.pdf'])}"
        f.write_bytes(os.urandom(size))
        files.append(f)
        left -= size
    ws = Workspace.open(folder / "ws")
    ws.import_new(ParsedTemplate(name="目录", items=[ParsedItem(title=f"事项{i}", path=["类"])
                                                      for i in range(len(files))]))
    for r, f in zip(ws.rows(ws.checklist().id), files, strict=False):
        ws.attach_files([r.id], [f])
    ws.close()
    shutil.rmtree(src)
    return len(files)


def summary(name: str, ours: list[dict], base: list[float], base_name: str) -> dict:
    times = [r["seconds"] for r in ours]
    ratio = statistics.median(a / b for a, b in zip(times, base, strict=True))
    o, b = statistics.median(times), statistics.median(base)
    mem = max((r["peak_mb"] or 0 for r in ours), default=0) or None
    print(f"{name}: ours {o:.2f} s, {mem or 0:.0f} MB | {base_name} {b:.2f} s | ratio {ratio:.2f} (goal <= {GOAL:g})")
    return {"ours": o, "mem": mem, "base": b, "ratio": ratio}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=int, default=1024)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json-out", type=Path, help="append the rows (bench/benchrows.py format) to this file")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(a.child[0], Path(a.child[1]), Path(a.child[2]))
        return 0
    with tempfile.TemporaryDirectory(prefix="zwgk-bench-") as tmp:
        folder = Path(tmp)
        count = make_workspace(folder, a.mb)
        ws, out, floor = folder / "ws", folder / "backup.zip", folder / "floor.zip"
        evidence = ws / "evidence"
        c_ours, c_base, v_ours, v_base = [], [], [], []
        for _ in range(a.repeat):  # alternated: a change of load hits both
            c_ours.append(run_child("create", ws, out))
            c_base.append(timed(lambda: zip_floor(evidence, floor)))
            v_ours.append(run_child("verify", ws, out))
            v_base.append(timed(lambda: subprocess.run(["unzip", "-t", "-qq", str(out)], check=True)))
        print(f"evidence: {count} files, {a.mb} MB; backup {out.stat().st_size >> 20} MB")
        create = summary("backup create", c_ours, c_base, "zip -0 + fsync + sha256")
        verify = summary("backup verify", v_ours, v_base, "unzip -t")
    size = f"{a.mb / 1024:g} GB" if a.mb >= 1024 else f"{a.mb} MB"
    rows = [
        row("backup", f"create_{a.mb}mb", f"backup create, {size} of evidence ({count} photos/scans)", "s",
            create["ours"], ours_mem_mb=create["mem"], baseline="zip -0 + fsync + sha256sum of the same files",
            baseline_value=create["base"], ratio=create["ratio"], goal=f"≤ {GOAL:g}", met=create["ratio"] <= GOAL),
        row("backup", f"verify_{a.mb}mb", f"backup verify, {size} of evidence", "s", verify["ours"],
            ours_mem_mb=verify["mem"], baseline="unzip -t of the same backup", baseline_value=verify["base"],
            ratio=verify["ratio"], goal=f"≤ {GOAL:g}", met=verify["ratio"] <= GOAL),
    ]
    append_rows(a.json_out, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
