"""Running the CLI in-process in tests, as a clerk types it (``main`` with the arguments)."""

from __future__ import annotations

import json

import pytest

from zwgk_desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``zwgk ARGS``."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: str):  # noqa: ANN201
    """The parsed output of ``zwgk ARGS --json``, which must succeed."""
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)
