"""The import workflow shared by the GUI and the CLI: read, preview, then commit (new or update)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from zwgk_desktop.core.deadlines.reading import deadline_rule_json
from zwgk_desktop.core.importing.preview_rows import preview_items
from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.store.checklists import ChecklistInfo
from zwgk_desktop.core.store.versioning import UpdatePlan, parsed_values
from zwgk_desktop.core.types import ParsedTemplate, UserError
from zwgk_desktop.core.workspace import Workspace


@dataclass
class ImportPreview:
    parsed: ParsedTemplate
    name: str  # checklist name it will get (or update)
    year: int | None
    existing: ChecklistInfo | None  # set when this is an update of an adopted template
    plan: UpdatePlan | None
    excluded: set[int] = field(default_factory=set)  # indices of items the clerk unticked (new imports)

    @property
    def is_update(self) -> bool:
        return self.existing is not None

    def exclude(self, indices: Iterable[int]) -> None:
        """Leave these items (indices into parsed.items) out of a new checklist."""
        self.excluded = {i for i in indices if 0 <= i < len(self.parsed.items)}

    def included_template(self) -> ParsedTemplate:
        """The parsed template without the excluded items (refused when nothing is left)."""
        if not self.excluded:
            return self.parsed
        items = [it for i, it in enumerate(self.parsed.items) if i not in self.excluded]
        if not items:
            raise UserError(msg("没有勾选任何事项，没有导入。"))
        return replace(self.parsed, items=items)

    def category_counts(self) -> list[tuple[str, int]]:
        counts = Counter((it.path[0] if it.path else msg("（未分类）")) for it in self.parsed.items)
        return list(counts.items())

    def to_json(self) -> dict:
        items = []
        for it, row in zip(self.parsed.items, preview_items(self.parsed)):
            values = {**parsed_values(it), "owners": list(it.owners), "lead_units": list(it.lead_units),
                      "support_units": list(it.support_units), "deadline_rule": deadline_rule_json(it.deadline)}
            items.append({"id": None, "checklist": self.name, **values, "status": "todo", "due": None,
                          "assignee": "", "note": "", "evidence_count": 0,
                          "source": {"sheet": it.source.sheet, "row": it.source.row},
                          "deadline_understood": row.deadline_understood, "deadline_meaning": row.deadline_meaning,
                          "item_warnings": list(row.warnings), "included": row.index not in self.excluded})
        return {"checklist": self.name, "template": self.parsed.name, "kind": self.parsed.kind.value,
                "document_kind": self.parsed.document_kind,
                "year": self.year, "items": items, "warnings": [str(w) for w in self.parsed.warnings],
                "skipped": [s.to_json() for s in self.parsed.skipped]}


def prepare(ws: Workspace, path: Path, *, mapping: dict[str, str] | None = None, name: str | None = None,
            year: int | None = None,
            reader: Callable[..., ParsedTemplate] | None = None, force: bool = False) -> ImportPreview:
    """Read and understand the file and, when it updates an adopted template, diff it. Writes nothing.

    A report or summary raises ``NotChecklistError`` unless ``force`` (the clerk insisted)."""
    if reader is None:
        from zwgk_desktop.core.importing import read_template as reader
    parsed = reader(Path(path), mapping=mapping, year=year, **({"force": True} if force else {}))
    existing = ws.existing_for(parsed, name)
    plan = ws.plan_update(existing.id, parsed) if existing else None
    final_name = existing.name if existing else (name or parsed.name)
    return ImportPreview(parsed=parsed, name=final_name, year=year or parsed.year, existing=existing, plan=plan)


def unique_name(base: str, taken: list[str], year: int | None = None) -> str:
    """``base``, or ``base（year）``, or ``base（2）`` …: the first not yet used by a checklist."""
    candidates = [base] + ([f"{base}（{year}）"] if year else []) + [f"{base}（{n}）" for n in range(2, 1000)]
    return next(c for c in candidates if c not in taken)


def as_new_checklist(ws: Workspace, preview: ImportPreview) -> ImportPreview:
    """The same file adopted as a separate checklist (e.g. next year's copy) instead of an update."""
    taken = [c.name for c in ws.checklists()]
    return ImportPreview(parsed=preview.parsed, name=unique_name(preview.parsed.name, taken, preview.year),
                         year=preview.year, existing=None, plan=None)


def commit(ws: Workspace, preview: ImportPreview, *, accept_similar: bool | None = None,
           archive_with_work: bool = False) -> tuple[ChecklistInfo, dict]:
    """Write the previewed import in one transaction. Returns the checklist and counts.

    An update honours the decisions recorded in ``preview.plan`` (``accept_similar`` /
    ``archive_with_work`` answer the open ones in bulk); a new checklist leaves out the excluded items."""
    if preview.plan is not None:
        if preview.excluded:
            raise UserError(msg("更新清单时不能取消勾选事项；请在新版模板文件中删除不需要的事项。"))
        counts = ws.apply_update(preview.plan, accept_similar=accept_similar, archive_with_work=archive_with_work)
        return ws.checklist(preview.plan.checklist_id), counts
    info = ws.import_new(preview.included_template(), name=preview.name, year=preview.year)
    return info, {"added": info.total, "removed": 0, "changed": 0, "unchanged": 0}
