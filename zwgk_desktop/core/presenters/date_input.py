"""Dates typed by a clerk: ``2024-10-31``, ``20241031``, ``2024/10/31``, ``2024.10.31``, ``2024年10月31日``.

One parser for the window's date fields and the CLI's date options. An empty text means "no date".
"""

from __future__ import annotations

import re
from datetime import date

from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.types import UserError

# Full-width digits and separators as a Chinese input method types them.
_WIDTH = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SEPARATED = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")

DATE_EXAMPLE = "2024-10-31"


def parse_date_input(text: str) -> date | None:
    """The date in ``text``; None for an empty text. Raises UserError naming the text when it is no date."""
    cleaned = text.translate(_WIDTH).strip()
    if not cleaned:
        return None
    match = _COMPACT.fullmatch(cleaned) or _SEPARATED.fullmatch(cleaned)
    if match is None:
        raise UserError(msg("“{text}”不是日期，请按 2024-10-31 或 20241031 的格式输入", text=text.strip()))
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise UserError(msg("“{text}”不是有效的日期：{year}年没有{month}月{day}日", text=text.strip(),
                            year=year, month=month, day=day)) from None
