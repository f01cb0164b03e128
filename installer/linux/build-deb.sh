#!/usr/bin/env bash
# Build a .deb (UOS, Kylin, Debian, Ubuntu; amd64 or arm64) from the PyInstaller one-folder build.
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
cat > "$root/DEBIAN/control" <<CONTROL
Package: zwgk-desktop
Version: ${version}
Architecture: ${arch}
Maintainer: zwgk-desktop <zwgk-desktop@localhost>
Depends: libegl1, libgl1, libxkbcommon0, libfontconfig1, libdbus-1-3, libxcb-cursor0
Recommends: fcitx5-frontend-qt6 | fcitx-frontend-qt6
Section: office
Priority: optional
Description: 政务公开标准目录台账 (government-disclosure checklist ledger)
 Offline desktop ledger for township and county disclosure checklists: templates, evidence,
 publication records on the official workday calendar, PDF and Excel reports.
CONTROL
dpkg-deb --root-owner-group --build "$root" dist/
