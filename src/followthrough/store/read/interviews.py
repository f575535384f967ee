"""Reads of interviews, their panels and debriefs (plain SQL, stdlib only)."""

from __future__ import annotations

from followthrough.domain.errors import NotFoundError
from followthrough.domain.model import Debrief, Interview
from followthrough.store.read.records import members
from followthrough.store.rows import debrief_from_row, interview_from_row
from followthrough.store.sql import one, records, rows, stamp

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence
    from typing import Any


def panels(conn: Any, owner: int, ids: Sequence[int]) -> dict[int, list[int]]:
    """Return the contact ids of the panel of each of these interviews, in panel order."""
    found: dict[int, list[int]] = {i: [] for i in ids}
    if not ids:
        return found
    inside, params = members(list(ids), "i")
    sql = (
        "SELECT interview_id, contact_id FROM interviewers WHERE owner_id + 0 = :owner "
        f"AND interview_id IN {inside} ORDER BY interview_id, position"
    )
    for iid, cid in rows(conn, sql, {"owner": owner, **params}):
        found[iid].append(cid)
    return found


def _with_panels(conn: Any, owner: int, sql: str, params: dict[str, Any]) -> list[Interview]:
    """Return the interviews `sql` selects, each with its panel."""
    found = records(conn, sql, {"owner": owner, **params})
    people = panels(conn, owner, [r["id"] for r in found])
    return [interview_from_row(r, people[r["id"]]) for r in found]


def interview(conn: Any, owner: int, interview_id: int) -> Interview:
    """Return interview `interview_id` or raise NotFoundError."""
    sql = "SELECT * FROM interviews WHERE owner_id = :owner AND id = :id"
    found = _with_panels(conn, owner, sql, {"id": interview_id})
    if not found:
        raise NotFoundError("interview", interview_id)
    return found[0]


def interview_tz(conn: Any, owner: int, interview_id: int) -> str:
    """Return the zone an interview was recorded in."""
    sql = "SELECT tz FROM interviews WHERE owner_id = :owner AND id = :id"
    found = one(conn, sql, {"owner": owner, "id": interview_id})
    if found is None:
        raise NotFoundError("interview", interview_id)
    return str(found[0])


def interviews(conn: Any, owner: int, app_id: int) -> list[Interview]:
    """Return the interviews of an application, by start."""
    sql = (
        "SELECT * FROM interviews WHERE owner_id = :owner AND application_id = :app "
        "ORDER BY start_at, id"
    )
    return _with_panels(conn, owner, sql, {"app": app_id})


def upcoming(
    conn: Any,
    owner: int,
    now: dt.datetime,
    until: dt.datetime | None = None,
    limit: int | None = None,
) -> list[Interview]:
    """Return the owner's interviews that have not started yet (that start before `until`;
    the first `limit`), by start."""
    sql = "SELECT * FROM interviews WHERE owner_id = :owner AND start_at > :now"
    if until is not None:
        sql += " AND start_at < :until"
    sql += " ORDER BY start_at, id" + (" LIMIT :limit" if limit is not None else "")
    params = {"now": stamp(now), "until": stamp(until) if until else None, "limit": limit}
    return _with_panels(conn, owner, sql, params)


def debriefs(conn: Any, owner: int, interview_ids: Sequence[int]) -> dict[int, Debrief]:
    """Return the debriefs of these interviews."""
    if not interview_ids:
        return {}
    inside, params = members(list(interview_ids), "i")
    sql = f"SELECT * FROM debriefs WHERE owner_id = :owner AND interview_id IN {inside}"
    return {
        r["interview_id"]: debrief_from_row(r)
        for r in records(conn, sql, {"owner": owner, **params})
    }
