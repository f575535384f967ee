"""One keep-searching nudge at a time (issue 12, item 5; PRODUCT.md §1.1).

The nudge is pending only while its condition holds (fewer than 3 open applications, or none
added in 7 days, while any application is open and no contract is signed): a new one never
stacks on an open one, and the open one is cancelled, with the reason, as soon as `today` (for
a person, as JSON, or the web's Today) sees the condition gone. `today --json` still answers
without the full store while nothing is to be written.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from tests.cli.test_read_path import loaded, run

if TYPE_CHECKING:
    from tests.cli.conftest import Ft

DAY1 = "2026-12-01T09:00+01:00"  # a Tuesday
NINTH = "2026-12-09T09:00+01:00"


def nudges(db: Path) -> list[tuple[str, str | None]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT status, reason FROM actions WHERE kind = 'keep-searching' ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def shown(ft: Ft, now: str) -> list[int]:
    today = ft.json("today", now=now)
    return [a["id"] for group in ("overdue", "due_today", "upcoming") for a in today[group]
            if a["kind"] == "keep-searching"]  # fmt: skip


@pytest.fixture
def thin(ft: Ft) -> Ft:
    """One open application, added on DAY1: the search is too thin."""
    assert ft("init", "--tz", "Europe/Brussels", "--country", "BE", now=DAY1).code == 0
    assert ft("app", "add", "--company", "Acme", "--role", "Analyst", now=DAY1).code == 0
    return ft


def test_an_ignored_nudge_is_not_joined_by_another(thin: Ft) -> None:
    first = shown(thin, DAY1)
    assert len(first) == 1
    for later in ("2026-12-05T09:00+01:00", "2026-12-09T09:00+01:00", "2026-12-30T09:00+01:00"):
        assert shown(thin, later) == first  # still the one, overdue: never a second
    assert nudges(thin.db) == [("pending", None)]


def test_a_done_nudge_comes_back_after_the_quiet_days(thin: Ft) -> None:
    (first,) = shown(thin, DAY1)
    assert thin("done", str(first), now="2026-12-02T09:00+01:00").code == 0
    assert shown(thin, "2026-12-05T09:00+01:00") == []  # within the 7 quiet days
    again = shown(thin, "2026-12-08T09:00+01:00")
    assert len(again) == 1
    assert again != [first]


def test_the_nudge_goes_when_the_search_fills_up(thin: Ft) -> None:
    assert len(shown(thin, DAY1)) == 1
    for company in ("Globex", "Initech"):
        assert thin("app", "add", "--company", company, "--role", "Analyst",
                    now="2026-12-03T09:00+01:00").code == 0  # fmt: skip
    assert shown(thin, "2026-12-03T10:00+01:00") == []
    assert nudges(thin.db) == [
        ("cancelled", "no longer needed: 3 open applications, the last added within 7 days")
    ]


def test_a_signed_contract_ends_it(thin: Ft) -> None:
    assert len(shown(thin, DAY1)) == 1
    assert thin("app", "status", "1", "offer", now="2026-12-03T09:00+01:00").code == 0
    assert thin("app", "status", "1", "accepted", now="2026-12-04T09:00+01:00").code == 0
    human = thin("today", now="2026-12-04T10:00+01:00")  # today for a person cancels it too
    assert human.code == 0
    assert nudges(thin.db) == [("cancelled", "a contract is signed: the search is over")]
    assert shown(thin, "2026-12-20T09:00+01:00") == []  # and none comes back


def test_nothing_open_ends_it(thin: Ft) -> None:
    assert len(shown(thin, DAY1)) == 1
    assert thin("app", "status", "1", "rejected", now="2026-12-02T09:00+01:00").code == 0
    assert shown(thin, "2026-12-02T10:00+01:00") == []
    assert nudges(thin.db) == [("cancelled", "no application is open")]


def test_an_open_nudge_that_still_holds_is_read_without_the_full_store(thin: Ft) -> None:
    assert len(shown(thin, DAY1)) == 1
    out, modules, code = run(thin.db, NINTH, ["today", "--json"])
    assert code in (0, None)
    assert "keep-searching" in out
    assert not loaded(modules, "sqlalchemy")
    assert not loaded(modules, "followthrough.domain.planner")
    # the day the condition is gone, the fast path hands over: the full store cancels it
    for company in ("B", "C"):
        added = thin("app", "add", "--company", company, "--role", "R", now=NINTH)
        assert added.code == 0
    out, modules, code = run(thin.db, "2026-12-09T10:00+01:00", ["today", "--json"])
    assert loaded(modules, "sqlalchemy")
    assert "keep-searching" not in out
    assert nudges(thin.db)[-1][0] == "cancelled"
