"""``zwgk package …`` and ``zwgk rollup``: submission packages (报送包) and the county's roll-up.

    zwgk package export OUT.zip [--checklist NAME] [--no-evidence] [--json]
    zwgk package import FILE... [--json]
    zwgk rollup [--search TEXT] [--json]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from zwgk_desktop.core.county.rollup import FIELDS, OfficeRank


def add_parsers(sub: argparse._SubParsersAction, parser_class: type) -> None:  # noqa: SLF001
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
    s.add_argument("--json", action="store_true")


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
    from zwgk_desktop.core.county.rollup import build_rollup

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
