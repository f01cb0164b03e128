"""The zwgk command line, driven like a script would: JSON out, exit codes, Chinese errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run, run_json

from zwgk_desktop import __version__
from zwgk_desktop.cli import main
from zwgk_desktop.core.importing import read_template, write_native_xlsx
from zwgk_desktop.core.types import ParsedItem

ITEM_FIELDS = {"id", "checklist", "code", "path", "title", "content", "basis", "deadline", "owners", "channels",
               "audience", "mode", "level", "status", "due", "assignee", "note", "evidence_count"}


@pytest.fixture
def data(tmp_path: Path) -> str:
    return str(tmp_path / "ws")


def test_version_and_usage_errors(capsys: pytest.CaptureFixture[str], data: str) -> None:
    assert run(capsys, "--version")[1].strip() == f"zwgk-desktop {__version__}"
    with pytest.raises(SystemExit) as exc:
        main(["--data-dir", data, "update"])
    assert exc.value.code == 2
    assert "用法错误" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["--data-dir", data, "update", "x", "--due", "2025/13/01"])
    assert exc.value.code == 2


def test_import_catalogue_json_matches_fixture(capsys: pytest.CaptureFixture[str], data: str,
                                               fixtures_dir: Path) -> None:
    src = str(fixtures_dir / "shehui-jiuzhu-catalogue.xlsx")
    preview = run_json(capsys, "--data-dir", data, "import", src, "--dry-run")
    assert len(preview["items"]) == 12 and preview["items"][0]["id"] is None
    assert run_json(capsys, "--data-dir", data, "checklists") == []  # dry run wrote nothing

    result = run_json(capsys, "--data-dir", data, "import", src, "--year", "2025")
    items = result["items"]
    assert len(items) == 12 and set(items[0]) >= ITEM_FIELDS
    assert [it["path"][0] for it in items].count("最低生活保障") == 4
    guide = items[3]
    assert guide["path"] == ["最低生活保障"] and guide["title"] == "办事指南"
    assert guide["channels"] == ["政府网站", "公开查阅点"]
    assert guide["owners"] == ["县级政府民政部门", "乡镇政府（街道办事处）"]
    assert guide["audience"] == ["全社会"] and guide["mode"] == ["主动"] and guide["level"] == ["县级", "乡、村级"]
    assert items[4]["deadline"] == "制定或获取信息之日起10个工作日内，公示7个工作日"
    assert items[11]["mode"] == ["依申请公开"]

    listed = run_json(capsys, "--data-dir", data, "items")
    assert [i["id"] for i in listed] == [i["id"] for i in items]
    for query in ("低保", "助", "特困"):  # one- and two-character searches
        expected = [i["id"] for i in items
                    if query in "".join([*i["path"], i["title"], i["content"], *i["owners"], i["deadline"]])]
        found = run_json(capsys, "--data-dir", data, "items", "--search", query)
        assert [i["id"] for i in found] == expected and expected
    assert len(run_json(capsys, "--data-dir", data, "items", "--owner", "乡镇政府（街道办事处）")) == 12


def test_update_settings_history(capsys: pytest.CaptureFixture[str], data: str, fixtures_dir: Path) -> None:
    items = run_json(capsys, "--data-dir", data, "import", str(fixtures_dir / "guanxian-2021-tasks.xlsx"))["items"]
    assert len(items) == 38
    assert run_json(capsys, "--data-dir", data, "settings", "--office", "万善乡", "--clerk", "王小明")["office"] == "万善乡"
    mine = run_json(capsys, "--data-dir", data, "items", "--owner", "万善乡")
    assert [i["id"] for i in run_json(capsys, "--data-dir", data, "items", "--mine")] == [i["id"] for i in mine]
    assert len(mine) == 16
    assert items[0]["id"] in {i["id"] for i in mine}  # named directly
    assert items[9]["id"] in {i["id"] for i in mine}  # through 各乡镇(街道)
    short = items[0]["id"][:8]
    row = run_json(capsys, "--data-dir", data, "update", short, "--status", "已完成", "--due", "2021-12-31",
                   "--assignee", "李红", "--note", "已在政府网站公开")
    assert (row["status"], row["due"], row["assignee"]) == ("done", "2021-12-31", "李红")
    hist = run_json(capsys, "--data-dir", data, "history", items[0]["id"])
    assert {h["field"] for h in hist} == {"status", "due_date", "assignee", "note"}
    assert all(h["actor"] == "王小明" for h in hist)
    assert len(run_json(capsys, "--data-dir", data, "items", "--status", "done")) == 1
    code, _, err = run(capsys, "--data-dir", data, "update", items[1]["id"], "--status", "finished")
    assert code == 1 and "无效的状态" in err


def test_bad_file_exit_1_with_chinese_message(capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path) -> None:
    bad = tmp_path / "损坏的模板.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not a workbook")
    code, out, err = run(capsys, "--data-dir", data, "import", str(bad))
    assert code == 1 and "损坏的模板.xlsx" in err and out == ""
    code, _, err = run(capsys, "--data-dir", data, "items")
    assert code == 1 and "还没有清单" in err


def test_update_version_diff_then_apply(capsys: pytest.CaptureFixture[str], data: str, fixtures_dir: Path,
                                       tmp_path: Path) -> None:
    src = fixtures_dir / "shehui-jiuzhu-catalogue.xlsx"
    items = run_json(capsys, "--data-dir", data, "import", str(src), "--checklist", "社会救助")["items"]
    run(capsys, "--data-dir", data, "update", items[4]["id"], "--status", "done", "--note", "已公示")
    run(capsys, "--data-dir", data, "update", items[6]["id"], "--status", "doing", "--note", "将被删除")

    # the county's next version: item 5 reworded, item 7 dropped, one item added, 序号 renumbered
    new = read_template(src)
    new.items[4].content = "审核信息：修订后的公示内容"
    del new.items[6]
    new.items.append(ParsedItem(title="新增事项", path=["临时救助"], content="新增的公开内容",
                                owners=["乡镇政府（街道办事处）"]))
    for n, it in enumerate(new.items, 1):
        it.code = str(n)
    edited = tmp_path / "新版目录.xlsx"
    write_native_xlsx(new, edited)

    diff = run_json(capsys, "--data-dir", data, "import", str(edited), "--checklist", "社会救助")
    assert [a["title"] for a in diff["added"]] == ["新增事项"]
    assert [r["id"] for r in diff["removed"]] == [items[6]["id"]]
    assert [c["id"] for c in diff["changed"]] == [items[4]["id"]]
    assert diff["unchanged"] == 10 and diff["applied"] is False
    assert len(run_json(capsys, "--data-dir", data, "items")) == 12  # nothing applied without --yes

    # item 7 holds work (doing, a note): --yes alone refuses, naming it with its work, and writes nothing
    code, _, err = run(capsys, "--data-dir", data, "import", str(edited), "--checklist", "社会救助", "--yes")
    assert code == 1 and "--archive-with-work" in err and items[6]["title"] in err and "进行中" in err
    assert len(run_json(capsys, "--data-dir", data, "items")) == 12
    assert run_json(capsys, "--data-dir", data, "items", "--archived") == []
    run_json(capsys, "--data-dir", data, "import", str(edited), "--checklist", "社会救助", "--yes",
             "--archive-with-work")
    after = {i["id"]: i for i in run_json(capsys, "--data-dir", data, "items")}
    assert len(after) == 12
    assert after[items[4]["id"]]["status"] == "done" and after[items[4]["id"]]["note"] == "已公示"
    assert after[items[4]["id"]]["content"] == "审核信息：修订后的公示内容"
    archived = run_json(capsys, "--data-dir", data, "items", "--archived")
    assert [(a["id"], a["note"]) for a in archived] == [(items[6]["id"], "将被删除")]


def test_evidence_and_publish(capsys: pytest.CaptureFixture[str], data: str, fixtures_dir: Path,
                              tmp_path: Path) -> None:
    items = run_json(capsys, "--data-dir", data, "import", str(fixtures_dir / "shehui-jiuzhu-catalogue.xlsx"),
                     "--year", "2024")["items"]
    photo = tmp_path / "公示栏 照片.jpg"
    photo.write_bytes(b"\xff\xd8\xff fake jpeg")
    attached = run_json(capsys, "--data-dir", data, "attach", items[4]["id"], str(photo))
    assert attached[0]["name"] == "公示栏 照片.jpg" and len(attached[0]["sha256"]) == 64
    run(capsys, "--data-dir", data, "link", items[4]["id"], "https://www.example.gov.cn/a.html", "--title", "公示")
    assert run_json(capsys, "--data-dir", data, "items")[4]["evidence_count"] == 2
    # 10 working days after 2024-09-27 across National Day (29 Sep and 12 Oct worked): due 2024-10-16
    pub = run_json(capsys, "--data-dir", data, "publish", items[4]["id"], "--formed", "2024-09-27",
                   "--published", "2024-10-17", "--channel", "政府网站")
    assert (pub["due"], pub["on_time"], pub["late_workdays"]) == ("2024-10-16", False, 1)
    assert run_json(capsys, "--data-dir", data, "evidence", "verify")["ok"] is True
    Path(attached[0]["path"]).write_bytes(b"altered")
    code, out, _ = run(capsys, "--data-dir", data, "evidence", "verify", "--json")
    assert code == 1 and json.loads(out)["problems"][0]["problem"] == "altered"


def test_real_entry_point_in_a_subprocess(tmp_path: Path, fixtures_dir: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "zwgk_desktop", "--data-dir", str(tmp_path), "import",
                           str(fixtures_dir / "qinghai-2021-workpoints.txt"), "--json"],
                          capture_output=True, text=True, encoding="utf-8",
                          cwd=Path(__file__).resolve().parents[1])
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["items"]) == 19


def test_calendar_file_for_a_new_year(capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path) -> None:
    before = run_json(capsys, "--data-dir", data, "calendar")
    assert before["last_year"] == 2026
    f = tmp_path / "2027.json"
    f.write_text(json.dumps({"year": 2027, "holidays": ["2027-01-01", "2027-10-01/2027-10-07"],
                             "workdays": ["2027-10-09"]}), encoding="utf-8")
    after = run_json(capsys, "--data-dir", data, "calendar", "--import", str(f))
    assert (after["last_year"], after["imported"]) == (2027, [2027])
    f.write_text('{"year": 2028, "workdays": ["2028-03-01"]}', encoding="utf-8")  # a Wednesday
    code, _, err = run(capsys, "--data-dir", data, "calendar", "--import", str(f))
    assert code == 1 and "2028" in err
    assert run_json(capsys, "--data-dir", data, "calendar")["last_year"] == 2027


def test_import_same_template_as_a_new_checklist(capsys: pytest.CaptureFixture[str], data: str,
                                                 fixtures_dir: Path) -> None:
    src = str(fixtures_dir / "shehui-jiuzhu-catalogue.xlsx")
    run_json(capsys, "--data-dir", data, "import", src, "--year", "2025")
    again = run_json(capsys, "--data-dir", data, "import", src, "--year", "2026", "--new")
    assert again["checklist"] == "社会救助领域基层政务公开标准目录（2026）" and len(again["items"]) == 12
    named = run_json(capsys, "--data-dir", data, "import", src, "--new", "--checklist", "2027年社会救助")
    assert named["checklist"] == "2027年社会救助"
    assert [c["name"] for c in run_json(capsys, "--data-dir", data, "checklists")] == [
        "社会救助领域基层政务公开标准目录", "社会救助领域基层政务公开标准目录（2026）", "2027年社会救助"]


def test_check_reports_history_edited_behind_the_apps_back(capsys: pytest.CaptureFixture[str], data: str,
                                                           fixtures_dir: Path) -> None:
    import sqlite3

    items = run_json(capsys, "--data-dir", data, "import", str(fixtures_dir / "shehui-jiuzhu-catalogue.xlsx"))["items"]
    run(capsys, "--data-dir", data, "update", items[0]["id"], "--status", "rework")
    clean = run_json(capsys, "--data-dir", data, "check")
    assert {k: clean[k] for k in ("ok", "problems", "evidence_files", "against")} == \
        {"ok": True, "problems": [], "evidence_files": 0, "against": None}
    assert clean["history_head"]["code"] == f"{clean['history_head']['count']}-{clean['history_head']['hash'][:16]}"
    with sqlite3.connect(Path(data) / "zwgk.sqlite") as db:
        db.execute("UPDATE history SET after = '\"done\"' WHERE field = 'status'")
    code, out, _ = run(capsys, "--data-dir", data, "check", "--json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False and "变更记录" in report["problems"][0]


def test_update_if_version(capsys: pytest.CaptureFixture[str], data: str, fixtures_dir: Path) -> None:
    items = run_json(capsys, "--data-dir", data, "import", str(fixtures_dir / "shehui-jiuzhu-catalogue.xlsx"))["items"]
    item = items[0]
    assert item["version"] == 1
    assert run_json(capsys, "--data-dir", data, "update", item["id"], "--status", "doing",
                    "--if-version", "1")["version"] == 2
    code, _, err = run(capsys, "--data-dir", data, "update", item["id"], "--status", "done", "--if-version", "1")
    assert code == 1 and "已被修改" in err
    assert run_json(capsys, "--data-dir", data, "items")[0]["status"] == "doing"
