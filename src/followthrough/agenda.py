"""The JSON shape of actions and the today grouping, shared by every path that shows them.

Light on purpose (stdlib only): the `today --json` fast path imports it without SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

UTC = dt.UTC
#: How far ahead `today` looks.
UPCOMING_DAYS = 7


def aware(value: Any) -> dt.datetime | None:
    """Return a stored instant as an aware UTC datetime (SQLite keeps naive UTC text)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def iso(value: Any, zone: ZoneInfo) -> str | None:
    """Return an instant as ISO 8601 with the UTC offset of `zone`, to the second."""
    moment = aware(value)
    if moment is None:
        return None
    return moment.astimezone(zone).isoformat(timespec="seconds")


def action_json(row: Mapping[str, Any], zone: ZoneInfo) -> dict[str, Any]:
    """Return the documented JSON shape of one action row."""
    recipient = None
    if row["recipient_name"]:
        recipient = {
            "name": row["recipient_name"],
            "email": row["recipient_email"],
            "contact_id": row["recipient_contact_id"],
            "forward_to": row["via_name"],
        }
    return {
        "id": row["id"],
        "kind": row["kind"],
        "title": row["title"],
        "status": row["status"],
        "due": iso(row["due_at"], zone),
        "deadline": iso(row["deadline_at"], zone),
        "application_id": row["application_id"],
        "interview_id": row["interview_id"],
        "company": row["company"],
        "role": row["job_role"],
        "recipient": recipient,
        "channel": row["channel"],
        "rule": row["rule"],
        "sources": row["sources"].split() if row["sources"] else [],
        "why": row["why"] or "",
        "reason": row["reason"],
        "talking_points": json.loads(row["talking_points"] or "[]"),
        "done_at": iso(row["done_at"], zone),
        "edited": bool(row["edited"]),
        "key": row["key"],
    }


def day_bounds(now: dt.datetime, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """Return the start of tomorrow and the end of the upcoming window, in the user's zone."""
    today = now.astimezone(zone).date()
    tomorrow = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    horizon = dt.datetime.combine(
        today + dt.timedelta(days=UPCOMING_DAYS + 1), dt.time(0), tzinfo=zone
    )
    return tomorrow, horizon


def window_end(now: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """Return the end of what `today` shows: midnight after the 7th day from today."""
    return day_bounds(now, zone)[1]


def next_change(
    rows: Iterable[Mapping[str, Any]], now: dt.datetime, zone: ZoneInfo
) -> dt.datetime:
    """Return the first moment after `now` at which `group` would sort these rows differently:
    just after the next due time passes (due today -> overdue), or midnight (a new day)."""
    until = day_bounds(now, zone)[0]
    for row in rows:
        due = aware(row["due_at"])
        if due is not None and now <= due < until:
            until = due + dt.timedelta(microseconds=1)
    return until


def group(rows: Iterable[Mapping[str, Any]], now: dt.datetime, zone: ZoneInfo) -> dict[str, Any]:
    """Return {"now", "overdue", "due_today", "upcoming"} for pending/snoozed action rows.

    Overdue: due before now. Due today: from now to midnight. Upcoming: the next 7 days.
    """
    tomorrow, horizon = day_bounds(now, zone)
    out: dict[str, Any] = {
        "now": now.astimezone(zone).isoformat(timespec="seconds"),
        "overdue": [],
        "due_today": [],
        "upcoming": [],
    }
    for row in rows:
        due = aware(row["due_at"])
        assert due is not None
        if due < now:
            out["overdue"].append(action_json(row, zone))
        elif due < tomorrow:
            out["due_today"].append(action_json(row, zone))
        elif due < horizon:
            out["upcoming"].append(action_json(row, zone))
    return out
