"""The Qt-free helpers behind the evidence dialogs."""

from __future__ import annotations

from datetime import date, datetime

from zwgk_desktop.core.presenters.evidence_view import (
    channel_choices,
    format_size,
    preview_verdict,
    screenshot_name,
)
from zwgk_desktop.core.workspace import Workspace


def test_evidence_wording():
    assert format_size(512) == "512 B" and format_size(1536) == "1.5 KB" and format_size(5 * 1024**2) == "5.0 MB"
    assert screenshot_name(datetime(2024, 5, 6, 9, 8, 7)) == "截图-20240506-090807.png"
    choices = channel_choices(["公开查阅点", "政府网站"])
    assert choices[:2] == ["公开查阅点", "政府网站"] and choices.count("政府网站") == 1 and "其他" in choices




def test_preview_verdict(tmp_path):
    with Workspace.open(tmp_path / "ws") as ws:
        cal = ws.calendar
    limit = "制定或获取信息之日起10个工作日内"
    ok = preview_verdict(limit, year=2024, formed=date(2024, 5, 6), published=date(2024, 5, 8), cal=cal)
    late = preview_verdict(limit, year=2024, formed=date(2024, 3, 1), published=date(2024, 4, 30), cal=cal)
    assert ok.tone == "ok" and ok.text.endswith("按时")
    assert late.tone == "late" and "逾期" in late.text
    assert preview_verdict("", year=2024, formed=None, published=date(2024, 1, 1), cal=cal).tone == "unknown"
