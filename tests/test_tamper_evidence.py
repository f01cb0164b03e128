"""Tamper evidence that covers the records: replaying the history gives every record, link and publication
(core/store/ledger.py), `check` reports each change made behind the app's back, and the history head carried by
a PDF report or a backup (数据校验码) tells whether the ledger still holds the state it was made from."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import pytest

from zwgk_desktop.cli import main
from zwgk_desktop.core.services.backup import create_backup
from zwgk_desktop.core.store import history
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, UserError
from zwgk_desktop.core.workspace import Workspace


def _template(titles: list[str], name: str = "目录") -> ParsedTemplate:
    return ParsedTemplate(name=name, issuer="县政务公开办",
                          items=[ParsedItem(title=t, path=["最低生活保障"], deadline="20个工作日内") for t in titles])


def _busy_workspace(tmp_path: Path, url: str | None = None) -> Workspace:
    """A workspace that went through every kind of write the app makes."""
    w = Workspace.open(tmp_path / "ws", url=url)
    w.update_settings(office="万善乡人民政府", clerk="李四")
    w.import_new(_template(["办事指南", "审核信息", "资金发放", "监督电话"]))
    rows = w.rows(w.checklist().id)
    w.update_record(rows[0].id, status="done", note="已在公示栏公开", assignee="张三", due=date(2024, 10, 31))
    photo = tmp_path / "公示照片.jpg"
    photo.write_bytes(b"jpeg bytes")
    ev = w.attach_files([rows[0].id, rows[1].id], [photo])[0]
    w.add_link(rows[0].id, "http://www.example.gov.cn/zwgk/1.html", title="网站公开")
    note = w.add_text_note(rows[1].id, "村务公开栏已张贴")
    w.add_publication(rows[0].id, formed_on=date(2024, 3, 1), published_on=date(2024, 3, 5), channel="政府网站",
                      place="http://www.example.gov.cn/zwgk/1.html", what="低保对象名单", evidence_ids=[ev.id])
    w.archive_evidence(note.id, rows[1].id)
    w.restore_evidence(note.id, rows[1].id)
    w.archive_record(rows[3].id)
    w.restore_record(rows[3].id)
    plan = w.plan_update(w.checklist().id, _template(["办事指南", "审核信息", "资金发放", "救助标准"]))
    w.apply_update(plan, archive_with_work=True)
    w.rename_checklist("目录", "2024年台账")
    w.import_new(_template(["临时事项"], name="临时清单"))
    other = w.rows(w.checklist("临时清单").id)[0]
    w.attach_files([other.id], [photo])
    w.add_text_note(other.id, "只属于临时清单")
    w.remove_checklist("临时清单")
    w.purge_checklist("临时清单")
    extra = w.add_text_note(rows[2].id, "作废")
    w.archive_evidence(extra.id, rows[2].id)
    w.purge_archived_evidence()
    return w


@pytest.fixture
def ws(tmp_path: Path):
    w = _busy_workspace(tmp_path)
    yield w
    w.close()


def _sql(ws: Workspace, *statements: tuple[str, tuple]) -> None:
    """Edit the database behind the app's back."""
    conn = sqlite3.connect(ws.db_path)
    for sql, params in statements:
        conn.execute(sql, params)
    conn.commit()
    conn.close()


def _check(ws: Workspace, capsys, *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(ws.data_dir), "check", *extra])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out + out.err


def _record(ws: Workspace, title: str) -> str:
    return next(r.id for r in ws.rows(ws.checklist().id) if r.title == title)


def test_every_kind_of_write_replays_to_the_records(ws: Workspace, capsys) -> None:
    assert ws.check_integrity() == []
    code, out = _check(ws, capsys)
    assert code == 0 and "数据完整" in out and "当前数据校验码：" in out
    # the state entries are in the chain but not in the history a clerk reads
    assert all(h.entity != "ledger" for h in ws.history(limit=1000))


def test_every_kind_of_write_replays_on_a_server_too(tmp_path: Path, db_url: str | None) -> None:
    """With ZWGK_TEST_DATABASE_URL (PostgreSQL: timestamps with time zones, its own JSON) as on SQLite."""
    w = _busy_workspace(tmp_path, db_url)
    try:
        assert w.check_integrity() == []
        rid = next(r.id for r in w.rows(w.checklist().id) if r.title == "办事指南")
        w.update_record(rid, status="doing")
        assert w.check().ok
    finally:
        w.close()


def test_an_item_changed_behind_the_apps_back_is_reported_field_by_field(ws: Workspace, capsys) -> None:
    rid = _record(ws, "办事指南")
    _sql(ws, ("UPDATE item_records SET status = 'todo', note = '' WHERE id = ?", (rid,)))
    code, out = _check(ws, capsys)
    assert code == 1
    assert "事项“办事指南”" in out and "的状态与变更记录不符：记录为“已完成”，现为“待办”" in out
    assert "的备注与变更记录不符：记录为“已在公示栏公开”，现为“（空）”" in out


def test_template_title_publication_date_and_evidence_link_are_reported(ws: Workspace, capsys) -> None:
    rid = _record(ws, "审核信息")
    _sql(ws,
         ("UPDATE template_items SET title = '审核结果' WHERE title = '审核信息'", ()),
         ("UPDATE publications SET published_on = '2024-03-04'", ()),
         ("UPDATE evidence_links SET record_id = ? WHERE record_id = ? AND evidence_id IN "
          "(SELECT id FROM evidence WHERE kind = 'text')", (_record(ws, "资金发放"), rid)))
    code, out = _check(ws, capsys)
    assert code == 1
    assert "模板事项“审核结果”" in out and "名称与变更记录不符：记录为“审核信息”，现为“审核结果”" in out
    assert "公开记录“办事指南”" in out and "公开日期与变更记录不符：记录为“2024-03-05”，现为“2024-03-04”" in out
    assert "佐证关联“村务公开栏已张贴”" in out and "所属事项与变更记录不符" in out


def test_rows_added_or_deleted_outside_the_app_and_foreign_keys(ws: Workspace, capsys) -> None:
    _sql(ws,
         ("DELETE FROM publications", ()),
         ("INSERT INTO evidence_links (id, evidence_id, record_id, linked_at) VALUES (?, ?, ?, ?)",
          ("feedbeef-0000-0000-0000-000000000000", "no-such-evidence", "no-such-record", "2024-01-01 00:00:00")))
    code, out = _check(ws, capsys)
    assert code == 1
    assert "公开记录“低保对象名单”" in out and "已从数据库中消失" in out
    assert "佐证关联 feedbeef" in out and "不在变更记录中" in out
    assert "表 evidence_links 第" in out and "引用了表" in out and "中不存在的记录" in out


def test_deleting_the_last_history_entries_or_all_of_them_is_reported(ws: Workspace, capsys) -> None:
    rid = _record(ws, "资金发放")
    ws.update_record(rid, status="rework", note="材料不全")
    # the edit's entries: two field changes and its state entry
    _sql(ws, ("DELETE FROM history WHERE seq > (SELECT max(seq) - 3 FROM history)", ()))
    assert ws.verify_history() == []  # a cut chain still verifies …
    code, out = _check(ws, capsys)
    assert code == 1 and "事项“资金发放”" in out and "状态与变更记录不符：记录为“待办”，现为“需整改”" in out
    _sql(ws, ("DELETE FROM history", ()))
    code, out = _check(ws, capsys)
    assert code == 1 and "变更记录是空的" in out
    ws.close()
    with Workspace.open(ws.data_dir) as again:  # reopening does not take the tampered state as a baseline
        assert any("变更记录是空的" in p for p in again.check_integrity())


def _forge(ws: Workspace, rid: str, status: str) -> None:
    """What a tamperer who knows the format does: change a record, its history, and recompute the chain
    (nothing inside the database can tell)."""
    conn = sqlite3.connect(ws.db_path)
    conn.execute("UPDATE item_records SET status = ? WHERE id = ?", (status, rid))
    prev = ""
    for seq, uid, at, actor, entity, eid, action, field, before, after in conn.execute(
            "SELECT seq, uid, at, actor, entity, entity_id, action, field, before, after FROM history ORDER BY seq"
    ).fetchall():
        before, after = json.loads(before) if before else None, json.loads(after) if after else None
        if entity == "ledger":  # the state entry: the rows as JSON text
            state = json.loads(after)
            for part in state["tables"].values():
                if part.get("table", "item_records") == "item_records" and rid in part.get("rows", {}):
                    part["rows"][rid][part["columns"].index("status")] = status
            after = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
        if entity == "item_record" and eid == rid and field == "status":
            after = status
        stamp = at.replace(" ", "T") + ("+00:00" if "+" not in at else "")
        digest = history.entry_digest(prev, uid, stamp, actor, entity, eid, action, field, before, after)
        conn.execute("UPDATE history SET before = ?, after = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                     (json.dumps(before, ensure_ascii=False) if before is not None else None,
                      json.dumps(after, ensure_ascii=False) if after is not None else None, prev, digest, seq))
        prev = digest
    conn.commit()
    conn.close()


def test_report_and_backup_anchor_the_history_outside_the_database(ws: Workspace, tmp_path: Path, capsys) -> None:
    pdf, zip_ = tmp_path / "自查报告.pdf", tmp_path / "备份.zip"
    assert main(["--data-dir", str(ws.data_dir), "report", "pdf", str(pdf)]) == 0
    create_backup(ws, zip_)
    code, out = _check(ws, capsys, "--against", str(pdf))
    assert code == 0 and "报告“自查报告.pdf”的数据校验码" in out and "之后没有新的变更" in out
    printed = out.split("当前数据校验码：")[1].strip()
    if shutil.which("pdftotext"):  # printed on the cover
        text = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "数据校验码" in text and printed in text

    rid = _record(ws, "办事指南")
    ws.update_record(rid, note="补充了链接")
    code, out = _check(ws, capsys, "--against", str(zip_))
    assert code == 0 and "备份“备份.zip”的数据校验码" in out and "仍在变更记录中：之后又有 2 条变更记录" in out
    code, out = _check(ws, capsys, "--against", printed)  # typed from the printed report
    assert code == 0 and "仍在变更记录中" in out

    _forge(ws, rid, "todo")
    assert ws.check_integrity() == []  # a consistent forgery: nothing inside the database shows it …
    for anchor in (str(pdf), str(zip_), printed):  # … the anchors outside it do
        code, out = _check(ws, capsys, "--against", anchor)
        assert code == 1 and "不在当前的变更记录中：变更记录在其生成之后被改写或删减" in out, anchor
    result = ws.check(against=pdf)
    assert result.against is not None and not result.against.held


def test_against_something_that_carries_no_head_is_refused_in_words(ws: Workspace, tmp_path: Path, capsys) -> None:
    other = tmp_path / "别的.pdf"
    other.write_bytes(b"%PDF-1.4\n%%EOF\n")
    code, out = _check(ws, capsys, "--against", str(other))
    assert code == 1 and "中没有数据校验码" in out
    code, out = _check(ws, capsys, "--against", "不是校验码")
    assert code == 1 and "也不是数据校验码" in out
    with pytest.raises(UserError):
        ws.check(against=tmp_path / "nothing.zip")


@pytest.mark.parametrize("schema", ["0002", "0003"])  # 0003: this schema, written before the ledger
def test_a_workspace_from_before_the_ledger_gets_a_baseline(tmp_path: Path, schema: str) -> None:
    old = Path(__file__).parent / "data" / "old_workspaces" / f"schema-{schema}.sqlite"
    shutil.copy(old, tmp_path / "zwgk.sqlite")
    with Workspace.open(tmp_path) as ws:
        assert ws.check_integrity() == []
        rid = ws.rows(ws.checklist("2024年社会救助").id)[3].id
        _sql(ws, ("UPDATE item_records SET note = '后改的' WHERE id = ?", (rid,)))
        assert any("备注与变更记录不符" in p and "现为“后改的”" in p for p in ws.check_integrity())
    with Workspace.open(tmp_path) as ws:  # no second baseline over the tampered record
        assert any("备注与变更记录不符" in p for p in ws.check_integrity())
