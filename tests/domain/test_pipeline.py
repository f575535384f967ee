"""The keep-searching condition, one pure function shared by the planner and the fast reader."""

from __future__ import annotations

import datetime as dt

import pytest

from followthrough.domain.pipeline import keep_searching_reason

TODAY = dt.date(2026, 11, 25)
D = dt.timedelta


@pytest.mark.parametrize(
    ("open_count", "signed", "added", "nudged", "expected"),
    [
        (0, False, None, None, None),  # nothing open: nothing to nudge about
        (1, True, TODAY, None, None),  # a contract is signed
        (2, False, TODAY, None, "only 2 open application(s)"),
        (5, False, TODAY - D(3), None, None),  # enough open, one added recently
        (5, False, TODAY - D(7), None, "no new application in 7 days"),  # exactly the quiet period
        (5, False, None, None, "no new application in 7 days"),
        (2, False, TODAY, TODAY - D(6), None),  # nudged within the quiet period
        (2, False, TODAY, TODAY - D(7), "only 2 open application(s)"),
    ],
)
def test_keep_searching_reason(
    open_count: int,
    signed: bool,
    added: dt.date | None,
    nudged: dt.date | None,
    expected: str | None,
) -> None:
    got = keep_searching_reason(open_count, signed, added, nudged, TODAY, 3, 7)
    assert got == expected
