"""Reads of actions, recruiter links and exchanges (plain SQL, stdlib only)."""

from __future__ import annotations

from followthrough.domain.errors import NotFoundError
from followthrough.domain.model import ActionRecord, Interaction
from followthrough.store.agenda_sql import agenda_query
from followthrough.store.read.links import RECRUITER_LINK, RecruiterLinks, link_recruiter
from followthrough.store.read.pipeline import last_nudge as last_nudge
from followthrough.store.read.records import members
from followthrough.store.rows import interaction_from_row, record_from_row
from followthrough.store.sql import instant, records, rows, stamp

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence
    from typing import Any

#: Every action column, then its application's company and role.
_WITH_COMPANY = (
    "SELECT a.*, ap.company AS company, ap.role AS job_role FROM actions a "
    "LEFT JOIN applications ap ON ap.id = a.application_id WHERE a.owner_id = :owner"
)
#: The agenda (agenda_sql.py) with every action column, company and job_role.
ACTION_COLUMNS = (
    "id", "owner_id", "key", "application_id", "interview_id", "kind", "title", "status",
    "due_at", "deadline_at", "planned_due_at", "done_at", "recipient_contact_id",
    "recipient_name", "recipient_email", "via_contact_id", "via_name", "channel", "rule",
    "sources", "why", "reason", "talking_points", "chases", "edited", "draft_subject",
    "draft_body", "created_at", "updated_at", "reply_at", "logged_at",
)  # fmt: skip
_AGENDA = agenda_query((*ACTION_COLUMNS, "company", "job_role"))


def action_records(conn: Any, owner: int, app_id: int | None) -> dict[str, ActionRecord]:
    """Return the stored actions of an application (or the user-wide ones), by key."""
    cond = "application_id = :app" if app_id is not None else "application_id IS NULL"
    sql = f"SELECT * FROM actions WHERE owner_id = :owner AND {cond}"
    found = records(conn, sql, {"owner": owner, "app": app_id})
    return {r["key"]: record_from_row(r) for r in found}


def action(conn: Any, owner: int, action_id: int) -> dict[str, Any]:
    """Return the row of action `action_id` (with its company) or raise NotFoundError."""
    found = records(conn, f"{_WITH_COMPANY} AND a.id = :id", {"owner": owner, "id": action_id})
    if not found:
        raise NotFoundError("action", action_id)
    return found[0]


def actions_of(conn: Any, owner: int, app_id: int) -> list[dict[str, Any]]:
    """Return every action of an application (cancelled too), by due time."""
    sql = f"{_WITH_COMPANY} AND a.application_id = :app ORDER BY a.due_at, a.id"
    return records(conn, sql, {"owner": owner, "app": app_id})


def agenda(conn: Any, owner: int, until: dt.datetime) -> list[dict[str, Any]]:
    """Return pending and snoozed actions due before `until`, by due time (agenda_sql.py)."""
    return records(conn, _AGENDA, {"owner": owner, "until": stamp(until)})


def _of_apps(app_ids: Sequence[int] | None, column: str) -> tuple[str, dict[str, Any]]:
    """Return `AND column IN (...)` for these application ids ("" for every one)."""
    if app_ids is None:
        return "", {}
    inside, params = members(sorted(set(app_ids)), "a")
    return f" AND {column} IN {inside}", params


def next_actions(
    conn: Any, owner: int, app_ids: Sequence[int] | None = None
) -> dict[int, dict[str, Any]]:
    """Return, per application (of these, else every one), its earliest pending or snoozed
    action."""
    only, params = _of_apps(app_ids, "a.application_id")
    sql = (
        f"{_WITH_COMPANY} AND a.status IN ('pending', 'snoozed') "
        f"AND a.application_id IS NOT NULL{only} ORDER BY a.due_at"
    )
    out: dict[int, dict[str, Any]] = {}
    for r in records(conn, sql, {"owner": owner, **params}):
        out.setdefault(r["application_id"], r)
    return out



def recruiter_links_elsewhere(conn: Any, owner: int, app_id: int | None = None) -> frozenset[int]:
    """Return recruiter ids whose LinkedIn action belongs to another application than
    `app_id` (to any application when it is None)."""
    sql = (
        "SELECT key FROM actions WHERE owner_id = :owner AND kind = 'linkedin-recruiter' "
        "AND status != 'cancelled'"
    )
    if app_id is not None:
        sql += " AND application_id != :app"
    found = rows(conn, sql, {"owner": owner, "app": app_id})
    return frozenset(int(k.split(":c", 1)[1]) for (k,) in found if ":c" in k)


def recruiter_links(conn: Any, owner: int, only: int | None = None) -> RecruiterLinks:
    """Return who holds the LinkedIn action of every recruiter (of recruiter `only`)."""
    if only is None:
        sql = "SELECT * FROM actions WHERE owner_id = :owner AND kind = :kind"
        params = {"owner": owner, "kind": RECRUITER_LINK}
    else:
        sql = "SELECT * FROM actions WHERE owner_id = :owner AND key = :key"
        params = {"owner": owner, "key": f"{RECRUITER_LINK}:c{only}"}
    held: dict[int, tuple[int | None, ActionRecord]] = {}
    for r in records(conn, sql, params):
        rid = link_recruiter(r["key"])
        if rid is not None:
            held[rid] = (r["application_id"], record_from_row(r))
    return RecruiterLinks(held)


def interactions(conn: Any, owner: int, app_id: int) -> list[Interaction]:
    """Return the interactions of an application, oldest first."""
    sql = (
        "SELECT * FROM interactions WHERE owner_id = :owner AND application_id = :app "
        "ORDER BY at, id"
    )
    return [interaction_from_row(r) for r in records(conn, sql, {"owner": owner, "app": app_id})]


def interaction(conn: Any, owner: int, exchange_id: int) -> Interaction:
    """Return exchange `exchange_id` or raise NotFoundError."""
    sql = "SELECT * FROM interactions WHERE owner_id = :owner AND id = :id"
    found = records(conn, sql, {"owner": owner, "id": exchange_id})
    if not found:
        from followthrough.domain.errors import NotFoundError

        raise NotFoundError("exchange", exchange_id)
    return interaction_from_row(found[0])


def last_exchanges(
    conn: Any, owner: int, app_ids: Sequence[int] | None = None
) -> dict[int, dt.datetime]:
    """Return, per application (of these, else every one), when the latest exchange (call,
    e-mail, message) was."""
    only, params = _of_apps(app_ids, "application_id")
    sql = (
        f"SELECT application_id, MAX(at) FROM interactions WHERE owner_id = :owner{only} "
        "GROUP BY application_id"
    )
    return {a: instant(at) for a, at in rows(conn, sql, {"owner": owner, **params})}  # type: ignore[misc]
