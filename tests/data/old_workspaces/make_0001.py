"""How tests/data/old_workspaces/schema-0001.sqlite was made (kept for the record; rerun only to rebuild).

A workspace database at schema revision 0001 (the first release) with a checklist of three items, one
edited, and its history, written with plain SQL so it does not depend on today's models.
"""

import sqlite3
import sys
from pathlib import Path

from sqlalchemy import create_engine

from zwgk_desktop.core.db.migrate import MIGRATIONS_DIR
from zwgk_desktop.core.store.history import entry_digest

out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("schema-0001.sqlite"))
out.unlink(missing_ok=True)
engine = create_engine(f"sqlite:///{out}")
from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402

cfg = Config()
cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
with engine.begin() as conn:
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "0001")
engine.dispose()

db = sqlite3.connect(out)
ts = "2025-03-01 08:00:00.000000"
db.executescript(f"""
INSERT INTO settings VALUES ('office_id', '0b6f7a52-9a43-4d0e-8f39-1f6c2f1d0001');
INSERT INTO settings VALUES ('office', '万善乡人民政府');
INSERT INTO settings VALUES ('clerk', '王小明');
INSERT INTO templates VALUES ('t0000000-0000-4000-8000-000000000001', '社会救助领域基层政务公开标准目录', '冠县民政局',
  2025, 'v1', 'catalogue', 'shehui-jiuzhu-catalogue.xlsx', '', '{ts}', '王小明', NULL);
INSERT INTO template_items VALUES ('i0000000-0000-4000-8000-000000000001', 't0000000-0000-4000-8000-000000000001',
  'pt:1', '1', '["综合业务"]', '政策法规文件', '《社会救助暂行办法》', '《中华人民共和国政府信息公开条例》',
  '制定或获取信息之日起10个工作日内', '["县级政府民政部门", "乡镇政府（街道办事处）"]', '["政府网站"]', '["全社会"]',
  '["主动"]', '["县级", "乡、村级"]', 0, '社会救助', 4);
INSERT INTO template_items VALUES ('i0000000-0000-4000-8000-000000000002', 't0000000-0000-4000-8000-000000000001',
  'pt:2', '4', '["最低生活保障"]', '办事指南', '办理事项、办理条件', '', '制定或获取信息之日起10个工作日内',
  '["乡镇政府（街道办事处）"]', '["政府网站", "公开查阅点"]', '["全社会"]', '["主动"]', '["县级", "乡、村级"]', 1,
  '社会救助', 7);
INSERT INTO template_items VALUES ('i0000000-0000-4000-8000-000000000003', 't0000000-0000-4000-8000-000000000001',
  'pt:3', '12', '["临时救助"]', '救助信息', '临时救助对象', '', '每年1月31日前', '["乡镇政府（街道办事处）"]', '[]',
  '["特定群众"]', '["依申请公开"]', '["乡、村级"]', 2, '社会救助', 15);
INSERT INTO checklists VALUES ('c0000000-0000-4000-8000-000000000001', '2025年社会救助', 't0000000-0000-4000-8000-000000000001',
  '2025', 2025, '0b6f7a52-9a43-4d0e-8f39-1f6c2f1d0001', '{ts}', NULL);
INSERT INTO item_records VALUES ('r0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001',
  'i0000000-0000-4000-8000-000000000001', 'done', '李红', '2025-03-31', '已在政府网站公开', '{ts}', '{ts}', NULL, '');
INSERT INTO item_records VALUES ('r0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000001',
  'i0000000-0000-4000-8000-000000000002', 'todo', '', NULL, '', '{ts}', '{ts}', NULL, '');
INSERT INTO item_records VALUES ('r0000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000001',
  'i0000000-0000-4000-8000-000000000003', 'rework', '', '2025-01-31', '公示期不足', '{ts}', '{ts}', NULL, '');
""")
digest = entry_digest("", "h0000000-0000-4000-8000-000000000001", "2025-03-01T08:00:00+00:00", "王小明",
                      "item_record", "r0000000-0000-4000-8000-000000000001", "update", "status", "todo", "done")
db.execute("INSERT INTO history (uid, at, actor, entity, entity_id, action, field, before, after, prev_hash, hash)"
           " VALUES ('h0000000-0000-4000-8000-000000000001', ?, '王小明', 'item_record',"
           " 'r0000000-0000-4000-8000-000000000001', 'update', 'status', '\"todo\"', '\"done\"', '', ?)",
           (ts, digest))
db.commit()
db.execute("PRAGMA journal_mode=DELETE")
db.execute("VACUUM")
db.close()
print(out)
