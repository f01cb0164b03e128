"""Several clerks writing to one PostgreSQL database at once (processes, as on a shared server): an edit
reported as saved is never overwritten by another made on the same version, and the history chain never
forks. Runs when ZWGK_TEST_DATABASE_URL names a server (see conftest.py and .ci/postgres)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from zwgk_desktop.cli import main
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate
from zwgk_desktop.core.workspace import Workspace

pytestmark = pytest.mark.skipif(not os.environ.get("ZWGK_TEST_DATABASE_URL"),
                                reason="needs ZWGK_TEST_DATABASE_URL (a PostgreSQL server)")

# One clerk: read an item's version, save a note on that version (--if-version semantics), many times.
# Prints one JSON line per edit reported as saved: the version it was based on.
CLERK = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from zwgk_desktop.core.types import ConflictError
    from zwgk_desktop.core.workspace import Workspace
    data, url, rid, tag, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
    ws = Workspace.open(Path(data), url=url)
    for i in range(count):
        seen = ws.row(rid).version
        try:
            ws.update_record(rid, note=f"{tag}-{i}", expected_version=seen)
        except ConflictError:
            continue
        print(json.dumps({"tag": tag, "i": i, "based_on": seen}), flush=True)
    ws.close()
""")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": "utf-8"}


def test_concurrent_clerks_lose_no_update_and_keep_one_chain(db_url: str, tmp_path: Path) -> None:
    data = tmp_path / "ws"
    ws = Workspace.open(data, url=db_url)
    ws.import_new(ParsedTemplate(name="目录", items=[ParsedItem(title=f"事项{i}", path=["类"]) for i in range(3)]))
    rows = ws.rows(ws.checklist().id)
    # three clerks race on item 0 (same version read, so conflicts), two more edit items 1 and 2
    plan = [(rows[0].id, "a"), (rows[0].id, "b"), (rows[0].id, "c"), (rows[1].id, "d"), (rows[2].id, "e")]
    procs = [subprocess.Popen([sys.executable, "-c", CLERK, str(data), db_url, rid, tag, "40"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
             for rid, tag in plan]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err[-2000:] for _, err in outputs]
    saved: dict[str, list[dict]] = {}
    for (rid, _), (out, _) in zip(plan, outputs):
        saved.setdefault(rid, []).extend(json.loads(line) for line in out.splitlines())

    for row in ws.rows(ws.checklist().id):
        edits = saved[row.id]
        based_on = [e["based_on"] for e in edits]
        # no two saves made on the same version: none reported as saved was silently overwritten
        assert len(based_on) == len(set(based_on)), sorted(based_on)
        assert row.version == 1 + len(edits)
        last = max(edits, key=lambda e: e["based_on"])
        assert row.note == f"{last['tag']}-{last['i']}"
        notes = [h for h in ws.history(row.id, limit=1000) if h.field == "note"]
        assert len(notes) == len(edits)
    assert len(saved[rows[0].id]) >= 3  # the racing clerks did save, one after another

    assert ws.verify_history() == []  # one unbroken chain
    ws.close()
    assert main(["--data-dir", str(data), "--db-url", db_url, "check"]) == 0


def test_db_url_reaches_the_server_and_bad_urls_are_refused(db_url: str, tmp_path: Path, capsys) -> None:
    data = str(tmp_path / "ws")
    assert main(["--data-dir", data, "--db-url", db_url, "settings", "--office", "万善乡"]) == 0
    with Workspace.open(tmp_path / "other", url=db_url) as ws:  # the server holds it, not the folder
        assert ws.settings()["office"] == "万善乡"
    assert not (tmp_path / "ws" / "zwgk.sqlite").exists()
    capsys.readouterr()
    bad = db_url.rsplit("/", 1)[0] + "/zwgk_no_such_database"
    assert main(["--data-dir", data, "--db-url", bad, "items"]) == 1
    err = capsys.readouterr().err
    assert "无法连接数据库服务器" in err and "Traceback" not in err
    assert main(["--data-dir", data, "--db-url", "not a url", "items"]) == 1
    assert "数据库地址“not a url”无法识别" in capsys.readouterr().err
