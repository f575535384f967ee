"""The changes a person makes to an action: done, skip, snooze, reopen.

One implementation, called by the API and by the pages alike, so the two cannot drift apart.
(A service-level use case in all but place: it moves to services/ with the service rewrite.)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from followthrough.domain.parse import parse_date, parse_datetime, resolve_local
from followthrough.services import Service


def mark_done(
    svc: Service, action_id: int, reason: str | None = None, override: str | None = None
) -> dict[str, Any]:
    """Mark an action done and return it with the guards' warnings (a message logs itself)."""
    result = svc.complete(action_id, "done", None, reason, override)
    result.setdefault("warnings", [])  # done twice: Service returns the action without them
    return result


def skip(svc: Service, action_id: int, reason: str | None = None) -> dict[str, Any]:
    """Skip an action (it stays skipped through re-planning) and return it."""
    return svc.complete(action_id, "skipped", None, reason)


def reopen(svc: Service, action_id: int) -> dict[str, Any]:
    """Make a done, skipped or snoozed action pending again and return it."""
    return svc.complete(action_id, "pending")


def snooze(
    svc: Service, action_id: int, until: str | None = None, reason: str | None = None
) -> dict[str, Any]:
    """Put an action off until a date (same time of day), a moment, or tomorrow; return it."""
    return svc.complete(action_id, "snoozed", snooze_target(svc, action_id, until), reason)


def snooze_target(svc: Service, action_id: int, until: str | None) -> dt.datetime | None:
    """Return the moment `until` names (a bare date keeps the due time of day); None: default."""
    if not until:
        return None
    zone = svc.week().zone
    if len(until.strip()) == 10:
        when = parse_date(until, "until")
        due = dt.datetime.fromisoformat(svc.action(action_id)["due"]).astimezone(zone)
        return resolve_local(dt.datetime.combine(when, due.time()), zone, "until")
    return parse_datetime(until, zone, "until")
