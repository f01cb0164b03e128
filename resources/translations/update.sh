#!/bin/sh
# Regenerate the English translation of the window (run from anywhere):
#
#   resources/translations/update.sh
#
# 1. catalog.py collects every literal msg("…") template of zwgk_desktop/core into core_messages.py
#    (context "core"), then pyside6-lupdate scans zwgk_desktop/ui/*.py (self.tr(...),
#    QCoreApplication.translate("Context", ...), QT_TRANSLATE_NOOP("Context", ...)) and core_messages.py and
#    merges new or changed Chinese source strings into zwgk_en.ts (existing translations are kept; strings
#    no longer in the code are dropped: -no-obsolete). It lists the entries still unfinished.
# 2. Translate them (type="unfinished") in zwgk_en.ts, with Qt Linguist (pyside6-linguist) or a text editor;
#    `python resources/translations/catalog.py unfinished` lists what is left. tests/test_translation.py
#    fails while any entry is unfinished or loses a placeholder (%1, {0}, {name}, %n).
# 3. Run this script again (or `catalog.py release`) to compile zwgk_en.ts to zwgk_en.qm, which the app
#    loads for --lang en (or 语言 / Language = English in 设置, or an English system locale). Commit
#    zwgk_en.ts, zwgk_en.qm and core_messages.py.
#
# The tools come with PySide6: they are found next to the Python that runs catalog.py (the project's
# .venv when there is one, else $PYTHON or python3), on PATH, or in PySide6's package folder.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ -n "${PYTHON:-}" ]; then
    python=$PYTHON
elif [ -x "$root/.venv/bin/python" ]; then
    python="$root/.venv/bin/python"
else
    python=python3
fi
exec "$python" "$here/catalog.py" update
