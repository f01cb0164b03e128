"""Deterministic, realistic sample report data (benchmarks, tests, previews of the report layout)."""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta

from zwgk_desktop.core.types import ItemRow, Status

from .data import ReportData, ReportEvidence, ReportItem, ReportPublication

DOMAINS = (
    "社会救助",
    "养老服务",
    "义务教育",
    "财政预决算",
    "重大建设项目",
    "公共资源交易",
    "安全生产",
    "涉农补贴",
    "户籍管理",
    "就业",
    "医疗卫生",
    "食品药品监管",
    "城乡规划",
    "环境保护",
    "公共文化服务",
    "公共法律服务",
    "扶贫",
    "救灾",
    "税收管理",
    "市政服务",
    "农村危房改造",
    "生态环境",
    "概况信息",
    "组织机构",
    "政策文件",
    "人事信息",
)
SECOND = (
    "政策法规文件",
    "办事指南",
    "审核信息",
    "审批结果",
    "监督检查",
    "资金使用情况",
    "补贴对象名单",
    "工作动态",
    "年度计划",
    "招标公告",
    "中标结果",
    "应急预案",
    "检查结果",
    "收费标准",
)
CONTENTS = (
    "办理事项、办理条件、最低生活保障标准、申请材料、办理流程、办理时间、地点、联系方式",
    "初审对象名单及相关信息；审批结果（含保障对象姓名、所在村（社区）、保障人数、保障金额）",
    "《国务院关于进一步加强和改进最低生活保障工作的意见》《最低生活保障审核审批办法（试行）》、各地配套政策法规文件",
    "社会救助信访通讯地址；社会救助投诉举报电话",
    "项目名称、建设地点、建设规模、总投资、资金来源、项目法人、审批文号及审批结果，开工、竣工时间",
    "预算、决算报表及说明，“三公”经费预决算情况，政府采购情况，绩效目标及评价结果",
)
BASES = (
    "《中华人民共和国政府信息公开条例》及相关规定",
    "《社会救助暂行办法》《最低生活保障审核审批办法（试行）》",
    "《中华人民共和国预算法》《地方预决算公开操作规程》",
)
DEADLINES = (
    "制定或获取信息之日起10个工作日内",
    "制定或获取信息之日起10个工作日内，公示7个工作日",
    "信息形成或者变更之日起20个工作日内",
    "每年1月31日前公开上一年度情况",
    "本级人民代表大会或其常务委员会批准后20日内",
    "实时公开",
)
OWNERS = ("县级政府民政部门", "乡镇政府（街道办事处）", "万善乡人民政府", "县财政局", "县发展和改革局")
CHANNELS = ("政府网站", "公开查阅点", "社区/企事业单位/村公示栏（电子屏）", "两微一端", "政务服务中心")
NOTES = (
    "已在乡政府网站及村务公开栏同步公开，公示期内无异议。",
    "待县民政局审批结果下达后公开；预计下月上旬完成。",
    "上季度公示照片不清晰，需重新拍照留存，并补充公示期满截图。",
    "链接已失效（栏目调整），需在新栏目重新发布并更新台账。",
    "本乡无此类事项，已按要求说明不适用理由。",
    "",
    "",
)
EVIDENCE_NAMES = (
    "{y}年{m}月最低生活保障对象名单公示照片.jpg",
    "关于{y}年度{d}工作情况的公示（盖章扫描件）.pdf",
    "{d}信息发布审批单_{y}{m:02d}.docx",
    "村务公开栏公示现场照片_{n}.png",
    "网站发布页面截图（{d}）.png",
)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sample_report(n_items: int = 200, seed: int = 7, evidence_per_item: int = 3) -> ReportData:
    """A checklist of ``n_items`` items spread over real catalogue domains, with realistic text."""
    rnd = random.Random(seed)
    today = date(2024, 6, 28)
    statuses = [Status.DONE] * 11 + [Status.DOING] * 3 + [Status.TODO] * 3 + [Status.REWORK] * 2 + [Status.NA]
    items: list[ReportItem] = []
    for n in range(n_items):
        domain = DOMAINS[n * len(DOMAINS) // max(n_items, 1)]
        second = rnd.choice(SECOND)
        status = rnd.choice(statuses)
        due = today + timedelta(days=rnd.randint(-90, 120)) if rnd.random() < 0.85 else None
        overdue = due is not None and due < today and status in (Status.TODO, Status.DOING, Status.REWORK)
        row = ItemRow(
            id=f"00000000-0000-0000-0000-{n:012d}",
            checklist="社会救助领域基层政务公开标准目录",
            code=f"{n + 1}",
            path=[domain, second],
            title=f"{second}（{domain}）",
            content=rnd.choice(CONTENTS),
            basis=rnd.choice(BASES),
            deadline=rnd.choice(DEADLINES),
            owners=rnd.sample(OWNERS, 2),
            channels=rnd.sample(CHANNELS, rnd.randint(1, 3)),
            audience=["全社会"] if rnd.random() < 0.8 else ["特定群众"],
            mode=["主动"],
            level=["县级", "乡、村级"],
            status=status,
            due=due,
            assignee=rnd.choice(("张丽", "王建国", "李明")),
            note=rnd.choice(NOTES),
            position=n,
        )
        pubs: list[ReportPublication] = []
        if status in (Status.DONE, Status.DOING, Status.REWORK):
            for _ in range(rnd.randint(1, 2)):
                formed = today - timedelta(days=rnd.randint(10, 200))
                published = formed + timedelta(days=rnd.randint(1, 30))
                on_time = rnd.choice((True, True, True, False, None))
                pubs.append(
                    ReportPublication(
                        published=published,
                        formed=formed,
                        channel=rnd.choice(CHANNELS),
                        url=f"http://www.wanshan.gov.cn/zwgk/{domain_code(domain)}/{published:%Y%m}/t{published:%Y%m%d}_{rnd.randint(100000, 999999)}.html",
                        due=formed + timedelta(days=14),
                        on_time=on_time,
                        late_workdays=rnd.randint(1, 9) if on_time is False else 0,
                    )
                )
        evidence = []
        for k in range(evidence_per_item):
            name = rnd.choice(EVIDENCE_NAMES).format(y=2024, m=rnd.randint(1, 6), d=second, n=k + 1)
            kind = "link" if k == 2 and rnd.random() < 0.3 else "file"
            evidence.append(ReportEvidence(name=name, sha256=_sha(f"{n}-{k}-{name}"), kind=kind))
        row.evidence_count = len(evidence)
        items.append(ReportItem(row=row, publications=pubs, evidence=evidence, overdue=overdue))
    return ReportData(
        office="万善乡人民政府",
        clerk="张丽",
        checklist="社会救助领域基层政务公开标准目录",
        period="2024年第二季度",
        generated=today,
        scope="全部事项",
        items=items,
    )


def domain_code(domain: str) -> str:
    return f"d{DOMAINS.index(domain) + 1:02d}" if domain in DOMAINS else "qt"
