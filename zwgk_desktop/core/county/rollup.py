"""The county's roll-up of the packages it holds: offices × categories, and the rankings.

Townships and street offices (乡镇/街道) and county departments (县直部门) are ranked separately, by the
share of applicable items done, then fewer overdue items, late publications and items without evidence.
The change is measured against the office's previous package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zwgk_desktop.core.county.store import held_packages
from zwgk_desktop.core.workspace import Workspace

FIELDS = ("total", "done", "overdue", "late_publications", "no_evidence")
_TOWNSHIP = re.compile(r"(乡|镇|街道|办事处|乡人民政府|镇人民政府|街道办事处)$")

KIND_TOWNSHIP = "township"
KIND_DEPARTMENT = "department"


def office_kind(name: str) -> str:
    """乡镇/街道 (township) or 县直部门 (department), from the office's name."""
    return KIND_TOWNSHIP if _TOWNSHIP.search(name.strip()) else KIND_DEPARTMENT


def _totals(summary: dict) -> dict[str, int]:
    return {f: sum(int(c.get(f, 0)) for c in summary.values()) for f in FIELDS}


def _rate(t: dict[str, int]) -> float:
    return t["done"] / t["total"] if t["total"] else 0.0


@dataclass(frozen=True)
class OfficeRank:
    office: str
    office_id: str
    kind: str
    rank: int
    totals: dict[str, int]
    rate: float  # done / total
    previous_rate: float | None
    previous_rank: int | None
    created: str

    @property
    def change(self) -> float | None:
        return None if self.previous_rate is None else self.rate - self.previous_rate

    def to_json(self) -> dict:
        return {"office": self.office, "office_id": self.office_id, "kind": self.kind, "rank": self.rank,
                **self.totals, "rate": round(self.rate, 4), "previous_rate":
                None if self.previous_rate is None else round(self.previous_rate, 4),
                "change": None if self.change is None else round(self.change, 4),
                "previous_rank": self.previous_rank, "created": self.created}


@dataclass(frozen=True)
class Rollup:
    categories: list[str]
    matrix: list[dict]  # one per office and category: office, category and FIELDS
    townships: list[OfficeRank]
    departments: list[OfficeRank]

    def cell(self, office: str, category: str) -> dict | None:
        for c in self.matrix:
            if c["office"] == office and c["category"] == category:
                return c
        return None

    def to_json(self) -> dict:
        return {"categories": self.categories, "matrix": self.matrix,
                "townships": [r.to_json() for r in self.townships],
                "departments": [r.to_json() for r in self.departments]}


def _key(t: dict[str, int]) -> tuple:
    return (-_rate(t), t["overdue"], t["late_publications"], t["no_evidence"])


def _rank(rows: list[tuple[str, str, dict, dict | None, str]], kind: str) -> list[OfficeRank]:
    ranked = sorted(rows, key=lambda r: (_key(r[2]), r[0]))
    prev_order = sorted([r for r in rows if r[3] is not None], key=lambda r: (_key(r[3]), r[0]))
    prev_rank = {r[1]: n for n, r in enumerate(prev_order, 1)}
    out = []
    for n, (office, oid, totals, prev, created) in enumerate(ranked, 1):
        out.append(OfficeRank(office, oid, kind, n, totals, _rate(totals),
                              None if prev is None else _rate(prev), prev_rank.get(oid), created))
    return out


def build_rollup(ws: Workspace, *, search: str = "") -> Rollup:
    """The matrix and the rankings from the index alone (no package is opened). ``search`` keeps the
    offices whose name contains it (rankings still rank among all offices of the kind)."""
    held = held_packages(ws)
    categories: list[str] = []
    matrix: list[dict] = []
    rows: dict[str, list] = {KIND_TOWNSHIP: [], KIND_DEPARTMENT: []}
    for h in held:
        summary = h.entry["summary"]
        for category, cell in summary.items():
            if category not in categories:
                categories.append(category)
            if search in h.office:
                matrix.append({"office": h.office, "category": category, **{f: int(cell.get(f, 0)) for f in FIELDS}})
        prev = _totals(h.previous["summary"]) if h.previous else None
        rows[office_kind(h.office)].append((h.office, h.office_id, _totals(summary), prev, h.entry["created"]))
    towns = [r for r in _rank(rows[KIND_TOWNSHIP], KIND_TOWNSHIP) if search in r.office]
    depts = [r for r in _rank(rows[KIND_DEPARTMENT], KIND_DEPARTMENT) if search in r.office]
    return Rollup(categories, matrix, towns, depts)


@dataclass(frozen=True)
class AnnualCell:
    office: str
    year: int
    received: bool
    published: str | None
    due: str
    on_time: bool | None  # None: received but no publication date recorded, or not received
    errors: int
    warnings: int
    findings: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"office": self.office, "year": self.year, "received": self.received, "published": self.published,
                "due": self.due, "on_time": self.on_time, "errors": self.errors, "warnings": self.warnings,
                "findings": list(self.findings)}


def annual_tracker(ws: Workspace, *, year: int | None = None, search: str = "") -> list[AnnualCell]:
    """Offices × years for the yearly report: received in the office's current package, published by
    the county's deadline (``annual due``, on the workday calendar), and the check findings. Every year
    any package holds is listed for every office, so a missing report shows as not received."""
    from zwgk_desktop.core.annual.deadline import workspace_due

    held = [h for h in held_packages(ws) if search in h.office]
    all_held = held_packages(ws)
    years = sorted({a["year"] for h in all_held for a in h.entry.get("annual", [])} | ({year} if year else set()))
    if year is not None:
        years = [year]
    dues = {y: workspace_due(ws, y).due for y in years}
    out = []
    for h in held:
        by_year = {a["year"]: a for a in h.entry.get("annual", [])}
        for y in years:
            a = by_year.get(y)
            if a is None:
                out.append(AnnualCell(h.office, y, False, None, dues[y].isoformat(), None, 0, 0))
                continue
            published = a.get("published")
            on_time = None if not published else published <= dues[y].isoformat()
            out.append(AnnualCell(h.office, y, True, published, dues[y].isoformat(), on_time,
                                  int(a.get("errors", 0)), int(a.get("warnings", 0)), tuple(a.get("findings", []))))
    return out
