"""One place that reads a stored 公开时限 text: the rule(s) it names, how the import preview says it, and
the machine-readable ``deadline_rule`` object of ``items --json`` / ``import --dry-run --json``.

A 公开时限 text is read whole (:func:`parse_deadline`); when that gives no single rule, its "；"-separated
parts (task tables join the phrases of a requirement so), then the deadline phrases found in it
(:func:`extract_deadline_phrases`, at most three). All parts must be understood, otherwise the text is
``unknown`` and flagged; an empty text is ``none`` (the source names no limit).

``deadline_rule`` kinds and parameters:

=============  ===================================================================================
none           the source names no limit
unknown        ``text`` present but not understood (flagged in the preview)
workdays       ``n``, ``unit: workday``, ``event: formation``  (信息形成之日起20个工作日内)
days           ``n``, ``unit: day``, ``event: formation``      (…之日起15日内, 7天内)
months         ``n``, ``unit: month``, ``event: formation``    (3个月内)
hours          ``n``, ``unit: hour``, ``event: formation``     (24小时内)
after_event    ``n``, ``unit`` (day, workday, month), ``event: approval`` (批准后20日内, 批复后30日内)
date           ``month``, ``day``, ``year`` (null: every year)  (每年1月31日前, 2021年12月31日前)
month          ``month``, ``year``, ``part``: end (X月底前), whole (X月份), early / mid / late (X月中旬前)
year_end       ``year`` (null: the checklist year)            (年底前, 2021年底前)
realtime       ``strict``: true for 实时 (same day), false for 及时 (statutory 20 working days)
periodic       ``period``: year, half_year, quarter, month, week; ``day`` when named (每月10日前)
ongoing        no due date, understood (持续推进, 长期, 常态化)
multiple       ``rules``: the objects above, one per limit named (12月底前；每年1月31日前)
=============  ===================================================================================

Every object also carries ``text`` (as written) and ``description`` (Chinese, as the preview shows it);
``display_workdays`` is added for 公示N个工作日.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from zwgk_desktop.core.messages import msg

from .phrases import extract_deadline_phrases
from .rules import DeadlineKind, DeadlineRule, parse_deadline


@dataclass(frozen=True)
class DeadlineReading:
    """How a 公开时限 text was understood."""

    text: str
    understood: bool
    meaning: str  # Chinese: the rule(s) read from the text, or why nothing was
    rules: tuple[DeadlineRule, ...] = ()  # empty when nothing was written or nothing understood


@lru_cache(maxsize=4096)  # catalogues repeat a handful of phrasings over thousands of rows
def read_deadline(text: str) -> DeadlineReading:
    """The rule(s) read from a 公开时限 text (see the module doc)."""
    text = (text or "").strip()
    if not text:
        return DeadlineReading("", True, msg("未写明时限"))
    rule = parse_deadline(text)
    if rule.parsed:
        return DeadlineReading(text, True, rule.describe(), (rule,))
    parts = [p for p in text.split("；") if p.strip()]
    if len(parts) > 1:
        rules = [parse_deadline(p) for p in parts]
        if all(r.parsed for r in rules):
            return _several(text, rules)
    rules = [parse_deadline(p) for p in extract_deadline_phrases(text)]
    if rules and all(r.parsed for r in rules) and len(rules) <= 3:
        return _several(text, rules)
    return DeadlineReading(text, False, msg("没能识别，导入后按原文保留，请人工核对"))


def _several(text: str, rules: list[DeadlineRule]) -> DeadlineReading:
    unique = tuple(dict.fromkeys(rules))
    return DeadlineReading(text, True, "；".join(r.describe() for r in unique), unique)


_EVENT = {"formed": "formation", "approved": "approval"}
_RELATIVE = {DeadlineKind.WORKDAYS: "workday", DeadlineKind.DAYS: "day", DeadlineKind.AFTER_APPROVAL: "day",
             DeadlineKind.MONTHS: "month", DeadlineKind.HOURS: "hour"}
_PLAIN_KIND = {"workday": "workdays", "day": "days", "month": "months", "hour": "hours"}
_MONTH_KINDS = {DeadlineKind.MONTH_END: None, DeadlineKind.MONTH: "whole", DeadlineKind.MONTH_PART: None}


def rule_json(rule: DeadlineRule) -> dict:
    """The ``deadline_rule`` object of one recognised rule (see the module doc)."""
    k = rule.kind
    out: dict
    if k in _RELATIVE:
        unit = _RELATIVE[k]
        event = _EVENT.get(rule.anchor or "formed", "formation")
        if k is DeadlineKind.AFTER_APPROVAL:
            event = "approval"
        kind = _PLAIN_KIND[unit] if event == "formation" else "after_event"
        out = {"kind": kind, "n": rule.n, "unit": unit, "event": event}
    elif k is DeadlineKind.ANNUAL_DATE:
        out = {"kind": "date", "month": rule.month, "day": rule.day, "year": rule.year}
    elif k in _MONTH_KINDS:
        part = "end" if k is DeadlineKind.MONTH_END else "whole" if k is DeadlineKind.MONTH else rule.part
        out = {"kind": "month", "month": rule.month, "year": rule.year, "part": part}
    elif k is DeadlineKind.YEAR_END:
        out = {"kind": "year_end", "year": rule.year}
    elif k is DeadlineKind.IMMEDIATE:
        out = {"kind": "realtime", "strict": rule.n == 0}
    elif k is DeadlineKind.PERIODIC:
        out = {"kind": "periodic", "period": rule.period, "day": rule.day}
    elif k is DeadlineKind.ONGOING:
        out = {"kind": "ongoing"}
    else:
        out = {"kind": "unknown"}
    if rule.display_workdays:
        out["display_workdays"] = rule.display_workdays
    out["description"] = rule.describe()
    return out


@lru_cache(maxsize=4096)
def _rule_json_cached(text: str) -> dict:
    reading = read_deadline(text)
    if not reading.text:
        return {"kind": "none", "text": ""}
    if not reading.understood:
        return {"kind": "unknown", "text": reading.text, "description": str(reading.meaning)}
    if len(reading.rules) == 1:
        return {**rule_json(reading.rules[0]), "text": reading.text}
    return {"kind": "multiple", "rules": [rule_json(r) for r in reading.rules], "text": reading.text,
            "description": str(reading.meaning)}


def deadline_rule_json(text: str) -> dict:
    """The machine-readable ``deadline_rule`` of a 公开时限 text (a fresh dict each call)."""
    import copy

    return copy.deepcopy(_rule_json_cached((text or "").strip()))
