"""Report input data: small data sets built from ItemRow objects with real catalogue text (shared by the report tests)."""

from __future__ import annotations

from datetime import date

from zwgk_desktop.core.reports.data import ReportData, ReportEvidence, ReportItem, ReportPublication
from zwgk_desktop.core.types import ItemRow, Status

# 社会救助领域基层政务公开标准目录 (tests/data/fixtures/shehui-jiuzhu-catalogue.xlsx): 一级 / 二级事项
CATALOGUE = [
    ("综合业务", "政策法规文件"),
    ("综合业务", "监督检查"),
    ("最低生活保障", "政策法规文件"),
    ("最低生活保障", "办事指南"),
    ("最低生活保障", "审核信息"),
    ("最低生活保障", "审批结果"),
    ("特困人员救助供养", "政策法规文件"),
    ("特困人员救助供养", "办事指南"),
    ("特困人员救助供养", "审批结果"),
    ("临时救助", "政策法规文件"),
    ("临时救助", "办事指南"),
    ("临时救助", "救助信息"),
]
STATUSES = [Status.DONE, Status.DOING, Status.TODO, Status.REWORK, Status.NA, Status.DONE]
EVIDENCE_NAME = "2024年3月低保对象初审名单公示照片.jpg"
URL = "http://www.wanshan.gov.cn/zwgk/shjz/202403/t20240305_123456.html"


def make_report(rounds: int = 4) -> ReportData:
    items: list[ReportItem] = []
    for n in range(len(CATALOGUE) * rounds):
        first, second = CATALOGUE[n % len(CATALOGUE)]
        status = STATUSES[n % len(STATUSES)]
        row = ItemRow(
            id=f"id-{n}",
            checklist="社会救助领域基层政务公开标准目录",
            code=str(n + 1),
            path=[first, second],
            title=second,
            content="办理事项、办理条件、最低生活保障标准、申请材料、办理流程、办理时间、地点、联系方式",
            basis="《中华人民共和国政府信息公开条例》及相关规定",
            deadline="制定或获取信息之日起10个工作日内，公示7个工作日",
            owners=["县级政府民政部门", "乡镇政府（街道办事处）"],
            channels=["政府网站", "公开查阅点"],
            audience=["全社会"],
            mode=["主动"],
            level=["县级", "乡、村级"],
            status=status,
            due=date(2024, 3, 1 + n % 28),
            assignee="张丽",
            note="上季度公示照片不清晰，需重新拍照留存；并补充公示期满截图。"
            if status is Status.REWORK
            else "",
            position=n,
        )
        pubs = []
        if status in (Status.DONE, Status.REWORK):
            pubs.append(
                ReportPublication(
                    published=date(2024, 3, 5),
                    formed=date(2024, 2, 28),
                    channel="政府网站",
                    url=URL,
                    due=date(2024, 3, 13),
                    on_time=n % 4 != 0,
                    late_workdays=0 if n % 4 else 2,
                )
            )
        evidence = [
            ReportEvidence(EVIDENCE_NAME if n == 0 else f"公示照片_{n}.jpg", "ab12cd34" + "0" * 56, "file"),
            ReportEvidence("网站发布页面", "", "link", URL),
        ]
        items.append(
            ReportItem(
                row=row, publications=pubs, evidence=evidence, overdue=status in (Status.TODO, Status.REWORK)
            )
        )
    return ReportData(
        office="万善乡人民政府",
        clerk="张丽",
        checklist="社会救助领域基层政务公开标准目录",
        period="2024年第一季度",
        generated=date(2024, 3, 31),
        scope="全部事项",
        items=items,
    )


def test_summary_figures() -> None:
    from zwgk_desktop.core.reports.summary import summarize

    data = make_report(2)
    summary = summarize(data)
    assert [c.name for c in summary.categories] == [
        "综合业务",
        "最低生活保障",
        "特困人员救助供养",
        "临时救助",
    ]
    assert summary.total.total == len(data.items) == 24
    assert summary.total.counts[Status.DONE] == 8 and summary.total.counts[Status.NA] == 4
    assert summary.total.rate == 8 / 20
    assert summary.on_time + summary.late == summary.publications == 12
    assert summary.overdue_items == 8
    labels = {item.row.status: label for item, label in summary.issues}
    assert labels[Status.REWORK] == "逾期、需整改" and labels[Status.DOING] == "未完成"
    assert data.items[0].latest_publication is data.items[0].publications[0]
    assert data.items[0].evidence[0].short_hash == "ab12cd34"
