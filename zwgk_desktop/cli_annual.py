"""``zwgk annual …``: the yearly report (政府信息公开工作年度报告) from the command line.

    zwgk annual import YEAR FILE [--json]
    zwgk annual check YEAR|FILE|DIR [--json]      exit 1 when any finding is an error
    zwgk annual export YEAR json|pdf|docx|html|xlsx OUT
    zwgk annual due YEAR [--set MM-DD] [--json]
    zwgk annual link YEAR [ITEM_ID]
    zwgk annual publish YEAR --published YYYY-MM-DD [--channel C] [--url U]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from zwgk_desktop.core.types import UserError


def add_parser(sub: argparse._SubParsersAction, parser_class: type, date_type) -> None:  # noqa: ANN001
    s = sub.add_parser("annual", help="政府信息公开工作年度报告：导入、检查、导出、截止日期")
    an = s.add_subparsers(dest="annual_command", parser_class=parser_class, required=True)
    a = an.add_parser("import", help="把年度报告文件（.json/.xlsx/.docx/.html/.pdf）按原样导入工作区")
    a.add_argument("year", type=int, metavar="YEAR")
    a.add_argument("file", type=Path, metavar="FILE")
    a.add_argument("--office", metavar="NAME", help="报告中没有写单位名称时使用（默认：本单位）")
    a.add_argument("--json", action="store_true")
    a = an.add_parser("check", help="按勾稽关系检查：工作区中某年度的报告、一个文件或一个文件夹")
    a.add_argument("target", metavar="YEAR|FILE|DIR")
    a.add_argument("--office", metavar="NAME", help="检查工作区中这个单位的报告（默认：本单位）")
    a.add_argument("--json", action="store_true")
    a = an.add_parser("export", help="导出年度报告")
    a.add_argument("year", type=int, metavar="YEAR")
    a.add_argument("format", choices=["json", "pdf", "docx", "html", "xlsx"])
    a.add_argument("out", type=Path, metavar="OUT")
    a.add_argument("--office", metavar="NAME")
    a = an.add_parser("due", help="年度报告的截止日期（工作日日历）；--set 设置县里规定的日期")
    a.add_argument("year", type=int, metavar="YEAR", help="报告年度（截止日期在下一年）")
    a.add_argument("--set", dest="set_due", metavar="MM-DD", help="县里规定的截止日期，如 01-20；空字符串恢复1月31日")
    a.add_argument("--json", action="store_true")
    a = an.add_parser("link", help="把年度报告关联到清单中“政府信息公开年度报告”事项")
    a.add_argument("year", type=int, metavar="YEAR")
    a.add_argument("item", nargs="?", metavar="ITEM_ID", help="默认：自动查找标题或内容含“年度报告/年报”的唯一事项")
    a = an.add_parser("publish", help="登记年度报告已公开（记在关联的清单事项上）")
    a.add_argument("year", type=int, metavar="YEAR")
    a.add_argument("--published", required=True, type=date_type, metavar="YYYY-MM-DD")
    a.add_argument("--channel", default="政府网站")
    a.add_argument("--url", default="")


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _print_findings(result) -> None:  # noqa: ANN001
    where = f"{result.office}{result.year}年" if result.office else f"{result.year}年"
    if result.error:
        print(f"{Path(result.source).name}：{result.error}")
        return
    print(f"{where}年度报告：{result.errors} 个错误，{result.warnings} 个警告"
          + ("（已与上一年度报告核对）" if result.previous_used else ""))
    for f in result.findings:
        print(f"  [{'错误' if f.level == 'error' else '警告'} {f.rule}] {f.message}")


def _is_year(text: str) -> bool:
    return text.isdigit() and len(text) == 4


def cmd_annual(args: argparse.Namespace, open_ws) -> int:  # noqa: ANN001
    from zwgk_desktop.core.annual import deadline, outputs, service, store

    command = args.annual_command
    if command == "check":
        target = args.target
        if _is_year(target) and not Path(target).exists():
            with open_ws(args) as ws:
                results = [service.check_stored(ws, int(target), args.office)]
        else:
            path = Path(target)
            if not path.exists():
                raise UserError(f"找不到“{target}”：请给出年度（如 2024）、报告文件或文件夹。")
            with open_ws(args) as ws:
                results = service.check_folder(path, ws) if path.is_dir() else [service.check_file(path, ws)]
        folder = Path(target).is_dir()
        if args.json:
            data = [r.to_json() for r in results]
            _print_json({"reports": data, "summary": service.summary_rows(results)} if folder else data[0])
        else:
            for r in results:
                _print_findings(r)
            if folder:
                rows = service.summary_rows(results)
                print()
                for row in rows:
                    print("\t".join(row))
        return 1 if any(r.errors for r in results) else 0
    with open_ws(args) as ws:
        if command == "import":
            stored, result = service.import_file(ws, args.year, args.file, office=args.office)
            if args.json:
                _print_json({"office": stored.report.office, "year": stored.report.year, "version": stored.version,
                             "check": result.to_json()})
            else:
                print(f"已导入{stored.report.office}{stored.report.year}年年度报告（按原样保存，第{stored.version}版）。")
                _print_findings(result)
            return 0
        if command == "export":
            stored = store.get(ws, args.year, args.office)
            if stored is None:
                raise UserError(f"工作区中没有{args.year}年的年度报告。")
            path = outputs.export(stored.report.to_json(), args.format, args.out)
            print(f"已导出：{path}")
            return 0
        if command == "due":
            if args.set_due is not None:
                deadline.set_due_setting(ws, args.set_due)
            due = deadline.workspace_due(ws, args.year)
            if args.json:
                _print_json({"report_year": due.report_year, "due": due.due.isoformat(),
                             "nominal": due.nominal.isoformat(), "source": due.source, "estimated": due.estimated})
            else:
                moved = f"（{due.nominal.isoformat()}为休息日，顺延）" if due.due != due.nominal else ""
                print(f"{args.year}年年度报告截止日期：{due.due.isoformat()}{moved}，依据：{due.source}"
                      + ("（该年节假日安排尚未公布，为估算）" if due.estimated else ""))
            return 0
        if command == "link":
            stored = deadline.link_item(ws, args.year, args.item)
            print(f"已关联事项 {stored.record_id[:8]}。" if stored.record_id else "已取消关联。")
            return 0
        if command == "publish":
            pub = deadline.record_publication(ws, args.year, published_on=args.published, channel=args.channel,
                                              place=args.url)
            print(f"已登记公开：{pub.published_on}，{'按时' if pub.on_time else '逾期' if pub.on_time is False else ''}")
            return 0
    print(f"未知的子命令：{command}", file=sys.stderr)
    return 2

