"""Export an adopted template back to the app's own xlsx format (export then import gives the same items)."""

from __future__ import annotations

from pathlib import Path

from zwgk_desktop.core.store import checklists
from zwgk_desktop.core.types import ParsedTemplate
from zwgk_desktop.core.workspace import Workspace


def template_of(ws: Workspace, checklist_id: str) -> ParsedTemplate:
    with ws.reading() as s:
        return checklists.template_of(s, checklist_id)


def export_checklist_template(ws: Workspace, checklist_id: str, out: Path) -> Path:
    from zwgk_desktop.core.importing import write_native_xlsx

    write_native_xlsx(template_of(ws, checklist_id), Path(out))
    return Path(out)
