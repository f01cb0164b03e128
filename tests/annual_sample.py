"""A full yearly report in the app's JSON with numbers that satisfy the spec's rules (tests of the outputs)."""

from __future__ import annotations

from typing import Any

from zwgk_desktop.core.annual._render_common import T3_KEYS


def sample_report() -> dict[str, Any]:
    t3 = {key: [0] * 7 for key in T3_KEYS}
    t3["new_received"] = [5, 1, 0, 0, 1, 0, 7]
    t3["carried_over"] = [1, 0, 0, 0, 0, 0, 1]
    t3["granted"] = [3, 1, 0, 0, 0, 0, 4]
    t3["partial"] = [1, 0, 0, 0, 0, 0, 1]
    t3["unable_not_held"] = [1, 0, 0, 0, 1, 0, 2]
    t3["total_processed"] = [5, 1, 0, 0, 1, 0, 7]
    t3["carried_forward"] = [1, 0, 0, 0, 0, 0, 1]
    return {
        "year": 2025,
        "office": "万善乡人民政府",
        "table2": {
            "规章": {"本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 0},
            "行政规范性文件": {"本年制发件数": 2, "本年废止件数": 1, "现行有效件数": 9},
            "行政许可": 31,
            "行政处罚": 12,
            "行政强制": 3,
            "行政事业性收费": "59237.2449",
        },
        "table3": t3,
        "table4": {
            "行政复议": [1, 0, 0, 0, 1],
            "未经复议直接起诉": [0, 1, 0, 0, 1],
            "复议后起诉": [0, 0, 0, 0, 0],
        },
        "sections": {
            "一": "2025年，万善乡人民政府认真贯彻落实《中华人民共和国政府信息公开条例》。\n"
                  "（一）主动公开\n全年主动公开政府信息128条。\n（二）依申请公开\n"
                  "全年收到政府信息公开申请7件，上年结转1件。\n（三）政府信息管理\n严格执行公开前审查。\n"
                  "（四）政府信息公开平台建设\n用好政府网站和政务公开栏。\n（五）监督保障\n将政务公开纳入年度考核。",
            "二": "",
            "三": "",
            "四": "",
            "五": "存在的问题：部分信息公开不够及时。\n改进措施：一是建立公开时限提醒；二是加强业务培训。",
            "六": "本年度未收取信息处理费。",
        },
    }
