"""The Qt-free helpers behind the report dialogs."""

from __future__ import annotations

from datetime import date

from zwgk_desktop.core.presenters.report_options import (
    ReportScope,
    default_file_name,
    scope_choices,
    with_suffix,
)
from zwgk_desktop.core.services import import_flow
from zwgk_desktop.core.workspace import Workspace


def test_report_options(tmp_path, fixtures_dir):
    with Workspace.open(tmp_path / "ws") as ws:
        import_flow.commit(ws, import_flow.prepare(ws, fixtures_dir / "shehui-jiuzhu-catalogue.xlsx"))
        choices = scope_choices(ws.rows(ws.checklist().id))
    assert choices.categories[1] == ("最低生活保障", 4) and choices.owners
    scope = ReportScope("category", "最低生活保障")
    assert (scope.category, scope.owner, scope.label) == ("最低生活保障", None, "分类：最低生活保障")
    assert default_file_name('台账: "甲"/乙', scope, ".pdf", date(2024, 5, 6)) == "台账_ _甲_乙-最低生活保障-20240506.pdf"
    assert with_suffix("/x/报告", ".pdf") == "/x/报告.pdf" and with_suffix("/x/a.PDF", ".pdf") == "/x/a.PDF"
