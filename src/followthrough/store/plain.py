"""Plain reads: rows as the driver gives them, for re-planning thousands of applications.

Through SQLAlchemy, each read costs a compilation (the IN list of ids differs every time) and a
result processor per value (the UTCDateTime and Date type decorators): some 60% of a re-plan.
These reads are written once as Core statements, `build(member)`, where `member(column)` is the
test "the column is one of :ids" and :owner is the owner (scope.plain_select); `run` runs them,
and the decoders below read their values as SQLAlchemy's types would.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, String, bindparam, func, select

from followthrough.domain.model import (
    ActionStatus,
    Channel,
    Format,
    InteractionKind,
    MessageChannel,
    Role,
    Status,
)
from followthrough.store.scope import Owner

Build = Callable[[Callable[[Any], Any]], Any]
#: SQLite's text of each read, compiled once per process: (SQL, its parameters' names, their
#: values other than :owner and :ids).
_SQLITE_SQL: dict[Build, tuple[str, tuple[str, ...], dict[str, Any]]] = {}

#: Enum members by value: a dict lookup costs a twentieth of calling the enum.
ACTION_STATUS = {s.value: s for s in ActionStatus}
INTERACTION_KIND = {k.value: k for k in InteractionKind}
STATUS = {s.value: s for s in Status}
CHANNEL = {c.value: c for c in Channel}
FORMAT = {f.value: f for f in Format}
ROLE = {r.value: r for r in Role}
MESSAGE_CHANNEL = {c.value: c for c in MessageChannel}

_from_iso = dt.datetime.fromisoformat


def instant(value: Any) -> dt.datetime | None:
    """Return a stored instant read without SQLAlchemy's processing (a SQLite string or a
    driver's datetime) as an aware UTC datetime, as UTCDateTime would."""
    if value.__class__ is str:  # SQLite's text, the common case first
        if value[-6:-5] not in ("+", "-"):  # naive, as SQLite keeps them: UTC
            return _from_iso(value + "+00:00")  # 7x faster than .replace()
        value = _from_iso(value)
    elif value is None:
        return None
    elif isinstance(value, str):
        value = _from_iso(value)
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)  # type: ignore[no-any-return]
    return value.astimezone(dt.UTC)  # type: ignore[no-any-return]


def at(value: Any) -> dt.datetime:
    """Return a stored instant of a NOT NULL column (see instant)."""
    found = instant(value)
    assert found is not None
    return found


def day(value: Any) -> dt.date | None:
    """Return a stored date read without SQLAlchemy's processing (SQLite's "YYYY-MM-DD" text
    or a driver's date), as Date would."""
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value  # type: ignore[no-any-return]


def json_tuple(text: str | None) -> tuple[Any, ...]:
    """Return a stored JSON list (promises, talking points) as a tuple."""
    return () if not text or text == "[]" else tuple(json.loads(text))


def _listed(column: Any) -> Any:
    """Return `column IN (:ids)`, the ids bound as a list (expanded by SQLAlchemy)."""
    return column.in_(bindparam("ids", expanding=True))


def _json_listed(column: Any) -> Any:
    """Return `column IN (SELECT value FROM json_each(:ids))`, the ids bound as one JSON array:
    the same SQL text for any number of ids, and no limit on their number (SQLite)."""
    each = func.json_each(bindparam("ids", "[]", type_=String)).table_valued("value")
    return column.in_(select(each.c.value))


def run(
    conn: Connection, build: Build, owner: Owner, ids: Sequence[int]
) -> Sequence[Sequence[Any]]:
    """Return the rows of the read `build(member)` for this owner and these ids, their values
    as the driver gives them. On SQLite the statement is compiled once per process and run as
    its SQL text (instants and dates come as text: see instant, day); elsewhere it is run
    through SQLAlchemy as usual (instants and dates come processed, which those accept too).
    Either way it goes through the Connection (its events see it)."""
    if conn.dialect.name != "sqlite":
        return conn.execute(build(_listed), {"owner": owner.id, "ids": list(ids)}).all()
    compiled = _SQLITE_SQL.get(build)
    if compiled is None:
        done = build(_json_listed).compile(
            dialect=conn.dialect, compile_kwargs={"render_postcompile": True}
        )
        compiled = (done.string, tuple(done.positiontup or ()), done.construct_params())
        _SQLITE_SQL[build] = compiled
    sql, names, values = compiled
    if "owner" not in names:
        raise RuntimeError("a plain read must be built with scope.plain_select (no :owner)")
    given = {**values, "owner": owner.id, "ids": json.dumps(list(ids))}
    result = conn.exec_driver_sql(sql, tuple(given[n] for n in names))
    try:
        return result.cursor.fetchall()  # the driver's tuples: no Row objects
    finally:
        result.close()
