"""Make tests/data/old_workspaces/schema-<HEAD>.sqlite with the app as it is: run it once for every new
schema revision and commit the file, so later versions are tested against it (schema-0002.sqlite,
schema-0003.sqlite, schema-0004.sqlite, schema-0005.sqlite and schema-0006.sqlite were made by this script at those revisions).

A checklist from the real catalogue with edits, a file and a link as evidence, and a publication record.
"""

import shutil
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

from zwgk_desktop.core.db.migrate import HEAD_REVISION
from zwgk_desktop.core.importing import read_template
from zwgk_desktop.core.workspace import DB_NAME, Workspace

here = Path(__file__).resolve().parent
fixture = here.parent / "fixtures" / "shehui-jiuzhu-catalogue.xlsx"
out = Path(sys.argv[1] if len(sys.argv) > 1 else here / f"schema-{HEAD_REVISION}.sqlite")
with tempfile.TemporaryDirectory() as tmp:
    ws = Workspace.open(Path(tmp))
    ws.update_settings(office="万善乡人民政府", clerk="王小明")
    info = ws.import_new(read_template(fixture), name="2024年社会救助", year=2024)
    rows = ws.rows(info.id)
    ws.update_record(rows[3].id, status="done", assignee="李红", note="已在政府网站和公开查阅点公开")
    photo = Path(tmp) / "公示栏照片.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 photo of the notice board")
    ws.attach_files([rows[3].id, rows[4].id], [photo])
    ws.add_link(rows[3].id, "https://www.example.gov.cn/art/2024/10/9/art_1.html", title="办事指南",
                seen_on=date(2024, 10, 9))
    ws.add_publication(rows[3].id, formed_on=date(2024, 9, 27), published_on=date(2024, 10, 9),
                       channel="政府网站", place="https://www.example.gov.cn/art/2024/10/9/art_1.html")
    if HEAD_REVISION >= "0004":  # yearly reports (schema 0004)
        from zwgk_desktop.core.annual import store
        from zwgk_desktop.core.annual.model import AnnualReport

        report = AnnualReport(year=2024, office="万善乡人民政府")
        report.table3["new_received"][0] = 2
        report.table3["granted"][0] = 1
        report.table3["carried_forward"][0] = 1
        report.table4["行政复议"][0] = 1
        report.sections["六"] = "本年度未收取信息处理费。"
        store.save(ws, report)
    ws.close()
    db = sqlite3.connect(Path(tmp) / DB_NAME)
    db.execute("PRAGMA journal_mode=DELETE")
    db.execute("VACUUM")
    db.close()
    shutil.copy(Path(tmp) / DB_NAME, out)
print(out)
