"""`app list` for a person: the open applications, most recent first, a page at a time, with a
line saying what was left out; `--status`, `--limit`, `--all`. `--json` with no flag still lists
every application (scripts rely on it) and honours the flags when given. `today --all`.

The seeded database (conftest): application 1, ACME, interviewing; application 2, Initech,
rejected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.cli.conftest import Cli, Ft


def ids(cli: Cli, *args: str) -> list[int]:
    return [a["id"] for a in cli.json("app", "list", *args)]


def test_a_person_sees_the_open_ones_and_how_to_see_the_rest(seeded_cli: Cli) -> None:
    out = seeded_cli("app", "list").out
    assert "ACME" in out
    assert "Data Engineer" in out
    assert "Initech" not in out
    assert out.splitlines()[-1] == "1 closed not shown: followthrough app list --all"
    every = seeded_cli("app", "list", "--all").out
    assert "ACME" in every
    assert "Initech" in every
    assert "rejected" in every
    assert "more" not in every
    assert "not shown" not in every


def test_json_without_flags_lists_every_application(seeded_cli: Cli) -> None:
    assert ids(seeded_cli) == [2, 1]
    assert ids(seeded_cli, "--all") == [2, 1]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--status", "rejected"], [2]),
        (["--status", "open"], [1]),
        (["--status", "interviewing"], [1]),
        (["--status", "open,rejected"], [2, 1]),
        (["--status", "applied", "--status", "Rejected"], [2]),
        (["--status", "all"], [2, 1]),
        (["--status", "offer"], []),
        (["--limit", "1"], [2]),
        (["--status", "open", "--all"], [1]),
    ],
)
def test_json_honours_the_flags(seeded_cli: Cli, args: list[str], expected: list[int]) -> None:
    assert ids(seeded_cli, *args) == expected


def test_pages_of_twenty_most_recent_first(seeded_cli: Cli) -> None:
    for n in range(3, 26):
        seeded_cli("app", "add", "--company", f"Company {n}", "--role", "Analyst",
                   now=f"2026-11-20T{(n % 10) + 10}:{n:02d}+01:00")  # fmt: skip
    wide = {"COLUMNS": "120"}  # a row a line
    lines = seeded_cli("app", "list", env=wide).out.splitlines()
    assert lines[-1] == "4 more open and 1 closed: followthrough app list --all"
    rows = [line.split()[0] for line in lines[2:-1]]
    newest = [a["id"] for a in seeded_cli.json("app", "list", "--status", "open")][:20]
    assert rows == [str(i) for i in newest]
    assert len(rows) == 20
    out = seeded_cli("app", "list", "--status", "applied", "--limit", "3", env=wide).out
    assert out.splitlines()[-1] == "20 more: followthrough app list --status applied --all"
    assert len(out.splitlines()) == 2 + 3 + 1
    every = seeded_cli("app", "list", "--all", env=wide).out.splitlines()[2:]
    assert sum(1 for line in every if line[:2].strip().isdigit()) == 25


def test_an_empty_selection_says_so(seeded_cli: Cli) -> None:
    assert seeded_cli("app", "list", "--status", "offer").out == "No offer applications.\n"


def test_no_application_yet_says_how_to_add_one(cli: Cli) -> None:
    cli("init", "--tz", "UTC")
    assert cli("app", "list").out.startswith("No applications yet: followthrough app add")


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["--limit", "0"], ["'--limit'", "give 1 or more", "--all"]),
        (["--limit", "-3"], ["'--limit'", "give 1 or more"]),
        (["--limit", "lots"], ["'--limit'", "'lots' is not a whole number", "--limit 50"]),
        (["--limit", ""], ["'--limit'", "not a whole number"]),
        (["--status", "hired"], ["'--status'", "'hired' is not a status", "rejected,withdrawn"]),
        (["--status", "open,"], ["'--status'", "'' is not a status"]),
        (["--limit", "5", "--all"], ["--limit and --all"]),
    ],
    ids=["zero", "negative", "words", "empty", "unknown-status", "empty-status", "both"],
)
def test_bad_flags_are_usage_errors(seeded_ft: Ft, args: list[str], needles: list[str]) -> None:
    for json_flag in ([], ["--json"]):
        run = seeded_ft("app", "list", *args, *json_flag)
        assert run.code == 2, run.err
        assert run.out == ""
        assert "Traceback" not in run.err
        error = run.err_lines[-1]
        assert error.startswith("Error: ")
        for needle in needles:
            assert needle in error, error


def test_today_all_prints_the_same_json(seeded_cli: Cli) -> None:
    assert seeded_cli.json("today", "--all") == seeded_cli.json("today")
    assert "Mark progress" in seeded_cli("today", "--all").out
