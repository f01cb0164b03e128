"""A county of N offices × 400 items with 10 evidence entries each (packages without evidence bytes):
import all packages, build the matrix, open the 汇总 matrix; each time next to a baseline measured in the
same run (unzip + SHA-256 of the same bytes for the import).

    .venv/bin/python bench/bench_county.py [N] [--json-out FILE]       (N = 40 by default)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchrows import append_rows, row  # noqa: E402

from zwgk_desktop import __version__
from zwgk_desktop.core.county.package_format import FORMAT, FORMAT_VERSION, LEDGER, MANIFEST
from zwgk_desktop.core.county.rollup import build_rollup
from zwgk_desktop.core.county.store import import_packages
from zwgk_desktop.core.db.migrate import HEAD_REVISION
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate
from zwgk_desktop.core.workspace import Workspace

ITEMS = 400
CATEGORIES = [f"领域{c:02d}" for c in range(20)]
TEMPLATE = {"name": "基准目录", "issuer": "某县", "version": "", "year": 2025, "source_sha256": ""}


def _package(path: Path, n: int) -> None:
    office = f"第{n}镇" if n % 3 else f"县第{n}局"
    items = []
    for i in range(ITEMS):
        evidence = [{"id": str(uuid.uuid4()), "kind": "file", "name": f"佐证{i}-{k}.jpg", "sha256": "0" * 64,
                     "size": 1000, "member": ""} for k in range(10 if (i + n) % 5 else 0)]
        items.append({"id": str(uuid.uuid4()), "code": str(i), "path": [CATEGORIES[i % 20], f"事项组{i % 7}"],
                      "title": f"事项{i}", "content": "", "deadline": "", "owners": [office],
                      "status": "done" if (i * n) % 3 else "todo", "due": None, "assignee": "", "note": "",
                      "version": 2, "overdue": (i + n) % 11 == 0, "late_publications": int((i + n) % 13 == 0),
                      "publications": [], "evidence": evidence, "history": [{"action": "update"}]})
    ledger = json.dumps({"items": items}, ensure_ascii=False).encode("utf-8")
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "created": f"2026-01-{1 + n % 28:02d}T08:00:00+00:00",
                "app_version": __version__, "schema": HEAD_REVISION, "office": office, "office_id": str(uuid.uuid4()),
                "checklist": {"name": "基准目录"}, "template": TEMPLATE, "counts": {"items": ITEMS},
                "history_head": {"seq": 1, "hash": ""},
                "files": [{"name": LEDGER, "size": len(ledger), "sha256": hashlib.sha256(ledger).hexdigest()}]}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(LEDGER, ledger)
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False))


def _baseline(paths: list[Path]) -> None:
    for p in paths:
        with zipfile.ZipFile(p) as zf:
            for name in zf.namelist():
                hashlib.sha256(zf.read(name)).hexdigest()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("offices", type=int, nargs="?", default=40)
    ap.add_argument("--json-out", type=Path, help="append the rows (bench/benchrows.py format) to this file")
    args = ap.parse_args()
    offices = args.offices
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = []
        for n in range(offices):
            paths.append(root / f"p{n}.zip")
            _package(paths[-1], n)
        ws = Workspace.open(root / "county")
        ws.import_new(ParsedTemplate(name=TEMPLATE["name"], issuer=TEMPLATE["issuer"], year=2025,
                                     items=[ParsedItem(title="事项", path=["领域"])]))
        t = time.perf_counter()
        _baseline(paths)
        base = time.perf_counter() - t
        t = time.perf_counter()
        import_packages(ws, paths)
        took = time.perf_counter() - t
        print(f"import {offices} packages × {ITEMS} items ({offices * ITEMS * 10:,} evidence entries): "
              f"{took:.2f} s   (baseline unzip + sha256: {base:.2f} s)")
        rows.append(row("county", f"import_{offices}", f"county: import {offices} packages × {ITEMS} items "
                        f"({offices * ITEMS * 10:,} evidence entries)", "s", took,
                        baseline="unzip + SHA-256 of the same packages", baseline_value=base))
        t = time.perf_counter()
        rollup = build_rollup(ws)
        took = time.perf_counter() - t
        t = time.perf_counter()
        json.loads((root / "county" / "county" / "index.json").read_text("utf-8"))
        base = time.perf_counter() - t
        print(f"matrix ({len(rollup.matrix)} cells, {len(rollup.townships)} + {len(rollup.departments)} ranked): "
              f"{took * 1000:.0f} ms   (baseline json.loads of the index: {base * 1000:.0f} ms)")
        rows.append(row("county", f"matrix_{offices}", f"county: 汇总 matrix of {offices} offices "
                        f"({len(rollup.matrix)} cells)", "ms", took * 1000,
                        baseline="json.loads of the county index", baseline_value=base * 1000))
        from PySide6.QtWidgets import QApplication

        from zwgk_desktop.ui.county_dialog import CountyDialog

        app = QApplication.instance() or QApplication([])
        t = time.perf_counter()
        dialog = CountyDialog(ws)
        dialog.show()
        app.processEvents()
        took = time.perf_counter() - t
        print(f"汇总 dialog open: {took * 1000:.0f} ms (target < 1000 ms)")
        rows.append(row("county", f"dialog_{offices}", f"county: 汇总 window opened, {offices} offices", "ms",
                        took * 1000, goal="< 1000 ms", met=took < 1.0))
        dialog.close()
        ws.close()
    append_rows(args.json_out, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
