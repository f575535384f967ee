"""Bad input through the real entry point: exit 1, ONE line on stderr naming the field, no
traceback, nothing written (every table dumped before and after). Usage errors exit 2.

The database is a copy of `seeded_template` (see conftest): application 1 (ACME, recruiter-led,
interview 1) and application 2 (Initech, rejected, so it has cancelled actions).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.cli.conftest import Ft, Run

Dump = Callable[[Path], str]
Refused = Callable[..., str]

GOOD_INTERVIEW = ["interview", "add", "1", "--at", "2026-11-23 10:00"]


def assert_user_error(run: Run, *needles: str) -> None:
    """Exit 1, nothing on stdout, one line on stderr containing every needle, no traceback."""
    assert run.code == 1, f"exit {run.code}\nstdout: {run.out}\nstderr: {run.err}"
    assert run.out == ""
    assert len(run.err_lines) == 1, run.err
    line = run.err_lines[0]
    assert "Traceback" not in run.err
    assert not line.startswith("internal error"), line
    for needle in needles:
        assert needle in line, f"{needle!r} not in {line!r}"


@pytest.fixture
def refused(db_dump: Dump) -> Refused:
    """Return check(ft, args, *needles, env=None): run `args`, assert a clean user error that
    wrote nothing, and return the error line."""

    def check(ft: Ft, args: list[str], *needles: str, env: dict[str, str] | None = None) -> str:
        before = db_dump(ft.db)
        run = ft(*args, env=env)
        assert_user_error(run, *needles)
        assert db_dump(ft.db) == before, "a refused command changed the database"
        return str(run.err_lines[0])

    return check


# ---------------------------------------------------------------- unknown ids


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["plan", "99"], "application 99"),
        ([*GOOD_INTERVIEW[:2], "99", *GOOD_INTERVIEW[3:]], "application 99"),
        (["log", "99", "--call"], "application 99"),
        (["interview", "show", "99"], "interview 99"),
        (["done", "999"], "action 999"),
        (["contact", "show", "99"], "contact 99"),
    ],
    ids=["plan", "interview-add", "log", "interview-show", "done", "contact-show"],
)
def test_unknown_id(seeded_ft: Ft, args: list[str], needle: str, refused: Refused) -> None:
    line = refused(seeded_ft, args, needle)
    assert line.startswith("error: ")
    assert "not found" in line


def test_unknown_interview_in_debrief(seeded_ft: Ft, tmp_path: Path, refused: Refused) -> None:
    path = tmp_path / "debrief.toml"
    path.write_text('verdict = "yes"\n', encoding="utf-8")
    refused(seeded_ft, ["debrief", "99", "--from-file", str(path)], "interview 99")


# ---------------------------------------------------------------- times and dates


def test_end_before_start(seeded_ft: Ft, refused: Refused) -> None:
    refused(seeded_ft, [*GOOD_INTERVIEW, "--end", "09:00"], "end")


def test_nonexistent_local_time_spring_forward(seeded_ft: Ft, refused: Refused) -> None:
    line = refused(seeded_ft, ["interview", "add", "1", "--at", "2026-03-29 02:30"], "at")
    assert "does not exist" in line
    assert "Europe/Brussels" in line


def test_ambiguous_local_time_fall_back_needs_an_offset(seeded_ft: Ft, refused: Refused) -> None:
    line = refused(seeded_ft, ["interview", "add", "1", "--at", "2026-10-25 02:30"], "at")
    # the message offers both explicit choices
    assert "+02:00" in line
    assert "+01:00" in line


def test_ambiguous_local_time_with_an_offset_is_accepted(seeded_ft: Ft) -> None:
    created = seeded_ft.json("interview", "add", "1", "--at", "2026-10-25 02:30+01:00",
                             "--duration", "30")
    assert created["start"] == "2026-10-25T02:30:00+01:00"
    assert created["end"] == "2026-10-25T03:00:00+01:00"
    conn = sqlite3.connect(seeded_ft.db)
    try:
        stored = conn.execute(
            "SELECT start_at FROM interviews WHERE id = ?", (created["id"],)
        ).fetchone()[0]
    finally:
        conn.close()
    assert stored.startswith("2026-10-25 01:30:00")  # UTC: the second 02:30 is 01:30Z


def test_impossible_decision_date(seeded_ft: Ft, refused: Refused) -> None:
    refused(seeded_ft, [*GOOD_INTERVIEW, "--decision-by", "2026-02-31"], "decision-by")


def test_snooze_into_the_past(seeded_ft: Ft, refused: Refused) -> None:
    refused(seeded_ft, ["snooze", "3", "--until", "2026-11-01"], "until")


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--now", "garbage", "plan", "1"], None),
        (["today", "--json"], {"FOLLOWTHROUGH_NOW": "next tuesday"}),
    ],
    ids=["flag", "env"],
)
def test_bad_now(
    seeded_ft: Ft, args: list[str], env: dict[str, str] | None, refused: Refused
) -> None:
    refused(seeded_ft, args, "now", env=env)


# ---------------------------------------------------------------- zones and countries


@pytest.mark.parametrize(
    "args",
    [
        ["init", "--tz", "Mars/Olympus"],
        ["--tz", "Mars/Olympus", "plan", "1"],
        ["settings", "tz", "Mars/Olympus"],
    ],
    ids=["init", "global", "settings"],
)
def test_unknown_time_zone(seeded_ft: Ft, args: list[str], refused: Refused) -> None:
    refused(seeded_ft, args, "tz", "Mars/Olympus")


@pytest.mark.parametrize(
    "args",
    [
        ["init", "--tz", "Europe/Brussels", "--country", "XX"],
        ["--country", "XX", "plan", "1"],
    ],
    ids=["init", "global"],
)
def test_unknown_country(seeded_ft: Ft, args: list[str], refused: Refused) -> None:
    refused(seeded_ft, args, "country", "XX")


def test_unknown_country_on_the_today_json_fast_path(seeded_ft: Ft, refused: Refused) -> None:
    seeded_ft("today")  # store today's nudge, so the fast path can answer on its own
    refused(seeded_ft, ["--country", "XX", "today", "--json"], "country", "XX")


# ---------------------------------------------------------------- e-mail addresses


def test_malformed_email_in_with(seeded_ft: Ft, refused: Refused) -> None:
    refused(seeded_ft, [*GOOD_INTERVIEW, "--with", "Ann Lee <ann@@acme>"], "with",
                  "ann@@acme")


def test_malformed_email_in_recruiter(seeded_ft: Ft, refused: Refused) -> None:
    refused(
        seeded_ft,
        ["app", "add", "--company", "Hooli", "--role", "SRE", "--recruiter",
         "Jane Roe <jane.agency.example>"],
        "recruiter", "jane.agency.example",
    )


def test_malformed_email_in_contact_add(seeded_ft: Ft, refused: Refused) -> None:
    refused(seeded_ft, ["contact", "add", "Bob", "--email", "bob at x"], "email")


def test_duplicate_contact_email(seeded_ft: Ft, refused: Refused) -> None:
    refused(seeded_ft, ["contact", "add", "Jane Again <jane@agency.example>"], "email")


def test_direct_contact_not_on_the_panel(seeded_ft: Ft, refused: Refused) -> None:
    refused(
        seeded_ft,
        [*GOOD_INTERVIEW, "--with", "Ann Lee <ann@acme.example>", "--direct-contact",
         "zed@acme.example"],
        "direct-contact",
    )


# ---------------------------------------------------------------- other refusals


def test_done_on_a_cancelled_action(seeded_ft: Ft, refused: Refused) -> None:
    plan = seeded_ft.json("plan", "2")
    cancelled = [a for a in plan if a["status"] == "cancelled"]
    assert cancelled, "the rejected application should have cancelled actions"
    refused(seeded_ft, ["done", str(cancelled[0]["id"])], "cancelled")


def test_unknown_setting_and_bad_policy_value(seeded_ft: Ft, refused: Refused) -> None:
    refused(seeded_ft, ["settings", "colour", "blue"], "colour")
    refused(seeded_ft, ["settings", "linkedin_interviewer", "never"], "linkedin_interviewer")


def test_bad_debrief_file(seeded_ft: Ft, tmp_path: Path, refused: Refused) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('verdict = "maybe"\n', encoding="utf-8")
    refused(seeded_ft, ["debrief", "1", "--from-file", str(bad)], "verdict")
    broken = tmp_path / "broken.toml"
    broken.write_text("topics = [\n", encoding="utf-8")
    refused(seeded_ft, ["debrief", "1", "--from-file", str(broken)], "from-file")


def test_db_that_is_not_a_database(ft: Ft) -> None:
    ft.db.write_text("name,company\nAnn,ACME\n", encoding="utf-8")
    run = ft("plan", "1")
    assert ft.db.read_text(encoding="utf-8") == "name,company\nAnn,ACME\n"
    assert_user_error(run, "--db")


def test_db_from_a_newer_version(seeded_ft: Ft, refused: Refused) -> None:
    conn = sqlite3.connect(seeded_ft.db)
    try:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    finally:
        conn.close()
    refused(seeded_ft, ["plan", "1"], "--db")


# ---------------------------------------------------------------- usage errors: exit 2


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "1", "--bogus"],
        ["frobnicate"],
        ["log", "1"],  # says nothing about what happened
        ["plan", "one"],
    ],
    ids=["unknown-option", "unknown-command", "log-without-kind", "not-an-id"],
)
def test_usage_errors_exit_2(seeded_ft: Ft, args: list[str], db_dump: Dump) -> None:
    before = db_dump(seeded_ft.db)
    run = seeded_ft(*args)
    assert run.code == 2, f"exit {run.code}: {run.err}"
    assert run.out == ""
    assert "Usage:" in run.err
    assert "Traceback" not in run.err
    assert db_dump(seeded_ft.db) == before


def test_success_exit_0_prints_nothing_on_stderr(seeded_ft: Ft) -> None:
    run = seeded_ft("plan", "1", "--json")
    assert (run.code, run.err) == (0, "")
    assert run.json()[0]["kind"] == "disconnect-check"


# ---------------------------------------------------------------- text that is not valid Unicode


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["app", "add", "--company", "Caf\udce9", "--role", "Barista"], "--company: b'Caf\\xe9'"),
        (["app", "add", "--company=Caf\udce9", "--role", "Barista"], "--company: b'Caf\\xe9'"),
        (["contact", "add", "Zo\udceb"], "argument 3: b'Zo\\xeb'"),
        (["log", "1", "--call", "--note", "\udcff"], "--note"),
    ],
    ids=["option", "option=value", "argument", "note"],
)
def test_bytes_that_are_not_utf8_on_the_command_line(
    seeded_ft: Ft, args: list[str], needle: str, refused: Refused
) -> None:
    """$'Caf\\xe9' in a UTF-8 shell reaches Python as a lone surrogate: exit 1, not exit 3."""
    line = refused(seeded_ft, args, needle, "not valid utf-8 text")
    assert "LANG=C.UTF-8" in line


def test_a_database_path_that_is_not_utf8(seeded_ft: Ft, refused: Refused) -> None:
    refused(seeded_ft, ["today"], "FOLLOWTHROUGH_DB", env={"FOLLOWTHROUGH_DB": "/tmp/\udce9.db"})
