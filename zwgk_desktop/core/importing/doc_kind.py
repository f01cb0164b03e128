"""Which kind of document a file is: a catalogue, a task table, a notice with an outline, or not a checklist.

A work summary (工作总结), a yearly report (政府信息公开工作年度报告) or a situation report tells what was
done; importing its outline would make a list of to-dos out of a report. Such a file is recognised from its
title (``…工作总结``, ``…年度报告``, ``…情况汇报``) or its wording (``现将…总结如下``, ``一、总体情况`` with the
report's fixed table ``本年制发件数``) when nothing in it reads as a task list (工作要点, 任务, 方案, 目录,
清单, 分工 in the title; 责任单位 remarks). It is refused with :class:`NotChecklistError` unless the clerk
insists (``force``); then it is imported with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..messages import msg
from ..types import BadFileError, SourceRef
from .normalize import clean
from .titles import document_title

CATALOGUE = "catalogue"
TASKS = "tasks"
NOTICE = "notice"
NOT_CHECKLIST = "not_checklist"

_REPORT_TITLE = re.compile(r"工作总结|年度报告|工作报告|情况报告|情况汇报|自查报告|述职报告|总结$|总结[和及与]")
_REPORT_WORDING = re.compile(
    r"现将.{0,40}?(?:总结|汇报|报告)如下|(?:总结|汇报|报告)如下[:：]|^一、总体情况$|本年制发件数|本年新收政府信息公开申请"
)
_TASK_TITLE = re.compile(r"要点|任务|方案|目录|清单|分解|分工|计划|台账|安排|意见|办法")
_TASK_REMARK = re.compile(r"[（(\[［【](?:责任单位|牵头单位|责任部门|牵头部门)[:：]")


class NotChecklistError(BadFileError):
    """The file is a report or summary, not a checklist: imported only when the clerk insists."""

    not_checklist = True


def report_reason(lines: Iterable[str]) -> str:
    """Why these lines read as a report or summary rather than a checklist ("" when they do not)."""
    texts = [clean(x) for x in lines]
    texts = [t for t in texts if t]
    if not texts:
        return ""
    title = document_title(texts[:12])
    if _TASK_TITLE.search(title) or any(_TASK_REMARK.search(t) for t in texts):
        return ""
    if title and _REPORT_TITLE.search(title):
        return msg("标题“{title}”是工作总结或报告", title=title)
    for t in texts[:60]:
        m = _REPORT_WORDING.search(t)
        if m:
            return msg("正文写有“{words}”，是工作总结或报告", words=m.group(0))
    return ""


def refuse_report(reason: str, file_name: str) -> NotChecklistError:
    return NotChecklistError(
        msg("这份文件不像是公开事项清单（{reason}），导入后会把报告的段落当成待办事项。"
            "如确需导入，请在导入窗口中确认，或在命令行加 --force。", reason=reason),
        SourceRef(file=file_name),
    )
