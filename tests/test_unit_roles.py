"""Units and roles (issue 9, defect classes 2 and 6): owners hold unit names only, 牵头 / 配合 kept apart,
every written form of a unit list, a place prefix only where the source means it."""

from __future__ import annotations

import pytest

from zwgk_desktop.core.importing.notice import parse_notice
from zwgk_desktop.core.unit_roles import owners_display, pack_owners, strip_role, unit_remarks, unpack_owners
from zwgk_desktop.core.units import owner_matches, read_units, split_units

# (text, names, lead, support): phrasings from published task tables and work points
CASES = [
    # role suffixes
    ("县政府办公室牵头，各乡镇(街道)、县直有关部门负责",
     ["县政府办公室", "各乡镇(街道)", "县直有关部门"], ["县政府办公室"], []),
    ("县发展和改革局牵头，教育和体育局、财政局配合",
     ["县发展和改革局", "县教育和体育局", "县财政局"], ["县发展和改革局"], ["县教育和体育局", "县财政局"]),
    ("县发展和改革局牵头、教育和体育局配合", ["县发展和改革局", "县教育和体育局"], ["县发展和改革局"],
     ["县教育和体育局"]),
    ("县民政局（牵头）、县财政局（配合）", ["县民政局", "县财政局"], ["县民政局"], ["县财政局"]),
    ("县卫生健康局、县医疗保障局牵头", ["县卫生健康局", "县医疗保障局"], ["县卫生健康局", "县医疗保障局"], []),
    ("区政务服务中心牵头，区直各部门协助", ["区政务服务中心", "区直各部门"], ["区政务服务中心"], ["区直各部门"]),
    ("县直有关部门配合", ["县直有关部门"], [], ["县直有关部门"]),
    # 潍坊市2017年政务公开工作要点实施方案; a 江门 centre's 2022 task table (办公室牵头,各科室配合)
    ("市发改委牵头落实", ["市发改委"], ["市发改委"], []),
    ("市金融办、人民银行潍坊市中心支行、潍坊银监分局分别牵头落实",
     ["市金融办", "人民银行潍坊市中心支行", "潍坊银监分局"],
     ["市金融办", "人民银行潍坊市中心支行", "潍坊银监分局"], []),
    ("办公室牵头,各科室配合", ["办公室", "各科室"], ["办公室"], ["各科室"]),
    # duty words
    ("各科室按职责分工负责", ["各科室"], [], []),
    ("由县政府办公室负责", ["县政府办公室"], [], []),
    ("县财政局、县审计局分别负责", ["县财政局", "县审计局"], [], []),
    ("万善乡负责", ["万善乡"], [], []),
    # open lists: 等 adds no unit
    ("县教育和体育局、县卫生健康局等有关部门", ["县教育和体育局", "县卫生健康局"], [], []),
    ("县民政局、县残联等单位配合", ["县民政局", "县残联"], [], ["县民政局", "县残联"]),
    ("区发展改革委、区商务委等", ["区发展改革委", "区商务委"], [], []),
    # labels and wrappers
    ("牵头单位：县发展和改革局 配合单位：县财政局、县审计局",
     ["县发展和改革局", "县财政局", "县审计局"], ["县发展和改革局"], ["县财政局", "县审计局"]),
    ("牵头单位：县政务服务管理局；配合单位：各乡镇(街道)",
     ["县政务服务管理局", "各乡镇(街道)"], ["县政务服务管理局"], ["各乡镇(街道)"]),
    ("[责任单位：县政务服务中心]", ["县政务服务中心"], [], []),
    ("【责任单位：县委宣传部、县融媒体中心】", ["县委宣传部", "县融媒体中心"], [], []),
    ("（责任单位：县政府办公室、县财政局）", ["县政府办公室", "县财政局"], [], []),
    ("（县直各有关部门按职责分工负责）", ["县直各有关部门"], [], []),
    ("责任单位：各乡镇人民政府、街道办事处", ["各乡镇人民政府、街道办事处"], [], []),
]


@pytest.mark.parametrize(("text", "names", "lead", "support"), CASES)
def test_units_and_roles(text: str, names: list[str], lead: list[str], support: list[str]) -> None:
    got = read_units(text)
    assert list(got.names) == names
    assert list(got.lead) == lead
    assert list(got.support) == support
    assert split_units(text) == names  # every caller of split_units gets names only


@pytest.mark.parametrize(("text", "expected"), [
    # the example: a prefix distributes over a run of departments …
    ("县发展和改革局、教育和体育局", ["县发展和改革局", "县教育和体育局"]),
    # … but not onto groups, township and village bodies, banks or units of their own level
    ("县人力资源和社会保障局、中国人民银行冠县支行、村委会",
     ["县人力资源和社会保障局", "中国人民银行冠县支行", "村委会"]),
    ("县统计局、国家统计局冠县调查队", ["县统计局", "国家统计局冠县调查队"]),
    ("县税务局、省第二地质队", ["县税务局", "省第二地质队"]),
    ("县民政局、各乡镇(街道)", ["县民政局", "各乡镇(街道)"]),
    ("县委组织部、团县委", ["县委组织部", "团县委"]),
    ("县财政局、万善乡、柳林镇人民政府", ["县财政局", "万善乡", "柳林镇人民政府"]),  # townships carry their own
    # runs apart (a comma) do not share a prefix unless one sentence gives their roles
    ("万善乡,县发展和改革局、教育和体育局", ["万善乡", "县发展和改革局", "县教育和体育局"]),
    ("县财政局，教育和体育局", ["县财政局", "教育和体育局"]),
])
def test_prefix_goes_only_where_the_source_means_it(text: str, expected: list[str]) -> None:
    assert split_units(text) == expected


def test_names_that_only_look_like_role_words_stay() -> None:
    assert strip_role("县直有关部门配合") == ("县直有关部门", "support")  # 部门 is part of the name
    assert strip_role("乡镇政府（街道办事处）") == ("乡镇政府（街道办事处）", None)
    assert strip_role("牵头") == ("牵头", None)  # nothing left: kept as written, not emptied


@pytest.mark.parametrize(("paragraph", "remarks"), [
    ("1.完善政策解读。做好解读工作。（责任单位：县政府办公室、县司法局）", ["责任单位：县政府办公室、县司法局"]),
    ("2.规范依申请公开。[责任单位：县政务服务中心]", ["责任单位：县政务服务中心"]),
    ("3.推进基层公开。（各乡镇人民政府、街道办事处按职责分工负责）", ["各乡镇人民政府、街道办事处按职责分工负责"]),
    ("4.做好年度报告。\n牵头单位：县政府办公室 配合单位：县直各部门", ["牵头单位：县政府办公室 配合单位：县直各部门"]),
    ("5.加强培训(2021年底前完成)。", []),  # a bracket that names no unit is not a remark
    ("6.公开项目信息。（县发展和改革局牵头，财政局配合）", ["县发展和改革局牵头，财政局配合"]),
])
def test_unit_remarks_in_notice_text(paragraph: str, remarks: list[str]) -> None:
    assert unit_remarks(paragraph) == remarks


def test_notice_items_read_every_written_form_of_unit_lists() -> None:
    lines = [
        "关于印发某县2022年政务公开工作要点的通知",
        "一、推进重点领域公开",
        "（一）做好政策解读。加强解读工作。[责任单位：县政府办公室]",
        "（二）做好项目公开。公开重大项目信息。（县发展和改革局牵头，财政局、审计局配合）",
        "（三）推进基层公开。规范村务公开。（各乡镇按职责分工负责）",
        "（四）做好年度报告。按时发布年度报告。牵头单位：县政府办公室；配合单位：县直各部门",
    ]
    items = parse_notice(lines, "要点.txt").items
    assert [it.owners for it in items] == [
        ["县政府办公室"],
        ["县发展和改革局", "县财政局", "县审计局"],
        ["各乡镇"],
        ["县政府办公室", "县直各部门"],
    ]
    assert items[1].lead_units == ["县发展和改革局"] and items[1].support_units == ["县财政局", "县审计局"]
    assert items[3].lead_units == ["县政府办公室"] and items[3].support_units == ["县直各部门"]


def test_mine_filter_with_role_words() -> None:
    # role words no longer in names: the township sees its item, the county departments theirs
    owners = split_units("万善乡牵头，县农业农村局配合")
    assert owner_matches(owners, "万善乡") and owner_matches(owners, "万善乡人民政府")
    assert owner_matches(split_units("各乡镇(街道)按职责分工负责"), "万善乡")
    assert owner_matches(split_units("县农业农村局牵头，各乡镇(街道)配合"), "万善乡")
    assert not owner_matches(split_units("县农业农村局牵头，县财政局配合"), "万善乡")
    # names stored by an older version with the role word still in them are matched too
    assert owner_matches(["万善乡负责"], "万善乡")
    assert owner_matches(["县农业农村局", "万善乡配合"], "万善乡人民政府")


def test_stored_form_keeps_roles_apart() -> None:
    stored = pack_owners(["县发改局", "县财政局", "万善乡"], ["县发改局"], ["县财政局"])
    assert unpack_owners(stored) == (["县发改局", "县财政局", "万善乡"], ("县发改局",), ("县财政局",))
    assert owners_display(stored) == ["县发改局（牵头）", "县财政局（配合）", "万善乡"]
    assert pack_owners(["县发改局"]) == ["县发改局"]  # no role: the plain list older versions wrote
    assert unpack_owners(["县发改局"]) == (["县发改局"], (), ())
