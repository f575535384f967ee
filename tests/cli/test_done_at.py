"""`done ACTION --at DATETIME` (issue 12, item 3): when it really happened drives the plan.

A thank-you sent last night and marked done this morning: the logged exchange, the next
check-ins (a week after the last exchange) and the on-time figure of insights count from the
moment given, in the user's zone (across a DST change too), never from the moment of typing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.cli.conftest import Ft

#: Wednesday 2 December 2026, 09:00 in Brussels.
NOW = "2026-12-02T09:00+01:00"


def setup(ft: Ft, at: str = "2026-11-30 10:00") -> dict[str, int]:
    """An application through a recruiter with one interview at `at`; return action ids."""
    for args in (
        ["init", "--tz", "Europe/Brussels", "--country", "BE"],
        ["app", "add", "--company", "ACME", "--role", "Data Engineer",
         "--recruiter", "Jane Roe <jane@agency.example>", "--agency", "Agency"],
        ["interview", "add", "1", "--at", at, "--with", "Ann Lee <ann@acme.example>"],
    ):  # fmt: skip
        assert ft(*args, now=NOW).code == 0
    return {a["kind"]: a["id"] for a in reversed(ft.json("plan", "1", now=NOW))}


def plan(ft: Ft) -> dict[str, Any]:
    return {a["id"]: a for a in ft.json("plan", "1", now=NOW)}


def test_done_at_counts_from_when_it_happened(ft: Ft) -> None:
    ids = setup(ft)
    before = plan(ft)
    first_check_in = min(a["due"] for a in before.values() if a["kind"] == "check-in")
    assert first_check_in == "2026-12-07T10:00:00+01:00"  # a week after the interview
    run = ft("done", str(ids["recruiter-call"]), "--at", "2026-12-01 09:00", now=NOW)
    assert run.code == 0, run.err
    assert run.out.startswith("Call Jane Roe about the interview: done (Tue 01 Dec 09:00)")
    after = plan(ft)
    call = after[ids["recruiter-call"]]
    assert call["done_at"] == "2026-12-01T09:00:00+01:00"
    # the call is the last exchange: the check-ins move to a week after it
    assert min(a["due"] for a in after.values() if a["kind"] == "check-in") == (
        "2026-12-08T10:00:00+01:00"
    )
    logged = ft.json("app", "show", "1", now=NOW)["interactions"]
    assert [(x["kind"], x["at"]) for x in logged] == [("call", "2026-12-01T09:00:00+01:00")]


def test_done_at_feeds_the_on_time_figure(ft: Ft) -> None:
    ids = setup(ft)
    # the thank-you was due the evening of the interview: sent that evening, it is on time;
    # sent two days later it is late, whenever it is marked done
    ft("done", str(ids["thank-you"]), "--at", "2026-11-30 19:30", now=NOW)
    ft("done", str(ids["recruiter-call"]), "--at", "2026-12-02 08:30", now=NOW)
    by_kind = {k["kind"]: k for k in ft.json("insights", now=NOW)["follow_ups"]["by_kind"]}
    assert (by_kind["thank-you"]["on_time"], by_kind["thank-you"]["late"]) == (1, 0)
    assert (by_kind["recruiter-call"]["on_time"], by_kind["recruiter-call"]["late"]) == (0, 1)


def test_a_moment_to_come_is_refused_and_nothing_changes(ft: Ft) -> None:
    ids = setup(ft)
    before = plan(ft)
    run = ft("done", str(ids["thank-you"]), "--at", "2026-12-02 09:30", now=NOW)
    assert run.code == 1
    assert run.err_lines == [
        "error: at: 2026-12-02T09:30:00+01:00 is still to come; done is for what has happened:"
        " give the moment it did, or leave it out for now"
    ]
    assert plan(ft) == before


def test_done_at_reads_the_user_s_zone_across_the_clock_change(ft: Ft) -> None:
    ids = setup(ft, at="2026-10-24 10:00")  # clocks go back in Brussels on 25 October
    ambiguous = ft("done", str(ids["thank-you"]), "--at", "2026-10-25 02:30", now=NOW)
    assert ambiguous.code == 1
    assert ambiguous.err_lines[0].startswith("error: at: ")
    assert "+01:00" in ambiguous.err  # it says how to name the hour: with its offset
    run = ft("done", str(ids["thank-you"]), "--at", "2026-10-25T02:30+02:00", now=NOW)
    assert run.code == 0, run.err
    assert plan(ft)[ids["thank-you"]]["done_at"] == "2026-10-25T02:30:00+02:00"
    later = ft("done", str(ids["recruiter-call"]), "--at", "2026-10-26 09:00", now=NOW)
    assert later.code == 0
    assert plan(ft)[ids["recruiter-call"]]["done_at"] == "2026-10-26T09:00:00+01:00"


def test_done_twice_keeps_the_first_moment(ft: Ft) -> None:
    """Done is a fact: a second `done --at` changes nothing (reopen first to correct it)."""
    ids = setup(ft)
    ft("done", str(ids["thank-you"]), "--at", "2026-11-30 19:30", now=NOW)
    again = ft("done", str(ids["thank-you"]), "--at", "2026-12-01 08:00", now=NOW)
    assert again.code == 0
    assert plan(ft)[ids["thank-you"]]["done_at"] == "2026-11-30T19:30:00+01:00"
    assert ft("reopen", str(ids["thank-you"]), now=NOW).code == 0
    assert ft("done", str(ids["thank-you"]), "--at", "2026-12-01 08:00", now=NOW).code == 0
    assert plan(ft)[ids["thank-you"]]["done_at"] == "2026-12-01T08:00:00+01:00"
    logged = ft.json("app", "show", "1", now=NOW)["interactions"]
    assert [x["at"] for x in logged] == ["2026-12-01T08:00:00+01:00"]  # reopen took one back
