"""Export an adopted template back to the app's own xlsx format (export then import gives the same items)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from zwgk_desktop.core.db.models import Checklist, Template, TemplateItem
from zwgk_desktop.core.fields import parsed_values_of
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, TemplateKind
from zwgk_desktop.core.workspace import Workspace


def template_of(ws: Workspace, checklist_id: str) -> ParsedTemplate:
    with ws.reading() as s:
        checklist = s.get(Checklist, checklist_id)
        assert checklist is not None
        tpl = s.get(Template, checklist.template_id)
        assert tpl is not None
        items = [
            ParsedItem(**parsed_values_of(it))
            for it in s.scalars(select(TemplateItem).where(TemplateItem.template_id == tpl.id)
                                .order_by(TemplateItem.position))
        ]
        return ParsedTemplate(name=tpl.name, items=items, kind=TemplateKind.NATIVE, issuer=tpl.issuer,
                              year=tpl.year, version=tpl.version)


def export_checklist_template(ws: Workspace, checklist_id: str, out: Path) -> Path:
    from zwgk_desktop.core.importing import write_native_xlsx

    write_native_xlsx(template_of(ws, checklist_id), Path(out))
    return Path(out)
