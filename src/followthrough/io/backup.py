"""Backups: the full, versioned JSON form of one user's data, made and checked.

    {"format": "followthrough-backup", "version": 1, "schema": "0001",
     "exported_at": "2026-05-04T07:30:00+00:00",
     "tables": {"settings": [...], "contacts": [...], "applications": [...], ...}}

- `tables` holds every table of `store/schema.py` but `users`, `debrief_items` and `insight_tallies`
  (derived by the database), parents before children (the
  foreign-key order of the metadata), each a list of rows ordered by primary key. A row is an
  object with every column of its table but `owner_id`, under the column's own name.
- Values: date-times are ISO 8601 in UTC with the offset written (``+00:00``), dates are ISO
  dates, booleans are JSON booleans, and the columns that hold JSON text (`JSON_COLUMNS`:
  interview promises, action talking points, debrief data) are nested JSON, not strings.
- `schema` is the Alembic revision the rows match; `exported_at` is the caller's `now`. A backup
  of an older revision restores as it is (the migrations since 0001 add only what the database
  derives, the DERIVED columns, and columns that may be empty, ADDED: they may be missing); one
  of a newer revision is refused.
- Nothing else: no password hash, no user name, no alembic_version.

This module never touches the database: the store reads and writes the rows
(`store/backup.py`: `read_rows`, `write_rows`, and the `LAYOUT` of the tables this module is
given). `encode` turns rows into a backup; `decode` checks a backup and returns its rows, ready
to write. It refuses a dump of another format or version, of a newer schema, unknown tables or
columns,
values of the wrong type, and references to rows that are not in the dump (which could
otherwise point into another user's data in server mode), and every value the CLI or the web
would refuse: the same checks (domain/validate.py) name the first problem, before anything is
written. (`write_rows` refuses a database where the owner already has data: restoring is not
merging; stored settings of the owner are replaced by those of the dump.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from followthrough.domain import validate
from followthrough.domain.errors import ValidationError
from followthrough.io.backup_values import (
    CHECKS,
    JSON_COLUMNS,
    MAX_INT,
    ColumnSpec,
    bad,
    fix_of,
    value_in,
    value_out,
)

__all__ = [
    "CHECKS",
    "FORMAT",
    "JSON_COLUMNS",
    "MAX_INT",
    "VERSION",
    "decode",
    "encode",
]

FORMAT = "followthrough-backup"
VERSION = 1
#: Columns the database fills itself as rows are written (migration 0002's triggers): a backup
#: of a schema before them lacks them, and is restored without them.
DERIVED = frozenset(
    {("actions", "reply_at"), ("actions", "logged_at"), ("interactions", "reply_at")}
)
#: Columns a later migration added that may be empty (0006): a backup of an earlier schema
#: lacks them, and its rows are restored with them empty.
ADDED = frozenset({("applications", "salary"), ("applications", "location")})
UTC = dt.UTC

Rows = dict[str, list[dict[str, Any]]]


class TableSpec(Protocol):
    """A table of a backup: its name and its columns but `owner_id`."""

    @property
    def name(self) -> str: ...
    @property
    def columns(self) -> Sequence[ColumnSpec]: ...


class LayoutSpec(Protocol):
    """The tables of a backup, parents first, and the schema revisions (`store.backup.LAYOUT`)."""

    @property
    def tables(self) -> Sequence[TableSpec]: ...
    @property
    def head(self) -> str: ...
    @property
    def revisions(self) -> Sequence[str]: ...


def encode(
    rows: Mapping[str, Sequence[Mapping[str, Any]]], layout: LayoutSpec, now: dt.datetime
) -> dict[str, Any]:
    """Return stored rows (`store.backup.read_rows`) as a JSON-safe, versioned backup."""
    tables = {
        t.name: [
            {c.name: value_out(t.name, c, row[c.name]) for c in t.columns} for row in rows[t.name]
        ]
        for t in layout.tables
    }
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema": layout.head,
        "exported_at": now.astimezone(UTC).isoformat(),
        "tables": tables,
    }


def decode(data: Any, layout: LayoutSpec, defaults: Mapping[str, str] | None = None) -> Rows:
    """Return the rows of the backup `data` by table, every value checked and in stored form.

    Every value passes the checks the CLI and the web apply (domain/validate.py); the settings
    are also checked together over `defaults` (the playbook's). The first problem refuses the
    whole file: ValidationError("file", ...) naming the table, row, id and column.
    """
    tables = _check_header(data, layout)
    ids = _ids(tables, layout)
    rows = {t.name: _rows(t, list(tables.get(t.name, ())), ids) for t in layout.tables}
    _check_interview_apps(rows)
    _check_settings(rows["settings"], defaults or {})
    return rows


def _check_header(data: Any, layout: LayoutSpec) -> Mapping[str, Any]:
    """Return the tables of a backup whose format, version and schema we read."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise ValidationError("file", f'not a Followthrough backup (no "format": "{FORMAT}")')
    version = data.get("version")
    if version != VERSION or isinstance(version, bool):
        raise ValidationError(
            "file", f"backup version {version!r}; this Followthrough reads version {VERSION}"
        )
    revision = data.get("schema")
    if not isinstance(revision, str) or revision not in layout.revisions:
        # an older backup restores as it is: the migrations since it added only what the
        # database derives by itself (DERIVED columns, tables a backup leaves out)
        raise ValidationError(
            "file",
            f"backup of schema {revision!r}, this Followthrough is at {layout.head}; "
            "upgrade Followthrough to restore it",
        )
    tables = data.get("tables")
    if not isinstance(tables, Mapping):
        raise ValidationError("file", '"tables" must be an object of tables')
    known = {t.name for t in layout.tables}
    for name, rows in tables.items():
        if name not in known:
            raise bad(f"tables.{name}", f"unknown table; expected some of {', '.join(known)}")
        if not isinstance(rows, list) or not all(isinstance(r, Mapping) for r in rows):
            raise bad(f"tables.{name}", "must be a list of objects")
    return tables


def _ids(tables: Mapping[str, Any], layout: LayoutSpec) -> dict[str, set[int]]:
    """Return the ids of each table of the dump that has an `id` column (each checked)."""
    out: dict[str, set[int]] = {}
    for t in layout.tables:
        if not any(c.name == "id" for c in t.columns):
            continue
        out[t.name] = set()
        for n, r in enumerate(tables.get(t.name, ())):
            if "id" in r:
                try:
                    out[t.name].add(validate.check_id(r["id"], "id"))
                except ValidationError as exc:
                    raise bad(f"tables.{t.name}[{n}].id", fix_of(exc)) from None
    return out


def _rows(
    table: TableSpec, raw: list[Mapping[str, Any]], ids: dict[str, set[int]]
) -> list[dict[str, Any]]:
    """Return the checked rows of one table, each value in its stored form."""
    cols = table.columns
    names = {c.name for c in cols}
    out = []
    for i, row in enumerate(raw):
        where = f"tables.{table.name}[{i}]"
        unknown = sorted(set(row) - names)
        if unknown:
            raise bad(where, f"unknown column {unknown[0]!r}")
        missing = [
            c.name
            for c in cols
            if c.name not in row and (table.name, c.name) not in DERIVED | ADDED
        ]
        if missing:
            raise bad(where, f"column {missing[0]!r} is missing")
        values = {}
        for c in cols:
            value = value_in(table.name, c, row.get(c.name), f"{where}.{c.name}")
            if value is not None and c.ref is not None and value not in ids[c.ref]:
                raise bad(f"{where}.{c.name}", f"refers to {c.ref} {value}, which the backup lacks")
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
        raise bad(where, str(exc)) from None


def _check_interview_apps(rows: Mapping[str, list[dict[str, Any]]]) -> None:
    """Refuse an action of an interview filed under another application (as it is planned)."""
    apps = {r["id"]: r["application_id"] for r in rows["interviews"]}
    for n, action in enumerate(rows["actions"]):
        interview = action["interview_id"]
        if interview is not None and action["application_id"] != apps[interview]:
            raise bad(
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
        raise bad("tables.settings", str(exc)) from None
