"""WorkdayCalendar: official holidays, make-up workdays, estimation, user JSON files."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from zwgk_desktop.core.deadlines import CalendarFileError, WorkdayCalendar, read_calendar_file

D = date


@pytest.fixture(scope="module")
def cal() -> WorkdayCalendar:
    return WorkdayCalendar.load()


def test_builtin_range(cal: WorkdayCalendar) -> None:
    assert cal.first_known_year == 2004
    assert cal.last_known_year is not None and cal.last_known_year >= 2026
    assert cal.warnings == ()
    assert cal.source_of(2024).startswith("chinesecalendar")


# National Day 2024: 1-7 Oct off; Sunday 29 Sept and Saturday 12 Oct worked.
@pytest.mark.parametrize(
    ("d", "workday"),
    [
        (D(2024, 9, 28), False),
        (D(2024, 9, 29), True),
        (D(2024, 10, 1), False),
        (D(2024, 10, 7), False),
        (D(2024, 10, 8), True),
        (D(2024, 10, 12), True),
        (D(2024, 10, 13), False),
        (D(2024, 2, 4), True),
        (D(2024, 2, 10), False),
        (D(2024, 2, 16), False),
        (D(2024, 2, 18), True),
        (D(2025, 1, 26), True),
        (D(2025, 1, 28), False),
        (D(2025, 2, 4), False),
        (D(2025, 2, 5), True),
        (D(2025, 2, 8), True),
    ],
)
def test_is_workday(cal: WorkdayCalendar, d: date, workday: bool) -> None:
    assert cal.is_workday(d) is workday


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2024, 9, 27), 1, D(2024, 9, 29)),  # Friday -> the worked Sunday
        (D(2024, 9, 27), 2, D(2024, 9, 30)),
        (D(2024, 9, 30), 1, D(2024, 10, 8)),  # across National Day
        (D(2024, 9, 30), 5, D(2024, 10, 12)),  # the worked Saturday
        (D(2024, 9, 30), 6, D(2024, 10, 14)),
        (D(2024, 10, 1), 1, D(2024, 10, 8)),  # start on a holiday
        (D(2024, 9, 20), 20, D(2024, 10, 23)),  # 23-27, 29, 30 Sep; 8-12, 14-18, 21-23 Oct
        (D(2024, 9, 27), 0, D(2024, 9, 27)),
        (D(2024, 2, 2), 1, D(2024, 2, 4)),  # Spring Festival 2024
        (D(2024, 2, 8), 1, D(2024, 2, 9)),
        (D(2024, 2, 9), 1, D(2024, 2, 18)),
        (D(2024, 2, 9), 2, D(2024, 2, 19)),
        (D(2025, 1, 24), 1, D(2025, 1, 26)),  # Spring Festival 2025
        (D(2025, 1, 27), 1, D(2025, 2, 5)),
        (D(2025, 2, 7), 1, D(2025, 2, 8)),
        (D(2025, 2, 7), 2, D(2025, 2, 10)),
    ],
)
def test_add_workdays(cal: WorkdayCalendar, start: date, n: int, expected: date) -> None:
    assert cal.add_workdays(start, n) == expected


def test_add_workdays_negative(cal: WorkdayCalendar) -> None:
    with pytest.raises(ValueError):
        cal.add_workdays(D(2024, 1, 1), -1)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (D(2024, 9, 30), D(2024, 10, 8), 1),
        (D(2024, 9, 27), D(2024, 10, 12), 7),  # 29 Sep, 30 Sep, 8-11 Oct, 12 Oct
        (D(2024, 9, 30), D(2024, 10, 7), 0),
        (D(2024, 2, 9), D(2024, 2, 18), 1),
        (D(2025, 1, 24), D(2025, 2, 8), 6),  # 26, 27 Jan; 5, 6, 7 Feb; Saturday 8 Feb
        (D(2024, 10, 8), D(2024, 10, 8), 0),
        (D(2024, 10, 9), D(2024, 10, 8), 0),
    ],
)
def test_workdays_between(cal: WorkdayCalendar, a: date, b: date, expected: int) -> None:
    assert cal.workdays_between(a, b) == expected


def test_workdays_between_matches_add_workdays(cal: WorkdayCalendar) -> None:
    start = D(2024, 1, 5)
    for n in range(0, 60):
        assert cal.workdays_between(start, cal.add_workdays(start, n)) == n


def test_year_past_last_known_is_estimated(cal: WorkdayCalendar) -> None:
    d = D(2035, 10, 1)  # a Monday; no official data for 2035, so counted as a working day
    assert cal.is_estimated(d)
    assert not cal.is_estimated(D(2024, 10, 1))
    assert cal.is_workday(d)
    assert cal.add_workdays(D(2035, 9, 28), 1) == D(2035, 10, 1)
    assert cal.span_estimated(D(2035, 9, 28), D(2035, 10, 1))
    assert not cal.span_estimated(D(2024, 9, 28), D(2024, 10, 8))
    warning = cal.estimate_warning(d)
    assert "2035年" in warning and "估算" in warning
    assert cal.estimate_warning(D(2024, 10, 1)) == ""


def _write(folder: Path, name: str, data: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# A made-up year far enough ahead that the built-in data will not cover it for a long time.
YEAR_2035 = {
    "year": 2035,
    "holidays": ["2035-01-01", "2035-10-01/2035-10-07"],
    "workdays": ["2035-09-29", "2035-10-13"],
}


def test_json_for_a_new_year_is_picked_up(tmp_path: Path) -> None:
    _write(tmp_path / "calendar", "2035.json", YEAR_2035)
    cal = WorkdayCalendar.load([tmp_path / "calendar", tmp_path / "missing"])
    assert cal.warnings == ()
    assert 2035 in cal.known_years
    assert cal.last_known_year == 2035
    assert not cal.is_estimated(D(2035, 10, 1))
    assert cal.is_estimated(D(2034, 6, 1)) == (2034 not in cal.known_years)
    assert cal.source_of(2035).endswith("2035.json")
    assert cal.is_workday(D(2035, 9, 29))  # a Saturday, worked
    assert not cal.is_workday(D(2035, 10, 1))
    assert cal.add_workdays(D(2035, 9, 28), 1) == D(2035, 9, 29)
    assert cal.add_workdays(D(2035, 9, 28), 2) == D(2035, 10, 8)
    assert cal.add_workdays(D(2035, 10, 12), 1) == D(2035, 10, 13)


def test_json_overrides_builtin_year_and_later_folder_wins(tmp_path: Path) -> None:
    _write(tmp_path / "a", "x.json", {"year": 2024, "holidays": ["2024-01-01"], "workdays": []})
    _write(tmp_path / "b", "y.json", [{"year": 2024, "holidays": ["2024-01-02"]}, YEAR_2035])
    cal = WorkdayCalendar.load([tmp_path / "a", tmp_path / "b"])
    assert cal.is_workday(D(2024, 1, 1))  # only folder b's 2024 counts
    assert not cal.is_workday(D(2024, 1, 2))
    assert cal.is_workday(D(2024, 10, 1))  # National Day no longer listed for 2024
    assert not cal.is_workday(D(2035, 1, 1))


def test_calendar_without_builtin(tmp_path: Path) -> None:
    _write(tmp_path, "2035.json", YEAR_2035)
    cal = WorkdayCalendar.load([tmp_path], include_builtin=False)
    assert cal.known_years == frozenset({2035})
    assert cal.first_known_year == cal.last_known_year == 2035
    assert cal.is_estimated(D(2024, 10, 1))
    assert cal.is_workday(D(2024, 10, 1))  # estimated: a Tuesday


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"holidays": ["2027-01-01"]}, "年份"),
        ({"year": 2027, "holidays": ["2027-13-01"]}, "无法识别的日期"),
        ({"year": 2027, "holidays": ["2028-01-01"]}, "不在2027年内"),
        ({"year": 2027, "holidays": ["2027-10-07/2027-10-01"]}, "无效的日期范围"),
        ({"year": 2027, "holidays": []}, "没有列出任何节假日"),
        ({"year": 2027, "holidays": ["2027-01-01"], "workdays": ["2027-01-04"]}, "不是周末"),
        ({"year": 2027, "holidays": ["2027-02-06"], "workdays": ["2027-02-06"]}, "同时列为"),
        ({"year": 2027, "holidays": "2027-01-01"}, "日期列表"),
        ([{"year": 2027, "holidays": ["2027-01-01"]}, {"year": 2027, "holidays": ["2027-01-01"]}], "重复"),
    ],
)
def test_bad_files(tmp_path: Path, data: object, message: str) -> None:
    path = _write(tmp_path, "bad.json", data)
    with pytest.raises(CalendarFileError, match=message):
        read_calendar_file(path)
    cal = WorkdayCalendar.load([tmp_path])  # skipped, reported, the rest still works
    assert len(cal.warnings) == 1 and "bad.json" in cal.warnings[0] and "已忽略" in cal.warnings[0]
    assert cal.add_workdays(D(2024, 9, 30), 1) == D(2024, 10, 8)


def test_not_json(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{year: 2027", encoding="utf-8")
    with pytest.raises(CalendarFileError, match="不是有效的 JSON"):
        read_calendar_file(tmp_path / "broken.json")


def test_agrees_with_chinesecalendar_on_every_known_day(cal: WorkdayCalendar) -> None:
    import chinese_calendar

    d = D(2004, 1, 1)
    last = D(cal.last_known_year or 2004, 12, 31)
    while d <= last:
        assert cal.is_workday(d) is chinese_calendar.is_workday(d), d
        d += timedelta(days=1)
