"""A throw-away Linux desktop with a Chinese input method, for tests that type pinyin like a clerk.

``ImeDesktop(kind, display)`` starts Xvfb, a D-Bus session, openbox and the input method daemon (fcitx5
with its pinyin engine, or ibus-daemon with ibus-libpinyin) in a private HOME, and gives the environment
an application started on it needs (the variables im-config / the UOS and Kylin session scripts set).
``activate()`` switches the focused window to pinyin; ``type_keys()`` types with xdotool.

Also runnable as a script to check the harness itself against a known-good client (a GTK 3 entry, through
the input method's own GTK module):  python3 tests/ime_desktop.py fcitx5|ibus [:display]
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KINDS = ("fcitx5", "ibus")

# What each kind needs on PATH (Debian packages: xvfb openbox xdotool dbus-x11 imagemagick, and
# fcitx5 fcitx5-chinese-addons / ibus ibus-libpinyin).
COMMANDS = {
    "fcitx5": ("Xvfb", "openbox", "xdotool", "dbus-daemon", "dbus-send", "fcitx5", "fcitx5-remote", "import"),
    "ibus": ("Xvfb", "openbox", "xdotool", "dbus-daemon", "dbus-send", "ibus-daemon", "ibus", "import"),
}

FCITX5_PROFILE = """[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
"""

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def free_display(start: int = 25) -> str:
    """The first X display number from ``start`` with no server (no lock file, no socket)."""
    for number in range(start, start + 100):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return f":{number}"
    raise RuntimeError("no free X display number")


def missing(kind: str) -> list[str]:
    """The commands (and for ibus the libpinyin engine) this machine lacks for ``kind``."""
    lacking = [name for name in COMMANDS[kind] if shutil.which(name) is None]
    if kind == "ibus" and not Path("/usr/share/ibus/component/libpinyin.xml").exists():
        lacking.append("ibus-libpinyin")
    if kind == "fcitx5" and not any(Path(p).exists() for p in (
            "/usr/share/fcitx5/addon/pinyin.conf", "/usr/share/fcitx5/inputmethod/pinyin.conf")):
        lacking.append("fcitx5-chinese-addons")
    return lacking


class ImeDesktop:
    def __init__(self, kind: str, display: str = ":25", size: str = "1366x768x24") -> None:
        assert kind in KINDS, kind
        self.kind = kind
        self.display = display
        self.size = size
        self.home = Path(tempfile.mkdtemp(prefix=f"ime-{kind}-"))
        self._procs: list[subprocess.Popen[bytes]] = []
        self.env: dict[str, str] = {}

    # --- life cycle ---
    def __enter__(self) -> ImeDesktop:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _spawn(self, args: list[str], log: str) -> subprocess.Popen[bytes]:
        out = open(self.home / log, "ab")  # noqa: SIM115 - closed with the process at stop()
        proc = subprocess.Popen(args, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        self._procs.append(proc)
        return proc

    def start(self) -> None:
        runtime = self.home / "run"
        runtime.mkdir(mode=0o700)
        base = {k: v for k, v in os.environ.items()
                if not k.startswith(("QT_", "GTK_IM", "XMODIFIERS", "DBUS_", "XDG_", "IBUS_", "WAYLAND"))}
        base.update(HOME=str(self.home), XDG_CONFIG_HOME=str(self.home / ".config"),
                    XDG_DATA_HOME=str(self.home / ".local/share"), XDG_CACHE_HOME=str(self.home / ".cache"),
                    XDG_STATE_HOME=str(self.home / ".local/state"), XDG_RUNTIME_DIR=str(runtime),
                    DISPLAY=self.display, LANG="zh_CN.UTF-8", LC_ALL="C.UTF-8")
        self.env = base
        xvfb = self._spawn(["Xvfb", self.display, "-screen", "0", self.size, "-nolisten", "tcp"], "xvfb.log")
        self._wait(lambda: subprocess.run(["xdotool", "getdisplaygeometry"], env=self.env,
                                          capture_output=True).returncode == 0, "Xvfb", xvfb)
        # a session bus without service activation: a D-Bus call must never start a second daemon behind
        # the test's back (fcitx5 and ibus both ship .service files for their names)
        bus_config = self.home / "session-bus.conf"
        bus_config.write_text(BUS_CONFIG, encoding="utf-8")
        bus = subprocess.run(["dbus-daemon", f"--config-file={bus_config}", "--fork", "--print-address=1", "--print-pid=1"],
                             env=self.env, capture_output=True, text=True, check=True).stdout.split()
        self.env["DBUS_SESSION_BUS_ADDRESS"] = bus[0]
        self._bus_pid = int(bus[1])
        self._spawn(["openbox"], "openbox.log")
        if self.kind == "fcitx5":
            profile = self.home / ".config/fcitx5/profile"
            profile.parent.mkdir(parents=True)
            profile.write_text(FCITX5_PROFILE, encoding="utf-8")
            # offline: no cloud pinyin; no tray/kimpanel (no panel runs here)
            daemon = self._spawn(["fcitx5", "--disable=cloudpinyin,notificationitem,kimpanel"], "im.log")
            # its own name, then the IBus one its ibusfrontend answers on (what the PySide6 Qt talks to)
            self._wait(lambda: self.bus_has("org.fcitx.Fcitx5") and self.bus_has("org.freedesktop.IBus"),
                       "fcitx5", daemon)
            # what im-config / UOS set for fcitx5 sessions: Qt is told "fcitx" (a plugin the PySide6 Qt lacks)
            self.env.update(GTK_IM_MODULE="fcitx", QT_IM_MODULE="fcitx", XMODIFIERS="@im=fcitx")
        else:
            daemon = self._spawn(["ibus-daemon", "--xim", "--replace", "--panel=disable", "--verbose"], "im.log")
            self._wait(lambda: self.bus_has("org.freedesktop.IBus"), "ibus-daemon", daemon)
            self._wait(self._set_ibus_engine, "ibus-libpinyin", daemon)
            self.env.update(GTK_IM_MODULE="ibus", XMODIFIERS="@im=ibus")  # QT_IM_MODULE left to the app
        time.sleep(0.5)

    def stop(self) -> None:
        for proc in reversed(self._procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            if proc.stdout:
                proc.stdout.close()
        self._procs.clear()
        bus_pid = getattr(self, "_bus_pid", None)
        if bus_pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(bus_pid, 15)
            self._bus_pid = None
        shutil.rmtree(self.home, ignore_errors=True)

    def log(self, name: str = "im.log") -> str:
        path = self.home / name
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    # --- acting like a user ---
    def _wait(self, ready, what: str, proc: subprocess.Popen[bytes], timeout: float = 20) -> None:  # noqa: ANN001
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if proc.poll() is not None:
                raise RuntimeError(f"{what} exited ({proc.returncode})")
            if ready():
                return
            time.sleep(0.2)
        raise RuntimeError(f"{what} not ready after {timeout} s")

    def bus_has(self, name: str) -> bool:
        reply = subprocess.run(["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                                "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{name}"],
                               env=self.env, capture_output=True, text=True).stdout
        return "boolean true" in reply

    def _ibus(self, *args: str) -> str:
        # `ibus engine NAME` exits 1 even when it switched: callers read the engine back
        return subprocess.run(["ibus", *args], env=self.env, capture_output=True, text=True).stdout.strip()

    def _set_ibus_engine(self) -> bool:
        self._ibus("engine", "libpinyin")
        return self._ibus("engine") == "libpinyin"

    def xdotool(self, *args: str) -> str:
        return subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True,
                              check=True).stdout.strip()

    def find_window(self, name: str, timeout: float = 30) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", name], env=self.env,
                                   capture_output=True, text=True).stdout.split()
            if found:
                return found[0]
            time.sleep(0.3)
        raise TimeoutError(f"no window named {name!r}")

    def focus(self, window: str) -> None:
        self.xdotool("windowactivate", "--sync", window)
        self.xdotool("windowfocus", "--sync", window)

    def activate(self) -> None:
        """Switch the focused input context to pinyin (what the clerk does with Ctrl+Space)."""
        if self.kind == "fcitx5":
            subprocess.run(["fcitx5-remote", "-o"], env=self.env, check=True)
        elif not self._set_ibus_engine():
            raise RuntimeError("ibus did not switch to libpinyin")

    def active(self) -> bool:
        if self.kind == "fcitx5":
            return subprocess.run(["fcitx5-remote"], env=self.env, capture_output=True,
                                  text=True).stdout.strip() == "2"
        return self._ibus("engine") == "libpinyin"

    def type_keys(self, text: str, delay_ms: int = 60) -> None:
        self.xdotool("type", "--delay", str(delay_ms), text)

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--delay", "60", *keys)

    def screenshot(self, out: Path) -> None:
        subprocess.run(["import", "-window", "root", str(out)], env=self.env, check=True)


GTK_PROBE = """
import sys, gi
gi.require_version("Gtk", "3.0")
from gi.repository import Gtk, GLib
w = Gtk.Window(title="imeprobe"); e = Gtk.Entry(); w.add(e); w.show_all()
def done(*a):
    print(e.get_text(), flush=True); Gtk.main_quit()
GLib.timeout_add(int(sys.argv[1]), done); Gtk.main()
"""


def check_known_good_client(kind: str, display: str) -> str:
    """Type ``nihao`` + space into a GTK 3 entry (the IM's own GTK module) and return what it holds."""
    with ImeDesktop(kind, display) as desk:
        probe = subprocess.Popen(["/usr/bin/python3", "-c", GTK_PROBE, "8000"], env=desk.env,
                                 stdout=subprocess.PIPE, text=True)
        desk.focus(desk.find_window("imeprobe"))
        time.sleep(0.5)
        desk.activate()
        desk.type_keys("nihao")
        desk.key("space")
        out, _ = probe.communicate(timeout=30)
        return out.strip()


if __name__ == "__main__":
    kind = sys.argv[1] if len(sys.argv) > 1 else "fcitx5"
    text = check_known_good_client(kind, sys.argv[2] if len(sys.argv) > 2 else ":25")
    print(f"{kind}: GTK entry holds {text!r}")
    sys.exit(0 if text == "你好" else 1)
