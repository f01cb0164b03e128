"""Work-point notices (工作要点) as plain text or .docx paragraphs.

How a notice becomes items:

* the outline starts at the first ``一、`` line and ends at the attachment (``附件``) or the page footer;
  page chrome above it (site navigation, index numbers) and the notice preamble are skipped;
* every ``(一)`` / ``（一）`` entry under a ``一、`` part is one item: path ``[part title]``, title the lead
  sentence (``依法依规公开各类规划``), content the whole entry; a part without ``(一)`` entries uses its
  ``1.`` / ``1、`` entries, and a part with neither becomes one item itself;
* wrapped lines (an entry not yet ended by ``。``) are joined to the entry; closing paragraphs after an
  entry that ended are not part of it; remarks such as ``(此件公开发布)`` are never items;
* the year is that of the notice date (``2021年7月5日`` -> 2021), else the first ``20xx年`` in the title;
  the name is the notice title line (``…关于印发…的通知``) and the issuer the part before ``关于``;
* deadlines come from :func:`zwgk_desktop.core.deadlines.phrases.extract_deadline_phrases`, units from
  ``（责任单位：…）`` / ``（牵头单位：…）`` remarks inside an entry.

A notice published on a website often repeats its attachment (the task decomposition table) flattened
into one cell per line (``guanxian-2021-workpoints.txt``): without the cell borders the rows cannot be
told apart reliably, so only the outline is read (18 items there; import the .xlsx table for the 38 tasks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..types import ImportWarning, ParsedItem, SourceRef
from ..unit_roles import unit_remarks
from ..units import merge_units, read_units
from .catalogue import deadline_phrases, task_title
from .normalize import clean
from .titles import document_title

_CN = "一二三四五六七八九十"
PART = re.compile(rf"^([{_CN}]{{1,3}})[、.．]\s*(.+)$")
SUB = re.compile(rf"^[（(]([{_CN}]{{1,3}})[)）]\s*(.*)$")
NUM = re.compile(r"^(\d{1,2})[.．、](?!\d)\s*(.*)$")
REMARK = re.compile(r"^[（(](?:此件|本件).{0,12}[)）]$")
END = re.compile(r"^附件\s*\d*\s*[:：]?|^如果您对该文件有疑问|^扫一扫|^(?:抄送|主办|承办|印发)[:：]")
DATE = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
TITLE = re.compile(r"关于.{2,80}(?:通知|意见|要点|方案|办法|规定|函)$")
_SENTENCE_END = "。；;！!？?”"


@dataclass
class Entry:
    part: str
    text: str
    line: int
    lines: list[str] = field(default_factory=list)


@dataclass
class Notice:
    name: str = ""
    issuer: str = ""
    year: int | None = None
    items: list[ParsedItem] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)


def parse_notice(lines: list[str], file_name: str, sheet: str = "") -> Notice:
    """Parse the paragraphs of a notice (already split into lines, 1-based line numbers = index + 1)."""
    lines = [clean(x) for x in lines]
    notice = Notice()
    start = next((i for i, ln in enumerate(lines) if PART.match(ln) and not DATE.search(ln)), None)
    head = lines if start is None else lines[:start]
    for ln in head:
        if not notice.name and TITLE.search(ln) and len(ln) <= 100:
            notice.name = ln
            notice.issuer = ln.split("关于", 1)[0].strip()
    if not notice.name:
        notice.name = next((ln for ln in head if "要点" in ln and len(ln) <= 60), "")
    if not notice.name:
        notice.name = document_title(head)
    for ln in head:
        m = DATE.search(ln)
        if m and len(ln) <= 20:
            notice.year = int(m.group(1))
            break
    if notice.year is None:
        m = re.search(r"(20\d\d)\s*年", notice.name) or next(
            (d for d in (DATE.search(x) for x in head) if d), None
        )
        if m:
            notice.year = int(m.group(1))
    if start is None:
        return notice
    entries = _outline(lines, start)
    for e in entries:
        content = "\n".join(e.lines)
        title = task_title(content) if content else e.part
        units = merge_units([read_units(r) for r in unit_remarks(content)])
        notice.items.append(
            ParsedItem(
                title=title,
                path=[e.part] if e.part and e.part != title else [],
                content=content,
                deadline=deadline_phrases(content),
                owners=list(units.names),
                lead_units=list(units.lead),
                support_units=list(units.support),
                source=SourceRef(file=file_name, sheet=sheet, row=e.line),
            )
        )
    return notice


def _outline(lines: list[str], start: int) -> list[Entry]:
    parts: list[tuple[str, int, list[Entry], list[Entry], list[str]]] = []  # title, line, subs, nums, own
    current: Entry | None = None
    for i in range(start, len(lines)):
        ln = lines[i]
        if not ln or REMARK.match(ln):
            continue
        if END.match(ln):
            break
        m = PART.match(ln)
        if m:
            title = m.group(2).strip().rstrip("。")
            parts.append((title, i + 1, [], [], []))
            current = None
            continue
        if not parts:
            continue
        title, _, subs, nums, own = parts[-1]
        m = SUB.match(ln)
        if m:
            current = Entry(title, m.group(2), i + 1, [m.group(2)])
            subs.append(current)
            continue
        m = NUM.match(ln)
        if m:
            if current is not None and subs:
                current.lines.append(ln)  # a numbered point inside a (一) entry
            else:
                current = Entry(title, m.group(2), i + 1, [m.group(2)])
                nums.append(current)
            continue
        if current is not None:
            if current.lines[-1] and current.lines[-1][-1] not in _SENTENCE_END:
                current.lines[-1] += ln  # a wrapped line
            continue
        own.append(ln)
    out: list[Entry] = []
    for title, line, subs, nums, own in parts:
        if subs:
            out.extend(subs)
        elif nums:
            out.extend(nums)
        else:
            out.append(Entry("", title, line, own or [title]))
    return out


# --------------------------------------------------------------------------- docx


def docx_blocks(data: bytes) -> list[tuple[str, object]]:
    """Body blocks of word/document.xml in order: ("p", text) or ("tbl", rows of cell texts, merges spread)."""
    import xml.etree.ElementTree as ET

    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = ET.fromstring(data)
    body = root.find(f"{ns}body")
    blocks: list[tuple[str, object]] = []
    if body is None:
        return blocks

    def para_text(p: ET.Element) -> str:
        out: list[str] = []
        for el in p.iter():
            if el.tag == f"{ns}t" and el.text:
                out.append(el.text)
            elif el.tag == f"{ns}tab":
                out.append("\t")
            elif el.tag in (f"{ns}br", f"{ns}cr"):
                out.append("\n")
        return "".join(out)

    for child in body:
        if child.tag == f"{ns}p":
            blocks.append(("p", para_text(child)))
        elif child.tag == f"{ns}tbl":
            rows: list[list[str]] = []
            for tr in child.findall(f"{ns}tr"):
                row: list[str] = []
                for tc in tr.findall(f"{ns}tc"):
                    text = "\n".join(para_text(p) for p in tc.findall(f".//{ns}p"))
                    props = tc.find(f"{ns}tcPr")
                    span = 1
                    vcont = False
                    if props is not None:
                        gs = props.find(f"{ns}gridSpan")
                        if gs is not None:
                            span = int(gs.get(f"{ns}val", "1") or 1)
                        vm = props.find(f"{ns}vMerge")
                        vcont = vm is not None and vm.get(f"{ns}val", "continue") == "continue"
                    col = len(row)
                    if vcont and rows and col < len(rows[-1]):
                        text = rows[-1][col]
                    row.extend([text] * span)
                rows.append(row)
            blocks.append(("tbl", rows))
    return blocks
