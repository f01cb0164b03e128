"""Typing Chinese into the real window with fcitx5 and with ibus, as a clerk on UOS/Kylin/Debian does.

Each test starts a private desktop (Xvfb, D-Bus session, openbox, the input method daemon with pinyin:
tests/ime_desktop.py), imports the bundled example with the CLI, starts ``zwgk-desktop`` on it with the
session's usual variables (fcitx5: ``QT_IM_MODULE=fcitx``, a plugin the PySide6 Qt lacks, which the app
replaces by ``ibus`` at start; ibus: no QT_IM_MODULE), clicks the first item, tabs to 备注, switches to pinyin,
types ``nihao`` and a space with xdotool, tabs out (the note is saved on focus-out), closes the window and
reads the note back from the workspace with ``zwgk items --json``. A control run keeps a session module
that reaches no input method (compose) and finds the plain letters, so the test can fail.

Marked ``ime``. Skipped, with the missing packages named, only where they are not installed (.ci/run
installs them on Debian/Ubuntu). ZWGK_IME_SCREENSHOTS=DIR keeps the screenshot of each run;
ZWGK_IME_APP=PATH runs another build of the window (e.g. the frozen dist/zwgk-desktop/zwgk-desktop or the
installed /usr/bin/zwgk-desktop) instead of this environment's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ime_desktop import ImeDesktop, free_display, missing  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
EXAMPLE = next((REPO / "resources" / "examples").glob("示例-*.xlsx"))

pytestmark = [pytest.mark.ime, pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux desktops")]


def display_for(kind: str) -> str:
    """A free X display from ZWGK_IME_DISPLAY (default 25) up."""
    return free_display(int(os.environ.get("ZWGK_IME_DISPLAY", "25").lstrip(":")))


def items(data_dir: Path) -> list[dict]:
    out = subprocess.run([str(BIN / "zwgk"), "--data-dir", str(data_dir), "items", "--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


@pytest.mark.parametrize(("kind", "session_module", "expected"), [
    ("fcitx5", "fcitx", "你好"),  # what UOS / im-config set: the app switches to ibus (fcitx5's IBus frontend)
    ("ibus", None, "你好"),
    # control: a module Qt can load is the user's choice and kept; compose reaches no input method, so the
    # letters arrive as typed (the test does see a failure)
    ("fcitx5", "compose", "nihao "),
], ids=["fcitx5", "ibus", "fcitx5-compose-control"])
def test_pinyin_typed_into_the_note_is_saved_as_chinese(kind: str, session_module: str | None, expected: str,
                                                        tmp_path: Path) -> None:
    lacking = missing(kind)
    if lacking:
        pytest.skip(f"{kind} desktop not installed here (missing: {', '.join(lacking)}); .ci/run installs it")
    data_dir = tmp_path / "ws"
    subprocess.run([str(BIN / "zwgk"), "--data-dir", str(data_dir), "import", str(EXAMPLE)], check=True,
                   capture_output=True)
    first = items(data_dir)[0]
    assert first["note"] == ""

    with ImeDesktop(kind, display_for(kind)) as desk:
        env = dict(desk.env, ZWGK_DATA_DIR=str(data_dir))
        env.pop("QT_IM_MODULE", None)
        if session_module:
            env["QT_IM_MODULE"] = session_module
        log = open(tmp_path / "app.log", "w")  # noqa: SIM115
        command = os.environ.get("ZWGK_IME_APP") or str(BIN / "zwgk-desktop")
        app = subprocess.Popen([command, "--data-dir", str(data_dir)], env=env,
                               stdout=log, stderr=subprocess.STDOUT)
        try:
            window = desk.find_window("政务公开台账")
            desk.focus(window)
            time.sleep(1.5)  # the table fills after the first paint
            # the first row of the item table (under its header), then Tab 状态 → 承办人 → 到期日 → 备注
            geometry = desk.xdotool("getwindowgeometry", "--shell", window)
            pos = dict(line.split("=") for line in geometry.splitlines())
            desk.xdotool("mousemove", str(int(pos["X"]) + 430), str(int(pos["Y"]) + 67), "click", "1")
            time.sleep(0.5)
            desk.key("Home")
            desk.key("Tab", "Tab", "Tab", "Tab")
            time.sleep(0.5)
            desk.activate()
            deadline = time.monotonic() + (10 if expected == "你好" else 1)
            while not desk.active() and time.monotonic() < deadline:
                time.sleep(0.2)
            if expected == "你好":
                assert desk.active(), f"{kind} did not switch to pinyin\n{desk.log()}"
            desk.type_keys("nihao")
            desk.key("space")
            time.sleep(1.0)
            shot = tmp_path / f"ime-{kind}.png"
            desk.screenshot(shot)
            keep = os.environ.get("ZWGK_IME_SCREENSHOTS")
            if keep:
                Path(keep).mkdir(parents=True, exist_ok=True)
                shutil.copy(shot, Path(keep) / shot.name)
            desk.key("Tab")  # leave 备注: the note is saved on focus-out
            time.sleep(1.0)
            desk.focus(window)
            desk.key("alt+F4")  # openbox closes the window the way the clerk does
            app.wait(20)
        finally:
            if app.poll() is None:
                app.terminate()
                app.wait(10)
            log.close()
        app_log = (tmp_path / "app.log").read_text(encoding="utf-8", errors="replace")

    notes = {row["id"]: row["note"] for row in items(data_dir)}
    assert notes[first["id"]] == expected, f"notes: {notes}\napp output:\n{app_log}"
    assert app.returncode == 0, app_log
