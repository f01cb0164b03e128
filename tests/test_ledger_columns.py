"""Bulk inserts hand their rows to the ledger column by column: a row written again later in the same
transaction is sealed as read back (its final values), the others as given, and `check` stays clean."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from zwgk_desktop.core.db.models import ItemRecord
from zwgk_desktop.core.importing import read_template
from zwgk_desktop.core.store import checklists
from zwgk_desktop.core.workspace import DB_NAME, Workspace

FIXTURE = Path(__file__).parent / "data" / "fixtures" / "shehui-jiuzhu-catalogue.xlsx"


def test_a_bulk_inserted_row_edited_in_the_same_transaction_is_sealed_as_committed(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path)
    try:
        parsed = read_template(FIXTURE)
        office = ws.settings()["office_id"]
        with ws.transaction() as s:
            checklist_id = checklists.adopt(s, parsed, name="社会救助", year=2024, office_id=office, actor="t")
            first = s.query(ItemRecord).filter_by(checklist_id=checklist_id).order_by(ItemRecord.id).first()
            first.note = "同一事务中修改"
            s.flush()
            edited = first.id
        assert ws.check().problems == []
        rows = ws.rows(checklist_id)
        assert len(rows) == len(parsed.items)
        assert [r.note for r in rows if r.id == edited] == ["同一事务中修改"]
    finally:
        ws.close()
    with sqlite3.connect(tmp_path / DB_NAME) as db:  # behind the app's back: both kinds of row are vouched for
        db.execute("UPDATE item_records SET note = '' WHERE id = ?", (edited,))
        db.execute("UPDATE item_records SET status = 'done' WHERE id != ? AND rowid = (SELECT min(rowid) FROM "
                   "item_records WHERE id != ?)", (edited, edited))
    ws = Workspace.open(tmp_path)
    try:
        problems = ws.check().problems
    finally:
        ws.close()
    assert len(problems) == 2 and any("备注" in p for p in problems) and any("状态" in p for p in problems), problems
