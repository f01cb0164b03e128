"""A large catalogue through `zwgk import` (issue 13): the compact state entry still lets `check` name every
field changed behind the app's back, ids go in ascending order, and the collector is back on afterwards."""

from __future__ import annotations

import gc
import json
import random
import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook

from zwgk_desktop.cli import main
from zwgk_desktop.core.store import ledger
from zwgk_desktop.core.types import BadFileError

ROWS = 1200
CHANNELS = ["政府网站", "政府公报", "两微一端", "广播电视", "纸质媒体", "公开查阅点", "便民服务站", "其他"]
DEADLINES = ["信息形成或者变更之日起20个工作日内", "每年1月31日前", "实时公开"]


def _catalogue(path: Path, rows: int = ROWS) -> Path:
    """Two domain sheets with a two-row header, ■/□ channels and √ columns, as counties send them."""
    rnd = random.Random(7)
    wb = Workbook()
    wb.remove(wb.active)
    for s, domain in enumerate(("社会救助", "养老服务")):
        ws = wb.create_sheet(domain)
        ws.append(["序号", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
                   "公开对象", None, "公开方式", None])
        ws.append([None, "一级事项", "二级事项", None, None, None, None, None, "全社会", "特定群体", "主动", "依申请"])
        for c in (1, 4, 5, 6, 7, 8):
            ws.merge_cells(start_row=1, start_column=c, end_row=2, end_column=c)
        for c in (2, 9, 11):
            ws.merge_cells(start_row=1, start_column=c, end_row=1, end_column=c + 1)
        for n in range(rows // 2):
            chosen = set(rnd.sample(CHANNELS, 2))
            ws.append([n + 1, f"事项{s}-{n // 4}", f"子项{n}", "办理条件、申请材料", "《政府信息公开条例》",
                       rnd.choice(DEADLINES), "乡镇人民政府", " ".join(("■" if c in chosen else "□") + c for c in CHANNELS),
                       "√", None, "√", None])
    wb.save(path)
    return path


def _zwgk(capsys, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out + out.err


@pytest.fixture
def imported(tmp_path: Path, capsys) -> Path:
    data = tmp_path / "ws"
    code, out = _zwgk(capsys, "--data-dir", data, "import", _catalogue(tmp_path / "目录.xlsx"), "--yes")
    assert code == 0, out
    assert f"共 {ROWS} 项" in out
    return data


def _state_entry(data: Path) -> str:
    with sqlite3.connect(data / "zwgk.sqlite") as db:
        return db.execute("SELECT after FROM history WHERE entity = 'ledger' ORDER BY seq DESC LIMIT 1").fetchone()[0]


def test_a_large_import_is_sealed_compactly_and_checks_clean(imported: Path, capsys) -> None:
    text = _state_entry(imported)
    assert "\\u" not in text  # Chinese kept as it is in the JSON column
    entry = json.loads(json.loads(text))["tables"]
    items, records = entry["template_items@inserted"], entry["item_records@inserted"]
    assert items["key"] == "id" and "id" not in items["cols"]  # the ids once, not twice
    assert records["cols"]["template_item_id"] == {"ids": "template_items"}
    assert items["cols"]["position"] == {"start": 0}
    assert set(items["cols"]["channels"]) == {"values", "index"}  # repeated channel lists coded once
    assert len(text) < 160 * ROWS  # was about 630 characters an item
    assert items["ids"] == sorted(items["ids"]) and records["ids"] == sorted(records["ids"])
    code, out = _zwgk(capsys, "--data-dir", imported, "check")
    assert code == 0 and "数据完整" in out, out


def test_fields_changed_behind_the_apps_back_are_named(imported: Path, capsys) -> None:
    with sqlite3.connect(imported / "zwgk.sqlite") as db:
        title, channels = db.execute("SELECT title, channels FROM template_items WHERE position = 5").fetchone()
        db.execute("UPDATE template_items SET title = '改过的名称', channels = '[]' WHERE position = 5")
        db.execute("UPDATE template_items SET position = 9999 WHERE position = 7")
        db.execute("UPDATE item_records SET status = 'done' WHERE template_item_id = "
                   "(SELECT id FROM template_items WHERE position = 11)")
    code, out = _zwgk(capsys, "--data-dir", imported, "check")
    assert code == 1
    assert f"名称与变更记录不符：记录为“{title}”，现为“改过的名称”" in out
    assert f"公开渠道与变更记录不符：记录为“{'、'.join(json.loads(channels))}”，现为“（空）”" in out
    assert "position与变更记录不符：记录为“7”，现为“9999”" in out
    assert "状态与变更记录不符：记录为“待办”，现为“已完成”" in out


@pytest.mark.parametrize("values", [
    [3, 4, 5, 6], [1, True, 1, 1], [1, 1.0, 1, 1], ["a", "b", "a", "a"], [None, "x", None, None],
    [["县财政局"], ["县财政局"], [], ["县财政局"]], [["a", {"lead": ["a"]}]] * 4,
    ["2024-01-01T00:00:00"] * 4, [True] * 4, [7, 7, 8, 7],
])
def test_compact_columns_give_back_the_same_values_and_types(values: list) -> None:
    ids = ["r1", "r2", "r3", "r4"]
    part = {"table": "t", "columns": ["id", "v"],
            **ledger._columnar(ids, {"id": list(ids), "v": values}, "id", {"other": ["x", "y", "z", "w"]})}
    part = json.loads(json.dumps(part))  # as stored
    back = [row for _, row in ledger._uncolumnar(["id", "v"], part, {"t": part})]
    assert back == [[i, v] for i, v in zip(ids, values, strict=True)]
    assert [[type(x) for x in row] for row in back] == [[str, type(v)] for v in values]


def test_the_collector_is_back_on_after_an_import_and_after_a_refused_one(tmp_path: Path, capsys) -> None:
    from zwgk_desktop.core.services import import_flow
    from zwgk_desktop.core.workspace import Workspace

    assert gc.isenabled()
    with Workspace.open(tmp_path / "ws") as ws:
        import_flow.commit(ws, import_flow.prepare(ws, _catalogue(tmp_path / "a.xlsx", 40)))
        assert gc.isenabled()
        bad = tmp_path / "b.xlsx"
        bad.write_bytes(b"PK\x03\x04 not a workbook")
        with pytest.raises(BadFileError):
            import_flow.prepare(ws, bad)
        assert gc.isenabled()


def test_ids_made_in_bulk_are_random_uuid4_text() -> None:
    import uuid

    from zwgk_desktop.core.store.checklists import sorted_ids

    ids = sorted_ids(3000)
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for text in ids:
        u = uuid.UUID(text)
        assert (u.version, u.variant, str(u)) == (4, uuid.RFC_4122, text)


def test_records_get_the_defaults_the_rows_leave_out(imported: Path) -> None:
    with sqlite3.connect(imported / "zwgk.sqlite") as db:  # `version` is not in an import's record rows
        assert db.execute("SELECT DISTINCT version FROM item_records").fetchall() == [(1,)]


def test_the_command_ends_at_once_with_all_its_output(imported: Path) -> None:
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "zwgk_desktop.cli", "--data-dir", str(imported)]
    done = subprocess.run([*cmd, "items", "--json"], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == ROWS  # everything written before the process ended
    bad = subprocess.run([*cmd, "update", "nosuchid", "--status", "done"], capture_output=True, text=True,
                         encoding="utf-8")
    assert bad.returncode == 1 and bad.stderr.startswith("错误：")
    piped = subprocess.run(f"{sys.executable} -m zwgk_desktop.cli --data-dir '{imported}' items | head -n 1",
                           shell=True, capture_output=True, text=True, encoding="utf-8")
    assert piped.returncode == 0 and "Traceback" not in piped.stderr and piped.stdout.count("\n") == 1
