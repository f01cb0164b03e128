#!/usr/bin/env python3
"""Window benchmarks (offscreen): start-up with 20,000 items and search over 100,000 items.

Baselines measured in the same run: a bare QMainWindow with an empty QTableView shown and painted
(start-up), and a plain Python substring scan over the same 100,000 strings (search).
Roadmap goals: start-up within 2x of the bare window; search under 50 ms.

usage: python bench/bench_gui.py [--startup-items 20000] [--search-items 100000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def make_workspace(folder: Path, n: int):  # noqa: ANN201
    from zwgk_desktop.core.types import ParsedItem, ParsedTemplate
    from zwgk_desktop.core.workspace import Workspace

    ws = Workspace.open(folder)
    domains = ["社会救助", "养老服务", "义务教育", "财政预决算", "重大建设项目", "公共资源交易", "安全生产", "涉农补贴"]
    items = [ParsedItem(title=f"事项{i}", path=[domains[i % 8], f"二级事项{i % 37}"],
                        content=f"办理事项、办理条件、申请材料、办理流程、办理时限、咨询方式{i}",
                        deadline="信息形成或者变更之日起20个工作日内", owners=["县级政府民政部门", "乡镇政府（街道办事处）"],
                        channels=["政府网站", "公开查阅点"], audience=["全社会"], mode=["主动"], level=["县级"])
             for i in range(n)]
    ws.import_new(ParsedTemplate(name="基准目录", items=items), year=2025)
    return ws


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--startup-items", type=int, default=20_000)
    ap.add_argument("--search-items", type=int, default=100_000)
    a = ap.parse_args()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication([])  # noqa: F841 - must outlive the benchmark
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)

        # start-up as a user sees it: a new process until the window is painted (--screenshot renders it)
        ws = make_workspace(Path(tmp) / "ws", a.startup_items)
        ws.close()
        bare_code = ("import sys; from PySide6.QtWidgets import QApplication, QMainWindow, QTableView;"
                     "app = QApplication(sys.argv); w = QMainWindow(); w.setCentralWidget(QTableView());"
                     "w.resize(1400, 860); w.show(); w.grab().save(sys.argv[1])")
        env = {**os.environ, "PYTHONPATH": str(REPO)}

        def run(cmd: list[str]) -> float:
            t = time.perf_counter()
            subprocess.run(cmd, check=True, env=env, capture_output=True)
            return time.perf_counter() - t

        png = str(Path(tmp) / "s.png")
        t_bare = min(run([sys.executable, "-c", bare_code, png]) for _ in range(3))
        t_ours = min(run([sys.executable, "-m", "zwgk_desktop.ui.app", "--data-dir", str(Path(tmp) / "ws"),
                          "--screenshot", png]) for _ in range(3))
        print(f"start-up to painted window, {a.startup_items} items: ours {t_ours:.2f} s, bare Qt window "
              f"{t_bare:.2f} s, ratio {t_ours / t_bare:.1f} (roadmap goal <= 2)")

        # search: the GUI model filters the in-memory rows through core.filter_rows
        from zwgk_desktop.core.store.query import ItemFilter
        from zwgk_desktop.ui.item_model import ItemTableModel

        big = make_workspace(Path(tmp) / "big", a.search_items)
        import resource

        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t_big = run([sys.executable, "-m", "zwgk_desktop.ui.app", "--data-dir", str(Path(tmp) / "big"),
                     "--screenshot", png])
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
        print(f"window with {a.search_items} items: painted after {t_big:.2f} s, peak memory "
              f"{peak / 1024:.0f} MB (roadmap goal < 300 MB)" + ("" if peak > before else " (peak unchanged)"))
        rows = big.rows(big.checklist().id)
        model = ItemTableModel()
        model.set_rows(rows)
        plain = [r.search_text for r in rows]
        for query in ("助", "事项9", "申请材料", "不存在的词"):
            times, base = [], []
            for _ in range(5):
                t = time.perf_counter()
                model.set_filter(ItemFilter(text=query))
                times.append(time.perf_counter() - t)
                t = time.perf_counter()
                hits = [s for s in plain if query in s]
                base.append(time.perf_counter() - t)
            print(f"search {query!r} over {len(rows)} items: {model.rowCount()} hits, "
                  f"median {statistics.median(times) * 1000:.1f} ms (bare scan {statistics.median(base) * 1000:.1f} ms,"
                  f" {len(hits)} hits; goal < 50 ms)")
        big.close()


if __name__ == "__main__":
    main()
