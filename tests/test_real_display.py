"""The window's GUI tests once more on a real X server: Xvfb with a window manager, ``QT_QPA_PLATFORM=xcb``.

Offscreen is not enough: a progress dialog that came back after its task had ended and locked the window
passed every offscreen test (issue 8.1). Every test in ``tests/test_gui_*.py`` is marked ``xvfb`` (see
conftest.py); this test starts Xvfb (and openbox when installed) on a free display and runs ``pytest -m xvfb``
there in a child process. ``.ci/run`` installs Xvfb; without it the test is skipped with the reason shown.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
INSIDE = "ZWGK_REAL_DISPLAY_RUN"


def _start_xvfb() -> tuple[subprocess.Popen, str]:
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        proc.kill()
        pytest.fail("Xvfb did not start")
    return proc, f":{number}"


@pytest.mark.skipif(bool(os.environ.get(INSIDE)), reason="already running on the real display")
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Xvfb is a Linux X server")
def test_gui_tests_pass_on_a_real_x_server() -> None:
    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb is not installed (apt-get install xvfb): the GUI tests ran offscreen only")
    xvfb, display = _start_xvfb()
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", INSIDE: "1"}
    env.pop("WAYLAND_DISPLAY", None)
    wm = None
    if shutil.which("openbox"):  # dialogs are placed, focused and raised as on a desktop
        wm = subprocess.Popen(["openbox", "--sm-disable"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
        time.sleep(0.5)
    try:
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-m", "xvfb", "-p", "no:cacheprovider",
                              "-o", "addopts=", str(REPO / "tests")],
                             cwd=REPO, env=env, capture_output=True, text=True, timeout=1800)
    finally:
        for proc in (wm, xvfb):
            if proc is not None:
                proc.terminate()
                proc.wait(10)
    lines = (run.stdout + run.stderr).splitlines()
    failures = [line for line in lines if line.startswith(("FAILED", "ERROR", "E  "))]
    tail = "\n".join(failures[:80] + ["…"] + lines[-40:])
    assert run.returncode == 0, f"GUI tests failed on the real X server ({display}):\n{tail}"
    assert " passed" in run.stdout and " failed" not in run.stdout, tail
