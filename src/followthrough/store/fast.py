"""The `today --json` fast path: read the agenda with the stdlib sqlite3 module.

Importing SQLAlchemy alone costs about a quarter of a second; a script that asks for today's
agenda every few minutes should not pay it. This path only reads. Whenever it cannot answer on
its own (no database yet, a schema that needs migrating, a keep-searching nudge to store) it
returns None and the caller takes the full path.

Start-up is most of its cost, so it imports only sqlite3, zoneinfo and the light `agenda` module:
not json, pathlib, typing, nor the planner (the keep-searching check is done here on the stored
numbers, and handed to the planner itself whenever the answer is not a plain "no nudge").
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3

from followthrough import shapes
from followthrough.domain.pipeline import keep_searching_over, keep_searching_reason
from followthrough.playbooks.defaults import POLICIES
from followthrough.store.agenda_sql import HEAD, agenda_query
from followthrough.store.read.pipeline import last_nudge, open_nudge, pipeline

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
    from zoneinfo import ZoneInfo

_FMT = "%Y-%m-%d %H:%M:%S.%f"
#: The errors pathlib's exists() reads as "no such file".
_MISSING = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)

#: The agenda query (agenda_sql.py: the store's own agenda runs the same SQL text).
_AGENDA = agenda_query(shapes.COLUMNS, owner="?1", until="?2")

#: The default playbook's policy values (generated from playbooks/default.toml; a test checks
#: that the playbook has a "pipeline" rule, which the keep-searching check assumes).
POLICY_DEFAULTS = POLICIES
_WHOLE = ("check_in_interval_days", "max_check_ins", "keep_searching_min_open",
          "keep_searching_quiet_days")  # fmt: skip


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).replace(tzinfo=None).strftime(_FMT)


def today_json(
    path: str | os.PathLike[str], now: dt.datetime, overrides: dict[str, str]
) -> dict[str, Any] | None:
    """Return the `today` payload read straight from SQLite, or None to use the full path."""
    read = _read(path, now, overrides, sqlite3.Row)
    if read is None:
        return None
    rows, tz = read
    return shapes.group(rows, now, tz)


def today_text(
    path: str | os.PathLike[str], now: dt.datetime, overrides: dict[str, str]
) -> str | None:
    """Return the `today` payload as `json.dumps(today_json(...), ensure_ascii=False,
    default=str)` would write it (what `today --json` prints on a pipe), or None to use the full
    path. Built as text straight from the rows: no dictionaries, no json module."""
    read = _read(path, now, overrides, None)
    if read is None:
        return None
    rows, tz = read
    try:
        return shapes.today_text(rows, now, tz)
    except Exception:  # a cell the store never writes: the general way reads it, or fails, its way
        import json

        dicts = [dict(zip(shapes.COLUMNS, row, strict=True)) for row in rows]
        return json.dumps(shapes.group(dicts, now, tz), ensure_ascii=False, default=str)


#: The interviews whose checklist `today` shows: the first 3 of the next 7 days
#: (services.agenda.prep_checklist, as cli/commands/agenda.py asks it).
_PREP = """
SELECT i.id, i.application_id, ap.company, i.start_at, ap.channel
FROM interviews i JOIN applications ap ON ap.id = i.application_id
WHERE i.owner_id = ?1 AND i.start_at > ?2 AND i.start_at < ?3
ORDER BY i.start_at, i.id LIMIT 3
"""


def today_parts(
    path: str | os.PathLike[str], now: dt.datetime, overrides: dict[str, str]
) -> tuple[dict[str, Any], list[dict[str, Any]], Any] | None:
    """Return what `today` shows a person: the agenda's rows in their groups (shapes.split),
    the checklists of the interviews ahead (shapes.prep_json), and the function that shapes a
    row; None to use the full path."""
    read = _read(path, now, overrides, sqlite3.Row, prep=True)
    if read is None:
        return None
    rows, tz, ahead = read
    from types import SimpleNamespace

    from followthrough.playbooks.defaults import REMINDERS

    checklist = [  # services.settings.reminders, and Reminder.applies_to below
        (SimpleNamespace(id=i, when=w, text=text, sources=tuple(sources)), only)
        for i, w, text, sources, only in REMINDERS
        if w == "before-interview"
    ]
    prep = [
        shapes.prep_json(  # type: ignore[arg-type]
            SimpleNamespace(
                interview=SimpleNamespace(id=i, application_id=a, start=shapes.aware(start)),
                company=company, zone=tz,
                checklist=[r for r, only in checklist if only is None or only == channel],
            )  # fmt: skip
        )
        for i, a, company, start, channel in ahead
    ]
    return shapes.split(rows, now, tz), prep, lambda row: shapes.action_json(row, tz)


def _read(
    path: str | os.PathLike[str],
    now: dt.datetime,
    overrides: dict[str, str],
    factory: Any,
    prep: bool = False,
) -> Any:
    """Return the agenda rows (made by `factory`) and the user's zone (and with `prep`, the
    interviews of the checklists: id, application, company, start), or None."""
    path = os.fspath(path)
    if not _exists(path) or overrides.get("country"):
        return None  # a --country override is validated (holidays) on the full path
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5.0)
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        try:
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            user = conn.execute("SELECT id FROM users WHERE username = 'local'").fetchone()
        except sqlite3.DatabaseError:
            return None
        if version is None or version[0] != HEAD or user is None:
            return None
        owner = user[0]
        settings = dict(
            conn.execute("SELECT key, value FROM settings WHERE owner_id = ?", (owner,)).fetchall()
        )
        if "replan_pending" in settings:  # services.REPLAN_PENDING: the full path finishes it
            return None
        settings.update({k: v for k, v in overrides.items() if v is not None})
        if _needs_nudge(conn, owner, settings, now):
            return None
        tz = _zone(settings.get("tz", "UTC"))
        ahead = []
        if prep:
            week = now + dt.timedelta(days=7, microseconds=1)
            ahead = conn.execute(_PREP, (owner, _stamp(now), _stamp(week))).fetchall()
        conn.row_factory = factory
        rows = conn.execute(_AGENDA, (owner, _stamp(shapes.window_end(now, tz)))).fetchall()
        return (rows, tz, ahead) if prep else (rows, tz)
    finally:
        conn.close()


def _exists(path: str) -> bool:
    """Return pathlib.Path(path).exists() (same answer, same errors) without importing pathlib."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno in _MISSING or getattr(exc, "winerror", None) in (21, 123, 1921):
            return False
        raise
    except ValueError:
        return False
    return True


def _zone(name: str) -> ZoneInfo:
    """Return workdays.zone(name) (same zone, same error) without importing the domain."""
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(name)
    except Exception:
        from followthrough.domain.workdays import zone

        return zone(name)  # raises the ValidationError the full path raises


def _needs_nudge(
    conn: sqlite3.Connection, owner: int, settings: dict[str, str], now: dt.datetime
) -> bool:
    """Return True when the full path has a keep-searching nudge to store: a new one the
    planner may plan, or the open one to cancel (its condition no longer holds)."""
    numbers = _pipeline(conn, owner)
    if open_nudge(conn, owner) is not None:
        return nudge_is_over(numbers, settings, now)
    return nudge_may_be_due(numbers, settings, now)


def nudge_is_over(numbers: _Numbers, settings: dict[str, str], now: dt.datetime) -> bool:
    """Return True when an open nudge no longer applies (services.agenda.nudge_change would
    cancel it), or when the settings are not in the plain form read here (the full path
    then decides)."""
    options = _plain(settings)
    if options is None:
        return True
    opened, added, signed, _ = numbers
    tz = _zone(options.get("tz", "UTC"))
    return keep_searching_over(
        opened,
        signed,
        None if added is None else added.astimezone(tz).date(),
        now.astimezone(tz).date(),
        int(options["keep_searching_min_open"]),
        int(options["keep_searching_quiet_days"]),
    ) is not None


_Numbers = tuple[int, "dt.datetime | None", bool, "dt.datetime | None"]


def _pipeline(conn: sqlite3.Connection, owner: int) -> _Numbers:
    """Return the planner's Pipeline fields (store/read/pipeline.py: the store's own reads)."""
    return (*pipeline(conn, owner), last_nudge(conn, owner))


def nudge_may_be_due(numbers: _Numbers, settings: dict[str, str], now: dt.datetime) -> bool:
    """Return what `_planner_needs_nudge` returns, without importing the planner when the answer
    is a plain "no nudge".

    plan_keep_searching's own steps, up to its first "no", on settings in the form the settings
    command stores them (whole numbers, "HH:MM" times, a zone name); any other settings, and
    every "yes", are handed to the planner itself, so its errors and its nudges stay its own.
    """
    options = _plain(settings)
    if options is None:
        return _planner_needs_nudge(numbers, settings, now)
    opened, added, signed, nudged = numbers
    if opened == 0 or signed:
        return False
    tz = _zone(options.get("tz", "UTC"))
    reason = keep_searching_reason(
        opened,
        signed,
        None if added is None else added.astimezone(tz).date(),
        None if nudged is None else nudged.astimezone(tz).date(),
        now.astimezone(tz).date(),
        int(options["keep_searching_min_open"]),
        int(options["keep_searching_quiet_days"]),
    )
    # the planner itself answers every "yes": its errors and its nudges stay its own
    return reason is not None and _planner_needs_nudge(numbers, settings, now)


def _plain(settings: dict[str, str]) -> dict[str, str] | None:
    """Return the settings in force over the policy defaults when they are in the form the
    settings command stores them (a zone name, whole numbers, "HH:MM" times); None for any
    other form, which only the planner itself reads."""
    options = {**POLICY_DEFAULTS, **settings}
    plain = (
        isinstance(options.get("tz", "UTC"), str)
        and all(_whole(options[k]) for k in _WHOLE)
        and _clock(options["work_start"])
        and _clock(options["work_end"])
    )
    return options if plain else None


def _whole(value: object) -> bool:
    """Return True for a whole number written in ASCII digits (int() reads it as the planner)."""
    return isinstance(value, str) and value.isascii() and value.isdigit()


def _clock(value: object) -> bool:
    """Return True for an "HH:MM" time that playbook.parse_time accepts as it is."""
    return (
        isinstance(value, str) and len(value) == 5 and value[2] == ":" and value.isascii()
        and value[:2].isdigit() and value[3:].isdigit()
        and int(value[:2]) < 24 and int(value[3:]) < 60
    )  # fmt: skip


def _planner_needs_nudge(numbers: _Numbers, settings: dict[str, str], now: dt.datetime) -> bool:
    """Return True when plan_keep_searching plans a nudge (importing the planner and reading the
    playbook cost some 35 ms of a 40 ms `today --json`: hence _nudge_due)."""
    from followthrough import playbooks
    from followthrough.domain.planner import (
        Pipeline,
        Policy,
        plan_keep_searching,
        workweek_from_settings,
    )

    pipeline = Pipeline(*numbers)
    book = playbooks.default()
    options: dict[str, object] = {**book.policies, **settings}
    for key in _WHOLE:
        options[key] = int(str(options[key]))
    week = workweek_from_settings({k: str(v) for k, v in options.items()})
    return plan_keep_searching(pipeline, book, week, Policy.from_options(options), now) is not None
