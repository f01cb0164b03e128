"""Import accuracy on the corpus of published templates (tests/data/corpus).

For every file: items right / expected, and per field (path, title, content, units, deadline kind), plus
the document kind, name and year. An item is *fully right* when all five fields match; extra or missing
items count as wrong. A ``not_checklist`` file is right when reading refuses it without ``force``.

Run: ``python bench/import_accuracy.py`` (``--json`` for the figures as JSON, ``-v`` for the wrong items,
``--json-out FILE`` to append the rows of bench/benchrows.py).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from benchrows import append_rows, row  # noqa: E402

from zwgk_desktop.core.importing import read_template  # noqa: E402
from zwgk_desktop.core.importing.normalize import strip_numbering  # noqa: E402
from zwgk_desktop.core.types import BadFileError, ParsedItem  # noqa: E402

CORPUS = REPO / "tests" / "data" / "corpus"
FIELDS = ("path", "title", "content", "units", "deadline")
GOAL = 0.98  # items fully right, per file
STRUCTURE = ("path", "title", "content")  # the importer's own part; units and deadline kinds come from core/units, core/deadlines


def deadline_kind(text: str) -> str:
    """The kind of a 公开时限 text: the ``kind`` of the machine-readable rule items carry in ``--json``
    (``core/deadlines/reading.py``); several limits in one text count by their first."""
    from zwgk_desktop.core.deadlines.reading import deadline_rule_json

    rule = deadline_rule_json(text or "")
    if rule.get("kind") == "multiple" and rule.get("rules"):
        rule = rule["rules"][0]
    return str(rule.get("kind", "unknown"))


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _lines(text: str) -> list[str]:
    return [re.sub(r"\s+", "", x) for x in (text or "").split("\n") if x.strip()]


def field_right(name: str, want: dict, got: ParsedItem) -> bool:
    if name == "path":
        return [_flat(x) for x in got.path] == [_flat(x) for x in want["path"]]
    if name == "content":
        return _lines(got.content) == _lines(want["content"])
    if name == "units":
        return [_flat(x) for x in got.owners] == [_flat(x) for x in want["units"]]
    if name == "deadline":
        return deadline_kind(got.deadline) == want["deadline"]
    title = _flat(got.title)
    if want["title"] is not None:
        return title == _flat(want["title"])
    # no title of its own in the source: the title is the start of the content
    body = _flat(strip_numbering(want["content"]))
    return bool(title) and body.startswith(title.rstrip("…"))


@dataclass
class FileScore:
    file: str
    kind: str
    expected: int
    got: int = 0
    right: int = 0
    structure_right: int = 0
    fields: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    name_ok: bool = True
    year_ok: bool = True
    error: str = ""
    wrong: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return max(self.expected, self.got, 1)


def score_file(exp_path: Path) -> FileScore:
    exp = json.loads(exp_path.read_text(encoding="utf-8"))
    path = CORPUS / exp["file"]
    sc = FileScore(exp["file"], exp["kind"], len(exp["items"]))
    if exp["kind"] == "not_checklist":
        sc.expected = 1
        try:
            read_template(path)
        except BadFileError as exc:
            refused = getattr(exc, "not_checklist", False)
            sc.right = sc.structure_right = int(refused)
            sc.fields = dict.fromkeys(FIELDS, int(refused))
            sc.got = 1
            if not refused:
                sc.error = str(exc)
            return sc
        sc.got = 1
        sc.error = "imported as a checklist without a warning"
        return sc
    try:
        tpl = read_template(path)
    except BadFileError as exc:
        sc.error = str(exc)
        return sc
    sc.got = len(tpl.items)
    sc.name_ok = _flat(tpl.name) == _flat(exp["name"])
    sc.year_ok = exp["year"] is None or tpl.year == exp["year"]
    for i, want in enumerate(exp["items"]):
        if i >= len(tpl.items):
            break
        got = tpl.items[i]
        ok = {f: field_right(f, want, got) for f in FIELDS}
        for f, v in ok.items():
            sc.fields[f] += int(v)
        sc.right += int(all(ok.values()))
        sc.structure_right += int(all(ok[f] for f in STRUCTURE))
        if not all(ok.values()):
            bad = ", ".join(f for f, v in ok.items() if not v)
            sc.wrong.append(f"#{i + 1} {bad}: got path={got.path} title={got.title!r} owners={got.owners} "
                            f"deadline={got.deadline!r}")
    return sc


def score_all() -> list[FileScore]:
    return [score_file(p) for p in sorted(CORPUS.glob("*.expected.json"))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true", help="the figures per file as JSON")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the items not fully right")
    ap.add_argument("--json-out", type=Path, help="append the rows (bench/benchrows.py format) to this file")
    args = ap.parse_args()
    scores = score_all()
    if args.json:
        print(json.dumps([{"file": s.file, "kind": s.kind, "expected": s.expected, "got": s.got, "right": s.right,
                           "structure_right": s.structure_right, "fields": s.fields, "name_ok": s.name_ok,
                           "year_ok": s.year_ok, "error": s.error} for s in scores], ensure_ascii=False, indent=1))
        return 0
    verbose = args.verbose
    print(f"{'file':44} {'right':>7} {'struct':>7}  " + " ".join(f"{f:>8}" for f in FIELDS) + "  name year")
    tot = dict.fromkeys(("right", "structure", "total"), 0)
    ftot = dict.fromkeys(FIELDS, 0)
    for s in scores:
        print(f"{s.file:44} {s.right:>3}/{s.total:<3} {s.structure_right:>3}/{s.total:<3}  "
              + " ".join(f"{s.fields[f]:>4}/{s.total:<3}" for f in FIELDS)
              + f"  {'ok' if s.name_ok else '--':>4} {'ok' if s.year_ok else '--':>4}")
        if s.error:
            print(f"    ! {s.error}")
        if verbose:
            for w in s.wrong:
                print(f"    {w}")
        tot["right"] += s.right
        tot["structure"] += s.structure_right
        tot["total"] += s.total
        for f in FIELDS:
            ftot[f] += s.fields[f]
    t = tot["total"]
    print(f"{'all files':44} {tot['right']:>3}/{t:<3} {tot['structure']:>3}/{t:<3}  "
          + " ".join(f"{ftot[f]:>4}/{t:<3}" for f in FIELDS))
    print(f"items fully right: {tot['right'] / t:.1%}; structure (count, path, title/content): {tot['structure'] / t:.1%}")
    worst = min((s.right / s.total for s in scores), default=1.0)
    append_rows(args.json_out, [
        row("import_accuracy", "items_right", f"import accuracy: items fully right (count, path, title/content, "
            f"units, time-limit kind) in {len(scores)} published templates (tests/data/corpus), worst file "
            f"{worst:.0%}", "items", tot["right"], baseline="items in the corpus", baseline_value=t,
            goal=f"≥ {GOAL:.0%} per file", met=worst >= GOAL),
        row("import_accuracy", "structure_right", "import accuracy: structure alone (count, path, title/content)",
            "items", tot["structure"], baseline="items in the corpus", baseline_value=t),
    ])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
