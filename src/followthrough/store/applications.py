"""Applications, their status history and their referees."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, func

from followthrough.domain.errors import NotFoundError
from followthrough.domain.model import Application, Status
from followthrough.store.rows import application_from_row
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


def application(owner: Owner, conn: Connection, app_id: int) -> Application:
    """Return application `app_id` or raise NotFoundError."""
    row = (
        conn.execute(owner.select(applications).where(applications.c.id == app_id))
        .mappings()
        .first()
    )
    if row is None:
        raise NotFoundError("application", app_id)
    return application_from_row(row)


def list_applications(
    owner: Owner,
    conn: Connection,
    status: str | None = None,
    *,
    statuses: tuple[str, ...] = (),
    limit: int | None = None,
) -> list[Application]:
    """Return the owner's applications (of `status` or `statuses`, else all), newest first,
    at most `limit`."""
    query = owner.select(applications)
    wanted = (status,) if status else statuses
    if wanted:
        query = query.where(applications.c.status.in_(wanted))
    query = query.order_by(applications.c.created_at.desc(), applications.c.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return [application_from_row(r) for r in conn.execute(query).mappings()]


def status_counts(owner: Owner, conn: Connection) -> dict[str, int]:
    """Return how many applications the owner has in each status (statuses with none left out)."""
    query = owner.select(applications, applications.c.status, func.count()).group_by(
        applications.c.status
    )
    return {status: count for status, count in conn.execute(query)}


def application_ids(owner: Owner, conn: Connection) -> list[int]:
    """Return the ids of all the owner's applications."""
    query = owner.select(applications, applications.c.id).order_by(applications.c.id)
    return list(conn.execute(query).scalars())


def referee_ids(owner: Owner, conn: Connection, app_id: int) -> list[int]:
    """Return the contact ids of the referees given for `app_id`."""
    query = owner.select(referees, referees.c.contact_id).where(referees.c.application_id == app_id)
    return list(conn.execute(query).scalars())


def add_referee(owner: Owner, conn: Connection, app_id: int, contact_id: int) -> None:
    """Attach a referee to an application (idempotent); return nothing."""
    if contact_id in referee_ids(owner, conn, app_id):
        return
    conn.execute(owner.insert(referees, application_id=app_id, contact_id=contact_id))


def pipeline(owner: Owner, conn: Connection) -> tuple[int, dt.datetime | None, bool]:
    """Return (open applications, when the last was added, whether a contract is signed)."""
    open_count = conn.execute(
        owner.select(applications, func.count()).where(
            applications.c.status.in_(("applied", "interviewing", "offer"))
        )
    ).scalar_one()
    last = conn.execute(owner.select(applications, func.max(applications.c.created_at))).scalar()
    signed = conn.execute(
        owner.select(applications, func.count()).where(applications.c.status == "accepted")
    ).scalar_one()
    if isinstance(last, str | dt.datetime):
        last = applications.c.created_at.type.process_result_value(last, conn.dialect)
    return int(open_count), last, bool(signed)
