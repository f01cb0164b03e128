"""Reports from a real workspace through the CLI, read back and compared with the workspace."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from zwgk_desktop.cli import main
from zwgk_desktop.core.reports.xlsx import LEDGER_COLUMNS
from zwgk_desktop.core.types import STATUS_LABELS
from zwgk_desktop.core.workspace import Workspace


@pytest.fixture
def data(tmp_path: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    d = str(tmp_path / "ws")
    assert main(["--data-dir", d, "import", str(fixtures_dir / "guanxian-2021-tasks.xlsx"), "--year", "2021"]) == 0
    assert main(["--data-dir", d, "settings", "--office", "万善乡人民政府", "--clerk", "王小明"]) == 0
    capsys.readouterr()
    with Workspace.open(d) as ws:
        rows = ws.rows(ws.checklist().id)
        ws.update_record(rows[0].id, status="done", assignee="李红", note="已在政府网站公开")
        ws.update_record(rows[9].id, status="rework", note="惠农补贴名单公示不全")
        photo = tmp_path / "惠农补贴公示栏照片.jpg"
        photo.write_bytes(b"\xff\xd8 photo")
        ws.attach_files([rows[0].id, rows[9].id], [photo])
        ws.add_publication(rows[0].id, formed_on=datetime(2021, 9, 27).date(),
                           published_on=datetime(2021, 10, 11).date(), channel="政府网站",
                           place="https://www.guanxian.gov.cn/art/2021/10/11/art_1.html")
    return d


def test_excel_ledger_matches_the_workspace(data: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "台账.xlsx"
    assert main(["--data-dir", data, "report", "xlsx", str(out)]) == 0
    capsys.readouterr()
    items = _items(capsys, data)
    sheet = openpyxl.load_workbook(out)["台账"]
    header = [c.value for c in sheet[1]]
    assert header == [h for h, _ in LEDGER_COLUMNS]
    col = {h: i for i, h in enumerate(header)}
    body = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert len(body) == len(items) == 38
    for row, item in zip(body, items):
        assert row[col["事项"]] == item["title"]
        assert row[col["状态"]] == STATUS_LABELS[next(s for s in STATUS_LABELS if s.value == item["status"])]
        assert row[col["责任单位"]] == "、".join(item["owners"])
        due = row[col["到期日"]]
        assert (due.date().isoformat() if due else None) == item["due"]
    assert "惠农补贴公示栏照片.jpg" in body[0][col["佐证材料"]]
    assert body[0][col["最近公开日期"]].date().isoformat() == "2021-10-11"
    assert sheet.cell(2, col["公开链接"] + 1).hyperlink.target.startswith("https://www.guanxian.gov.cn/")


def _items(capsys: pytest.CaptureFixture[str], data: str, *args: str) -> list[dict]:
    assert main(["--data-dir", data, "items", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_pdf_report_for_the_township_only(data: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    whole, mine = tmp_path / "全部.pdf", tmp_path / "本乡.pdf"
    assert main(["--data-dir", data, "report", "pdf", str(whole)]) == 0
    assert main(["--data-dir", data, "report", "pdf", str(mine), "--owner", "万善乡"]) == 0
    text = "\n".join(page.extract_text() for page in PdfReader(mine).pages)
    flat = "".join(text.split())
    assert "万善乡人民政府" in flat and "责任单位：万善乡" in flat
    assert "惠农补贴公示栏照片.jpg" in flat and "惠农补贴名单公示不全" in flat
    pages = len(PdfReader(mine).pages)
    assert f"第1页共{pages}页" in flat and f"第{pages}页共{pages}页" in flat
    capsys.readouterr()
    mine_ids = {i["id"] for i in _items(capsys, data, "--owner", "万善乡")}
    others = [i for i in _items(capsys, data) if i["id"] not in mine_ids]
    assert len(mine_ids) == 16 and others
    assert "".join(others[0]["title"].split()) not in flat  # an item of the county departments only
    assert "推进重点工作信息公开" in flat  # task 1 names 万善乡
    assert len(PdfReader(whole).pages) > pages
