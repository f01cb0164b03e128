"""The evidence pack (佐证材料包) of a real township workspace: folders by category and item with
readable file names, an index (xlsx) that matches the ledger, the self-check report as the PDF index,
and the links as a clickable list."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from county_workspaces import Offices, make_offices
from openpyxl import load_workbook

from zwgk_desktop.cli import main
from zwgk_desktop.core.county.evidence_pack import safe_name
from zwgk_desktop.core.workspace import Workspace


@pytest.fixture
def offices(tmp_path: Path, fixtures_dir: Path) -> Offices:
    return make_offices(tmp_path, fixtures_dir)


def test_evidence_pack_opens_as_folders_and_its_index_matches_the_ledger(
        offices: Offices, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "佐证材料包.zip"
    capsys.readouterr()
    assert main(["--data-dir", str(offices.township_a), "evidence", "export", str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result == {"path": str(out), "items": 12, "files": 1, "links": 1}
    today = date.today().isoformat()
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        photo = f"01 综合业务/01 政策法规文件/{today}_政策法规文件_公示照片.txt"
        assert sorted(names) == sorted(["索引.xlsx", "索引.pdf", "链接.html", photo])
        assert zf.read(photo) == offices.evidence_bytes
        assert zf.read("索引.pdf").startswith(b"%PDF")
        links = zf.read("链接.html").decode("utf-8")
        sheet = load_workbook(io.BytesIO(zf.read("索引.xlsx"))).active
    assert '<a href="https://www.example.gov.cn/dibao">低保名单</a>' in links and "<h2>综合业务</h2>" in links
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    ws = Workspace.open(offices.township_a)
    try:
        ledger = ws.rows(ws.checklists()[0].id)
    finally:
        ws.close()
    assert [(r[2], r[3]) for r in rows] == [(row.title, row.status.label) for row in ledger]
    assert rows[0][5] == photo and rows[1][6] == "https://www.example.gov.cn/dibao"
    assert sheet.cell(3, 7).hyperlink.target == "https://www.example.gov.cn/dibao"
    assert rows[2][4] == "2024-03-01 政府网站 超时"


def test_safe_names() -> None:
    assert safe_name('a/b\\c:d*e?"f<g>h|', 40) == "a_b_c_d_e_f_g_h_"
    assert safe_name("  名称. ", 40) == "名称" and safe_name("...", 5) == "_"
