#!/usr/bin/env bash
# What fcitx 4 (older Kylin with Sogou) does with the installed app, on a clean Debian root (fcitx 4 and
# fcitx5's pinyin conflict as Debian packages, so this runs apart from tests/test_ime_typing.py):
#   1. a GTK 3 entry (fcitx-frontend-gtk3) converts `nihao` + space: the harness and fcitx 4 work;
#   2. the installed app with the session's QT_IM_MODULE=fcitx: what reaches 备注-like text, and whether the
#      app tells the clerk (the 中文输入法 hint);
#   3. Debian's fcitx 4 Qt 6 plugin (fcitx-frontend-qt6, built for Debian's Qt) copied into the app's Qt.
#   bash installer/linux/check-fcitx4.sh [dist/zwgk-desktop_*.deb] [OUT_DIR]
# Needs root, Xvfb and the clean base of test-clean-install.sh (ZWGK_CLEAN_BASE).
set -uo pipefail
cd "$(dirname "$0")/../.."
deb=$(realpath "${1:-$(ls -t dist/zwgk-desktop_*.deb | head -1)}")
out=$(realpath -m "${2:-build/fcitx4}")
base=${ZWGK_CLEAN_BASE:-/var/tmp/zwgk-clean-base}-${ZWGK_SUITE:-bookworm}
display=${ZWGK_FCITX4_DISPLAY:-:28}
mkdir -p "$out"
exec > >(tee "$out/log.txt") 2>&1
[ -x "$base/bin/sh" ] || { echo "no clean base at $base: run test-clean-install.sh first"; exit 2; }

root=$(mktemp -d /var/tmp/zwgk-fcitx4-root.XXXXXX)
xvfb_pid=""
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  for m in tmp/.X11-unix dev sys proc; do umount -l "$root/$m" 2>/dev/null; done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
cp -a "$base/." "$root/"
mount -t proc proc "$root/proc"; mount --rbind /sys "$root/sys"; mount --rbind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf"; cp "$deb" "$root/tmp/"
chroot "$root" apt-get update -qq
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  fcitx-bin fcitx-pinyin fcitx-frontend-gtk3 fcitx-frontend-qt6 fcitx-module-dbus fcitx-module-x11 fcitx-ui-classic \
  dbus dbus-x11 xdotool openbox imagemagick python3-gi gir1.2-gtk-3.0 "/tmp/$(basename "$deb")" >/dev/null 2>&1 \
  || { echo "could not install fcitx 4 packages"; exit 1; }
echo "fcitx $(chroot "$root" dpkg-query -W -f '${Version}' fcitx-bin), app $(chroot "$root" dpkg-query -W -f '${Version}' zwgk-desktop)"

Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 & xvfb_pid=$!
sleep 1.5
mkdir -p "$root/tmp/.X11-unix"; mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
mkdir -p "$root/root/.config/fcitx"
printf '[Profile]\nIMName=pinyin\nEnabledIMList=fcitx-keyboard-us:True,pinyin:True\n' > "$root/root/.config/fcitx/profile"
cat > "$root/tmp/gtk_probe.py" <<'PY'
import sys, gi
gi.require_version("Gtk", "3.0")
from gi.repository import Gtk, GLib
w = Gtk.Window(title="imeprobe"); e = Gtk.Entry(); w.add(e); w.show_all()
def done(*a):
    print(e.get_text(), flush=True); Gtk.main_quit()
GLib.timeout_add(int(sys.argv[1]), done); Gtk.main()
PY
cat > "$root/tmp/session.sh" <<'SH'
set -u
eval "$(dbus-launch --sh-syntax)"
openbox >/dev/null 2>&1 &
fcitx -d >/tmp/fcitx.log 2>&1; sleep 3
export GTK_IM_MODULE=fcitx QT_IM_MODULE=fcitx XMODIFIERS=@im=fcitx
type_nihao() {  # window name
  local w; for _ in $(seq 60); do w=$(xdotool search --onlyvisible --name "$1" | head -1); [ -n "$w" ] && break; sleep 0.5; done
  xdotool windowactivate --sync "$w"; sleep 1; fcitx-remote -o; sleep 0.3
  echo "fcitx-remote state: $(fcitx-remote) (2 = pinyin active for the focused window)"
  xdotool type --delay 80 nihao; xdotool key space; sleep 1
}
echo "== 1. GTK 3 entry"
python3 /tmp/gtk_probe.py 9000 > /tmp/gtk.txt & p=$!
type_nihao imeprobe; wait $p; echo "GTK entry holds: '$(cat /tmp/gtk.txt)'"

echo "== 2. the installed app, QT_IM_MODULE=fcitx (search field)"
zwgk --data-dir /root/ws import /opt/zwgk-desktop/_internal/zwgk_desktop/resources/examples/示例-*.xlsx >/dev/null
zwgk-desktop --data-dir /root/ws > /tmp/app.log 2>&1 & app=$!
sleep 6
hint=$(xdotool search --onlyvisible --name 中文输入法 | head -1)
echo "hint dialog 中文输入法 shown: $([ -n "$hint" ] && echo yes || echo no)"
import -window root /tmp/hint.png 2>/dev/null || true
[ -n "$hint" ] && { xdotool windowactivate --sync "$hint"; xdotool key Return; sleep 1; }
w=$(xdotool search --onlyvisible --name 政务公开台账 | head -1)
xdotool windowactivate --sync "$w"; xdotool key ctrl+f; sleep 0.5
type_nihao 政务公开台账
import -window root /tmp/typed.png 2>/dev/null || true
grep "input method" ~/.local/state/zwgk-desktop/log/zwgk-desktop.log | tail -1
kill $app; wait $app 2>/dev/null

echo "== 3. Debian's fcitx 4 Qt 6 plugin copied into the app's Qt"
plugin=$(ls /usr/lib/*/qt6/plugins/platforminputcontexts/libfcitxplatforminputcontextplugin*.so | head -1)
echo "plugin: $plugin (Debian Qt $(dpkg-query -W -f '${Version}' libqt6core6 2>/dev/null))"
cp "$plugin" /opt/zwgk-desktop/_internal/PySide6/Qt/plugins/platforminputcontexts/
QT_DEBUG_PLUGINS=1 timeout 20 zwgk-desktop --data-dir /root/ws > /tmp/app3.log 2>&1 & app=$!
sleep 6
grep -i -E "fcitx.*(error|cannot|not|fail|version|mismatch)|Cannot load library.*fcitx" /tmp/app3.log | head -5
kill $app 2>/dev/null; wait $app 2>/dev/null
SH
chroot "$root" env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 DISPLAY="$display" bash /tmp/session.sh
cp "$root/tmp/hint.png" "$out/hint.png" 2>/dev/null || true
cp "$root/tmp/typed.png" "$out/typed.png" 2>/dev/null || true
