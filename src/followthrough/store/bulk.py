"""Batched inserts of many rows of one owner (the importer's and the re-plan's writes)."""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select

from followthrough.store.scope import Owner


def _bulk_insert(conn: Connection, table: Table, values: Sequence[Mapping[str, Any]]) -> None:
    """Insert many rows with one executemany, each column's value converted once per distinct
    value (an import repeats "now", the zone, the owner thousands of times)."""
    defaults = {
        c.name: c.default.arg
        for c in table.c
        if c.name not in values[0] and c.default is not None and c.default.is_scalar
    }
    names = [*values[0], *defaults]
    dialect = conn.dialect
    pick = operator.itemgetter(*values[0])  # the same order for every row, whatever its own
    extra = list(defaults.values())
    rows = [[*(pick(v) if len(values[0]) > 1 else (pick(v),)), *extra] for v in values]
    for index, name in enumerate(names):
        column_type = table.c[name].type.dialect_impl(dialect)  # KeyError: not a column
        process = column_type.bind_processor(dialect)
        if process is None:
            continue  # ints and strings go to the driver as they are
        memo: dict[Any, Any] = {}
        for row in rows:
            value = row[index]
            if value is None:
                continue
            try:
                row[index] = memo[value]
            except KeyError:
                row[index] = memo[value] = process(value)
            except TypeError:  # unhashable: convert every time
                row[index] = process(value)
    columns = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join("?" for _ in names)
    statement = f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})'  # noqa: S608  (schema names)
    conn.exec_driver_sql(statement, [tuple(r) for r in rows])


def insert_many(
    owner: Owner, conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]
) -> list[int]:
    """Insert rows of `table` for this owner in one batch; return their ids in order (an
    empty list for tables without an id column). Every row has the same keys."""
    if not rows:
        return []
    values = owner.stamp(rows)
    has_id = "id" in table.c
    if conn.dialect.name != "sqlite":
        if not has_id:
            conn.execute(insert(table), values)
            return []
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return [int(i) for i in conn.execute(statement, values).scalars()]
    # SQLite: RETURNING in input order makes SQLAlchemy send one INSERT per row. Under the
    # write lock (BEGIN IMMEDIATE) the new rowids are max(id)+1, +2, ... (no AUTOINCREMENT
    # table here); checked below rather than assumed.
    first = 1
    if has_id:
        first = int(conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one())
        first += 1
    _bulk_insert(conn, table, values)
    if not has_id:
        return []
    count, low, high = conn.execute(
        select(func.count(), func.min(table.c.id), func.max(table.c.id)).where(table.c.id >= first)
    ).one()
    if (count, low, high) != (len(values), first, first + len(values) - 1):
        raise RuntimeError(f"{table.name}: unexpected ids after a bulk insert")
    return list(range(first, first + len(values)))
