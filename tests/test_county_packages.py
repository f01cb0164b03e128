"""Submission packages (报送包) from real office workspaces into a county workspace, through the CLI:
the manifest, the roll-up matrix and rankings, drill-down and evidence, and every refusal (tampered, a
../ member, half-written, older, an unknown template) leaving the county's workspace unchanged."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from county_workspaces import Offices, export, make_offices

from zwgk_desktop.cli import main
from zwgk_desktop.core.county.store import held_packages, office_items, open_evidence
from zwgk_desktop.core.db.migrate import HEAD_REVISION
from zwgk_desktop.core.workspace import Workspace


@pytest.fixture
def offices(tmp_path: Path, fixtures_dir: Path) -> Offices:
    return make_offices(tmp_path, fixtures_dir)


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def _county_state(o: Offices) -> tuple[bytes | None, list[str], int]:
    """Index bytes, stored package files and history length of the county workspace."""
    idx = o.county / "county" / "index.json"
    files = sorted(str(p.relative_to(o.county)) for p in (o.county / "county").rglob("*.zip")) \
        if (o.county / "county").exists() else []
    ws = Workspace.open(o.county)
    try:
        n = len(ws.history(limit=100_000))
    finally:
        ws.close()
    return (idx.read_bytes() if idx.exists() else None), files, n


def test_manifest_lists_every_member_with_its_hash(offices: Offices, tmp_path: Path) -> None:
    pkg = export(offices.township_a, tmp_path / "wanshan.zip")
    with zipfile.ZipFile(pkg) as zf:
        m = json.loads(zf.read("manifest.json"))
        names = set(zf.namelist())
        for entry in m["files"]:
            assert hashlib.sha256(zf.read(entry["name"])).hexdigest() == entry["sha256"]
            assert zf.getinfo(entry["name"]).file_size == entry["size"]
        ledger = json.loads(zf.read("ledger.json"))
        annual = json.loads(zf.read("annual/2024.json"))
    assert names == {e["name"] for e in m["files"]} | {"manifest.json"}
    assert m["office"] == "万善乡" and m["office_id"] and m["schema"] == HEAD_REVISION
    assert m["template"]["name"] and m["checklist"]["name"] == "社会救助领域基层政务公开标准目录"
    assert m["counts"] == {"items": 12, "done": 3, "na": 1, "overdue": 0, "publications": 1,
                           "late_publications": 1, "evidence": 2, "evidence_files": 1, "annual_reports": 1}
    db = sqlite3.connect(offices.township_a / "zwgk.sqlite")
    count = db.execute("SELECT COUNT(*) FROM history").fetchone()[0]
    last = db.execute("SELECT hash FROM history ORDER BY seq DESC LIMIT 1").fetchone()[0]
    db.close()
    assert m["history_head"] == {"count": count, "hash": last, "code": f"{count}-{last[:16]}"}
    assert annual["office"] == "万善乡" and annual["year"] == 2024
    first = ledger["items"][0]
    assert first["status"] == "done" and [e["kind"] for e in first["evidence"]] == ["file"]
    assert first["evidence"][0]["member"] in names and first["history"]  # the record's own history travels
    assert zipfile.ZipFile(pkg).read(first["evidence"][0]["member"]) == offices.evidence_bytes
    assert ledger["items"][2]["publications"][0]["on_time"] is False

    bare = export(offices.township_a, tmp_path / "bare.zip", "--no-evidence")
    with zipfile.ZipFile(bare) as zf:
        assert not [n for n in zf.namelist() if n.startswith("evidence/")]
        assert json.loads(zf.read("manifest.json"))["with_evidence"] is False


def test_county_imports_townships_and_a_department(offices: Offices, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    a = export(offices.township_a, tmp_path / "a.zip")
    b = export(offices.township_b, tmp_path / "b.zip")
    d = export(offices.department, tmp_path / "d.zip")
    out = _json(capsys, "--data-dir", str(offices.county), "package", "import", str(a), str(b), str(d), "--json")
    assert sorted((o["office"], o["action"], o["items"]) for o in out) == [
        ("万善乡", "added", 12), ("县民政局", "added", 38), ("城关镇", "added", 12)]
    matrix = _json(capsys, "--data-dir", str(offices.county), "rollup", "--json")
    cells = {(c["office"], c["category"]): c for c in matrix}
    assert set(matrix[0]) == {"office", "category", "total", "done", "overdue", "late_publications", "no_evidence"}
    # 万善乡: items 1-3 done (综合业务 1-2, 最低生活保障 3), item 4 不适用, one late publication on item 3
    assert cells[("万善乡", "综合业务")] == {"office": "万善乡", "category": "综合业务", "total": 2, "done": 2,
                                          "overdue": 0, "late_publications": 0, "no_evidence": 0}
    assert cells[("万善乡", "最低生活保障")] == {"office": "万善乡", "category": "最低生活保障", "total": 3, "done": 1,
                                            "overdue": 0, "late_publications": 1, "no_evidence": 3}
    assert cells[("城关镇", "最低生活保障")]["done"] == 1 and cells[("城关镇", "临时救助")]["total"] == 3
    assert sum(c["total"] for c in matrix if c["office"] == "县民政局") == 38
    assert cells[("县民政局", "优化重点领域政府信息公开")]["done"] == 2

    capsys.readouterr()
    assert main(["--data-dir", str(offices.county), "rollup"]) == 0
    text = capsys.readouterr().out
    assert "乡镇（街道）排名\n" in text and "\n1\t万善乡\t27.3%\t—" in text and "\n2\t城关镇\t8.3%" in text
    assert "部门排名\n" in text and "\n1\t县民政局\t5.3%" in text

    ws = Workspace.open(offices.county)
    try:
        held, items = office_items(ws, "万善乡")
        assert held.office == "万善乡" and len(items) == 12
        member = items[0]["evidence"][0]["member"]
        assert open_evidence(ws, "万善乡", member).read_bytes() == offices.evidence_bytes
        assert [h.action for h in ws.history(limit=3)] == ["import"] * 3
    finally:
        ws.close()


def test_newer_package_replaces_older_which_stays(offices: Offices, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    old = export(offices.township_b, tmp_path / "old.zip")
    ws = Workspace.open(offices.township_b)
    rows = ws.rows(ws.checklists()[0].id)
    for r in rows[:6]:
        ws.update_record(r.id, status="done")
    ws.close()
    new = export(offices.township_b, tmp_path / "new.zip")
    county = str(offices.county)
    assert _json(capsys, "--data-dir", county, "package", "import", str(old), "--json")[0]["action"] == "added"
    assert _json(capsys, "--data-dir", county, "package", "import", str(new), "--json")[0]["action"] == "replaced"
    assert _json(capsys, "--data-dir", county, "package", "import", str(new), "--json")[0]["action"] == "unchanged"
    ws = Workspace.open(offices.county)
    try:
        (held,) = held_packages(ws)
        assert held.entry["counts"]["done"] == 6 and held.previous["counts"]["done"] == 1
        assert (offices.county / "county" / held.previous["file"]).is_file()  # the older one is kept
        replaced = ws.history(limit=1)[0]
        assert replaced.entity == "package" and replaced.field == "replaced"
        assert replaced.before["created"] == held.previous["created"]
        from zwgk_desktop.core.county.rollup import build_rollup

        (rank,) = build_rollup(ws).townships
        assert round(rank.change, 4) == round(5 / 12, 4) and rank.previous_rank == 1
    finally:
        ws.close()
    capsys.readouterr()
    assert main(["--data-dir", county, "rollup"]) == 0
    assert "\t50.0%\t+41.7%\t" in capsys.readouterr().out


def test_older_package_is_refused(offices: Offices, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = export(offices.township_b, tmp_path / "old.zip")
    new = export(offices.township_b, tmp_path / "new.zip")
    assert main(["--data-dir", str(offices.county), "package", "import", str(new)]) == 0
    before = _county_state(offices)
    capsys.readouterr()
    assert main(["--data-dir", str(offices.county), "package", "import", str(old)]) == 1
    err = capsys.readouterr().err
    assert "old.zip" in err and "城关镇" in err and "比已导入的" in err and "没有导入任何报送包" in err
    assert _county_state(offices) == before


def _rewrite(src: Path, dst: Path, change) -> Path:  # noqa: ANN001
    """A copy of the package with ``change(name, data, manifest)`` applied to its members."""
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members.pop("manifest.json"))
    members = change(members, manifest)
    with zipfile.ZipFile(dst, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
    return dst


def _refused(o: Offices, capsys: pytest.CaptureFixture[str], *files: Path) -> str:
    before = _county_state(o)
    capsys.readouterr()
    assert main(["--data-dir", str(o.county), "package", "import", *map(str, files)]) == 1
    assert _county_state(o) == before
    assert before[0] is None and before[1] == []  # nothing of any package in the batch was kept
    return capsys.readouterr().err


def test_tampered_package_is_refused(offices: Offices, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = export(offices.township_b, tmp_path / "good.zip")

    def mark_done(members: dict, manifest: dict) -> dict:
        members["ledger.json"] = members["ledger.json"].replace(b'"status": "todo"', b'"status": "done"')
        return members

    bad = _rewrite(export(offices.township_a, tmp_path / "a.zip"), tmp_path / "tampered.zip", mark_done)
    err = _refused(offices, capsys, good, bad)
    assert "tampered.zip" in err and "ledger.json：内容与记录的 SHA-256 不符" in err


def test_parent_member_is_refused(offices: Offices, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def add_evil(members: dict, manifest: dict) -> dict:
        data = b"x"
        members["../evil.txt"] = data
        manifest["files"].append({"name": "../evil.txt", "size": 1, "sha256": hashlib.sha256(data).hexdigest()})
        return members

    bad = _rewrite(export(offices.township_a, tmp_path / "a.zip"), tmp_path / "evil.zip", add_evil)
    err = _refused(offices, capsys, bad)
    assert "evil.zip" in err and "../evil.txt：路径不安全" in err
    assert not (offices.root / "evil.txt").exists() and not (offices.county / "evil.txt").exists()


def test_half_written_package_is_refused(offices: Offices, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    whole = export(offices.township_a, tmp_path / "a.zip").read_bytes()
    half = tmp_path / "half.zip"
    half.write_bytes(whole[: len(whole) // 2])
    err = _refused(offices, capsys, half)
    assert "half.zip" in err and "没有写完整" in err


def test_unknown_template_is_refused(offices: Offices, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = export(offices.department, tmp_path / "d.zip")
    fresh = tmp_path / "fresh-county"
    ws = Workspace.open(fresh)
    from zwgk_desktop.core.services.examples import load_example

    load_example(ws)
    ws.close()
    capsys.readouterr()
    assert main(["--data-dir", str(fresh), "package", "import", str(d)]) == 1
    err = capsys.readouterr().err
    assert "d.zip" in err and "本工作区没有：请先导入该模板" in err
    assert not (fresh / "county").exists()


def test_export_is_atomic_and_needs_an_office(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = Workspace.open(tmp_path / "ws")
    from zwgk_desktop.core.services.examples import load_example

    load_example(ws)
    ws.close()
    assert main(["--data-dir", str(tmp_path / "ws"), "package", "export", str(tmp_path / "p.zip")]) == 1
    assert "单位名称" in capsys.readouterr().err
    assert list(tmp_path.glob("*.zip")) == [] and list(tmp_path.glob(".p.zip*")) == []


def test_backup_and_restore_keep_the_county_store(offices: Offices, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    a = export(offices.township_a, tmp_path / "a.zip")
    county = str(offices.county)
    assert main(["--data-dir", county, "package", "import", str(a)]) == 0
    index_before = (offices.county / "county" / "index.json").read_bytes()
    backup = tmp_path / "county-backup.zip"
    assert main(["--data-dir", county, "backup", "create", str(backup)]) == 0
    names = zipfile.ZipFile(backup).namelist()
    assert "county/index.json" in names and [n for n in names if n.startswith("county/packages/")]
    assert main(["--data-dir", county, "backup", "verify", str(backup)]) == 0
    import shutil

    shutil.rmtree(offices.county / "county")
    assert main(["--data-dir", county, "backup", "restore", str(backup), "--yes"]) == 0
    assert (offices.county / "county" / "index.json").read_bytes() == index_before
    matrix = _json(capsys, "--data-dir", county, "rollup", "--json")
    assert {c["office"] for c in matrix} == {"万善乡"}


def test_yearly_report_tracker(offices: Offices, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import date

    from zwgk_desktop.core.annual import deadline

    ws = Workspace.open(offices.township_a)
    try:
        deadline.link_item(ws, 2024, ws.rows(ws.checklists()[0].id)[11].id)
        deadline.record_publication(ws, 2024, published_on=date(2025, 1, 20))
    finally:
        ws.close()
    a = export(offices.township_a, tmp_path / "a.zip")
    b = export(offices.township_b, tmp_path / "b.zip")
    assert json.loads(zipfile.ZipFile(a).read("manifest.json"))["annual"] == [{"year": 2024, "published": "2025-01-20"}]
    county = str(offices.county)
    assert main(["--data-dir", county, "package", "import", str(a), str(b)]) == 0
    cells = _json(capsys, "--data-dir", county, "rollup", "--annual", "--json")
    by_office = {c["office"]: c for c in cells}
    assert set(by_office) == {"万善乡", "城关镇"} and all(c["year"] == 2024 for c in cells)
    wanshan, chengguan = by_office["万善乡"], by_office["城关镇"]
    assert wanshan["received"] and wanshan["published"] == "2025-01-20" and wanshan["on_time"] is True
    assert wanshan["due"] >= "2025-01-31"  # 1月31日, moved to a workday by the calendar
    assert isinstance(wanshan["errors"], int) and len(wanshan["findings"]) == wanshan["errors"] + wanshan["warnings"]
    assert not chengguan["received"] and chengguan["on_time"] is None
    capsys.readouterr()
    assert main(["--data-dir", county, "rollup", "--annual", "--search", "城关"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "城关镇\t2024\t未报送\t—\t" + chengguan["due"] + "\t—\t0\t0"


def test_a_transaction_that_does_not_commit_leaves_the_files_beside_it_as_they_were(
        offices: Offices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The index and the package copies are written inside the database transaction: when the transaction
    fails after them (here the last step, noting rectified problems), they are put back as they were."""
    from zwgk_desktop.core.county import problems
    from zwgk_desktop.core.county.store import import_packages

    first = export(offices.township_a, tmp_path / "a.zip")
    ws = Workspace.open(offices.county)
    try:
        import_packages(ws, [first])
    finally:
        ws.close()
    state = _county_state(offices)
    second = export(offices.township_b, tmp_path / "b.zip")

    def fail(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - e.g. the disk filled up
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(problems, "note_package", fail)
    ws = Workspace.open(offices.county)
    try:
        with pytest.raises(OSError):
            import_packages(ws, [second])
    finally:
        ws.close()
    assert _county_state(offices) == state
