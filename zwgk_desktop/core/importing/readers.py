"""Low-level readers: file checks and raw grids (rows of text with merged cells spread).

Spreadsheets are read with python-calamine (fast, also .xls and .ods); openpyxl is the fallback for
.xlsx/.xlsm when calamine is unavailable or fails. CSV and text files are decoded as UTF-8 (with or
without BOM), else GB18030 (a superset of GBK), else whatever charset-normalizer detects.
"""

from __future__ import annotations

import csv
import io
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..limits import (
    IMPORT_MAX_CELLS,
    IMPORT_MAX_COLUMNS,
    IMPORT_MAX_FIELD_CHARS,
    IMPORT_MAX_ITEMS,
    IMPORT_MAX_MEMBER_RATIO,
    IMPORT_MAX_PARAGRAPHS,
    IMPORT_MAX_ROWS,
    IMPORT_MAX_SECONDS,
    IMPORT_MAX_UNZIPPED_BYTES,
    IMPORT_RATIO_FROM_BYTES,
)
from ..messages import msg
from ..types import BadFileError, SourceRef
from .extent import check_docx_extent, check_ods_extent, check_xlsx_extent
from .normalize import cell_text

SPREADSHEET_EXT = {".xlsx", ".xlsm", ".xls", ".ods"}
TEXT_EXT = {".csv", ".txt"}
DOCX_EXT = {".docx"}
SUPPORTED_EXT = SPREADSHEET_EXT | TEXT_EXT | DOCX_EXT

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MAX_UNZIPPED_RATIO = IMPORT_MAX_MEMBER_RATIO  # per member, for members larger than MAX_UNZIPPED_SMALL
MAX_UNZIPPED_SMALL = IMPORT_RATIO_FROM_BYTES
UNZIPPED_FACTOR = 20  # total uncompressed size may be at most this times max_bytes (and IMPORT_MAX_UNZIPPED_BYTES)


@dataclass
class Grid:
    """One sheet as text: ``rows[r][c]`` (0-based); ``anchors`` marks cells that start or are outside a merge."""

    name: str
    rows: list[list[str]]
    merged: set[tuple[int, int]] = field(default_factory=set)  # covered (non-anchor) cells of merged ranges

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def check_file(path: Path, max_bytes: int) -> tuple[str, bytes]:
    """Size, extension and signature checks; returns the (lower-case) extension and the first bytes."""
    src = SourceRef(file=path.name)
    if not path.is_file():
        raise BadFileError(msg("文件不存在或无法打开。"), src)
    ext = path.suffix.lower()
    if ext not in SUPPORTED_EXT:
        raise BadFileError(
            msg("不支持的文件类型“{value}”。请使用 Excel（.xlsx/.xls）、WPS/LibreOffice（.ods）、CSV、Word（.docx）或纯文本（.txt）文件。", value=ext or '无扩展名'),
            src,
        )
    size = path.stat().st_size
    if size == 0:
        raise BadFileError(msg("文件是空的（0 字节）。"), src)
    if size > max_bytes:
        raise BadFileError(msg("文件过大（{value}），超过导入上限 {value2}。", value=_size(size), value2=_size(max_bytes)), src)
    with open(path, "rb") as fh:
        head = fh.read(8)
    is_zip = head.startswith(ZIP_MAGIC)
    is_ole = head.startswith(OLE_MAGIC)
    if ext in (".xlsx", ".xlsm", ".ods", ".docx"):
        if is_ole:
            if _ole_is_encrypted(path):
                raise BadFileError(
                    msg("文件已加密（设置了打开密码），请在 Excel/WPS 中取消密码、另存后再导入。"), src
                )
            raise BadFileError(
                msg("文件内容是旧版 Office 格式，与扩展名“{ext}”不符。请在 Excel/WPS 中另存为 {ext} 后再导入，或把扩展名改为 .xls/.doc。", ext=ext),
                src,
            )
        if not is_zip:
            raise BadFileError(msg("文件已损坏，或不是有效的 {ext} 文件（扩展名与内容不符）。", ext=ext), src)
        check_zip(path, max_bytes)
        check_extent(path, ext)
    elif ext == ".xls":
        if is_zip:
            raise BadFileError(
                msg("文件内容是 .xlsx 格式，与扩展名“.xls”不符。请把扩展名改为 .xlsx 后再导入。"), src
            )
        if not is_ole:
            raise BadFileError(msg("文件已损坏，或不是有效的 .xls 文件（扩展名与内容不符）。"), src)
        if _ole_is_encrypted(path):
            raise BadFileError(msg("文件已加密（设置了打开密码），请在 Excel/WPS 中取消密码、另存后再导入。"), src)
    elif is_zip or is_ole:
        raise BadFileError(msg("文件内容是 Office 文档，与扩展名“{ext}”不符。请改用正确的扩展名。", ext=ext), src)
    return ext, head


def _size(n: int) -> str:
    if n >= 1048576:
        return f"{n / 1048576:.1f} MB"
    return f"{n / 1024:.1f} KB" if n >= 1024 else msg("{n} 字节", n=n)


def _ole_is_encrypted(path: Path) -> bool:
    data = path.read_bytes()[: 4 * 1024 * 1024]
    return "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data


def check_zip(path: Path, max_bytes: int) -> None:
    """Reject corrupt zips and zip bombs before any member is decompressed."""
    src = SourceRef(file=path.name)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BadFileError(msg("文件已损坏，无法作为 Office 文档打开。"), src) from exc
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_UNZIPPED_SMALL and ratio > MAX_UNZIPPED_RATIO:
            raise BadFileError(
                msg("文件内部成员“{filename}”解压后异常巨大（压缩比 {ratio:.0f}:1），疑似“压缩炸弹”，已拒绝导入。", filename=info.filename, ratio=ratio),
                src,
            )
    limit = min(UNZIPPED_FACTOR * max_bytes, IMPORT_MAX_UNZIPPED_BYTES)
    if total > limit:
        raise BadFileError(
            msg("文件解压后总大小 {value}，超过上限 {value2}，疑似“压缩炸弹”，已拒绝导入。", value=_size(total), value2=_size(limit)),
            src,
        )


def check_extent(path: Path, ext: str) -> None:
    """The real extent of every sheet (or of the document) from its XML, before a reader allocates it."""
    try:
        with zipfile.ZipFile(path) as zf:
            if ext in (".xlsx", ".xlsm"):
                check_xlsx_extent(zf, path.name)
            elif ext == ".ods":
                check_ods_extent(zf, path.name)
            elif ext == ".docx" and "word/document.xml" in zf.namelist():
                check_docx_extent(zf, path.name)
    except BadFileError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise BadFileError(msg("文件已损坏，无法作为 Office 文档打开。"), SourceRef(file=path.name)) from exc


def check_grid_size(height: int, width: int, file_name: str, sheet: str) -> None:
    """The bounds once more on what a reader reports (formats without a cheap pre-scan: .xls)."""
    src = SourceRef(file=file_name, sheet=sheet)
    if height > IMPORT_MAX_ROWS:
        raise BadFileError(msg("工作表有 {rows} 行，超过每个工作表 {limit} 行的导入上限，已拒绝导入。",
                               rows=height, limit=IMPORT_MAX_ROWS), src)
    if width > IMPORT_MAX_COLUMNS:
        raise BadFileError(msg("工作表有 {cols} 列，超过每个工作表 {limit} 列的导入上限，已拒绝导入。",
                               cols=width, limit=IMPORT_MAX_COLUMNS), src)
    if height * width > IMPORT_MAX_CELLS:
        raise BadFileError(msg("表格范围 {rows} 行 × {cols} 列，超过 {limit} 个单元格的导入上限，已拒绝导入。",
                               rows=height, cols=width, limit=IMPORT_MAX_CELLS), src)


# --------------------------------------------------------------------------- spreadsheets


def read_workbook(path: Path, ext: str) -> list[Grid]:
    try:
        return _read_calamine(path)
    except BadFileError:
        raise
    except Exception as exc:  # calamine missing or failing: openpyxl for the OOXML formats
        if ext in (".xlsx", ".xlsm"):
            return _read_openpyxl(path, exc)
        raise BadFileError(_spreadsheet_error(exc), SourceRef(file=path.name)) from exc


def _spreadsheet_error(exc: Exception) -> str:
    name = type(exc).__name__
    if "Password" in name or "password" in str(exc).lower() or "encrypt" in str(exc).lower():
        return msg("文件已加密（设置了打开密码），请在 Excel/WPS 中取消密码、另存后再导入。")
    return msg("文件已损坏或格式无法识别，无法读取表格内容。")


def _read_calamine(path: Path) -> list[Grid]:
    import python_calamine as pc

    grids: list[Grid] = []
    # one object per distinct text: a catalogue repeats its channel lists, 公开时限 and 依据 on every row
    # (100,000 rows: a third of the memory), and the per-cell caches downstream compare by identity first
    texts: dict[str, str] = {}
    same_text = texts.setdefault
    wb = pc.CalamineWorkbook.from_path(str(path))
    try:
        metas = [m for m in wb.sheets_metadata if not str(getattr(m, "typ", "")).endswith("ChartSheet")]
        visible = [m for m in metas if str(getattr(m, "visible", "Visible")).endswith(".Visible")]
        for meta in visible or metas:  # hidden sheets usually hold drop-down lists, not items
            sheet = wb.get_sheet_by_name(meta.name)
            check_grid_size(sheet.height, sheet.width, path.name, meta.name)
            raw = sheet.to_python(skip_empty_area=False)
            rows = [[same_text(v, v) if type(v) is str else cell_text(v) for v in r] for r in raw]
            del raw
            merges = []
            try:
                for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
                    merges.append((r0, c0, r1, c1))
            except Exception:  # older calamine or formats without merge info
                merges = []
            grids.append(_spread(meta.name, rows, merges))
    finally:
        wb.close()
    return grids


def _read_openpyxl(path: Path, first_error: Exception) -> list[Grid]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:
        raise BadFileError(_spreadsheet_error(first_error), SourceRef(file=path.name)) from exc
    grids = []
    for ws in wb.worksheets:
        check_grid_size(ws.max_row, ws.max_column, path.name, ws.title)
        rows = [[cell_text(v) for v in r] for r in ws.iter_rows(values_only=True)]
        merges = [
            (m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in ws.merged_cells.ranges
        ]
        grids.append(_spread(ws.title, rows, merges))
    wb.close()
    return grids


def _spread(name: str, rows: list[list[str]], merges: list[tuple[int, int, int, int]]) -> Grid:
    """Copy each merged range's value over the whole range."""
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        if len(r) < width:
            r.extend([""] * (width - len(r)))
    covered: set[tuple[int, int]] = set()
    spread = 0
    for r0, c0, r1, c1 in merges:
        if r0 >= len(rows) or c0 >= width:
            continue
        spread += (min(r1, len(rows) - 1) - r0 + 1) * (min(c1, width - 1) - c0 + 1)
        if spread > IMPORT_MAX_CELLS:  # overlapping ranges could cover the sheet many times over
            raise BadFileError(msg("合并单元格共覆盖超过 {limit} 个单元格的导入上限，已拒绝导入。", limit=IMPORT_MAX_CELLS),
                               SourceRef(sheet=name))
        value = rows[r0][c0]
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, width - 1) + 1):
                if (r, c) != (r0, c0):
                    row[c] = value
                    covered.add((r, c))
    return Grid(name, rows, covered)


# --------------------------------------------------------------------------- text


def decode_text(data: bytes, file_name: str) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadFileError(msg("文件不是文本文件（含有二进制内容），请检查扩展名。"), SourceRef(file=file_name))
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            return str(best)
    except ImportError:  # pragma: no cover - dependency always installed
        pass
    return data.decode("gb18030", errors="replace")


def read_csv(path: Path) -> list[Grid]:
    text = decode_text(path.read_bytes(), path.name)
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    if csv.field_size_limit() < IMPORT_MAX_FIELD_CHARS:  # Python's default, 128 KB, is below the bound
        csv.field_size_limit(IMPORT_MAX_FIELD_CHARS)
    rows: list[list[str]] = []
    cells = 0
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        for row in reader:
            rows.append(row)
            cells += len(row)
            if len(rows) > IMPORT_MAX_ROWS or len(row) > IMPORT_MAX_COLUMNS or cells > IMPORT_MAX_CELLS:
                check_grid_size(len(rows), len(row), path.name, "")
                raise BadFileError(msg("单元格超过 {limit} 个的导入上限，已拒绝导入。", limit=IMPORT_MAX_CELLS),
                                   SourceRef(file=path.name))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise BadFileError(msg("有一个单元格超过 {limit} 个字符的导入上限，已拒绝导入。", limit=IMPORT_MAX_FIELD_CHARS),
                               SourceRef(file=path.name, row=reader.line_num)) from exc
        raise BadFileError(msg("无法按 CSV 格式读取（{reason}）。", reason=str(exc)),
                           SourceRef(file=path.name, row=reader.line_num)) from exc
    return [_spread(path.stem, rows, [])]


def check_import_result(item_count: int, started: float, file_name: str) -> None:
    """After parsing: the item and time bounds (``started`` from time.monotonic())."""
    src = SourceRef(file=file_name)
    if item_count > IMPORT_MAX_ITEMS:
        raise BadFileError(msg("读到 {n} 个事项，超过 {limit} 个的导入上限，已拒绝导入。", n=item_count,
                               limit=IMPORT_MAX_ITEMS), src)
    check_time(started, file_name)


def check_time(started: float, file_name: str) -> None:
    elapsed = time.monotonic() - started
    if elapsed > IMPORT_MAX_SECONDS:
        raise BadFileError(msg("读取耗时 {s} 秒，超过 {limit} 秒的导入上限，已停止导入，未写入任何内容。",
                               s=f"{elapsed:.0f}", limit=f"{IMPORT_MAX_SECONDS:.0f}"), SourceRef(file=file_name))


def check_lines(lines: list[str], file_name: str) -> list[str]:
    """A text notice or a .docx body: at most IMPORT_MAX_PARAGRAPHS lines."""
    if len(lines) > IMPORT_MAX_PARAGRAPHS:
        raise BadFileError(msg("文件有 {n} 行（段落），超过 {limit} 的导入上限，已拒绝导入。", n=len(lines),
                               limit=IMPORT_MAX_PARAGRAPHS), SourceRef(file=file_name))
    return lines
