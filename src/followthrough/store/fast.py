"""The `today --json` fast path: read the agenda with the stdlib sqlite3 module.

Importing SQLAlchemy alone costs about a quarter of a second; a script that asks for today's
agenda every few minutes should not pay it. This path only reads. Whenever it cannot answer on
its own (no database yet, a schema that needs migrating, a keep-searching nudge to store) it
returns None and the caller takes the full path.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from followthrough import agenda

HEAD = "0001"  # kept equal to store.db.HEAD by a test
_FMT = "%Y-%m-%d %H:%M:%S.%f"

_AGENDA = """
SELECT a.*, ap.company AS company, ap.role AS job_role
FROM actions a LEFT JOIN applications ap ON ap.id = a.application_id
WHERE a.owner_id = ? AND a.status IN ('pending', 'snoozed') AND a.due_at < ?
ORDER BY a.due_at, a.id
"""


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).replace(tzinfo=None).strftime(_FMT)


def today_json(path: Path, now: dt.datetime, overrides: dict[str, str]) -> dict[str, Any] | None:
    """Return the `today` payload read straight from SQLite, or None to use the full path."""
    if not path.exists() or overrides.get("country"):
        return None  # a --country override is validated (holidays) on the full path
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5.0)
    try:
        conn.row_factory = sqlite3.Row
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
        settings.update({k: v for k, v in overrides.items() if v is not None})
        if _needs_nudge(conn, owner, settings, now):
            return None
        from followthrough.domain.workdays import zone

        tz = zone(settings.get("tz", "UTC"))
        rows = conn.execute(_AGENDA, (owner, _stamp(agenda.window_end(now, tz)))).fetchall()
        return agenda.group(rows, now, tz)
    finally:
        conn.close()


def _needs_nudge(
    conn: sqlite3.Connection, owner: int, settings: dict[str, str], now: dt.datetime
) -> bool:
    from followthrough import playbooks
    from followthrough.domain.planner import (
        Pipeline,
        Policy,
        plan_keep_searching,
        workweek_from_settings,
    )

    open_count, last_added = conn.execute(
        "SELECT SUM(status IN ('applied','interviewing','offer')), MAX(created_at) "
        "FROM applications WHERE owner_id = ?",
        (owner,),
    ).fetchone()
    signed = conn.execute(
        "SELECT 1 FROM applications WHERE owner_id = ? AND status = 'accepted' LIMIT 1", (owner,)
    ).fetchone()
    last_nudge = conn.execute(
        "SELECT MAX(planned_due_at) FROM actions WHERE owner_id = ? AND kind = 'keep-searching'",
        (owner,),
    ).fetchone()[0]
    pipeline = Pipeline(
        int(open_count or 0), agenda.aware(last_added), bool(signed), agenda.aware(last_nudge)
    )
    book = playbooks.default()
    options: dict[str, object] = {**book.policies, **settings}
    for key in (
        "check_in_interval_days",
        "max_check_ins",
        "keep_searching_min_open",
        "keep_searching_quiet_days",
    ):
        options[key] = int(str(options[key]))
    week = workweek_from_settings({k: str(v) for k, v in options.items()})
    return plan_keep_searching(pipeline, book, week, Policy.from_options(options), now) is not None
