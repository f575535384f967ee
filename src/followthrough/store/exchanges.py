"""Exchanges (interactions: calls, e-mails, messages) and the guard overrides logged with them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, func

from followthrough.domain.model import Interaction
from followthrough.store.rows import interaction_from_row
from followthrough.store.schema import guard_overrides, interactions
from followthrough.store.scope import Owner


def add_interaction(owner: Owner, conn: Connection, now: dt.datetime, **values: Any) -> int:
    """Insert an interaction; return its id."""
    result = conn.execute(owner.insert(interactions, created_at=now, **values))
    return int(result.inserted_primary_key[0])


def list_interactions(owner: Owner, conn: Connection, app_id: int) -> list[Interaction]:
    """Return the interactions of an application, oldest first."""
    rows = conn.execute(
        owner.select(interactions)
        .where(interactions.c.application_id == app_id)
        .order_by(interactions.c.at, interactions.c.id)
    ).mappings()
    return [interaction_from_row(r) for r in rows]


def delete_logged_by(owner: Owner, conn: Connection, action_id: int) -> None:
    """Delete the exchanges that marking action `action_id` done logged; return nothing."""
    conn.execute(owner.delete(interactions, interactions.c.action_id == action_id))


def add_override(owner: Owner, conn: Connection, at: dt.datetime, **values: Any) -> None:
    """Record that the user overrode a guard, and why; return nothing."""
    conn.execute(owner.insert(guard_overrides, at=at, **values))


def last_exchanges(owner: Owner, conn: Connection) -> dict[int, dt.datetime]:
    """Return, per application, when the latest exchange (call, e-mail, message) was."""
    c = interactions.c
    rows = conn.execute(
        owner.select(interactions, c.application_id, func.max(c.at)).group_by(c.application_id)
    )
    return {a: at for a, at in rows}  # max() keeps the column's type: aware UTC
