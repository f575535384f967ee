"""The read path: plain SQL on the DB-API connection, stdlib only.

Every read a command or a page makes runs SQL text through the driver's own connection (the
stdlib sqlite3 module on SQLite), never through SQLAlchemy: importing SQLAlchemy alone costs
several times the whole budget of a read command (QUALITY.md, docs/decisions.md "The read
path"). SQLAlchemy Core builds the writes and runs the migrations, and is imported only by a
command that writes.

Read functions take `conn`, either a DB-API connection or an SQLAlchemy Connection (inside a
write transaction: the reads then see its uncommitted rows), and the owner's id; `dbapi(conn)`
returns the driver's connection under either. Parameters are named (`:owner`), which SQLite
reads as they are.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from followthrough.domain.errors import BusyError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

#: How long SQLite itself waits for a lock before it says "database is locked" (ms).
BUSY_TIMEOUT_MS = 5000

_from_iso = dt.datetime.fromisoformat
_STAMP = "%Y-%m-%d %H:%M:%S.%f"


def dbapi(conn: Any) -> Any:
    """Return the DB-API connection under `conn` (an SQLAlchemy Connection) or `conn` itself."""
    proxied = getattr(conn, "connection", None)
    if proxied is None or conn.__class__.__module__.startswith("sqlite3"):
        return conn
    return proxied.driver_connection


def rows(conn: Any, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
    """Return every row of `sql` run with `params` on `conn`, as tuples."""
    cur = dbapi(conn).cursor()
    try:
        cur.execute(sql, params or {})
        return cur.fetchall()  # type: ignore[no-any-return]
    finally:
        cur.close()


#: Columns the store keeps as instants (UTCDateTime) and as dates: a test checks these names
#: against the schema, so a new column of either type must be named here.
INSTANTS = frozenset({"created_at", "updated_at", "at", "start_at", "end_at", "due_at",
                      "deadline_at", "planned_due_at", "done_at", "recorded_at",
                      "reply_at", "logged_at", "next_attempt_at", "sent_at", "seen_at",
                      "decided_at", "synced_at"})  # fmt: skip
DATES = frozenset({"applied_on", "decision_date"})


def records(conn: Any, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Return every row of `sql` as a dict by column name, with the stored instants and dates
    decoded as the column types read them (aware UTC datetimes, dates)."""
    cur = dbapi(conn).cursor()
    try:
        cur.execute(sql, params or {})
        found = cur.fetchall()
        names = [d[0] for d in cur.description or ()]
    finally:
        cur.close()
    decoders = [(n, instant if n in INSTANTS else day) for n in names if n in INSTANTS | DATES]
    out = []
    for row in found:
        record = dict(zip(names, row, strict=True))
        for name, decode in decoders:
            value = record[name]
            if value is not None:
                record[name] = decode(value)
        out.append(record)
    return out


def one(conn: Any, sql: str, params: Mapping[str, Any] | None = None) -> tuple[Any, ...] | None:
    """Return the first row of `sql`, or None."""
    found = rows(conn, sql, params)
    return found[0] if found else None


def stamp(moment: dt.datetime) -> str:
    """Return an aware moment as the store keeps instants: naive UTC text."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None).strftime(_STAMP)


def instant(value: Any) -> dt.datetime | None:
    """Return a stored instant (SQLite's naive UTC text, or a driver's datetime) as an aware
    UTC datetime, as the UTCDateTime column type reads it."""
    if value.__class__ is str:
        if value[-6:-5] not in ("+", "-"):
            return _from_iso(value + "+00:00")
        value = _from_iso(value)
    elif value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)  # type: ignore[no-any-return]
    return value.astimezone(dt.UTC)  # type: ignore[no-any-return]


def day(value: Any) -> dt.date | None:
    """Return a stored date (ISO text, or a driver's date) as a date."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value[:10])


def is_busy(exc: BaseException) -> bool:
    """Return whether `exc` is SQLite's "database is locked" (SQLITE_BUSY or SQLITE_LOCKED)."""
    inner = getattr(exc, "orig", None) or exc
    if not isinstance(inner, sqlite3.OperationalError):
        return False
    code = getattr(inner, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    text = str(inner)
    return "database is locked" in text or "database table is locked" in text


def busy_error(waited: float) -> BusyError:
    """Return the one-line error shown when the database stayed locked for `waited` seconds."""
    return BusyError(
        f"the database is busy: another command kept it locked for {waited:g} s; "
        "try again in a moment"
    )
