"""The State Council's holiday notice as pasted text: parsed, checked against the bundled data, saved."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest
from cli_helpers import run

from zwgk_desktop.core.deadlines.calendar import WorkdayCalendar, check_calendar_data
from zwgk_desktop.core.deadlines.holiday_notice import (
    HolidayNoticeError,
    NoticeYearMissing,
    parse_holiday_notice,
    read_notice_file,
)
from zwgk_desktop.core.presenters.ledger_view import history_line
from zwgk_desktop.core.workspace import Workspace

NOTICES = Path(__file__).parent / "data" / "holiday_notices"
REAL_YEARS = [2017, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]
D = date

# Weekend days joined to a one-day holiday by "与周末连休": the parser counts them as part of the holiday (as
# chinesecalendar does for 2019 and for 2023-12-30/31) but chinesecalendar lists no holiday on these few.
# They are weekend days either way: working days agree on every day without exception.
BUNDLED_OMITS_JOINED_WEEKEND = {D(2017, 4, 29), D(2017, 4, 30), D(2024, 6, 8), D(2024, 6, 9)}


def notice_text(year: int | str) -> str:
    return (NOTICES / f"{year}.txt").read_text(encoding="utf-8")


def days_of(year: int) -> list[date]:
    d, out = D(year, 1, 1), []
    while d.year == year:
        out.append(d)
        d += timedelta(days=1)
    return out


@pytest.mark.parametrize("year", REAL_YEARS)
def test_real_notice_agrees_with_bundled_calendar_on_every_day(year: int) -> None:
    notice = parse_holiday_notice(notice_text(year))
    assert notice.year == year
    assert notice.title == f"国务院办公厅关于{year}年部分节假日安排的通知"
    # what is saved: the same check and object as a calendar JSON file
    saved = WorkdayCalendar([check_calendar_data(notice.calendar_data(), "test", "notice")])
    # the next year's notice may give days of this year (the 元旦 weekend)
    spill: set[date] = set()
    if (NOTICES / f"{year + 1}.txt").exists():
        spill = {d for d, h, _ in parse_holiday_notice(notice_text(year + 1)).other_year_days if h}
    holidays = set(notice.holidays) | spill
    for d in days_of(year):
        assert saved.is_workday(d) is chinese_calendar.is_workday(d), d
        assert (d in notice.workdays) is (d in chinese_calendar.workdays), d
    mismatched = {d for d in days_of(year) if (d in holidays) is not (d in chinese_calendar.holidays)}
    assert mismatched == {d for d in BUNDLED_OMITS_JOINED_WEEKEND if d.year == year}
    assert all(d.weekday() >= 5 for d in mismatched)


def test_days_given_for_the_year_before_agree_with_that_year() -> None:
    notice = parse_holiday_notice(notice_text(2019))
    assert notice.other_year_days == [(D(2018, 12, 29), False, "元旦"), (D(2018, 12, 30), True, "元旦"),
                                      (D(2018, 12, 31), True, "元旦")]
    for d, holiday, _ in notice.other_year_days:
        assert chinese_calendar.is_holiday(d) is holiday
    assert "2018-12-31（周一）放假属于2018年，不在本次保存的2019年安排中" in notice.warnings
    assert "2018-12-29（周六）上班属于2018年，不在本次保存的2019年安排中" in notice.warnings
    assert all(d.year == 2019 for d in notice.holidays + notice.workdays)
    cross = parse_holiday_notice(notice_text(2023))
    assert cross.other_year_days == [(D(2022, 12, 31), True, "元旦")]
    assert not any("2022-12-31" in w for w in cross.warnings)  # a Saturday: nothing to worry about


def test_later_notices_adjust_or_extend_the_year() -> None:
    may = parse_holiday_notice(notice_text(2019))
    labour = next(f for f in may.festivals if f.name == "劳动节")
    assert labour.holidays == (D(2019, 5, 1), D(2019, 5, 2), D(2019, 5, 3), D(2019, 5, 4))
    assert labour.workdays == (D(2019, 4, 28), D(2019, 5, 5))
    assert any("替换第14行的劳动节安排" in w for w in may.warnings)

    covid = parse_holiday_notice(notice_text(2020))
    spring = next(f for f in covid.festivals if f.name == "春节")
    assert spring.holidays[0] == D(2020, 1, 24) and spring.holidays[-1] == D(2020, 2, 2)
    assert D(2020, 2, 1) not in covid.workdays  # the make-up Saturday inside the longer holiday is cancelled
    assert D(2020, 1, 19) in covid.workdays


def test_an_adjusting_notice_alone_is_refused() -> None:
    adjusting = notice_text(2019).split("国务院办公厅\n2018年12月4日")[1]
    with pytest.raises(HolidayNoticeError, match="这是调整2019年劳动节安排的通知：请把.*全文粘贴在前面"):
        parse_holiday_notice(adjusting)


def test_festivals_of_2025() -> None:
    notice = parse_holiday_notice(notice_text(2025))
    assert [f.name for f in notice.festivals] == ["元旦", "春节", "清明节", "劳动节", "端午节", "国庆节、中秋节"]
    spring = notice.festivals[1]
    assert (spring.holidays[0], spring.holidays[-1], len(spring.holidays)) == (D(2025, 1, 28), D(2025, 2, 4), 8)
    assert spring.declared_days == 8 and spring.line == 12
    assert spring.workdays == (D(2025, 1, 26), D(2025, 2, 8))
    assert notice.festival_on(D(2025, 10, 6)) == "国庆节、中秋节"
    assert notice.warnings == ()
    data = notice.calendar_data()
    assert data["holidays"][:2] == ["2025-01-01", "2025-01-28/2025-02-04"]
    assert data["workdays"] == ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]


def _full_width(text: str) -> str:
    table = {ord(c): ord(c) + 0xFEE0 for c in "0123456789:(),;"}
    return text.translate(table)


@pytest.mark.parametrize("year", [2019, 2020, 2024, 2025, 2026])
@pytest.mark.parametrize("variant", ["full-width", "one paragraph", "spaces from a PDF"])
def test_the_same_notice_copied_differently(year: int, variant: str) -> None:
    text = notice_text(year)
    if variant == "full-width":
        changed = _full_width(text)
    elif variant == "one paragraph":
        changed = "".join(line.strip() for line in text.splitlines())
    else:
        changed = text.replace("月", " 月 ").replace("日", " 日").replace("至", " 至 ")
    plain, other = parse_holiday_notice(text), parse_holiday_notice(changed)
    assert (other.year, other.holidays, other.workdays) == (plain.year, plain.holidays, plain.workdays)
    assert [f.name for f in other.festivals] == [f.name for f in plain.festivals]


def test_ranges_across_months_and_years() -> None:
    text = ("关于2023年部分节假日安排的通知\n一、元旦：12月31日至1月2日放假调休，共3天。\n"
            "二、春节：1月21日（农历除夕）至1月27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。\n"
            "三、劳动节：4月29日至5月3日放假调休，共5天。")
    notice = parse_holiday_notice(text)
    assert notice.festivals[0].holidays == (D(2022, 12, 31), D(2023, 1, 1), D(2023, 1, 2))
    assert notice.festivals[2].holidays == tuple(D(2023, 4, 29) + timedelta(days=i) for i in range(5))
    assert notice.warnings == ()


def test_count_and_weekday_checks_warn() -> None:
    text = ("国务院办公厅关于2025年部分节假日安排的通知\n"
            "二、春节：1月28日（农历除夕、周二）至2月4日（周三）放假调休，共9天。1月26日（周日）上班。")
    notice = parse_holiday_notice(text)
    assert notice.warnings == ("第2行：2025年2月4日是周二，通知中写的是“周三”，请核对年份和日期",
                               "第2行：1月28日至2月4日是8天，通知中写的是“共9天”，请核对")


def test_rest_day_weekend_joins_and_no_swap() -> None:
    text = ("2017年部分节假日安排\n一、元旦：1月1日放假，1月2日（星期一）补休。\n"
            "四、劳动节：5月1日放假，与周末连休。\n五、端午节：5月31日（周三）放假1天，不调休。")
    notice = parse_holiday_notice(text, year=2017)
    assert notice.holidays == [D(2017, 1, 1), D(2017, 1, 2), D(2017, 4, 29), D(2017, 4, 30), D(2017, 5, 1),
                               D(2017, 5, 31)]
    assert notice.workdays == [] and notice.warnings == ()


def test_year_from_title_or_caller() -> None:
    body = "一、元旦：1月1日（周五）至3日（周日）放假，共3天。"
    with pytest.raises(NoticeYearMissing, match="请指定年份"):
        parse_holiday_notice(body)
    assert parse_holiday_notice(body, year=2027).holidays == [D(2027, 1, 1), D(2027, 1, 2), D(2027, 1, 3)]
    with pytest.raises(HolidayNoticeError, match="通知是2025年的，不是2027年的"):
        parse_holiday_notice(notice_text(2025), year=2027)
    with pytest.raises(HolidayNoticeError, match="2025、2026年的放假安排"):
        parse_holiday_notice(notice_text(2025) + notice_text(2026))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "没有内容"),
        ("关于2027年部分节假日安排的通知\n节假日期间，各地区要妥善安排好值班。", "没有找到放假安排"),
        ("关于2027年部分节假日安排的通知\n一、元旦：1月1日放假。\n二、春节：2月5日至13日放假调休，共9天。2月14日、2月20日。",
         "第3行：无法识别“2月14日、2月20日”是放假还是上班"),
        ("关于2027年部分节假日安排的通知\n\n三、清明节：放假3天。", "第3行：“三、清明节：放假3天。”中没有找到放假日期"),
        ("关于2027年部分节假日安排的通知\n一、元旦：1月1日放假。2月3日（周三）上班。", "第2行：调休上班日2027-02-03是周三，不是周末"),
        ("关于2027年部分节假日安排的通知\n一、元旦：2月30日放假。", "第2行：.*不存在的日期（2月30日）"),
        ("关于2027年部分节假日安排的通知\n一、元旦：1月1日放假。\n二、元旦：1月2日放假。", "第3行：元旦在第2行已有安排"),
        ("关于延长2027年春节假期的通知\n一、延长2027年春节假期至2月20日。", "第2行：要延长春节假期，但前面没有春节的放假安排"),
    ],
)
def test_bad_text_names_the_line(text: str, message: str) -> None:
    with pytest.raises(HolidayNoticeError, match=message):
        parse_holiday_notice(text)


def test_notice_files_in_gbk_and_utf8(tmp_path: Path) -> None:
    text = notice_text(2026)
    for encoding in ("utf-8", "utf-8-sig", "gbk"):
        f = tmp_path / f"{encoding}.txt"
        f.write_bytes(text.encode(encoding))
        assert read_notice_file(f) == text
    with pytest.raises(HolidayNoticeError, match="无法读取文件“missing.txt”"):
        read_notice_file(tmp_path / "missing.txt")


# -- saving ------------------------------------------------------------------------------------------------


def test_saving_a_notice_adds_the_year(tmp_path: Path) -> None:
    notice = parse_holiday_notice(notice_text("sample-2027"))
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.calendar.is_estimated(D(2027, 2, 8))
        assert ws.install_holiday_notice(notice) == []
        cal = ws.calendar
        assert not cal.is_estimated(D(2027, 2, 8)) and cal.last_known_year == 2027
        assert not cal.is_workday(D(2027, 2, 8)) and cal.is_workday(D(2027, 2, 20))
        assert cal.add_workdays(D(2027, 2, 4), 1) == D(2027, 2, 14)  # the make-up Sunday after the holiday
        saved = json.loads((ws.calendar_dir / "2027.json").read_text(encoding="utf-8"))
        assert saved["year"] == 2027 and "2027-02-05/2027-02-13" in saved["holidays"]
        entry = ws.history(None)[0]
        assert (entry.entity, entry.action, entry.after["years"]) == ("calendar", "calendar", [2027])
        assert history_line(entry).endswith("导入节假日安排：2027年（国务院办公厅关于2027年部分节假日安排的通知）")
        assert ws.check_integrity() == []

        # saving a corrected notice keeps the file it replaces
        changed = parse_holiday_notice(notice_text("sample-2027").replace("9月26日（周日）、", ""))
        ws.install_holiday_notice(changed)
        kept = sorted(p.name for p in ws.calendar_dir.iterdir())
        assert kept[0] == "2027.json" and kept[1].startswith("2027.json.") and kept[1].endswith(".bak")
        assert ws.calendar.is_workday(D(2027, 9, 26)) is False
        # a file sorting after it that gives the same year wins: the clerk is told
        other = ws.calendar_dir / "2027更正.json"
        other.write_text(json.dumps({"year": 2027, "holidays": ["2027-01-01"]}), encoding="utf-8")
        warnings = ws.install_holiday_notice(notice)
        assert warnings and "“2027更正.json”也给出了2027年的安排" in warnings[0]


def test_cli_preview_then_save(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(tmp_path / "ws")
    sample = str(NOTICES / "sample-2027.txt")
    code, out, err = run(capsys, "--data-dir", data, "calendar", "--from-notice", sample)
    assert code == 0, err
    assert "春节：放假 2月5日至2月13日（9天）" in out
    assert "调休上班 2月14日（周日）、2月20日（周六）" in out
    assert "2027年2月" in out and " 5休 6休" in out
    assert "尚未保存" in out
    assert not (tmp_path / "ws" / "calendar").exists()  # a preview writes nothing

    code, out, err = run(capsys, "--data-dir", data, "calendar", "--from-notice", sample, "--yes", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["saved"] is True and result["year"] == 2027 and len(result["workdays"]) == 6
    code, out, _ = run(capsys, "--data-dir", data, "calendar", "--json")
    assert json.loads(out)["last_year"] == 2027

    bad = tmp_path / "bad.txt"
    bad.write_text("关于2028年部分节假日安排的通知\n一、元旦：1月1日放假。1月4日（周二）上班。", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", data, "calendar", "--from-notice", str(bad), "--yes")
    assert code == 1 and "通知“bad.txt”：第2行：调休上班日2028-01-04是周二" in err
    no_year = tmp_path / "no-year.txt"
    no_year.write_text("一、元旦：1月1日放假。", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", data, "calendar", "--from-notice", str(no_year))
    assert code == 1 and "--year" in err
    code, out, _ = run(capsys, "--data-dir", data, "calendar", "--from-notice", str(no_year), "--year", "2028")
    assert code == 0 and "元旦：放假 1月1日（1天）" in out
    assert not (tmp_path / "ws" / "calendar" / "2028.json").exists()
