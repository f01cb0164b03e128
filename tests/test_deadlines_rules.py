"""parse_deadline: every 公开时限 phrasing from docs/domain.md, with the exact rule."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from zwgk_desktop.core.deadlines import DeadlineKind, DeadlineRule, parse_deadline

K = DeadlineKind


def rule(kind: DeadlineKind, text: str, **kw: object) -> DeadlineRule:
    return DeadlineRule(kind, text=text, **kw)  # type: ignore[arg-type]


CASES: list[tuple[str, DeadlineKind, dict[str, object]]] = [
    ("信息形成或者变更之日起20个工作日内", K.WORKDAYS, {"n": 20, "anchor": "formed"}),
    (
        "制定或获取信息之日起10个工作日内，公示7个工作日",
        K.WORKDAYS,
        {"n": 10, "anchor": "formed", "display_workdays": 7},
    ),
    ("信息形成（变更）20个工作日内", K.WORKDAYS, {"n": 20, "anchor": "formed"}),
    ("信息形成(变更)20个工作日内", K.WORKDAYS, {"n": 20, "anchor": "formed"}),
    ("20工作日", K.WORKDAYS, {"n": 20, "anchor": "formed"}),
    ("制 定 或 获 取 信 息之日起 10 个 工作日内", K.WORKDAYS, {"n": 10, "anchor": "formed"}),
    ("信息形成之日起２０个工作日内", K.WORKDAYS, {"n": 20, "anchor": "formed"}),  # full-width digits
    ("信息形成之日起二十个工作日内", K.WORKDAYS, {"n": 20, "anchor": "formed"}),
    ("信息形成或者变更之日起20个工作日内及时公开", K.WORKDAYS, {"n": 20, "anchor": "formed"}),
    (
        "审核通过后5个工作日内，公示期不少于7个工作日",
        K.WORKDAYS,
        {"n": 5, "anchor": "approved", "display_workdays": 7},
    ),
    ("信息形成之日起15日内", K.DAYS, {"n": 15, "anchor": "formed"}),
    ("7天内", K.DAYS, {"n": 7, "anchor": "formed"}),
    (
        "每年1月31日前公开上一年度政府信息公开工作年度报告",
        K.ANNUAL_DATE,
        {"month": 1, "day": 31},
    ),
    ("每年３月３１日前", K.ANNUAL_DATE, {"month": 3, "day": 31}),
    ("2021年12月31日前", K.ANNUAL_DATE, {"month": 12, "day": 31, "year": 2021}),
    ("12月底前", K.MONTH_END, {"month": 12}),
    ("2022年6月底前", K.MONTH_END, {"month": 6, "year": 2022}),
    ("十月底前", K.MONTH_END, {"month": 10}),
    ("2021年底前", K.YEAR_END, {"year": 2021}),
    ("2021年年底前", K.YEAR_END, {"year": 2021}),
    ("2021 年 底 前", K.YEAR_END, {"year": 2021}),
    ("年底前", K.YEAR_END, {}),
    ("本级人民代表大会或其常务委员会批准后20日内", K.AFTER_APPROVAL, {"n": 20, "anchor": "approved"}),
    ("经本级人大或其常委会批准后 ２０ 日内", K.AFTER_APPROVAL, {"n": 20, "anchor": "approved"}),
    ("实时公开", K.IMMEDIATE, {"n": 0, "anchor": "formed"}),
    ("及时公开", K.IMMEDIATE, {"anchor": "formed"}),
    ("即时公开", K.IMMEDIATE, {"anchor": "formed"}),
]


@pytest.mark.parametrize(("text", "kind", "fields"), CASES, ids=[c[0] for c in CASES])
def test_parse(text: str, kind: DeadlineKind, fields: dict[str, object]) -> None:
    got = parse_deadline(text)
    assert got == rule(kind, text, **fields)
    assert got.parsed
    assert got.text == text


@pytest.mark.parametrize(
    "text",
    [
        "同上",  # resolved by the importer, never here
        "按规定时限",
        "",
        "   ",
        "10个工作日内；每年1月31日前",  # two different limits: flag, do not pick one
        "13月底前",
        "13月份",
    ],
)
def test_unknown_is_flagged_and_keeps_text(text: str) -> None:
    got = parse_deadline(text)
    assert got.kind is K.UNKNOWN
    assert got.kind == "unknown"
    assert not got.parsed
    assert got.text == text
    assert (got.n, got.month, got.day, got.year, got.anchor) == (None, None, None, None, None)


def test_same_limit_twice_is_one_rule() -> None:
    got = parse_deadline("20个工作日内（信息形成之日起20个工作日内）")
    assert got == rule(K.WORKDAYS, "20个工作日内（信息形成之日起20个工作日内）", n=20, anchor="formed")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("信息形成或者变更之日起20个工作日内", "信息形成（变更）之日起20个工作日内公开"),
        (
            "制定或获取信息之日起10个工作日内，公示7个工作日",
            "信息形成（变更）之日起10个工作日内公开，公示7个工作日",
        ),
        ("信息形成之日起15日内", "信息形成（变更）之日起15日内公开（自然日）"),
        ("每年1月31日前公开上一年度…", "每年1月31日前"),
        ("2021年12月31日前", "2021年12月31日前"),
        ("12月底前", "12月底前"),
        ("2021年年底前", "2021年底前"),
        ("年底前", "年底前"),
        ("本级人民代表大会或其常务委员会批准后20日内", "批准后20日内公开（自然日）"),
        ("实时公开", "实时公开（信息形成当日）"),
        ("及时公开", "及时公开（无具体时限，按《政府信息公开条例》第二十六条不超过20个工作日）"),
        ("同上", "无法识别的公开时限：“同上”，请人工核对"),
        ("", "未填写公开时限"),
    ],
)
def test_describe(text: str, expected: str) -> None:
    assert parse_deadline(text).describe() == expected


def test_rule_is_frozen_and_accepts_plain_kind() -> None:
    r = DeadlineRule("workdays", n=5)  # type: ignore[arg-type]
    assert r.kind is K.WORKDAYS
    with pytest.raises(AttributeError):
        r.n = 6  # type: ignore[misc]


def test_catalogue_fixture_time_limits(fixtures_dir: Path) -> None:
    wb = openpyxl.load_workbook(fixtures_dir / "shehui-jiuzhu-catalogue.xlsx", read_only=True)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    col = list(rows[1]).index("公开时限")
    cells = [str(r[col]) for r in rows[3:] if r[col]]
    assert len(cells) == 12
    rules = [parse_deadline(c) for c in cells]
    assert all(r.kind is K.WORKDAYS and r.n == 10 and r.anchor == "formed" for r in rules)
    assert rules[4].display_workdays == 7  # item 5: 最低生活保障 / 审核信息
    assert rules[4].text == "制定或获取信息之日起10个工作日内，公示7个工作日"
    assert rules[0].display_workdays is None
