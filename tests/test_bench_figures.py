"""bench/figures.py renders the README's Figures table from bench rows; a real bench script writes such rows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIGURES = REPO / "bench" / "figures.py"
ROWS = REPO / "tests" / "data" / "figures" / "rows.jsonl"
sys.path.insert(0, str(REPO / "bench"))
from benchrows import KEYS, check_row  # noqa: E402

README = """# Title

## Figures

Intro kept as it is.

<!-- figures:begin -->
| old | table |
<!-- figures:end -->

## After

Kept too.
"""


def _figures(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(FIGURES), *args], capture_output=True, text=True, encoding="utf-8",
                          check=False, cwd=REPO)


def _table(text: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip().strip("|").split(" | ")] for line in text.splitlines()
            if line.startswith("| ") and not line.startswith("| ---")]


def test_rows_from_a_file_become_the_readme_table_between_the_markers(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(README, encoding="utf-8")
    proc = _figures("--from", str(ROWS), "--write-readme", "--readme", str(readme))
    assert proc.returncode == 0, proc.stderr
    text = readme.read_text(encoding="utf-8")
    head, block = text.split("<!-- figures:begin -->\n")
    block, tail = block.split("<!-- figures:end -->")
    assert head == README.split("<!-- figures:begin -->")[0]  # outside the markers nothing changed
    assert tail == README.split("<!-- figures:end -->")[1]
    assert "| old | table |" not in block
    table = _table(block)
    assert table[0] == ["work", "ours", "baseline (same run)", "ratio", "goal", "met"]
    # the scripts' order (window, import, reports, …, yearly reports); the later pdf_2000 row replaced the first
    assert table[1:] == [
        ["start-up to painted window, 20,000 items", "0.410 s, 95 MB",
         "bare QMainWindow+QTableView shown and grabbed: 0.180 s, 55 MB", "2.30", "≤ 2", "**no**"],
        ["PDF self-check report, 2,000 items (6,000 evidence)", "5.90 s, 97 MB",
         "bare reportlab LongTable, same cells and font: 9.50 s, 149 MB", "0.62", "", ""],
        ["PDF self-check report, 20,000 items (60,000 evidence)", "58.3 s, 251 MB",
         "bare reportlab LongTable, same cells and font: 176 s, 962 MB", "0.33", "< 400 MB", "yes"],
        ["yearly reports \\| 16 real ones, per report", "32.5 ms", "", "", "", ""],
    ]
    # what could not be rendered is named, with its line
    assert "rows.jsonl, line 4: not JSON" in block
    assert "rows.jsonl, line 5: not a row of the common format" in block
    assert proc.stdout.count("| PDF self-check report") == 2  # also printed


def test_write_readme_refuses_a_readme_without_markers(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# no markers\n", encoding="utf-8")
    proc = _figures("--from", str(ROWS), "--write-readme", "--readme", str(readme))
    assert proc.returncode != 0
    assert "figures:begin" in proc.stderr
    assert readme.read_text(encoding="utf-8") == "# no markers\n"


def test_the_project_readme_has_the_figures_block() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert text.count("<!-- figures:begin -->") == 1
    assert text.index("<!-- figures:begin -->") < text.index("<!-- figures:end -->")


def test_a_real_bench_script_writes_rows_of_the_common_format(tmp_path: Path) -> None:
    """bench_backup with 3 MB of evidence: create and verify, each its own process with its own peak memory."""
    out = tmp_path / "rows.jsonl"
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "bench_backup.py"), "--mb", "3", "--repeat", "1",
                           "--json-out", str(out)], capture_output=True, text=True, check=False, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["key"] for r in rows] == ["create_3mb", "verify_3mb"]
    for r in rows:
        assert tuple(r) == KEYS
        assert check_row(r) == ""
        assert r["bench"] == "backup" and r["unit"] == "s"
        assert r["ours"] > 0 and r["baseline_value"] > 0
        assert r["ratio"] > 0  # the median of the alternated pairs' ratios
        assert r["ours_mem_mb"] is not None and r["ours_mem_mb"] > 0  # the child's own VmHWM
        assert r["goal"] == "≤ 1.5" and isinstance(r["met"], bool)
    # the figures table renders them
    readme = tmp_path / "README.md"
    readme.write_text(README, encoding="utf-8")
    assert _figures("--from", str(out), "--write-readme", "--readme", str(readme)).returncode == 0
    table = _table(readme.read_text(encoding="utf-8"))
    assert [row[0] for row in table[1:]] == [r["work"] for r in rows]
