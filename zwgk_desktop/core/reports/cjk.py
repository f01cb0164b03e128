"""Chinese text in reportlab: line-breaking rules, font fallback runs and fast Paragraph construction.

reportlab's CJK wrap (``wordWrap='CJK'``, ``paragraph.cjkFragSplit``) breaks anywhere and only lets
one character from ``textsplit.ALL_CANNOT_START`` hang in the margin; that list knows Japanese
punctuation but not Chinese ，：；？！》” etc., and two closing marks in a row (``）、``, ``。”``) still
put the second at a line start. ``install_kinsoku()`` (run once at import) therefore

* extends ``ALL_CANNOT_START`` / ``ALL_CANNOT_END`` with the Chinese marks (``paragraph.py`` imported
  the string by name, so its module global is replaced too), and
* replaces ``paragraph.cjkFragSplit`` with ``cjk_frag_split``: closing marks are never set at a line
  start and opening marks never at a line end; the characters before them move to the next line
  instead of hanging (a hanging mark would cross a table rule), and Latin runs such as file names
  break at a space when one is near.
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
from reportlab.rl_config import _FUZZ

from .fonts import LATIN_NAME, fallback_pattern

P = TypeVar("P", bound=Paragraph)

# Chinese closing punctuation that must never start a line (GB/T 15834 / 中文排版需求).
CHINESE_CANNOT_START = "，。：；？！》”）、’〉」』】〕］｝．…—·％"
CHINESE_CANNOT_END = "“‘（《〈「『【〔［｛"
MAX_PUSH = 4  # at most this many characters move to the next line for one break

_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u3000]+")
_NEWLINES_RE = re.compile(r"\s*\n\s*")


def install_kinsoku() -> None:
    """Teach reportlab's CJK wrap the Chinese line-breaking rules (idempotent)."""
    extra = "".join(ch for ch in dict.fromkeys(CHINESE_CANNOT_START) if ch not in _textsplit.ALL_CANNOT_START)
    if extra:
        _textsplit.CANNOT_START_LINE[0] += extra
        _textsplit.ALL_CANNOT_START += extra
    extra = "".join(ch for ch in dict.fromkeys(CHINESE_CANNOT_END) if ch not in _textsplit.ALL_CANNOT_END)
    if extra:
        _textsplit.CANNOT_END_LINE[0] += extra
        _textsplit.ALL_CANNOT_END += extra
    _paragraph.ALL_CANNOT_START = _textsplit.ALL_CANNOT_START
    if all(hasattr(_paragraph, name) for name in ("cjkFragSplit", "makeCJKParaLine", "cjkU", "wordSplit")):
        _paragraph.cjkFragSplit = cjk_frag_split
        _paragraph.wordSplit = word_split


def _is_latin_word_char(ch: str) -> bool:
    return len(ch) == 1 and ord(ch) < 0x3000 and not ch.isspace()


def _in(ch: str, chars: str) -> bool:
    return len(ch) == 1 and ch in chars


def _break_at(U: list, start: int, b: int) -> int:  # noqa: N803
    """Adjust a break before ``U[b]`` (line = U[start:b]) to respect the rules; returns the new b."""
    cannot_start, cannot_end = _textsplit.ALL_CANNOT_START, _textsplit.ALL_CANNOT_END
    first = b
    while b - 1 > start and first - b < MAX_PUSH and (_in(U[b], cannot_start) or _in(U[b - 1], cannot_end)):
        b -= 1
    if b == start + 1 and (_in(U[b], cannot_start) or _in(U[b - 1], cannot_end)):
        b = first  # nothing to be done on a line this short
    if _is_latin_word_char(U[b]) and _is_latin_word_char(U[b - 1]):
        # inside a Latin run: break after the nearest space or CJK character in the second half
        for j in range(b - 1, (start + b) // 2, -1):
            ch = U[j]
            if len(ch) == 1 and (ch.isspace() or ord(ch) >= 0x3000):
                if not _in(ch, cannot_end):
                    b = j + 1
                break
    return b


def _line_ranges(
    chars: list, widths: list[float], max_widths: list[float], hard: list[bool] | None
) -> list[tuple[int, int, float]]:
    """Greedy line breaking with the rules above: (start, end, width used) per line."""
    out: list[tuple[int, int, float]] = []
    n = len(chars)
    start = i = 0
    used = 0.0
    max_width = max_widths[0]
    while i < n:
        w = widths[i]
        if hard is not None and hard[i]:
            out.append((start, i + 1, used + w))
            max_width = max_widths[min(len(out), len(max_widths) - 1)]
            start = i = i + 1
            used = 0.0
            continue
        if used + w > max_width + _FUZZ and i > start:
            b = _break_at(chars, start, i)
            out.append((start, b, used if b == i else sum(widths[start:b])))
            max_width = max_widths[min(len(out), len(max_widths) - 1)]
            start = b
            while start < n and chars[start] == " ":  # no leading space on a new line
                start += 1
            i = start
            used = 0.0
            continue
        used += w
        i += 1
    if start < n:
        out.append((start, n, sum(widths[start:])))
    return out


def cjk_frag_split(frags: list, maxWidths: list[float], calcBounds: bool, encoding: str = "utf8") -> object:  # noqa: N803
    """reportlab's ``paragraph.cjkFragSplit`` (several fragments) with the Chinese rules."""
    cjk_u, make_line = _paragraph.cjkU, _paragraph.makeCJKParaLine
    U: list = []  # noqa: N806 (reportlab naming)
    for f in frags:
        text = f.text
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if text:
            U.extend([cjk_u(t, f, encoding) for t in text])
        else:
            U.append(cjk_u(text, f, encoding))
    if not isinstance(maxWidths, (list, tuple)):
        maxWidths = [maxWidths]  # noqa: N806
    widths = []
    for u in U:
        w = u.width
        if hasattr(w, "normalizedValue"):
            w._normalizer = maxWidths[0]
            w = w.normalizedValue(maxWidths[0])
        widths.append(w)
    hard = [hasattr(u.frag, "lineBreak") for u in U]
    lines = []
    for k, (a, b, used) in enumerate(_line_ranges(U, widths, maxWidths, hard)):
        width = maxWidths[min(k, len(maxWidths) - 1)]
        lines.append(make_line(U[a:b], width, used, width - used, hard[b - 1] if b else False, calcBounds))
    return _paragraph.ParaLines(kind=1, lines=lines)


def word_split(
    word: str | bytes, maxWidths: list[float] | float, fontName: str, fontSize: float, encoding: str = "utf8"
) -> list:  # noqa: N803
    """reportlab's ``textsplit.wordSplit`` (single-fragment paragraphs) with the Chinese rules."""
    text = word.decode(encoding) if isinstance(word, bytes) else word
    if not isinstance(maxWidths, (list, tuple)):
        maxWidths = [maxWidths]  # noqa: N806
    chars = list(text)
    widths = [stringWidth(ch, fontName, fontSize) for ch in chars]
    lines = []
    for k, (a, b, used) in enumerate(_line_ranges(chars, widths, list(maxWidths), None)):
        width = maxWidths[min(k, len(maxWidths) - 1)]
        lines.append([width - used, text[a:b]])
    return lines


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
