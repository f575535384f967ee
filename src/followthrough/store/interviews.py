"""Interviews, their panels of interviewers and their debriefs."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from followthrough.domain.errors import NotFoundError
from followthrough.domain.model import Debrief, Interview
from followthrough.store.rows import debrief_from_row, interview_from_row
from followthrough.store.schema import debriefs, interviewers, interviews
from followthrough.store.scope import Owner


def add_interview(
    owner: Owner, conn: Connection, now: dt.datetime, panel: Sequence[int], **values: Any
) -> int:
    """Insert an interview with its panel; return its id."""
    values["promises"] = json.dumps(list(values.get("promises", ())))
    result = conn.execute(owner.insert(interviews, created_at=now, **values))
    iid = int(result.inserted_primary_key[0])
    set_panel(owner, conn, iid, panel)
    return iid


def set_panel(owner: Owner, conn: Connection, interview_id: int, panel: Sequence[int]) -> None:
    """Replace the interviewers of an interview; return nothing."""
    conn.execute(owner.delete(interviewers, interviewers.c.interview_id == interview_id))
    for pos, cid in enumerate(dict.fromkeys(panel)):
        conn.execute(
            owner.insert(interviewers, interview_id=interview_id, contact_id=cid, position=pos)
        )


def update_interview(owner: Owner, conn: Connection, interview_id: int, **values: Any) -> None:
    """Change some fields of an interview; return nothing."""
    if "promises" in values:
        values["promises"] = json.dumps(list(values["promises"]))
    conn.execute(owner.update(interviews, interviews.c.id == interview_id).values(**values))


def panels(owner: Owner, conn: Connection, ids: Sequence[int]) -> dict[int, list[int]]:
    """Return the contact ids of the panel of each of these interviews, in panel order."""
    found: dict[int, list[int]] = {i: [] for i in ids}
    if not ids:
        return found
    c = interviewers.c
    rows = conn.execute(
        owner.select(interviewers, c.interview_id, c.contact_id, indexed=False)
        .where(c.interview_id.in_(list(ids)))
        .order_by(c.interview_id, c.position)
    )
    for iid, cid in rows:
        found[iid].append(cid)
    return found


def interview(owner: Owner, conn: Connection, interview_id: int) -> Interview:
    """Return interview `interview_id` or raise NotFoundError."""
    row = (
        conn.execute(owner.select(interviews).where(interviews.c.id == interview_id))
        .mappings()
        .first()
    )
    if row is None:
        raise NotFoundError("interview", interview_id)
    return interview_from_row(row, panels(owner, conn, [interview_id])[interview_id])


def interview_tz(owner: Owner, conn: Connection, interview_id: int) -> str:
    """Return the zone an interview was recorded in."""
    query = owner.select(interviews, interviews.c.tz).where(interviews.c.id == interview_id)
    return str(conn.execute(query).scalar_one())


def _with_panels(owner: Owner, conn: Connection, query: Any) -> list[Interview]:
    """Return the interviews `query` selects, each with its panel."""
    rows = list(conn.execute(query).mappings())
    found = panels(owner, conn, [r["id"] for r in rows])
    return [interview_from_row(r, found[r["id"]]) for r in rows]


def list_interviews(owner: Owner, conn: Connection, app_id: int) -> list[Interview]:
    """Return the interviews of an application, by start."""
    query = (
        owner.select(interviews)
        .where(interviews.c.application_id == app_id)
        .order_by(interviews.c.start_at, interviews.c.id)
    )
    return _with_panels(owner, conn, query)


def upcoming_interviews(owner: Owner, conn: Connection, now: dt.datetime) -> list[Interview]:
    """Return the owner's interviews that have not started yet."""
    query = (
        owner.select(interviews).where(interviews.c.start_at > now).order_by(interviews.c.start_at)
    )
    return _with_panels(owner, conn, query)


def save_debrief(
    owner: Owner,
    conn: Connection,
    interview_id: int,
    data: dict[str, Any],
    verdict: str | None,
    at: dt.datetime,
) -> None:
    """Store (insert or replace) the debrief of an interview; return nothing."""
    conn.execute(owner.delete(debriefs, debriefs.c.interview_id == interview_id))
    conn.execute(
        owner.insert(
            debriefs,
            interview_id=interview_id,
            recorded_at=at,
            data=json.dumps(data, ensure_ascii=False),
            verdict=verdict,
        )
    )


def debriefs_of(owner: Owner, conn: Connection, interview_ids: Sequence[int]) -> dict[int, Debrief]:
    """Return the debriefs of these interviews."""
    if not interview_ids:
        return {}
    rows = conn.execute(
        owner.select(debriefs).where(debriefs.c.interview_id.in_(list(interview_ids)))
    ).mappings()
    return {r["interview_id"]: debrief_from_row(r) for r in rows}
