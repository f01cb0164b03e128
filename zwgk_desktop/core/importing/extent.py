"""How big a file really is, read cheaply from its XML before any reader builds a grid.

A spreadsheet reader allocates rows × columns up to the last cell holding a value, so one cell at
``XFD1048576`` in a 2 KB .xlsx asks for 17 billion cells, and an .ods row repeated a million times is
expanded too. These scans stream each sheet's XML once (tags only, in 1 MB blocks, never a tree) and
refuse, with the limit named, any sheet whose extent, cell count or merged ranges pass the bounds in
:mod:`zwgk_desktop.core.limits`. A .docx is scanned the same way for paragraphs, table cells and column
spans before it is parsed.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath

from ..limits import (
    IMPORT_MAX_CELLS,
    IMPORT_MAX_COLUMNS,
    IMPORT_MAX_DOCX_XML_BYTES,
    IMPORT_MAX_MERGED_RANGES,
    IMPORT_MAX_PARAGRAPHS,
    IMPORT_MAX_ROWS,
    IMPORT_MAX_XML_BYTES,
    MB,
)
from ..messages import msg
from ..types import BadFileError, SourceRef

_BLOCK = 1 << 20
_MAX_TAG = 1 << 20  # one start tag longer than this is not a real spreadsheet
_P = r"(?:[A-Za-z_][\w.-]*:)?"  # optional namespace prefix
# Attributes as any XML parser reads them: either quote, blanks around "=", any namespace prefix, and
# values as permissive as the readers' own number parsing (see _int).
_Q = rb"""\s*=\s*["']"""
_ATTR_R = re.compile(rb"(?<![\w.-])r" + _Q + rb"([A-Za-z]*)([^\"'A-Za-z]*)[\"']")
_ATTR_ROW_R = re.compile(rb"(?<![\w.-])r" + _Q + rb"([^\"']*)[\"']")
_ATTR_VAL = re.compile(rb"(?<![\w.-])(?:[\w.-]+:)?val" + _Q + rb"([^\"']*)[\"']")
_XLSX_TAG = re.compile(rf"<({_P}(?:row|c|mergeCell))(?=[\s/>])([^>]*?)(/?)>".encode())
_ODS_TAG = re.compile(rb"<(/?)(?:[\w.-]+:)?(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)(/?)>")
_DOCX_TAG = re.compile(rb"<(/?)(?:[\w.-]+:)?(p|tc|tr|gridSpan)(?=[\s/>])([^>]*?)(/?)>")
_ROWS_REP = re.compile(rb"number-rows-repeated" + _Q + rb"([^\"']*)[\"']")
_COLS_REP = re.compile(rb"number-columns-repeated" + _Q + rb"([^\"']*)[\"']")
_TABLE_NAME = re.compile(rb"(?<![\w.-])(?:[\w.-]+:)?name" + _Q + rb"([^\"']*)[\"']")
_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\b(?:\w+:)?id="([^"]*)"')
_REL = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")


def _int(value: bytes, default: int = 1) -> int:
    """A number attribute read at least as generously as the readers do (``+5``, `` 5``, ``1_000``)."""
    try:
        return max(int(value), 0)
    except ValueError:
        return default


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def _column_label(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _tags(zf: zipfile.ZipFile, member: str, pattern: re.Pattern[bytes], src: SourceRef,
          max_bytes: int = IMPORT_MAX_XML_BYTES) -> Iterator[re.Match[bytes]]:
    """The matches of ``pattern`` over the member's bytes, streamed (a tag never spans two blocks)."""
    info = zf.getinfo(member)
    if info.file_size > max_bytes:
        raise BadFileError(msg("“{member}”解压后 {size} MB，超过单个部件上限 {limit} MB，已拒绝导入。",
                               member=member, size=f"{info.file_size / MB:.0f}", limit=max_bytes // MB), src)
    rest = b""
    with zf.open(info) as fh:
        while True:
            block = fh.read(_BLOCK)
            data = rest + block
            if not block:
                yield from pattern.finditer(data)
                return
            cut = data.rfind(b"<")
            if cut < 0:
                cut = len(data)
            yield from pattern.finditer(data, 0, cut)
            rest = data[cut:]
            if len(rest) > _MAX_TAG:
                raise BadFileError(msg("“{member}”中有异常长的标记，文件已损坏或被改动，已拒绝导入。", member=member),
                                   src)


class _Extent:
    """Running extent of one sheet; raises as soon as a bound is passed."""

    def __init__(self, src: SourceRef) -> None:
        self.src = src
        self.rows = 0  # last row holding a value (1-based)
        self.cols = 0  # last column holding a value
        self.cells = 0
        self.merges = 0

    def value_at(self, row: int, col: int, count: int = 1) -> None:
        self.cells += count
        self.rows = max(self.rows, row)
        self.cols = max(self.cols, col)
        if self.rows > IMPORT_MAX_ROWS:
            raise BadFileError(msg("第 {row} 行有内容，超过每个工作表 {limit} 行的导入上限，已拒绝导入"
                                   "（请删去多余的行，或把表格拆成几个文件）。", row=self.rows, limit=IMPORT_MAX_ROWS),
                               self.src)
        if self.cols > IMPORT_MAX_COLUMNS:
            raise BadFileError(msg("第 {col} 列（{label} 列）有内容，超过每个工作表 {limit} 列的导入上限，已拒绝导入。",
                                   col=self.cols, label=_column_label(self.cols), limit=IMPORT_MAX_COLUMNS),
                               self.src)
        if self.rows * self.cols > IMPORT_MAX_CELLS or self.cells > IMPORT_MAX_CELLS:
            raise BadFileError(msg("表格范围 {rows} 行 × {cols} 列，超过 {limit} 个单元格的导入上限，已拒绝导入。",
                                   rows=self.rows, cols=self.cols, limit=IMPORT_MAX_CELLS), self.src)

    def merge(self) -> None:
        self.merges += 1
        if self.merges > IMPORT_MAX_MERGED_RANGES:
            raise BadFileError(msg("合并单元格超过 {limit} 处的导入上限，已拒绝导入。", limit=IMPORT_MAX_MERGED_RANGES),
                               self.src)


def _xlsx_sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part (``xl/worksheets/sheet1.xml``) -> sheet name, from the workbook and its relations."""
    try:
        wb = zf.read("xl/workbook.xml")[: 8 * MB]
        rels = zf.read("xl/_rels/workbook.xml.rels")[: 8 * MB]
    except (KeyError, zipfile.BadZipFile, OSError):
        return {}
    targets: dict[bytes, str] = {}
    for m in _REL.finditer(rels):
        attrs = m.group(1)
        rid = re.search(rb'\bId="([^"]*)"', attrs)
        target = re.search(rb'\bTarget="([^"]*)"', attrs)
        if rid and target:
            t = target.group(1).decode("utf-8", "replace")
            targets[rid.group(1)] = t.lstrip("/") if t.startswith("/") else str(PurePosixPath("xl") / t)
    names: dict[str, str] = {}
    for m in _SHEET.finditer(wb):
        part = targets.get(m.group(2))
        if part:
            names[part] = m.group(1).decode("utf-8", "replace")
    return names


def check_xlsx_extent(zf: zipfile.ZipFile, file_name: str) -> None:
    """Refuse an .xlsx/.xlsm with a sheet whose values reach past the row, column or cell bounds, or with
    too many merged ranges, before any reader sees it."""
    names = _xlsx_sheet_names(zf)
    for member in sorted(n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")):
        src = SourceRef(file=file_name, sheet=names.get(member, PurePosixPath(member).stem))
        if not (_xlsx_extent_claimed(zf, member, src) or _xlsx_extent_fast(zf, member, src)):
            _xlsx_extent_exact(zf, member, src)


_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# a namespace-prefixed cell, row or merge tag (or the same letters in text: the slower scans then decide)
_PREFIXED_TAG = re.compile(rb":(?:c|row|mergeCell)[\s/>]")
_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]{1,3})([1-9]\d{0,6})(?::([A-Z]{1,3})([1-9]\d{0,6}))?"\s*/>')


def _at_most(limit: str, alphabet: str) -> str:
    """A regex matching exactly the strings over ``alphabet`` that stand for a number from 1 to ``limit``
    (digits without a leading zero, or column letters): shorter ones, or as long and smaller at the first
    place they differ, or ``limit`` itself."""
    first = alphabet[1:] if alphabet == _DIGITS else alphabet  # no leading zero
    any_ = f"[{alphabet[0]}-{alphabet[-1]}]"
    n = len(limit)
    parts = [f"[{first[0]}-{first[-1]}]{any_}{{0,{n - 2}}}"] if n > 1 else []
    for i, ch in enumerate(limit):
        chars = first if i == 0 else alphabet
        below = chars[: chars.index(ch)]
        if below:
            parts.append(f"{limit[:i]}[{below[0]}-{below[-1]}]{any_}{{{n - i - 1}}}")
    parts.append(limit)
    return "|".join(parts)


class _LongTag(Exception):
    """An unfinished tag longer than _MAX_TAG: the fast passes leave the sheet to the exact scan."""


def _tag_aligned_parts(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's XML in blocks of about ``_BLOCK`` bytes, each cut before its last ``<`` so that no tag
    spans two blocks (raises _LongTag when the unfinished rest grows past ``_MAX_TAG``)."""
    rest = b""
    with zf.open(info) as fh:
        while True:
            block = fh.read(_BLOCK)
            data = rest + block
            cut = len(data) if not block else data.rfind(b"<")
            if cut < 0:
                cut = len(data)
            rest = data[cut:]
            if len(rest) > _MAX_TAG:
                raise _LongTag
            yield data[:cut]
            if not block:
                return


def _claimed_extent(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int, str, str] | None:
    """The last row and column the sheet's ``<dimension ref>`` claims (as numbers and as written), when
    it has one within the bounds; None otherwise."""
    with zf.open(info) as fh:
        head = fh.read(64 * 1024)
    head = head[: head.find(b"<sheetData")] if b"<sheetData" in head else b""
    m = _DIMENSION.search(head)
    if not m:
        return None
    cols = [m.group(1), m.group(3) or m.group(1)]
    rows = [m.group(2), m.group(4) or m.group(2)]
    col_letters = max(cols, key=column_number).decode()
    row_digits = max(rows, key=int).decode()
    n_rows, n_cols = int(row_digits), column_number(col_letters.encode())
    if n_rows > IMPORT_MAX_ROWS or n_cols > IMPORT_MAX_COLUMNS or n_rows * n_cols > IMPORT_MAX_CELLS:
        return None
    return n_rows, n_cols, row_digits, col_letters


def _xlsx_extent_claimed(zf: zipfile.ZipFile, member: str, src: SourceRef) -> bool:
    """The sheet as Excel, WPS and openpyxl write it, checked against its own ``<dimension ref>`` with
    C-speed regex searches per 1 MB block (no Python work per cell; cell tags are counted only in a part
    large enough to hold more than the cell bound). The claim is only believed when no cell lies outside
    it: any cell tag not written ``<c r="A1"``, any address past the claimed last row or column (self-closed
    ones included), a namespace prefix, or more cell tags than the cell bound makes this return False, and
    the slower scans decide. Merged ranges are counted here as there."""
    info = zf.getinfo(member)
    if info.file_size > IMPORT_MAX_XML_BYTES:
        return False  # the next scan refuses it with the size named
    claim = _claimed_extent(zf, info)
    if claim is None:
        return False
    _, _, row_digits, col_letters = claim
    cols, rows = _at_most(col_letters, _LETTERS).encode(), _at_most(row_digits, _DIGITS).encode()
    # a cell tag that is not <c r="A1"> with an address inside the claim
    outside = re.compile(rb'<c(?! r="(?:' + cols + rb")(?:" + rows + rb')")[\s/>]')
    # no more '<c r="' than bytes / 9 fit in the part, so a small part cannot pass the cell bound
    count_cells = info.file_size // 9 > IMPORT_MAX_CELLS
    ext = _Extent(src)
    cells = 0
    try:
        for part in _tag_aligned_parts(zf, info):
            if _PREFIXED_TAG.search(part) or outside.search(part):
                return False
            if count_cells:
                cells += part.count(b'<c r="')  # self-closed (empty) cells counted too: an upper bound
                if cells > IMPORT_MAX_CELLS:
                    return False
            if b"<mergeCell" in part:
                for _ in range(len(_FAST_MERGE.findall(part))):
                    ext.merge()
    except _LongTag:
        return False
    return True


_FAST_VALUE_CELL = re.compile(rb'<c\s[^>]*?(?<![\w.-])r="([A-Z]*)(\d*)"[^>]*(?<!/)>')
_FAST_CELL_WITH_R = re.compile(rb'<c\s[^>]*?(?<![\w.-])r="[A-Z]+\d+"')
_FAST_ANY_CELL = re.compile(rb"<c[\s/>]")
_FAST_PREFIXED = re.compile(rb"<[\w.-]+:(?:c|row|mergeCell)[\s/>]")
_FAST_MERGE = re.compile(rb"<mergeCell[\s/>]")


def _xlsx_extent_fast(zf: zipfile.ZipFile, member: str, src: SourceRef) -> bool:
    """The common case (unprefixed tags, every cell with its ``r`` address) in C-speed passes per 1 MB
    block. False when the sheet needs the exact scan (namespace prefixes, cells without addresses)."""
    info = zf.getinfo(member)
    if info.file_size > IMPORT_MAX_XML_BYTES:
        raise BadFileError(msg("“{member}”解压后 {size} MB，超过单个部件上限 {limit} MB，已拒绝导入。",
                               member=member, size=f"{info.file_size / MB:.0f}", limit=IMPORT_MAX_XML_BYTES // MB),
                           src)
    ext = _Extent(src)
    try:
        for part in _tag_aligned_parts(zf, info):
            if _FAST_PREFIXED.search(part):
                return False
            if len(_FAST_ANY_CELL.findall(part)) != len(_FAST_CELL_WITH_R.findall(part)):
                return False  # cells without a plain r="A1" address (or with odd quoting): exact scan
            refs = _FAST_VALUE_CELL.findall(part)
            if refs:
                if any(not c or not r for c, r in refs):
                    return False
                col = max(column_number(c) for c in {c for c, _ in refs})
                row = max(map(int, (r for _, r in refs)))
                ext.cells += len(refs) - 1
                ext.value_at(row, col)
            for _ in range(len(_FAST_MERGE.findall(part))):
                ext.merge()
    except _LongTag:
        return False
    return True


def _xlsx_extent_exact(zf: zipfile.ZipFile, member: str, src: SourceRef) -> None:
    """Tag by tag: namespace prefixes, and cells without an address placed after the previous one."""
    ext = _Extent(src)
    row = 0
    col = 0
    for m in _tags(zf, member, _XLSX_TAG, src):
        tag = m.group(1).rsplit(b":", 1)[-1]
        attrs, empty = m.group(2), m.group(3) == b"/"
        if tag == b"c":
            r = _ATTR_R.search(attrs)
            col = column_number(r.group(1)) if r and r.group(1) else col + 1
            if r and r.group(2).strip():
                row = _int(r.group(2), row)
            if not empty:  # a self-closed cell holds no value (only a style): readers skip it
                ext.value_at(max(row, 1), col)
        elif tag == b"row":
            r = _ATTR_ROW_R.search(attrs)
            row = _int(r.group(1), row + 1) if r else row + 1
            col = 0
        elif tag == b"mergeCell":
            ext.merge()


def check_ods_extent(zf: zipfile.ZipFile, file_name: str) -> None:
    """The same for .ods: rows and cells repeated with ``number-rows/columns-repeated`` count as many."""
    try:
        zf.getinfo("content.xml")
    except KeyError:
        return
    src = SourceRef(file=file_name)
    ext = _Extent(src)
    row = 0  # rows before the current one
    col = 0
    repeat = 1
    for m in _tags(zf, "content.xml", _ODS_TAG, src):
        closing, tag, attrs, empty = m.group(1) == b"/", m.group(2), m.group(3), m.group(4) == b"/"
        if tag == b"table":
            if not closing:
                name = _TABLE_NAME.search(attrs)
                ext = _Extent(SourceRef(file=file_name, sheet=name.group(1).decode("utf-8", "replace") if name else ""))
                row = 0
        elif tag == b"table-row":
            if closing:
                row += repeat
            else:
                r = _ROWS_REP.search(attrs)
                repeat = _int(r.group(1)) if r else 1
                col = 0
                if empty:
                    row += repeat
        elif not closing:  # a cell
            r = _COLS_REP.search(attrs)
            n = _int(r.group(1)) if r else 1
            if not empty or b"value-type" in attrs:
                ext.value_at(row + repeat, col + n, n * repeat)
            col += n


def check_docx_extent(zf: zipfile.ZipFile, file_name: str, member: str = "word/document.xml") -> None:
    """Refuse a .docx whose body has more paragraphs, table cells or column spans than the bounds."""
    src = SourceRef(file=file_name)
    paragraphs = cells = width = 0
    for m in _tags(zf, member, _DOCX_TAG, src, IMPORT_MAX_DOCX_XML_BYTES):
        if m.group(1) == b"/":
            continue
        tag = m.group(2)
        if tag == b"p":
            paragraphs += 1
            if paragraphs > IMPORT_MAX_PARAGRAPHS:
                raise BadFileError(msg("文档段落超过 {limit} 个的导入上限，已拒绝导入。", limit=IMPORT_MAX_PARAGRAPHS),
                                   src)
            continue
        if tag == b"tr":
            width = 0
            continue
        span = 1
        if tag == b"gridSpan":
            v = _ATTR_VAL.search(m.group(3))
            span = max(_int(v.group(1)) - 1, 0) if v else 0
        width += span
        cells += span
        if width > IMPORT_MAX_COLUMNS:
            raise BadFileError(msg("文档中的表格一行超过 {limit} 列的导入上限，已拒绝导入。", limit=IMPORT_MAX_COLUMNS),
                               src)
        if cells > IMPORT_MAX_CELLS:
            raise BadFileError(msg("文档中的表格单元格超过 {limit} 个的导入上限，已拒绝导入。", limit=IMPORT_MAX_CELLS),
                               src)
