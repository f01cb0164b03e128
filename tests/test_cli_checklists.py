"""`zwgk checklists` rename / remove / restore / purge, and `report` asking for the office name."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
import pytest
from cli_helpers import run

from zwgk_desktop.cli import main


@pytest.fixture
def data(tmp_path: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    folder = str(tmp_path / "ws")
    for name in ("shehui-jiuzhu-catalogue.xlsx", "guanxian-2021-tasks.xlsx"):
        assert run(capsys, "--data-dir", folder, "import", str(fixtures_dir / name))[0] == 0
    return folder


def _names(capsys: pytest.CaptureFixture[str], data: str, *extra: str) -> list[str]:
    code, out, err = run(capsys, "--data-dir", data, "checklists", *extra, "--json")
    assert code == 0, err
    return [c["name"] for c in json.loads(out)]


def test_rename_remove_restore_purge(capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path) -> None:
    catalogue, tasks = "社会救助领域基层政务公开标准目录", "2021年冠县政务公开重点工作任务分解表"
    assert _names(capsys, data) == [catalogue, tasks]
    code, out, _ = run(capsys, "--data-dir", data, "checklists", "rename", catalogue, " 2024年社会救助 ")
    assert code == 0 and out.strip() == f"已将清单“{catalogue}”重命名为“2024年社会救助”。"
    code, _, err = run(capsys, "--data-dir", data, "checklists", "rename", "2024年社会救助", tasks)
    assert code == 1 and f"已存在名为“{tasks}”的清单" in err
    code, _, err = run(capsys, "--data-dir", data, "checklists", "rename", "2024年社会救助", "")
    assert code == 1 and "清单名称不能为空" in err

    items = json.loads(run(capsys, "--data-dir", data, "items", "--checklist", "2024年社会救助", "--json")[1])
    assert run(capsys, "--data-dir", data, "update", items[0]["id"], "--status", "done")[0] == 0
    photo = tmp_path / "公示照片.jpg"
    photo.write_bytes(b"jpeg")
    assert run(capsys, "--data-dir", data, "attach", items[0]["id"], str(photo))[0] == 0

    code, out, _ = run(capsys, "--data-dir", data, "checklists", "remove", "2024年社会救助")
    assert code == 0
    assert out.startswith("已将清单“2024年社会救助”移入回收站：12 个事项（已完成 1 个）、1 份佐证材料、0 条公开记录。")
    assert "zwgk checklists restore 2024年社会救助" in out
    assert _names(capsys, data) == [tasks]
    removed = json.loads(run(capsys, "--data-dir", data, "checklists", "--archived", "--json")[1])
    assert [(c["name"], c["items"], c["done"], c["evidence"]) for c in removed] == [("2024年社会救助", 12, 1, 1)]
    code, out, _ = run(capsys, "--data-dir", data, "checklists", "--archived")
    assert out.startswith(removed[0]["id"][:8]) and "2024年社会救助" in out and "移除" in out

    # hidden from items and reports; its records cannot be edited
    code, _, err = run(capsys, "--data-dir", data, "items", "--checklist", "2024年社会救助")
    assert code == 1 and "已移入回收站" in err
    code, _, err = run(capsys, "--data-dir", data, "update", items[1]["id"], "--status", "done")
    assert code == 1 and "已移入回收站" in err
    code, _, err = run(capsys, "--data-dir", data, "report", "pdf", str(tmp_path / "r.pdf"),
                       "--checklist", "2024年社会救助", "--office", "万善乡")
    assert code == 1 and "已移入回收站" in err and not (tmp_path / "r.pdf").exists()
    default = json.loads(run(capsys, "--data-dir", data, "items", "--json")[1])
    assert {r["checklist"] for r in default} == {tasks}

    code, _, err = run(capsys, "--data-dir", data, "checklists", "purge", "2024年社会救助")
    assert code == 1 and "确认请加 --yes" in err and "删除后无法恢复" in err
    code, out, _ = run(capsys, "--data-dir", data, "checklists", "restore", "2024年社会救助")
    assert code == 0 and out.strip() == "已恢复清单“2024年社会救助”，共 12 项。"
    restored = json.loads(run(capsys, "--data-dir", data, "items", "--checklist", "2024年社会救助", "--json")[1])
    assert restored[0]["status"] == "done" and restored[0]["evidence_count"] == 1

    code, _, err = run(capsys, "--data-dir", data, "checklists", "purge", "2024年社会救助", "--yes")
    assert code == 1 and "回收站中没有已移除的清单" in err  # purge only from the 回收站
    assert run(capsys, "--data-dir", data, "checklists", "remove", "2024年社会救助")[0] == 0
    code, out, _ = run(capsys, "--data-dir", data, "checklists", "purge", "2024年社会救助", "--yes")
    assert code == 0 and out.strip() == "已彻底删除清单“2024年社会救助”。"
    assert _names(capsys, data, "--archived") == [] and _names(capsys, data) == [tasks]
    code, out, _ = run(capsys, "--data-dir", data, "checklists", "restore", "2024年社会救助")
    assert code == 1
    history = json.loads(run(capsys, "--data-dir", data, "history", "--json")[1])
    assert [h["action"] for h in history if h["entity"] == "checklist"][:5] == [
        "purge", "archive", "restore", "archive", "rename"]


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], data: str) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--data-dir", data, "checklists", "rename", "只有一个名字"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["--data-dir", data, "checklists", "drop", "x"])
    assert exc.value.code == 2


def test_report_needs_the_office_name(capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path) -> None:
    out = tmp_path / "自查报告.pdf"
    code, _, err = run(capsys, "--data-dir", data, "report", "pdf", str(out))
    assert code == 1 and "还没有设置单位名称" in err and "zwgk settings --office" in err
    assert not out.exists()
    code, _, err = run(capsys, "--data-dir", data, "report", "pdf", str(out), "--office", "万善乡人民政府")
    assert code == 0, err
    text = "".join(page.extract_text() for page in pypdf.PdfReader(str(out)).pages)
    assert "万善乡人民政府" in text and "未设置单位名称" not in text
    assert run(capsys, "--data-dir", data, "settings", "--office", "柳林镇人民政府")[0] == 0
    assert run(capsys, "--data-dir", data, "report", "xlsx", str(tmp_path / "台账.xlsx"))[0] == 0
    assert (tmp_path / "台账.xlsx").is_file()
