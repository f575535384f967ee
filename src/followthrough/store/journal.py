"""The change log: every write transaction that changes a record is an event, with each row it
inserted, updated or deleted (before and after), so that `history` can say what changed and
`undo` can put it back.

On SQLite the rows are captured by triggers (migration 0006): no write path can forget them,
cascades and SET NULLs included. A write transaction opens an event and names it in the
one-row table `journal_cursor`; the triggers copy each changed row of the journaled tables,
as JSON, into `event_rows` while the cursor is set; the transaction clears the cursor (and
drops the event if nothing changed) before it commits, so no other connection ever sees it set.
Other databases have no triggers yet: their events carry no rows and cannot be undone.

Columns that triggers derive from other rows (`reply_at`, `logged_at`) are not journaled:
restoring the rows they come from recomputes them.
"""

# ruff: noqa: S608  (the SQL here is built from the schema's own table and column names)
from __future__ import annotations

import json

from followthrough.store import schema

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator, Mapping, Sequence
    from typing import Any

    #: A row as journaled (None for the side of an insert or a delete that has none).
    Image = dict[str, Any] | None

#: The tables whose rows are records (not derived, not bookkeeping), in dependency order.
TABLES = (
    "settings", "user_words", "contacts", "contact_emails", "applications", "status_events",
    "interviews", "interviewers", "debriefs", "referees", "actions", "interactions",
    "guard_overrides",
)  # fmt: skip
#: Columns kept by other triggers from other rows: never journaled, never restored.
DERIVED = frozenset({"reply_at", "logged_at"})


def columns(table: str) -> tuple[str, ...]:
    """Return the journaled columns of `table`, in the schema's order."""
    return tuple(c.name for c in schema.metadata.tables[table].columns if c.name not in DERIVED)


def keys(table: str) -> tuple[str, ...]:
    """Return the primary key columns of `table`."""
    return tuple(c.name for c in schema.metadata.tables[table].primary_key.columns)


#: table -> its journaled columns, as the triggers of migration 0006 capture them.
JOURNALED: dict[str, tuple[str, ...]] = {t: columns(t) for t in TABLES}
_CURSOR = "(SELECT event_id FROM journal_cursor WHERE id = 1)"


def triggers(journaled: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Return the CREATE TRIGGER statements (by name) that journal these tables' columns."""
    found = {}
    for table, cols in journaled.items():
        def image(row: str, cols: Sequence[str] = cols) -> str:
            return "json_object(" + ", ".join(f"'{c}', {row}.{c}" for c in cols) + ")"

        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in cols)
        for op, when, old, new in (
            ("insert", "", "NULL", image("NEW")),
            ("update", f" AND ({changed})", image("OLD"), image("NEW")),
            ("delete", "", image("OLD"), "NULL"),
        ):
            found[f"ft_journal_{table}_{op}"] = (
                f"CREATE TRIGGER ft_journal_{table}_{op} AFTER {op.upper()} ON {table}"
                f" WHEN {_CURSOR} IS NOT NULL{when}\nBEGIN\n"
                f"INSERT INTO event_rows (event_id, tbl, op, old, new)"
                f" VALUES ({_CURSOR}, '{table}', '{op}', {old}, {new});\nEND"
            )
    return found


# ------------------------------------------------------------------ one write's event


def open_event(conn: Any, owner: int, at: dt.datetime, interface: str) -> int | None:
    """Start the event of this write transaction (a system change until `describe` says
    otherwise) and point the triggers at it; return its id (None where nothing is journaled)."""
    if conn.dialect.name != "sqlite":
        return None
    event_id: int = conn.execute(
        schema.events.insert().values(
            owner_id=owner, at=at, interface=interface, kind="system", summary="", undoable=False
        )
    ).inserted_primary_key[0]
    conn.exec_driver_sql(
        "INSERT OR REPLACE INTO journal_cursor (id, event_id) VALUES (1, ?)", (event_id,)
    )
    return event_id


def describe(
    conn: Any,
    event_id: int | None,
    kind: str,
    summary: str,
    application_id: int | None = None,
    *,
    undoable: bool = True,
    undoes: int | None = None,
) -> None:
    """Say what the change of this transaction is; return nothing."""
    if event_id is None:
        return
    conn.execute(
        schema.events.update()
        .where(schema.events.c.id == event_id)
        .values(kind=kind, summary=summary, application_id=application_id,
                undoable=undoable, undoes=undoes)
    )  # fmt: skip


def close_event(conn: Any, event_id: int | None) -> bool:
    """Stop journaling; drop the event when it changed nothing (an undo stays: it says what
    was undone, even when everything had changed since). Return whether it stays."""
    if event_id is None:
        return False
    conn.exec_driver_sql("UPDATE journal_cursor SET event_id = NULL WHERE id = 1")
    if conn.exec_driver_sql(
        "SELECT 1 FROM event_rows WHERE event_id = ? UNION ALL"
        " SELECT 1 FROM events WHERE id = ? AND undoes IS NOT NULL LIMIT 1",
        (event_id, event_id),
    ).first():
        return True
    conn.exec_driver_sql("DELETE FROM events WHERE id = ?", (event_id,))
    return False


def mark_undone(conn: Any, event_id: int, by: int | None) -> None:
    """Record that event `by` undid event `event_id` (or, where nothing is journaled, that it
    was undone); return nothing."""
    conn.execute(
        schema.events.update().where(schema.events.c.id == event_id).values(undone_by=by or 0)
    )


#: The tables a bulk load creates rows in, parents first: what `bulk_created` records.
BULK_TABLES = ("contacts", "applications")


def start_bulk(conn: Any, event_id: int | None) -> dict[str, int] | None:
    """Pause row capture for a bulk load (an import of thousands of rows would write each row
    twice); return the largest id of each BULK_TABLES table before it, for `bulk_created`."""
    if event_id is None:
        return None
    conn.exec_driver_sql("UPDATE journal_cursor SET event_id = NULL WHERE id = 1")
    return {t: int(conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {t}").scalar_one())
            for t in BULK_TABLES}  # fmt: skip


def bulk_created(conn: Any, event_id: int | None, before: dict[str, int] | None) -> None:
    """Record, as one row of the event, the ids the bulk load created in each BULK_TABLES table
    (inside the write lock they are exactly those above the largest before it); undo deletes
    them (their interviews, plans and exchanges go with the applications). Resume capture."""
    if event_id is None or before is None:
        return
    created = {t: [before[t] + 1, int(conn.exec_driver_sql(
        f"SELECT coalesce(max(id), 0) FROM {t}").scalar_one())] for t in BULK_TABLES}  # fmt: skip
    conn.exec_driver_sql(
        "INSERT INTO event_rows (event_id, tbl, op, old, new) VALUES (?, 'bulk', 'created',"
        " NULL, ?)", (event_id, json.dumps(created)),
    )
    conn.exec_driver_sql(
        "UPDATE journal_cursor SET event_id = ? WHERE id = 1", (event_id,)
    )


def _undo_bulk(conn: Any, owner_rows: Mapping[str, Any]) -> None:
    """Delete what a bulk load created: applications first (their children cascade), then the
    contacts, by the id ranges it recorded."""
    for table in reversed(BULK_TABLES):
        low, high = owner_rows[table]
        conn.exec_driver_sql(f"DELETE FROM {table} WHERE id BETWEEN ? AND ?", (low, high))


# ------------------------------------------------------------------ reading the log


def rows_of(conn: Any, event_id: int) -> list[tuple[str, str, Image, Image]]:
    """Return the rows an event changed, in order: (table, op, before, after)."""
    found = conn.exec_driver_sql(
        "SELECT tbl, op, old, new FROM event_rows WHERE event_id = ? ORDER BY id", (event_id,)
    ).all()
    return [
        (t, op, json.loads(old) if old else None, json.loads(new) if new else None)
        for t, op, old, new in found
    ]


def touched_applications(rows: Sequence[tuple[str, str, Any, Any]]) -> set[int]:
    """Return the ids of the applications these row changes belong to."""
    found: set[int] = set()
    for table, _, old, new in rows:
        for image in (old, new):
            if not image:
                continue
            app = image.get("id") if table == "applications" else image.get("application_id")
            if isinstance(app, int):
                found.add(app)
    return found


# ------------------------------------------------------------------ undo and replay


def _where(table: str, image: Mapping[str, Any]) -> tuple[str, list[Any]]:
    names = keys(table)
    return " AND ".join(f"{k} = ?" for k in names), [image[k] for k in names]


def _insert(conn: Any, table: str, image: Mapping[str, Any]) -> None:
    """Insert a row as it was (or, when its key is taken again, set that row to it)."""
    where, args = _where(table, image)
    if conn.exec_driver_sql(f"SELECT 1 FROM {table} WHERE {where}", tuple(args)).first():
        _set(conn, table, image, image)
        return
    names = list(image)
    conn.exec_driver_sql(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        tuple(image[n] for n in names),
    )


def _set(conn: Any, table: str, image: Mapping[str, Any], key: Mapping[str, Any]) -> None:
    where, args = _where(table, key)
    names = list(image)
    if names:
        conn.exec_driver_sql(
            f"UPDATE {table} SET {', '.join(f'{n} = ?' for n in names)} WHERE {where}",
            (*(image[n] for n in names), *args),
        )


def _delete(conn: Any, table: str, image: Mapping[str, Any]) -> None:
    where, args = _where(table, image)
    conn.exec_driver_sql(f"DELETE FROM {table} WHERE {where}", tuple(args))


def revert(conn: Any, event_id: int) -> list[tuple[str, str, Any, Any]]:
    """Put back what an event changed, last row first: delete what it inserted, insert what it
    deleted, and set back each column it updated that nothing has changed since. Return the
    event's rows. Foreign keys are checked at the commit (a parent comes back before or
    after its children)."""
    rows = rows_of(conn, event_id)
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    for table, op, old, new in reversed(rows):
        if table == "bulk":
            _undo_bulk(conn, new)
        elif op == "insert":
            _delete(conn, table, new)
        elif op == "delete":
            _insert(conn, table, old)
        else:
            _undo_update(conn, table, old, new)
    return rows


def _undo_update(conn: Any, table: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
    """Set back each column the update changed, unless something changed it since."""
    where, args = _where(table, new)
    names = [n for n in old if old[n] != new.get(n)]
    if not names:
        return
    sets = ", ".join(f"{n} = CASE WHEN {n} IS ? THEN ? ELSE {n} END" for n in names)
    values = [v for n in names for v in (new.get(n), old[n])]
    conn.exec_driver_sql(f"UPDATE {table} SET {sets} WHERE {where}", (*values, *args))


def replay(conn: Any, rows: Iterator[tuple[str, str, Any, Any]]) -> None:
    """Apply row changes forward (for tests and repairs: a log replayed on the state before
    it gives the state after it); return nothing."""
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    for table, op, old, new in rows:
        if table == "bulk":
            raise ValueError("a bulk load is journaled by what it created: it cannot be replayed")
        if op == "insert":
            _insert(conn, table, new)
        elif op == "delete":
            _delete(conn, table, old)
        else:
            _set(conn, table, new, old)
