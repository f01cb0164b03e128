"""The layers of core/ and the services rule (core/workspace.py's docstring, README "Layout"), read from
the source: every import (also those inside functions) and every use of a session or the engine."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "zwgk_desktop"
CORE = PACKAGE / "core"

GROUND_FLOOR = {"types", "messages", "limits", "fileutil", "locations", "netfs", "restore_journal", "units", "unit_roles",
                "progress", "pause_points", "fields", "gc_pause"}
# Imports below the layer they stand in, each with its reason.
ALLOWED = {
    ("core/types.py", "zwgk_desktop.core.deadlines.reading"): "ItemRow.to_json writes the deadline_rule object",
}
# ORM models a feature package's store.py may use: that package's own tables.
OWN_TABLES = {"core/annual/store.py": {"AnnualReportRow"}}
MODEL_HELPERS = {"utcnow", "new_id"}  # functions of db/models.py, no table


def _rel(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix() if path.is_relative_to(PACKAGE) else path.name


def _modules(*places: str) -> list[Path]:
    out: list[Path] = []
    for place in places:
        path = PACKAGE / place
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return out


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every import in ``path``; relative imports resolved."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]) \
        if path.is_relative_to(PACKAGE) else ""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            names = [a.name for a in node.names]
            out.append((base, names))
            out += [(f"{base}.{n}", []) for n in names]  # `from pkg import module`
    return out


def _reaches(path: Path, *prefixes: str) -> list[str]:
    def allowed(m: str) -> bool:
        return any(rel == _rel(path) and (m == a or m.startswith(a + ".")) for rel, a in ALLOWED)

    return sorted({m for m, _ in _imports(path) if any(m == p or m.startswith(p + ".") for p in prefixes)
                   and not allowed(m)})


def _calls(path: Path, *attrs: str) -> list[int]:
    """Lines that use ``x.<attr>`` for one of ``attrs`` on anything but ``self``."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in attrs \
                and not (isinstance(node.value, ast.Name) and node.value.id == "self"):
            lines.append(node.lineno)
    return lines


def test_core_has_no_loose_modules_but_the_ground_floor_and_the_facade() -> None:
    loose = {p.stem for p in CORE.glob("*.py")} - {"__init__"}
    assert loose == GROUND_FLOOR | {"workspace"}, "a new module belongs in one of the layers (README, Layout)"


@pytest.mark.parametrize("path", _modules(*(f"core/{m}.py" for m in sorted(GROUND_FLOOR))), ids=_rel)
def test_the_ground_floor_imports_nothing_above_it(path: Path) -> None:
    above = [m for m in _reaches(path, "zwgk_desktop") if m.split(".")[2:3] and m.split(".")[2] not in GROUND_FLOOR]
    assert above == []


def test_only_the_workspace_makes_the_engine_and_opens_sessions() -> None:
    found = {}
    for path in _modules("."):
        rel = _rel(path)
        if rel == "core/workspace.py" or rel.startswith(("core/db/", "core/migrations/")):
            continue
        makers = [n for m, names in _imports(path) for n in names
                  if n in ("make_engine", "make_sessionmaker", "create_engine", "sessionmaker")
                  and not (rel == "core/store/ledger.py" and n == "sessionmaker")]  # ledger.track's type hint
        engine = _calls(path, "engine")
        if makers or engine:
            found[rel] = (makers, engine)
    assert found == {}


def test_store_imports_no_layer_above_it() -> None:
    above = ("zwgk_desktop.core.workspace", "zwgk_desktop.core.services", "zwgk_desktop.core.presenters",
             "zwgk_desktop.core.annual", "zwgk_desktop.core.county", "zwgk_desktop.ui", "zwgk_desktop.cli")
    found = {_rel(p): _reaches(p, *above) for p in _modules("core/store")}
    assert {k: v for k, v in found.items() if v} == {}


def test_services_leave_the_ledgers_models_to_the_store() -> None:
    found = {}
    for path in _modules("core/services", "core/annual", "core/county"):
        rel = _rel(path)
        allowed = MODEL_HELPERS | OWN_TABLES.get(rel, set())
        models = [n for m, names in _imports(path) if m == "zwgk_desktop.core.db.models"
                  for n in names if n not in allowed]
        if models:
            found[rel] = models
    assert found == {}


def test_presenters_see_no_workspace_and_no_session() -> None:
    found = {}
    for path in _modules("core/presenters"):
        reached = _reaches(path, "zwgk_desktop.core.workspace", "zwgk_desktop.core.db", "sqlalchemy")
        sessions = _calls(path, "reading", "transaction")
        if reached or sessions:
            found[_rel(path)] = (reached, sessions)
    assert found == {}


def test_front_ends_hold_no_session() -> None:
    found = {}
    for path in _modules("ui", "cli.py", "cli_annual.py", "cli_county.py"):
        reached = _reaches(path, "zwgk_desktop.core.db", "sqlalchemy")
        sessions = _calls(path, "reading", "transaction")
        if reached or sessions:
            found[_rel(path)] = (reached, sessions)
    assert found == {}


def test_the_readers_see_a_breach(tmp_path: Path) -> None:
    """The readers above find what they look for (a rule that can never fail proves nothing)."""
    probe = tmp_path / "probe.py"
    probe.write_text("from zwgk_desktop.core.db.models import Evidence\n\n\ndef f(ws, self):\n"
                     "    with ws.reading() as s:\n        return s, ws.engine, self.engine\n", encoding="utf-8")
    assert _reaches(probe, "zwgk_desktop.core.db") == ["zwgk_desktop.core.db.models",
                                                      "zwgk_desktop.core.db.models.Evidence"]
    assert _calls(probe, "reading", "transaction") == [5]
    assert _calls(probe, "engine") == [6]  # not self.engine
