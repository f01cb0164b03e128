"""The office's 公文 fonts for the yearly report: 仿宋 (body), 黑体 (part headings), 楷体 (sub-heads).

Where the system has them they are used and embedded (as a subset) in the PDF:

* Windows: ``C:\\Windows\\Fonts\\simfang.ttf`` 仿宋, ``simhei.ttf`` 黑体, ``simkai.ttf`` 楷体;
* Linux: ``fc-list`` for families named 仿宋/FangSong, 黑体/SimHei, 楷体/KaiTi (and their _GB2312
  variants), else any TrueType CJK font installed.

TrueType outlines only: reportlab cannot embed CFF (.otf) fonts. Whatever is missing falls back to the
bundled font of the self-check report (``core/reports/fonts.py``); the Latin fallback font of that
module draws what a CJK font lacks.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from zwgk_desktop.core.reports import fonts as report_fonts

log = logging.getLogger(__name__)

ROLES: tuple[str, ...] = ("fangsong", "heiti", "kaiti")
# registered font name of each role
ROLE_NAMES: dict[str, str] = {"fangsong": "ZwgkFangSong", "heiti": "ZwgkHeiTi", "kaiti": "ZwgkKaiTi"}
WINDOWS_FILES: dict[str, tuple[str, ...]] = {
    "fangsong": ("simfang.ttf",),
    "heiti": ("simhei.ttf",),
    "kaiti": ("simkai.ttf",),
}
# family names (compared without spaces, case-insensitive) of each role, most official first
FAMILIES: dict[str, tuple[str, ...]] = {
    "fangsong": ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "SimFang", "华文仿宋", "STFangsong"),
    "heiti": ("黑体", "SimHei", "华文黑体", "STHeiti"),
    "kaiti": ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "SimKai", "华文楷体", "STKaiti"),
}
_PROBE = "政府信息公开工作年度报告"


@dataclass(frozen=True)
class OfficialFonts:
    """Registered reportlab font names for each role, and the files they came from ("" = bundled)."""

    fangsong: str
    heiti: str
    kaiti: str
    latin: str = report_fonts.LATIN_NAME
    files: dict[str, str] = field(default_factory=dict)

    @property
    def bundled_only(self) -> bool:
        return not any(self.files.values())


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int  # subfont of a .ttc
    families: tuple[str, ...]


_lock = threading.Lock()
_cached: OfficialFonts | None = None
_fc_cache: list[FontFile] | None = None


def _tag(path: Path, index: int) -> str:
    """A stable short tag of a font file, so each file is registered under one name."""
    return f"{zlib.crc32(f'{path}#{index}'.encode()):08x}"


def _norm(name: str) -> str:
    return "".join(name.split()).casefold()


def fc_list_fonts() -> list[FontFile]:
    """CJK fonts ``fc-list`` knows (Linux and other fontconfig systems); [] without fontconfig."""
    global _fc_cache
    if _fc_cache is not None:
        return _fc_cache
    found: list[FontFile] = []
    exe = shutil.which("fc-list")
    if exe and sys.platform != "win32":
        try:
            out = subprocess.run([exe, "-f", "%{file}|%{index}|%{family}\n", ":lang=zh"], capture_output=True,
                                 text=True, timeout=20, check=False).stdout
        except (OSError, subprocess.SubprocessError) as exc:
            log.info("fc-list failed: %s", exc)
            out = ""
        for line in out.splitlines():
            parts = line.split("|", 2)
            if len(parts) != 3:
                continue
            try:
                index = int(parts[1] or 0)
            except ValueError:
                index = 0
            found.append(FontFile(Path(parts[0]), index, tuple(f for f in parts[2].split(",") if f)))
    _fc_cache = found
    return found


def windows_fonts_folder() -> Path | None:
    if sys.platform != "win32":
        return None
    root = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows"
    return Path(root) / "Fonts"


def register_truetype(name: str, path: Path, index: int = 0) -> bool:
    """Register ``path`` as ``name`` if it is a TrueType-outline font with the CJK glyphs we print."""
    if name in pdfmetrics.getRegisteredFontNames():
        return True
    if not path.is_file() or not report_fonts.has_truetype_outlines(path, index):
        return False
    try:
        font = TTFont(name, str(path), subfontIndex=index)
        if not all(ord(ch) in font.face.charToGlyph for ch in _PROBE):
            return False
        pdfmetrics.registerFont(font)
    except Exception as exc:  # noqa: BLE001 - a broken or restricted font must never stop the report
        log.info("font %s unusable: %s", path, exc)
        return False
    report_fonts._register_family(name)
    return True


def _candidates(role: str, font_dirs: Iterable[Path] | None, system: list[FontFile]) -> list[tuple[Path, int]]:
    out: list[tuple[Path, int]] = []
    folders = list(font_dirs) if font_dirs is not None else [f for f in [windows_fonts_folder()] if f]
    for folder in folders:
        out.extend((Path(folder) / name, 0) for name in WINDOWS_FILES[role])
    for family in FAMILIES[role]:
        want = _norm(family)
        out.extend((f.path, f.index) for f in system if any(_norm(x) == want for x in f.families))
    return list(dict.fromkeys(out))


def system_fonts(font_dirs: Iterable[Path] | None = None, *, use_fc_list: bool = True) -> dict[str, str]:
    """Register the system's 公文 fonts found; returns {role: file} for the roles found (no fallback).

    A role without its own font takes any other TrueType CJK font of the system (黑体 first for
    headings), so a Linux desktop with only, say, AR PL UMing still gets an installed font.
    """
    dirs = list(font_dirs) if font_dirs is not None else None
    system = fc_list_fonts() if use_fc_list else []
    files: dict[str, str] = {}
    for role in ROLES:
        for path, index in _candidates(role, dirs, system):
            name = f"{ROLE_NAMES[role]}-{_tag(path, index)}"
            if register_truetype(name, path, index):
                files[role] = name + "|" + str(path)
                break
    if len(files) < len(ROLES):
        for f in system:  # any TrueType CJK font
            name = f"ZwgkSysCJK-{_tag(f.path, f.index)}"
            if register_truetype(name, f.path, f.index):
                for role in ROLES:
                    files.setdefault(role, name + "|" + str(f.path))
                break
    return files


def find_official_fonts(font_dirs: Iterable[Path] | None = None, *, use_fc_list: bool = True) -> OfficialFonts:
    """The fonts for the yearly report, registered with reportlab (cached for the default lookup).

    ``font_dirs`` replaces the Windows font folder (tests); ``use_fc_list=False`` skips fontconfig.
    """
    global _cached
    default = font_dirs is None and use_fc_list
    with _lock:
        if default and _cached is not None:
            return _cached
        found = system_fonts(font_dirs, use_fc_list=use_fc_list)
    bundled = report_fonts.setup_fonts().body if len(found) < len(ROLES) else ""

    def pick(role: str) -> tuple[str, str]:
        if role in found:
            name, path = found[role].split("|", 1)
            return name, path
        return bundled, ""

    picked = {role: pick(role) for role in ROLES}
    result = OfficialFonts(
        fangsong=picked["fangsong"][0], heiti=picked["heiti"][0], kaiti=picked["kaiti"][0],
        files={role: picked[role][1] for role in ROLES},
    )
    report_fonts.setup_fonts()  # the Latin fallback font
    if default:
        _cached = result
    return result
