"""Work-point notices (工作要点) as plain text or .docx paragraphs.

How a notice becomes items:

* the outline starts at the first ``一、`` line and ends at the attachment (``附件``) or the page footer;
  page chrome above it (site navigation, index numbers) and the notice preamble are skipped;
* the outline is a tree of ``一、`` > ``（一）`` > ``1.`` > ``（1）`` entries, to any depth; the deepest
  entries of each branch are the items, the headings above them their path (``[part, （一） heading]``);
* a heading on its own line (``（一）指导思想``) is the item's title and the paragraphs below its content; an
  entry written as one paragraph (``（一）依法依规公开各类规划。县级以上…``) takes its lead sentence as title;
* preamble parts (指导思想, 工作原则, 总体要求, 工作目标 …) are items only when they name units or a time
  limit; otherwise, like the text of a heading that has sub-entries, they are listed as skipped with the
  reason (``Notice.skipped``);
* wrapped lines (an entry not yet ended by ``。``) are joined to the entry; remarks such as
  ``(此件公开发布)`` are never items;
* the year is that of the notice date (``2021年7月5日`` -> 2021), else the first ``20xx年`` in the title;
  the name is the notice title line (``…关于印发…的通知``) and the issuer the part before ``关于``;
* deadlines come from :func:`zwgk_desktop.core.deadlines.phrases.extract_deadline_phrases`, units from
  ``（责任单位：…）`` / ``（牵头单位：…）`` remarks inside an entry.

A notice published on a website often repeats its attachment (the task decomposition table) flattened
into one cell per line (``guanxian-2021-workpoints.txt``): without the cell borders the rows cannot be
told apart reliably, so only the outline is read (18 items there; import the .xlsx table for the 38 tasks),
and a warning names the attachment line that was not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..messages import msg
from ..types import ImportWarning, ParsedItem, SkippedRow, SkipReason, SourceRef
from ..unit_roles import unit_remarks
from ..units import merge_units, read_units
from .catalogue import deadline_phrases, task_title
from .normalize import clean
from .titles import document_title

_CN = "一二三四五六七八九十"
PART = re.compile(rf"^([{_CN}]{{1,3}})[、.．]\s*(.+)$")
SUB = re.compile(rf"^[（(]([{_CN}]{{1,3}})[)）]\s*(.*)$")
NUM = re.compile(r"^(\d{1,2})[.．、](?!\d)\s*(.*)$")
PNUM = re.compile(r"^[（(](\d{1,2})[)）]\s*(.*)$")
ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:：]?")
REMARK = re.compile(r"^[（(](?:此件|本件).{0,12}[)）]$")
END = re.compile(r"^附件\s*\d*\s*[:：]?|^如果您对该文件有疑问|^扫一扫|^(?:抄送|主办|承办|印发)[:：]")
DATE = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
TITLE = re.compile(r"关于.{2,80}(?:通知|意见|要点|方案|办法|规定|函)$")
_SENTENCE_END = "。；;！!？?”"


@dataclass
class Notice:
    name: str = ""
    issuer: str = ""
    year: int | None = None
    items: list[ParsedItem] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)  # outline text that is not a task, with the reason


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
        notice.name = next((ln for ln in head if "要点" in ln and len(ln) <= 60 and not re.search(r"[。，,；]", ln)), "")
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
    roots = _outline(lines, start)
    last = _last_node(roots)
    if last is not None and last.body and _glued(last.text):
        # paragraphs after the last entry written as one paragraph: the notice's closing remarks
        for line, text in zip(last.body_lines, last.body):
            notice.skipped.append(SkippedRow(SkipReason.OTHER, SourceRef(file_name, sheet, line), _short(text),
                                             msg("结尾段落，不属于上面的任务")))
        last.body, last.body_lines = [], []
    attachment = next((i for i in range(start, len(lines)) if ATTACHMENT.match(lines[i])), None)
    if attachment is not None and any(lines[attachment + 1:]):
        notice.warnings.append(ImportWarning(
            msg("从这一行起的附件“{text}”没有读取：文本中的表格分不清行和列，只导入了正文的提纲。"
                "如果附件才是任务清单，请导入附件的 Excel 或 Word 表格。", text=_short(lines[attachment], 40)),
            SourceRef(file=file_name, sheet=sheet, row=attachment + 1)))
    for node, path in _leaves(roots):
        head_title, content = _title_and_content(node)
        units = merge_units([read_units(r) for r in unit_remarks(content)])
        owners = list(units.names)
        deadline = deadline_phrases(content)
        if any(PREAMBLE.match(p) for p in (*path, head_title)) and not owners and not deadline:
            notice.skipped.append(SkippedRow(SkipReason.OTHER, SourceRef(file_name, sheet, node.line),
                                             _short(node.text or head_title), msg("前言部分（指导思想、工作目标等），不是任务")))
            continue
        notice.items.append(
            ParsedItem(
                title=head_title,
                path=[p for p in path if p != head_title],
                content=content,
                deadline=deadline,
                owners=owners,
                lead_units=list(units.lead),
                support_units=list(units.support),
                source=SourceRef(file=file_name, sheet=sheet, row=node.line),
            )
        )
    for line, text in _inner_texts(roots):
        notice.skipped.append(SkippedRow(SkipReason.OTHER, SourceRef(file_name, sheet, line), _short(text),
                                         msg("上级标题下的说明文字，不是单独的任务")))
    return notice


# Outline levels, outermost first: 一、 > （一） > 1. > （1）
_LEVELS = (PART, SUB, NUM, PNUM)
PREAMBLE = re.compile(r"^(?:指导思想|工作原则|基本原则|总体要求|工作目标|总体目标|主要目标|目标要求|目标任务|重要意义)[。：:]?$")


@dataclass
class Node:
    rank: int
    text: str  # the heading line without its number
    line: int
    body: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    body_lines: list[int] = field(default_factory=list)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _outline(lines: list[str], start: int) -> list[Node]:
    """The numbered outline as a tree; unnumbered lines are the body of the heading above them."""
    roots: list[Node] = []
    stack: list[Node] = []
    for i in range(start, len(lines)):
        ln = lines[i]
        if not ln or REMARK.match(ln):
            continue
        if END.match(ln):
            break
        rank, text = next(((r, m.group(2)) for r, pat in enumerate(_LEVELS) if (m := pat.match(ln))), (None, ""))
        if rank is None or (rank > 0 and not roots):
            if stack:
                last = stack[-1]
                if last.body and last.body[-1] and last.body[-1][-1] not in _SENTENCE_END:
                    last.body[-1] += ln  # a wrapped line
                elif not last.body and last.text and last.text[-1] not in _SENTENCE_END and len(last.text) > 40:
                    last.text += ln
                else:
                    last.body.append(ln)
                    last.body_lines.append(i + 1)
            continue
        while stack and stack[-1].rank >= rank:
            stack.pop()
        node = Node(rank, text.strip(), i + 1)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _last_node(roots: list[Node]) -> Node | None:
    node = roots[-1] if roots else None
    while node is not None and node.children:
        node = node.children[-1]
    return node


def _glued(text: str) -> bool:
    """An entry written as one paragraph (title and text), not a heading on its own line."""
    return bool(text) and (text[-1] in _SENTENCE_END or len(text) > 40 or "，" in text)


def _heading(node: Node) -> str:
    """The name of a heading used as a path level: its lead sentence."""
    text = node.text.strip()
    if not text:
        return ""
    return task_title(text).rstrip("。")


def _leaves(roots: list[Node]) -> list[tuple[Node, list[str]]]:
    out: list[tuple[Node, list[str]]] = []

    def walk(node: Node, path: list[str]) -> None:
        if not node.children:
            out.append((node, path))
            return
        for child in node.children:
            walk(child, [*path, _heading(node)])

    for root in roots:
        walk(root, [])
    return out


def _inner_texts(roots: list[Node]) -> list[tuple[int, str]]:
    """Body text of headings that have sub-entries (said once, not imported as a task)."""
    out: list[tuple[int, str]] = []

    def walk(node: Node) -> None:
        if node.children:
            for ln, text in zip(node.body_lines, node.body):
                out.append((ln, text))
            for child in node.children:
                walk(child)

    for root in roots:
        walk(root)
    return out


def _title_and_content(node: Node) -> tuple[str, str]:
    """A heading on its own line (``（一）指导思想``) is the title and the lines below the content; a glued
    entry (``（一）依法依规公开各类规划。县级以上…``) gives its lead sentence as title and all of it as content."""
    text = node.text.strip()
    if node.body and not _glued(text):
        return text.rstrip("：:"), "\n".join(node.body)
    content = "\n".join(x for x in (text, *node.body) if x)
    return (task_title(content) if content else text), content


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
