"""Font probing: TrueType outlines only, broken files skipped, the bundled font as the fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from zwgk_desktop.core.reports import fonts
from zwgk_desktop.paths import cjk_font_path


def test_truetype_outline_check(tmp_path: Path) -> None:
    assert fonts.has_truetype_outlines(cjk_font_path())
    junk = tmp_path / "simsun.ttc"
    junk.write_bytes(b"ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10OTTO" + b"\x00" * 40)
    assert not fonts.has_truetype_outlines(junk)  # CFF subfont
    (tmp_path / "x.ttf").write_bytes(b"not a font")
    assert not fonts.has_truetype_outlines(tmp_path / "x.ttf")
    assert not fonts.has_truetype_outlines(tmp_path / "missing.ttf")


def test_system_fonts_preferred_broken_ones_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        fonts,
        "WINDOWS_CANDIDATES",
        (("TestSimSun", "simsun.ttc"), ("TestSimHei", "simhei.ttf"), ("TestYaHei", "msyh.ttc")),
    )
    monkeypatch.setattr(fonts, "BODY_PREFERENCE", ("TestSimSun", "TestYaHei", "TestSimHei"))
    monkeypatch.setattr(fonts, "HEADING_PREFERENCE", ("TestSimHei", "TestYaHei", "TestSimSun"))
    (tmp_path / "simsun.ttc").write_bytes(b"broken")
    (tmp_path / "simhei.ttf").symlink_to(cjk_font_path())  # stands in for a real TrueType 黑体
    found = fonts.setup_fonts(font_dirs=[tmp_path])
    assert found.heading == "TestSimHei"
    assert found.body == "TestSimHei"  # 宋体 broken, 雅黑 missing: the next usable system font
    assert fonts.setup_fonts(font_dirs=[tmp_path / "none"]).body == fonts.BUNDLED_NAME


def test_register_fonts_returns_cjk_font() -> None:
    from reportlab.pdfbase import pdfmetrics

    name = fonts.register_fonts()
    face = pdfmetrics.getFont(name).face
    assert all(ord(ch) in face.charToGlyph for ch in "政务公开")
    assert fonts.register_fonts() == name
