"""The PDF self-check report: content, page numbers, embedded fonts, cancellation, Chinese wrapping."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from test_report_data import EVIDENCE_NAME, make_report

from zwgk_desktop.core.progress import Cancelled
from zwgk_desktop.core.reports import write_pdf
from zwgk_desktop.core.reports.cjk import (
    CHINESE_CANNOT_END,
    CHINESE_CANNOT_START,
    ParaMaker,
    clean_text,
    text_width,
)
from zwgk_desktop.core.reports.fonts import setup_fonts


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "自查报告.pdf"
    assert write_pdf(make_report(), path) == path
    return path


def test_text_page_numbers_and_content(report_pdf: Path) -> None:
    reader = PdfReader(report_pdf)
    n = len(reader.pages)
    assert n >= 4
    pages = [page.extract_text() for page in reader.pages]
    assert "万善乡人民政府社会救助领域基层政务" in pages[0].replace("\n", "").replace(" ", "")[:40]
    assert f"第 1 页 共 {n} 页" in pages[0]
    assert f"第 {n} 页 共 {n} 页" in pages[-1]
    text = "".join(pages)
    flat = re.sub(r"\s+", "", text)
    assert "万善乡人民政府" in text
    assert "最低生活保障" in text and "特困人员救助供养" in text
    assert re.sub(r"\s+", "", EVIDENCE_NAME) in flat
    assert "[ab12cd34]" in flat  # short hash, 8 hex
    for heading in ("一、总体情况", "二、事项明细", "三、存在问题及整改", "填报人", "审核人"):
        assert heading in flat
    assert "需整改" in text and "上季度公示照片不清晰" in flat


def test_item_table_header_repeats_on_landscape_pages(report_pdf: Path) -> None:
    reader = PdfReader(report_pdf)
    landscape = [p for p in reader.pages if float(p.mediabox.width) > float(p.mediabox.height)]
    assert len(landscape) >= 2
    for page in landscape:
        assert "佐证材料" in page.extract_text()


def _font_dicts(resources) -> list:  # noqa: ANN001
    fonts = []
    if not resources:
        return fonts
    resources = resources.get_object()
    for ref in (resources.get("/Font") or {}).values():
        fonts.append(ref.get_object())
    for ref in (resources.get("/XObject") or {}).values():
        xobj = ref.get_object()
        if xobj.get("/Subtype") == "/Form":
            fonts.extend(_font_dicts(xobj.get("/Resources")))
    return fonts


def test_every_font_is_embedded(report_pdf: Path) -> None:
    reader = PdfReader(report_pdf)
    seen = set()
    for page in reader.pages:
        for font in _font_dicts(page.get("/Resources")):
            if font.get("/Subtype") == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None, f"font {font.get('/BaseFont')} has no descriptor (not embedded)"
            descriptor = descriptor.get_object()
            assert "/FontFile2" in descriptor, f"font {font.get('/BaseFont')} is not embedded TrueType"
            seen.add(font["/BaseFont"])
    assert seen


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_reports_all_embedded(report_pdf: Path) -> None:
    out = subprocess.run(["pdffonts", str(report_pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        assert "TrueType" in row and re.search(r"\byes\s+yes\b", row), row


def test_cancel_leaves_no_file(tmp_path: Path) -> None:
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 5  # cancel in the middle of the item table

    target = tmp_path / "report.pdf"
    with pytest.raises(Cancelled):
        write_pdf(make_report(), target, cancelled=cancelled)
    assert list(tmp_path.iterdir()) == []


def test_cancel_keeps_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    with pytest.raises(Cancelled):
        write_pdf(make_report(1), target, cancelled=lambda: True)
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


def test_progress_is_monotonic_and_complete(tmp_path: Path) -> None:
    data = make_report(2)
    seen: list[tuple[int, int]] = []
    write_pdf(data, tmp_path / "r.pdf", progress=lambda done, total: seen.append((done, total)))
    total = len(data.items)
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    dones = [d for d, _ in seen]
    assert dones == sorted(dones) and len(set(dones)) > total // 2


def test_empty_report(tmp_path: Path) -> None:
    data = make_report(0)
    path = write_pdf(data, tmp_path / "empty.pdf")
    text = "".join(p.extract_text() for p in PdfReader(path).pages)
    assert "没有事项" in text


def _lines(para) -> list[str]:  # noqa: ANN001
    bl = para.blPara
    if bl.kind == 0:  # single-fragment paragraph: (extra space, [text]) per line
        return ["".join(words) for _, words in bl.lines]
    return ["".join(w.text for w in line.words) for line in bl.lines]


@pytest.mark.parametrize(
    "text",
    [
        # one font only: reportlab's single-fragment path (textsplit.wordSplit)
        "制定或获取信息之日起十个工作日内，公示七个工作日。办理事项：条件；材料？流程！《办法》（试行）、地点。",
        # Latin runs in the fallback font: the multi-fragment path (paragraph.cjkFragSplit)
        "信息形成之日起20个工作日内，公示7个工作日。办理事项：条件；材料？流程！《办法》“标准”（试行）、地点",
    ],
)
def test_chinese_line_breaking_rules(text: str) -> None:
    fonts = setup_fonts()
    maker = ParaMaker(ParagraphStyle("t", fontName=fonts.body, fontSize=10, leading=12, wordWrap="CJK"))
    for width in range(30, 200, 3):  # every width puts some punctuation at a line edge without the rules
        para = maker(text)
        w, _ = para.wrap(width, 10_000)
        lines = _lines(para)
        assert "".join(lines) == text
        assert not [ln for ln in lines[1:] if ln[:1] in CHINESE_CANNOT_START], (width, lines)
        assert not [ln for ln in lines[:-1] if ln[-1:] in CHINESE_CANNOT_END], (width, lines)
        assert all(text_width(ln, fonts.body, 10) <= width + 0.01 for ln in lines), (width, lines)


def test_latin_runs_break_at_spaces() -> None:
    fonts = setup_fonts()
    maker = ParaMaker(ParagraphStyle("t2", fontName=fonts.body, fontSize=9, leading=12, wordWrap="CJK"))
    para = maker("• 村务公开栏公示现场照片_1.png [97b5fba1]")
    para.wrap(120, 1000)
    lines = _lines(para)
    assert any(ln.startswith("[97b5fba1]") for ln in lines) or any(
        ln.endswith("[97b5fba1]") for ln in lines
    ), lines


def test_clean_text() -> None:
    assert clean_text("a\x00b\r\n\n  c\t\td ") == "ab\nc d"
    assert clean_text(None) == ""
