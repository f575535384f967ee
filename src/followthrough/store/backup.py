"""The database half of backups: one owner's rows read and written back, and a live SQLite copy.

The JSON format of a backup, and every check of its values, are `io/backup.py`'s; this module
never sees JSON. The layers meet in the service that makes or restores a backup:

    data = io.backup.encode(read_rows(engine, owner), LAYOUT, now)
    counts = write_rows(engine, owner, io.backup.decode(data, LAYOUT, defaults))

- `read_rows`: every table of `store/schema.py` but `users` (`TABLES`, parents before children),
  each a list of rows ordered by primary key, without `owner_id`; one read transaction, so the
  rows are consistent.
- `write_rows` writes checked rows for `owner`, keeping every id, in one transaction: it refuses
  a database where the owner already has data (restoring is not merging) or where another user
  holds one of the ids, and replaces the owner's stored settings.
- `LAYOUT` describes the tables to `io/backup.py` (which cannot import the store): each column's
  kind, whether it may be empty, whether it is the key, the table it refers to.

`backup_sqlite` copies a live SQLite file with SQLite's online backup API: one read
transaction, so the copy is a snapshot of committed transactions only, taken while other
processes go on writing (WAL mode). It writes beside the target and renames, so the target is
either complete or absent, checks the copy (`PRAGMA quick_check`) and never overwrites a file
that has content. The temporary file is named after the process (`.NAME.PID.partial`); one left
by a copy that was killed midway (its process is gone) is removed by the next copy into that
folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    Engine,
    Float,
    Integer,
    Table,
    delete,
    exists,
    func,
    insert,
    select,
)
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError

from followthrough.domain import validate
from followthrough.domain.errors import ConflictError, NotFoundError, ValidationError
from followthrough.store import db, schema

__all__ = [
    "LAYOUT",
    "TABLES",
    "Layout",
    "backup_sqlite",
    "read_rows",
    "write_rows",
]

#: Tables a backup leaves out: the accounts, and what the database derives by itself (triggers
#: fill `debrief_items` and `insight_tallies` as the rows are restored).
#: The history (events, event_rows, journal_cursor) stays with the database it describes: a
#: restore starts a new one (docs/decisions.md).
_LEFT_OUT = frozenset({
    "users", "debrief_items", "insight_tallies", "events", "event_rows", "journal_cursor",
})
#: The tables of a backup, parents before children.
TABLES: tuple[Table, ...] = tuple(
    t for t in schema.metadata.sorted_tables if t.name not in _LEFT_OUT
)
#: Tables whose rows, when the owner already has some, mean the database is not empty.
_REPLACED = frozenset({"settings"})
_FIX = "restore into an empty database, e.g. --db new.db"


@dataclass(frozen=True)
class ColumnLayout:
    """One column of a backup's table, as `io/backup.py` checks and converts its values."""

    name: str
    kind: str  # "datetime" (UTC) | "date" | "bool" | "int" | "float" | "text"
    nullable: bool
    primary_key: bool
    ref: str | None  # the table a foreign key refers to


@dataclass(frozen=True)
class TableLayout:
    """One table of a backup: its name and its columns but `owner_id`."""

    name: str
    columns: tuple[ColumnLayout, ...]


@dataclass(frozen=True)
class Layout:
    """The tables of a backup, parents first, and the schema revision their rows match."""

    tables: tuple[TableLayout, ...]
    head: str
    revisions: Sequence[str]


def _columns(table: Table) -> list[Column[Any]]:
    return [c for c in table.columns if c.name != "owner_id"]


def _kind(column: Column[Any]) -> str:
    """Return the kind of value a column holds, as `io/backup.py` names it."""
    kind = column.type
    if isinstance(kind, schema.UTCDateTime):
        return "datetime"
    if isinstance(kind, Date):
        return "date"
    if isinstance(kind, Boolean):
        return "bool"
    if isinstance(kind, Integer):
        return "int"
    if isinstance(kind, Float):
        return "float"
    return "text"


def _layout() -> Layout:
    """Return the layout of `TABLES`, read from the schema."""
    tables = tuple(
        TableLayout(
            table.name,
            tuple(
                ColumnLayout(
                    c.name,
                    _kind(c),
                    bool(c.nullable),
                    c.primary_key,
                    next(iter(c.foreign_keys)).column.table.name if c.foreign_keys else None,
                )
                for c in _columns(table)
            ),
        )
        for table in TABLES
    )
    return Layout(tables, db.HEAD, db.REVISIONS)


LAYOUT = _layout()


def read_rows(engine: Engine, owner: int) -> dict[str, list[dict[str, Any]]]:
    """Return every row of `owner` by table (`TABLES`), as stored, in one read transaction."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn, conn.begin():
        for table in TABLES:
            cols = _columns(table)
            query = (
                select(*cols).where(table.c.owner_id == owner).order_by(*table.primary_key.columns)
            )
            if table is schema.settings:  # the program's own note is not the user's data
                query = query.where(
                    table.c.key.not_in((validate.REPLAN_PENDING, validate.PLAN_BASIS))
                )
            tables[table.name] = [
                {c.name: row[c.name] for c in cols} for row in conn.execute(query).mappings()
            ]
    return tables


def _first_line(exc: DBAPIError) -> str:
    inner = str(exc.orig).strip()
    return inner.splitlines()[0] if inner else exc.__class__.__name__


def _refuse_if_not_empty(conn: Connection, owner: int, ids: Mapping[str, set[int]]) -> None:
    for table in TABLES:
        if table.name in _REPLACED:
            continue
        if conn.execute(select(exists().where(table.c.owner_id == owner))).scalar():
            raise ConflictError(f"this database already has {table.name} of yours; {_FIX}")
        wanted = sorted(ids.get(table.name, ()))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            if chunk and conn.execute(select(exists().where(table.c.id.in_(chunk)))).scalar():
                raise ConflictError(f"the ids of the backup's {table.name} are taken; {_FIX}")


def write_rows(
    engine: Engine, owner: int, rows: Mapping[str, Sequence[Mapping[str, Any]]]
) -> dict[str, int]:
    """Write checked rows (`io.backup.decode`) for `owner`; return the count per table.

    All or nothing, in one transaction. Raises NotFoundError when `owner` is not a user,
    ConflictError when they already have data or another user has one of the ids, and
    ValidationError("file", ...) naming the table the database refuses.
    """
    tables = {t.name: [{"owner_id": owner, **r} for r in rows.get(t.name, ())] for t in TABLES}
    ids = {t.name: {r["id"] for r in tables[t.name]} for t in TABLES if "id" in t.c}
    counts: dict[str, int] = {}
    with db.writing(engine) as conn:
        user = select(schema.users.c.id).where(schema.users.c.id == owner)
        if conn.execute(user).first() is None:
            raise NotFoundError("user", owner)
        _refuse_if_not_empty(conn, owner, ids)
        conn.execute(delete(schema.settings).where(schema.settings.c.owner_id == owner))
        for table in TABLES:
            if tables[table.name]:
                try:
                    conn.execute(insert(table), tables[table.name])
                except (IntegrityError, DataError) as exc:
                    raise ValidationError(
                        "file", f"tables.{table.name}: {_first_line(exc)}"
                    ) from exc
            counts[table.name] = len(tables[table.name])
        if conn.dialect.name == "postgresql":
            for table in TABLES:
                if "id" in table.c and counts[table.name]:
                    top = select(func.max(table.c.id)).scalar_subquery()
                    sequence = func.pg_get_serial_sequence(table.name, "id")
                    conn.execute(select(func.setval(sequence, top)))
    return counts


# ---------------------------------------------------------------- SQLite copy


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


#: The temporary file of a copy in progress, named after its process: `.NAME.PID.partial`.
_PARTIAL = re.compile(r"\..+\.(\d{1,10})\.partial(?:-journal)?")


def _alive(pid: int) -> bool:
    """Return False only when no process has id `pid` (its files are left over)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # another user's process, or not a pid here
        return True
    return True


def _clean_stale(folder: Path) -> None:
    """Remove the temporary files of copies killed midway (their process is gone)."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            found = _PARTIAL.fullmatch(entry.name)
            if found and not _alive(int(found[1])):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def backup_sqlite(source: Path, target: Path) -> None:
    """Copy the live SQLite database `source` to the new file `target`, consistently.

    Raises ValidationError("output", ...) when `target` has content, is a folder, or its folder
    does not exist, and StoreError when `source` is not a readable SQLite database.
    """
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise db.StoreError(f"--db: no database at {source}")
    if target.is_dir():
        raise ValidationError("output", f"{target} is a folder; name a new file in it")
    if target.exists() and target.stat().st_size > 0:
        raise ValidationError("output", f"{target} exists; name a new file (never overwritten)")
    if not target.parent.is_dir():
        raise ValidationError("output", f"folder {target.parent} does not exist; create it first")
    if not os.access(target.parent, os.W_OK):
        raise ValidationError("output", f"cannot write in {target.parent}; choose another folder")
    _clean_stale(target.parent)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        try:
            src = sqlite3.connect(source, timeout=db.BUSY_TIMEOUT_MS / 1000)
            try:
                dst = sqlite3.connect(partial)
                try:
                    src.backup(dst)  # all pages in one step: one snapshot
                    dst.execute("PRAGMA journal_mode = DELETE")  # the copy is one file
                    check = dst.execute("PRAGMA quick_check").fetchone()[0]
                finally:
                    dst.close()
            finally:
                src.close()
        except sqlite3.DatabaseError as exc:
            raise db.StoreError(f"--db: cannot back up {source}: {exc}") from exc
        if check != "ok":
            raise db.StoreError(f"--db: the copy of {source} fails its check: {check}")
        _fsync(partial)
        os.replace(partial, target)
        _fsync(target.parent)
    except OSError as exc:
        raise ValidationError("output", f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            leftover.unlink(missing_ok=True)
