"""ICS export (RFC 5545): each open action becomes an event or a to-do, with a reminder.

`calendar()` takes actions in the shape of `followthrough.shapes.action_json` and returns the
bytes of a VCALENDAR. It does no I/O and never reads the clock, so the same arguments always
give the same bytes. What it writes:

- one VEVENT (or VTODO with `todo=True`) per action whose status is pending or snoozed and that
  has a `due`; every other action is left out. Components are sorted by due time, then key.
- UID: derived from the action's `key` (unique per user and stable across re-plans), so
  importing a newer export updates the same entries instead of duplicating them.
- Times carry the TZID of the user's `zone` and the calendar gets a matching VTIMEZONE (from
  `Calendar.add_missing_timezones`, limited to the years the actions span); nothing is floating.
  The one exception is a time inside the repeated hour when the clocks go back: its wall-clock
  reading is ambiguous (RFC 5545 says first occurrence, khal takes the second), so it is
  written in UTC to keep its instant.
- VEVENT: DTSTART = due; DTEND = due + 30 minutes, or the deadline if that comes sooner. The
  deadline is usually days later, and stretching the event to it would fill the calendar with
  multi-day blocks, so it goes into the description instead. TRANSP:TRANSPARENT: a reminder
  does not make the user look busy to people who schedule with them.
- VTODO: DUE = deadline and DTSTART = due, or, without a deadline after the due time, DUE = due
  and no DTSTART (RFC 5545 allows DTSTART = DUE, but the `ical` parser then moves DTSTART a
  day earlier); STATUS:NEEDS-ACTION.
- SUMMARY = title; DESCRIPTION = why, the talking points as bullets, recipient, company and
  role, deadline and sources; CATEGORIES = kind; a DISPLAY VALARM `alarm_minutes` before the
  due time (TRIGGER relative to DTSTART, or to DUE with RELATED=END for a to-do without one).
- Line breaks in text (CR, CRLF) become LF, which the writer escapes: no text can start a line.
- DTSTAMP: `stamp` when given (callers pass their `now`); without it, each component's own due
  time, which is deterministic and changes whenever the action is re-planned.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Component, Event, Todo

from followthrough.domain.model import ActionStatus

__all__ = ["EVENT_LENGTH", "OPEN_STATUSES", "PRODID", "calendar", "uid_for"]

#: Statuses of the actions that are exported; done, skipped and cancelled ones are not.
OPEN_STATUSES = frozenset({ActionStatus.PENDING.value, ActionStatus.SNOOZED.value})
#: How long an exported event lasts unless its deadline comes sooner.
EVENT_LENGTH = dt.timedelta(minutes=30)
PRODID = "-//Followthrough//EN"
UTC = dt.UTC


def uid_for(key: str, host: str = "followthrough.local") -> str:
    """Return the UID of the action with `key`: the same key always gives the same UID."""
    digest = hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"{digest[:16]}@{host}"


def calendar(
    actions: Iterable[Mapping[str, Any]],
    zone: str,
    *,
    todo: bool = False,
    alarm_minutes: int = 30,
    name: str = "Followthrough",
    host: str = "followthrough.local",
    stamp: dt.datetime | None = None,
) -> bytes:
    """Return an RFC 5545 calendar with one event (or to-do) per open action that has a due time.

    `actions` are dicts in the shape of `followthrough.shapes.action_json` (`due` and `deadline`
    as ISO 8601 strings with an offset, or aware datetimes). `zone` is the user's IANA time zone;
    an unknown one raises `zoneinfo.ZoneInfoNotFoundError`. `stamp` must be aware if given.
    Raises ValueError if two exported actions share a key, or `alarm_minutes` is negative.
    """
    if alarm_minutes < 0:
        raise ValueError(f"alarm_minutes must be 0 or more, not {alarm_minutes}")
    if stamp is not None and stamp.tzinfo is None:
        raise ValueError("stamp must be an aware datetime")
    tz = ZoneInfo(zone)
    chosen = sorted(
        (
            (_instant(a["due"]), str(a["key"]), a)
            for a in actions
            if a.get("status") in OPEN_STATUSES and a.get("due") is not None
        ),
        key=lambda item: item[:2],
    )
    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("NAME", _text(name))
    cal.add("X-WR-CALNAME", _text(name))
    seen: set[str] = set()
    for due, key, action in chosen:
        if key in seen:
            raise ValueError(f"two actions share the key {key!r}: their UIDs would collide")
        seen.add(key)
        deadline = _optional(action.get("deadline"))
        component, trigger = _timed(due, deadline, tz, todo)
        component.add("UID", uid_for(key, host))
        component.add("DTSTAMP", (stamp or due).astimezone(UTC).replace(microsecond=0))
        title = _describe(component, action, deadline, tz)
        alarm = Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("DESCRIPTION", title)
        alarm.add("TRIGGER", dt.timedelta(minutes=-alarm_minutes), parameters=trigger)
        component.add_component(alarm)
        cal.add_component(component)
    if chosen:
        _add_zones(cal, chosen, tz)
    data: bytes = cal.to_ical()
    return data


def _add_zones(
    cal: Calendar, chosen: Sequence[tuple[dt.datetime, str, Mapping[str, Any]]], tz: ZoneInfo
) -> None:
    """Add the VTIMEZONE of `tz` for the years the exported actions span, before the rest."""
    # A VTIMEZONE lists each transition between its first and last date: cover whole years.
    first = chosen[0][0]
    last = max(_last(due, action) for due, _, action in chosen)
    cal.add_missing_timezones(
        first_date=dt.date(first.astimezone(tz).year, 1, 1),
        last_date=dt.date(last.astimezone(tz).year + 1, 1, 1),
    )
    # before the components that use them (icalendar < 7 appends them at the end)
    cal.subcomponents.sort(key=lambda c: c.name != "VTIMEZONE")


def _timed(
    due: dt.datetime, deadline: dt.datetime | None, tz: ZoneInfo, todo: bool
) -> tuple[Component, dict[str, str]]:
    """Return a to-do or an event placed at `due`, and the parameters of its alarm's trigger."""
    component: Component
    trigger: dict[str, str] = {}
    if todo:
        component = Todo()
        if deadline is not None and deadline > due:
            component.add("DTSTART", _local(due, tz))
            component.add("DUE", _local(deadline, tz))
        else:
            component.add("DUE", _local(due, tz))
            trigger["RELATED"] = "END"
        component.add("STATUS", "NEEDS-ACTION")
    else:
        component = Event()
        end = due + EVENT_LENGTH
        if deadline is not None and due < deadline < end:
            end = deadline
        component.add("DTSTART", _local(due, tz))
        component.add("DTEND", _local(end, tz))
        component.add("TRANSP", "TRANSPARENT")
    return component, trigger


def _describe(
    component: Component, action: Mapping[str, Any], deadline: dt.datetime | None, tz: ZoneInfo
) -> str:
    """Add the summary, description and category of `action` to `component`; return the title."""
    title = _text(action.get("title") or action.get("kind") or "Follow-up")
    component.add("SUMMARY", title)
    description = _text(_description(action, deadline, tz))
    if description:
        component.add("DESCRIPTION", description)
    if action.get("kind"):
        component.add("CATEGORIES", [_text(action["kind"])])
    return title


def _text(value: Any) -> str:
    """Return `value` as text with every line break as LF, which the writer escapes as `\\n`.

    icalendar before 7 writes a lone CR as is, and some readers take it for the end of a line.
    """
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _last(due: dt.datetime, action: Mapping[str, Any]) -> dt.datetime:
    """Return the latest instant that `action` puts in the calendar."""
    deadline = _optional(action.get("deadline"))
    return max(due + EVENT_LENGTH, deadline or due)


def _instant(value: Any) -> dt.datetime:
    """Return an ISO 8601 string or a datetime as an aware datetime (naive means UTC)."""
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if not isinstance(moment, dt.datetime):
        raise ValueError(f"not a date and time: {value!r}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.replace(microsecond=0)


def _optional(value: Any) -> dt.datetime | None:
    """Return `_instant(value)`, or None for None."""
    return None if value is None else _instant(value)


def _local(moment: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """Return `moment` in `tz`, or in UTC if its wall-clock time there is ambiguous."""
    local = moment.astimezone(tz)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return moment.astimezone(UTC)
    return local


def _description(action: Mapping[str, Any], deadline: dt.datetime | None, tz: ZoneInfo) -> str:
    """Return the text of DESCRIPTION: why, talking points, who, where and the sources."""
    parts: list[str] = []
    if action.get("why"):
        parts.append(str(action["why"]).strip())
    points = [str(p).strip() for p in action.get("talking_points") or [] if str(p).strip()]
    if points:
        parts.append("Talking points:\n" + "\n".join(f"- {p}" for p in points))
    facts: list[str] = []
    recipient = action.get("recipient")
    if isinstance(recipient, Mapping) and recipient.get("name"):
        who = str(recipient["name"])
        if recipient.get("email"):
            who += f" <{recipient['email']}>"
        if recipient.get("forward_to"):
            who += f", to pass on to {recipient['forward_to']}"
        channel = f" ({action['channel']})" if action.get("channel") else ""
        facts.append(f"To: {who}{channel}")
    company = " - ".join(str(action[k]) for k in ("company", "role") if action.get(k))
    if company:
        facts.append(f"Application: {company}")
    if deadline is not None:
        local = deadline.astimezone(tz)
        facts.append(f"Deadline: {local:%Y-%m-%d %H:%M} {local.tzname()}")
    sources = [str(s) for s in action.get("sources") or []]
    if sources:
        facts.append("Sources: " + ", ".join(sources))
    if facts:
        parts.append("\n".join(facts))
    return "\n\n".join(parts)
