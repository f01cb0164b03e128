"""Files that cannot be imported: each gives a BadFileError naming the file, in Chinese."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from zwgk_desktop.core.importing import preview_file, read_template
from zwgk_desktop.core.types import BadFileError

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _raises(path: Path, *words: str, **kwargs) -> BadFileError:
    with pytest.raises(BadFileError) as exc:
        read_template(path, **kwargs)
    message = str(exc.value)
    assert path.name in message
    for w in words:
        assert w in message, message
    return exc.value


def test_missing(tmp_path):
    _raises(tmp_path / "没有.xlsx", "不存在")


def test_empty(tmp_path):
    p = tmp_path / "空.xlsx"
    p.write_bytes(b"")
    _raises(p, "空")


def test_corrupt_zip(tmp_path):
    p = tmp_path / "坏.xlsx"
    p.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 100)
    _raises(p, "损坏")


def test_corrupt_xlsx_content(tmp_path):
    p = tmp_path / "坏2.xlsx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("hello.txt", "not a workbook")
    _raises(p, "无法读取")


def test_encrypted_xlsx(tmp_path):
    p = tmp_path / "加密.xlsx"
    p.write_bytes(OLE + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512)
    _raises(p, "加密")


def test_old_office_with_xlsx_extension(tmp_path):
    p = tmp_path / "旧格式.xlsx"
    p.write_bytes(OLE + b"\x00" * 2048)
    _raises(p, "扩展名")


def test_xlsx_named_xls(tmp_path):
    p = tmp_path / "名不符.xls"
    wb = openpyxl.Workbook()
    wb.active.append(["事项", "内容"])
    wb.save(p)
    _raises(p, ".xlsx")


def test_text_named_xlsx(tmp_path):
    p = tmp_path / "文本.xlsx"
    p.write_text("事项,内容\n甲,乙\n", encoding="utf-8")
    _raises(p, "扩展名")


def test_unsupported_extension(tmp_path):
    p = tmp_path / "报告.pdf"
    p.write_bytes(b"%PDF-1.4")
    _raises(p, "不支持")


def test_binary_csv(tmp_path):
    p = tmp_path / "二进制.csv"
    p.write_bytes(b"\x00\x01\x02" * 100)
    _raises(p, "文本")


def test_too_big(tmp_path):
    p = tmp_path / "大.csv"
    p.write_text("事项,内容\n" + "甲,乙\n" * 1000, encoding="utf-8")
    _raises(p, "过大", max_bytes=1000)


def test_zip_bomb(tmp_path):
    p = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"\x00" * (12 * 1024 * 1024))
    assert p.stat().st_size < 100_000
    _raises(p, "压缩炸弹")
    with pytest.raises(BadFileError):
        preview_file(p)


def test_zip_total_size_limit(tmp_path):
    p = tmp_path / "总量.docx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"x" * 100_000)
    assert p.stat().st_size < 1000
    _raises(p, "压缩炸弹", max_bytes=1000)  # 100,000 bytes > 20 × 1000 uncompressed


def test_no_header(tmp_path):
    p = tmp_path / "无表头.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    for i in range(20):
        ws.append([f"甲{i}", f"乙{i}", i])
    wb.save(p)
    err = _raises(p, "表头")
    assert err.source.sheet == "数据"


def test_header_without_items(tmp_path):
    p = tmp_path / "只有表头.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "事项", "公开内容", "责任单位"])
    wb.save(p)
    _raises(p, "没有任何事项")


def test_empty_workbook(tmp_path):
    p = tmp_path / "空表.xlsx"
    openpyxl.Workbook().save(p)
    _raises(p, "表头")


def test_unsure_columns_ask_for_mapping(tmp_path):
    p = tmp_path / "看不懂.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "责任单位", "公开时限", "其他"])
    wb.active.append([1, "县财政局", "及时", "x"])
    wb.save(p)
    err = _raises(p, "指定", "--map")
    assert err.source.row == 1


def test_text_without_outline(tmp_path):
    p = tmp_path / "随笔.txt"
    p.write_text("今天天气很好。\n没有任何编号。\n", encoding="utf-8")
    _raises(p, "提纲")


def test_docx_without_body(tmp_path):
    p = tmp_path / "空文档.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    _raises(p, "Word")


def test_docx_broken_xml(tmp_path):
    p = tmp_path / "坏文档.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("word/document.xml", "<w:document><oops")
    _raises(p, "损坏")
