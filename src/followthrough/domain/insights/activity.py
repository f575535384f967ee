"""Weekly activity: what the user did in each of the last ISO weeks, for the charts.

The last `weeks` ISO weeks (Monday to Sunday) in the user's zone, the current week last. Events
are bucketed by their local calendar date, so a DST change never moves an event into the wrong
week. Only events at or before `now` count: applications added (`created_at`), interviews
(`start`), interactions out (every interaction that is not inbound; calls count) and actions
done (`done_at`), of an application.

The store counts the events of each week between two instants (`store.insights.week_counts`):
`week_bounds` gives them, the first instant of each Monday in the zone, so an event falls
between the bounds of the week that holds its local date. That holds as long as a zone never
turns its clocks back from a Monday into the Sunday before (none did from 1970 to 2037 in the
tz database: checked minute by minute around every change).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class Week:
    """Activity of one ISO week in the user's zone."""

    start: dt.date
    starts_at: dt.datetime
    label: str
    applications: int = 0
    interviews: int = 0
    interactions_out: int = 0
    actions_done: int = 0


#: The counters of a Week, in display order.
WEEK_SERIES = ("applications", "interviews", "interactions_out", "actions_done")
_TICK = dt.timedelta(microseconds=1)


def week_start(moment: dt.datetime, zone: ZoneInfo) -> dt.date:
    """Return the local date of the Monday that starts `moment`'s ISO week in `zone`."""
    day = moment.astimezone(zone).date()
    return day - dt.timedelta(days=day.weekday())


def week_starts(now: dt.datetime, zone: ZoneInfo, weeks: int) -> tuple[dt.date, ...]:
    """Return the Mondays of the last `weeks` ISO weeks in `zone`, the current one last."""
    current = week_start(now, zone)
    return tuple(current - dt.timedelta(weeks=k) for k in reversed(range(weeks)))


def day_begins(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """Return the first instant (UTC) whose local date in `zone` is `day` or later."""

    def reached(moment: dt.datetime) -> bool:
        return moment.astimezone(zone).date() >= day

    guess = dt.datetime.combine(day, dt.time(0), tzinfo=zone).astimezone(dt.UTC)
    if reached(guess) and not reached(guess - _TICK):
        return guess
    # midnight skipped or repeated in an unusual way: search the two days around it
    low, high = guess - dt.timedelta(days=2), guess + dt.timedelta(days=2)
    while high - low > _TICK:  # reached(low) is False, reached(high) is True
        middle = low + (high - low) // 2
        low, high = (low, middle) if reached(middle) else (middle, high)
    return high


def week_bounds(now: dt.datetime, zone: ZoneInfo, weeks: int) -> tuple[dt.datetime, ...]:
    """Return the first instant of each of the last `weeks` ISO weeks in `zone` (UTC)."""
    return tuple(day_begins(monday, zone) for monday in week_starts(now, zone, weeks))


def weekly_activity(
    counts: Mapping[tuple[str, int], int], now: dt.datetime, zone: ZoneInfo, weeks: int = 12
) -> tuple[Week, ...]:
    """Return the activity of the last `weeks` ISO weeks in `zone` (the current one last), from
    {(series, index of the week in `week_starts`): number of events}."""
    return tuple(
        Week(
            start=s,
            starts_at=dt.datetime.combine(s, dt.time(0), tzinfo=zone),
            label=f"{s.isocalendar().year}-W{s.isocalendar().week:02d}",
            **{name: counts.get((name, index), 0) for name in WEEK_SERIES},
        )
        for index, s in enumerate(week_starts(now, zone, weeks))
    )
