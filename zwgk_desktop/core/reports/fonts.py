"""Font registration for the PDF report: one registration per process, TrueType only (always embedded).

On Windows the system CJK fonts (宋体 / 黑体 / 微软雅黑) are preferred; elsewhere, or when they are
missing or unusable, the bundled Droid Sans Fallback is used. That font has no Latin glyphs at all
(no digits, no ASCII, no “” …), so a Latin TrueType font is registered beside it and
``fallback_pattern()`` finds the runs of text that must be set in it.
"""

from __future__ import annotations

import logging
import os
import re
import struct
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from zwgk_desktop.core.messages import msg
from zwgk_desktop.paths import cjk_font_path

log = logging.getLogger(__name__)

BUNDLED_NAME = "ZwgkDroidSans"
LATIN_NAME = "ZwgkVera"
# (registered name, file name, role) in order of preference; TTC files use subfont 0.
WINDOWS_CANDIDATES: tuple[tuple[str, str], ...] = (
    ("ZwgkSimSun", "simsun.ttc"),  # 宋体: body text
    ("ZwgkSimHei", "simhei.ttf"),  # 黑体: headings
    ("ZwgkYaHei", "msyh.ttc"),  # 微软雅黑
)
BODY_PREFERENCE = ("ZwgkSimSun", "ZwgkYaHei", "ZwgkSimHei")
HEADING_PREFERENCE = ("ZwgkSimHei", "ZwgkYaHei", "ZwgkSimSun")
_PROBE_TEXT = "政务公开自查报告"


@dataclass(frozen=True)
class ReportFonts:
    body: str
    heading: str
    latin: str  # fallback for characters the CJK fonts lack


_lock = threading.Lock()
_fonts: ReportFonts | None = None


def has_truetype_outlines(path: Path, subfont: int = 0) -> bool:
    """True if the font (or TTC subfont) is an sfnt with a 'glyf' table (TrueType, not CFF outlines)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
            offset = 0
            if head[:4] == b"ttcf":
                (count,) = struct.unpack(">I", head[8:12])
                if subfont >= count:
                    return False
                fh.seek(12 + 4 * subfont)
                (offset,) = struct.unpack(">I", fh.read(4))
                fh.seek(offset)
                head = fh.read(12)
            if head[:4] not in (b"\x00\x01\x00\x00", b"true"):
                return False  # 'OTTO' (CFF) or not a font
            (num_tables,) = struct.unpack(">H", head[4:6])
            records = fh.read(16 * num_tables)
    except (OSError, struct.error):
        return False
    tags = {records[i : i + 4] for i in range(0, len(records), 16)}
    return b"glyf" in tags and b"loca" in tags


def _try_register(name: str, path: Path) -> bool:
    if not path.is_file():
        return False
    if name in pdfmetrics.getRegisteredFontNames():
        return True
    if not has_truetype_outlines(path):
        return False
    try:
        font = TTFont(name, str(path), subfontIndex=0)
        if not all(ord(ch) in font.face.charToGlyph for ch in _PROBE_TEXT):
            log.info("font %s lacks CJK glyphs; skipped", path)
            return False
        pdfmetrics.registerFont(font)
    except Exception as exc:  # a broken or restricted font must never stop the report
        log.info("font %s unusable: %s", path, exc)
        return False
    return True


def windows_font_dirs() -> list[Path]:
    if sys.platform != "win32":
        return []
    root = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows"
    return [Path(root) / "Fonts"]


def _latin_font_path() -> Path:
    return Path(reportlab.__file__).resolve().parent / "fonts" / "Vera.ttf"


def _register_family(name: str) -> None:
    # <b>/<i> must never switch to a non-embedded standard font.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)


@cache
def fallback_pattern(primary: str, latin: str = LATIN_NAME) -> re.Pattern[str] | None:
    """A regex matching runs of characters the primary font lacks but the Latin font has."""
    have = pdfmetrics.getFont(primary).face.charToGlyph
    extra = sorted(cp for cp in pdfmetrics.getFont(latin).face.charToGlyph if cp not in have and cp >= 0x20)
    if not extra:
        return None
    ranges: list[tuple[int, int]] = []
    for cp in extra:
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    cls = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges
    )
    return re.compile(f"[{cls}]+")


def setup_fonts(font_dirs: Iterable[Path] | None = None) -> ReportFonts:
    """Register the report fonts once per process and return them.

    ``font_dirs`` overrides the system font folders (tests); by default only Windows folders are probed.
    """
    global _fonts
    with _lock:
        if _fonts is not None and font_dirs is None:
            return _fonts
        found: list[str] = []
        for folder in windows_font_dirs() if font_dirs is None else list(font_dirs):
            for name, file_name in WINDOWS_CANDIDATES:
                if name not in found and _try_register(name, Path(folder) / file_name):
                    found.append(name)
        body = _first(BODY_PREFERENCE, found)
        heading = _first(HEADING_PREFERENCE, found)
        if font_dirs is None and (body is None or heading is None):
            body, heading = _official_fonts(body, heading)
        if body is None or heading is None:
            if not _try_register(BUNDLED_NAME, cjk_font_path()):
                raise RuntimeError(msg("无法加载报告字体：{value}", value=cjk_font_path()))
            body = body or BUNDLED_NAME
            heading = heading or body
        if not _try_register_latin():
            raise RuntimeError(msg("无法加载报告字体：{value}", value=_latin_font_path()))
        for name in {body, heading, LATIN_NAME}:
            _register_family(name)
        fonts = ReportFonts(body, heading, LATIN_NAME)
        if font_dirs is None:
            _fonts = fonts
        return fonts


def _official_fonts(body: str | None, heading: str | None) -> tuple[str | None, str | None]:
    """Fill what the Windows probe left open with the system's 公文 fonts (仿宋 body, 黑体 headings;
    on Linux found with fc-list), as the yearly report uses them."""
    try:
        from zwgk_desktop.core.annual.official_fonts import system_fonts

        found = {role: value.split("|", 1)[0] for role, value in system_fonts().items()}
    except Exception as exc:  # noqa: BLE001 - the bundled font still works
        log.info("system fonts not probed: %s", exc)
        return body, heading
    body = body or found.get("fangsong")
    return body, heading or found.get("heiti") or body


def _try_register_latin() -> bool:
    if LATIN_NAME in pdfmetrics.getRegisteredFontNames():
        return True
    try:
        pdfmetrics.registerFont(TTFont(LATIN_NAME, str(_latin_font_path())))
    except Exception as exc:
        log.warning("Latin font unusable: %s", exc)
        return False
    return True


def _first(preference: Sequence[str], found: Sequence[str]) -> str | None:
    return next((name for name in preference if name in found), None)


def register_fonts() -> str:
    """Register the report fonts (once) and return the body font name."""
    return setup_fonts().body


def ascii_font(primary: str, latin: str = LATIN_NAME) -> str:
    """The font to draw digits and ASCII with: ``primary`` if it has them, else the Latin fallback."""
    pattern = fallback_pattern(primary, latin)
    return latin if pattern is not None and pattern.fullmatch("0123456789-%./:") else primary
