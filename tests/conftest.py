"""Shared test setup: offscreen Qt, the real fixtures from ../shared/fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO.parent / "shared" / "fixtures"
if not FIXTURES.is_dir():  # a checkout without shared/ beside it: use the copies under tests/data
    FIXTURES = REPO / "tests" / "data" / "fixtures"


@pytest.fixture
def fixtures_dir() -> Path:
    assert FIXTURES.is_dir(), f"missing real fixtures at {FIXTURES}"
    return FIXTURES
