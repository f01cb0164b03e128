"""Entry points: :func:`read_template` and :func:`preview_file`.

Workbooks: every sheet is read; a sheet without a recognisable header is skipped with a warning (a
``说明`` sheet, a chart…). When several sheets hold items (one sheet per domain is common), the domain
— the sheet name, or when that is a default name such as ``Sheet1`` the title row without
``领域基层政务公开标准目录`` — becomes the outermost path level. A single-sheet table is named after its title
row (``附件：`` removed), else after the file.
"""

from __future__ import annotations

import re
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..fileutil import sha256_file
from ..limits import IMPORT_MAX_FILE_BYTES
from ..messages import msg
from ..types import (
    BadFileError,
    ImportWarning,
    ParsedItem,
    ParsedTemplate,
    SkippedRow,
    SkipReason,
    SourceRef,
    TemplateKind,
)
from .catalogue import _row_text, parse_rows
from .columns import FIELDS
from .doc_kind import CATALOGUE, NOT_CHECKLIST, NOTICE, TASKS, refuse_report, report_reason
from .header import Header, Plan, apply_mapping, column_letter, find_header, is_unsure, make_plan
from .native import (
    FORMAT_MINOR,
    FORMAT_NAME,
    FORMAT_VERSION,
    INFO_SHEET,
    TEMPLATE_SHEET,
    check_version,
    is_native_header,
    native_header,
    read_info,
)
from .normalize import clean, label_key
from .readers import (
    Grid,
    check_file,
    check_import_result,
    check_lines,
    check_time,
    decode_text,
    read_csv,
    read_workbook,
)
from .titles import document_title, issuer_from_title

DEFAULT_MAX_BYTES = IMPORT_MAX_FILE_BYTES
PREVIEW_ROWS = 10
_DEFAULT_SHEET = re.compile(r"^(?:sheet|工作表|表)\s*\d*$", re.IGNORECASE)
_DOMAIN_SUFFIX = re.compile(
    r"(?:领域)?(?:基层)?(?:政务公开)?(?:标准)?(?:事项)?目录(?:清单)?$|(?:领域)?标准目录$"
)
_YEAR = re.compile(r"(20\d\d)\s*年")


@dataclass
class SheetPreview:
    """What the column-mapping dialog shows for one sheet."""

    sheet: str
    header_rows: list[int]  # 1-based rows of the detected header ([] when none was found)
    labels: list[str]  # header label per column ("公开对象/全社会")
    suggested: dict[int, str]  # column index -> field name (FIELDS key)
    unsure: bool  # True when the user should check or set the mapping
    rows: list[list[str]] = field(default_factory=list)  # first data rows as text
    title: str = ""  # the title row above the header, if any


@dataclass
class _Sheet:
    grid: Grid
    header: Header
    plan: Plan
    title: str


def read_template(
    path: Path | str,
    *,
    mapping: dict[str, str] | None = None,
    name: str | None = None,
    year: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    force: bool = False,
) -> ParsedTemplate:
    """Read a template file (.xlsx/.xlsm/.xls/.ods/.csv tables, .txt/.docx notices) into a ParsedTemplate.

    ``mapping`` maps header labels as shown in the file (or column letters) to field names or their
    Chinese labels (``{"事项名称": "事项", "牵头单位": "owners"}``); mapped columns override detection.
    Raises :class:`BadFileError` with a Chinese message naming the file for anything that cannot be imported;
    a report or summary (not a checklist) raises :class:`NotChecklistError` unless ``force`` is set.
    """
    path = Path(path)
    started = time.monotonic()
    ext, _ = check_file(path, max_bytes)
    if ext == ".txt":
        tpl = _from_text(path, force)
    elif ext == ".docx":
        tpl = _from_docx(path, mapping, force)
    else:
        grids = read_csv(path) if ext == ".csv" else read_workbook(path, ext)
        check_time(started, path.name)
        tpl = _from_grids(grids, path, mapping)
    check_import_result(len(tpl.items), started, path.name)
    if not tpl.items:
        raise BadFileError(
            msg("没有读到任何事项。请检查文件内容，或在导入对话框中指定各列对应的字段。"),
            SourceRef(file=path.name),
        )
    if not tpl.document_kind:
        tpl.document_kind = {TemplateKind.CATALOGUE: CATALOGUE, TemplateKind.TASKS: TASKS,
                             TemplateKind.NOTICE: NOTICE}.get(tpl.kind, tpl.kind.value)
    if name:
        tpl.name = name
    if year:
        tpl.year = year
    tpl.name = tpl.name or path.stem
    if not tpl.issuer and tpl.kind is not TemplateKind.NATIVE:
        tpl.issuer = issuer_from_title(tpl.name)
    tpl.source_file = path.name
    tpl.source_sha256 = sha256_file(path)
    return tpl


def preview_file(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[SheetPreview]:
    """Per sheet: the detected header, the suggested mapping and the first data rows (for the GUI / CLI)."""
    path = Path(path)
    ext, _ = check_file(path, max_bytes)
    if ext in (".txt", ".docx"):
        try:
            tpl = _from_text(path, True) if ext == ".txt" else _from_docx(path, None, True)
        except BadFileError:
            tpl = ParsedTemplate(name=path.stem, items=[])
        labels = [FIELDS[f] for f in ("category1", "title", "content", "deadline", "owners")]
        rows = [
            ["/".join(it.path), it.title, it.content, it.deadline, "、".join(it.owners)] for it in tpl.items
        ]
        return [
            SheetPreview(
                sheet=tpl.name or path.stem,
                header_rows=[],
                labels=labels,
                suggested={0: "category1", 1: "title", 2: "content", 3: "deadline", 4: "owners"},
                unsure=not tpl.items,
                rows=rows[:PREVIEW_ROWS],
            )
        ]
    grids = read_csv(path) if ext == ".csv" else read_workbook(path, ext)
    out: list[SheetPreview] = []
    native = any(g.name == TEMPLATE_SHEET for g in grids)
    native_sheet = _native_sheet({g.name: g for g in grids})
    for grid in grids:
        if not any(any(r) for r in grid.rows):
            continue
        if native and grid.name == INFO_SHEET:
            continue  # the app's own format: 说明 holds name, issuer and year, not items
        header = native_header(grid) if grid is native_sheet else find_header(grid)
        if header is None:
            rows = [[clean(v) for v in r] for r in grid.rows if any(r)][:PREVIEW_ROWS]
            labels = [column_letter(c) for c in range(grid.width)]
            out.append(SheetPreview(grid.name, [], labels, {}, True, rows))
            continue
        plan = make_plan(header)
        rows = []
        for r in range(header.last + 1, len(grid.rows)):
            if any(grid.rows[r]):
                rows.append([clean(v) for v in grid.rows[r]])
                if len(rows) >= PREVIEW_ROWS:
                    break
        out.append(
            SheetPreview(
                grid.name,
                header.rows,
                header.labels,
                plan.suggested(),
                is_unsure(header, plan),
                rows,
                _title_above(grid, header),
            )
        )
    return out


def _title_above(grid: Grid, header: Header) -> str:
    """The document title among the rows above the header (``附件1``, date and 文号 rows skipped)."""
    return document_title(next((v for v in row if clean(v)), "") for row in grid.rows[: header.first])


def _header_from_mapping(grid: Grid, mapping: dict[str, str]) -> Header | None:
    """When detection fails, the first row holding one of the user's labels is the header."""
    keys = {label_key(k) for k in mapping}
    for r in range(min(15, len(grid.rows))):
        row = [clean(v) for v in grid.rows[r]]
        if any(label_key(v) in keys for v in row if v):
            width = grid.width
            row += [""] * (width - len(row))
            return Header(r, r, row, [""] * width, list(row), [None] * width, 0)
    return None


def _from_grids(grids: list[Grid], path: Path, mapping: dict[str, str] | None) -> ParsedTemplate:
    file_name = path.name
    warnings: list[ImportWarning] = []
    by_name = {g.name: g for g in grids}
    native_grid = _native_sheet(by_name)
    native = native_grid is not None
    info = read_info(by_name[INFO_SHEET].rows) if native and INFO_SHEET in by_name else {}
    version = check_version(info, file_name) if native else (0, 0)
    if native and version[1] > FORMAT_MINOR:
        warnings.append(ImportWarning(
            msg("这个文件的模板格式版本是 {version}，比本程序的 {ours} 新：本程序认识的列都已导入，新增的列见下面的提示。",
                version=info.get("format_version", ""), ours=FORMAT_VERSION), SourceRef(file=file_name, sheet=INFO_SHEET)))
    sheets: list[_Sheet] = []
    unsure_error: BadFileError | None = None
    no_header: list[str] = []
    unmatched: dict[str, int] = {}
    candidates = [by_name[TEMPLATE_SHEET]] if native else grids
    for grid in candidates:
        if not any(any(r) for r in grid.rows):
            continue
        header = native_header(grid) if native else find_header(grid)
        if header is None and native:
            raise BadFileError(msg("模板格式的表头中没有“事项”列，无法读取事项。"),
                               SourceRef(file=file_name, sheet=grid.name, row=1))
        if header is None and mapping:
            header = _header_from_mapping(grid, mapping)
        if header is None:
            no_header.append(grid.name)
            continue
        if mapping:
            for key in apply_mapping(header, mapping):
                unmatched[key] = unmatched.get(key, 0) + 1
        plan = make_plan(header)
        if not plan.has_title:
            unsure_error = unsure_error or ColumnsNotUnderstoodError(
                msg("无法确定哪一列是“事项”（事项名称或具体要求）。请在导入对话框中指定各列对应的字段（命令行：--map 表头=字段，例如 --map 事项名称=事项）。"),
                SourceRef(file=file_name, sheet=grid.name, row=header.first + 1),
            )
            continue
        sheets.append(_Sheet(grid, header, plan, _title_above(grid, header)))
    if not sheets:
        if unsure_error:
            raise unsure_error
        raise ColumnsNotUnderstoodError(
            msg("没有找到表头：前 15 行中没有“事项”“公开内容”“具体要求”“责任单位”等列名。请确认这是政务公开目录或任务分解表，或在导入对话框中指定各列对应的字段。"),
            SourceRef(file=file_name, sheet=no_header[0] if len(no_header) == 1 else ""),
        )
    for name in no_header:
        warnings.append(
            ImportWarning(msg("没有找到表头，已跳过这个工作表。"), SourceRef(file=file_name, sheet=name))
        )
    for key, count in unmatched.items():
        if count == len(sheets):
            warnings.append(
                ImportWarning(msg("指定的列“{key}”在文件中没有找到，已忽略。", key=key), SourceRef(file=file_name))
            )
    per_sheet: list[tuple[_Sheet, list[ParsedItem]]] = []
    skipped: list[SkippedRow] = []
    mapped_keys = {label_key(k) for k in (mapping or {})}
    for sh in sheets:
        skipped.extend(_title_rows(sh, file_name))
        items = parse_rows(
            sh.grid, sh.header, sh.plan, file_name=file_name, outer=[], warnings=warnings, native=native,
            skipped=skipped,
        )
        warnings.extend(_unread_columns(sh, file_name, mapped_keys, items, native))
        if items:
            per_sheet.append((sh, items))
        elif not native:
            warnings.append(
                ImportWarning(msg("这个工作表没有事项。"), SourceRef(file=file_name, sheet=sh.grid.name))
            )
    items: list[ParsedItem] = []
    multi = len(per_sheet) > 1 and not native
    for sh, sheet_items in per_sheet:
        if multi:
            domain = _domain(sh)
            for it in sheet_items:
                if not it.path or it.path[0] != domain:
                    it.path.insert(0, domain)
        items.extend(sheet_items)
    if not items:
        first = per_sheet[0][0] if per_sheet else sheets[0]
        raise BadFileError(
            msg("找到了表头，但表头下面没有任何事项行。"),
            SourceRef(file=file_name, sheet=first.grid.name, row=first.header.last + 2),
        )
    if native:
        kind = TemplateKind.NATIVE
        tpl_name = info.get("name", "")
    else:
        kind = TemplateKind.TASKS if any(sh.plan.is_tasks for sh, _ in per_sheet) else TemplateKind.CATALOGUE
        tpl_name = per_sheet[0][0].title if len(per_sheet) == 1 else ""
    tpl_year = int(info["year"]) if info.get("year", "").isdigit() else None
    if tpl_year is None:
        for sh, _ in per_sheet:
            m = _YEAR.search(sh.title)
            if m:
                tpl_year = int(m.group(1))
                break
    if tpl_year is None:  # a date line above the header (发布日期：2022-09-28, 2021年7月5日)
        for sh, _ in per_sheet:
            tpl_year = _date_year(sh.grid.rows[: sh.header.first])
            if tpl_year:
                break
    return ParsedTemplate(
        name=tpl_name or path.stem,
        items=items,
        kind=kind,
        issuer=info.get("issuer", ""),
        year=tpl_year,
        version=info.get("version", ""),
        warnings=warnings,
        skipped=skipped,
    )


class ColumnsNotUnderstoodError(BadFileError):
    """No header or no item column was recognised: the clerk maps the columns (dialog, ``--map``)."""

    needs_mapping = True


_DATE_LINE = re.compile(r"(20\d\d)\s*(?:年\s*\d{1,2}\s*月|[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2})")


def _date_year(rows: list[list[str]]) -> int | None:
    for row in rows:
        for v in row:
            m = _DATE_LINE.search(v or "")
            if m and len(clean(v)) <= 40:
                return int(m.group(1))
    return None


def _unread_columns(sheet: _Sheet, file_name: str, mapped_keys: set[str],
                    items: list[ParsedItem], native: bool = False) -> list[ImportWarning]:
    """A warning per column whose cells in item rows are read into no field (never dropped silently;
    rows that are not items are listed as skipped)."""
    grid, header, plan = sheet.grid, sheet.header, sheet.plan
    used = set(plan.used_cols())
    item_rows = sorted({it.source.row - 1 for it in items if it.source.row})
    out: list[ImportWarning] = []
    for c in range(grid.width):
        if c in used:
            continue
        label = header.labels[c] if c < len(header.labels) else ""
        if label and label_key(label) in mapped_keys or column_letter(c) in mapped_keys:
            continue  # the clerk chose to leave it out
        count = 0
        for r in item_rows:
            row = grid.rows[r]
            v = row[c] if c < len(row) else ""
            if v and not v.isspace() and not any(row[u] == v for u in used if u < len(row)):
                count += 1  # (a cell merged over a read column is read there)
        if not count:
            continue
        name = label or column_letter(c)
        role = header.roles[c] if c < len(header.roles) else None
        if native and role is None:
            text = msg("列“{name}”（第 {col} 列）不是本程序的模板格式中的列（可能来自更新版本的程序），其中 {n} 个单元格没有导入；"
                       "其余各列已照常导入。", name=name, col=column_letter(c), n=count)
        elif role is not None and role.field == "ignore":
            text = msg("列“{name}”有 {n} 个单元格没有导入（这一列默认不导入）；如需导入，请在导入对话框中为它指定字段"
                       "（命令行：--map {name}=字段）。", name=name, n=count)
        else:
            text = msg("列“{name}”（第 {col} 列）没能识别，其中 {n} 个单元格没有导入。请在导入对话框中指定它对应的字段"
                       "（命令行：--map {name}=字段），不需要时指定为“忽略”。", name=name, col=column_letter(c), n=count)
        out.append(ImportWarning(text, SourceRef(file=file_name, sheet=grid.name, column=column_letter(c))))
    return out


def _title_rows(sheet: _Sheet, file_name: str) -> list[SkippedRow]:
    """The non-empty rows above the header (titles, issuing office, dates): not items."""
    return [SkippedRow(SkipReason.TITLE, SourceRef(file_name, sheet.grid.name, r + 1), _row_text(sheet.grid.rows[r]))
            for r in range(sheet.header.first) if any(v and not v.isspace() for v in sheet.grid.rows[r])]


def _native_sheet(by_name: dict[str, Grid]) -> Grid | None:
    """The ``模板`` sheet of a file in the app's own format: its ``说明`` sheet names the format, or (a
    file without it) its first row holds every column the format has (in any order)."""
    grid = by_name.get(TEMPLATE_SHEET)
    if grid is None or not grid.rows:
        return None
    info = by_name.get(INFO_SHEET)
    if info is not None and read_info(info.rows).get("format") == FORMAT_NAME:
        return grid
    return grid if is_native_header([clean(v) for v in grid.rows[0]]) else None


def _domain(sheet: _Sheet) -> str:
    name = sheet.grid.name.strip()
    if name and not _DEFAULT_SHEET.match(name):
        return name
    title = _YEAR.sub("", sheet.title).strip()
    domain = _DOMAIN_SUFFIX.sub("", title).strip()
    return domain or title or name


def _from_text(path: Path, force: bool = False) -> ParsedTemplate:
    text = decode_text(path.read_bytes(), path.name)
    lines = check_lines(text.splitlines(), path.name)
    reason = _check_report(lines, path, force)
    tpl = _notice_template(lines, path)
    _mark_report(tpl, reason)
    return tpl


def _check_report(lines: list[str], path: Path, force: bool) -> str:
    """The reason the document reads as a report ("" if not); raises unless the clerk insists."""
    reason = report_reason(lines)
    if reason and not force:
        raise refuse_report(reason, path.name)
    return reason


def _mark_report(tpl: ParsedTemplate, reason: str) -> None:
    if reason:
        tpl.document_kind = NOT_CHECKLIST
        tpl.warnings.insert(0, ImportWarning(msg("按要求导入了一份不像清单的文件：{reason}。请逐项核对。", reason=reason),
                                             SourceRef(file=tpl.source_file)))


def _notice_template(lines: list[str], path: Path) -> ParsedTemplate:
    from .notice import parse_notice  # notices only: a spreadsheet import never builds its patterns

    notice = parse_notice(lines, path.name)
    if not notice.items:
        raise BadFileError(
            msg("没有找到工作要点的提纲（“一、”“（一）”等编号），无法拆分出事项。"), SourceRef(file=path.name)
        )
    return ParsedTemplate(
        name=notice.name or path.stem,  # parse_notice falls back to document_title itself
        items=notice.items,
        kind=TemplateKind.NOTICE,
        issuer=notice.issuer,
        year=notice.year,
        warnings=notice.warnings,
        skipped=notice.skipped,
    )


def _from_docx(path: Path, mapping: dict[str, str] | None, force: bool = False) -> ParsedTemplate:
    """A .docx notice; a table in it with a recognisable header (the task table) is preferred over the outline."""
    from .notice import docx_blocks, parse_notice

    try:
        with zipfile.ZipFile(path) as zf:
            data = zf.read("word/document.xml")
        blocks = docx_blocks(data)
    except KeyError as exc:
        raise BadFileError(
            msg("不是有效的 Word 文档（缺少正文 word/document.xml）。"), SourceRef(file=path.name)
        ) from exc
    except Exception as exc:
        raise BadFileError(msg("Word 文档已损坏，无法读取正文。"), SourceRef(file=path.name)) from exc
    paragraphs: list[str] = []
    grids: list[Grid] = []
    last_para = ""
    above: list[str] = []  # paragraphs since the previous table: the caption is among the last of them
    for kind, value in blocks:
        if kind == "p":
            text = str(value)
            paragraphs.extend(text.split("\n"))
            if text.strip():
                above.append(text.strip())
                last_para = document_title(above[-3:]) or text.strip()
        else:
            above = []
            rows = value if isinstance(value, list) else []
            grid = Grid(msg("表格{n}", n=len(grids) + 1), [list(r) for r in rows])
            width = grid.width
            for r in grid.rows:
                r.extend([""] * (width - len(r)))
            grid.rows.insert(0, [last_para] + [""] * (width - 1))  # the caption acts as the title row
            grids.append(grid)
    reason = _check_report(paragraphs, path, force)
    notice = parse_notice(check_lines(paragraphs, path.name), path.name)
    if grids:
        try:
            tpl = _from_grids(grids, path, mapping)
        except BadFileError:
            tpl = None
        if tpl is not None and tpl.items:
            tpl.name = notice.name or tpl.name
            tpl.issuer = tpl.issuer or notice.issuer
            tpl.year = notice.year or tpl.year
            if notice.items:  # said, not silent: the outline and the table are two views of the same tasks
                tpl.warnings.append(ImportWarning(
                    msg("已按文档中的表格导入；正文提纲中的 {n} 条没有另外导入。", n=len(notice.items)),
                    SourceRef(file=path.name)))
            _mark_report(tpl, reason)
            return tpl
    tpl = _notice_template(paragraphs, path)
    if grids:
        tpl.warnings.append(ImportWarning(
            msg("文档中的 {n} 个表格没能识别出表头，已按正文提纲导入。如果表格才是任务清单，请把它另存为 Excel 后导入"
                "并指定各列对应的字段。", n=len(grids)),
            SourceRef(file=path.name)))
    _mark_report(tpl, reason)
    return tpl
