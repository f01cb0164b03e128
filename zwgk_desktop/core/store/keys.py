"""Stable item keys: how an item is recognised across template versions."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

_PUNCT = re.compile(r"[\s\u3000、，,。.；;：:（）()【】\[\]《》<>“”\"'‘’！!？?·\-—_/]+")
_NUMBERING = re.compile(r"^(?:[（(]?[一二三四五六七八九十百]+[)）、.．]|[（(]?\d+[)）、.．])")


def normalize_text(text: str) -> str:
    """For matching: NFKC, no punctuation or spaces, no leading outline number."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    text = _NUMBERING.sub("", text)
    return _PUNCT.sub("", text).casefold()


def normalize_code(code: str) -> str:
    return unicodedata.normalize("NFKC", code or "").strip().casefold()


def item_key(code: str, path: Sequence[str], title: str) -> str:
    """``code:<code>`` when the template numbers its items, else a digest of the normalised path and title."""
    if normalize_code(code):
        return "code:" + normalize_code(code)[:120]
    basis = "\x1f".join([*(normalize_text(p) for p in path), normalize_text(title)])
    return "pt:" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:24]


def path_title_key(path: Sequence[str], title: str) -> str:
    return "\x1f".join([*(normalize_text(p) for p in path), normalize_text(title)])


def assign_keys(items: Sequence, *, key_of=None) -> list[str]:  # noqa: ANN001
    """Keys for a whole template, made unique by a ``#n`` suffix on repeats (same title twice)."""
    seen: dict[str, int] = {}
    keys: list[str] = []
    for it in items:
        key = key_of(it) if key_of else item_key(it.code, it.path, it.title)
        n = seen.get(key, 0) + 1
        seen[key] = n
        keys.append(key if n == 1 else f"{key}#{n}")
    return keys
