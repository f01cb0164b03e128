#!/usr/bin/env python3
"""Backup benchmark: create and verify a one-file backup of a workspace holding MB of evidence.

Baselines measured in the same run on the same evidence (the floor for writing and checking a zip of it):
  create: ``zip -0`` of the evidence folder + fsync of the archive + ``sha256sum`` of every file
  verify: ``unzip -t`` of our own backup (reads and CRC-checks every member)
Evidence is incompressible (random bytes in .jpg/.pdf files of 1-8 MB), as photos and scans are.
Runs alternate ours / baseline; the medians and the median of the pairwise ratios are printed.

usage: python bench/bench_backup.py [--mb 1024] [--repeat 3]
"""

from __future__ import annotations

import argparse
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


def report(name: str, ours: list[float], base: list[float], base_name: str) -> None:
    ratios = [a / b for a, b in zip(ours, base, strict=True)]
    print(f"{name}: ours {statistics.median(ours):.2f} s | {base_name} {statistics.median(base):.2f} s"
          f" | ratio {statistics.median(ratios):.2f} (goal <= 1.5)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=1024)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    sys.path.insert(0, str(REPO))
    from zwgk_desktop.core.services import backup
    from zwgk_desktop.core.types import ParsedItem, ParsedTemplate
    from zwgk_desktop.core.workspace import Workspace

    rnd = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        files: list[Path] = []
        left = a.mb << 20
        while left > 0:
            size = min(left, rnd.randint(1, 8) << 20)
            f = src / f"scan{len(files)}{rnd.choice(['.jpg', '.pdf'])}"
            f.write_bytes(os.urandom(size))
            files.append(f)
            left -= size
        ws = Workspace.open(Path(tmp) / "ws")
        ws.import_new(ParsedTemplate(name="目录", items=[ParsedItem(title=f"事项{i}", path=["类"])
                                                          for i in range(len(files))]))
        rows = ws.rows(ws.checklist().id)
        for row, f in zip(rows, files, strict=False):
            ws.attach_files([row.id], [f])
        shutil.rmtree(src)
        evidence = ws.data_dir / "evidence"
        out = Path(tmp) / "backup.zip"
        floor = Path(tmp) / "floor.zip"
        c_ours, c_base, v_ours, v_base = [], [], [], []
        for _ in range(a.repeat):
            c_ours.append(timed(lambda: backup.create_backup(ws, out)))
            c_base.append(timed(lambda: zip_floor(evidence, floor)))
            v_ours.append(timed(lambda: backup.verify_backup(out)))
            v_base.append(timed(lambda: subprocess.run(["unzip", "-t", "-qq", str(out)], check=True)))
        ws.close()
        print(f"evidence: {len(files)} files, {a.mb} MB; backup {out.stat().st_size >> 20} MB")
        report("backup create", c_ours, c_base, "zip -0 + fsync + sha256")
        report("backup verify", v_ours, v_base, "unzip -t")


if __name__ == "__main__":
    main()
