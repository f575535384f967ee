"""`snooze ACTION --until WHEN` reads a named day and says the moment it understood."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.cli.test_done_at import NOW, plan, setup

if TYPE_CHECKING:
    from tests.cli.conftest import Ft


def test_a_named_day_is_echoed_as_the_moment_it_means(ft: Ft) -> None:
    ids = setup(ft)  # Wednesday 2 December; the LinkedIn request is due Tue 1 Dec 10:00
    run = ft("snooze", str(ids["linkedin-recruiter"]), "--until", "monday", now=NOW)
    assert run.code == 0, run.err
    assert run.out.strip() == "Connect with Jane Roe on LinkedIn: snoozed until Mon 07 Dec 10:00"
    run = ft("snooze", str(ids["company-research"]), "--until", "tomorrow 9:00", "--json", now=NOW)
    assert run.json()["due"] == "2026-12-03T09:00:00+01:00"
    assert plan(ft)[ids["company-research"]]["status"] == "snoozed"


def test_a_moment_that_has_passed_or_is_not_one_is_refused(ft: Ft) -> None:
    ids = setup(ft)
    before = plan(ft)
    passed = ft("snooze", str(ids["linkedin-recruiter"]), "--until", "today 8:00", now=NOW)
    assert passed.err_lines == [
        "error: until: 2026-12-02T08:00:00+01:00 has passed; snooze to a later moment"
    ]
    vague = ft("snooze", str(ids["linkedin-recruiter"]), "--until", "later", now=NOW)
    assert vague.code == 1
    assert vague.err_lines[0].startswith("error: until: 'later' is not a moment; write a date")
    assert plan(ft) == before
