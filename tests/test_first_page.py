"""The window's first page (plain sqlite3, one indexed query) is exactly the start of the full read."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from zwgk_desktop.core.restore_journal import journal_path
from zwgk_desktop.core.store.first_page import peek, read_first_page
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, Status
from zwgk_desktop.core.workspace import Workspace


def _workspace(folder: Path, n: int = 300) -> Workspace:
    ws = Workspace.open(folder)
    items = [ParsedItem(title=f"事项{i}", path=["社会救助", f"二级{i % 7}"], content=f"内容{i}", basis="《条例》",
                        deadline="信息形成或者变更之日起20个工作日内", owners=["县民政局", "乡镇政府"],
                        channels=["政府网站"], audience=["全社会"], mode=["主动"], level=["县级"])
             for i in range(n)]
    ws.import_new(ParsedTemplate(name="目录", items=items), year=2025)
    return ws


def test_first_page_equals_the_start_of_the_full_read(tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "ws")
    try:
        cid = ws.checklists()[0].id
        rows = ws.rows(cid)
        # work on a few rows: status, due date, assignee, note, evidence; one moved to the 回收站
        ws.update_record(rows[0].id, status="done", due=date(2025, 3, 31), assignee="张三", note="已公开")
        ws.add_link(rows[1].id, "https://example.gov.cn/a", title="公开页面")
        ws.archive_record(rows[2].id)
        full = ws.rows(cid)
        page = read_first_page(ws.db_path, cid, 50)
        assert page is not None
        assert page == full[:50]  # every field, in template order
        assert [r.search_text for r in page] == [r.search_text for r in full[:50]]
        assert page[0].status is Status.DONE and page[0].due == date(2025, 3, 31) and page[1].evidence_count == 1
        assert rows[2].id not in {r.id for r in page}
        assert ws.first_page(cid, 10) == full[:10]
        assert read_first_page(ws.db_path, "no-such-checklist", 10) == []
        assert read_first_page(tmp_path / "missing.sqlite", cid, 10) is None  # the caller takes the normal path
    finally:
        ws.close()


def test_peek_reads_the_checklist_the_window_will_open_before_the_workspace_is(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    ws = _workspace(folder)
    try:
        ws.update_settings(office="万善乡人民政府")
        first = ws.checklists()[0]
        ws.import_new(ParsedTemplate(name="第二个", items=[ParsedItem(title="另一事项", path=["其他"])]), year=2025)
        newest = ws.checklists()[-1]
        rows = ws.rows(first.id)
        ws.update_record(rows[3].id, status="done")
        full = ws.rows(first.id)
    finally:
        ws.close()
    seen = peek(folder, first.id, 20)
    assert seen is not None
    assert (seen.checklist_id, seen.name, seen.total, seen.office) == (first.id, first.name, 300, "万善乡人民政府")
    assert seen.rows == full[:20]
    other = peek(folder, "a checklist since removed", 20)
    assert other is not None and other.checklist_id == newest.id and [r.title for r in other.rows] == ["另一事项"]


def test_peek_leaves_every_other_workspace_to_the_normal_opening(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    _workspace(folder, 5).close()
    assert peek(folder, None, 10) is not None
    assert peek(tmp_path / "missing", None, 10) is None
    (folder / ".journal").mkdir()
    (folder / ".journal" / "x.json").write_text("{}", encoding="utf-8")  # a transaction's files to put back
    assert peek(folder, None, 10) is None
    (folder / ".journal" / "x.json").unlink()
    assert peek(folder, None, 10) is not None
    journal_path(folder).write_text("{}", encoding="utf-8")  # a restore to finish first
    assert peek(folder, None, 10) is None
    journal_path(folder).unlink()
    con = sqlite3.connect(folder / "zwgk.sqlite")
    con.execute("UPDATE alembic_version SET version_num = '0004'")  # an older schema: opening migrates it
    con.commit()
    con.close()
    assert peek(folder, None, 10) is None
    empty = tmp_path / "empty"
    Workspace.open(empty).close()  # no checklist yet: the welcome page
    assert peek(empty, None, 10) is None
    other = tmp_path / "other"
    other.mkdir()
    (other / "zwgk.sqlite").write_bytes(b"not a database at all" * 10)
    assert peek(other, None, 10) is None
