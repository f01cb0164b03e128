"""Every output the app writes reads back as the same report: what `zwgk annual export` produces can be
checked by `zwgk annual check`, here and at the county office."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from annual_sample import sample_report

from zwgk_desktop.cli import main
from zwgk_desktop.core.annual.checks import check
from zwgk_desktop.core.annual.model import AnnualReport
from zwgk_desktop.core.annual.readers import read_report


@pytest.mark.parametrize("fmt", ["json", "xlsx", "docx", "html", "pdf"])
def test_export_then_read_gives_the_same_numbers(tmp_path: Path, fmt: str, capsys) -> None:
    report = sample_report()
    source = tmp_path / "报告.json"
    source.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    ws = ["--data-dir", str(tmp_path / "ws")]
    assert main([*ws, "settings", "--office", report["office"]]) == 0
    assert main([*ws, "annual", "import", str(report["year"]), str(source)]) == 0
    out = tmp_path / f"导出.{fmt}"
    assert main([*ws, "annual", "export", str(report["year"]), fmt, str(out)]) == 0
    back = read_report(out).report
    original = AnnualReport.from_json(report)
    got, want = back.to_json(), original.to_json()
    for table in ("table2", "table3", "table4"):
        assert got[table] == want[table], (fmt, table)
    assert (got["year"], got["office"]) == (want["year"], want["office"])
    if fmt in ("json", "xlsx"):  # the app's own formats keep the text exactly
        assert got["sections"] == want["sections"]
    assert [f for f in check(back) if f.level == "error"] == []
    capsys.readouterr()
    assert main([*ws, "annual", "check", str(out)]) == 0
