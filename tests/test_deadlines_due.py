"""rule_due / assess / display_end with exact dates across official holidays."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from zwgk_desktop.core.deadlines import (
    CalendarYear,
    DeadlineKind,
    DeadlineRule,
    WorkdayCalendar,
    assess,
    display_end,
    parse_deadline,
    rule_due,
)

D = date


@pytest.fixture(scope="module")
def cal() -> WorkdayCalendar:
    return WorkdayCalendar.load()


@pytest.fixture(scope="module")
def cal_2024_only(cal: WorkdayCalendar) -> WorkdayCalendar:
    """A calendar knowing only 2024 (so 2025 is past the last known year), from the official data."""
    days = [D(2024, 1, 1) + timedelta(days=i) for i in range(366)]
    holidays = frozenset(d for d in days if cal.is_holiday(d))
    workdays = frozenset(d for d in days if d.weekday() >= 5 and cal.is_workday(d))
    return WorkdayCalendar([CalendarYear(2024, holidays, workdays, "test")])


@pytest.mark.parametrize(
    ("text", "formed", "year", "due"),
    [
        ("信息形成或者变更之日起20个工作日内", D(2024, 9, 20), None, D(2024, 10, 23)),
        ("信息形成（变更）20个工作日内", D(2024, 2, 1), 2024, D(2024, 3, 5)),  # Spring Festival
        ("制定或获取信息之日起10个工作日内，公示7个工作日", D(2024, 9, 27), None, D(2024, 10, 16)),
        ("20工作日", D(2025, 1, 20), None, D(2025, 2, 21)),
        ("信息形成之日起15日内", D(2024, 9, 20), None, D(2024, 10, 8)),  # 5 Oct is a holiday: moved on
        ("信息形成之日起15日内", D(2024, 3, 1), None, D(2024, 3, 18)),  # 16 Mar is a Saturday
        ("信息形成之日起15日内", D(2024, 3, 4), None, D(2024, 3, 19)),
        ("本级人民代表大会或其常务委员会批准后20日内", D(2024, 1, 10), None, D(2024, 1, 30)),
        ("本级人民代表大会或其常务委员会批准后20日内", D(2024, 9, 11), None, D(2024, 10, 8)),
        ("每年1月31日前公开上一年度政府信息公开工作年度报告", None, 2024, D(2024, 1, 31)),
        ("每年1月31日前公开上一年度政府信息公开工作年度报告", D(2024, 1, 10), None, D(2024, 1, 31)),
        ("每年1月31日前公开上一年度政府信息公开工作年度报告", D(2024, 3, 1), None, D(2025, 1, 31)),
        ("每年2月29日前", None, 2023, D(2023, 2, 28)),
        ("2021年12月31日前", None, 2024, D(2021, 12, 31)),  # the rule's own year wins
        ("12月底前", None, 2021, D(2021, 12, 31)),
        ("2月底前", None, 2024, D(2024, 2, 29)),
        ("10月底前", D(2021, 11, 5), None, D(2022, 10, 31)),
        ("2021年底前", None, 2022, D(2021, 12, 31)),
        ("2021年年底前", None, None, D(2021, 12, 31)),
        ("年底前", None, 2024, D(2024, 12, 31)),
        ("实时公开", D(2024, 10, 1), None, D(2024, 10, 1)),  # same day, even on a holiday
        ("及时公开", D(2024, 9, 20), None, D(2024, 10, 23)),  # statutory 20 working days
    ],
)
def test_due_date(cal: WorkdayCalendar, text: str, formed: date | None, year: int | None, due: date) -> None:
    result = rule_due(parse_deadline(text), formed=formed, year=year, cal=cal)
    assert result.due == due
    assert not result.estimated
    assert result.warning == ""


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("信息形成之日起20个工作日内", "缺少信息形成（变更）日期，无法计算截止日期"),
        ("批准后20日内", "缺少批准日期，无法计算截止日期"),
        ("实时公开", "缺少信息形成（变更）日期，无法计算截止日期"),
        ("12月底前", "缺少台账年度，无法计算截止日期"),
        ("同上", "公开时限“同上”无法识别，请人工核对"),
        ("", "未填写公开时限，无法计算截止日期"),
    ],
)
def test_due_date_missing(cal: WorkdayCalendar, text: str, warning: str) -> None:
    result = rule_due(parse_deadline(text), cal=cal)
    assert result.due is None
    assert not result.estimated
    assert result.warning == warning


def test_due_date_estimated_past_last_known_year(cal_2024_only: WorkdayCalendar) -> None:
    rule = parse_deadline("信息形成之日起5个工作日内")
    inside = rule_due(rule, formed=D(2024, 9, 27), cal=cal_2024_only)
    assert inside.due == D(2024, 10, 10) and not inside.estimated and inside.warning == ""
    # 2025 is not known: weekdays only, so the Spring Festival is not taken into account.
    result = rule_due(rule, formed=D(2024, 12, 27), cal=cal_2024_only)
    assert result.due == D(2025, 1, 3)
    assert result.estimated
    assert "2025年" in result.warning and "估算" in result.warning
    # Calendar dates need no workday data.
    assert rule_due(parse_deadline("12月底前"), year=2025, cal=cal_2024_only).estimated is False


def test_due_date_estimated_with_package_calendar(cal: WorkdayCalendar) -> None:
    result = rule_due(parse_deadline("10个工作日内"), formed=D(2035, 9, 28), cal=cal)
    assert result.due == D(2035, 10, 12)
    assert result.estimated and "2035年" in result.warning


def test_display_end(cal: WorkdayCalendar) -> None:
    rule = parse_deadline("制定或获取信息之日起10个工作日内，公示7个工作日")
    assert rule.display_workdays == 7
    assert display_end(rule, D(2024, 10, 16), cal=cal).due == D(2024, 10, 25)
    assert display_end(rule, D(2024, 9, 27), cal=cal).due == D(2024, 10, 12)  # 29, 30 Sep; 8-12 Oct
    assert display_end(parse_deadline("20个工作日内"), D(2024, 10, 16), cal=cal).due is None


@pytest.mark.parametrize(
    ("published", "on_time", "late"),
    [
        (D(2024, 10, 8), True, 0),
        (D(2024, 10, 16), True, 0),  # on the due date
        (D(2024, 10, 17), False, 1),
        (D(2024, 10, 19), False, 2),  # 17, 18 Oct
        (D(2024, 10, 22), False, 4),
    ],
)
def test_assess(cal: WorkdayCalendar, published: date, on_time: bool, late: int) -> None:
    rule = parse_deadline("制定或获取信息之日起10个工作日内，公示7个工作日")
    t = assess(rule, formed=D(2024, 9, 27), published=published, year=2024, cal=cal)
    assert (t.due, t.on_time, t.late_workdays, t.estimated, t.warning) == (
        D(2024, 10, 16),
        on_time,
        late,
        False,
        "",
    )


def test_assess_weekend_after_due(cal: WorkdayCalendar) -> None:
    t = assess(parse_deadline("年底前"), published=D(2025, 1, 1), year=2024, cal=cal)
    assert (t.due, t.on_time, t.late_workdays) == (D(2024, 12, 31), False, 0)  # 1 Jan is a holiday
    t = assess(parse_deadline("年底前"), published=D(2025, 1, 3), year=2024, cal=cal)
    assert (t.on_time, t.late_workdays) == (False, 2)


def test_assess_annual_report(cal: WorkdayCalendar) -> None:
    rule = parse_deadline("每年1月31日前公开上一年度政府信息公开工作年度报告")
    assert assess(rule, published=D(2025, 1, 24), year=2025, cal=cal).on_time is True
    t = assess(rule, published=D(2025, 2, 10), year=2025, cal=cal)
    assert (t.due, t.on_time, t.late_workdays) == (
        D(2025, 1, 31),
        False,
        5,
    )  # 5-7 Feb, Saturday 8 Feb, 10 Feb


def test_assess_open_items(cal: WorkdayCalendar) -> None:
    rule = parse_deadline("信息形成或者变更之日起20个工作日内")
    t = assess(rule, formed=D(2024, 9, 20), cal=cal)
    assert (t.due, t.on_time, t.late_workdays) == (D(2024, 10, 23), None, 0)
    t = assess(rule, formed=D(2024, 9, 20), cal=cal, today=D(2024, 10, 23))
    assert (t.on_time, t.late_workdays) == (None, 0)
    t = assess(rule, formed=D(2024, 9, 20), cal=cal, today=D(2024, 10, 25))
    assert (t.on_time, t.late_workdays) == (False, 2)  # overdue


def test_assess_unknown_and_missing(cal: WorkdayCalendar) -> None:
    t = assess(parse_deadline("同上"), formed=D(2024, 1, 1), published=D(2024, 2, 1), cal=cal)
    assert (t.due, t.on_time, t.late_workdays) == (None, None, 0)
    assert "无法识别" in t.warning
    t = assess(DeadlineRule(DeadlineKind.WORKDAYS, n=20, anchor="formed"), published=D(2024, 2, 1), cal=cal)
    assert t.due is None and t.on_time is None and "缺少" in t.warning


def test_assess_late_into_unknown_year(cal_2024_only: WorkdayCalendar) -> None:
    t = assess(parse_deadline("12月底前"), published=D(2025, 1, 3), year=2024, cal=cal_2024_only)
    assert (t.due, t.on_time, t.late_workdays) == (D(2024, 12, 31), False, 3)  # estimated: 1, 2, 3 Jan
    assert t.estimated and "2025年" in t.warning
