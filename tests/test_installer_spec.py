"""The frozen build carries what the pip package carries: installer/zwgk-desktop.spec's data files against
pyproject.toml's package data, the runtime lookups (zwgk_desktop/paths.py), the .deb and Inno Setup scripts
against the spec's output names; and, when a PyInstaller build is present in dist/, its real files."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "installer" / "zwgk-desktop.spec"
ISS = REPO / "installer" / "windows" / "zwgk-desktop.iss"
DEB = REPO / "installer" / "linux" / "build-deb.sh"
FROZEN = REPO / "dist" / "zwgk-desktop"


def spec_datas() -> list[tuple[Path, str]]:
    """The (source, destination) pairs of the spec's ``datas = [...]`` list, evaluated with ROOT = the repo."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets if isinstance(t, ast.Name)] == ["datas"]:
            pairs = eval(compile(ast.Expression(node.value), str(SPEC), "eval"), {"ROOT": REPO, "str": str})
            return [(Path(src), dest) for src, dest in pairs]
    raise AssertionError("no datas list in the spec")


def package_data_files() -> dict[str, Path]:
    """Every file pip installs as package data: its path inside site-packages -> its source file."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    dirs = config["package-dir"]
    files: dict[str, Path] = {}
    for package, patterns in config["package-data"].items():
        source = REPO / dirs.get(package, package.replace(".", "/"))
        for pattern in patterns:
            for file in source.glob(pattern):
                if file.is_file():
                    files[package.replace(".", "/") + "/" + file.relative_to(source).as_posix()] = file
    return files


def frozen_destination(source: Path) -> str | None:
    """Where the spec puts ``source`` inside the frozen build, or None when no data entry covers it."""
    for src, dest in spec_datas():
        if source == src:
            return dest
        if src in source.parents:
            return f"{dest}/{source.relative_to(src).as_posix()}"
    return None


def test_every_package_data_file_is_in_the_frozen_build_at_the_same_place() -> None:
    files = package_data_files()
    assert len(files) > 10 and any(p.endswith(".ttf") for p in files) and any("versions/" in p for p in files)
    wrong = {installed: frozen_destination(src) for installed, src in files.items()
             if frozen_destination(src) != installed}
    assert not wrong, f"package data the spec misses or puts elsewhere: {wrong}"


def test_spec_sources_exist_and_land_where_paths_py_looks() -> None:
    for src, _dest in spec_datas():
        assert src.exists(), src
    paths_py = (REPO / "zwgk_desktop" / "paths.py").read_text(encoding="utf-8")
    assert '"zwgk_desktop" / "resources"' in paths_py  # the frozen lookup under sys._MEIPASS
    assert ("resources", "zwgk_desktop/resources") in [(s.name, d) for s, d in spec_datas()]


def test_spec_names_match_the_installers() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    assert re.search(r'name="zwgk-desktop"', spec) and re.search(r'name="zwgk"', spec)
    assert 'COLLECT(' in spec and 'name="zwgk-desktop")' in spec  # dist/zwgk-desktop/
    iss = ISS.read_text(encoding="utf-8")
    assert r'Source: "..\..\dist\zwgk-desktop\*"' in iss
    assert r"{app}\zwgk-desktop.exe" in iss
    assert re.search(r'#define AppVersion "([^"]+)"', iss).group(1) == __import__("zwgk_desktop").__version__
    deb = DEB.read_text(encoding="utf-8")
    assert "cp -r dist/zwgk-desktop" in deb
    assert "/opt/zwgk-desktop/zwgk-desktop" in deb and "/opt/zwgk-desktop/zwgk " in deb
    desktop = (REPO / "installer" / "linux" / "zwgk-desktop.desktop").read_text(encoding="utf-8")
    assert "Exec=/opt/zwgk-desktop/zwgk-desktop" in desktop and "Icon=zwgk-desktop" in desktop
    assert (REPO / "resources" / "icons" / "zwgk-desktop.png").is_file()
    assert (REPO / "installer" / "windows" / "zwgk-desktop.ico").is_file()


@pytest.mark.skipif(not (FROZEN / "_internal").is_dir(), reason="no PyInstaller build in dist/ "
                    "(pyinstaller installer/zwgk-desktop.spec --noconfirm)")
def test_the_built_frozen_folder_holds_every_package_data_file_and_the_ibus_plugin() -> None:
    internal = FROZEN / "_internal"
    missing = [p for p in package_data_files() if not (internal / p).is_file()]
    assert not missing, missing
    plugins = internal / "PySide6" / "Qt" / "plugins"
    if plugins.is_dir():  # Linux layout; Windows puts plugins under PySide6/plugins
        assert list((plugins / "platforminputcontexts").glob("*ibus*")), "Chinese input needs the ibus plugin"
        assert list((plugins / "platforms").glob("*xcb*"))
