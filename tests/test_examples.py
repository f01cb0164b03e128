"""The bundled example is the real published catalogue, in the app's own format, with the same items."""

from __future__ import annotations

from pathlib import Path

from zwgk_desktop.core.importing import read_template
from zwgk_desktop.core.store.versioning import parsed_values
from zwgk_desktop.paths import cjk_font_path, resource


def test_bundled_example_equals_the_published_catalogue(fixtures_dir: Path) -> None:
    examples = sorted(resource("examples").glob("*.xlsx"))
    assert [p.name for p in examples] == ["示例-社会救助领域基层政务公开标准目录.xlsx"]
    bundled = read_template(examples[0])
    original = read_template(fixtures_dir / "shehui-jiuzhu-catalogue.xlsx")
    assert bundled.name == original.name == "社会救助领域基层政务公开标准目录"
    assert [parsed_values(i) for i in bundled.items] == [parsed_values(i) for i in original.items]
    assert bundled.warnings == []


def test_original_examples_import(fixtures_dir: Path) -> None:
    originals = sorted(resource("examples", "originals").glob("*.xlsx"))
    counts = {p.name: len(read_template(p).items) for p in originals}
    assert counts == {"2021年冠县政务公开重点工作任务分解表.xlsx": 38, "社会救助领域基层政务公开标准目录.xlsx": 12}


def test_bundled_font_is_truetype() -> None:
    with open(cjk_font_path(), "rb") as fh:
        assert fh.read(4) == b"\x00\x01\x00\x00"  # TrueType outlines (not CFF 'OTTO'): reportlab can embed it
