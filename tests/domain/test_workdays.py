"""Working days, working hours and wall-clock arithmetic in the user's zone.

Weekdays and holidays below were checked with `calendar` and the `holidays` package:
2026-11-11 Wed (BE Armistice), 2026-11-26 Thu (US Thanksgiving), 2026-11-27 Fri (US-CA only),
2026-12-25 Fri, 2027-01-01 Fri (BE), 2026-09-21..23 Mon-Wed (JP), 2026-04-03..06 (AU-NSW Easter),
2026-10-05 Mon (AU-NSW Labour Day), 2026-10-26 Mon (NZ Labour Day).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from followthrough.domain.errors import FollowthroughError, ValidationError
from followthrough.domain.workdays import (
    Workweek,
    check_country,
    local_time_problem,
    zone,
)

D = dt.date
BE = Workweek(tz="Europe/Brussels", country="BE")
US_NY = Workweek(tz="America/New_York", country="US")
US_CA = Workweek(tz="America/Los_Angeles", country="US", subdiv="CA")
JP = Workweek(tz="Asia/Tokyo", country="JP")
AU = Workweek(tz="Australia/Sydney", country="AU", subdiv="NSW")
NZ = Workweek(tz="Pacific/Auckland", country="NZ")

WEEKS = {"BE": BE, "US-NY": US_NY, "US-CA": US_CA, "JP": JP, "AU": AU, "NZ": NZ}


@pytest.mark.parametrize(
    ("week", "day", "working"),
    [
        ("BE", D(2026, 11, 10), True),
        ("BE", D(2026, 11, 11), False),  # Armistice
        ("BE", D(2026, 11, 28), False),  # Saturday
        ("BE", D(2026, 11, 29), False),  # Sunday
        ("BE", D(2026, 12, 25), False),
        ("BE", D(2026, 12, 26), False),  # Saturday; no Boxing Day in Belgium anyway
        ("US-NY", D(2026, 11, 26), False),  # Thanksgiving
        ("US-NY", D(2026, 11, 27), True),
        ("US-CA", D(2026, 11, 27), False),  # Day After Thanksgiving in California
        ("US-CA", D(2026, 3, 31), False),  # Cesar Chavez Day
        ("JP", D(2026, 9, 22), False),  # citizens' holiday between two holidays
        ("JP", D(2026, 9, 24), True),
        ("AU", D(2026, 10, 5), False),  # NSW Labour Day
        ("NZ", D(2026, 10, 5), True),
        ("NZ", D(2026, 10, 26), False),  # NZ Labour Day
    ],
)
def test_is_working_day(week: str, day: dt.date, working: bool) -> None:
    assert WEEKS[week].is_working_day(day) is working


@pytest.mark.parametrize(
    ("week", "day", "expected"),
    [
        ("BE", D(2026, 11, 23), D(2026, 11, 24)),  # Mon -> Tue
        ("BE", D(2026, 11, 27), D(2026, 11, 30)),  # Fri -> Mon
        ("BE", D(2026, 11, 28), D(2026, 11, 30)),  # Sat -> Mon
        ("BE", D(2026, 11, 10), D(2026, 11, 12)),  # eve of Armistice -> Thu
        ("BE", D(2026, 12, 24), D(2026, 12, 28)),  # Christmas Friday -> Mon
        ("BE", D(2026, 12, 31), D(2027, 1, 4)),  # over New Year, across the year
        ("US-NY", D(2026, 11, 25), D(2026, 11, 27)),
        ("US-CA", D(2026, 11, 25), D(2026, 11, 30)),
        ("JP", D(2026, 9, 18), D(2026, 9, 24)),  # Silver Week
        ("AU", D(2026, 4, 2), D(2026, 4, 7)),  # Easter, with Easter Saturday
        ("NZ", D(2026, 10, 23), D(2026, 10, 27)),  # Labour Day
    ],
)
def test_next_working_day(week: str, day: dt.date, expected: dt.date) -> None:
    assert WEEKS[week].next_working_day(day) == expected


@pytest.mark.parametrize(
    ("week", "day", "expected"),
    [
        ("BE", D(2026, 11, 23), D(2026, 11, 23)),  # a working day stays
        ("BE", D(2026, 11, 11), D(2026, 11, 12)),
        ("BE", D(2026, 12, 5), D(2026, 12, 7)),
        ("BE", D(2027, 1, 1), D(2027, 1, 4)),
        ("US-CA", D(2026, 11, 26), D(2026, 11, 30)),
        ("JP", D(2026, 9, 21), D(2026, 9, 24)),
        ("AU", D(2026, 4, 3), D(2026, 4, 7)),
    ],
)
def test_on_or_next_working_day(week: str, day: dt.date, expected: dt.date) -> None:
    assert WEEKS[week].on_or_next_working_day(day) == expected


AT_ROWS = [
    # zone, country, day, wall-clock time asked -> the instant, in local time with its offset
    ("Europe/Brussels", "BE", D(2026, 3, 29), dt.time(10, 0), "2026-03-29T10:00:00+02:00"),
    ("Europe/Brussels", "BE", D(2026, 3, 28), dt.time(10, 0), "2026-03-28T10:00:00+01:00"),
    # 02:30 does not exist on the spring-forward night: it moves forward by the gap
    ("Europe/Brussels", "BE", D(2026, 3, 29), dt.time(2, 30), "2026-03-29T03:30:00+02:00"),
    ("Europe/Brussels", "BE", D(2026, 3, 29), dt.time(2, 0), "2026-03-29T03:00:00+02:00"),
    # 02:30 happens twice on the fall-back night: the first occurrence is taken
    ("Europe/Brussels", "BE", D(2026, 10, 25), dt.time(2, 30), "2026-10-25T02:30:00+02:00"),
    ("Europe/Brussels", "BE", D(2026, 10, 25), dt.time(10, 0), "2026-10-25T10:00:00+01:00"),
    ("America/New_York", "US", D(2026, 3, 8), dt.time(2, 30), "2026-03-08T03:30:00-04:00"),
    ("America/New_York", "US", D(2026, 11, 1), dt.time(1, 30), "2026-11-01T01:30:00-04:00"),
    ("America/New_York", "US", D(2026, 11, 1), dt.time(9, 30), "2026-11-01T09:30:00-05:00"),
    ("Australia/Sydney", "AU", D(2026, 10, 4), dt.time(2, 30), "2026-10-04T03:30:00+11:00"),
    ("Australia/Sydney", "AU", D(2026, 4, 5), dt.time(2, 30), "2026-04-05T02:30:00+11:00"),
    ("Pacific/Auckland", "NZ", D(2026, 9, 27), dt.time(2, 15), "2026-09-27T03:15:00+13:00"),
    ("Asia/Tokyo", "JP", D(2026, 3, 29), dt.time(2, 30), "2026-03-29T02:30:00+09:00"),
    ("America/Los_Angeles", "US", D(2026, 3, 8), dt.time(10, 0), "2026-03-08T10:00:00-07:00"),
]


@pytest.mark.parametrize(("tz", "country", "day", "time", "expected"), AT_ROWS)
def test_at_is_a_real_local_instant(
    tz: str, country: str, day: dt.date, time: dt.time, expected: str
) -> None:
    moment = Workweek(tz=tz, country=country).at(day, time)
    assert moment.isoformat() == expected
    assert str(moment.tzinfo) == tz
    # normalised: converting through UTC gives back the same wall clock and offset
    assert moment.astimezone(dt.UTC).astimezone(ZoneInfo(tz)).isoformat() == expected


@pytest.mark.parametrize(
    ("tz", "naive", "problem"),
    [
        ("Europe/Brussels", dt.datetime(2026, 3, 29, 2, 30), "gap"),
        ("Europe/Brussels", dt.datetime(2026, 3, 29, 2, 0), "gap"),
        ("Europe/Brussels", dt.datetime(2026, 3, 29, 3, 0), None),
        ("Europe/Brussels", dt.datetime(2026, 3, 29, 1, 59), None),
        ("Europe/Brussels", dt.datetime(2026, 10, 25, 2, 30), "ambiguous"),
        ("Europe/Brussels", dt.datetime(2026, 10, 25, 2, 0), "ambiguous"),
        ("Europe/Brussels", dt.datetime(2026, 10, 25, 3, 0), None),
        ("America/New_York", dt.datetime(2026, 3, 8, 2, 30), "gap"),
        ("America/New_York", dt.datetime(2026, 11, 1, 1, 30), "ambiguous"),
        ("America/New_York", dt.datetime(2026, 11, 1, 2, 30), None),
        ("Australia/Sydney", dt.datetime(2026, 10, 4, 2, 30), "gap"),
        ("Australia/Sydney", dt.datetime(2026, 4, 5, 2, 30), "ambiguous"),
        ("Pacific/Auckland", dt.datetime(2026, 9, 27, 2, 30), "gap"),
        ("Asia/Tokyo", dt.datetime(2026, 3, 29, 2, 30), None),
        ("UTC", dt.datetime(2026, 3, 29, 2, 30), None),
    ],
)
def test_local_time_problem(tz: str, naive: dt.datetime, problem: str | None) -> None:
    assert local_time_problem(naive, ZoneInfo(tz)) == problem


@pytest.mark.parametrize(
    ("moment", "inside"),
    [
        (dt.datetime(2026, 11, 23, 9, 0), True),
        (dt.datetime(2026, 11, 23, 8, 59), False),
        (dt.datetime(2026, 11, 23, 17, 59), True),
        (dt.datetime(2026, 11, 23, 18, 0), False),
        (dt.datetime(2026, 11, 28, 11, 0), False),  # Saturday
        (dt.datetime(2026, 11, 11, 11, 0), False),  # Armistice
    ],
)
def test_in_working_hours(moment: dt.datetime, inside: bool) -> None:
    local = moment.replace(tzinfo=ZoneInfo("Europe/Brussels"))
    assert BE.in_working_hours(local) is inside
    # the same instant written in UTC gives the same answer
    assert BE.in_working_hours(local.astimezone(dt.UTC)) is inside


def test_custom_working_hours_and_weekend() -> None:
    week = Workweek(tz="Europe/Brussels", country="BE", start=dt.time(8, 0),
                    end=dt.time(16, 0), weekend=frozenset({4, 5}))
    brussels = ZoneInfo("Europe/Brussels")
    assert week.in_working_hours(dt.datetime(2026, 11, 23, 8, 0, tzinfo=brussels))
    assert not week.in_working_hours(dt.datetime(2026, 11, 23, 16, 0, tzinfo=brussels))
    assert not week.is_working_day(D(2026, 11, 27))  # Friday is a weekend day here
    assert week.is_working_day(D(2026, 11, 29))  # and Sunday a working day
    assert week.next_working_day(D(2026, 11, 26)) == D(2026, 11, 29)


@pytest.mark.parametrize(
    ("tz", "utc", "expected"),
    [
        ("Asia/Tokyo", dt.datetime(2026, 11, 29, 23, 0, tzinfo=dt.UTC), D(2026, 11, 30)),
        ("America/Los_Angeles", dt.datetime(2026, 11, 30, 5, 0, tzinfo=dt.UTC), D(2026, 11, 29)),
        ("Pacific/Auckland", dt.datetime(2026, 12, 31, 11, 0, tzinfo=dt.UTC), D(2027, 1, 1)),
    ],
)
def test_local_date_is_the_users_date(tz: str, utc: dt.datetime, expected: dt.date) -> None:
    assert Workweek(tz=tz, country="US").local_date(utc) == expected


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "name", ["Mars/Olympus", "", "../etc/passwd", "Europe/Brussels ", "CEST+2"]
)
def test_unknown_zone_is_a_validation_error_naming_tz(name: str) -> None:
    with pytest.raises(ValidationError) as info:
        zone(name)
    assert info.value.field == "tz"
    assert str(info.value).startswith("tz: ")
    assert repr(name) in str(info.value)
    assert "\n" not in str(info.value)
    assert info.value.exit_code == 1


def test_workweek_with_unknown_zone_fails_when_used() -> None:
    with pytest.raises(ValidationError) as info:
        Workweek(tz="Nowhere/Land", country="BE").at(D(2026, 11, 23), dt.time(10, 0))
    assert info.value.field == "tz"


def test_known_zone_is_returned() -> None:
    assert zone("Europe/Brussels") == ZoneInfo("Europe/Brussels")


@pytest.mark.parametrize(
    ("country", "region", "field"),
    [
        ("XX", None, "country"),
        ("Belgium", None, "country"),
        ("", None, "country"),
        ("US", "ZZ", "region"),
        ("BE", "NSW", "region"),
    ],
)
def test_unknown_country_or_region(country: str, region: str | None, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_country(country, region)
    assert info.value.field == field
    assert str(info.value).startswith(f"{field}: ")
    assert isinstance(info.value, FollowthroughError)


@pytest.mark.parametrize(
    ("country", "region"), [("BE", None), ("be", None), ("US", "CA"), ("AU", "NSW"), ("NZ", None)]
)
def test_known_country_and_region(country: str, region: str | None) -> None:
    check_country(country, region)


def test_a_region_check_country_accepts_is_usable() -> None:
    check_country("US", "ca")
    assert not Workweek(tz="America/Los_Angeles", country="US", subdiv="ca").is_working_day(
        D(2026, 11, 27))


def test_workweek_with_unknown_country_fails_with_a_validation_error() -> None:
    with pytest.raises(ValidationError) as info:
        Workweek(tz="Europe/Brussels", country="XX").is_working_day(D(2026, 11, 23))
    assert info.value.field == "country"
