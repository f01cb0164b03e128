"""Real office workspaces and their submission packages for the county tests: two townships keeping the
bundled example catalogue and a county department keeping the guanxian task table (shared fixture)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from zwgk_desktop.cli import main
from zwgk_desktop.core.annual import store as annual_store
from zwgk_desktop.core.annual.model import AnnualReport
from zwgk_desktop.core.services.examples import load_example
from zwgk_desktop.core.workspace import Workspace


@dataclass
class Offices:
    root: Path
    township_a: Path  # 万善乡: 3 done, 1 evidence file, 1 late publication, 1 yearly report
    township_b: Path  # 城关镇: 1 done
    department: Path  # 县民政局: guanxian task table, 2 done
    county: Path  # the county office: knows both templates
    evidence_bytes: bytes


def _office(folder: Path, office: str) -> Workspace:
    ws = Workspace.open(folder)
    ws.update_settings(office=office, clerk="张三")
    return ws


def make_offices(root: Path, fixtures_dir: Path) -> Offices:
    proof = root / "公示照片.txt"
    proof.write_bytes("低保公示 2024-03-01".encode())
    ws = _office(root / "wanshan", "万善乡")
    rows = ws.rows(load_example(ws).id)
    for r in rows[:3]:
        ws.update_record(r.id, status="done")
    ws.update_record(rows[3].id, status="na")
    ws.attach_files([rows[0].id], [proof])
    ws.add_link(rows[1].id, "https://www.example.gov.cn/dibao", title="低保名单")
    # 10 workdays from 2024-01-02 end on 01-15: published 03-01 is late
    ws.add_publication(rows[2].id, formed_on=date(2024, 1, 2), published_on=date(2024, 3, 1), channel="政府网站")
    annual_store.save(ws, AnnualReport(year=2024, office="万善乡"))
    ws.close()
    ws = _office(root / "chengguan", "城关镇")
    rows = ws.rows(load_example(ws).id)
    ws.update_record(rows[5].id, status="done")
    ws.close()
    dept = root / "minzheng"
    _office(dept, "县民政局").close()
    tasks = fixtures_dir / "guanxian-2021-tasks.xlsx"
    assert main(["--data-dir", str(dept), "import", str(tasks), "--year", "2021"]) == 0
    ws = Workspace.open(dept)
    rows = ws.rows(ws.checklists()[0].id)
    ws.update_record(rows[0].id, status="done")
    ws.update_record(rows[1].id, status="done")
    ws.close()
    county = root / "county"
    ws = _office(county, "某县政务公开办")
    load_example(ws)
    ws.close()
    assert main(["--data-dir", str(county), "import", str(tasks), "--year", "2021"]) == 0
    return Offices(root, root / "wanshan", root / "chengguan", dept, county, proof.read_bytes())


def export(folder: Path, out: Path, *extra: str) -> Path:
    assert main(["--data-dir", str(folder), "package", "export", str(out), *extra]) == 0
    return out
