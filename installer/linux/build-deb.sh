#!/usr/bin/env bash
# Build a .deb (UOS, Kylin, Debian, Ubuntu; amd64 or arm64) from the PyInstaller one-folder build.
# Chinese input: the bundled Qt reaches fcitx5 and ibus through its own ibus plugin (the app sets
# QT_IM_MODULE=ibus at start when needed); distribution Qt plugins (fcitx5-frontend-qt6) cannot be used.
#   pyinstaller installer/zwgk-desktop.spec --noconfirm && bash installer/linux/build-deb.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(python3 -c "import zwgk_desktop; print(zwgk_desktop.__version__)")
arch=$(dpkg --print-architecture)
root=build/deb/zwgk-desktop_${version}_${arch}
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
         "$root/usr/share/icons/hicolor/256x256/apps"
cp -r dist/zwgk-desktop "$root/opt/zwgk-desktop"
ln -s /opt/zwgk-desktop/zwgk-desktop "$root/usr/bin/zwgk-desktop"
ln -s /opt/zwgk-desktop/zwgk "$root/usr/bin/zwgk"
cp installer/linux/zwgk-desktop.desktop "$root/usr/share/applications/"
cp resources/icons/zwgk-desktop.png "$root/usr/share/icons/hicolor/256x256/apps/"
# The oldest glibc the bundled binaries accept (PySide6's Qt, and the libraries PyInstaller copied from
# this build machine): apt refuses the package on an older system instead of it failing at start.
glibc=$(find dist/zwgk-desktop -type f \( -name '*.so*' -o -name 'zwgk*' \) -exec objdump -T {} + 2>/dev/null \
        | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1) || true  # objdump fails on non-ELF files
cat > "$root/DEBIAN/control" <<CONTROL
Package: zwgk-desktop
Version: ${version}
Architecture: ${arch}
Maintainer: zwgk-desktop <zwgk-desktop@localhost>
Depends: libc6 (>= ${glibc}), libegl1, libgl1, libxkbcommon0, libfontconfig1, libdbus-1-3, libxcb-cursor0
Suggests: fcitx5-chinese-addons | ibus-libpinyin
Section: office
Priority: optional
Description: 政务公开标准目录台账 (government-disclosure checklist ledger)
 Offline desktop ledger for township and county disclosure checklists: templates, evidence,
 publication records on the official workday calendar, PDF and Excel reports.
CONTROL
dpkg-deb --root-owner-group --build "$root" dist/
