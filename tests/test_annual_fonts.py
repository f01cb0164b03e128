"""The office's 公文 fonts for the yearly report: Windows file names, fontconfig on Linux, TrueType only,
the bundled font for whatever is missing; the self-check report takes them too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from annual_sample import sample_report
from pypdf import PdfReader

from zwgk_desktop.core.annual import official_fonts, render_pdf
from zwgk_desktop.core.annual.render_pdf import write_pdf
from zwgk_desktop.core.reports import fonts as report_fonts
from zwgk_desktop.paths import cjk_font_path


def _pdf_font_names(path: Path) -> set[str]:
    names: set[str] = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def test_windows_font_files_used_and_embedded_missing_ones_fall_back(tmp_path: Path) -> None:
    folder = tmp_path / "Fonts"
    folder.mkdir()
    (folder / "simfang.ttf").symlink_to(cjk_font_path())  # stands in for a real TrueType 仿宋
    (folder / "simhei.ttf").symlink_to(cjk_font_path())
    (folder / "simkai.ttf").write_bytes(b"OTTO" + b"\x00" * 60)  # CFF outlines: reportlab cannot embed it
    found = official_fonts.find_official_fonts([folder], use_fc_list=False)
    assert found.files["fangsong"] == str(folder / "simfang.ttf")
    assert found.files["heiti"] == str(folder / "simhei.ttf")
    assert found.files["kaiti"] == ""
    assert found.kaiti == report_fonts.BUNDLED_NAME
    assert found.fangsong.startswith("ZwgkFangSong") and found.heiti.startswith("ZwgkHeiTi")
    assert not found.bundled_only
    styles = render_pdf._Styles(found)
    assert styles.body.style.fontName == styles.cell.style.fontName == found.fangsong  # body and tables in 仿宋
    assert styles.heading.style.fontName == styles.title.style.fontName == found.heiti  # headings in 黑体
    assert styles.subhead.style.fontName == report_fonts.BUNDLED_NAME  # no usable 楷体
    # the stand-in file is the bundled font itself, so the PDF names it so; it is embedded as a subset
    names = _pdf_font_names(write_pdf(sample_report(), tmp_path / "r.pdf", fonts=found))
    assert "DroidSansFallback" in names


def test_nothing_installed_gives_the_bundled_font(tmp_path: Path) -> None:
    found = official_fonts.find_official_fonts([tmp_path], use_fc_list=False)
    assert (found.fangsong, found.heiti, found.kaiti) == (report_fonts.BUNDLED_NAME,) * 3
    assert found.bundled_only


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig's fc-list is not installed")
def test_fontconfig_fonts_found_on_linux(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real fontconfig setup with one CJK TrueType font installed: the report and the self-check use it."""
    report_fonts.setup_fonts()  # the process-wide self-check fonts are chosen from the machine's own setup
    fonts_dir = tmp_path / "fonts"
    fonts_dir.mkdir()
    shutil.copy(cjk_font_path(), fonts_dir / "installed-cjk.ttf")
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?>\n<fontconfig><dir>{fonts_dir}</dir>'
                    f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n", encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    monkeypatch.setattr(official_fonts, "_fc_cache", None)
    listed = official_fonts.fc_list_fonts()
    assert [f.path.name for f in listed] == ["installed-cjk.ttf"]
    found = official_fonts.find_official_fonts([tmp_path / "no-windows"])
    assert found.files == {role: str(fonts_dir / "installed-cjk.ttf") for role in official_fonts.ROLES}
    assert found.fangsong.startswith("ZwgkSysCJK")
    assert render_pdf._Styles(found).body.style.fontName == found.fangsong
    # the self-check report fills what the Windows probe left open the same way
    body, heading = report_fonts._official_fonts(None, None)
    assert body == heading == found.fangsong
    monkeypatch.setattr(official_fonts, "_fc_cache", None)  # later tests see the machine's own fonts


def test_family_names_pick_the_role(tmp_path: Path) -> None:
    """fc-list families 仿宋/黑体/楷体 go to their roles (most official name first)."""
    kai = official_fonts.FontFile(Path(cjk_font_path()), 0, ("KaiTi", "楷体"))
    hei = official_fonts.FontFile(tmp_path / "missing.ttf", 0, ("SimHei", "黑体"))
    assert official_fonts._candidates("kaiti", [], [hei, kai]) == [(Path(cjk_font_path()), 0)]
    assert official_fonts._candidates("heiti", [], [hei, kai]) == [(tmp_path / "missing.ttf", 0)]
    assert official_fonts._candidates("fangsong", [tmp_path], [hei, kai]) == [(tmp_path / "simfang.ttf", 0)]
