"""`parse_moment`: the moments a person names for a snooze (issue 12, item 4), in their zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followthrough.domain.errors import ValidationError
from followthrough.domain.parse import parse_moment

BRUSSELS = ZoneInfo("Europe/Brussels")
NEW_YORK = ZoneInfo("America/New_York")
WEDNESDAY = dt.datetime(2026, 12, 2, 9, 0, tzinfo=BRUSSELS)
SIX_PM = dt.time(18, 0)


def at(text: str, now: dt.datetime = WEDNESDAY, tz: ZoneInfo = BRUSSELS) -> dt.datetime:
    return parse_moment(text, now, tz, "until", SIX_PM)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow", "2026-12-03T18:00:00+01:00"),
        ("tomorrow 9:00", "2026-12-03T09:00:00+01:00"),
        ("Tomorrow at 09:30", "2026-12-03T09:30:00+01:00"),
        ("  TOMORROW   7 ", "2026-12-03T07:00:00+01:00"),
        ("today 17:00", "2026-12-02T17:00:00+01:00"),
        ("monday", "2026-12-07T18:00:00+01:00"),
        ("Mon 8:15", "2026-12-07T08:15:00+01:00"),
        ("wednesday", "2026-12-09T18:00:00+01:00"),  # today is Wednesday: the next one
        ("thu", "2026-12-03T18:00:00+01:00"),
        ("fri at 14:30", "2026-12-04T14:30:00+01:00"),
        ("sunday", "2026-12-06T18:00:00+01:00"),
        ("2026-12-10", "2026-12-10T18:00:00+01:00"),  # a date keeps the time of day
        ("2026-12-10 08:00", "2026-12-10T08:00:00+01:00"),
        ("2026-12-10T08:00+00:00", "2026-12-10T08:00:00+00:00"),
    ],
)
def test_named_moments(text: str, expected: str) -> None:
    assert at(text).isoformat() == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("next week", "is not a moment; write a date (2026-12-01), a date and time"),
        ("someday", "is not a moment"),
        ("tomorrow 24:00", "no such time of day"),
        ("monday 9:75", "no such time of day"),
        ("2026-11-31", "is not a real date"),
        ("2026-12-10 25:00", "is not a real date and time"),
    ],
)
def test_what_is_not_a_moment_says_how_to_write_one(text: str, says: str) -> None:
    with pytest.raises(ValidationError) as caught:
        at(text)
    assert str(caught.value).startswith("until: ")
    assert says in str(caught.value)


def test_the_clock_changes_are_named_not_guessed() -> None:
    saturday = dt.datetime(2026, 10, 24, 12, 0, tzinfo=BRUSSELS)  # clocks go back on Sunday
    with pytest.raises(ValidationError, match=r"happens twice .* '2026-10-25 02:30\+02:00'"):
        at("tomorrow 2:30", saturday)
    assert at("tomorrow", saturday).isoformat() == "2026-10-25T18:00:00+01:00"
    assert at("sun 10:00", saturday).utcoffset() == dt.timedelta(hours=1)
    spring = dt.datetime(2027, 3, 27, 12, 0, tzinfo=BRUSSELS)  # clocks spring forward Sunday
    with pytest.raises(ValidationError, match="does not exist"):
        at("tomorrow 2:30", spring)
    assert at("tomorrow 3:00", spring).isoformat() == "2027-03-28T03:00:00+02:00"


def test_the_day_is_the_user_s_day_not_utc_s() -> None:
    """At 20:00 in New York it is already tomorrow in UTC: "tomorrow" is New York's."""
    evening = dt.datetime(2026, 12, 2, 20, 0, tzinfo=NEW_YORK)
    assert at("tomorrow 9:00", evening.astimezone(dt.UTC), NEW_YORK).isoformat() == (
        "2026-12-03T09:00:00-05:00"
    )
    assert at("thursday", evening, NEW_YORK).date() == dt.date(2026, 12, 3)


@given(
    st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2035, 12, 31)),
    st.sampled_from(["monday", "tue", "wednesday", "thu", "friday", "sat", "sun"]),
)
def test_a_weekday_is_the_next_one_within_a_week(naive: dt.datetime, name: str) -> None:
    now = naive.replace(tzinfo=dt.UTC)
    try:
        moment = parse_moment(f"{name} 12:00", now, BRUSSELS, "until", SIX_PM)
    except ValidationError:  # noon never falls in a gap or twice in Brussels
        raise AssertionError(name) from None
    today = now.astimezone(BRUSSELS).date()
    assert 1 <= (moment.date() - today).days <= 7
    assert moment.strftime("%a").lower() == name[:3]
