"""A county of N offices × 400 items with 10 evidence entries each (packages without evidence bytes):
import all packages, build the matrix, open the 汇总 matrix; each time next to a baseline measured in the
same run (unzip + SHA-256 of the same bytes for the import).

    .venv/bin/python bench/bench_county.py [N]        (N = 40 by default)
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

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


def main() -> None:
    offices = int(sys.argv[1]) if len(sys.argv) > 1 else 40
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
        t = time.perf_counter()
        rollup = build_rollup(ws)
        took = time.perf_counter() - t
        t = time.perf_counter()
        json.loads((root / "county" / "county" / "index.json").read_text("utf-8"))
        base = time.perf_counter() - t
        print(f"matrix ({len(rollup.matrix)} cells, {len(rollup.townships)} + {len(rollup.departments)} ranked): "
              f"{took * 1000:.0f} ms   (baseline json.loads of the index: {base * 1000:.0f} ms)")
        from PySide6.QtWidgets import QApplication

        from zwgk_desktop.ui.county_dialog import CountyDialog

        app = QApplication.instance() or QApplication([])
        t = time.perf_counter()
        dialog = CountyDialog(ws)
        dialog.show()
        app.processEvents()
        print(f"汇总 dialog open: {(time.perf_counter() - t) * 1000:.0f} ms (target < 1000 ms)")
        dialog.close()
        ws.close()


if __name__ == "__main__":
    main()
