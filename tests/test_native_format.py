"""The app's own template format can grow: files exported before a change still import as the same checklist.

The files in tests/data/native/ were written by ``zwgk export-template`` on 2026-11-30 (格式版本 1) and are
never regenerated. Each is imported through the real CLI into a workspace, then imported again as written,
with its columns reordered, and with columns a later version might add: every time the CLI finds the same
checklist (same name and issuer) and the update changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from zwgk_desktop.cli import main
from zwgk_desktop.core.fields import stored_values
from zwgk_desktop.core.importing import read_template
from zwgk_desktop.core.importing.native import INFO_SHEET, TEMPLATE_SHEET
from zwgk_desktop.core.types import BadFileError, TemplateKind

NATIVE = Path(__file__).parent / "data" / "native"
# file -> (checklist name, issuer, year, items)
EXPORTED = {
    "guanxian-2021-workpoints-exported-2026-11-30.xlsx": (
        "冠县人民政府办公室关于印发2021年冠县政务公开工作要点的通知", "冠县人民政府办公室", 2021, 18),
    "guanxian-2021-tasks-exported-2026-11-30.xlsx": ("2021年冠县政务公开重点工作任务分解表", "", 2021, 38),
    "shehui-jiuzhu-exported-2026-11-30.xlsx": ("社会救助领域基层政务公开标准目录", "", None, 12),
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict | list:
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def rewrite(src: Path, dst: Path, *, order: list[int] | None = None, extra: dict[str, list[str]] | None = None,
            info: dict[str, str] | None = None, drop_info: bool = False) -> Path:
    """A copy of a native file with the 模板 columns in ``order`` (indices of the original columns), extra
    columns appended (header -> cells, one per item row), 说明 values replaced."""
    wb = load_workbook(src)
    rows = [list(r) for r in wb[TEMPLATE_SHEET].iter_rows(values_only=True)]
    order = order if order is not None else list(range(len(rows[0])))
    out = Workbook()
    sheet = out.active
    sheet.title = TEMPLATE_SHEET
    for i, row in enumerate(rows):
        cells = [row[c] for c in order]
        for header, values in (extra or {}).items():
            cells.append(header if i == 0 else values[(i - 1) % len(values)])
        sheet.append(cells)
    if not drop_info:
        meta = out.create_sheet(INFO_SHEET)
        for key, value in wb[INFO_SHEET].iter_rows(values_only=True):
            meta.append([key, (info or {}).get(key, value)])
    out.save(dst)
    return dst


def items_of(path: Path) -> list[dict]:
    return [stored_values(it) for it in read_template(path).items]


@pytest.mark.parametrize("name", sorted(EXPORTED))
def test_a_file_exported_today_imports_as_the_same_checklist_as_written_reordered_and_with_new_columns(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    src = NATIVE / name
    title, issuer, year, count = EXPORTED[name]
    data = str(tmp_path / "ws")
    tpl = read_template(src)
    assert (tpl.kind, tpl.name, tpl.issuer, tpl.year, len(tpl.items)) == (TemplateKind.NATIVE, title, issuer, year, count)
    assert tpl.warnings == []
    first = cli_json(capsys, "--data-dir", data, "import", str(src))
    assert first["checklist"] == title and len(first["items"]) == count
    assert run(capsys, "--data-dir", data, "import", str(src))[0] == 0
    before = cli_json(capsys, "--data-dir", data, "items")
    expected = items_of(src)

    width = len(next(load_workbook(src)[TEMPLATE_SHEET].iter_rows(values_only=True)))
    variants = {  # label -> (file, extra arguments)
        "reordered": (rewrite(src, tmp_path / "reordered.xlsx", order=list(reversed(range(width)))), []),
        # columns a later version may add: one named like a synonym of 责任单位, one of 公开时限, one new
        "added columns, version 1.3": (rewrite(
            src, tmp_path / "added.xlsx", info={"格式版本": "1.3"},
            extra={"牵头单位": ["县政府办公室"], "完成时间": ["2021年底前"], "公开栏目": ["政务公开/重点领域"]}), []),
        # without its 说明 sheet a file carries no name: the clerk names the checklist it
        # updates (last: the template it leaves adopted is named after the file)
        "shuffled, no 说明 sheet": (rewrite(src, tmp_path / "no-info.xlsx", drop_info=True,
                                        order=[4, 0, 8, 1, 2, 3, *range(9, width), 5, 7, 6]), ["--checklist", title]),
    }
    for label, (path, args) in variants.items():
        assert items_of(path) == expected, label
        diff = cli_json(capsys, "--data-dir", data, "import", str(path), *args, "--dry-run")
        # an update of the same checklist with nothing to change
        assert diff["checklist"] == title, label
        assert (diff["added"], diff["removed"], diff["changed"], diff["similar"]) == ([], [], [], []), label
        assert diff["unchanged"] == count, label
        code, out, err = run(capsys, "--data-dir", data, "import", str(path), *args, "--yes")
        assert code == 0, (label, err)
    assert [c["name"] for c in cli_json(capsys, "--data-dir", data, "checklists")] == [title]
    assert cli_json(capsys, "--data-dir", data, "items") == before


def test_added_columns_are_reported_with_their_cells_never_read_into_a_known_field(tmp_path: Path) -> None:
    src = NATIVE / "shehui-jiuzhu-exported-2026-11-30.xlsx"
    path = rewrite(src, tmp_path / "added.xlsx", info={"格式版本": "1.1"},
                   extra={"牵头单位": ["县民政局"], "公开栏目": ["", "社会救助"]})
    tpl = read_template(path)
    assert [it.owners for it in tpl.items] == [it.owners for it in read_template(src).items]
    texts = [str(w) for w in tpl.warnings]
    assert any("1.1" in t and "新" in t for t in texts), texts
    assert any("列“牵头单位”" in t and "12 个单元格没有导入" in t for t in texts), texts
    assert any("列“公开栏目”" in t and "6 个单元格没有导入" in t for t in texts), texts


@pytest.mark.parametrize(("version", "words"), [
    ("2.0", ["模板格式版本是 2.0", "1.x", "升级", "说明"]),
    ("2", ["模板格式版本是 2", "1.x"]),
    ("0.9", ["模板格式版本是 0.9"]),
    ("新版", ["“新版”无法识别", "主版本.次版本"]),
])
def test_an_incompatible_or_unreadable_version_is_refused_and_nothing_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], version: str, words: list[str]) -> None:
    src = NATIVE / "guanxian-2021-workpoints-exported-2026-11-30.xlsx"
    path = rewrite(src, tmp_path / "v.xlsx", info={"格式版本": version})
    with pytest.raises(BadFileError) as caught:
        read_template(path)
    for word in words:
        assert word in str(caught.value)
    assert "v.xlsx" in str(caught.value)
    data = str(tmp_path / "ws")
    code, out, err = run(capsys, "--data-dir", data, "import", str(path))
    assert code == 1 and "模板格式版本" in err
    assert cli_json(capsys, "--data-dir", data, "checklists") == []


def test_minor_versions_and_the_old_row_are_read(tmp_path: Path) -> None:
    src = NATIVE / "shehui-jiuzhu-exported-2026-11-30.xlsx"
    expected = items_of(src)
    for version in ("1", "1.0", "1.7", " 1.2 ", ""):
        path = rewrite(src, tmp_path / "v.xlsx", info={"格式版本": version})
        assert items_of(path) == expected, version


def test_a_native_file_without_the_item_column_names_the_sheet_and_row(tmp_path: Path) -> None:
    src = NATIVE / "shehui-jiuzhu-exported-2026-11-30.xlsx"
    width = len(next(load_workbook(src)[TEMPLATE_SHEET].iter_rows(values_only=True)))
    path = rewrite(src, tmp_path / "no-title.xlsx", order=[c for c in range(width) if c != 4])
    with pytest.raises(BadFileError) as caught:
        read_template(path)
    text = str(caught.value)
    assert "“事项”" in text and "工作表“模板”" in text and "第 1 行" in text


def test_the_writer_still_writes_what_the_committed_files_hold(tmp_path: Path) -> None:
    """Export then import gives the same items, and the header row starts with the one of the files exported
    before (a later field adds its column after them)."""
    from zwgk_desktop.core.importing import write_native_xlsx

    for name in EXPORTED:
        src = NATIVE / name
        again = tmp_path / name
        write_native_xlsx(read_template(src), again)
        assert items_of(again) == items_of(src)
        header = next(load_workbook(again)[TEMPLATE_SHEET].iter_rows(values_only=True))
        before = next(load_workbook(src)[TEMPLATE_SHEET].iter_rows(values_only=True))
        assert header[: len(before)] == before
