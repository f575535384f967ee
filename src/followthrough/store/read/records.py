"""Reads of settings, contacts and applications (plain SQL, stdlib only)."""

from __future__ import annotations

import datetime as dt

from followthrough.domain.errors import NotFoundError
from followthrough.domain.model import Application, Contact
from followthrough.store.read.pipeline import pipeline as pipeline
from followthrough.store.rows import application_from_row, contact_from_row
from followthrough.store.sql import instant, one, records, rows

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

#: Statuses in which an application is still running (model.OPEN_STATUSES, as stored).
OPEN = ("applied", "interviewing", "offer")


def members(values: Iterable[Any], prefix: str) -> tuple[str, dict[str, Any]]:
    """Return "(:p0, :p1, ...)" and its parameters, for `column IN (...)` over `values`."""
    params = {f"{prefix}{n}": v for n, v in enumerate(values)}
    return "(" + ", ".join(f":{k}" for k in params) + ")", params


def contact(conn: Any, owner: int, contact_id: int) -> Contact:
    """Return contact `contact_id` or raise NotFoundError."""
    found = records(
        conn, "SELECT * FROM contacts WHERE owner_id = :owner AND id = :id",
        {"owner": owner, "id": contact_id},
    )  # fmt: skip
    if not found:
        raise NotFoundError("contact", contact_id)
    others = rows(
        conn, "SELECT email FROM contact_emails WHERE owner_id = :owner AND contact_id = :id"
        " ORDER BY email", {"owner": owner, "id": contact_id},
    )  # fmt: skip
    person = contact_from_row(found[0])
    if others:
        import dataclasses

        person = dataclasses.replace(person, other_emails=tuple(r[0] for r in others))
    return person


def contact_where(conn: Any, owner: int, column: str, value: str) -> Contact | None:
    """Return the first contact (by id) whose `column` ("email" or "name") is `value`,
    case-insensitively (ASCII, as SQL's lower()), if any."""
    if column not in ("email", "name"):
        raise ValueError(column)
    found = records(
        conn,
        f"SELECT * FROM contacts WHERE owner_id = :owner AND lower({column}) = :value "
        "ORDER BY id LIMIT 1",
        {"owner": owner, "value": value.lower()},
    )
    if not found and column == "email":  # one of the addresses a contact also writes from
        found = records(
            conn, "SELECT c.* FROM contact_emails e JOIN contacts c ON c.id = e.contact_id"
            " WHERE e.owner_id = :owner AND lower(e.email) = :value ORDER BY c.id LIMIT 1",
            {"owner": owner, "value": value.lower()},
        )  # fmt: skip
    return contact_from_row(found[0]) if found else None


def contacts(
    conn: Any, owner: int, role: str | None = None, limit: int | None = None
) -> list[Contact]:
    """Return the owner's contacts (of one role), by name (at most `limit`)."""
    where = " AND role = :role" if role else ""
    page = " LIMIT :limit" if limit is not None else ""
    found = records(
        conn, f"SELECT * FROM contacts WHERE owner_id = :owner{where} ORDER BY name, id{page}",
        {"owner": owner, "role": role, "limit": limit},
    )  # fmt: skip
    return [contact_from_row(r) for r in found]


def count_contacts(conn: Any, owner: int, role: str | None = None) -> int:
    """Return how many contacts the owner has (of one role)."""
    where = " AND role = :role" if role else ""
    sql = f"SELECT COUNT(*) FROM contacts WHERE owner_id = :owner{where}"
    found = one(conn, sql, {"owner": owner, "role": role})
    return int(found[0]) if found else 0


def contacts_by_id(conn: Any, owner: int, ids: Sequence[int]) -> dict[int, Contact]:
    """Return the owner's contacts with these ids."""
    if not ids:
        return {}
    inside, params = members(sorted(set(ids)), "c")
    found = records(
        conn, f"SELECT * FROM contacts WHERE owner_id + 0 = :owner AND id IN {inside}",
        {"owner": owner, **params},
    )  # fmt: skip
    return {r["id"]: contact_from_row(r) for r in found}


def contact_keys(conn: Any, owner: int) -> tuple[dict[str, int], dict[str, int]]:
    """Return the owner's contact ids by lower-case e-mail and by lower-case name."""
    by_email: dict[str, int] = {}
    by_name: dict[str, int] = {}
    sql = "SELECT id, email, name FROM contacts WHERE owner_id = :owner ORDER BY id"
    for ident, email, name in rows(conn, sql, {"owner": owner}):
        if email:
            by_email.setdefault(email.lower(), ident)
        by_name.setdefault(name.lower(), ident)
    return by_email, by_name


def application(conn: Any, owner: int, app_id: int) -> Application:
    """Return application `app_id` or raise NotFoundError."""
    found = records(
        conn, "SELECT * FROM applications WHERE owner_id = :owner AND id = :id",
        {"owner": owner, "id": app_id},
    )  # fmt: skip
    if not found:
        raise NotFoundError("application", app_id)
    return application_from_row(found[0])


def applications(
    conn: Any,
    owner: int,
    statuses: Sequence[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Application]:
    """Return the owner's applications (in these statuses), newest first, at most `limit`
    of them after skipping `offset`."""
    params: dict[str, Any] = {"owner": owner}
    where = ""
    if statuses:
        inside, more = members(statuses, "s")
        where = f" AND status IN {inside}"
        params.update(more)
    page = ""
    if limit is not None:
        page = " LIMIT :limit OFFSET :offset"
        params.update(limit=limit, offset=offset)
    sql = (
        f"SELECT * FROM applications WHERE owner_id = :owner{where} "
        f"ORDER BY created_at DESC, id DESC{page}"
    )
    return [application_from_row(r) for r in records(conn, sql, params)]


def status_counts(conn: Any, owner: int) -> dict[str, int]:
    """Return how many applications the owner has in each status (none: left out)."""
    sql = "SELECT status, COUNT(*) FROM applications WHERE owner_id = :owner GROUP BY status"
    return {status: int(count) for status, count in rows(conn, sql, {"owner": owner})}


def application_ids(conn: Any, owner: int) -> list[int]:
    """Return the ids of all the owner's applications."""
    sql = "SELECT id FROM applications WHERE owner_id = :owner ORDER BY id"
    return [r[0] for r in rows(conn, sql, {"owner": owner})]


def referee_ids(conn: Any, owner: int, app_id: int) -> list[int]:
    """Return the contact ids of the referees given for `app_id`."""
    sql = "SELECT contact_id FROM referees WHERE owner_id = :owner AND application_id = :app"
    return [r[0] for r in rows(conn, sql, {"owner": owner, "app": app_id})]



def status_events(conn: Any, owner: int, app_id: int) -> list[tuple[str, dt.datetime]]:
    """Return the status history of an application: (status, at), oldest first."""
    sql = (
        "SELECT status, at FROM status_events WHERE owner_id = :owner "
        "AND application_id = :app ORDER BY at, id"
    )
    return [(s, instant(at)) for s, at in rows(conn, sql, {"owner": owner, "app": app_id})]  # type: ignore[misc]


_USES = """
    SELECT 'interview', interview_id FROM interviewers WHERE owner_id = :owner AND contact_id = :id
    UNION SELECT 'application', i.application_id FROM interviewers p
        JOIN interviews i ON i.id = p.interview_id
        WHERE p.owner_id = :owner AND p.contact_id = :id
    UNION SELECT 'application', id FROM applications
        WHERE owner_id = :owner AND (recruiter_id = :id OR hiring_contact_id = :id)
    UNION SELECT 'application', application_id FROM referees
        WHERE owner_id = :owner AND contact_id = :id
    UNION SELECT 'application', application_id FROM interactions
        WHERE owner_id = :owner AND contact_id = :id AND application_id IS NOT NULL
    UNION SELECT 'application', application_id FROM actions
        WHERE owner_id = :owner AND recipient_contact_id = :id AND application_id IS NOT NULL
"""


def contact_uses(conn: Any, owner: int, contact_id: int) -> dict[str, list[int]]:
    """Return where a contact appears: {"interviews": the panels they sit on, "applications":
    those they are recruiter, hiring contact, referee, interviewer or recipient of, or have an
    exchange in}, ids in order."""
    found: dict[str, list[int]] = {"interviews": [], "applications": []}
    for what, ident in sorted(rows(conn, _USES, {"owner": owner, "id": contact_id})):
        found[f"{what}s"].append(int(ident))
    return found
