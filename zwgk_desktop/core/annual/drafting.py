"""Draft text of the yearly report from the ledger: parts 一, 五 and 六 (plain text the clerk edits).

* 一、总体情况: the five sub-heads every real report uses (（一）主动公开 … （五）监督保障), filled from the
  year's publication records (by category and channel, on time or not), the items done, the platforms
  used and the evidence kept; with the report's table 三/四 numbers when a report is given, so the figures
  quoted agree with the tables (rule R9.1).
* 五、存在的主要问题及改进情况: late publications, items overdue and items marked 需整改, each with what
  was done ("问题…；改进措施：一是…二是…"), or the usual general wording when the ledger shows none.
* 六、其他需要报告的事项: the 信息处理费 sentence (国办函〔2020〕109号), and the year's 工作要点 checklists.

Parts 二, 三 and 四 are the tables: their text is empty.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.store import publications
from zwgk_desktop.core.store.checklists import ChecklistInfo
from zwgk_desktop.core.store.publications import PublicationInfo
from zwgk_desktop.core.types import ItemRow, Status, UserError
from zwgk_desktop.core.workspace import Workspace

ORDINALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
MAX_NAMED = 3  # titles named in one sentence
FEE_NONE = "本年度未收取信息处理费。"


@dataclass
class LedgerYear:
    """What the ledger holds for one report year."""

    year: int
    office: str
    checklists: list[ChecklistInfo]
    rows: list[ItemRow]
    pubs: list[tuple[ItemRow, PublicationInfo]]  # published in the year
    evidence: Counter[str] = field(default_factory=Counter)  # kind -> count (file, link, text)
    overdue: list[ItemRow] = field(default_factory=list)
    rework: list[ItemRow] = field(default_factory=list)

    @property
    def late(self) -> list[tuple[ItemRow, PublicationInfo]]:
        return [(row, pub) for row, pub in self.pubs if pub.on_time is False]


def collect(ws: Workspace, year: int, *, today: date | None = None) -> LedgerYear:
    """The checklists of ``year`` (those with that year or none), their items, publications and evidence."""
    cutoff = min(today or date.today(), date(year, 12, 31))
    lists = [c for c in ws.checklists() if c.year in (None, year)]
    rows = [row for c in lists for row in ws.rows(c.id)]
    by_id = {row.id: row for row in rows}
    with ws.reading() as s:
        found = publications.by_records(s, by_id, ws.calendar)
    pubs = [(by_id[rid], pub) for rid, items in found.items() for pub in items
            if pub.published_on is not None and pub.published_on.year == year]
    pubs.sort(key=lambda rp: (rp[1].published_on or date.min, rp[0].position))
    evidence: Counter[str] = Counter()
    for row in rows:
        if row.evidence_count:
            evidence.update(ev.kind for ev in ws.evidence_for(row.id))
    published = {rid for rid, items in found.items() if any(p.published_on for p in items)}
    # due in the year and neither finished nor published (a late publication is reported as late instead)
    overdue = [r for r in rows if r.due is not None and r.due <= cutoff and not r.closed and r.id not in published]
    rework = [r for r in rows if r.status is Status.REWORK]
    return LedgerYear(year, ws.settings().get("office", "") or "本机关", lists, rows, pubs, evidence,
                      overdue, rework)


# ---------------------------------------------------------------- wording helpers


def _counts(counter: Counter[str], unit: str) -> str:
    """"最低生活保障5条、临时救助3条" (most first, ties in name order)."""
    return "、".join(f"{name}{n}{unit}" for name, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _titles(rows: list[ItemRow]) -> str:
    names = list(dict.fromkeys(f"“{r.path[-1]}：{r.title}”" if r.path else f"“{r.title}”" for r in rows))
    text = "、".join(names[:MAX_NAMED])
    return f"{text}等" if len(names) > MAX_NAMED else text


def _nth(i: int) -> str:
    return f"{ORDINALS[i] if i < len(ORDINALS) else i + 1}是"


def _table_number(report: dict[str, Any] | None, table: str, key: str, index: int) -> int | None:
    try:
        value = (report or {})[table][key][index]
        return int(str(value).strip())
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def fee_sentence(fee_yuan: str | Decimal | int | None) -> str:
    """The 信息处理费 sentence of part 六: none, or the amount in 元 as given (never through float)."""
    if fee_yuan is None or str(fee_yuan).strip() in ("", "0"):
        return FEE_NONE
    text = str(fee_yuan).strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise UserError(msg("信息处理费“{value}”不是有效的金额（元），请填写数字，例如 0 或 120.50", value=text)) from None
    if amount < 0 or not amount.is_finite():
        raise UserError(msg("信息处理费“{value}”不能为负数", value=text))
    if amount == 0:
        return FEE_NONE
    return f"本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费{text}元。"


# ---------------------------------------------------------------- part 一


def _part_one(d: LedgerYear, report: dict[str, Any] | None) -> str:
    done = sum(1 for r in d.rows if r.status is Status.DONE)
    na = sum(1 for r in d.rows if r.status is Status.NA)
    by_category = Counter(row.path[0] if row.path else "其他" for row, _ in d.pubs)
    by_channel = Counter(pub.channel or "未注明渠道" for _, pub in d.pubs)
    on_time = sum(1 for _, pub in d.pubs if pub.on_time)
    paras = [f"{d.year}年，{d.office}认真贯彻落实《中华人民共和国政府信息公开条例》和上级政务公开工作部署，"
             f"对照标准目录逐项落实公开事项，全面推进决策、执行、管理、服务、结果公开。"]

    paras.append("（一）主动公开")
    if d.pubs:
        text = f"全年主动公开政府信息{len(d.pubs)}条，其中{_counts(by_category, '条')}。"
        text += f"按公开渠道统计，{_counts(by_channel, '条')}。"
        text += f"按时公开{on_time}条"
        late = len(d.late)
        text += f"，超过公开时限{late}条。" if late else "，均在规定时限内公开。"
        paras.append(text)
    else:
        paras.append("本年度台账中没有主动公开记录。")
    if d.rows:
        text = f"对照{len(d.checklists)}个公开清单共{len(d.rows)}项公开事项，已完成{done}项"
        text += f"，不适用{na}项" if na else ""
        paras.append(text + "。")

    paras.append("（二）依申请公开")
    received = _table_number(report, "table3", "new_received", 6)
    if received is not None:
        carried = _table_number(report, "table3", "carried_over", 6) or 0
        processed = _table_number(report, "table3", "total_processed", 6) or 0
        forward = _table_number(report, "table3", "carried_forward", 6) or 0
        text = (f"本年度新收政府信息公开申请{received}件，上年结转{carried}件，办结{processed}件，"
                f"结转下年度继续办理{forward}件。")
        review = _table_number(report, "table4", "行政复议", 4) or 0
        suits = (_table_number(report, "table4", "未经复议直接起诉", 4) or 0) + \
            (_table_number(report, "table4", "复议后起诉", 4) or 0)
        text += f"因政府信息公开被申请行政复议{review}件，提起行政诉讼{suits}件。"
        paras.append(text)
    else:
        paras.append("本年度依申请公开情况详见本报告第三部分。")

    paras.append("（三）政府信息管理")
    names = "、".join(f"《{c.name}》" for c in d.checklists[:MAX_NAMED]) + ("等" if len(d.checklists) > MAX_NAMED else "")
    if d.checklists:
        paras.append(f"依据{names}建立政务公开台账，逐项明确公开内容、公开时限和责任单位，"
                     f"严格落实信息发布前保密审查，按工作日计算公开时限，确保信息及时、准确发布。")
    else:
        paras.append("严格落实信息发布前保密审查，确保公开信息准确、规范。")

    paras.append("（四）政府信息公开平台建设")
    platforms = [name for name, _ in by_channel.most_common() if name != "未注明渠道"]
    if not platforms:
        platforms = [name for name, _ in Counter(ch for r in d.rows for ch in r.channels).most_common()]
    if platforms:
        paras.append(f"依托{'、'.join(platforms)}等平台发布政府信息，及时更新栏目内容，方便群众查阅。")
    else:
        paras.append("持续加强政府信息公开平台建设，及时更新栏目内容，方便群众查阅。")

    paras.append("（五）监督保障")
    kept = sum(d.evidence.values())
    if kept:
        parts = [f"{label}{d.evidence[kind]}{unit}" for kind, label, unit in
                 (("file", "文件和截图", "份"), ("link", "网页链接", "条"), ("text", "文字记录", "条"))
                 if d.evidence[kind]]
        paras.append(f"落实政务公开工作责任，每项公开留痕管理，全年留存佐证材料{kept}份（{'、'.join(parts)}），"
                     f"做到公开有据可查。")
    else:
        paras.append("落实政务公开工作责任，加强日常检查，做到公开有据可查。")
    return "\n".join(paras)


# ---------------------------------------------------------------- part 五


def _part_five(d: LedgerYear) -> str:
    problems: list[str] = []
    fixes: list[str] = []
    late = d.late
    if late:
        worst_row, worst = max(late, key=lambda rp: rp[1].late_workdays)
        problems.append(f"部分信息公开不够及时，全年有{len(late)}条信息超过公开时限发布"
                        f"（{_titles([r for r, _ in late])}，最长逾期{worst.late_workdays}个工作日），现均已公开")
        fixes.append("严格执行公开时限，信息形成后即登记台账、按工作日倒排发布时间，到期前提醒责任人")
    if d.overdue:
        problems.append(f"{len(d.overdue)}项公开事项逾期未完成（{_titles(d.overdue)}）")
        fixes.append("对逾期事项逐项明确责任人和完成时限，限期公开到位")
    if d.rework:
        noted = [r for r in d.rework if r.note.strip()]
        text = f"{len(d.rework)}项公开事项经检查需要整改（{_titles(d.rework)}）"
        problems.append(text)
        fix = "对需整改事项实行销号管理，整改一项、销号一项"
        if noted:
            fix += "，" + "；".join(f"{_titles([r])}{r.note.strip().rstrip('。；;')}" for r in noted[:MAX_NAMED])
        fixes.append(fix)
    if not problems:
        problems = ["政务公开的深度和广度仍需拓展，部分领域公开内容不够全面", "政策解读形式较为单一，解读质量有待提高"]
        fixes = ["对照标准目录动态更新公开事项，做到应公开尽公开", "丰富政策解读形式，提升解读的针对性和可读性"]
    fixes.append("加强政务公开业务培训，提升工作人员业务能力")
    text = "存在的主要问题：" + "；".join(f"{_nth(i)}{p}" for i, p in enumerate(problems)) + "。"
    text += "\n改进措施：" + "；".join(f"{_nth(i)}{f}" for i, f in enumerate(fixes)) + "。"
    return text


# ---------------------------------------------------------------- part 六


def _part_six(d: LedgerYear, fee_yuan: str | Decimal | int | None) -> str:
    paras = ["（一）收取信息处理费情况", fee_sentence(fee_yuan)]
    workpoints = [c for c in d.checklists if "要点" in c.name or "要点" in c.template_name]
    if workpoints:
        paras.append("（二）落实年度政务公开工作要点情况")
        for c in workpoints:
            paras.append(f"对照《{c.name}》分解任务{c.total}项，已完成{c.closed}项。")
    return "\n".join(paras)


def draft_sections(ws: Workspace, year: int, *, report: dict[str, Any] | None = None,
                   fee_yuan: str | Decimal | int | None = None, today: date | None = None) -> dict[str, str]:
    """Drafted text of the six parts ("一"…"六") for ``year`` from the workspace's ledger.

    ``report`` (the app's JSON) lets part 一 quote the table numbers; ``fee_yuan`` is the 信息处理费
    collected (元, a decimal string; None or 0 for none); ``today`` bounds what counts as overdue.
    """
    d = collect(ws, year, today=today)
    return {"一": _part_one(d, report), "二": "", "三": "", "四": "", "五": _part_five(d),
            "六": _part_six(d, fee_yuan)}
