"""Hostile import files, generated here (each a few KB to a few MB): every one is refused with a Chinese
message naming the limit, in a CLI process whose address space is capped (it would otherwise ask for
GBs), within seconds, and nothing is written to the workspace."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from zwgk_desktop.core import limits
from zwgk_desktop.core.importing import read_template, readers
from zwgk_desktop.core.types import BadFileError

MEMORY_CAP = 1536 * 1024 * 1024  # the CLI process; these files would otherwise take 6 GB to 512 GB
HEADER = ["序号", "公开事项", "公开内容", "公开依据", "公开时限", "公开主体"]

_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
       'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
       'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
       'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
       'officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
         '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
       '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
       '<sheet name="目录" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _header_rows() -> str:
    cols = "ABCDEF"
    head = "".join(_inline(f"{c}1", h) for c, h in zip(cols, HEADER))
    item = "".join(_inline(f"{c}2", v) for c, v in zip(cols, ["1", "财政预算", "预算报告", "预算法", "20个工作日内", "乡政府"]))
    return f'<row r="1">{head}</row><row r="2">{item}</row>'


def _xlsx(path: Path, sheet_data: str, after: str = "") -> Path:
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             f'spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>{sheet_data}</sheetData>{after}</worksheet>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CT)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WB)
        zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def _ods(path: Path, table: str) -> Path:
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:'
               'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
               f'<office:spreadsheet><table:table table:name="目录">{table}</table:table></office:spreadsheet>'
               '</office:body></office:document-content>')
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:'
                    'manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:'
                    'full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                    '</manifest:manifest>')
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def _docx(path: Path, body: str) -> Path:
    doc = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
           f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", doc)
    return path


def _cell_far(tmp: Path, ref: str) -> Path:
    return _xlsx(tmp / f"远处{ref}.xlsx", _header_rows() + f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}">'
                 + _inline(ref, "x") + "</row>")


def _merges(tmp: Path) -> Path:
    n = limits.IMPORT_MAX_MERGED_RANGES + 1
    cells = "".join(f'<mergeCell ref="G{r}:H{r}"/>' for r in range(3, n + 3))
    return _xlsx(tmp / "合并.xlsx", _header_rows(), f'<mergeCells count="{n}">{cells}</mergeCells>')


def _ods_rows(tmp: Path) -> Path:
    return _ods(tmp / "重复行.ods", '<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
                'table:number-columns-repeated="100" office:value-type="string"><text:p>x</text:p>'
                '</table:table-cell></table:table-row>')


def _docx_paragraphs(tmp: Path) -> Path:
    return _docx(tmp / "段落.docx", "<w:p/>" * (limits.IMPORT_MAX_PARAGRAPHS + 1))


def _docx_span(tmp: Path) -> Path:
    return _docx(tmp / "跨列.docx", '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr>'
                 "<w:p><w:r><w:t>事项</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")


def _csv_rows(tmp: Path) -> Path:
    path = tmp / "百万行.csv"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(",".join(HEADER) + "\n")
        fh.write("1,a,b,c,d,e\n" * (limits.IMPORT_MAX_ROWS + 1))
    return path


def _txt_lines(tmp: Path) -> Path:
    path = tmp / "行数.txt"
    path.write_text("一、总体要求\n" + "（一）事项。\n" * (limits.IMPORT_MAX_PARAGRAPHS + 1), encoding="utf-8")
    return path


def _csv_field(tmp: Path) -> Path:
    path = tmp / "超长单元格.csv"
    path.write_text(",".join(HEADER) + "\n" + '1,事项,"' + "长" * (limits.IMPORT_MAX_FIELD_CHARS + 10) + '",c,d,e\n',
                    encoding="utf-8")
    return path


def _xls_far(tmp: Path) -> Path:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("目录")
    for c, h in enumerate(HEADER):
        sheet.write(0, c, h)
    sheet.write(65535, 255, "x")  # the furthest cell of the format: 16.7 million cells when read densely
    path = tmp / "旧格式远处.xls"
    book.save(str(path))
    return path


def _xlsx_quirks(tmp: Path, name: str, row: str) -> Path:
    """Cells written the way any XML parser accepts but a naive scan would miss."""
    return _xlsx(tmp / name, _header_rows() + row)


HOSTILE = {
    "xlsx_single_quotes": (lambda t: _xlsx_quirks(t, "单引号.xlsx", "<row r='1048576'><c r='XFD1048576' "
                                                  "t='inlineStr'><is><t>x</t></is></c></row>"), "行的导入上限"),
    "xlsx_blanks_in_tag": (lambda t: _xlsx_quirks(t, "换行.xlsx", '<row r="20000"><c\n r = "XFD20000"\tt="inlineStr">'
                                                  "<is><t>x</t></is></c></row>"), "列的导入上限"),
    "xlsx_cells_without_address": (lambda t: _xlsx_quirks(t, "无地址.xlsx", '<row r="3">' + "<c t=\"inlineStr\">"
                                                          "<is><t>x</t></is></c>" * 1001 + "</row>"), "列的导入上限"),
    "ods_plus_repeat": (lambda t: _ods(t / "加号.ods", '<table:table-row table:number-rows-repeated="+1000000">'
                                       '<table:table-cell office:value-type="string"><text:p>x</text:p>'
                                       "</table:table-cell></table:table-row>"), "行的导入上限"),
    "docx_span_underscores": (lambda t: _docx(t / "下划线.docx", '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan '
                                              "w:val='1_000_000_000'/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"),
                              "列的导入上限"),
    "cell_at_XFD1048576": (lambda t: _cell_far(t, "XFD1048576"), "行的导入上限"),
    "cell_at_XFD20000": (lambda t: _cell_far(t, "XFD20000"), "列的导入上限"),
    "cell_at_ZZ150000": (lambda t: _cell_far(t, "ZZ150000"), "个单元格的导入上限"),
    "merged_ranges": (_merges, "合并单元格超过"),
    "ods_repeated_rows": (_ods_rows, "行的导入上限"),
    "docx_paragraphs": (_docx_paragraphs, "段落超过"),
    "docx_grid_span": (_docx_span, "列的导入上限"),
    "csv_rows": (_csv_rows, "行的导入上限"),
    "txt_lines": (_txt_lines, "的导入上限"),
    "csv_field_over_limit": (_csv_field, "个字符的导入上限"),
    "xls_far_cell": (_xls_far, "个单元格的导入上限"),
}


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _zwgk(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "zwgk_desktop.cli", "--data-dir", str(data), *args],
                          capture_output=True, text=True, timeout=60, env=env, preexec_fn=_cap_memory)


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file_is_refused_naming_the_limit(tmp_path: Path, case: str) -> None:
    make, words = HOSTILE[case]
    path = make(tmp_path)
    assert path.stat().st_size < 4 * 1024 * 1024
    data = tmp_path / "ws"
    started = time.monotonic()
    done = _zwgk("import", str(path), data=data)
    assert time.monotonic() - started < 60
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert path.name in done.stderr and words in done.stderr, done.stderr
    listed = _zwgk("checklists", "--json", data=data)
    assert listed.returncode == 0 and json.loads(listed.stdout) == []  # nothing was written


def test_limits_hold_in_process_too(tmp_path: Path) -> None:
    """The same refusals from the core (as the window sees them), and the preview refuses as well."""
    from zwgk_desktop.core.importing import preview_file

    path = _cell_far(tmp_path, "XFD1048576")
    for fn in (read_template, preview_file):
        with pytest.raises(BadFileError) as exc:
            fn(path)
        assert "工作表“目录”" in str(exc.value) and "1048576" in str(exc.value)


def test_a_far_styled_cell_without_value_is_fine(tmp_path: Path) -> None:
    """Formatting that reaches XFD1048576 (a self-closed cell) is no value: readers skip it, so do we."""
    path = _xlsx(tmp_path / "格式.xlsx", _header_rows() + '<row r="1048576"><c r="XFD1048576" s="1"/></row>',
                 '<mergeCells count="1"><mergeCell ref="G1:H1"/></mergeCells>')
    assert [it.title for it in read_template(path).items] == ["财政预算"]


def test_csv_field_over_128_kb_is_read(tmp_path: Path) -> None:
    text = "长" * 200_000  # over Python's default csv field limit (131,072)
    path = tmp_path / "长内容.csv"
    path.write_text(",".join(HEADER) + "\n" + f'1,事项,"{text}",c,20个工作日内,e\n', encoding="utf-8")
    item = read_template(path).items[0]
    assert item.title == "事项" and item.content == text


def test_item_and_time_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "三项.csv"
    path.write_text(",".join(HEADER) + "\n" + "".join(f"{i},事项{i},内容,依据,10日内,乡\n" for i in range(3)),
                    encoding="utf-8")
    assert len(read_template(path).items) == 3
    monkeypatch.setattr(readers, "IMPORT_MAX_ITEMS", 2)
    with pytest.raises(BadFileError, match="读到 3 个事项，超过 2 个的导入上限"):
        read_template(path)
    monkeypatch.setattr(readers, "IMPORT_MAX_ITEMS", 100)
    monkeypatch.setattr(readers, "IMPORT_MAX_SECONDS", -1.0)
    with pytest.raises(BadFileError, match="秒的导入上限"):
        read_template(path)
