"""The changes a person makes to an action: done, skip, snooze, reopen.

One place, used by the API and by the pages alike, so the two cannot drift apart: each turns
the request's words into arguments, calls the one use case in services/actions.py and returns
its documented JSON.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from followthrough import shapes
from followthrough.domain.parse import parse_datetime
from followthrough.services import Service, actions


def mark_done(
    svc: Service,
    action_id: int,
    reason: str | None = None,
    override: str | None = None,
    at: str | None = None,
) -> dict[str, Any]:
    """Mark an action done (at `at`, a date and time, when it happened earlier) and return it
    with the guards' warnings (a message logs itself)."""
    happened = parse_datetime(at, svc.week().zone, "at") if at else None
    return shapes.action_view_json(actions.mark_done(svc, action_id, reason, override, happened))


def skip(svc: Service, action_id: int, reason: str | None = None) -> dict[str, Any]:
    """Skip an action (it stays skipped through re-planning) and return it."""
    return shapes.action_view_json(actions.skip(svc, action_id, reason))


def reopen(svc: Service, action_id: int) -> dict[str, Any]:
    """Make a done, skipped or snoozed action pending again and return it."""
    return shapes.action_view_json(actions.reopen(svc, action_id))


def snooze(
    svc: Service, action_id: int, until: str | None = None, reason: str | None = None
) -> dict[str, Any]:
    """Put an action off until a date (same time of day), a moment, or tomorrow; return it."""
    target = snooze_target(svc, action_id, until)
    return shapes.action_view_json(actions.snooze(svc, action_id, target, reason))


def snooze_target(svc: Service, action_id: int, until: str | None) -> dt.datetime | None:
    """Return the moment `until` names (services.actions.snooze_target); None: default."""
    return actions.snooze_target(svc, action_id, until)
