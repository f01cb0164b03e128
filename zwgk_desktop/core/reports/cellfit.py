"""How much room wrapped text takes in a spreadsheet cell, for explicit row heights.

Neither openpyxl nor Excel/WPS/LibreOffice reliably fits the height of rows with wrapped text when a
file is opened, so the ledger sets each row's height from an estimate of its wrapped lines.

Widths are in Excel's column-width unit (the width of a digit in the workbook's default font, Calibri 11
or its metric twin Carlito). A Chinese character set in 11 pt by the fallback font (等线, 宋体, Noto/Droid
Sans CJK) is about 2.1 units wide; Latin text about one unit per character. The estimate errs on the
generous side: a row a little too tall costs some white space, one too short hides text on paper.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

WIDE_UNITS = 2.1  # a CJK character or full-width mark, in column-width units
NARROW_UNITS = 1.0  # Latin letters, digits, ASCII punctuation
CELL_PADDING = 0.3  # units lost to the cell's inner margins (Excel: 5 px of w * 7 + 5, less room for a mark pushed over)
LINE_POINTS = 15.0  # one line of 11 pt text (Excel's default row is 15 pt)
ROW_PADDING = 1.5  # points above and below the text
MAX_ROW_POINTS = 409.0  # Excel's largest row height

_WIDE = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd"
)
_WIDE_RE = re.compile(f"[{_WIDE}]")
# break opportunities: each wide character, runs of spaces, Latin words (a word may also break after '/')
_TOKEN_RE = re.compile(f"[{_WIDE}]|\\s+|[^\\s{_WIDE}/]+/?|/")


def text_units(text: str) -> float:
    """The width of ``text`` on one line, in column-width units."""
    wide = len(_WIDE_RE.findall(text))
    return wide * WIDE_UNITS + (len(text) - wide) * NARROW_UNITS


def _paragraph_lines(text: str, usable: float) -> int:
    usable += 1e-6  # seven characters of 2.1 units fill 14.7 exactly
    if text_units(text) <= usable:
        return 1
    lines, used = 1, 0.0
    for token in _TOKEN_RE.findall(text):
        if token.isspace():
            used += len(token) * NARROW_UNITS  # a space at a line end costs nothing, so no new line for it
            continue
        width = text_units(token)
        if used + width <= usable:
            used += width
        elif width <= usable:
            lines += 1
            used = width
        else:  # longer than a line (a URL, a file name): broken between characters
            if used > 0:
                lines += 1
            full, rest = divmod(width, usable)
            lines += int(full) - (1 if rest == 0 else 0)
            used = rest or usable
    return lines


@lru_cache(maxsize=8192)  # ledgers repeat the same basis, time limit and units row after row
def wrapped_lines(text: str | None, width: float) -> int:
    """Lines ``text`` takes when wrapped in a column ``width`` units wide (at least 1)."""
    if not text:
        return 1
    usable = max(width - CELL_PADDING, WIDE_UNITS)
    if "\n" not in text and len(text) * WIDE_UNITS <= usable:
        return 1  # short text: one line whatever its characters
    return sum(_paragraph_lines(part, usable) for part in text.split("\n"))


def row_height(lines: int, line_points: float = LINE_POINTS) -> float:
    """Row height in points for ``lines`` lines of text, capped at Excel's limit."""
    return min(MAX_ROW_POINTS, math.ceil(max(lines, 1) * line_points + 2 * ROW_PADDING))
