; Inno Setup script: per-user installer in Chinese for the PyInstaller one-folder build.
;   1. pyinstaller installer\zwgk-desktop.spec --noconfirm
;   2. iscc installer\windows\zwgk-desktop.iss      (Inno Setup 6 with ChineseSimplified.isl)
; Installs to %LOCALAPPDATA%\Programs\zwgk-desktop without administrator rights; the workspace
; (%LOCALAPPDATA%\zwgk-desktop) is never touched by install, upgrade or uninstall.

#define AppName "政务公开台账"
#define AppVersion "0.1.0"

[Setup]
AppId={{6C3F1D2E-5B7A-4C8E-9D1F-2A3B4C5D6E7F}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=zwgk-desktop
DefaultDirName={localappdata}\Programs\zwgk-desktop
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=zwgk-desktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
UninstallDisplayIcon={app}\zwgk-desktop.exe

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "创建桌面快捷方式"; GroupDescription: "附加任务："

[Files]
Source: "..\..\dist\zwgk-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\zwgk-desktop.exe"
Name: "{group}\卸载 {#AppName}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\zwgk-desktop.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\zwgk-desktop.exe"; Description: "启动{#AppName}"; Flags: nowait postinstall skipifsilent
