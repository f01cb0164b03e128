"""Time limits (issue 9, defect class 3): every wording the issue names, the machine-readable deadline_rule,
due dates that follow from it, and one reader behind the preview, the rule and the due date."""

from __future__ import annotations

from datetime import date

import pytest

from zwgk_desktop.core.deadlines import DeadlineKind, default_calendar, parse_deadline, rule_due
from zwgk_desktop.core.deadlines.initial_due import initial_due
from zwgk_desktop.core.deadlines.phrases import extract_deadline_phrases
from zwgk_desktop.core.deadlines.reading import deadline_rule_json, read_deadline
from zwgk_desktop.core.deadlines.timeliness import next_occurrence
from zwgk_desktop.core.importing.preview_rows import understand_deadline

D = date

# text -> the deadline_rule (without text/description)
RULES: list[tuple[str, dict]] = [
    ("持续推进", {"kind": "ongoing"}),
    ("长期", {"kind": "ongoing"}),
    ("长期公开", {"kind": "ongoing"}),
    ("常态化", {"kind": "ongoing"}),
    ("常态化开展", {"kind": "ongoing"}),
    ("按年公开", {"kind": "periodic", "period": "year", "day": None}),
    ("每季度", {"kind": "periodic", "period": "quarter", "day": None}),
    ("每季度公开一次", {"kind": "periodic", "period": "quarter", "day": None}),
    ("每月10日前", {"kind": "periodic", "period": "month", "day": 10}),
    ("每月１０日前公开上月情况", {"kind": "periodic", "period": "month", "day": 10}),
    ("9月份", {"kind": "month", "month": 9, "year": None, "part": "whole"}),
    ("6月中旬前", {"kind": "month", "month": 6, "year": None, "part": "mid"}),
    ("2022年3月上旬前", {"kind": "month", "month": 3, "year": 2022, "part": "early"}),
    ("12月底前", {"kind": "month", "month": 12, "year": None, "part": "end"}),
    ("3个月内", {"kind": "months", "n": 3, "unit": "month", "event": "formation"}),
    ("信息形成之日起三个月内", {"kind": "months", "n": 3, "unit": "month", "event": "formation"}),
    ("24小时内", {"kind": "hours", "n": 24, "unit": "hour", "event": "formation"}),
    ("批复后30日内", {"kind": "after_event", "n": 30, "unit": "day", "event": "approval"}),
    ("本级人民代表大会或其常务委员会批准后20日内", {"kind": "after_event", "n": 20, "unit": "day", "event": "approval"}),
    ("批准后10个工作日内", {"kind": "after_event", "n": 10, "unit": "workday", "event": "approval"}),
    ("信息形成或者变更之日起20个工作日内", {"kind": "workdays", "n": 20, "unit": "workday", "event": "formation"}),
    ("信息形成之日起15日内", {"kind": "days", "n": 15, "unit": "day", "event": "formation"}),
    ("制定或获取信息之日起10个工作日内，公示7个工作日",
     {"kind": "workdays", "n": 10, "unit": "workday", "event": "formation", "display_workdays": 7}),
    ("每年1月31日前", {"kind": "date", "month": 1, "day": 31, "year": None}),
    ("2021年12月31日前", {"kind": "date", "month": 12, "day": 31, "year": 2021}),
    ("2021年年底前", {"kind": "year_end", "year": 2021}),
    ("年底前", {"kind": "year_end", "year": None}),
    ("实时公开", {"kind": "realtime", "strict": True}),
    ("及时公开", {"kind": "realtime", "strict": False}),
]


@pytest.mark.parametrize(("text", "expected"), RULES)
def test_deadline_rule(text: str, expected: dict) -> None:
    got = deadline_rule_json(text)
    assert got.pop("text") == text
    assert got.pop("description")
    assert got == expected
    assert understand_deadline(text).understood  # the preview understands the same texts


def test_none_unknown_and_several() -> None:
    assert deadline_rule_json("") == {"kind": "none", "text": ""}
    assert deadline_rule_json("   ")["kind"] == "none"
    unknown = deadline_rule_json("按上级要求")
    assert unknown["kind"] == "unknown" and unknown["text"] == "按上级要求"
    assert not understand_deadline("按上级要求").understood  # flagged in the preview
    both = deadline_rule_json("12月底前；每年1月31日前")
    assert both["kind"] == "multiple"
    assert [r["kind"] for r in both["rules"]] == ["month", "date"]
    # a requirement's phrases joined by the task-table importer (guanxian task 23)
    replies = deadline_rule_json("5个工作日；1个工作日")
    assert [(r["kind"], r["n"]) for r in replies["rules"]] == [("workdays", 5), ("workdays", 1)]


def test_approval_is_not_formation() -> None:
    rule = parse_deadline("项目批复后15日内公开批复结果")
    assert rule.kind is DeadlineKind.AFTER_APPROVAL and rule.anchor == "approved" and rule.n == 15
    # the due date counts from the approval date given as the anchoring event
    assert rule_due(rule, formed=D(2024, 9, 2), cal=default_calendar()).due == D(2024, 9, 18)  # 17th: 中秋


def test_one_reader_behind_preview_rule_and_due_date() -> None:
    text = "2021年底前完成；9月份开展活动"
    reading = read_deadline(text)
    assert reading is understand_deadline(text)
    assert [r.kind for r in reading.rules] == [DeadlineKind.YEAR_END, DeadlineKind.MONTH]
    assert deadline_rule_json(text)["kind"] == "multiple"
    assert initial_due(text, 2021) == D(2021, 12, 31)


@pytest.mark.parametrize(("text", "year", "today", "due"), [
    ("9月份", 2025, D(2025, 1, 5), D(2025, 9, 30)),
    ("6月中旬前", 2025, D(2025, 1, 5), D(2025, 6, 20)),
    ("3月上旬前", 2025, D(2025, 1, 5), D(2025, 3, 10)),
    ("每月10日前", 2025, D(2025, 4, 11), D(2025, 5, 10)),  # periodic: the next occurrence
    ("每月10日前", 2025, D(2025, 4, 10), D(2025, 4, 10)),
    ("每月10日前", 2025, D(2024, 11, 3), D(2025, 1, 10)),  # a ledger for next year starts in January
    ("每月10日前", 2024, D(2025, 2, 1), D(2024, 12, 10)),  # a past year's ledger: its last occurrence
    ("每季度", 2025, D(2025, 5, 6), D(2025, 6, 30)),
    ("按年公开", 2025, D(2025, 5, 6), D(2025, 12, 31)),
    ("持续推进", 2025, D(2025, 5, 6), None),  # ongoing: no due date …
    ("3个月内", 2025, D(2025, 5, 6), None),  # relative limits: per publication record
])
def test_initial_due_follows_from_the_rule(text: str, year: int, today: date, due: date | None) -> None:
    assert initial_due(text, year, today=today) == due


def test_ongoing_has_no_due_date_but_is_not_unknown() -> None:
    rule = parse_deadline("常态化")
    result = rule_due(rule, formed=D(2025, 3, 3), year=2025, cal=default_calendar())
    assert result.due is None and "没有截止日期" in result.warning and "无法识别" not in result.warning


def test_relative_months_and_hours() -> None:
    cal = default_calendar()
    # 《民法典》第二百零二条: no matching day in the last month -> its last day; a holiday -> the next workday
    assert rule_due(parse_deadline("3个月内"), formed=D(2024, 11, 30), cal=cal).due == D(2025, 2, 28)
    assert rule_due(parse_deadline("3个月内"), formed=D(2024, 12, 2), cal=cal).due == D(2025, 3, 3)  # 2 Mar: Sun
    assert rule_due(parse_deadline("24小时内"), formed=D(2024, 5, 6), cal=cal).due == D(2024, 5, 7)
    assert next_occurrence(parse_deadline("每季度"), D(2024, 10, 1)) == D(2024, 12, 31)


def test_phrases_in_requirement_text() -> None:
    text = "每月10日前公开上月财政资金使用情况，6月中旬前完成自查，9月份开展政府开放活动"
    assert extract_deadline_phrases(text) == ["每月10日前", "6月中旬前", "9月份"]


def test_real_fixtures_deadline_rules_and_unit_names(fixtures_dir) -> None:  # noqa: ANN001
    from zwgk_desktop.core.importing import read_template

    tasks = read_template(fixtures_dir / "guanxian-2021-tasks.xlsx").items
    kinds = {i: deadline_rule_json(it.deadline)["kind"] for i, it in enumerate(tasks, 1)}
    assert {i: k for i, k in kinds.items() if k != "none"} == {23: "multiple", 26: "workdays", 27: "month",
                                                              28: "year_end"}
    assert deadline_rule_json(tasks[26].deadline)["part"] == "whole"  # 9月份: a month of activities
    assert initial_due(tasks[26].deadline, 2021) == D(2021, 9, 30)
    role_words = ("牵头", "配合", "负责", "等有关", "责任单位")
    assert all(not any(w in o for w in role_words) for it in tasks for o in it.owners)

    points = read_template(fixtures_dir / "qinghai-2021-workpoints.txt").items
    assert [deadline_rule_json(it.deadline)["kind"] for it in points if it.deadline] == [
        "month", "year_end", "year_end", "year_end", "month", "year_end"]
    catalogue = read_template(fixtures_dir / "shehui-jiuzhu-catalogue.xlsx").items
    assert deadline_rule_json(catalogue[4].deadline) == {
        "kind": "workdays", "n": 10, "unit": "workday", "event": "formation", "display_workdays": 7,
        "text": "制定或获取信息之日起10个工作日内，公示7个工作日",
        "description": "信息形成（变更）之日起10个工作日内公开，公示7个工作日"}
