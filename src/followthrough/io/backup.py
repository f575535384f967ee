"""Backups: the full, versioned JSON dump of one user's data, and a consistent SQLite copy.

JSON (`dump` / `restore`)::

    {"format": "followthrough-backup", "version": 1, "schema": "0001",
     "exported_at": "2026-05-04T07:30:00+00:00",
     "tables": {"settings": [...], "contacts": [...], "applications": [...], ...}}

- `tables` holds every table of `store/schema.py` but `users`, parents before children (the
  foreign-key order of the metadata), each a list of rows ordered by primary key. A row is an
  object with every column of its table but `owner_id`, under the column's own name.
- Values: date-times are ISO 8601 in UTC with the offset written (``+00:00``), dates are ISO
  dates, booleans are JSON booleans, and the columns that hold JSON text (`JSON_COLUMNS`:
  interview promises, action talking points, debrief data) are nested JSON, not strings.
- `schema` is the Alembic revision the rows match; `exported_at` is the caller's `now`.
- Nothing else: no password hash, no user name, no alembic_version.

`restore` writes a dump back for `owner`, keeping every id (so every reference stays right),
in one transaction: a bad row anywhere leaves the database as it was. It refuses a database
where the owner already has data (restoring is not merging), a dump of another format,
version or schema, unknown tables or columns, values of the wrong type, and references to rows
that are not in the dump (which could otherwise point into another user's data in server mode),
and every value the CLI or the web would refuse: the same checks (domain/validate.py) name the
first problem, before anything is written. Stored settings of the owner are replaced by those
of the dump.

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
import datetime as dt
import json
import os
import re
import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    Engine,
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
from followthrough.domain.model import (
    ActionStatus,
    Channel,
    FitVerdict,
    Format,
    InteractionKind,
    MessageChannel,
    Role,
    Status,
)
from followthrough.domain.parse import check_email, check_one_line
from followthrough.domain.workdays import zone
from followthrough.store import db, schema

__all__ = [
    "FORMAT",
    "JSON_COLUMNS",
    "TABLES",
    "VERSION",
    "backup_sqlite",
    "dump",
    "restore",
]

FORMAT = "followthrough-backup"
VERSION = 1
UTC = dt.UTC
#: The tables of a backup, parents before children; everything but the accounts.
TABLES: tuple[Table, ...] = tuple(t for t in schema.metadata.sorted_tables if t.name != "users")
#: Text columns that hold JSON; a backup nests their value instead of quoting it.
JSON_COLUMNS: Mapping[str, frozenset[str]] = {
    "interviews": frozenset({"promises"}),
    "actions": frozenset({"talking_points"}),
    "debriefs": frozenset({"data"}),
}
#: Tables whose rows, when the owner already has some, mean the database is not empty.
_REPLACED = frozenset({"settings"})
_FIX = "restore into an empty database, e.g. --db new.db"


def _columns(table: Table) -> list[Column[Any]]:
    return [c for c in table.columns if c.name != "owner_id"]


def _out(table: Table, column: Column[Any], value: Any) -> Any:
    """Return a stored value in its JSON form."""
    if value is None:
        return None
    if column.name in JSON_COLUMNS.get(table.name, ()):
        return json.loads(value)
    if isinstance(column.type, schema.UTCDateTime):
        return value.astimezone(UTC).isoformat()
    if isinstance(column.type, Date):
        return value.isoformat()
    if isinstance(column.type, Boolean):
        return bool(value)
    return value


def dump(engine: Engine, owner: int, now: dt.datetime) -> dict[str, Any]:
    """Return every row of `owner` as a JSON-safe, versioned backup (see the module doc).

    The tables are read in one read transaction, so the dump is consistent.
    """
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
                {c.name: _out(table, c, row[c.name]) for c in cols}
                for row in conn.execute(query).mappings()
            ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema": db.HEAD,
        "exported_at": now.astimezone(UTC).isoformat(),
        "tables": tables,
    }


# ---------------------------------------------------------------- restore


def _one_of(kind: type[Any]) -> Callable[[Any, str], Any]:
    return lambda value, field: validate.choice(kind, value, field).value


def _email(value: str, field: str) -> str:
    return check_email(value, field)


def _url(value: str, field: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ValidationError(field, f"{value!r} is not a web address (http:// or https://)")
    return value


def _zone(value: str, field: str) -> str:
    zone(value)
    return value


def _whole(low: int, high: int) -> Callable[[Any, str], Any]:
    def check(value: Any, field: str) -> Any:
        if not low <= value <= high:
            raise ValidationError(field, f"{value!r} is out of range; use {low} to {high}")
        return value

    return check


def _text(fix: str) -> Callable[[Any, str], Any]:
    def check(value: Any, field: str) -> Any:
        validate.not_blank(value, field, fix)
        check_one_line(value, field)
        return value  # kept as written: a restore gives back exactly what was saved

    return check


def _line(value: str, field: str) -> str:
    return check_one_line(value, field)


#: The check of each column whose values the CLI and the web check (domain/validate.py): a
#: restored value passes the same one, or the restore is refused. (Types, dates, ids and
#: references are checked for every column by `_in`.)
CHECKS: dict[tuple[str, str], Callable[[Any, str], Any]] = {
    ("applications", "status"): _one_of(Status),
    ("applications", "channel"): _one_of(Channel),
    ("applications", "company"): _text("give the company's name"),
    ("applications", "role"): _text("give the job title, e.g. 'Data Engineer'"),
    ("applications", "url"): _url,
    ("applications", "interest"): validate.interest,
    ("status_events", "status"): _one_of(Status),
    ("contacts", "role"): _one_of(Role),
    ("contacts", "name"): _text("give the person's name"),
    ("contacts", "email"): _email,
    ("contacts", "organisation"): _line,
    ("applications", "agency"): _line,
    ("actions", "recipient_name"): _line,
    ("actions", "via_name"): _line,
    ("actions", "draft_subject"): _line,
    ("interviews", "format"): _one_of(Format),
    ("interviews", "tz"): _zone,
    ("interviews", "round"): _whole(1, 50),
    ("interviewers", "position"): _whole(0, 10_000),
    ("interactions", "kind"): _one_of(InteractionKind),
    ("interactions", "action_kind"): validate.action_kind,
    ("actions", "kind"): validate.action_kind,
    ("actions", "status"): _one_of(ActionStatus),
    ("actions", "channel"): _one_of(MessageChannel),
    ("actions", "recipient_email"): _email,
    ("debriefs", "verdict"): _one_of(FitVerdict),
}
#: The largest integer SQLite (and PostgreSQL's bigint) can store.
MAX_INT = 2**63 - 1


def _bad(where: str, message: str) -> ValidationError:
    return ValidationError("file", f"{where}: {message}")


def _fix(exc: ValidationError) -> str:
    """Return the message of a domain check without its field (the caller names the place)."""
    return str(exc).removeprefix(f"{exc.field}: ")


def _in(table: Table, column: Column[Any], value: Any, where: str) -> Any:
    """Return the stored form of a JSON value, or raise naming the row and the column."""
    if value is None:
        if column.nullable and not column.primary_key:
            return None
        raise _bad(where, "is required")
    try:
        return _checked(table, column, value, where)
    except ValidationError as exc:
        if exc.field == "file":
            raise
        raise _bad(where, _fix(exc)) from None


def _checked(table: Table, column: Column[Any], value: Any, where: str) -> Any:
    name = column.name
    if name in JSON_COLUMNS.get(table.name, ()):
        if name == "data":
            if not isinstance(value, dict):
                raise _bad(where, "must be an object")
            if "verdict" in value:
                raise _bad(f"{where}.verdict", "belongs in the row's verdict column")
            try:
                value = validate.clean_debrief(value)
            except ValidationError as exc:
                raise _bad(f"{where}.{exc.field}", _fix(exc)) from None
        elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _bad(where, "must be a list of texts")
        return json.dumps(value, ensure_ascii=False)
    kind = column.type
    if isinstance(kind, schema.UTCDateTime):
        try:
            moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise _bad(where, f"{value!r} is not an ISO date-time with an offset")
        return validate.moment(moment, name)
    if isinstance(kind, Date):
        try:
            if isinstance(value, str) and len(value) == 10:
                return validate.day(dt.date.fromisoformat(value), name)
        except ValueError:
            pass
        raise _bad(where, f"{value!r} is not an ISO date (YYYY-MM-DD)")
    if isinstance(kind, Boolean):
        if isinstance(value, bool):
            return value
        raise _bad(where, f"{value!r} is not true or false")
    if isinstance(kind, Integer):
        if name == "id" or column.foreign_keys:
            return validate.check_id(value, name)
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > MAX_INT:
            raise _bad(where, f"{value!r} is not a whole number we can store")
    elif not isinstance(value, str):
        raise _bad(where, f"{value!r} is not text")
    check = CHECKS.get((table.name, name))
    return check(value, name) if check is not None else value


def _check_header(data: Any) -> Mapping[str, Any]:
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise ValidationError("file", f'not a Followthrough backup (no "format": "{FORMAT}")')
    version = data.get("version")
    if version != VERSION or isinstance(version, bool):
        raise ValidationError(
            "file", f"backup version {version!r}; this Followthrough reads version {VERSION}"
        )
    revision = data.get("schema")
    if revision != db.HEAD:
        newer = revision not in db.REVISIONS
        raise ValidationError(
            "file",
            f"backup of schema {revision!r}, this Followthrough is at {db.HEAD}; "
            + ("upgrade Followthrough to restore it" if newer else "export it again first"),
        )
    tables = data.get("tables")
    if not isinstance(tables, Mapping):
        raise ValidationError("file", '"tables" must be an object of tables')
    known = {t.name for t in TABLES}
    for name, rows in tables.items():
        if name not in known:
            raise _bad(f"tables.{name}", f"unknown table; expected some of {', '.join(known)}")
        if not isinstance(rows, list) or not all(isinstance(r, Mapping) for r in rows):
            raise _bad(f"tables.{name}", "must be a list of objects")
    return tables


def _ids(tables: Mapping[str, Any]) -> dict[str, set[int]]:
    """Return the ids of each table of the dump that has an `id` column (each checked)."""
    out: dict[str, set[int]] = {}
    for t in TABLES:
        if "id" not in t.c:
            continue
        out[t.name] = set()
        for n, r in enumerate(tables.get(t.name, ())):
            if "id" in r:
                try:
                    out[t.name].add(validate.check_id(r["id"], "id"))
                except ValidationError as exc:
                    raise _bad(f"tables.{t.name}[{n}].id", _fix(exc)) from None
    return out


def _first_line(exc: DBAPIError) -> str:
    inner = str(exc.orig).strip()
    return inner.splitlines()[0] if inner else exc.__class__.__name__


def _rows(
    table: Table, raw: list[Mapping[str, Any]], ids: dict[str, set[int]], owner: int
) -> list[dict[str, Any]]:
    cols = _columns(table)
    names = {c.name for c in cols}
    refs = {c.name: next(iter(c.foreign_keys)).column.table.name for c in cols if c.foreign_keys}
    out = []
    for i, row in enumerate(raw):
        where = f"tables.{table.name}[{i}]"
        unknown = sorted(set(row) - names)
        if unknown:
            raise _bad(where, f"unknown column {unknown[0]!r}")
        missing = [c.name for c in cols if c.name not in row]
        if missing:
            raise _bad(where, f"column {missing[0]!r} is missing")
        values = {"owner_id": owner}
        for c in cols:
            value = _in(table, c, row[c.name], f"{where}.{c.name}")
            ref = refs.get(c.name)
            if value is not None and ref is not None and value not in ids[ref]:
                raise _bad(f"{where}.{c.name}", f"refers to {ref} {value}, which the backup lacks")
            values[c.name] = value
        _check_row(table.name, values, where)
        out.append(values)
    return out


def _check_row(table: str, values: Mapping[str, Any], where: str) -> None:
    """The checks of a row that involve two of its columns, as the CLI and the web make them."""
    try:
        if table == "interviews":
            validate.interview_span(values["start_at"], values["end_at"])
        elif table == "actions":
            validate.action_key(
                values["key"], values["kind"], values["application_id"], values["interview_id"]
            )
        elif table == "settings":
            validate.validate_setting(values["key"], values["value"])
    except ValidationError as exc:
        raise _bad(where, str(exc)) from None


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


def _check_interview_apps(rows: Mapping[str, list[dict[str, Any]]]) -> None:
    """Refuse an action of an interview filed under another application (as it is planned)."""
    apps = {r["id"]: r["application_id"] for r in rows["interviews"]}
    for n, action in enumerate(rows["actions"]):
        interview = action["interview_id"]
        if interview is not None and action["application_id"] != apps[interview]:
            raise _bad(
                f"tables.actions[{n}].application_id",
                f"{action['application_id']!r}, but its interview {interview} is of application "
                f"{apps[interview]}; use {apps[interview]}",
            )


def _check_settings(rows: list[dict[str, Any]], defaults: Mapping[str, str]) -> None:
    """Check the restored settings together, over `defaults`, as `update_settings` does."""
    merged = {**defaults, **{r["key"]: r["value"] for r in rows}}
    try:
        validate.check_settings(merged)
    except ValidationError as exc:
        raise _bad("tables.settings", str(exc)) from None


def restore(
    engine: Engine,
    owner: int,
    data: Any,
    defaults: Mapping[str, str] | None = None,
) -> dict[str, int]:
    """Write the backup `data` for `owner` into a database where they have no data yet.

    Every value passes the checks the CLI and the web apply (domain/validate.py); the settings
    are also checked together over `defaults` (the playbook's). Returns the number of rows
    restored per table. All or nothing: the first problem refuses the whole file, before
    anything is written. Raises ValidationError("file", ...) naming the table, row, id and
    column, and ConflictError when the owner already has data.
    """
    tables = _check_header(data)
    ids = _ids(tables)
    rows = {t.name: _rows(t, list(tables.get(t.name, ())), ids, owner) for t in TABLES}
    _check_interview_apps(rows)
    _check_settings(rows["settings"], defaults or {})
    counts: dict[str, int] = {}
    with db.writing(engine) as conn:
        user = select(schema.users.c.id).where(schema.users.c.id == owner)
        if conn.execute(user).first() is None:
            raise NotFoundError("user", owner)
        _refuse_if_not_empty(conn, owner, ids)
        conn.execute(delete(schema.settings).where(schema.settings.c.owner_id == owner))
        for table in TABLES:
            if rows[table.name]:
                try:
                    conn.execute(insert(table), rows[table.name])
                except (IntegrityError, DataError) as exc:
                    raise _bad(f"tables.{table.name}", _first_line(exc)) from exc
            counts[table.name] = len(rows[table.name])
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
