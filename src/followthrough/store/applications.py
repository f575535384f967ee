"""Applications, their status history and their referees."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection

from followthrough.domain.model import Status
from followthrough.store.read import records
from followthrough.store.schema import applications, referees, status_events
from followthrough.store.scope import Owner


def add_application(owner: Owner, conn: Connection, now: dt.datetime, **values: Any) -> int:
    """Insert an application and its first status event; return its id."""
    status = values.setdefault("status", Status.APPLIED.value)
    result = conn.execute(owner.insert(applications, created_at=now, updated_at=now, **values))
    app_id = int(result.inserted_primary_key[0])
    add_status_event(owner, conn, app_id, status, now)
    return app_id


def add_status_event(
    owner: Owner, conn: Connection, app_id: int, status: str, at: dt.datetime
) -> None:
    """Record that application `app_id` reached `status` at `at`; return nothing."""
    conn.execute(owner.insert(status_events, application_id=app_id, status=status, at=at))


def update_application(owner: Owner, conn: Connection, app_id: int, **values: Any) -> None:
    """Change some fields of an application; return nothing."""
    conn.execute(owner.update(applications, applications.c.id == app_id).values(**values))


def add_referee(owner: Owner, conn: Connection, app_id: int, contact_id: int) -> None:
    """Attach a referee to an application (idempotent); return nothing."""
    if contact_id in records.referee_ids(conn, owner.id, app_id):
        return
    conn.execute(owner.insert(referees, application_id=app_id, contact_id=contact_id))
