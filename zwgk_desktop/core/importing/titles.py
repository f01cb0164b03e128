"""The document's own title, found among the lines above a table or at the top of a notice.

A checklist is named after it (``社会救助领域基层政务公开标准目录``), not after the file
(``xixia-catalogue.xlsx``). Lines that are not the title are skipped: attachment markers (``附件1``,
``附件：``; ``附件1：标题`` keeps the title), dates (``2021年7月5日``, ``日期：2021-06-28``), document numbers
(``冠政办发〔2021〕9号``), form fields (``填报单位（盖章）：``), remarks in brackets (``（此件公开发布）``),
outline entries (``一、``), page numbers and breadcrumbs. Among the rest a line that reads like a title
(目录, 清单, 要点, 任务分解表, 通知 …) is preferred; a short line right above such a line is its first half
(``某某镇`` + ``社会救助领域基层政务公开标准目录``). Empty when nothing qualifies: the caller falls back to
the file name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .normalize import clean

MAX_TITLE_LENGTH = 100
_ATTACHMENT = re.compile(r"^附\s*件\s*[\d一二三四五六七八九十]*\s*[:：]?\s*")
_DATE = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,6}[:：])?\s*[（(]?\s*"
    r"(?:\d{4}\s*[年./-]\s*\d{1,2}(?:\s*[月./-]\s*\d{1,2}\s*日?|\s*月)?|\d{4}\s*年"
    r"|[〇○零一二三四五六七八九]{4}\s*年(?:[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?)?)"
    r"\s*[)）]?$"
)
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,15}\s*[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*第?\s*\d+\s*号$")
_FIELD = re.compile(r"^[\u4e00-\u9fff（）()\s]{1,10}[:：]")
_BRACKETED = re.compile(r"^[（(\[［【].*[)）\]］】]$")
_OUTLINE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、](?!\d))")
_NUMBERS = re.compile(r"^[\d\s.\-—/第页共]*$")
_TITLE_WORDS = re.compile(
    r"目录|清单|要点|任务|分解表|台账|一览表|通知|方案|计划|意见|办法|规定|标准|统计表|汇总表|情况表|[^\d]表$"
)
_TAG = re.compile(r"^【[^】]{1,12}】(?=.{6,})")
_ISSUER = re.compile(
    r"^(.{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|联合会|管委会|街道办事处|局|委|办|厅|中心))"
    r"(?:关于|20\d\d年)"
)
_JOINABLE = 30  # a first half longer than this is a line of its own


def _candidate(line: str) -> str:
    """The line as a title candidate, or "" when it is something else."""
    text = clean(line or "")
    if not text:
        return ""
    text = _TAG.sub("", text).strip()  # 【政务公开任务分工】… : a web page's column tag
    marker = _ATTACHMENT.match(text)
    if marker:
        text = text[marker.end():].strip()
        if not text:
            return ""
    if len(text) > MAX_TITLE_LENGTH or ">" in text or "》" in text and "《" not in text:
        return ""
    outline = _OUTLINE.match(text)
    if outline and _TITLE_WORDS.search(text[outline.end():]) and len(text) - outline.end() >= 8 \
            and not re.search(r"[。；;，,]", text):
        text = text[outline.end():].strip()  # "（二）某镇…标准目录": a numbered table caption
    for pattern in (_DATE, _DOC_NUMBER, _FIELD, _BRACKETED, _OUTLINE, _NUMBERS):
        if pattern.match(text):
            return ""
    return text


def document_title(lines: Iterable[str]) -> str:
    """The title among ``lines`` (in document order), or "" when none of them can be one."""
    found = [(i, c) for i, c in ((i, _candidate(x)) for i, x in enumerate(lines)) if c]
    if not found:
        return ""
    for n, (i, text) in enumerate(found):
        if not _TITLE_WORDS.search(text):
            continue
        if n > 0:
            prev_i, prev = found[n - 1]
            if prev_i == i - 1 and len(prev) <= _JOINABLE and not _TITLE_WORDS.search(prev) \
                    and not text.startswith(prev):
                return prev + text
        return text
    return found[0][1]


def issuer_from_title(title: str) -> str:
    """The issuing body at the start of a title (``淮南市残疾人联合会2024年…``, ``某某局关于…``), else ""."""
    m = _ISSUER.match(clean(title or ""))
    return m.group(1) if m else ""
