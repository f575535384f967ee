"""The one place statements on owned tables are built: every one of them carries the owner.

An `Owner` is a store bound to one owner id (the local user today; server mode binds one per
request). The aggregate modules (contacts.py, actions.py, ...) build their statements only
through it, never with SQLAlchemy's select/insert/update/delete themselves (a test reads their
imports), so no query can forget the `owner_id` filter.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Delete,
    Insert,
    Select,
    Table,
    TextClause,
    bindparam,
    delete,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.sql.elements import KeyedColumnElement

Row = Mapping[str, Any]


@dataclasses.dataclass(frozen=True)
class Owner:
    """An owner id, and the statements on owned tables built for it."""

    id: int

    def mine(self, table: Any, *, indexed: bool = True) -> ColumnElement[bool]:
        """Return `owner_id = me` for `table` (a table or an alias of one).

        indexed=False writes `owner_id + 0 = me`, for a query that picks rows by an IN list of
        ids or another indexed column: SQLite (no statistics) then looks those up in their own
        index rather than scanning all the owner's rows through an index led by owner_id.
        """
        if indexed:
            return table.c.owner_id == self.id  # type: ignore[no-any-return]
        return (table.c.owner_id + 0) == self.id  # type: ignore[no-any-return]

    def select(self, table: Any, *columns: Any, indexed: bool = True) -> Select[Any]:
        """Return SELECT `columns` (all of `table` by default) of this owner's rows of `table`."""
        return select(*(columns or (table,))).where(self.mine(table, indexed=indexed))

    def has_linked(self, table: Table, link: ColumnElement[bool]) -> Any:
        """Return EXISTS (a row of `table` meeting `link`), `link` tying it to a row of the
        outer query, which is this owner's: a truth about that row, so no owner_id filter
        (it would cost the covering index of the link, e.g. ix_actions_application)."""
        return select(table.c.id).where(link).exists()

    def insert(self, table: Table, **values: Any) -> Insert:
        """Return INSERT INTO `table` of one row of this owner with `values`."""
        return insert(table).values(owner_id=self.id, **values)

    def insert_all(self, conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert `rows` into `table` as this owner's, in one executemany; return nothing."""
        conn.execute(insert(table), self.stamp(rows))

    def stamp(self, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """Return `rows` with this owner's id in each."""
        return [{**r, "owner_id": self.id} for r in rows]

    def update(self, table: Table, *where: Any) -> Any:
        """Return UPDATE `table` of this owner's rows that meet `where`."""
        return update(table).where(self.mine(table), *where)

    def delete(self, table: Table, *where: Any) -> Delete:
        """Return DELETE FROM `table` of this owner's rows that meet `where`."""
        return delete(table).where(self.mine(table), *where)

    def textual(self, sql: str, columns: Sequence[KeyedColumnElement[Any]]) -> Any:
        """Return the SQL text `sql` (it must test `owner_id = :owner`) with this owner bound
        and its result typed by `columns` (matched in order)."""
        if "owner_id = :owner" not in sql:
            raise ValueError("an SQL text on owned tables must filter on owner_id = :owner")
        clause: TextClause = text(sql).bindparams(owner=self.id)
        return clause.columns(*columns)


def owner_param(table: Any) -> ColumnElement[bool]:
    """Return `owner_id + 0 = :owner` for a statement compiled once for every owner (plain.py
    binds :owner to the Owner that runs it)."""
    return (table.c.owner_id + 0) == bindparam("owner", 0)  # type: ignore[no-any-return]


def plain_select(table: Any, *columns: Any) -> Select[Any]:
    """Return SELECT `columns` of `table` for the owner bound at run time (see owner_param)."""
    return select(*columns).where(owner_param(table))
