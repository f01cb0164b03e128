"""Where the bundled resources live, in a source tree, an installed package or a frozen app."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # PyInstaller one-file / one-folder build
        return Path(frozen) / "zwgk_desktop" / "resources"
    here = Path(__file__).resolve().parent
    installed = here / "resources"  # wheel layout: package-dir maps resources/ into the package
    if installed.is_dir():
        return installed
    return here.parent / "resources"  # source checkout


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def cjk_font_path() -> Path:
    """The bundled TrueType CJK font (Droid Sans Fallback, Apache-2.0)."""
    return resource("fonts", "DroidSansFallbackFull.ttf")
