"""Dates as a clerk types them into 到期日 (and the CLI's date options)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from zwgk_desktop.core.messages import Msg
from zwgk_desktop.core.presenters.date_input import parse_date_input
from zwgk_desktop.core.types import UserError


@pytest.mark.parametrize("text", ["2024-10-31", "20241031", "2024/10/31", "2024.10.31", "2024年10月31日",
                                  " 2024-10-31 ", "２０２４－１０－３１", "2024年10月31"])
def test_accepted_spellings(text: str) -> None:
    assert parse_date_input(text) == date(2024, 10, 31)


def test_short_month_and_day() -> None:
    assert parse_date_input("2024-1-5") == date(2024, 1, 5)


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_means_no_date(text: str) -> None:
    assert parse_date_input(text) is None


@pytest.mark.parametrize(("text", "words"), [
    ("未设置0241031", ["未设置0241031", "2024-10-31"]),
    ("2024-13-45", ["2024-13-45", "2024年没有13月45日"]),
    ("20240230", ["20240230", "2024年没有2月30日"]),
    ("明天", ["明天"]),
    ("241031", ["241031"]),
])
def test_refused_with_a_message_naming_the_text(text: str, words: list[str]) -> None:
    with pytest.raises(UserError) as info:
        parse_date_input(text)
    message = str(info.value)
    assert all(w in message for w in words), message
    assert isinstance(info.value.args[0], Msg)


def test_cli_due_takes_the_same_spellings(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    from zwgk_desktop.cli import main
    from zwgk_desktop.paths import resource

    data = str(tmp_path / "ws")
    example = next(resource("examples").glob("*.xlsx"))
    assert main(["--data-dir", data, "import", str(example), "--yes"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "items", "--json"]) == 0
    item = json.loads(capsys.readouterr().out)[0]["id"]
    assert main(["--data-dir", data, "update", item, "--due", "20241031", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["due"] == "2024-10-31"
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", data, "update", item, "--due", "2024-13-45"])
    assert exit_info.value.code == 2
    assert "2024年没有13月45日" in capsys.readouterr().err
