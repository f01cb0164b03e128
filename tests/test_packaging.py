"""Packaging: every package of the source tree is listed in pyproject.toml, resources are package data."""

from __future__ import annotations

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+; the app itself runs on 3.10

REPO = Path(__file__).resolve().parents[1]


def test_every_package_is_listed() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "zwgk_desktop").rglob("__init__.py")}
    assert found | {"zwgk_desktop.resources"} == listed
    assert config["package-dir"]["zwgk_desktop.resources"] == "resources"
    data = config["package-data"]["zwgk_desktop.resources"]
    for pattern in data:
        assert list((REPO / "resources").glob(pattern)), pattern
