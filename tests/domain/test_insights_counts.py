"""The core's part of the insights once the store has counted: weeks' bounds, the funnel and
the follow-ups assembled from counts (their equality with the reference is
tests/services/test_insights_oracle.py's)."""

from __future__ import annotations

import bisect
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followthrough.domain.insights import (
    FOLLOW_UP_KINDS,
    FUNNEL_STAGES,
    day_begins,
    follow_ups,
    funnel,
    reaching,
    week_bounds,
    week_start,
    week_starts,
)
from followthrough.domain.model import Status

#: Zones with DST at night, at midnight (Santiago, Havana), by half an hour (Lord Howe), none
#: (Kolkata, +05:30) and +12:45/+13:45 (Chatham).
ZONES = ["Europe/Brussels", "America/New_York", "America/Santiago", "America/Havana",
         "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham"]  # fmt: skip
US = dt.timedelta(microseconds=1)


@settings(max_examples=300, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    now_s=st.integers(0, 3 * 365 * 86400),
    back_s=st.integers(-86400, 20 * 7 * 86400),
    weeks=st.integers(1, 20),
)
def test_the_bounds_put_each_moment_in_the_week_of_its_local_date(
    zone: str, now_s: int, back_s: int, weeks: int
) -> None:
    tz = ZoneInfo(zone)
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=now_s)
    moment = now - dt.timedelta(seconds=back_s)
    bounds = week_bounds(now, tz, weeks)
    starts = week_starts(now, tz, weeks)
    assert len(bounds) == len(starts) == weeks
    assert list(bounds) == sorted(bounds)
    index = bisect.bisect_right(bounds, moment) - 1  # the last bound at or before it
    monday = week_start(moment, tz)
    if monday < starts[0]:
        assert index == -1
    elif monday <= starts[-1]:
        assert starts[index] == monday


@pytest.mark.parametrize(
    ("zone", "day"),
    [
        ("America/Santiago", dt.date(2022, 9, 11)),  # 00:00 does not exist
        ("America/Havana", dt.date(2024, 3, 10)),  # 00:00 does not exist
        ("America/Havana", dt.date(2024, 11, 3)),  # 00:00-00:59 happen twice
        ("Europe/Brussels", dt.date(2026, 10, 26)),
        ("Pacific/Apia", dt.date(2011, 12, 31)),  # the day after the skipped 30 December
    ],
)
def test_a_day_begins_at_its_first_instant(zone: str, day: dt.date) -> None:
    tz = ZoneInfo(zone)
    first = day_begins(day, tz)
    assert first.astimezone(tz).date() >= day
    assert (first - US).astimezone(tz).date() < day


def test_the_funnel_from_counts() -> None:
    result = funnel({"applied": 3, "rejected": 2, "offer": 1, "nonsense": 7}, [4, 1, 0])
    assert result.total == 6  # statuses the store does not know are not counted
    assert dict(result.by_status)[Status.REJECTED] == 2
    assert [s for s, _ in result.by_status] == list(Status)
    assert result.reached == tuple(zip(FUNNEL_STAGES, (6, 4, 1, 0), strict=True))
    assert reaching(Status.OFFER) == ("offer", "accepted")
    with pytest.raises(ValueError, match="one count per stage"):
        funnel({}, [1, 2])


def test_the_follow_ups_from_counts() -> None:
    counts = {("thank-you", "on_time"): 3, ("thank-you", "late"): 1, ("check-in", "open"): 2,
              ("check-in", "missed"): 4, ("debrief", "missed"): 9}  # fmt: skip
    result = follow_ups(counts)
    assert [k for k, _ in result.by_kind] == sorted(FOLLOW_UP_KINDS)
    total = result.total
    assert (total.on_time, total.late, total.missed, total.open) == (3, 1, 4, 2)
    assert total.eligible == 8
    assert dict(result.by_kind)["referee-thanks"].eligible == 0
