"""The change log as the history shows it: one owner's events, newest first, each with the
rows it changed (plain SQL, stdlib only; store/journal.py writes them)."""

from __future__ import annotations

import json

from followthrough.store.sql import instant, rows

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: The primary key of each journaled table (store/journal.py reads them from the schema; a test
#: holds the two equal): what names a row of the history without importing the schema.
KEYS = {
    "settings": ("owner_id", "key"), "user_words": ("owner_id", "word"), "contacts": ("id",),
    "contact_emails": ("owner_id", "email"), "applications": ("id",), "status_events": ("id",),
    "interviews": ("id",), "interviewers": ("interview_id", "contact_id"),
    "debriefs": ("interview_id",), "referees": ("application_id", "contact_id"),
    "actions": ("id",), "interactions": ("id",), "guard_overrides": ("id",),
}  # fmt: skip

_EVENTS = """
    SELECT id, at, interface, kind, summary, application_id, undoable, undoes, undone_by
    FROM events WHERE owner_id = :owner {where} ORDER BY id DESC {limit}"""
_NAMES = ("id", "at", "interface", "kind", "summary", "application_id", "undoable", "undoes",
          "undone_by")  # fmt: skip


def events(
    conn: Any,
    owner: int,
    app_id: int | None = None,
    limit: int | None = None,
    event_id: int | None = None,
) -> list[dict[str, Any]]:
    """Return the owner's events (of one application, or all; or the one `event_id`),
    newest first, at most `limit`, each with its `rows`: [(table, op, before, after)] in the
    order they changed."""
    params: dict[str, Any] = {"owner": owner}
    where = ""
    if app_id is not None:
        where, params["app"] = "AND application_id = :app", app_id
    if event_id is not None:
        where, params["event"] = "AND id = :event", event_id
    query = _EVENTS.format(where=where, limit=f"LIMIT {int(limit)}" if limit else "")
    found = [dict(zip(_NAMES, r, strict=True)) for r in rows(conn, query, params)]
    for event in found:
        event["at"] = instant(event["at"])
        event["undoable"] = bool(event["undoable"])
    by_id = {e["id"]: e for e in found}
    for e in found:
        e["rows"] = []
    if by_id:
        marks = ", ".join(str(int(i)) for i in by_id)
        for event_id, table, op, old, new in rows(
            conn,
            f"SELECT event_id, tbl, op, old, new FROM event_rows"  # noqa: S608 (ids are ints)
            f" WHERE event_id IN ({marks}) ORDER BY id",
            {},
        ):
            by_id[event_id]["rows"].append(
                (table, op, json.loads(old) if old else None, json.loads(new) if new else None)
            )
    return found


def last_undoable(conn: Any, owner: int) -> int | None:
    """Return the id of the owner's latest change that can be undone and was not, if any."""
    found = rows(
        conn,
        "SELECT id FROM events WHERE owner_id = :owner AND undoable = 1 AND undone_by IS NULL"
        " ORDER BY id DESC LIMIT 1",
        {"owner": owner},
    )
    return int(found[0][0]) if found else None
