"""``zwgk package …`` and ``zwgk rollup``: submission packages (报送包) and the county's roll-up.

    zwgk package export OUT.zip [--checklist NAME] [--no-evidence] [--json]
    zwgk package import FILE... [--json]
    zwgk rollup [--search TEXT] [--json]
    zwgk rollup --annual [--year YYYY] [--search TEXT] [--json]   (the yearly-report tracker)
    zwgk rollup [--pdf OUT.pdf] [--xlsx OUT.xlsx]     (通报 and 汇总表)
    zwgk problems add --office NAME (--item ID | --indicator T) --source S --description D [--requirement R]
                      [--points P] (--days N | --deadline YYYY-MM-DD) [--json]
    zwgk problems list [--office NAME] [--json]
    zwgk problems export OFFICE OUT.json      (the county → the office)
    zwgk problems import FILE.json             (the office: items become 需整改)
    zwgk problems close ID [--retest YYYY-MM-DD]   (销号 after re-checking)
    zwgk evidence export OUT.zip [--checklist NAME] [--json]   (the evidence pack for evaluators)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # building the parser must not import the county core (every command would pay for it)
    from zwgk_desktop.core.county.rollup import OfficeRank


def add_parsers(sub: argparse._SubParsersAction, parser_class: type, date_type=None) -> None:  # noqa: ANN001
    s = sub.add_parser("package", help="报送包：本单位导出给县里；县里导入各单位的报送包")
    pk = s.add_subparsers(dest="package_command", parser_class=parser_class, required=True)
    a = pk.add_parser("export", help="导出报送包（清单、记录、公开记录、历史、年度报告、佐证文件）")
    a.add_argument("out", type=Path, metavar="OUT.zip")
    a.add_argument("--checklist", metavar="NAME")
    a.add_argument("--no-evidence", action="store_true", help="不含佐证文件本身（只列出）")
    a.add_argument("--json", action="store_true")
    a = pk.add_parser("import", help="导入各单位的报送包（先全部校验，有一个不合格就都不导入）")
    a.add_argument("files", type=Path, nargs="+", metavar="FILE")
    a.add_argument("--json", action="store_true")
    s = sub.add_parser("rollup", help="县级汇总：单位 × 类别，乡镇（街道）与部门分别排名")
    s.add_argument("--search", default="", metavar="TEXT", help="只看名称含 TEXT 的单位")
    s.add_argument("--annual", action="store_true", help="年度报告报送情况：单位 × 年度（收到、按时、检查结果）")
    s.add_argument("--year", type=int, metavar="YYYY", help="与 --annual 一起：只看这一年度")
    s.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="另存通报（排名、矩阵、逾期与超时清单、未销号问题）")
    s.add_argument("--xlsx", type=Path, metavar="OUT.xlsx", help="另存汇总表（矩阵、排名、整改台账、年度报告）")
    s.add_argument("--json", action="store_true")
    _add_problem_parsers(sub, parser_class, date_type or str)


def _add_problem_parsers(sub: argparse._SubParsersAction, parser_class: type, date_type) -> None:  # noqa: ANN001
    from zwgk_desktop.core.county.problem_sources import SOURCES

    s = sub.add_parser("problems", help="问题清单（整改台账）：登记、列出、发给单位、单位导入、销号")
    pr = s.add_subparsers(dest="problems_command", parser_class=parser_class, required=True)
    a = pr.add_parser("add", help="登记一个问题")
    a.add_argument("--office", required=True, metavar="NAME")
    a.add_argument("--item", default="", metavar="ITEM_ID", help="该单位报送包中的事项编号（前8位即可）")
    a.add_argument("--indicator", default="", metavar="TEXT", help="测评指标（问题不针对某个事项时）")
    a.add_argument("--source", required=True, choices=SOURCES)
    a.add_argument("--points", type=float, default=0.0, help="扣分")
    a.add_argument("--description", required=True, help="问题描述（失分原因）")
    a.add_argument("--requirement", default="", help="整改要求")
    a.add_argument("--days", type=int, metavar="N", help="整改时限：从今天起 N 个工作日")
    a.add_argument("--deadline", type=date_type, metavar="YYYY-MM-DD", help="整改时限：截止日期")
    a.add_argument("--json", action="store_true")
    a = pr.add_parser("list", help="列出问题（状态：待整改、已整改待复核、已销号、逾期）")
    a.add_argument("--office", default="", metavar="NAME")
    a.add_argument("--json", action="store_true")
    a = pr.add_parser("export", help="把单位待整改的问题导出为文件，发给该单位")
    a.add_argument("office", metavar="OFFICE")
    a.add_argument("out", type=Path, metavar="OUT.json")
    a = pr.add_parser("import", help="（单位）导入县里发来的问题清单：相关事项设为需整改")
    a.add_argument("file", type=Path, metavar="FILE.json")
    a = pr.add_parser("close", help="复核后销号")
    a.add_argument("id", metavar="ID")
    a.add_argument("--retest", type=date_type, metavar="YYYY-MM-DD", help="复核日期（默认今天）")


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_package(args: argparse.Namespace, open_ws) -> int:  # noqa: ANN001
    with open_ws(args) as ws:
        if args.package_command == "export":
            from zwgk_desktop.core.county.package_export import export_package

            done = export_package(ws, args.out, checklist=args.checklist, with_evidence=not args.no_evidence)
            if args.json:
                _print_json(done.to_json())
            else:
                print(f"已导出报送包：{done.path}（{done.office}，{done.checklist}，{done.items} 项，"
                      f"佐证文件 {done.evidence_files} 个）")
            return 0
        from zwgk_desktop.core.county.store import import_packages

        outcomes = import_packages(ws, args.files)
    if args.json:
        _print_json([o.to_json() for o in outcomes])
    else:
        words = {"added": "已导入", "replaced": "已导入（替换该单位较早的报送包，旧包保留在历史中）",
                 "unchanged": "已导入过，未改动"}
        for o in outcomes:
            print(f"{o.path.name}：{o.office}，{o.items} 项，{words[o.action]}")
    return 0


def _pct(rate: float) -> str:
    return f"{rate * 100:.1f}%"


def _change(r: OfficeRank) -> str:
    if r.change is None:
        return "—"
    return f"{r.change * 100:+.1f}%"


def cmd_rollup(args: argparse.Namespace, open_ws) -> int:  # noqa: ANN001
    from zwgk_desktop.core.county.rollup import FIELDS, build_rollup

    if args.annual:
        return _annual_tracker(args, open_ws)
    if args.pdf or args.xlsx:
        from zwgk_desktop.core.county.county_report import write_county_pdf, write_county_xlsx

        with open_ws(args) as ws:
            for out, write in ((args.pdf, write_county_pdf), (args.xlsx, write_county_xlsx)):
                if out:
                    print(f"已生成：{write(ws, out)}")
        return 0
    with open_ws(args) as ws:
        data = build_rollup(ws, search=args.search)
    if args.json:
        _print_json(data.matrix)
        return 0
    if not data.matrix:
        print("还没有导入任何报送包（zwgk package import FILE…）。")
        return 0
    print("单位\t类别\t完成/应办\t逾期\t超时公开\t无佐证")
    for c in data.matrix:
        print(f"{c['office']}\t{c['category']}\t{c['done']}/{c['total']}\t{c['overdue']}\t"
              f"{c['late_publications']}\t{c['no_evidence']}")
    for title, ranks in (("乡镇（街道）排名", data.townships), ("部门排名", data.departments)):
        if not ranks:
            continue
        print(f"\n{title}")
        print("名次\t单位\t完成率\t较上次\t" + "\t".join(["应办", "完成", "逾期", "超时公开", "无佐证"]))
        for r in ranks:
            print(f"{r.rank}\t{r.office}\t{_pct(r.rate)}\t{_change(r)}\t"
                  + "\t".join(str(r.totals[f]) for f in FIELDS))
    return 0


def _annual_tracker(args: argparse.Namespace, open_ws) -> int:  # noqa: ANN001
    from zwgk_desktop.core.county.rollup import annual_tracker

    with open_ws(args) as ws:
        cells = annual_tracker(ws, year=args.year, search=args.search)
    if args.json:
        _print_json([c.to_json() for c in cells])
        return 0
    print("单位\t年度\t报送\t公开日期\t截止日期\t按时\t错误\t警告")
    for c in cells:
        timely = "—" if c.on_time is None else ("按时" if c.on_time else "逾期")
        print(f"{c.office}\t{c.year}\t{'已报送' if c.received else '未报送'}\t{c.published or '—'}\t{c.due}\t"
              f"{timely}\t{c.errors}\t{c.warnings}")
    return 0


def cmd_problems(args: argparse.Namespace, open_ws) -> int:  # noqa: ANN001
    from datetime import date

    from zwgk_desktop.core.county import problems

    command = args.problems_command
    with open_ws(args) as ws:
        if command == "add":
            p = problems.add_problem(ws, office=args.office, item=args.item, indicator=args.indicator,
                                     source=args.source, points=args.points, description=args.description,
                                     requirement=args.requirement, workdays=args.days, deadline=args.deadline)
            if args.json:
                _print_json(p.to_json(date.today()))
            else:
                print(f"已登记问题 {p.id[:8]}：{p.data['office']}，整改时限 {p.data['deadline']}")
            return 0
        if command == "list":
            rows = [p.to_json(date.today()) for p in problems.list_problems(ws, office=args.office)]
            if args.json:
                _print_json(rows)
                return 0
            print("编号\t单位\t事项/指标\t来源\t扣分\t问题\t时限\t状态")
            for r in rows:
                print(f"{r['id'][:8]}\t{r['office']}\t{r['item_title'] or r['indicator']}\t{r['source']}\t"
                      f"{r['points']:g}\t{r['description']}\t{r['deadline']}\t{r['status_label']}")
            return 0
        if command == "export":
            n = problems.export_list(ws, args.office, args.out)
            print(f"已导出 {n} 个待整改问题：{args.out}")
            return 0
        if command == "import":
            changed = problems.import_list(ws, args.file)
            print(f"已导入问题清单：{len(changed)} 个事项设为需整改。")
            return 0
        p = problems.close_problem(ws, args.id, retest=args.retest)
        print(f"问题 {p.id[:8]}（{p.data['office']}）已销号。")
        return 0


def cmd_evidence_pack(args: argparse.Namespace, open_ws) -> int:  # noqa: ANN001
    from zwgk_desktop.core.county.evidence_pack import export_evidence_pack

    with open_ws(args) as ws:
        pack = export_evidence_pack(ws, args.out, checklist=args.checklist)
    if args.json:
        _print_json(pack.to_json())
    else:
        print(f"已导出佐证材料包：{pack.path}（{pack.items} 个事项，文件 {pack.files} 个，链接 {pack.links} 个）")
    return 0
