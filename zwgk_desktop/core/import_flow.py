"""The import workflow shared by the GUI and the CLI: read, preview, then commit (new or update)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from zwgk_desktop.core.checklists import ChecklistInfo
from zwgk_desktop.core.types import ParsedTemplate
from zwgk_desktop.core.versioning import UpdatePlan, parsed_values
from zwgk_desktop.core.workspace import Workspace


@dataclass
class ImportPreview:
    parsed: ParsedTemplate
    name: str  # checklist name it will get (or update)
    year: int | None
    existing: ChecklistInfo | None  # set when this is an update of an adopted template
    plan: UpdatePlan | None

    @property
    def is_update(self) -> bool:
        return self.existing is not None

    def category_counts(self) -> list[tuple[str, int]]:
        counts = Counter((it.path[0] if it.path else "（未分类）") for it in self.parsed.items)
        return list(counts.items())

    def to_json(self) -> dict:
        items = []
        for it in self.parsed.items:
            values = parsed_values(it)
            items.append({"id": None, "checklist": self.name, **values, "status": "todo", "due": None,
                          "assignee": "", "note": "", "evidence_count": 0,
                          "source": {"sheet": it.source.sheet, "row": it.source.row}})
        return {"checklist": self.name, "template": self.parsed.name, "kind": self.parsed.kind.value,
                "year": self.year, "items": items, "warnings": [str(w) for w in self.parsed.warnings]}


def prepare(ws: Workspace, path: Path, *, mapping: dict[str, str] | None = None, name: str | None = None,
            year: int | None = None,
            reader: Callable[..., ParsedTemplate] | None = None) -> ImportPreview:
    """Read and understand the file and, when it updates an adopted template, diff it. Writes nothing."""
    if reader is None:
        from zwgk_desktop.core.importing import read_template as reader
    parsed = reader(Path(path), mapping=mapping, year=year)
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


def commit(ws: Workspace, preview: ImportPreview, *, accept_similar: bool = False) -> tuple[ChecklistInfo, dict]:
    """Write the previewed import in one transaction. Returns the checklist and counts."""
    if preview.plan is not None:
        counts = ws.apply_update(preview.plan, accept_similar=accept_similar)
        return ws.checklist(preview.plan.checklist_id), counts
    info = ws.import_new(preview.parsed, name=preview.name, year=preview.year)
    return info, {"added": info.total, "removed": 0, "changed": 0, "unchanged": 0}
