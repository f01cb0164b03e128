"""Chinese text in reportlab: line-breaking rules, font fallback runs and fast Paragraph construction.

reportlab's CJK wrap (``wordWrap='CJK'``, ``paragraph.cjkFragSplit``) lets a character that overflows
the line hang in the margin instead of starting the next line when it is in ``ALL_CANNOT_START``.
That list only knows Japanese punctuation plus a few full-width marks, so Chinese ，：；？！》” etc.
could start a line. ``install_kinsoku()`` extends it once; ``paragraph.py`` imported the string by
name, so its module global is replaced as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

import reportlab.lib.textsplit as _textsplit
import reportlab.platypus.paragraph as _paragraph
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from .fonts import LATIN_NAME, fallback_pattern

P = TypeVar("P", bound=Paragraph)

# Chinese closing punctuation that must never start a line (GB/T 15834 / 中文排版需求).
CHINESE_CANNOT_START = "，。：；？！》”）、’〉」』】〕］｝．…—·％"

_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u3000]+")
_NEWLINES_RE = re.compile(r"\s*\n\s*")


def install_kinsoku() -> None:
    """Extend reportlab's cannot-start-a-line list with Chinese punctuation (idempotent)."""
    extra = "".join(ch for ch in dict.fromkeys(CHINESE_CANNOT_START) if ch not in _textsplit.ALL_CANNOT_START)
    if extra:
        _textsplit.CANNOT_START_LINE[0] += extra
        _textsplit.ALL_CANNOT_START += extra
    _paragraph.ALL_CANNOT_START = _textsplit.ALL_CANNOT_START


install_kinsoku()


def clean_text(text: str | None) -> str:
    """Drop control characters, unify line ends, squeeze spaces; keep single line breaks."""
    if not text:
        return ""
    text = _CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _SPACES_RE.sub(" ", text)
    return _NEWLINES_RE.sub("\n", text).strip()


def split_runs(text: str, font: str, latin: str = LATIN_NAME) -> list[tuple[str, str]]:
    """Split ``text`` into (font name, text) runs so every character is drawn by a font that has it."""
    pattern = fallback_pattern(font, latin)
    if pattern is None:
        return [(font, text)]
    runs: list[tuple[str, str]] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            runs.append((font, text[pos : m.start()]))
        runs.append((latin, m.group()))
        pos = m.end()
    if pos < len(text):
        runs.append((font, text[pos:]))
    return runs


def runs_width(runs: list[tuple[str, str]], size: float) -> float:
    return sum(stringWidth(t, f, size) for f, t in runs)


def text_width(text: str, font: str, size: float) -> float:
    return runs_width(split_runs(text, font), size)


class CachedParagraph(Paragraph):
    """A Paragraph that breaks its lines once per width.

    A table cell is wrapped when the table measures its rows, again after each page split and again
    when it is drawn, always at the column width; line breaking does not depend on the height offered,
    so the result of the first wrap at a width is reused.
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        cached = self._wrapped
        if cached is not None and cached[0] == availWidth:
            return cached[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size)
        return size


class ParaMaker:
    """Builds CJK-wrapping Paragraphs for one style without running reportlab's markup parser.

    The text is plain (no markup, no escaping needed). Fragments are cloned from one parsed template,
    with Latin runs switched to the fallback font and line breaks as ``<br/>`` fragments.
    """

    def __init__(self, style: ParagraphStyle, latin: str = LATIN_NAME) -> None:
        if style.wordWrap != "CJK":
            style = ParagraphStyle(style.name + "-cjk", parent=style, wordWrap="CJK")
        self.style = style
        template = Paragraph("x", style).frags[0]
        self._clone: Callable[..., object] = template.clone
        self._font = style.fontName
        self._latin = latin
        self._pattern = fallback_pattern(style.fontName, latin)

    def frags(self, text: str) -> list:
        clone = self._clone
        out: list = []
        pattern = self._pattern
        for n, line in enumerate(text.split("\n")):
            if n:
                out.append(clone(text="", lineBreak=True, __tag__="br", link=[], us_lines=[]))
            if pattern is None:
                out.append(clone(text=line, link=[], us_lines=[]))
                continue
            for font, part in split_runs(line, self._font, self._latin):
                out.append(clone(text=part, fontName=font, link=[], us_lines=[]))
        return out

    def __call__(self, text: str | None, *, cls: type[P] = CachedParagraph, clean: bool = True) -> P:  # type: ignore[assignment]
        text = clean_text(text) if clean else (text or "")
        return cls(text, self.style, frags=self.frags(text))

    def cell(self, text: str | None) -> CachedParagraph | str:
        """A table cell: an empty string stays a cheap plain string."""
        text = clean_text(text)
        return CachedParagraph(text, self.style, frags=self.frags(text)) if text else ""
