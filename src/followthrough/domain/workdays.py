"""Working hours, working days and public holidays in the user's time zone.

All day arithmetic is calendar-date arithmetic in the user's zone: take a local date, add days,
put the result at a local wall-clock time, then roll forward to a working day where asked.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followthrough.domain.errors import ValidationError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

UTC = dt.UTC


@functools.lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """Return the IANA zone `name`, or raise a ValidationError naming the field."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # OSError: a too-long name
        raise ValidationError(
            "tz", f"unknown time zone {name!r}; use an IANA name such as Europe/Brussels"
        ) from exc


def check_country(country: str, subdiv: str | None = None) -> tuple[str, str | None]:
    """Return the canonical (country, region) codes, or raise a ValidationError naming the field."""
    # imported late: it costs ~70 ms and most commands never need it. The registry is a static
    # table; `holidays.list_supported_countries()` would import ~500 country modules (~55 ms).
    from holidays.registry import COUNTRIES

    code = country.strip().upper()
    if not any(code in names[1:] for names in COUNTRIES.values()):
        raise ValidationError(
            "country", f"unknown country {country!r}; use an ISO 3166 code such as BE, US or GB"
        )
    if not subdiv:
        return code, None
    regions = list(country_calendar(code).subdivisions)
    by_upper = {s.upper(): s for s in regions}
    canonical = by_upper.get(subdiv.strip().upper())
    if canonical is None:
        raise ValidationError(
            "region",
            f"unknown region {subdiv!r} for {code}; use one of {', '.join(regions[:8])}...",
        )
    return code, canonical


def country_calendar(code: str) -> Any:
    """Return the holidays library's calendar class of country `code` (a known ISO code),
    loading that country's module alone.

    `holidays.country_holidays` imports the package holidays.countries, whose __init__ imports
    every country (some 250 modules, ~0.3 s, with the Islamic, Hebrew, Chinese... calendars a
    Belgian user never reads). The registry names the module of each country, so its file is
    loaded by itself; the calendar is the same class `country_holidays` would build.
    """
    import importlib
    import importlib.util
    import sys

    from holidays.registry import COUNTRIES

    module, name = next((m, names[0]) for m, names in COUNTRIES.items() if code in names[1:])
    full = f"holidays.countries.{module}"
    if full not in sys.modules and "holidays.countries" not in sys.modules:
        import holidays

        path = os.path.join(os.path.dirname(holidays.__file__), "countries", f"{module}.py")
        spec = importlib.util.spec_from_file_location(full, path)
        if spec is not None and spec.loader is not None:
            loaded = importlib.util.module_from_spec(spec)
            sys.modules[full] = loaded
            try:
                spec.loader.exec_module(loaded)
            except BaseException:
                del sys.modules[full]
                raise
            return getattr(loaded, name)
    return getattr(importlib.import_module(full), name)


@dataclass(frozen=True)
class Workweek:
    """The user's calendar: zone, holidays and working hours."""

    tz: str = "UTC"
    country: str | None = None
    subdiv: str | None = None
    start: dt.time = dt.time(9, 0)
    end: dt.time = dt.time(18, 0)
    weekend: frozenset[int] = frozenset({5, 6})
    _holidays: dict[int, frozenset[dt.date]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def zone(self) -> ZoneInfo:
        """Return the ZoneInfo of the user's zone."""
        return zone(self.tz)

    def _holiday_dates(self, year: int) -> frozenset[dt.date]:
        cached = self._holidays.get(year)
        if cached is not None:
            return cached
        if not self.country:
            cached = frozenset()  # no country set: weekends only
        else:
            country, subdiv = check_country(self.country, self.subdiv)
            table = country_calendar(country)(subdiv=subdiv, years=year)
            cached = frozenset(table.keys())
        self._holidays[year] = cached
        return cached

    def is_holiday(self, day: dt.date) -> bool:
        """Return True when `day` is a public holiday where the user lives."""
        return day in self._holiday_dates(day.year)

    def is_working_day(self, day: dt.date) -> bool:
        """Return True for a weekday that is not a public holiday."""
        return day.weekday() not in self.weekend and not self.is_holiday(day)

    def on_or_next_working_day(self, day: dt.date) -> dt.date:
        """Return `day` if it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def next_working_day(self, day: dt.date) -> dt.date:
        """Return the first working day strictly after `day`."""
        return self.on_or_next_working_day(day + dt.timedelta(days=1))

    def in_working_hours(self, moment: dt.datetime) -> bool:
        """Return True when `moment` falls on a working day within working hours."""
        local = moment.astimezone(self.zone)
        return self.is_working_day(local.date()) and self.start <= local.time() < self.end

    def local_date(self, moment: dt.datetime) -> dt.date:
        """Return the calendar date of `moment` in the user's zone."""
        return moment.astimezone(self.zone).date()

    def at(self, day: dt.date, time: dt.time) -> dt.datetime:
        """Return `day` at wall-clock `time` in the user's zone, as an aware datetime.

        A wall-clock time that does not exist (the spring-forward gap) moves forward by the
        gap; an ambiguous one (fall-back) takes the first occurrence.
        """
        naive = dt.datetime.combine(day, time)
        aware = naive.replace(tzinfo=self.zone, fold=0)
        # Round-trip through UTC to normalise a time inside a gap to a real instant.
        return aware.astimezone(UTC).astimezone(self.zone)


def local_time_problem(naive: dt.datetime, tz: ZoneInfo) -> str | None:
    """Return "gap" or "ambiguous" when a wall-clock time is not one single instant in `tz`."""
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    back = first.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if back != naive:
        return "gap"
    return "ambiguous"
