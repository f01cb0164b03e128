from __future__ import annotations

import pytest

from zwgk_desktop.core.units import group_includes, is_group, owner_matches, split_units


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("县发展和改革局、教育和体育局", ["县发展和改革局", "县教育和体育局"]),
        ("万善乡,县发展和改革局、教育和体育局", ["万善乡", "县发展和改革局", "县教育和体育局"]),
        ("县级政府民政部门、乡镇政府（街道办事处）", ["县级政府民政部门", "乡镇政府（街道办事处）"]),
        ("各乡镇(街道),县农业农村局", ["各乡镇(街道)", "县农业农村局"]),
        (
            "各乡镇人民政府、街道办事处,县直各有关部门(单位)",
            ["各乡镇人民政府、街道办事处", "县直各有关部门(单位)"],
        ),
        ("各乡镇(街道)、县经济开发区,县直有关部门", ["各乡镇(街道)", "县经济开发区", "县直有关部门"]),
        (
            "县政府办公室、发展和改革局、市场监督管理局",
            ["县政府办公室", "县发展和改革局", "县市场监督管理局"],
        ),
        (
            "县财政局、聊城市生态环境局冠县分局、水务集团",
            ["县财政局", "聊城市生态环境局冠县分局", "县水务集团"],
        ),
        ("区直各有关部门；区教育局\n区财政局", ["区直各有关部门", "区教育局", "区财政局"]),
        ("乡镇政府（街道办事处)", ["乡镇政府（街道办事处）"]),
        ("县 民政局， 县财政局。", ["县民政局", "县财政局"]),
        ("", []),
    ],
)
def test_split_units(text, expected):
    assert split_units(text) == expected


def test_split_units_without_distribution():
    assert split_units("县财政局、教育局", distribute=False) == ["县财政局", "教育局"]


@pytest.mark.parametrize(
    "name",
    [
        "各乡镇(街道)",
        "各乡镇人民政府、街道办事处",
        "县直有关部门",
        "县直各有关部门(单位)",
        "区直各有关部门",
        "各级各部门",
    ],
)
def test_is_group(name):
    assert is_group(name)


@pytest.mark.parametrize("name", ["万善乡", "县农业农村局", "县级政府民政部门", "清泉街道办事处"])
def test_is_not_group(name):
    assert not is_group(name)


@pytest.mark.parametrize(
    ("group", "unit", "expected"),
    [
        ("各乡镇(街道)", "万善乡", True),
        ("各乡镇（街道）", "柳林镇", True),
        ("各乡镇(街道)", "清泉街道办事处", True),
        ("各乡镇人民政府、街道办事处", "东古城镇人民政府", True),
        ("各乡镇(街道)", "县农业农村局", False),
        ("县直有关部门", "县农业农村局", True),
        ("县直各有关部门(单位)", "县教育和体育局", True),
        ("县直有关部门", "万善乡", False),
        ("区直各有关部门", "区教育局", True),
        ("区直各有关部门", "县教育局", False),
        ("各级各部门", "万善乡", True),
        ("乡镇政府（街道办事处）", "万善乡", True),
        ("县农业农村局", "县农业农村局", False),  # not a group
    ],
)
def test_group_includes(group, unit, expected):
    assert group_includes(group, unit) is expected


def test_owner_matches():
    owners = ["各乡镇(街道)", "县经济开发区", "县直有关部门"]
    assert owner_matches(owners, "万善乡")
    assert owner_matches(owners, "县经济开发区")
    assert owner_matches(owners, "县财政局")
    assert not owner_matches(["县财政局"], "万善乡")
    assert owner_matches(["乡镇政府(街道办事处)"], "乡镇政府（街道办事处）")


@pytest.mark.parametrize(("owner", "unit", "expected"), [
    ("万善乡", "万善乡人民政府", True),
    ("万善乡人民政府", "万善乡", True),
    ("清泉街道", "清泉街道办事处", True),
    ("清泉街道办", "清泉街道办事处", True),
    ("万善乡", "万善镇人民政府", False),
    ("县财政局", "县财政局办事处", False),
])
def test_township_short_and_full_names_are_one_unit(owner: str, unit: str, expected: bool) -> None:
    assert owner_matches([owner], unit) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("区民政局、街道办事处", ["区民政局", "街道办事处"]),
    ("县民政局、乡镇政府（街道办事处）", ["县民政局", "乡镇政府（街道办事处）"]),
    ("县农业农村局、乡村振兴局", ["县农业农村局", "县乡村振兴局"]),
    ("区住房和城乡建设局、社区居委会", ["区住房和城乡建设局", "社区居委会"]),
])
def test_prefix_does_not_go_to_township_and_village_bodies(text: str, expected: list[str]) -> None:
    assert split_units(text) == expected


def test_generic_street_office_is_a_group() -> None:
    assert is_group("街道办事处") and not is_group("清泉街道办事处")
    assert owner_matches(["区民政局", "街道办事处"], "清泉街道办事处")
    assert not owner_matches(["清泉街道办事处"], "金城街道办事处")


def test_units_typed_one_per_line_and_joined_by_or() -> None:
    """Two real forms (赛罕区 重大建设项目 catalogue): a line break between units in a cell, and 或."""
    from zwgk_desktop.core.units import split_units

    assert split_units("相关审批部门\n项目单位") == ["相关审批部门", "项目单位"]
    assert split_units("招标人及其招标代理机构或相关行政监督部门") == ["招标人及其招标代理机构", "相关行政监督部门"]
    assert split_units("县发展和改革局或县财政局") == ["县发展和改革局", "县财政局"]
    assert split_units("县或乡镇人民政府") == ["县或乡镇人民政府"]  # 或 inside one name stays
