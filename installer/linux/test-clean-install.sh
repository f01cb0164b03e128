#!/usr/bin/env bash
# Install the .deb on a clean Debian root (debootstrap, minbase) and use it as a clerk would:
# desktop entry, icon, both commands, the window on an X server (screenshot), a PDF report; then remove
# the package and check the clerk's workspace is still there.
#
#   bash installer/linux/test-clean-install.sh [dist/zwgk-desktop_*.deb] [OUT_DIR]
#
# Needs root, debootstrap, Xvfb and ImageMagick's `import` on the host (Debian/Ubuntu), and the Debian
# mirror (ZWGK_MIRROR, default deb.debian.org). The clean base (ZWGK_CLEAN_BASE, default
# /var/tmp/zwgk-clean-base, made once: about 3 minutes) is copied for every run, so each run starts clean.
# Output: OUT_DIR (default build/clean-install) holds window.png, report.pdf and log.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
deb=$(realpath "${1:-$(ls -t dist/zwgk-desktop_*.deb | head -1)}")
out=$(realpath -m "${2:-build/clean-install}")
suite=${ZWGK_SUITE:-bookworm}
mirror=${ZWGK_MIRROR:-http://deb.debian.org/debian}
base=${ZWGK_CLEAN_BASE:-/var/tmp/zwgk-clean-base}-$suite
display=${ZWGK_CLEAN_DISPLAY:-:27}
[ "$(id -u)" -eq 0 ] || { echo "run as root (chroot, mounts)"; exit 2; }
mkdir -p "$out"
exec > >(tee "$out/log.txt") 2>&1

step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*"; exit 1; }

if [ ! -x "$base/bin/sh" ]; then
  step "debootstrap $suite (minbase) into $base"
  debootstrap --variant=minbase "$suite" "$base.tmp" "$mirror" >/dev/null
  mv "$base.tmp" "$base"
fi

root=$(mktemp -d /var/tmp/zwgk-clean-root.XXXXXX)
xvfb_pid=""
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  for m in tmp/.X11-unix dev/pts dev sys proc; do umount -l "$root/$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
step "fresh copy of the clean base: $(du -sh "$base" | cut -f1)"
cp -a "$base/." "$root/"
mount -t proc proc "$root/proc"; mount --rbind /sys "$root/sys"; mount --rbind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf"
in_root() { chroot "$root" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
as_clerk() { chroot --userspec=1000:1000 "$root" env -i PATH=/usr/bin:/bin HOME=/home/clerk LANG=zh_CN.UTF-8 \
  LC_ALL=C.UTF-8 "$@"; }

step "absent before: $(in_root sh -c 'command -v zwgk zwgk-desktop || echo "no zwgk, no zwgk-desktop"')"
in_root useradd -m -u 1000 clerk

step "apt-get install ./$(basename "$deb")"
cp "$deb" "$root/tmp/"
in_root apt-get update -qq
before=$(in_root dpkg-query -W -f '.\n' | wc -l)
in_root apt-get install -y -qq "/tmp/$(basename "$deb")" >/dev/null
echo "installed; $(( $(in_root dpkg-query -W -f '.\n' | wc -l) - before )) packages added with their dependencies"
in_root dpkg -s zwgk-desktop | grep -E '^(Version|Depends|Recommends|Installed-Size)'

step "desktop entry and icon"
entry=$root/usr/share/applications/zwgk-desktop.desktop
[ -f "$entry" ] || fail "no desktop entry"
cat "$entry"
exec_cmd=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$entry")
icon=$(sed -n 's/^Icon=//p' "$entry")
[ -x "$root$exec_cmd" ] || fail "Exec=$exec_cmd is not an executable in the installed root"
in_root test -f "/usr/share/icons/hicolor/256x256/apps/$icon.png" || fail "icon $icon not in hicolor"
file "$root/usr/share/icons/hicolor/256x256/apps/$icon.png" 2>/dev/null || true
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$entry" && echo "desktop-file-validate: ok"; fi
echo "Exec $exec_cmd and Icon $icon resolve"

step "both commands"
as_clerk zwgk --version
as_clerk zwgk-desktop --version
ex=$(cd "$root" && ls opt/zwgk-desktop/_internal/zwgk_desktop/resources/examples/示例-*.xlsx | head -1)
as_clerk zwgk --data-dir /home/clerk/台账 import "/$ex"
as_clerk zwgk --data-dir /home/clerk/台账 settings --office 测试乡人民政府 >/dev/null
as_clerk zwgk --data-dir /home/clerk/台账 note "$(as_clerk zwgk --data-dir /home/clerk/台账 items | head -1 | cut -c1-8)" "安装测试的备注"

step "PDF report from the installed app"
as_clerk zwgk --data-dir /home/clerk/台账 report pdf /home/clerk/自查报告.pdf
cp "$root/home/clerk/自查报告.pdf" "$out/report.pdf"
head -c 5 "$out/report.pdf" | grep -q '%PDF-' || fail "not a PDF"
if command -v pdftotext >/dev/null; then
  text=$(pdftotext "$out/report.pdf" - | tr -d ' \n')
  echo "$text" | grep -q 测试乡人民政府 || fail "office name not in the report"
  echo "$text" | grep -q 安装测试的备注 || fail "the note is not in the report"
  echo "report.pdf: $(pdfinfo "$out/report.pdf" | sed -n 's/^Pages: *//p') pages, office and note found"
fi

step "the window on an X server (Xvfb $display, the installed app's own Qt and xcb plugin)"
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 & xvfb_pid=$!
sleep 1.5
mkdir -p "$root/tmp/.X11-unix"; mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
as_clerk env DISPLAY="$display" zwgk-desktop --data-dir /home/clerk/台账 >"$out/window-app.log" 2>&1 & app=$!
for _ in $(seq 60); do
  DISPLAY=$display xdotool search --onlyvisible --name 政务公开台账 >/dev/null 2>&1 && break; sleep 0.5
done
sleep 3
DISPLAY=$display import -window root "$out/window.png"
kill -0 "$app" 2>/dev/null || { cat "$out/window-app.log"; fail "the window did not stay up"; }
echo "window shown; screenshot $out/window.png"
kill "$app"; wait "$app" 2>/dev/null || true
umount -l "$root/tmp/.X11-unix"
as_clerk zwgk-desktop --screenshot /home/clerk/offscreen.png --data-dir /home/clerk/台账
cp "$root/home/clerk/offscreen.png" "$out/offscreen.png"

step "removal leaves the workspace alone"
sum_before=$(sha256sum "$root/home/clerk/台账/zwgk.sqlite" | cut -d' ' -f1)
in_root apt-get purge -y -qq zwgk-desktop >/dev/null
in_root sh -c 'command -v zwgk zwgk-desktop' && fail "commands still installed"
[ -e "$root/opt/zwgk-desktop" ] && fail "/opt/zwgk-desktop left behind"
[ -e "$entry" ] && fail "desktop entry left behind"
[ "$(sha256sum "$root/home/clerk/台账/zwgk.sqlite" | cut -d' ' -f1)" = "$sum_before" ] || fail "workspace changed"
ls "$root/home/clerk/台账"
echo "purged: no commands, no /opt/zwgk-desktop, no desktop entry; workspace unchanged ($sum_before)"

step "reinstall finds the workspace"
in_root apt-get install -y -qq "/tmp/$(basename "$deb")" >/dev/null
as_clerk zwgk --data-dir /home/clerk/台账 items | head -1
echo
echo "CLEAN INSTALL OK ($suite, $(dpkg --print-architecture), glibc $(in_root ldd --version | head -1 | awk '{print $NF}'))"
