"""Text clean-up for cells and notice lines.

* stray spaces between CJK characters (text copied from PDFs) are removed, spaces between Latin words kept;
* full-width ASCII letters and digits become half width (``１０个工作日`` -> ``10个工作日``);
  Chinese punctuation in running text is kept as written;
* line breaks inside a cell collapse, except before a list marker (``1.`` ``（一）``) in long text, where
  one line break is kept so the content stays readable;
* spreadsheet numbers lose a spurious ``.0`` (``1.0`` -> ``1``), dates become ISO text.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

_CJK = r"\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u25a0-\u25ff\u2610-\u2612"
_SPACE_AROUND_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+(?=[{_CJK}])")
_MULTI_SPACE = re.compile(r"[ \t\u00a0\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff]")
_LIST_MARKER = re.compile(
    r"^(?:\d{1,2}[.．、](?!\d)|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)"
)
# a line break inside a text cell is kept after a finished entry (》 。 ；) or before a bullet or a title in 《》;
# anything else is a word wrapped by a narrow column and is joined
_LINE_END = frozenset("。；;》")
_LINE_START = re.compile(r"^[●•·▪◆■《]")
_CUT_END = re.compile(r"[\d（(《“、，,]$")
_CUT_START = re.compile(r"^[\d）)》”、，,。；;：:]")
_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}
_FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})
_FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})

# Leading outline numbering on a category or title: 一、 （一） (一) 1. 1、 1． 第一部分
_NUMBERING = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百]+[部分章节类]\s*|[一二三四五六七八九十]+[、.．]\s*|[（(][一二三四五六七八九十\d]+[)）]\s*"
    r"|\d{1,3}(?:[.．]\d{1,3})*[、.．](?!\d)\s*)"
)


def cell_text(value: object) -> str:
    """A raw spreadsheet value as text (no clean-up yet)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


@lru_cache(maxsize=65536)
def clean(text: str, multiline: bool = False) -> str:
    """Normalise one cell or line; ``multiline`` keeps a line break before list markers."""
    if not text:
        return ""
    text = _INVISIBLE.sub("", text).translate(_FULLWIDTH_ALNUM)
    if "\n" in text or "\r" in text:
        lines = [ln for ln in (_tidy_line(x) for x in re.split(r"\r\n|\r|\n", text)) if ln]
        # in a text cell a line break typed by the author separates entries (申请材料 / 办理流程); a break
        # that cuts a phrase (after 《 or a digit, before ） or a comma, inside 《…》) is joined. Short
        # fields (titles, categories) are always joined, and so is a cell of pieces of one or two characters
        # (政策 / 法规 / 文件, 办理 / 条件): a word wrapped by a narrow column.
        listy = multiline and len(lines) > 1 and all(len(x) >= 4 for x in lines)
        out = ""
        for ln in lines:
            if not out:
                out = ln
            elif multiline and (_LIST_MARKER.match(ln) or _LINE_START.match(ln) or out[-1] in _LINE_END
                                or (listy and not _CUT_END.search(out) and not _CUT_START.match(ln)
                                    and _balanced(out))):
                out += "\n" + ln  # an in-cell list: one entry per line
            elif re.match(rf"[{_CJK}]", out[-1]) or re.match(rf"[{_CJK}]", ln[0]):
                out += ln
            else:
                out += " " + ln
        return out
    return _tidy_line(text)


def _balanced(text: str) -> bool:
    """No 《 or （ left open on the last line of ``text``."""
    last = text.rsplit("\n", 1)[-1]
    return last.count("《") <= last.count("》") and last.count("（") + last.count("(") <= last.count("）") + last.count(")")


def _tidy_line(line: str) -> str:
    line = _SPACE_AROUND_CJK.sub("", line)
    return _MULTI_SPACE.sub(" ", line).strip()


@lru_cache(maxsize=16384)
def label_key(text: str) -> str:
    """Header label as compared against the synonym table: no spaces, half-width brackets, no trailing colon."""
    text = clean(text)
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")").rstrip(":：")


@lru_cache(maxsize=16384)
def strip_numbering(text: str) -> str:
    """Remove leading outline numbering from a category or title (``一、综合业务`` -> ``综合业务``)."""
    stripped = _NUMBERING.sub("", text, count=1).strip()
    return stripped or text


@lru_cache(maxsize=16384)
def category_name(text: str) -> str:
    """A category or section name: numbering and a closing full stop removed (``一、做好财政信息公开。``)."""
    return strip_numbering(text).rstrip("。．.；;，, ") or text


SAME_AS_ABOVE = frozenset(("同上", "同上。", "同上述", "同前", "〃", "\u3003"))


def is_same_as_above(text: str) -> bool:
    return text in SAME_AS_ABOVE
