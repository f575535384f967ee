"""The values of a backup: each column's JSON form, and the checks a restored value passes.

Every value passes the check the CLI and the web make on it (`CHECKS`, domain/validate.py), or
the restore is refused with the place named (`tables.NAME[ROW].COLUMN`). Types, dates, ids and
references are checked for every column by `value_in`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from followthrough.domain import validate
from followthrough.domain.errors import ValidationError
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

UTC = dt.UTC
#: Text columns that hold JSON; a backup nests their value instead of quoting it.
JSON_COLUMNS: Mapping[str, frozenset[str]] = {
    "interviews": frozenset({"promises"}),
    "actions": frozenset({"talking_points"}),
    "debriefs": frozenset({"data"}),
}
#: The largest integer SQLite (and PostgreSQL's bigint) can store.
MAX_INT = 2**63 - 1


class ColumnSpec(Protocol):
    """A column of a backup's table (the store describes them: `store.backup.LAYOUT`)."""

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...  # "datetime" (UTC) | "date" | "bool" | "int" | "text"
    @property
    def nullable(self) -> bool: ...
    @property
    def primary_key(self) -> bool: ...
    @property
    def ref(self) -> str | None: ...  # the table a foreign key refers to


def value_out(table: str, column: ColumnSpec, value: Any) -> Any:
    """Return a stored value in its JSON form."""
    if value is None:
        return None
    if column.name in JSON_COLUMNS.get(table, ()):
        return json.loads(value)
    if column.kind == "datetime":
        return value.astimezone(UTC).isoformat()
    if column.kind == "date":
        return value.isoformat()
    if column.kind == "bool":
        return bool(value)
    return value


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


def bad(where: str, message: str) -> ValidationError:
    """Return the error of a backup, naming the place (`tables.NAME[ROW].COLUMN`)."""
    return ValidationError("file", f"{where}: {message}")


def fix_of(exc: ValidationError) -> str:
    """Return the message of a domain check without its field (the caller names the place)."""
    return str(exc).removeprefix(f"{exc.field}: ")


def value_in(table: str, column: ColumnSpec, value: Any, where: str) -> Any:
    """Return the stored form of a JSON value, or raise naming the row and the column."""
    if value is None:
        if column.nullable and not column.primary_key:
            return None
        raise bad(where, "is required")
    try:
        stored = _checked(table, column, value, where)
    except ValidationError as exc:
        if exc.field == "file":
            raise
        raise bad(where, fix_of(exc)) from None
    if isinstance(stored, str) and not _encodable(stored):
        raise bad(where, "holds a lone surrogate (\\ud800-\\udfff), which is not text; remove it")
    return stored


def _encodable(text: str) -> bool:
    """Return True when `text` can be stored as UTF-8 (JSON allows lone surrogates; text
    does not)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _json_in(name: str, value: Any, where: str) -> str:
    """Return the JSON text stored for the nested value of a JSON column."""
    if name == "data":
        if not isinstance(value, dict):
            raise bad(where, "must be an object")
        if "verdict" in value:
            raise bad(f"{where}.verdict", "belongs in the row's verdict column")
        try:
            value = validate.clean_debrief(value)
        except ValidationError as exc:
            raise bad(f"{where}.{exc.field}", fix_of(exc)) from None
    elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise bad(where, "must be a list of texts")
    return json.dumps(value, ensure_ascii=False)


def _checked(table: str, column: ColumnSpec, value: Any, where: str) -> Any:
    name = column.name
    if name in JSON_COLUMNS.get(table, ()):
        return _json_in(name, value, where)
    kind = column.kind
    if kind == "datetime":
        try:
            moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise bad(where, f"{value!r} is not an ISO date-time with an offset")
        return validate.moment(moment, name)
    if kind == "date":
        try:
            if isinstance(value, str) and len(value) == 10:
                return validate.day(dt.date.fromisoformat(value), name)
        except ValueError:
            pass
        raise bad(where, f"{value!r} is not an ISO date (YYYY-MM-DD)")
    if kind == "bool":
        if isinstance(value, bool):
            return value
        raise bad(where, f"{value!r} is not true or false")
    if kind == "float":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok or not math.isfinite(value) or abs(value) > MAX_INT:
            raise bad(where, f"{value!r} is not a number we can store")
        return float(value)
    if kind == "int":
        if name == "id" or column.ref is not None:
            return validate.check_id(value, name)
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > MAX_INT:
            raise bad(where, f"{value!r} is not a whole number we can store")
    elif not isinstance(value, str):
        raise bad(where, f"{value!r} is not text")
    check = CHECKS.get((table, name))
    return check(value, name) if check is not None else value
