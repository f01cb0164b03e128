"""The vocabulary both deadline parsers share: text normalisation, Chinese numerals, and the named pattern
pieces they build their regexes from.

:mod:`.phrases` finds deadline phrases inside free requirement text; :mod:`.rules` reads one 公开时限 text
into a DeadlineRule. Each piece below means the same in both: a regex fragment (not compiled, no groups),
required as written; a parser that lets a piece be left out writes ``{BEFORE}?``.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")

# Digits as written in requirement text: ASCII (after NFKC, which also folds full-width digits)
# or small Chinese numerals (五个工作日, 二十日内, 十二月底前).
NUM = r"(?:[0-9]+|[〇零一二两三四五六七八九十百]+)"

YEAR = r"(?:[0-9]{4}年)"  # a four-digit year: 2021年
BEFORE = r"(?:之前|以前|前)"  # "by": 12月底前, 1月31日之前
WITHIN = r"(?:以内|之内|内)"  # "within": 20个工作日内, 7天以内
DAY_MARK = r"[日号]"  # a day of the month: 10日, 10号
END_MARK = r"[底末]"  # the end of a month or year: 月底, 年末
WORKDAY_UNIT = r"个?工作日"  # working days: 5个工作日, 20工作日
HOUR_UNIT = r"个?小时"  # hours: 24小时, 24个小时
MONTH_UNIT = r"个月"  # a span of months: 3个月

_CN_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def normalize(text: str) -> str:
    """Fold full-width characters (NFKC) and drop all whitespace.

    Text copied from PDFs carries stray spaces inside words (`制 定 或 获 取 信 息之日起 10 个 工作日内`);
    Chinese needs no spaces, so removing them all is safe for matching.
    """
    return _SPACE.sub("", unicodedata.normalize("NFKC", text or ""))


def to_int(token: str) -> int:
    """Convert `20`, `二十`, `十`, `三十一`, `一百` or `二〇二一` to an int; ValueError otherwise."""
    if token.isdigit():
        return int(token)
    if not token:
        raise ValueError("empty number")
    if "十" not in token and "百" not in token:
        # digit-by-digit form such as 二〇二一
        if all(ch in _CN_DIGITS for ch in token):
            return int("".join(str(_CN_DIGITS[ch]) for ch in token))
        raise ValueError(token)
    total = 0
    current = 0
    for ch in token:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            raise ValueError(token)
    return total + current
