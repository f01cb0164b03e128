"""The ``zwgk`` command line: a thin front end over the core, with ``--json`` for scripting.

Exit codes: 0 success, 1 bad input (a Chinese message on stderr), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import shlex
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from zwgk_desktop import __version__
from zwgk_desktop.core.types import STATUS_LABELS, BadFileError, UserError


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"用法错误：{message}\n")


def _date(value: str) -> date | None:
    if value in ("", "-", "none"):
        return None
    from zwgk_desktop.core.presenters.date_input import (
        parse_date_input,  # the window's 到期日 parses the same way
    )

    try:
        return parse_date_input(value)
    except UserError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _mapping(pairs: Sequence[str] | None) -> dict[str, str] | None:
    if not pairs:
        return None
    result: dict[str, str] = {}
    for pair in pairs:
        header, sep, field = pair.partition("=")
        if not sep or not header.strip() or not field.strip():
            raise UsageError(f"--map 参数“{pair}”应写成 表头=字段，例如 --map 工作要求=内容")
        result[header.strip()] = field.strip()
    return result


def build_parser() -> Parser:
    p = Parser(prog="zwgk", description="政务公开标准目录台账（命令行）")
    p.add_argument("--data-dir", metavar="DIR", help="工作区文件夹（默认：用户数据目录，或环境变量 ZWGK_DATA_DIR）")
    p.add_argument("--db-url", metavar="URL",
                   help="使用数据库服务器（如 postgresql+psycopg2://用户:密码@服务器/数据库；或环境变量 ZWGK_DATABASE_URL）")
    p.add_argument("--version", action="store_true", help="显示版本")
    sub = p.add_subparsers(dest="command", parser_class=Parser)

    s = sub.add_parser("import", help="导入模板（新清单，或已有清单的新版本）")
    s.add_argument("file", type=Path)
    s.add_argument("--checklist", metavar="NAME", help="清单名称；已存在时按新版本比对")
    s.add_argument("--year", type=int, metavar="YYYY", help="清单年度")
    s.add_argument("--map", action="append", metavar="表头=字段", help="指定列对应的字段，可多次使用")
    s.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    s.add_argument("--force", action="store_true", help="文件不像清单（工作总结、年度报告）时仍然导入")
    s.add_argument("--yes", action="store_true", help="确认应用新版本的差异")
    s.add_argument("--accept-similar", action="store_true", help="把文字相近的事项视为同一事项")
    s.add_argument("--similar-as-new", action="store_true", help="把文字相近的事项视为新事项（原事项归档）")
    s.add_argument("--archive-with-work", action="store_true", help="确认归档有办理记录（状态、备注、佐证等）的删除事项")
    s.add_argument("--new", action="store_true", help="作为新清单导入，即使已有清单使用同一模板")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("checklists", help="列出清单；重命名、移除（到回收站）、恢复、彻底删除清单")
    s.add_argument("--json", action="store_true")
    s.add_argument("--archived", action="store_true", help="列出回收站中（已移除）的清单")
    add_checklist_commands(s)

    s = sub.add_parser("items", help="列出事项")
    s.add_argument("--checklist", metavar="NAME")
    s.add_argument("--status", metavar="S", help="状态：todo/doing/done/na/rework 或 中文名")
    s.add_argument("--owner", metavar="UNIT", help="责任单位（含其所属的“各乡镇”等统称）")
    s.add_argument("--mine", action="store_true", help="只看本单位（settings --office 设置的单位）的事项")
    s.add_argument("--search", metavar="TEXT", help="按文字查找")
    s.add_argument("--category", metavar="C", help="一级分类")
    s.add_argument("--overdue", action="store_true", help="只看已逾期")
    s.add_argument("--archived", action="store_true", help="只看已归档（模板更新中删除）的事项")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("update", help="修改事项的状态、到期日、承办人或备注")
    s.add_argument("item_id", metavar="ITEM_ID")
    s.add_argument("--status", metavar="S")
    s.add_argument("--due", type=_date, default=argparse.SUPPRESS, metavar="YYYY-MM-DD", help="到期日（- 表示清除）")
    s.add_argument("--assignee", metavar="NAME")
    s.add_argument("--note", metavar="TEXT")
    s.add_argument("--if-version", type=int, metavar="N",
                   help="只在事项仍是第 N 版时修改（items --json 的 version），否则报冲突、不写入")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("restore", help="恢复已归档的事项")
    s.add_argument("item_id", metavar="ITEM_ID")

    s = sub.add_parser("history", help="变更记录")
    s.add_argument("item_id", nargs="?", metavar="ITEM_ID")
    s.add_argument("--limit", type=int, default=50)
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("settings", help="单位名称与填报人")
    s.add_argument("--office", metavar="NAME")
    s.add_argument("--clerk", metavar="NAME")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("attach", help="为事项添加佐证文件（同一内容只存一份）")
    s.add_argument("item_id", metavar="ITEM_ID")
    s.add_argument("files", nargs="+", type=Path, metavar="FILE")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("link", help="为事项添加网页链接作为佐证")
    s.add_argument("item_id", metavar="ITEM_ID")
    s.add_argument("url", metavar="URL")
    s.add_argument("--title", default="", metavar="T")
    s.add_argument("--seen", type=_date, metavar="YYYY-MM-DD", help="查看日期（默认今天）")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("note", help="为事项添加文字说明作为佐证")
    s.add_argument("item_id", metavar="ITEM_ID")
    s.add_argument("text", metavar="TEXT")

    s = sub.add_parser("evidence", help="佐证材料：列出、校验、清理")
    ev = s.add_subparsers(dest="evidence_command", parser_class=Parser, required=True)
    e = ev.add_parser("list", help="列出某事项的佐证材料")
    e.add_argument("item_id", metavar="ITEM_ID")
    e.add_argument("--json", action="store_true")
    e = ev.add_parser("verify", help="重新计算所有文件的 SHA-256，报告缺失或被改动的文件")
    e.add_argument("--json", action="store_true")
    e = ev.add_parser("remove", help="移除佐证材料（归档，可恢复，不删除文件）")
    e.add_argument("evidence_id", metavar="EVIDENCE_ID")
    e.add_argument("--item", metavar="ITEM_ID", help="只从这个事项移除")
    e = ev.add_parser("purge", help="永久删除已归档佐证材料的文件")
    e.add_argument("--yes", action="store_true", help="确认删除")
    e = ev.add_parser("export", help="佐证材料包：按类别和事项分文件夹、可读文件名，附索引（xlsx、PDF）和链接清单")
    e.add_argument("out", type=Path, metavar="OUT.zip")
    e.add_argument("--checklist", metavar="NAME")
    e.add_argument("--json", action="store_true")

    s = sub.add_parser("publish", help="登记公开记录并判断是否按时")
    s.add_argument("item_id", metavar="ITEM_ID")
    s.add_argument("--formed", type=_date, metavar="YYYY-MM-DD", help="信息形成（变更）日期")
    s.add_argument("--published", type=_date, required=True, metavar="YYYY-MM-DD", help="公开日期")
    s.add_argument("--channel", default="", metavar="C", help="公开渠道，如 政府网站")
    s.add_argument("--url", default="", metavar="U", help="网址或公开地点")
    s.add_argument("--what", default="", metavar="TEXT", help="公开内容")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("backup", help="一文件备份：创建、校验、恢复")
    bk = s.add_subparsers(dest="backup_command", parser_class=Parser, required=True)
    b = bk.add_parser("create", help="把工作区（数据库、佐证材料、日历）备份为一个 .zip 文件")
    b.add_argument("out", type=Path, metavar="OUT.zip")
    b.add_argument("--json", action="store_true")
    b = bk.add_parser("verify", help="校验备份中每个文件的 SHA-256")
    b.add_argument("file", type=Path, metavar="FILE.zip")
    b.add_argument("--json", action="store_true")
    b = bk.add_parser("restore", help="从备份恢复到 --data-dir 指定的工作区（原工作区改名保留）")
    b.add_argument("file", type=Path, metavar="FILE.zip")
    b.add_argument("--yes", action="store_true", help="确认恢复")

    s = sub.add_parser("check", help="检查数据完整性（数据库文件、变更记录校验链、各条记录、佐证材料文件）")
    s.add_argument("--against", metavar="REPORT.pdf|BACKUP.zip|校验码",
                   help="核对报告或备份上的数据校验码是否仍在变更记录中")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("calendar", help="节假日日历：查看已收录年份，或导入新一年的放假安排")
    s.add_argument("--import", dest="import_file", type=Path, metavar="FILE", help="日历 JSON 文件")
    s.add_argument("--from-notice", dest="notice_file", type=Path, metavar="FILE.txt",
                   help="国务院办公厅部分节假日安排通知的文本：先显示识别结果，加 --yes 才保存")
    s.add_argument("--year", type=int, metavar="YYYY", help="通知文本中没有写年份时指定")
    s.add_argument("--yes", action="store_true", help="确认保存从通知识别的放假安排")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("report", help="生成自查报告（PDF）或台账（Excel）")
    s.add_argument("format", choices=["pdf", "xlsx"])
    s.add_argument("out", type=Path, metavar="OUT")
    s.add_argument("--checklist", metavar="NAME")
    s.add_argument("--category", metavar="C", help="只含这个一级分类")
    s.add_argument("--owner", metavar="UNIT", help="只含这个责任单位的事项（含统称）")
    s.add_argument("--office", metavar="NAME", help="报告上的单位名称（默认：settings --office 设置的单位）")

    s = sub.add_parser("export-template", help="把清单的模板导出为本程序的 xlsx 模板格式")
    s.add_argument("out", type=Path)
    s.add_argument("--checklist", metavar="NAME")

    from zwgk_desktop import cli_annual

    cli_annual.add_parser(sub, Parser, _date)
    from zwgk_desktop import cli_county

    cli_county.add_parsers(sub, Parser, _date)
    return p


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _stream_json_list(objects: Iterable[object]) -> None:
    """Print a JSON list object by object (the same text as _print_json), never the whole text at once."""
    first = True
    for obj in objects:
        text = json.dumps(obj, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        sys.stdout.write(("[\n  " if first else ",\n  ") + text)
        first = False
    sys.stdout.write("[]\n" if first else "\n]\n")


def _open(args: argparse.Namespace):  # noqa: ANN202
    from zwgk_desktop.core.workspace import Workspace, database_url

    return Workspace.open(args.data_dir, url=database_url(args.db_url))


def cmd_import(args: argparse.Namespace) -> int:
    from zwgk_desktop.core.services import import_flow

    if args.accept_similar and args.similar_as_new:
        raise UsageError("--accept-similar 与 --similar-as-new 只能选一个")
    mapping = _mapping(args.map)
    with _open(args) as ws:
        try:
            preview = import_flow.prepare(ws, args.file, mapping=mapping, name=args.checklist, year=args.year,
                                          force=args.force)
        except BadFileError as exc:
            if getattr(exc, "needs_mapping", False):
                _print_columns(Path(args.file), mapping)
            raise
        if args.new and preview.plan is not None:
            if args.checklist and args.checklist == preview.name:
                raise UserError(f"已存在名为“{args.checklist}”的清单；作为新清单导入时请换一个名称。")
            preview = import_flow.as_new_checklist(ws, preview)
        if preview.plan is not None:
            return _import_update(ws, preview, args)
        if args.dry_run:
            if args.json:
                _print_json(preview.to_json())
            else:
                _print_preview(preview)
            return 0
        info, _ = import_flow.commit(ws, preview)
        if args.json:
            _print_json({"checklist": info.name, "items": [r.to_json() for r in ws.rows(info.id)],
                         "warnings": [str(w) for w in preview.parsed.warnings]})
        else:
            print(f"已导入清单“{info.name}”，共 {info.total} 项。")
            for w in preview.parsed.warnings:
                print(f"  注意：{w}", file=sys.stderr)
    return 0


def add_checklist_commands(checklists_parser: argparse.ArgumentParser) -> None:
    cl = checklists_parser.add_subparsers(dest="checklists_command", parser_class=Parser)
    c = cl.add_parser("rename", help="重命名清单")
    c.add_argument("old", metavar="OLD", help="清单名称或编号")
    c.add_argument("new", metavar="NEW", help="新名称")
    c = cl.add_parser("remove", help="移除清单：连同其中的事项、佐证材料和公开记录移入回收站，可恢复")
    c.add_argument("name", metavar="NAME", help="清单名称或编号")
    c = cl.add_parser("restore", help="从回收站恢复清单")
    c.add_argument("name", metavar="NAME", help="回收站中清单的名称或编号")
    c = cl.add_parser("purge", help="彻底删除回收站中的清单（不可恢复）")
    c.add_argument("name", metavar="NAME", help="回收站中清单的名称或编号")
    c.add_argument("--yes", action="store_true", help="确认彻底删除")


def cmd_checklist_change(args: argparse.Namespace) -> int:
    """checklists rename | remove | restore | purge."""
    command = args.checklists_command
    with _open(args) as ws:
        if command == "rename":
            old = ws.checklist(args.old).name
            info = ws.rename_checklist(args.old, args.new)
            print(f"已将清单“{old}”重命名为“{info.name}”。")
        elif command == "remove":
            removed = ws.remove_checklist(args.name)
            print(f"已将清单“{removed.name}”移入回收站：{removed.contents.summary()}。"
                  f"需要时可以恢复：zwgk checklists restore {removed.name}")
        elif command == "restore":
            info = ws.restore_checklist(args.name)
            print(f"已恢复清单“{info.name}”，共 {info.total} 项。")
        else:
            target = ws.archived_checklist(args.name)
            if not args.yes:
                print(f"将彻底删除回收站中的清单“{target.name}”：{target.contents.summary()}，删除后无法恢复。"
                      "确认请加 --yes。", file=sys.stderr)
                return 1
            ws.purge_checklist(target.id)
            print(f"已彻底删除清单“{target.name}”。")
    return 0


def _print_columns(path: Path, mapping: dict[str, str] | None) -> None:
    """The file's columns as read and a ready ``--map`` line to copy (when the columns are not understood)."""
    from zwgk_desktop.core.importing import preview_file
    from zwgk_desktop.core.importing.suggest import describe_columns, map_arguments, suggested_mapping

    try:
        sheets = preview_file(path)
    except BadFileError:
        return
    for line in describe_columns(sheets):
        print(line, file=sys.stderr)
    suggestion = {**suggested_mapping(sheets[0]), **(mapping or {})} if sheets else {}
    if suggestion:
        print("核对后可以这样导入（按需要修改字段）：", file=sys.stderr)
        print(f"  zwgk import {shlex.quote(str(path))} {map_arguments(suggestion)}", file=sys.stderr)


def _print_preview(preview) -> None:  # noqa: ANN001 - import_flow.ImportPreview
    from zwgk_desktop.core.importing.preview_rows import (
        preview_items,
        reported_skips,
        skip_reason_text,
        template_notes,
    )

    rows = preview_items(preview.parsed)
    print(f"预览：“{preview.name}”共 {len(rows)} 项（未写入）")
    for cat, n in preview.category_counts():
        print(f"  {cat}：{n} 项")
    for w in [*preview.parsed.warnings, *template_notes(preview.parsed)]:
        print(f"  注意：{w}", file=sys.stderr)
    for row in rows:
        for w in row.warnings:
            print(f"  注意：工作表“{row.sheet}”第 {row.row} 行“{row.title}”：{w}", file=sys.stderr)
    _print_skipped(reported_skips(preview.parsed), skip_reason_text)


def _print_skipped(skipped: list, reason_text) -> None:  # noqa: ANN001
    if skipped:
        print(f"跳过的行（{len(skipped)}）：")
    for s in skipped:
        where = f"工作表“{s.source.sheet}”第 {s.source.row} 行" if s.source.sheet else f"第 {s.source.row} 行"
        print(f"  {where}：{reason_text(s)}" + (f"　{s.text}" if s.text else ""))


def _import_update(ws, preview, args: argparse.Namespace) -> int:  # noqa: ANN001
    """A new version of an adopted template: print the diff; with --yes apply it, safe by default."""
    from zwgk_desktop.core.importing.preview_rows import reported_skips, skip_reason_text
    from zwgk_desktop.core.services import import_flow

    plan = preview.plan
    accept = True if args.accept_similar else (False if args.similar_as_new else None)
    plan.decide_pending(accept_similar=accept, archive_with_work=args.archive_with_work)
    refusal = _update_refusal(plan) if args.yes and not args.dry_run else ""
    applied = None
    if args.yes and not args.dry_run and not refusal:
        _, applied = import_flow.commit(ws, preview)
    diff = plan.to_json()
    diff["warnings"] = [str(w) for w in preview.parsed.warnings]
    diff["skipped"] = [s.to_json() for s in preview.parsed.skipped]
    if args.json:
        _print_json({**diff, "applied": applied is not None})
    else:
        print(f"清单“{preview.name}”的新版本：新增 {len(diff['added'])} 项，删除 {len(diff['removed'])} 项，"
              f"修改 {len(diff['changed'])} 项，相近 {len(diff['similar'])} 项，未变 {diff['unchanged']} 项。")
        for it in diff["added"]:
            print(f"  + {' / '.join(it['path'])} / {it['title']}")
        for old in plan.to_remove():
            work = old.work.describe()
            print(f"  - {' / '.join(old.values['path'])} / {old.values['title']}（将归档，不会删除；{work}）")
        for ch in diff["changed"]:
            print(f"  ~ {ch['after']['title']}：")
            for c in ch["changes"]:
                print(f"      {c['label']}：{_cli_value(c['old'])} → {_cli_value(c['new'])}")
        for m in plan.similar:
            answer = {"match": "视为同一事项", "new": "视为新事项", "proposed": "待确认"}[m.decision.value]
            print(f"  ≈ “{m.old.values['title']}” → “{m.after['title']}”（相似度 {round(m.score * 100)}%，{answer}）")
        for w in diff["warnings"]:
            print(f"  注意：{w}", file=sys.stderr)
        if args.dry_run:
            _print_skipped(reported_skips(preview.parsed), skip_reason_text)
        if applied:
            print("已应用。")
        elif not refusal:
            print("未写入。确认无误后加 --yes 应用。")
    if refusal:
        print(f"错误：{refusal}", file=sys.stderr)
        return 1
    return 0


def _cli_value(value: object) -> str:
    text = "、".join(map(str, value)) if isinstance(value, list) else str(value or "")
    text = " ".join(text.split()) or "（空）"
    return text if len(text) <= 60 else text[:59] + "…"


def _update_refusal(plan) -> str:  # noqa: ANN001 - versioning.UpdatePlan
    """Why --yes alone cannot apply this update (Chinese, listing the items), or ""."""
    parts: list[str] = []
    pending = plan.pending_similar()
    if pending:
        lines = [f"  “{m.old.values['title']}” → “{m.after['title']}”（相似度 {round(m.score * 100)}%）" for m in pending]
        parts.append(f"有 {len(pending)} 对文字相近的事项需要确认，加 --accept-similar 视为同一事项（保留办理记录），"
                     "或加 --similar-as-new 视为新事项（原事项归档）：\n" + "\n".join(lines))
    unconfirmed = plan.unconfirmed_removals()
    if unconfirmed:
        lines = [f"  “{' / '.join([*o.values['path'], o.values['title']])}”：{o.work.describe()}" for o in unconfirmed]
        parts.append(f"有 {len(unconfirmed)} 个将归档的事项有办理记录，确认归档请加 --archive-with-work：\n"
                     + "\n".join(lines))
    if not parts:
        return ""
    return "没有应用更新，清单没有任何改动。\n" + "\n".join(parts)


def cmd_checklists(args: argparse.Namespace) -> int:
    if getattr(args, "checklists_command", None):
        return cmd_checklist_change(args)
    if args.archived:
        return _list_archived_checklists(args)
    with _open(args) as ws:
        infos = ws.checklists()
    if args.json:
        _print_json([i.to_json() for i in infos])
    elif not infos:
        print("工作区中还没有清单。")
    else:
        for i in infos:
            print(f"{i.name}\t{i.period}\t完成 {i.closed}/{i.total}\t模板：{i.template_name}")
    return 0


def _list_archived_checklists(args: argparse.Namespace) -> int:
    with _open(args) as ws:
        removed = ws.archived_checklists()
    if args.json:
        _print_json([c.to_json() for c in removed])
    elif not removed:
        print("回收站中没有已移除的清单。")
    else:
        for c in removed:
            print(f"{c.id[:8]}\t{c.name}\t{c.archived_local:%Y-%m-%d %H:%M} 移除\t{c.contents.summary()}")
    return 0


def cmd_items(args: argparse.Namespace) -> int:
    from zwgk_desktop.core.store.query import ItemFilter, filter_rows
    from zwgk_desktop.core.store.records import parse_status

    flt = ItemFilter(text=args.search or "", owner=args.owner or "", overdue=args.overdue,
                     statuses=frozenset([parse_status(args.status)]) if args.status else frozenset(),
                     category=(args.category,) if args.category else ())
    with _open(args) as ws:
        if args.mine:
            flt.owner = ws.settings()["office"]
            if not flt.owner:
                raise UserError("还没有设置本单位名称，请先运行：zwgk settings --office 单位名称")
        info = ws.checklist(args.checklist)
        rows = ws.archived_rows(info.id) if args.archived else ws.rows(info.id)
    rows = filter_rows(rows, flt)
    if args.json:
        _stream_json_list(r.to_json() for r in rows)
    else:
        for r in rows:
            due = r.due.isoformat() if r.due else "          "
            print(f"{r.id[:8]}  {STATUS_LABELS[r.status]:<4}  {due}  {' / '.join([*r.path, r.title])}")
        print(f"共 {len(rows)} 项", file=sys.stderr)
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    kwargs = {"status": args.status, "assignee": args.assignee, "note": args.note,
              "expected_version": args.if_version}
    if hasattr(args, "due"):
        kwargs["due"] = args.due
    with _open(args) as ws:
        row = ws.update_record(args.item_id, **kwargs)
    if args.json:
        _print_json(row.to_json())
    else:
        print(f"已更新：{row.title}（{STATUS_LABELS[row.status]}）")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    with _open(args) as ws:
        ws.restore_record(args.item_id)
        row = ws.row(args.item_id)
    print(f"已恢复：{row.title}")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    with _open(args) as ws:
        entries = ws.history(args.item_id, limit=args.limit)
    if args.json:
        _print_json([e.to_json() for e in entries])
    else:
        from zwgk_desktop.core.presenters.ledger_view import history_line

        for e in entries:
            print(history_line(e))
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    with _open(args) as ws:
        values = ws.update_settings(office=args.office, clerk=args.clerk)
    if args.json:
        _print_json(values)
    else:
        print(f"单位：{values['office'] or '（未设置）'}\n填报人：{values['clerk'] or '（未设置）'}")
    return 0


def cmd_export_template(args: argparse.Namespace) -> int:
    from zwgk_desktop.core.services.template_export import export_checklist_template

    with _open(args) as ws:
        info = ws.checklist(args.checklist)
        path = export_checklist_template(ws, info.id, args.out)
    print(f"已导出模板：{path}")
    return 0


def cmd_attach(args: argparse.Namespace) -> int:
    with _open(args) as ws:
        infos = ws.attach_files([args.item_id], list(args.files))
    if args.json:
        _print_json([i.to_json() for i in infos])
    else:
        for i in infos:
            print(f"已添加：{i.name}  SHA-256 {i.sha256[:12]}…  {i.size} 字节")
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    with _open(args) as ws:
        info = ws.add_link(args.item_id, args.url, title=args.title, seen_on=args.seen)
    if args.json:
        _print_json(info.to_json())
    else:
        print(f"已添加链接：{info.title or info.url}")
    return 0


def cmd_note(args: argparse.Namespace) -> int:
    with _open(args) as ws:
        ws.add_text_note(args.item_id, args.text)
    print("已添加说明。")
    return 0


def cmd_evidence(args: argparse.Namespace) -> int:
    if args.evidence_command == "export":
        from zwgk_desktop.cli_county import cmd_evidence_pack

        return cmd_evidence_pack(args, _open)
    with _open(args) as ws:
        if args.evidence_command == "list":
            infos = ws.evidence_for(args.item_id)
            if args.json:
                _print_json([i.to_json() for i in infos])
            for i in infos if not args.json else []:
                print(f"{i.id[:8]}  {i.kind:<4}  {i.name}  {i.url}")
            return 0
        if args.evidence_command == "remove":
            ws.archive_evidence(args.evidence_id, args.item)
            print("已移除（已归档，可恢复）。")
            return 0
        if args.evidence_command == "purge":
            if not args.yes:
                print("将永久删除已归档佐证材料的文件。确认请加 --yes。", file=sys.stderr)
                return 1
            print(f"已删除 {ws.purge_archived_evidence()} 个文件。")
            return 0
        checked, problems = ws.verify_evidence()
    if args.json:
        _print_json({"checked": checked, "ok": not problems, "problems": [p.to_json() for p in problems]})
    else:
        print(f"已校验 {checked} 个文件。" + ("全部完好。" if not problems else f"发现 {len(problems)} 个问题："))
        for p in problems:
            print(f"  {p.describe()}")
    return 1 if problems else 0


def cmd_publish(args: argparse.Namespace) -> int:
    with _open(args) as ws:
        info = ws.add_publication(args.item_id, formed_on=args.formed, published_on=args.published,
                                  channel=args.channel, place=args.url, what=args.what)
    if args.json:
        _print_json(info.to_json())
    else:
        due = info.due.isoformat() if info.due else "无法计算"
        print(f"已登记公开记录。截止日期：{due}；{info.verdict}")
        if info.warning:
            print(f"注意：{info.warning}", file=sys.stderr)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from zwgk_desktop.core.services import backup
    from zwgk_desktop.core.workspace import default_data_dir

    if args.backup_command == "create":
        with _open(args) as ws:
            info = backup.create_backup(ws, args.out)
        if args.json:
            _print_json(info.to_json())
        else:
            print(f"已备份到 {info.path}（{info.files} 个文件，{info.size / 1024 / 1024:.1f} MB）")
        for skipped in info.skipped:
            print(f"注意：{skipped}", file=sys.stderr)
        return 0
    if args.backup_command == "verify":
        info = backup.read_info(args.file)
        problems = backup.verify_backup(args.file)
        if args.json:
            _print_json({**info.to_json(), "ok": not problems, "problems": problems})
        else:
            print(f"备份：{info.office or '（未设置单位）'}，{info.created[:19]}，{info.files} 个文件")
            print("校验通过。" if not problems else "校验未通过：\n  " + "\n  ".join(problems))
        return 0 if not problems else 1
    target = Path(args.data_dir).expanduser() if args.data_dir else default_data_dir()
    if not args.yes:
        print(f"将用备份“{args.file.name}”替换工作区 {target}（原工作区会改名保留）。确认请加 --yes。",
              file=sys.stderr)
        return 1
    restored = backup.restore(args.file, target)
    with restored.workspace as ws:
        n = len(ws.checklists())
    aside = restored.aside
    print(f"已恢复到 {target}（{n} 个清单）。" + (f"原工作区已保留为 {aside}。" if aside else ""))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with _open(args) as ws:
        result = ws.check(against=args.against)
    problems = result.problems
    if args.json:
        _print_json(result.to_json())
    else:
        print("数据完整，未发现问题。" if not problems else f"发现 {len(problems)} 个问题：")
        for p in problems:
            print(f"  {p}")
        if result.against is not None and result.against.held:
            print(result.against.message)
        if result.head is not None:
            print(f"当前数据校验码：{result.head.code}")
    return 0 if not problems else 1


def cmd_calendar(args: argparse.Namespace) -> int:
    if args.notice_file:
        return _calendar_from_notice(args)
    if args.yes or args.year:
        raise UserError("--yes 和 --year 只与 --from-notice 一起使用")
    with _open(args) as ws:
        added = ws.install_calendar_file(args.import_file) if args.import_file else []
        cal = ws.calendar
    info = {"first_year": cal.first_known_year, "last_year": cal.last_known_year, "imported": added,
            "warnings": list(cal.warnings)}
    if args.json:
        _print_json(info)
    else:
        if added:
            print(f"已导入 {'、'.join(map(str, added))} 年的放假安排。")
        print(f"已收录 {info['first_year']}—{info['last_year']} 年的节假日；之后的日期按周一至周五估算。")
        for w in info["warnings"]:
            print(f"注意：{w}", file=sys.stderr)
    return 0


def _calendar_from_notice(args: argparse.Namespace) -> int:
    """``calendar --from-notice``: parse the notice, show it, save only with --yes."""
    from zwgk_desktop.core.deadlines.holiday_notice import (
        NoticeYearMissing,
        parse_holiday_notice,
        preview_lines,
        read_notice_file,
    )

    if args.import_file:
        raise UserError("--import 与 --from-notice 不能同时使用")
    try:
        notice = parse_holiday_notice(read_notice_file(args.notice_file), year=args.year)
    except NoticeYearMissing as exc:
        raise UserError(f"通知“{args.notice_file.name}”：{exc}（--year YYYY）") from None
    except UserError as exc:
        raise UserError(f"通知“{args.notice_file.name}”：{exc}") from None
    saved: list[str] | None = None
    if args.yes:
        with _open(args) as ws:
            saved = ws.install_holiday_notice(notice)
            last = ws.calendar.last_known_year
    if args.json:
        _print_json({**notice.to_json(), "saved": saved is not None, "save_warnings": saved or []})
        return 0
    print("\n".join(preview_lines(notice)))
    for w in notice.warnings:
        print(f"注意：{w}", file=sys.stderr)
    if saved is None:
        print(f"\n以上为识别结果，尚未保存。核对无误后加 --yes 保存为{notice.year}年的节假日安排。")
    else:
        print(f"\n已保存{notice.year}年的放假安排。现已收录到{last}年。")
        for w in saved:
            print(w, file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from zwgk_desktop.core.services.report_input import build_report_data

    with _open(args) as ws:
        info = ws.checklist(args.checklist)
        data = build_report_data(ws, info.id, category=args.category, owner=args.owner, office=args.office)
    if args.format == "pdf":
        from zwgk_desktop.core.reports.pdf import write_pdf

        path = write_pdf(data, args.out)
    else:
        from zwgk_desktop.core.reports.xlsx import write_xlsx

        path = write_xlsx(data, args.out)
    print(f"已生成：{path}（{len(data.items)} 项）")
    return 0


def cmd_annual(args: argparse.Namespace) -> int:
    from zwgk_desktop.cli_annual import cmd_annual as run

    return run(args, _open)


def cmd_package(args: argparse.Namespace) -> int:
    from zwgk_desktop.cli_county import cmd_package as run

    return run(args, _open)


def cmd_rollup(args: argparse.Namespace) -> int:
    from zwgk_desktop.cli_county import cmd_rollup as run

    return run(args, _open)


def cmd_problems(args: argparse.Namespace) -> int:
    from zwgk_desktop.cli_county import cmd_problems as run

    return run(args, _open)


COMMANDS = {
    "import": cmd_import, "checklists": cmd_checklists, "items": cmd_items, "update": cmd_update,
    "restore": cmd_restore, "history": cmd_history, "settings": cmd_settings,
    "export-template": cmd_export_template, "attach": cmd_attach, "link": cmd_link, "note": cmd_note,
    "evidence": cmd_evidence, "publish": cmd_publish, "report": cmd_report, "calendar": cmd_calendar,
    "backup": cmd_backup, "check": cmd_check,
    "annual": cmd_annual,
    "package": cmd_package, "rollup": cmd_rollup, "problems": cmd_problems,
}


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and not stream.isatty():
            stream.reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    code = _main(argv)
    if argv is None:  # the `zwgk` command itself (not a caller in the same process)
        _end_process(code)
    return code


def _end_process(code: int) -> NoReturn:
    """End the process once the command is done: its work is committed and closed, its output flushed
    here. Python would otherwise free every object one by one first (after a 100,000-row import,
    a noticeable part of the whole run)."""
    logging.shutdown()  # file handlers too
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe, or stderr closed after one
            stream.flush()
    os._exit(code)


def _main(argv: Sequence[str] | None) -> int:
    _utf8_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        print(f"zwgk-desktop {__version__}")
        return 0
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"用法错误：{exc}", file=sys.stderr)
        return 2
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
