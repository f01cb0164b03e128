"""What both front ends do with yearly reports: check one (stored, or a file), a folder of files, import one.

Cross-year rules use the previous year's report of the same office: from the same folder when checking a
folder, else from the workspace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zwgk_desktop.core.annual import store
from zwgk_desktop.core.annual.checks import ERROR, WARNING, Finding, Structure, check
from zwgk_desktop.core.annual.model import AnnualReport, table_name
from zwgk_desktop.core.annual.readers import READABLE, ReadResult, read_report
from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.progress import ProgressFn
from zwgk_desktop.core.types import UserError

if TYPE_CHECKING:
    from zwgk_desktop.core.workspace import Workspace


@dataclass
class CheckResult:
    source: str  # file path, or "工作区"
    office: str = ""
    year: int | None = None
    fmt: str = ""
    findings: list[Finding] = field(default_factory=list)
    error: str = ""  # the file could not be read at all
    previous_used: bool = False

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.level == ERROR) + (1 if self.error else 0)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.level == WARNING)

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "office": self.office, "year": self.year, "format": self.fmt,
                "errors": self.errors, "warnings": self.warnings, "error": self.error,
                "previous_year_checked": self.previous_used,
                "findings": [f.to_json() for f in self.findings]}


def _previous_from_ws(ws: Workspace | None, report: AnnualReport) -> AnnualReport | None:
    if ws is None or not report.office:
        return None
    return store.previous(ws, report)


def check_report(report: AnnualReport, *, previous: AnnualReport | None = None,
                 structure: Structure | None = None, source: str = "工作区", fmt: str = "") -> CheckResult:
    return CheckResult(source, report.office, report.year, fmt, check(report, previous, structure),
                       previous_used=previous is not None)


def check_stored(ws: Workspace, year: int, office: str | None = None) -> CheckResult:
    stored = store.get(ws, year, office)
    if stored is None:
        raise UserError(msg("工作区中没有{year}年的年度报告：先用 zwgk annual import {year} 文件 导入，或在窗口中填写",
                            year=year))
    return check_report(stored.report, previous=_previous_from_ws(ws, stored.report))


def check_file(path: Path, ws: Workspace | None = None, *, year: int | None = None) -> CheckResult:
    result = read_report(path, year=year)
    return check_report(result.report, previous=_previous_from_ws(ws, result.report), structure=result.structure,
                        source=str(path), fmt=result.fmt)


def report_files(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() in READABLE
                  and not p.name.startswith((".", "~$")))


def check_folder(folder: Path, ws: Workspace | None = None, *, progress: ProgressFn | None = None) -> list[CheckResult]:
    """Every report file of ``folder`` (not its subfolders); a file that cannot be read is a result with its
    error, never the end of the run. ``progress(done, total)`` is called after each file."""
    files = report_files(folder)
    if not files:
        raise UserError(msg("文件夹“{folder}”中没有可读取的年度报告（.json、.xlsx、.docx、.html、.pdf）",
                            folder=str(folder)))
    read: list[tuple[Path, ReadResult | None, str]] = []
    for i, path in enumerate(files, start=1):
        try:
            read.append((path, read_report(path), ""))
        except UserError as exc:
            read.append((path, None, str(exc)))
        if progress is not None:
            progress(i, len(files))
    by_office_year = {(r.report.office, r.report.year): r.report for _, r, _ in read if r is not None}
    results: list[CheckResult] = []
    for path, r, error in read:
        if r is None:
            results.append(CheckResult(str(path), error=error))
            continue
        previous = by_office_year.get((r.report.office, r.report.year - 1)) if r.report.office else None
        if previous is None:
            previous = _previous_from_ws(ws, r.report)
        results.append(check_report(r.report, previous=previous, structure=r.structure, source=str(path),
                                    fmt=r.fmt))
    return results


def summary_rows(results: list[CheckResult]) -> list[list[str]]:
    """The folder's summary table: 文件, 单位, 年度, 错误, 警告, 首个问题."""
    rows = [["文件", "单位", "年度", "错误", "警告", "首个问题"]]
    for r in results:
        first = r.error or next((f.message for f in r.findings if f.level == ERROR), "") or next(
            (f.message for f in r.findings), "")
        rows.append([Path(r.source).name, r.office, str(r.year or ""), str(r.errors), str(r.warnings), str(first)])
    return rows


def import_file(ws: Workspace, year: int, path: Path, *, office: str | None = None,
                as_office: bool = False) -> tuple[store.StoredReport, CheckResult]:
    """Read a report file into the workspace as printed (a wrong 总计 is kept, for the check to report);
    nothing is written when the file cannot be read or names another year. With ``as_office`` the report
    is kept as ``office`` (default the workspace's own) whatever office the file names."""
    result = read_report(path, year=year)
    if result.structure is not None:
        unreadable = result.structure.unreadable
        if unreadable and not result.structure.old_format:
            table, why = next(iter(unreadable.items()))
            raise UserError(msg("“{file}”的{table}无法读取：{why}。没有导入任何内容。", file=Path(path).name,
                                table=table_name(table), why=why))
        if result.structure.old_format:
            raise UserError(msg("“{file}”使用2019年试行格式的表二，不能作为2021年格式的年度报告导入。没有导入任何内容。",
                                file=Path(path).name))
    report = result.report
    if as_office or not report.office:
        report.office = (office or ws.settings()["office"]).strip()
    stored = store.save(ws, report, origin="imported", source_file=str(path))
    return stored, check_report(stored.report, previous=_previous_from_ws(ws, stored.report),
                                structure=result.structure, source=str(path), fmt=result.fmt)

