"""Find deadline / time-limit phrases inside free requirement text (工作要点, 任务分解表 具体要求).

What counts as a deadline phrase (decisions, checked against the real fixtures):

* concrete dates or periods that end something: `12月底前`, `2021年底前`, `2021年年底前`, `每年1月31日前`,
  `每月10日前`,
  `2021年12月31日前`, `6月中旬前`, `9月份` (a named month of activities);
* publication cadences: `按月公开`, `每季度公开`, `按年度发布` (a periodic limit);
* time limits: `5个工作日`, `10个工作日内`, `20日内`, `7天内`, `3个月内`, `24小时内`.
  A workday limit keeps its `内` only when the window is anchored to an event
  (`决策文件出台后的10个工作日内` -> `10个工作日内`, `之日起20个工作日内` -> `20个工作日内`); a bare limit
  is reported as the duration (`答复期限不得超过5个工作日` -> `5个工作日`, `要在1个工作日内完成答复` -> `1个工作日`).
  Calendar-day limits always need `内` (`20日内`), otherwise `31日` in a date would match.

Not deadline phrases:

* frequency quotas such as `年内……不得少于3次` or `每年至少听取一次`: they say how often, not by when
  (the year-end is implicit in the checklist year); the guanxian fixture (task 26) confirms this;
* vague words: `及时`, `实时`, `定期`, `常态化`;
* years and dates that are not limits: titles (`2021年政务公开工作要点`), document dates (`2021年7月5日`),
  document numbers (`国办发〔2020〕50号`), `2016年以后制定的`.

Phrases are returned normalised (full-width digits folded, whitespace removed), in order of appearance,
without duplicates.
"""

from __future__ import annotations

import re

from .vocabulary import (
    BEFORE,
    DAY_MARK,
    END_MARK,
    HOUR_UNIT,
    MONTH_UNIT,
    NUM,
    WITHIN,
    WORKDAY_UNIT,
    YEAR,
    normalize,
)

# Alternatives are tried left to right at each position, so the more specific ones come first. A group names
# the shape of the phrase found, not its DeadlineKind: .rules decides that (每月10日前 is periodic there).
_PATTERN = re.compile(
    "|".join(
        [
            rf"(?P<yearly_date>每年{NUM}月{NUM}日{BEFORE})",
            rf"(?P<monthly_date>每个?月{NUM}{DAY_MARK}{BEFORE})",
            rf"(?P<date>{YEAR}?{NUM}月{NUM}日{BEFORE})",
            rf"(?P<month_end>{YEAR}?{NUM}月{END_MARK}{BEFORE}?)",
            rf"(?P<month_part>{YEAR}?{NUM}月[上中下]旬{BEFORE}?)",
            rf"(?P<month_named>{YEAR}?{NUM}月份)",
            rf"(?P<month_before>{YEAR}?{NUM}月{BEFORE})",
            rf"(?P<year_end>[0-9]{{4}}年?年{END_MARK}{BEFORE}?|年{END_MARK}{BEFORE})",
            rf"(?P<workdays>{NUM}{WORKDAY_UNIT}{WITHIN}?)",
            rf"(?P<hours>{NUM}{HOUR_UNIT}{WITHIN})",
            rf"(?P<months>{NUM}{MONTH_UNIT}{WITHIN})",
            rf"(?P<days>(?<!月){NUM}(?:个自然日|个日历日|自然日|日历日|日|天){WITHIN})",
            r"(?P<cadence>(?:按|每个?)(?:月|季度|季|半年|年度?)(?:公开|发布|更新))",
        ]
    )
)

# Words right before a workday limit that anchor it to an event (…之日起 / …出台后的 / …起).
_ANCHORS = ("之日起", "日起", "起", "之后的", "之后", "后的", "后")
_WITHIN_SUFFIX = re.compile(rf"{WITHIN}$")


def extract_deadline_phrases(text: str) -> list[str]:
    """Deadline / time-limit phrases in ``text``, in order, without duplicates (see the module doc)."""
    norm = normalize(text)
    found: list[str] = []
    for m in _PATTERN.finditer(norm):
        start = m.start()
        # A number glued to a preceding digit (e.g. `112月底`) is part of something else.
        if start > 0 and norm[start - 1].isdigit():
            continue
        phrase = m.group(0)
        if m.lastgroup == "workdays" and not norm[:start].endswith(_ANCHORS):
            phrase = _WITHIN_SUFFIX.sub("", phrase)
        if phrase not in found:
            found.append(phrase)
    return found
