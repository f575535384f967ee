"""Weekly activity: what the user did in each of the last ISO weeks, for the charts.

The last `weeks` ISO weeks (Monday to Sunday) in the user's zone, the current week last. Events
are bucketed by their local calendar date, so a DST change never moves an event into the wrong
week. Only events at or before `now` count: applications added (`created_at`), interviews
(`start`), interactions out (every interaction that is not inbound; calls count as out) and
actions done (`done_at`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from followthrough.domain.model import ActionStatus, ApplicationFacts


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


def week_start(moment: dt.datetime, zone: ZoneInfo) -> dt.date:
    """Return the local date of the Monday that starts `moment`'s ISO week in `zone`."""
    day = moment.astimezone(zone).date()
    return day - dt.timedelta(days=day.weekday())


def weekly_activity(
    facts: Sequence[ApplicationFacts], now: dt.datetime, zone: ZoneInfo, weeks: int = 12
) -> tuple[Week, ...]:
    """Return the activity of the last `weeks` ISO weeks in `zone` (the current one last)."""
    current = week_start(now, zone)
    starts = [current - dt.timedelta(weeks=k) for k in reversed(range(weeks))]
    counts: dict[dt.date, Counter[str]] = {s: Counter() for s in starts}
    for series, moment in _events(facts):
        if moment <= now:
            bucket = counts.get(week_start(moment, zone))
            if bucket is not None:
                bucket[series] += 1
    return tuple(
        Week(
            start=s,
            starts_at=dt.datetime.combine(s, dt.time(0), tzinfo=zone),
            label=f"{s.isocalendar().year}-W{s.isocalendar().week:02d}",
            **{name: counts[s][name] for name in WEEK_SERIES},
        )
        for s in starts
    )


def _events(facts: Iterable[ApplicationFacts]) -> Iterable[tuple[str, dt.datetime]]:
    for f in facts:
        if f.application.created_at is not None:
            yield "applications", f.application.created_at
        for iv in f.interviews:
            yield "interviews", iv.start
        for i in f.interactions:
            if not i.inbound:
                yield "interactions_out", i.at
        for r in f.actions.values():
            if r.status is ActionStatus.DONE and r.done_at is not None:
                yield "actions_done", r.done_at
