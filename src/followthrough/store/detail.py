"""One application with everything known about it (its page, `app show`): plain SQL, stdlib
only (store/sql.py). A fixed number of statements, each through an index on the application
(or on the ids it names), whatever the number of applications; rows come back as dicts keyed
by column, instants and days decoded (sql.instant, sql.day), other values as stored.
"""

from __future__ import annotations

from followthrough.shapes import COLUMNS
from followthrough.store import sql

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

APPLICATION = (
    "id", "company", "role", "channel", "status", "created_at", "url", "agency", "recruiter_id",
    "hiring_contact_id", "interest", "notes", "competitors", "applied_on",
)  # fmt: skip
INTERVIEW = (
    "id", "application_id", "start_at", "end_at", "format", "round", "decision_date",
    "follow_up_contact_id", "follow_up_how", "promises", "next_steps",
)  # fmt: skip
INTERACTION = (
    "id", "application_id", "at", "kind", "contact_id", "summary", "action_id", "action_kind",
    "follow_up",
)  # fmt: skip
CONTACT = (
    "id", "name", "email", "phone", "linkedin", "role", "organisation", "direct_contact", "notes",
)  # fmt: skip
DEBRIEF = ("interview_id", "recorded_at", "data", "verdict")
#: An action as the shapes read it (shapes.COLUMNS), and what the planner's record adds.
ACTION = (
    *COLUMNS, "planned_due_at", "via_contact_id", "chases", "recipient_contact_id",
)  # fmt: skip
#: The columns read as instants and as days.
INSTANTS = frozenset({"created_at", "start_at", "end_at", "at", "recorded_at"})
DAYS = frozenset({"applied_on", "decision_date"})


_SELECT = "SELECT {cols} FROM {table} t WHERE t.owner_id = :owner AND {where} {order}"


def _select(columns: Sequence[str], table: str, where: str, order: str = "") -> str:
    """Return the SQL of `columns` of the owner's rows of `table` meeting `where`."""
    cols = ", ".join(f"t.{c}" for c in dict.fromkeys(columns))
    return _SELECT.format(cols=cols, table=table, where=where, order=order)


_APPLICATION = _select(APPLICATION, "applications", "t.id = :app")
_INTERVIEWS = _select(
    INTERVIEW, "interviews", "t.application_id = :app", "ORDER BY t.start_at, t.id"
)
_PANELS = """
SELECT v.interview_id, v.contact_id FROM interviewers v JOIN interviews i ON i.id = v.interview_id
WHERE i.owner_id = :owner AND i.application_id = :app ORDER BY v.interview_id, v.position
"""
_DEBRIEFS = """
SELECT d.interview_id, d.recorded_at, d.data, d.verdict FROM debriefs d
JOIN interviews i ON i.id = d.interview_id
WHERE d.owner_id = :owner AND i.application_id = :app
"""
_INTERACTIONS = _select(
    INTERACTION, "interactions", "t.application_id = :app", "ORDER BY t.at, t.id"
)
_REFEREES = _select(("contact_id",), "referees", "t.application_id = :app", "ORDER BY t.contact_id")
_EVENTS = _select(
    ("status", "at"), "status_events", "t.application_id = :app", "ORDER BY t.at, t.id"
)
_ACTION_COLUMNS = ", ".join(
    {"company": "ap.company", "job_role": "ap.role AS job_role"}.get(c, f"a.{c}")
    for c in dict.fromkeys(ACTION)
)
_ACTIONS_TEMPLATE = """
SELECT {columns} FROM actions a LEFT JOIN applications ap ON ap.id = a.application_id
WHERE a.owner_id = :owner AND {where} ORDER BY a.due_at, a.id
"""
_PLAN = _ACTIONS_TEMPLATE.format(columns=_ACTION_COLUMNS, where="a.application_id = :app")
_BY_KEY = _ACTIONS_TEMPLATE.format(columns=_ACTION_COLUMNS, where="a.key = :key")


def _dicts(
    conn: Any, query: str, columns: Sequence[str], params: dict[str, Any]
) -> list[dict[str, Any]]:
    """Return the rows of `query` as dicts, instants and days decoded."""
    names = list(dict.fromkeys(columns))
    out = []
    for row in sql.rows(conn, query, params):
        found = dict(zip(names, row, strict=True))
        for name in INSTANTS.intersection(found):
            found[name] = sql.instant(found[name])
        for name in DAYS.intersection(found):
            found[name] = sql.day(found[name])
        out.append(found)
    return out


def application(conn: Any, owner: int, app_id: int) -> dict[str, Any] | None:
    """Return the owner's application `app_id`, or None."""
    found = _dicts(conn, _APPLICATION, APPLICATION, {"owner": owner, "app": app_id})
    return found[0] if found else None


def interviews(conn: Any, owner: int, app_id: int) -> list[dict[str, Any]]:
    """Return the interviews of an application by start, each with "panel": its contact ids
    in panel order."""
    params = {"owner": owner, "app": app_id}
    panels: dict[int, list[int]] = {}
    for interview_id, contact_id in sql.rows(conn, _PANELS, params):
        panels.setdefault(interview_id, []).append(contact_id)
    found = _dicts(conn, _INTERVIEWS, INTERVIEW, params)
    for row in found:
        row["panel"] = panels.get(row["id"], [])
    return found


def debriefs(conn: Any, owner: int, app_id: int) -> list[dict[str, Any]]:
    """Return the debriefs of the interviews of an application."""
    return _dicts(conn, _DEBRIEFS, DEBRIEF, {"owner": owner, "app": app_id})


def interactions(conn: Any, owner: int, app_id: int) -> list[dict[str, Any]]:
    """Return the exchanges of an application, oldest first."""
    return _dicts(conn, _INTERACTIONS, INTERACTION, {"owner": owner, "app": app_id})


def referee_ids(conn: Any, owner: int, app_id: int) -> list[int]:
    """Return the contact ids of an application's referees."""
    return [r[0] for r in sql.rows(conn, _REFEREES, {"owner": owner, "app": app_id})]


def status_events(conn: Any, owner: int, app_id: int) -> list[dict[str, Any]]:
    """Return the statuses an application reached, with when, oldest first."""
    return _dicts(conn, _EVENTS, ("status", "at"), {"owner": owner, "app": app_id})


def contacts(conn: Any, owner: int, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Return the owner's contacts with these ids, by id."""
    if not ids:
        return []
    params: dict[str, Any] = {f"c{i}": c for i, c in enumerate(sorted(set(ids)))}
    where = f"t.id IN ({', '.join(':' + p for p in params)})"
    params["owner"] = owner
    query = _select(CONTACT, "contacts", where, "ORDER BY t.id").replace(
        "t.owner_id = :owner",
        "t.owner_id + 0 = :owner",  # found by id, not among all of them
    )
    return _dicts(conn, query, CONTACT, params)


def plan(conn: Any, owner: int, app_id: int) -> list[dict[str, Any]]:
    """Return every action of an application (cancelled too) by due time, as stored (the
    shapes read them so), with its company and role."""
    return _actions(conn, _PLAN, {"owner": owner, "app": app_id})


def action_by_key(conn: Any, owner: int, key: str) -> dict[str, Any] | None:
    """Return the owner's action with this key, as `plan` returns actions, or None."""
    found = _actions(conn, _BY_KEY, {"owner": owner, "key": key})
    return found[0] if found else None


def _actions(conn: Any, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    names = list(dict.fromkeys(ACTION))
    return [dict(zip(names, row, strict=True)) for row in sql.rows(conn, query, params)]
