#!/usr/bin/env python3
"""Window benchmarks, each a whole new process measured on its own (offscreen):

* start-up to a painted window with rows (``zwgk-desktop --screenshot --screenshot-at first-paint``: the
  process ends once its window is painted with the first rows), 20,000 and 100,000 items, against a bare
  QMainWindow + QTableView shown and grabbed, alternated in the same run, medians;
* a window session over 100,000 items: opened, loaded, scrolled end to end, searched keystroke by keystroke
  (filter + model reset + a repaint of the viewport, 1–4 Chinese characters) and filtered by status and
  category; its peak memory against the bare window's;
* per keystroke, a plain substring scan over the same strings as the baseline.

Children run with their modules precompiled, as an installed app has them (a bytecode folder per
checkout outside it, written by one warm-up run). Memory is each child's OWN peak (``os.wait4`` rusage
of that child = its VmHWM; the session reads its VmHWM itself before it builds the baseline's strings),
never RUSAGE_CHILDREN.

usage: python bench/bench_gui.py [--items 20000 100000] [--session-items 100000] [--rounds 5]
                                 [--repo DIR ...] [--json-out FILE]
``--repo`` adds another checkout (e.g. the code before a change) measured alternately in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
if __name__ == "__main__":
    sys.path.insert(0, os.environ.get("ZWGK_BENCH_REPO", str(REPO)))

BARE = "bare QMainWindow+QTableView shown and grabbed"
BARE_CODE = ("import sys; from PySide6.QtWidgets import QApplication, QMainWindow, QTableView;"
             "app = QApplication(sys.argv); w = QMainWindow(); w.setCentralWidget(QTableView());"
             "w.resize(1400, 860); w.show(); w.grab().save(sys.argv[1])")
QUERIES = ("助", "事项9", "申请材料", "办理流程", "不存在的")  # typed one character at a time


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


def run_child(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Seconds, the child's own peak memory (MB) and its stdout."""
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        # cwd outside any checkout: `python -m` puts the cwd first on sys.path, before PYTHONPATH
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=err, cwd=tempfile.gettempdir())
        out = proc.stdout.read()  # type: ignore[union-attr]
        _pid, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage: ru_maxrss is its peak
        elapsed = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()  # type: ignore[union-attr]
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{cmd} failed ({proc.returncode}):\n{err.read().decode(errors='replace')[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024, out.decode(errors="replace")


def _row(key: str, work: str, unit: str, ours: float, ours_mem: float | None, baseline: str,
         baseline_value: float | None, baseline_mem: float | None, goal: str, met: bool | None) -> dict:
    return {"bench": "gui", "key": key, "work": work, "unit": unit, "ours": round(ours, 4),
            "ours_mem_mb": None if ours_mem is None else round(ours_mem, 1), "baseline": baseline,
            "baseline_value": None if baseline_value is None else round(baseline_value, 4),
            "baseline_mem_mb": None if baseline_mem is None else round(baseline_mem, 1),
            "ratio": round(ours / baseline_value, 2) if baseline_value else None, "goal": goal, "met": met}


def _own_peak_mb() -> float:
    """This process's own peak resident memory (VmHWM), MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


# --- the window session, run as a child: python bench/bench_gui.py --child-session WS ---
def child_session(folder: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from zwgk_desktop.core.workspace import Workspace
    from zwgk_desktop.ui.main_window import MainWindow

    app = QApplication([])
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder.parent / "qsettings"))
    ws = Workspace.open(folder)
    win = MainWindow(ws, persist=False)
    win.resize(1400, 860)
    win.show()
    t = time.perf_counter()
    while getattr(win, "is_loading", lambda: False)():
        app.processEvents()
        time.sleep(0.002)
    load_s = time.perf_counter() - t
    table, bar = win.table, win.table.verticalScrollBar()
    for value in range(0, bar.maximum() + 1, max(1, bar.maximum() // 200)):  # end to end, painting each step
        bar.setValue(value)
        table.viewport().repaint()
    bar.setValue(bar.maximum())
    table.viewport().repaint()
    keystrokes: list[dict] = []
    for query in QUERIES:
        for k in range(1, len(query) + 1):
            prefix = query[:k]
            win.search_edit.setText(prefix)
            t = time.perf_counter()
            win.apply_filter()
            table.viewport().repaint()
            keystrokes.append({"query": prefix, "ms": (time.perf_counter() - t) * 1000, "hits": win.model.rowCount()})
        win.search_edit.setText("")
        win.apply_filter()
    for index in range(win.status_filter.count()):  # every status filter, then a category
        win.status_filter.setCurrentIndex(index)
        table.viewport().repaint()
    win.status_filter.setCurrentIndex(0)
    tree = win.tree.model()
    win.tree.setCurrentIndex(tree.index(0, 0, tree.index(0, 0)))
    table.viewport().repaint()
    QCoreApplication.processEvents()
    peak_mb = _own_peak_mb()  # the window's peak, before the baseline below allocates its strings
    # baseline: a plain substring scan over the same texts, one joined string per row
    try:
        from zwgk_desktop.core.store.query import search_texts
        plain = ["\x1f".join(search_texts(r)) for r in win.model.all_rows()]
    except ImportError:  # an older checkout: one search text per row
        plain = [r.search_text for r in win.model.all_rows()]
    for stroke in keystrokes:
        t = time.perf_counter()
        hits = [s for s in plain if stroke["query"] in s]
        stroke["bare_ms"] = (time.perf_counter() - t) * 1000
        stroke["bare_hits"] = len(hits)
    print(json.dumps({"load_s": load_s, "rows": len(plain), "peak_mb": peak_mb, "keystrokes": keystrokes}))
    sys.stdout.flush()
    win.close()
    ws.close()
    os._exit(0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, nargs="+", default=[20_000, 100_000])
    ap.add_argument("--session-items", type=int, default=100_000, help="0: start-up rows only")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--repo", type=Path, action="append", default=[],
                    help="another checkout measured alternately (its label is the folder name)")
    ap.add_argument("--workspaces", type=Path, default=None, help="reuse workspaces ws<N> in this folder")
    ap.add_argument("--json-out", type=Path, default=None)
    ap.add_argument("--child-session", type=Path, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--make-workspace", nargs=2, default=None, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.make_workspace is not None:
        make_workspace(Path(a.make_workspace[0]), int(a.make_workspace[1])).close()
        return
    if a.child_session is not None:
        child_session(a.child_session)
        return

    repos = {"ours": REPO, **{p.resolve().name: p.resolve() for p in a.repo}}
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        base_folder = a.workspaces or Path(tmp)
        png = str(Path(tmp) / "s.png")
        settings_home = Path(tmp) / "home"

        def env_for(repo: Path) -> dict[str, str]:
            # modules precompiled as an installed app has them: each checkout's bytecode in its own folder
            # outside the checkout (written by the warm-up run below), whatever PYTHONDONTWRITEBYTECODE says
            env = {**os.environ, "PYTHONPATH": str(repo), "ZWGK_BENCH_REPO": str(repo),
                   "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache" / repo.name),
                   "XDG_CONFIG_HOME": str(settings_home), "XDG_CACHE_HOME": str(settings_home / "cache"),
                   "XDG_STATE_HOME": str(settings_home / "state")}
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            return env

        def folder(n: int, label: str = "ours") -> Path:
            """The workspace of ``n`` items; another checkout works on its own copy (it may migrate it)."""
            ws = base_folder / f"ws{n}"
            if not (ws / "zwgk.sqlite").exists():  # in a child: a large bench process would inflate the
                # peak its children report (Linux keeps the forked parent's high-water mark across exec)
                subprocess.run([sys.executable, __file__, "--make-workspace", str(ws), str(n)], check=True,
                               env={**os.environ, "PYTHONPATH": str(REPO)})
            if label == "ours":
                return ws
            copy = Path(tmp) / "copies" / label / f"ws{n}"
            if not copy.exists():
                shutil.copytree(ws, copy)
            return copy

        def startup_cmd(repo: Path, ws: Path) -> list[str]:
            cmd = [sys.executable, "-m", "zwgk_desktop.ui.app", "--data-dir", str(ws), "--screenshot", png]
            if "--screenshot-at" in (repo / "zwgk_desktop" / "ui" / "app.py").read_text(encoding="utf-8"):
                cmd += ["--screenshot-at", "first-paint"]  # older checkouts paint everything first
            return cmd

        # start-up: bare and ours alternated, medians (after one warm-up run each, which compiles)
        for n in a.items:
            ws = folder(n)
            times: dict[str, list[tuple[float, float]]] = {"bare": [], **{label: [] for label in repos}}
            run_child([sys.executable, "-c", BARE_CODE, png], env_for(REPO))
            for label, repo in repos.items():
                run_child(startup_cmd(repo, folder(n, label)), env_for(repo))
            for _ in range(a.rounds):
                times["bare"].append(run_child([sys.executable, "-c", BARE_CODE, png], env_for(REPO))[:2])
                for label, repo in repos.items():
                    times[label].append(run_child(startup_cmd(repo, folder(n, label)), env_for(repo))[:2])
            bare_s = statistics.median(t for t, _ in times["bare"])
            bare_mb = statistics.median(m for _, m in times["bare"])
            goal = 2 if n <= 20_000 else 3
            for label in repos:
                ours_s = statistics.median(t for t, _ in times[label])
                ours_mb = statistics.median(m for _, m in times[label])
                print(f"[{label}] start-up to painted window, {n:,} items: {ours_s:.2f} s, {ours_mb:.0f} MB; "
                      f"bare window {bare_s:.2f} s, {bare_mb:.0f} MB; ratio {ours_s / bare_s:.1f} (goal ≤ {goal})")
                if label == "ours":
                    rows.append(_row(f"startup_{n}", f"start-up to painted window, {n:,} items", "s", ours_s, ours_mb,
                                     BARE, bare_s, bare_mb, f"≤ {goal}", ours_s / bare_s <= goal))
                bare_mem = bare_mb

        # the window session over many items: memory and search per keystroke
        ws = folder(a.session_items) if a.session_items else None
        sessions: dict[str, list[tuple[float, float, dict]]] = {label: [] for label in repos}
        for _ in range(max(1, a.rounds // 2) if ws is not None else 0):
            for label, repo in repos.items():
                script = repo / "bench" / "bench_gui.py"
                if not script.exists() or "--child-session" not in script.read_text(encoding="utf-8"):
                    script = Path(__file__).resolve()  # an older checkout: this session, its code
                cmd = [sys.executable, str(script), "--child-session", str(folder(a.session_items, label))]
                seconds, peak, out = run_child(cmd, env_for(repo))
                sessions[label].append((seconds, peak, json.loads(out.strip().splitlines()[-1])))
        n = a.session_items
        for label, runs in sessions.items() if ws is not None else ():
            peak = statistics.median(r.get("peak_mb", p) for _, p, r in runs)
            load = statistics.median(r["load_s"] for _, _, r in runs)
            per_key: dict[str, list[float]] = {}
            bare_key: dict[str, list[float]] = {}
            hits: dict[str, int] = {}
            for _, _, r in runs:
                for k in r["keystrokes"]:
                    per_key.setdefault(k["query"], []).append(k["ms"])
                    bare_key.setdefault(k["query"], []).append(k["bare_ms"])
                    hits[k["query"]] = k["hits"]
            medians = {q: statistics.median(v) for q, v in per_key.items()}
            bare_medians = {q: statistics.median(v) for q, v in bare_key.items()}
            worst = max(medians, key=medians.__getitem__)
            print(f"[{label}] window with {n:,} items opened, loaded in the background {load:.2f} s, scrolled end "
                  f"to end, searched and filtered: peak {peak:.0f} MB (bare window {bare_mem:.0f} MB; goal < 200 MB)")
            for q in medians:
                print(f"[{label}]   keystroke {q!r}: {medians[q]:.1f} ms with repaint, {hits[q]:,} hits "
                      f"(bare scan {bare_medians[q]:.1f} ms)")
            print(f"[{label}] search per keystroke, {n:,} items: median {statistics.median(medians.values()):.1f} ms, "
                  f"worst {medians[worst]:.1f} ms ({worst!r}; goal < 16 ms)")
            if label == "ours":
                rows.append(_row(f"memory_{n}", f"window on {n:,} items, scrolled end to end, searched and filtered, "
                                 "peak memory", "items", n, peak, BARE, None, bare_mem, "< 200 MB", peak < 200))
                rows.append(_row(f"search_keystroke_{n}", f"search per keystroke with repaint, {n:,} items, "
                                 f"1–4 characters (worst of {len(medians)} keystrokes, medians)", "ms", medians[worst],
                                 None, "plain substring scan over the same strings", bare_medians[worst], None,
                                 "< 16 ms", medians[worst] < 16))
    if a.json_out is not None:
        with a.json_out.open("a", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
