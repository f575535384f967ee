"""Holidays load only the user's country (issue 11): the same dates as the library's own
`country_holidays`, without importing the other countries."""

from __future__ import annotations

import subprocess
import sys

import holidays
import pytest

from followthrough.domain.workdays import Workweek, check_country, country_calendar


@pytest.mark.parametrize(
    ("country", "region"), [("BE", None), ("US", "CA"), ("DE", "BY"), ("GB", "SCT"), ("FR", None)]
)
def test_the_country_alone_gives_the_library_s_dates(country: str, region: str | None) -> None:
    for year in (2025, 2026, 2027):
        alone = country_calendar(country)(subdiv=region, years=year)
        assert dict(alone) == dict(holidays.country_holidays(country, subdiv=region, years=year))


def test_regions_are_read_from_the_country_alone() -> None:
    assert check_country("de", "by") == ("DE", "BY")
    assert "CA" in country_calendar("US").subdivisions


def test_a_belgian_calendar_loads_belgium_only() -> None:
    probe = (
        "import sys, datetime as dt\n"
        "from followthrough.domain.workdays import Workweek\n"
        "week = Workweek(tz='Europe/Brussels', country='BE')\n"
        "assert week.is_holiday(dt.date(2026, 7, 21))\n"
        "assert not week.is_holiday(dt.date(2026, 7, 22))\n"
        "print(sorted(m for m in sys.modules if m.startswith('holidays.countries')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['holidays.countries.belgium']"


def test_the_workweek_agrees_with_the_library_across_a_year() -> None:
    week = Workweek(tz="America/New_York", country="US", subdiv="NY")
    table = holidays.country_holidays("US", subdiv="NY", years=2026)
    assert {d for d in table} == set(week._holiday_dates(2026))
