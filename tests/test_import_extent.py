"""The sheet-bounds pre-check's quick path: a sheet's own ``<dimension ref>`` is believed only when no cell
lies outside it. Lying claims, odd cell tags and duplicate cells go to the slower scans and get the same
verdict as the tag-by-tag scan; honest sheets (as Excel, WPS and openpyxl write them) take the quick path."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from zwgk_desktop.core.importing import extent, read_template
from zwgk_desktop.core.types import BadFileError, SourceRef

CORPUS = Path(__file__).parent / "data" / "corpus"


def _sheet_zip(path: Path, dimension: str | None, cells: str, after: str = "") -> zipfile.ZipFile:
    dim = f'<dimension ref="{dimension}"/>' if dimension is not None else ""
    xml = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
           f'spreadsheetml/2006/main">{dim}<sheetData>{cells}</sheetData>{after}</worksheet>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", xml)
    return zipfile.ZipFile(path)


def _verdict(fn, zf: zipfile.ZipFile) -> str:
    """'' when the sheet passes, else which bound refused it."""
    try:
        fn(zf, "xl/worksheets/sheet1.xml", SourceRef(file="t.xlsx", sheet="目录"))
    except BadFileError as exc:
        text = str(exc)
        return next(word for word in ("行的导入上限", "列的导入上限", "个单元格的导入上限", "合并单元格") if word in text)
    return ""


def _chain(zf: zipfile.ZipFile, member: str, src: SourceRef) -> None:  # as check_xlsx_extent runs them
    if not (extent._xlsx_extent_claimed(zf, member, src) or extent._xlsx_extent_fast(zf, member, src)):
        extent._xlsx_extent_exact(zf, member, src)


@pytest.fixture
def small_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bounds a few hundred cells wide, so that every way past them fits in a small file."""
    for name, value in (("IMPORT_MAX_ROWS", 60), ("IMPORT_MAX_COLUMNS", 30), ("IMPORT_MAX_CELLS", 1000),
                        ("IMPORT_MAX_MERGED_RANGES", 5)):
        monkeypatch.setattr(extent, name, value)


def _label(n: int) -> str:
    return extent._column_label(n)


def test_claimed_and_tag_by_tag_scans_agree_on_random_sheets(tmp_path: Path, small_bounds: None) -> None:
    rng = random.Random(13)
    quick = 0
    for case in range(400):
        honest = case % 2 == 0  # plain cells only, and a claim that covers them (or reaches further)
        rows, last_row, last_col = [], 1, 1
        for r in sorted(rng.sample(range(1, 55 if honest else 90), rng.randint(0, 12))):
            cells = []
            for c in sorted(rng.sample(range(1, 16 if honest else 45), rng.randint(0, 6))):
                ref = f"{_label(c)}{r}"
                if not honest:
                    ref = rng.choice([ref] * 8 + [f"{_label(c)}0{r}", f"{_label(c).lower()}{r}"])
                forms = [f'<c r="{ref}"><v>1</v></c>'] * 6 + [f'<c r="{ref}" s="1"/>']
                if not honest:
                    forms += [f"<c r='{ref}'><v>1</v></c>", "<c><v>1</v></c>"]
                cells.append(rng.choice(forms))
                last_row, last_col = max(last_row, r), max(last_col, c)
            rows.append(f'<row r="{r}">{"".join(cells)}</row>')
        if honest:
            claim_rows, claim_cols = last_row + rng.choice([0, 0, 3]), last_col + rng.choice([0, 0, 2])
        else:
            claim_rows, claim_cols = rng.randint(1, 80), rng.randint(1, 40)
        dimension = rng.choice([f"A1:{_label(claim_cols)}{claim_rows}", f"{_label(claim_cols)}{claim_rows}",
                                f"B2:{_label(claim_cols)}{claim_rows}", None])
        dupes = '<row r="1">' + '<c r="A1"><v>1</v></c>' * rng.choice([0, 0, 0, 1001]) + "</row>"
        merges = "".join(f'<mergeCell ref="A{i}:B{i}"/>' for i in range(rng.choice([0, 3, 6])))
        zf = _sheet_zip(tmp_path / f"{case}.xlsx", dimension, "".join(rows) + dupes,
                        f"<mergeCells>{merges}</mergeCells>" if merges else "")
        with zf:
            exact = _verdict(extent._xlsx_extent_exact, zf)
            assert bool(_verdict(_chain, zf)) == bool(exact), zf.read(zf.namelist()[0])
            try:
                believed = extent._xlsx_extent_claimed(zf, "xl/worksheets/sheet1.xml", SourceRef(file="t.xlsx"))
            except BadFileError as exc:  # the quick path refuses only by the merged ranges it counts exactly
                assert "合并单元格" in str(exc) and exact == "合并单元格"
                continue
            if believed:
                assert exact == "", zf.read(zf.namelist()[0])
                quick += 1
    assert quick > 40  # the quick path was taken, not only fallen back from


@pytest.mark.parametrize(("cell", "words"), [
    ('<c r="XFD1048576"><v>1</v></c>', "行的导入上限"),
    ('<c r="A300000"><v>1</v></c>', "行的导入上限"),
    ('<c r="A0300000"><v>1</v></c>', "行的导入上限"),  # a leading zero is read as the number
    ('<c r="XFD20000"><v>1</v></c>', "列的导入上限"),
    ('<c r="ZZ150000"><v>1</v></c>', "个单元格的导入上限"),
])
def test_a_cell_outside_an_honest_looking_claim_is_refused(tmp_path: Path, cell: str, words: str) -> None:
    with _sheet_zip(tmp_path / "谎报.xlsx", "A1:F2", f'<row r="1"><c r="A1"><v>1</v></c>{cell}</row>') as zf:
        assert not extent._xlsx_extent_claimed(zf, "xl/worksheets/sheet1.xml", SourceRef(file="谎报.xlsx"))
        with pytest.raises(BadFileError, match=words):
            extent.check_xlsx_extent(zf, "谎报.xlsx")


def test_duplicate_cells_inside_the_claim_still_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extent, "IMPORT_MAX_CELLS", 100)
    zf = _sheet_zip(tmp_path / "重复.xlsx", "A1:B2", '<row r="1">' + '<c r="A1"><v>1</v></c>' * 101 + "</row>")
    with zf, pytest.raises(BadFileError, match="个单元格的导入上限"):
        extent.check_xlsx_extent(zf, "重复.xlsx")


def test_a_claim_past_the_bounds_is_not_believed_either_way(tmp_path: Path) -> None:
    """Formatting can make Excel's dimension reach far: the cells decide, not the claim."""
    with _sheet_zip(tmp_path / "格式.xlsx", "A1:XFD1048576", '<row r="1"><c r="A1"><v>1</v></c></row>') as zf:
        assert not extent._xlsx_extent_claimed(zf, "xl/worksheets/sheet1.xml", SourceRef(file="格式.xlsx"))
        extent.check_xlsx_extent(zf, "格式.xlsx")  # accepted by the exact count


def test_honest_workbooks_take_the_quick_path(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "公开事项", "公开内容", "公开依据", "公开时限", "公开主体"])
    for i in range(1, 300):
        sheet.append([i, f"事项{i}", "内容", "依据", "20个工作日内", "乡政府"])
    sheet.merge_cells("B2:B3")
    path = tmp_path / "openpyxl.xlsx"
    book.save(path)
    files = [path, *sorted(CORPUS.glob("c0*.xlsx"))]
    with zipfile.ZipFile(path) as zf:
        assert extent._xlsx_extent_claimed(zf, "xl/worksheets/sheet1.xml", SourceRef(file=path.name))
    taken = 0
    for file in files:
        with zipfile.ZipFile(file) as zf:
            for member in (n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")):
                taken += extent._xlsx_extent_claimed(zf, member, SourceRef(file=file.name))
    assert taken >= len(files) // 2
    assert len(read_template(path).items) == 299
