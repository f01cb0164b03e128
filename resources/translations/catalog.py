"""Regenerate the translation catalogue: the window's strings and the core's ``msg("…")`` templates.

    python resources/translations/catalog.py update      # what update.sh runs
    python resources/translations/catalog.py unfinished  # list the entries still to translate
    python resources/translations/catalog.py unfinished --json > todo.json   # fill in "translation" …
    python resources/translations/catalog.py apply todo.json                 # … and put them in zwgk_en.ts

``update`` writes ``core_messages.py`` (every literal ``msg("…")`` template of zwgk_desktop/core, found with
the ast module, as ``QT_TRANSLATE_NOOP("core", …)`` markers, plus the ``_tr("…")`` strings of UI modules that
translate through a module-level ``_tr`` wrapper, under its context), runs pyside6-lupdate over zwgk_desktop/ui/*.py
and that file (new strings are added as unfinished, existing translations kept, strings no longer used
dropped) and compiles zwgk_en.qm with pyside6-lrelease. The tools are looked up next to the running Python
(the virtualenv's bin/ or Scripts/), on PATH and in PySide6's package folder.
"""

from __future__ import annotations

import ast
import html
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TS = HERE / "zwgk_en.ts"
QM = HERE / "zwgk_en.qm"
CORE_MESSAGES = HERE / "core_messages.py"
CORE_DIR = ROOT / "zwgk_desktop" / "core"
UI_DIR = ROOT / "zwgk_desktop" / "ui"
CONTEXT = "core"
MSG_FUNCTIONS = frozenset({"msg"})
WRAPPER = "_tr"  # a UI module's own shorthand for QCoreApplication.translate("Context", text)


def find_tool(name: str) -> str | None:
    """``pyside6-lupdate`` / ``pyside6-lrelease`` (or PySide6's bundled ``lupdate`` / ``lrelease``)."""
    exe = ".exe" if sys.platform == "win32" else ""
    candidates = [Path(sys.executable).parent / f"pyside6-{name}{exe}"]
    found = shutil.which(f"pyside6-{name}")
    if found:
        candidates.append(Path(found))
    try:
        import PySide6

        package = Path(PySide6.__file__).parent
        candidates += [package / f"{name}{exe}", package / "Qt" / "libexec" / f"{name}{exe}"]
    except ImportError:  # pragma: no cover - the venv always has PySide6
        pass
    return next((str(c) for c in candidates if c.is_file()), None)


def core_templates(core_dir: Path = CORE_DIR) -> dict[str, list[str]]:
    """Every literal ``msg("…")`` template of the core -> the files (relative) using it, in source order."""
    found: dict[str, list[str]] = {}
    for path in sorted(core_dir.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MSG_FUNCTIONS
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                    and node.args[0].value):
                files = found.setdefault(node.args[0].value, [])
                if rel not in files:
                    files.append(rel)
    return found


def _wrapper_context(tree: ast.Module) -> str | None:
    """The context of a module-level ``def _tr(text): return QCoreApplication.translate("Context", text)``."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == WRAPPER and len(node.body) == 1 \
                and isinstance(node.body[0], ast.Return) and isinstance(call := node.body[0].value, ast.Call) \
                and isinstance(call.func, ast.Attribute) and call.func.attr == "translate" and call.args \
                and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
            return call.args[0].value
    return None


def ui_wrapper_strings(ui_dir: Path = UI_DIR) -> dict[str, list[str]]:
    """Every literal ``_tr("…")`` of the UI modules that translate through such a wrapper (lupdate does not
    see through it) -> {context: texts in source order}."""
    found: dict[str, list[str]] = {}
    for path in sorted(ui_dir.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        context = _wrapper_context(tree)
        if context is None:
            continue
        calls = sorted((node for node in ast.walk(tree)
                        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == WRAPPER
                        and node.args and isinstance(node.args[0], ast.Constant)
                        and isinstance(node.args[0].value, str) and node.args[0].value),
                       key=lambda node: (node.lineno, node.col_offset))
        texts = found.setdefault(context, [])
        texts += [t for t in dict.fromkeys(c.args[0].value for c in calls) if t not in texts]
    return found


def core_messages_source(templates: dict[str, list[str]] | None = None) -> str:
    """The text of core_messages.py: one QT_TRANSLATE_NOOP marker per template, grouped by first file, then
    the UI's ``_tr("…")`` strings under their own contexts."""
    templates = core_templates() if templates is None else templates
    lines = ['"""Generated by resources/translations/catalog.py from the msg("…") templates of zwgk_desktop/core',
             '(context "core") and the _tr("…") strings of zwgk_desktop/ui modules that translate through such a',
             'wrapper (their own context): do not edit. Only pyside6-lupdate reads this file."""', "",
             "from PySide6.QtCore import QT_TRANSLATE_NOOP", "", "CORE_MESSAGES = ("]
    current = None
    for template, files in sorted(templates.items(), key=lambda kv: kv[1][0]):
        if files[0] != current:
            current = files[0]
            lines.append(f"    # {current}")
        lines.append(f'    QT_TRANSLATE_NOOP("{CONTEXT}", {_literal(template)}),')
    lines.append(")")
    lines += ["", "UI_WRAPPED = ("]
    for context, texts in ui_wrapper_strings().items():
        lines.append(f"    # {WRAPPER}() of context {context}")
        lines += [f'    QT_TRANSLATE_NOOP("{context}", {_literal(text)}),' for text in texts]
    lines.append(")")
    return "\n".join(lines) + "\n"


def _literal(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
               .replace("\r", "\\r"))
    return f'"{escaped}"'


def lupdate_sources() -> list[str]:
    return [str(p.relative_to(ROOT)) for p in sorted(UI_DIR.glob("*.py"))] + [
        str(CORE_MESSAGES.relative_to(ROOT))]


def run_lupdate(ts: Path) -> None:
    tool = find_tool("lupdate")
    if tool is None:
        raise SystemExit("pyside6-lupdate not found (pip install PySide6-Essentials)")
    subprocess.run([tool, "-no-obsolete", "-locations", "relative", "-source-language", "zh_CN",
                    "-target-language", "en", *lupdate_sources(), "-ts", str(ts)],
                   check=True, cwd=ROOT, capture_output=True)


def run_lrelease(ts: Path, qm: Path) -> None:
    tool = find_tool("lrelease")
    if tool is None:
        raise SystemExit("pyside6-lrelease not found (pip install PySide6-Essentials)")
    subprocess.run([tool, str(ts), "-qm", str(qm)], check=True, capture_output=True)


def messages(ts: Path = TS) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(context.findtext("name") or "", message)
            for context in root.iter("context") for message in context.iter("message")]


def unfinished(ts: Path = TS) -> list[tuple[str, str]]:
    """(context, source) of every entry without a finished translation."""
    out = []
    for context, message in messages(ts):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
            out.append((context, message.findtext("source") or ""))
    return out


_CONTEXT_RE = re.compile(r"<context>(.*?)</context>", re.S)
_MESSAGE_RE = re.compile(r"<message( numerus=\"yes\")?>(.*?)</message>", re.S)
_UNFINISHED_RE = re.compile(r'<translation type="unfinished"(?:/>|>.*?</translation>)', re.S)


def apply_translations(entries: list[dict], ts: Path = TS) -> int:
    """Put ``{"context", "source", "translation"}`` entries (``translation`` a list of two forms for a %n
    message) into the unfinished entries of ``ts``; returns how many were filled in."""
    wanted = {(e["context"], e["source"]): e["translation"] for e in entries if e.get("translation")}
    filled = 0

    def message(context: str, m: re.Match) -> str:
        nonlocal filled
        body = m.group(2)
        source = html.unescape(re.search(r"<source>(.*?)</source>", body, re.S).group(1))
        translation = wanted.get((context, source))
        if translation is None or not _UNFINISHED_RE.search(body):
            return m.group(0)
        if m.group(1):
            forms = [translation] * 2 if isinstance(translation, str) else list(translation)
            new = "<translation>" + "".join(f"\n            <numerusform>{html.escape(f, quote=False)}</numerusform>"
                                            for f in forms) + "\n        </translation>"
        else:
            new = f"<translation>{html.escape(translation, quote=False)}</translation>"
        filled += 1
        return m.group(0).replace(_UNFINISHED_RE.search(body).group(0), new, 1)

    def context(c: re.Match) -> str:
        name = html.unescape(re.search(r"<name>(.*?)</name>", c.group(1), re.S).group(1))
        return "<context>" + _MESSAGE_RE.sub(lambda m: message(name, m), c.group(1)) + "</context>"

    text = ts.read_text(encoding="utf-8")
    ts.write_text(_CONTEXT_RE.sub(context, text), encoding="utf-8")
    return filled


def update() -> None:
    CORE_MESSAGES.write_text(core_messages_source(), encoding="utf-8")
    run_lupdate(TS)
    run_lrelease(TS, QM)
    todo = unfinished()
    print(f"{TS.name}: {len(messages())} entries, {len(todo)} unfinished")
    for context, source in todo:
        print(f"  [{context}] {source!r}")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "update"
    if command == "update":
        update()
    elif command == "unfinished":
        todo = unfinished()
        if "--json" in argv:
            print(json.dumps([{"context": c, "source": s, "translation": ""} for c, s in todo], ensure_ascii=False,
                             indent=1))
        else:
            for context, source in todo:
                print(f"[{context}] {source!r}")
        return 1 if todo else 0
    elif command == "apply" and len(argv) == 2:
        entries = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        print(f"{apply_translations(entries)} entries translated; now run update.sh to compile zwgk_en.qm")
    elif command == "release":
        run_lrelease(TS, QM)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
