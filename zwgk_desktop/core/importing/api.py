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

from zwgk_desktop.core.messages import msg

from ..fileutil import sha256_file
from ..limits import IMPORT_MAX_FILE_BYTES
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
from .header import Header, Plan, apply_mapping, column_letter, find_header, is_unsure, make_plan
from .native import INFO_SHEET, TEMPLATE_SHEET, is_native_header, read_info
from .normalize import clean, label_key
from .notice import docx_blocks, parse_notice
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
from .titles import document_title

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
) -> ParsedTemplate:
    """Read a template file (.xlsx/.xlsm/.xls/.ods/.csv tables, .txt/.docx notices) into a ParsedTemplate.

    ``mapping`` maps header labels as shown in the file (or column letters) to field names or their
    Chinese labels (``{"事项名称": "事项", "牵头单位": "owners"}``); mapped columns override detection.
    Raises :class:`BadFileError` with a Chinese message naming the file for anything that cannot be imported.
    """
    path = Path(path)
    started = time.monotonic()
    ext, _ = check_file(path, max_bytes)
    if ext == ".txt":
        tpl = _from_text(path)
    elif ext == ".docx":
        tpl = _from_docx(path, mapping)
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
    if name:
        tpl.name = name
    if year:
        tpl.year = year
    tpl.name = tpl.name or path.stem
    tpl.source_file = path.name
    tpl.source_sha256 = sha256_file(path)
    return tpl


def preview_file(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[SheetPreview]:
    """Per sheet: the detected header, the suggested mapping and the first data rows (for the GUI / CLI)."""
    path = Path(path)
    ext, _ = check_file(path, max_bytes)
    if ext in (".txt", ".docx"):
        try:
            tpl = _from_text(path) if ext == ".txt" else _from_docx(path, None)
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
    for grid in grids:
        if not any(any(r) for r in grid.rows):
            continue
        header = find_header(grid)
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
    native = TEMPLATE_SHEET in by_name and _is_native(by_name[TEMPLATE_SHEET])
    info = read_info(by_name[INFO_SHEET].rows) if native and INFO_SHEET in by_name else {}
    sheets: list[_Sheet] = []
    unsure_error: BadFileError | None = None
    no_header: list[str] = []
    unmatched: dict[str, int] = {}
    candidates = [by_name[TEMPLATE_SHEET]] if native else grids
    for grid in candidates:
        if not any(any(r) for r in grid.rows):
            continue
        header = find_header(grid)
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
            unsure_error = unsure_error or BadFileError(
                msg("无法确定哪一列是“事项”（事项名称或具体要求）。请在导入对话框中指定各列对应的字段（命令行：--map 表头=字段，例如 --map 事项名称=事项）。"),
                SourceRef(file=file_name, sheet=grid.name, row=header.first + 1),
            )
            continue
        sheets.append(_Sheet(grid, header, plan, _title_above(grid, header)))
    if not sheets:
        if unsure_error:
            raise unsure_error
        raise BadFileError(
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
    for sh in sheets:
        skipped.extend(_title_rows(sh, file_name))
        items = parse_rows(
            sh.grid, sh.header, sh.plan, file_name=file_name, outer=[], warnings=warnings, native=native,
            skipped=skipped,
        )
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


def _title_rows(sheet: _Sheet, file_name: str) -> list[SkippedRow]:
    """The non-empty rows above the header (titles, issuing office, dates): not items."""
    return [SkippedRow(SkipReason.TITLE, SourceRef(file_name, sheet.grid.name, r + 1), _row_text(sheet.grid.rows[r]))
            for r in range(sheet.header.first) if any(v and not v.isspace() for v in sheet.grid.rows[r])]


def _is_native(grid: Grid) -> bool:
    return bool(grid.rows) and is_native_header([clean(v) for v in grid.rows[0]])


def _domain(sheet: _Sheet) -> str:
    name = sheet.grid.name.strip()
    if name and not _DEFAULT_SHEET.match(name):
        return name
    title = _YEAR.sub("", sheet.title).strip()
    domain = _DOMAIN_SUFFIX.sub("", title).strip()
    return domain or title or name


def _from_text(path: Path) -> ParsedTemplate:
    text = decode_text(path.read_bytes(), path.name)
    return _notice_template(check_lines(text.splitlines(), path.name), path)


def _notice_template(lines: list[str], path: Path) -> ParsedTemplate:
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
    )


def _from_docx(path: Path, mapping: dict[str, str] | None) -> ParsedTemplate:
    """A .docx notice; a table in it with a recognisable header (the task table) is preferred over the outline."""
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
            grid = Grid(f"表格{len(grids) + 1}", [list(r) for r in rows])
            width = grid.width
            for r in grid.rows:
                r.extend([""] * (width - len(r)))
            grid.rows.insert(0, [last_para] + [""] * (width - 1))  # the caption acts as the title row
            grids.append(grid)
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
            return tpl
    return _notice_template(paragraphs, path)
