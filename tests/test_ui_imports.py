"""The window's modules import each other without a circle (issue 15: app → main_window →
settings_dialog → app was one), counting imports inside functions too: a lazy import hides a circle from
the interpreter but not from the reader."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "zwgk_desktop"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(prefix: str) -> dict[str, set[str]]:
    """Module → the modules of the package it imports (at the top or inside a function), for the
    modules whose name starts with ``prefix``."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        if not name.startswith(prefix):
            continue
        targets: set[str] = set()
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from .x import y
                    anchor = package.split(".")
                    anchor = anchor[:len(anchor) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    targets.add(full if full in modules else base)
            elif isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
        graph[name] = {t for t in targets if t in modules and t.startswith(prefix) and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle as a path (first module repeated at the end), or [] when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return []


def test_the_cycle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []
    assert all_cycles(graph) == [{"a", "b", "c"}]
    assert all_cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_circle_among_the_window_modules() -> None:
    graph = import_graph("zwgk_desktop.ui")
    assert "zwgk_desktop.ui.main_window" in graph and "zwgk_desktop.ui.settings" in graph
    assert "zwgk_desktop.ui.main_window" in graph["zwgk_desktop.ui.app"]  # lazy imports are counted
    cycle = find_cycle(graph)
    assert cycle == [], "import circle: " + " → ".join(cycle)


def all_cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Every group of modules that import each other round (strongly connected, more than one)."""
    found: list[set[str]] = []
    reach = {node: _reachable(graph, node) for node in graph}
    seen: set[str] = set()
    for node in sorted(graph):
        if node in seen:
            continue
        group = {other for other in reach[node] if node in reach.get(other, set())} | {node}
        seen |= group
        if len(group) > 1:
            found.append(group)
    return found


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    todo, seen = [start], set()
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


# circles of the core older than this test (county problem lists ↔ package store; the report and the yearly
# report fonts): no new one may join them
KNOWN_CORE_CIRCLES = [{"zwgk_desktop.core.annual.official_fonts", "zwgk_desktop.core.reports.fonts"},
                      {"zwgk_desktop.core.county.problems", "zwgk_desktop.core.county.store"}]


def test_no_new_import_circle_in_the_core() -> None:
    """Workspace.check() (the façade) reads backup manifests through core/services/backup_manifest.py, not
    core/services/backup.py, which builds on the workspace."""
    cycles = all_cycles(import_graph("zwgk_desktop.core"))
    assert [c for c in cycles if c not in KNOWN_CORE_CIRCLES] == []


def test_the_window_modules_need_nothing_from_the_main_window() -> None:
    """Only the entry point builds the window: the commands, dialogs and settings get what they need as
    arguments (TagStudio: "avoid passing around the QtDriver")."""
    graph = import_graph("zwgk_desktop.ui")
    users = sorted(name for name, targets in graph.items() if "zwgk_desktop.ui.main_window" in targets)
    assert users == ["zwgk_desktop.ui.app"]


def test_every_window_module_imports_in_a_fresh_interpreter() -> None:
    """All of them, in a new interpreter; the settings and the entry point first, which load without Qt."""
    names = sorted(module_name(p) for p in (PACKAGE / "ui").glob("*.py"))
    code = (
        "import importlib, sys\n"
        "import zwgk_desktop.ui.app, zwgk_desktop.ui.settings\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'app/settings imported Qt'\n"
        "for name in sys.argv[1:]:\n"
        "    importlib.import_module(name)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, *names], capture_output=True, text=True,
                          cwd=PACKAGE.parent)
    assert proc.returncode == 0, proc.stdout + proc.stderr
