"""Timing arithmetic: a rule's timing and an anchor -> the due moment and the deadline."""

from __future__ import annotations

import datetime as dt

from followthrough.domain.playbook import Timing
from followthrough.domain.workdays import UTC, Workweek


def due_on_date(timing: Timing, day: dt.date, week: Workweek) -> dt.datetime:
    """Return the due moment for a date anchor: day + days at `at`, rolled to a working day."""
    target = day + dt.timedelta(days=timing.days)
    if timing.roll == "next":
        target = week.next_working_day(target)
    elif timing.roll == "on-or-next":
        target = week.on_or_next_working_day(target)
    assert timing.at is not None, "playbook validation guarantees 'at' with 'days'"
    return week.at(target, timing.at)


def due_after(timing: Timing, anchor: dt.datetime, week: Workweek) -> dt.datetime:
    """Return the due moment of `timing` for an event at `anchor` (an aware datetime)."""
    if timing.split_at is not None:
        local = anchor.astimezone(week.zone)
        assert timing.before_at is not None
        assert timing.after_at is not None
        if local.time() < timing.split_at:
            return week.at(local.date() + dt.timedelta(days=timing.before_days), timing.before_at)
        return week.at(local.date() + dt.timedelta(days=timing.after_days), timing.after_at)
    if timing.after_hours is not None:
        due = plus_hours(anchor, timing.after_hours, week)
        if timing.outside_hours_at is not None and not week.in_working_hours(due):
            return first_working_moment_after(due, timing.outside_hours_at, week)
        return due
    return due_on_date(timing, week.local_date(anchor), week)


def first_working_moment_after(moment: dt.datetime, at: dt.time, week: Workweek) -> dt.datetime:
    """Return the first working day's `at` that comes after `moment`."""
    day = week.local_date(moment)
    if week.is_working_day(day):
        candidate = week.at(day, at)
        if candidate > moment:
            return candidate
    return week.at(week.next_working_day(day), at)


def plus_hours(anchor: dt.datetime, hours: float, week: Workweek) -> dt.datetime:
    """Return `anchor` + `hours` of elapsed time, in the user's zone.

    Adding a timedelta to an aware datetime in a zone moves the wall clock, not the instant
    (Python's rule), so "end + 2 h" across a DST change would be off by an hour: add in UTC.
    """
    return (anchor.astimezone(UTC) + dt.timedelta(hours=hours)).astimezone(week.zone)


def deadline_after(timing: Timing, anchor: dt.datetime, week: Workweek) -> dt.datetime | None:
    """Return the deadline of `timing` for an event at `anchor`, if the rule sets one."""
    if timing.deadline_hours is None:
        return None
    return plus_hours(anchor, timing.deadline_hours, week)
