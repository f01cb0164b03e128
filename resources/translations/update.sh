#!/bin/sh
# Regenerate the English translation of the window (run from anywhere, in the venv with PySide6):
#
#   resources/translations/update.sh
#
# 1. pyside6-lupdate scans zwgk_desktop/ui/*.py for self.tr(...), QCoreApplication.translate("Context", ...)
#    and QT_TRANSLATE_NOOP("Context", ...) markers and merges new or changed Chinese source strings into
#    zwgk_en.ts (existing translations are kept; strings no longer in the code are dropped: -no-obsolete).
# 2. Translate the new entries (type="unfinished") in zwgk_en.ts, with Qt Linguist or a text editor;
#    tests/test_translation.py fails while any entry is unfinished or loses a placeholder (%1, {0}, %n).
# 3. pyside6-lrelease compiles zwgk_en.ts to zwgk_en.qm, which the app loads for --lang en
#    (or 语言 / Language = English in 设置, or an English system locale). Commit both files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
pyside6-lupdate -no-obsolete -locations relative -source-language zh_CN -target-language en \
    zwgk_desktop/ui/*.py -ts resources/translations/zwgk_en.ts
pyside6-lrelease resources/translations/zwgk_en.ts -qm resources/translations/zwgk_en.qm
