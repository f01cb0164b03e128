"""Text helpers shared by the deadline parsers: normalisation and Chinese numerals."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")

# Digits as written in requirement text: ASCII (after NFKC, which also folds full-width digits)
# or small Chinese numerals (五个工作日, 二十日内, 十二月底前).
NUM = r"(?:[0-9]+|[〇零一二两三四五六七八九十百]+)"

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
