"""Exchanges (interactions: calls, e-mails, messages) and the guard overrides logged with them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection

from followthrough.store.schema import guard_overrides, interactions
from followthrough.store.scope import Owner


def add_interaction(owner: Owner, conn: Connection, now: dt.datetime, **values: Any) -> int:
    """Insert an interaction; return its id."""
    result = conn.execute(owner.insert(interactions, created_at=now, **values))
    return int(result.inserted_primary_key[0])


def delete_logged_by(owner: Owner, conn: Connection, action_id: int) -> None:
    """Delete the exchanges that marking action `action_id` done logged; return nothing."""
    conn.execute(owner.delete(interactions, interactions.c.action_id == action_id))


def add_override(owner: Owner, conn: Connection, at: dt.datetime, **values: Any) -> None:
    """Record that the user overrode a guard, and why; return nothing."""
    conn.execute(owner.insert(guard_overrides, at=at, **values))
