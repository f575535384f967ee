"""`contact list` for a person: by name, 50 at a time, then how many more and how to see them;
`--limit`, `--all`, `--role`. `--json` with no flag still lists every contact."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.cli.conftest import Cli


def add_people(cli: Cli, count: int) -> None:
    for n in range(count):
        cli("contact", "add", f"Person {n:03d} <p{n}@example.org>", "--role", "interviewer")


def test_a_person_sees_a_page_and_how_to_see_the_rest(cli: Cli) -> None:
    cli("init", "--tz", "Europe/Brussels")
    add_people(cli, 53)
    out = cli("contact", "list").out
    assert "Person 049" in out
    assert "Person 050" not in out
    assert out.splitlines()[-1] == "3 more: followthrough contact list --all"
    every = cli("contact", "list", "--all").out
    assert "Person 052" in every
    assert "more:" not in every
    short = cli("contact", "list", "--limit", "2").out
    assert "Person 001" in short
    assert "Person 002" not in short
    assert short.splitlines()[-1] == "51 more: followthrough contact list --all"


def test_json_lists_every_contact_unless_limited(cli: Cli) -> None:
    cli("init", "--tz", "Europe/Brussels")
    add_people(cli, 53)
    assert len(cli.json("contact", "list")) == 53
    assert [c["name"] for c in cli.json("contact", "list", "--limit", "2")] == [
        "Person 000",
        "Person 001",
    ]
    assert cli.json("contact", "list", "--role", "recruiter") == []


def test_a_bad_limit_is_a_usage_error_naming_the_option(cli: Cli) -> None:
    cli("init", "--tz", "Europe/Brussels")
    for value in ("0", "-3", "ten"):
        done = cli("contact", "list", "--limit", value, ok=False)
        assert done.code == 2
        assert "--limit" in done.err
    both = cli("contact", "list", "--limit", "5", "--all", ok=False)
    assert both.code == 2
