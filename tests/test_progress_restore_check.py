"""One policy each (issue 15.4): the restore every front end runs (``backup.restore``), the integrity check
(``Workspace.check``), and one cancellation exception with one progress callback type (core/progress.py)."""

from __future__ import annotations

import ast
import json
import threading
import zipfile
from pathlib import Path

import pytest

from zwgk_desktop.cli import main
from zwgk_desktop.core.county.package_export import export_package
from zwgk_desktop.core.progress import Cancelled, cancellable_progress
from zwgk_desktop.core.reports import write_xlsx
from zwgk_desktop.core.services import backup
from zwgk_desktop.core.services.report_input import build_report_data
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, Status, UserError
from zwgk_desktop.core.workspace import DB_NAME, Workspace

PACKAGE = Path(__file__).resolve().parents[1] / "zwgk_desktop"


@pytest.fixture
def ws(tmp_path: Path):
    workspace = Workspace.open(tmp_path / "ws")
    workspace.update_settings(office="万善乡人民政府")
    workspace.import_new(ParsedTemplate(name="目录", items=[ParsedItem(title=f"事项{i}", path=["类"])
                                                              for i in range(3)]))
    rid = workspace.rows(workspace.checklist().id)[0].id
    workspace.update_record(rid, status="done", note="已公开")
    for n in range(3):
        photo = tmp_path / f"公示照片{n}.jpg"
        photo.write_bytes(b"\xff\xd8 photo %d" % n)
        workspace.attach_files([rid], [photo])
    yield workspace
    workspace.close()


def _status_of_first(w: Workspace) -> Status:
    return w.rows(w.checklist().id)[0].status


# --- backup.restore: one choice for the CLI, the window and the start-up offer ---

def test_restore_into_the_open_workspace_reopens_that_workspace(ws: Workspace, tmp_path: Path) -> None:
    out = backup.create_backup(ws, tmp_path / "b.zip").path
    first = ws.rows(ws.checklist().id)[0].id
    ws.update_record(first, status="rework")
    seen: list[tuple[int, int]] = []
    restored = backup.restore(out, workspace=ws, progress=lambda d, t: seen.append((d, t)))
    assert restored.workspace is ws  # the window's object, usable again
    assert _status_of_first(ws) is Status.DONE
    assert restored.aside is not None and (restored.aside / DB_NAME).is_file()
    assert seen and seen[-1][0] == seen[-1][1]  # progress reached the end


def test_restore_into_a_folder_opens_closes_and_reopens_its_workspace(ws: Workspace, tmp_path: Path) -> None:
    out = backup.create_backup(ws, tmp_path / "b.zip").path
    ws.update_record(ws.rows(ws.checklist().id)[0].id, status="rework")
    ws.close()
    restored = backup.restore(out, ws.data_dir)
    with restored.workspace as again:
        assert _status_of_first(again) is Status.DONE
        assert again.check().ok
    assert restored.aside is not None
    with Workspace.open(restored.aside) as before:  # the workspace that was there, kept as it was
        assert _status_of_first(before) is Status.REWORK


def test_restore_over_a_damaged_workspace_and_onto_a_new_pc(ws: Workspace, tmp_path: Path) -> None:
    out = backup.create_backup(ws, tmp_path / "b.zip").path
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / DB_NAME).write_bytes(b"not a database at all" * 100)
    restored = backup.restore(out, damaged)
    with restored.workspace as again:
        assert _status_of_first(again) is Status.DONE
    assert (restored.aside / DB_NAME).read_bytes() == b"not a database at all" * 100  # moved aside as it was

    restored = backup.restore(out, tmp_path / "new-pc" / "ws")
    with restored.workspace as again:
        assert again.checklist().name == "目录"
    assert restored.aside is None


def test_a_refused_restore_changes_nothing_and_closes_what_it_opened(ws: Workspace, tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("hello.txt", "not a backup")
    ws.close()
    before = sorted(p.name for p in ws.data_dir.iterdir())
    with pytest.raises(UserError, match="不是 zwgk-desktop 的备份"):
        backup.restore(bad, ws.data_dir)
    assert sorted(p.name for p in ws.data_dir.iterdir()) == before
    with Workspace.open(ws.data_dir) as again:  # not held open by the refused restore
        assert _status_of_first(again) is Status.DONE
    assert not [p for p in ws.data_dir.parent.iterdir() if "恢复前" in p.name]


def test_cli_restore_runs_the_same_restore(ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = backup.create_backup(ws, tmp_path / "b.zip").path
    ws.update_record(ws.rows(ws.checklist().id)[0].id, status="rework")
    ws.close()
    assert main(["--data-dir", str(ws.data_dir), "backup", "restore", str(out), "--yes"]) == 0
    printed = capsys.readouterr().out
    assert "（1 个清单）" in printed and "原工作区已保留为" in printed
    with Workspace.open(ws.data_dir) as again:
        assert _status_of_first(again) is Status.DONE


# --- Workspace.check: the CLI and the window run the same check ---

def test_cli_check_prints_what_workspace_check_finds(ws: Workspace, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    stored = next(ws.evidence_dir.rglob("*.jpg"))
    stored.write_bytes(b"changed behind the app's back")
    expected = ws.check().to_json()
    assert not expected["ok"] and expected["evidence_files"] == 3
    assert main(["--data-dir", str(ws.data_dir), "check", "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == expected


def test_check_stops_between_two_evidence_files_when_cancelled(ws: Workspace) -> None:
    reports: list[int] = []
    stop = threading.Event()

    def progress(done: int, total: int) -> None:
        reports.append(done)
        stop.set()  # the user presses 取消 after the first file

    with pytest.raises(Cancelled):
        ws.check(progress=progress, cancelled=stop.is_set)
    assert reports == [1]
    assert ws.check().ok  # read-only: nothing to undo


# --- one cancellation exception for every long task ---

def test_every_cancelled_task_raises_the_one_exception_and_writes_nothing(ws: Workspace, tmp_path: Path) -> None:
    def yes() -> bool:
        return True

    tasks = {
        "backup": lambda: backup.create_backup(ws, tmp_path / "b.zip", cancelled=yes),
        "package": lambda: export_package(ws, tmp_path / "p.zip", cancelled=yes),
        "ledger": lambda: write_xlsx(build_report_data(ws, ws.checklist().id), tmp_path / "l.xlsx", cancelled=yes),
        "attach": lambda: ws.attach_files([ws.rows(ws.checklist().id)[1].id], [tmp_path / "公示照片0.jpg"],
                                          cancelled=yes),
    }
    for name, task in tasks.items():
        with pytest.raises(Cancelled) as raised:
            task()
        assert isinstance(raised.value, UserError), name  # the CLI prints it like any other message
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [f"公示照片{n}.jpg" for n in range(3)]
    assert ws.rows(ws.checklist().id)[1].evidence_count == 0
    assert "已取消备份" in str(pytest.raises(Cancelled, tasks["backup"]).value)


def test_cancellable_progress_is_a_cancel_point() -> None:
    seen: list[tuple] = []
    stop = [False]
    report = cancellable_progress(lambda *args: seen.append(args), lambda: stop[0])
    report(1, 3)
    report(2, 3, "正在校验…")
    stop[0] = True
    with pytest.raises(Cancelled):
        report(3, 3)
    assert seen == [(1, 3), (2, 3, "正在校验…")]


def test_one_cancellation_exception_and_one_progress_type_in_the_whole_tree() -> None:
    """No module but core/progress.py defines a cancellation exception or a progress callback type."""
    found: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel == "core/progress.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and "Cancel" in node.name:
                found.append(f"{rel}: class {node.name}")
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                if isinstance(node, ast.AnnAssign) else []
            for target in targets:
                if isinstance(target, ast.Name) and target.id in ("ProgressFn", "CancelledFn", "ProgressCallback"):
                    found.append(f"{rel}: {target.id} =")
            if isinstance(node, ast.ClassDef) and node.name in ("ProgressFn", "ProgressCallback"):
                found.append(f"{rel}: class {node.name}")
        source = path.read_text(encoding="utf-8")
        if "Callable[[int, int]" in source:
            found.append(f"{rel}: Callable[[int, int], …]")
    assert found == []
