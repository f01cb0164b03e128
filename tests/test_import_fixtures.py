"""The real fixtures, with the exact expectations of shared/fixtures/README.md."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from zwgk_desktop.core.importing import read_template
from zwgk_desktop.core.types import TemplateKind
from zwgk_desktop.core.units import owner_matches

CHANNELS = [
    "政府网站",
    "政府公报",
    "两微一端",
    "发布会/听证会",
    "广播电视",
    "纸质媒体",
    "公开查阅点",
    "政务服务中心",
    "便民服务站",
    "入户/现场",
    "社区/企事业单位/村公示栏（电子屏）",
    "精准推送",
    "其他",
]


def _fixture(name: str) -> Path:
    """Same lookup as conftest.fixtures_dir, usable from module-scoped fixtures."""
    repo = Path(__file__).resolve().parents[1]
    for folder in (repo.parent / "shared" / "fixtures", repo / "tests" / "data" / "fixtures"):
        if (folder / name).is_file():
            return folder / name
    pytest.skip(f"missing fixture {name}")


@pytest.fixture(scope="module")
def tasks():
    return read_template(_fixture("guanxian-2021-tasks.xlsx"))


@pytest.fixture(scope="module")
def catalogue():
    return read_template(_fixture("shehui-jiuzhu-catalogue.xlsx"))


@pytest.fixture(scope="module")
def qinghai():
    return read_template(_fixture("qinghai-2021-workpoints.txt"))


# --------------------------------------------------------------------------- task table


def test_tasks_counts_and_levels(tasks):
    assert tasks.kind is TemplateKind.TASKS
    assert len(tasks.items) == 38
    firsts = Counter(it.path[0] for it in tasks.items)
    order = list(dict.fromkeys(it.path[0] for it in tasks.items))
    assert order[0] == "优化重点领域政府信息公开" and order[-1] == "强化工作保障和落实"
    assert [firsts[k] for k in order] == [21, 2, 4, 6, 5]
    assert all(len(it.path) == 2 for it in tasks.items)
    assert len({tuple(it.path) for it in tasks.items}) == 18


def test_tasks_metadata(tasks, fixtures_dir):
    assert tasks.name == "2021年冠县政务公开重点工作任务分解表"
    assert tasks.year == 2021
    assert tasks.source_file == "guanxian-2021-tasks.xlsx"
    assert len(tasks.source_sha256) == 64
    assert tasks.warnings == []
    assert all(it.key == "" for it in tasks.items)
    assert tasks.items[0].source.sheet == "任务分解表" and tasks.items[0].source.row == 3


def test_task_1(tasks):
    t1 = tasks.items[0]
    assert t1.path == ["优化重点领域政府信息公开", "推进重点工作信息公开"]
    assert t1.content.startswith("围绕项目建设")
    assert t1.title == "围绕项目建设,做好重大项目批准和实施领域信息公开"
    assert t1.owners == [
        "万善乡",
        "县发展和改革局",
        "县教育和体育局",
        "县自然资源和规划局",
        "县住房和城乡建设局",
        "县行政审批服务局",
        "县水务集团",
    ]


def test_task_10_group(tasks):
    t10 = tasks.items[9]
    assert t10.content.startswith("加大惠民惠农政策")
    assert t10.owners == ["各乡镇(街道)", "县农业农村局"]
    assert owner_matches(t10.owners, "万善乡")
    assert owner_matches(t10.owners, "县农业农村局")
    assert not owner_matches(t10.owners, "县财政局")


def test_task_deadlines(tasks):
    by_number = {i + 1: it for i, it in enumerate(tasks.items)}
    assert by_number[23].path[1] == "积极回应社会关切"
    assert by_number[23].deadline.split("；") == ["5个工作日", "1个工作日"]
    assert by_number[26].deadline == "10个工作日内"
    assert by_number[27].deadline == "9月份"
    assert by_number[28].path[1] == "规范政府信息管理"
    assert by_number[28].deadline == "2021年年底前"
    others = [n for n, it in by_number.items() if it.deadline]
    assert others == [23, 26, 27, 28]


def test_task_titles_are_short(tasks):
    assert all(0 < len(it.title) <= 40 for it in tasks.items)
    assert tasks.items[22].title == "做好人大代表和政协委员建议提案办理情况信息公开工作"


# --------------------------------------------------------------------------- catalogue


def test_catalogue_counts(catalogue):
    assert catalogue.kind is TemplateKind.CATALOGUE
    assert catalogue.name == "社会救助领域基层政务公开标准目录"
    assert len(catalogue.items) == 12
    counts = Counter(it.path[0] for it in catalogue.items)
    assert list(counts.items()) == [
        ("综合业务", 2),
        ("最低生活保障", 4),
        ("特困人员救助供养", 3),
        ("临时救助", 3),
    ]
    assert all(len(it.path) == 1 for it in catalogue.items)
    assert [it.code for it in catalogue.items] == [str(n) for n in range(1, 13)]


def test_catalogue_owners(catalogue):
    for it in catalogue.items:
        assert it.owners == ["县级政府民政部门", "乡镇政府（街道办事处）"]
    assert owner_matches(catalogue.items[0].owners, "万善乡")


def test_catalogue_item_4(catalogue):
    it = catalogue.items[3]
    assert (it.path, it.title) == (["最低生活保障"], "办事指南")
    assert it.channels == ["政府网站", "公开查阅点"]
    assert [c for c in CHANNELS if c not in it.channels] == [
        c for c in CHANNELS if c not in ("政府网站", "公开查阅点")
    ]
    assert it.audience == ["全社会"]
    assert it.mode == ["主动"]
    assert it.level == ["县级", "乡、村级"]


def test_catalogue_item_5(catalogue):
    it = catalogue.items[4]
    assert (it.path, it.title) == (["最低生活保障"], "审核信息")
    assert it.channels == ["社区/企事业单位/村公示栏（电子屏）"]
    assert it.audience == ["特定群众"]
    assert it.level == ["乡、村级"]
    assert it.deadline == "制定或获取信息之日起10个工作日内，公示7个工作日"
    assert it.content == "初审对象名单及相关信息"
    assert it.basis == "《最低生活保障审核审批办法（试行）》"


def test_catalogue_item_12(catalogue):
    it = catalogue.items[11]
    assert (it.path, it.title) == (["临时救助"], "救助信息")
    assert it.mode == ["依申请公开"]


# --------------------------------------------------------------------------- notices


def test_qinghai_items(qinghai):
    assert qinghai.kind is TemplateKind.NOTICE
    assert qinghai.year == 2021
    assert qinghai.issuer == "青海省人民政府办公厅"
    assert qinghai.name == "青海省人民政府办公厅关于印发2021年政务公开工作要点的通知"
    assert len(qinghai.items) == 19
    assert Counter(it.path[0] for it in qinghai.items) == {
        "深化各类政府信息主动公开": 6,
        "提升政策解读和回应关切水平": 3,
        "推进政务公开平台基础建设": 4,
        "抓好政府信息公开条例贯彻落实": 3,
        "强化政务公开工作保障措施": 3,
    }
    assert qinghai.items[0].title == "依法依规公开各类规划"
    assert not any("此件公开发布" in it.content or "此件公开发布" in it.title for it in qinghai.items)


def test_qinghai_deadlines(qinghai):
    expected = {
        1: "12月底前",
        2: "2021年底前",
        7: "2021年底前",
        13: "2021年底前",
        16: "2021年底前",
        15: "10月底前",
    }
    got = {i + 1: it.deadline for i, it in enumerate(qinghai.items) if it.deadline}
    assert got == expected


def test_guanxian_notice_outline(fixtures_dir):
    tpl = read_template(fixtures_dir / "guanxian-2021-workpoints.txt")
    assert tpl.kind is TemplateKind.NOTICE
    assert tpl.year == 2021
    assert tpl.issuer == "冠县人民政府办公室"
    # the outline is read (the flattened attachment table is not): 6 + 2 + 3 + 4 + 3 items
    assert len(tpl.items) == 18
    assert Counter(it.path[0] for it in tpl.items) == {
        "优化重点领域政府信息公开": 6,
        "提高解读和回应实效": 2,
        "推进更高水平决策公开和公众参与": 3,
        "提升基层政务公开标准化规范化水平": 4,
        "强化工作保障和落实": 3,
    }
    # the outline entries are the 18 second-level tasks of the table
    tasks = read_template(fixtures_dir / "guanxian-2021-tasks.xlsx")
    assert [(it.path[0], it.title) for it in tpl.items] == list(
        dict.fromkeys(tuple(it.path) for it in tasks.items)
    )
    assert tpl.items[7].deadline == "5个工作日；1个工作日"
