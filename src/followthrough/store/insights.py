"""The insights' figures as SQL aggregates: stdlib only, one owner, no row per fact in Python.

Each function runs a few GROUP BY / COUNT / CASE queries through `store.sql` and returns
counts (or, for the weak questions, the few debrief texts that hold any); the definitions are
those of `followthrough.domain.insights`, whose pure functions turn these counts into the
report. Every query filters on `owner_id`, and only rows of an application count (an action
or an exchange without one is left out, as the per-application facts always did).

Instants are compared as the store keeps them: on SQLite, naive UTC text of one fixed width
(`sql.stamp`), whose order is the order of time, so a bound is bound as a stamp; elsewhere
as aware datetimes. The only arithmetic on a column, "this instant plus so many seconds",
cannot be written the same way in both dialects: `_later` writes it for each (on SQLite as
text, exact to the microsecond, with `date()` / `strftime()`; elsewhere with an INTERVAL).
"""

from __future__ import annotations

import datetime as dt
import json

from followthrough.store import sql

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Mapping, Sequence
    from typing import Any

#: Exchange kinds written by the company to the candidate (domain.model.INBOUND).
INBOUND_KINDS = ("email-in", "message-in")
#: Action statuses that can carry a verdict (a cancelled action never does).
VERDICT_STATUSES = ("done", "skipped", "pending", "snoozed")
#: The debrief fields the weak questions come from, in the order they are read.
WEAK_FIELDS = ("unprepared_questions", "weak_answers", "floundered")


def is_sqlite(conn: Any) -> bool:
    """Return True when `conn` (DB-API or SQLAlchemy) is on SQLite."""
    return sql.dbapi(conn).__class__.__module__.startswith("sqlite3")


def _bind(conn: Any, moment: dt.datetime) -> Any:
    """Return an aware instant as a bound value comparable with the stored ones."""
    return sql.stamp(moment) if is_sqlite(conn) else moment.astimezone(dt.UTC)


def _later(conn: Any, column: str, delta: dt.timedelta) -> str:
    """Return SQL for the instant `delta` after `column`, exact to the microsecond."""
    seconds = int(delta.total_seconds())
    if delta != dt.timedelta(seconds=seconds):
        raise ValueError("whole seconds only")
    if not is_sqlite(conn):
        return f"({column} + INTERVAL '{seconds} seconds')"
    if seconds % 86400 == 0:  # whole days: shift the date, keep the time and its fraction
        return (
            f"(date(substr({column}, 1, 10), '{seconds // 86400:+d} days') || substr({column}, 11))"
        )
    return (f"(strftime('%Y-%m-%d %H:%M:%S', substr({column}, 1, 19), '{seconds:+d} seconds')"
            f" || substr({column}, 20))")  # fmt: skip


def _marks(prefix: str, values: Sequence[Any]) -> tuple[str, dict[str, Any]]:
    """Return "(:p0, :p1, ...)" and its parameters, for an IN list of `values`."""
    names = {f"{prefix}{i}": v for i, v in enumerate(values)}
    return "(" + ", ".join(f":{n}" for n in names) + ")", names


_INBOUND = "('email-in', 'message-in')"

# ---------------------------------------------------------------- the funnel


def status_counts(conn: Any, owner: int) -> dict[str, int]:
    """Return the number of the owner's applications by current status."""
    return dict(sql.rows(conn, """
        SELECT status, COUNT(*) FROM applications WHERE owner_id = :owner GROUP BY status
    """, {"owner": owner}))  # fmt: skip


def reached_count(conn: Any, owner: int, statuses: Sequence[str], interviews: bool) -> int:
    """Return how many applications are in, or were ever moved to, one of `statuses`, or
    (with `interviews`) have any interview."""
    marks, params = _marks("s", statuses)
    union = [
        f"SELECT id FROM applications WHERE owner_id = :owner AND status IN {marks}",
        f"SELECT application_id FROM status_events WHERE owner_id = :owner AND status IN {marks}",
    ]
    if interviews:
        union.append("SELECT application_id FROM interviews WHERE owner_id = :owner")
    query = f"SELECT COUNT(*) FROM ({' UNION '.join(union)}) AS reached"
    return int(sql.rows(conn, query, {"owner": owner, **params})[0][0])


# ---------------------------------------------------------------- follow-ups


def verdict_counts(
    conn: Any,
    owner: int,
    now: dt.datetime,
    kinds: Collection[str],
    grace: dt.timedelta,
    imported_past: str,
) -> dict[tuple[str, str], int]:
    """Return {(kind, verdict): n} over the actions of `kinds` ("on_time", "late", "missed",
    "open"; punctuality's definitions, the deadline being `deadline_at` or else the planned due
    + `grace`)."""
    if not kinds:
        return {}
    now = now.astimezone(dt.UTC)  # arithmetic on elapsed time, never on a zone's wall clock
    marks, params = _marks("k", sorted(kinds))
    verdict = f"""CASE
        WHEN status = 'done' THEN CASE
            WHEN done_at IS NULL THEN NULL
            WHEN deadline_at IS NOT NULL THEN
                CASE WHEN done_at <= deadline_at THEN 'on_time' ELSE 'late' END
            WHEN done_at <= {_later(conn, "planned_due_at", grace)} THEN 'on_time'
            ELSE 'late' END
        WHEN status = 'skipped' THEN 'missed'
        WHEN deadline_at IS NOT NULL THEN
            CASE WHEN deadline_at < :now THEN 'missed' ELSE 'open' END
        WHEN planned_due_at < :grace_ago THEN 'missed'
        ELSE 'open' END"""
    where = f"""owner_id = :owner AND kind IN {marks} AND application_id IS NOT NULL"""
    params |= {"owner": owner, "now": _bind(conn, now), "grace_ago": _bind(conn, now - grace)}
    counts: dict[tuple[str, str], int] = {}
    for kind, name, n in sql.rows(conn, f"""
        SELECT kind, verdict, COUNT(*) FROM (
            SELECT kind, {verdict} AS verdict FROM actions
            WHERE {where} AND status IN ('done', 'skipped', 'pending', 'snoozed')
        ) AS verdicts WHERE verdict IS NOT NULL GROUP BY kind, verdict
    """, params):  # fmt: skip
        counts[kind, name] = n
    # history from a spreadsheet was never asked of the user: neither done nor missed
    for kind, n in sql.rows(conn, f"""
        SELECT kind, COUNT(*) FROM actions
        WHERE {where} AND status = 'skipped' AND reason = :imported GROUP BY kind
    """, params | {"imported": imported_past}):  # fmt: skip
        counts[kind, "missed"] -= n
    return counts


# ---------------------------------------------------------------- reply rates


def reply_counts(
    conn: Any,
    owner: int,
    now: dt.datetime,
    kind: str,
    window: dt.timedelta,
    same_send: dt.timedelta,
) -> tuple[int, int, int]:
    """Return (replied, answered-or-over, waiting) over the sends of `kind` (replies'
    definitions: a logged outgoing exchange of that kind, or a done action of it with no such
    exchange within `same_send`; replied when an inbound exchange on its application follows
    within `window`; waiting when not, and its window is still open at `now`)."""
    now = now.astimezone(dt.UTC)  # arithmetic on elapsed time, never on a zone's wall clock
    params = {
        "owner": owner,
        "kind": kind,
        "now": _bind(conn, now),
        "open_from": _bind(conn, now - window),
    }
    logged = f"""
        SELECT application_id AS app, at FROM interactions
        WHERE owner_id = :owner AND application_id IS NOT NULL AND action_kind = :kind
          AND kind NOT IN {_INBOUND} AND at <= :now"""
    done = f"""
        SELECT a.application_id AS app, a.done_at AS at FROM actions a
        WHERE a.owner_id = :owner AND a.application_id IS NOT NULL AND a.kind = :kind
          AND a.status = 'done' AND a.done_at IS NOT NULL AND a.done_at <= :now
          AND NOT EXISTS (
            SELECT 1 FROM interactions l
            WHERE l.owner_id = :owner AND l.application_id = a.application_id
              AND l.action_kind = :kind AND l.kind NOT IN {_INBOUND} AND l.at <= :now
              AND l.at >= {_later(conn, "a.done_at", -same_send)}
              AND l.at <= {_later(conn, "a.done_at", same_send)})"""
    replied = f"""EXISTS (
        SELECT 1 FROM interactions r
        WHERE r.owner_id = :owner AND r.application_id = s.app AND r.kind IN {_INBOUND}
          AND r.at > s.at AND r.at <= :now AND r.at <= {_later(conn, "s.at", window)})"""
    row = sql.rows(conn, f"""
        SELECT COALESCE(SUM(CASE WHEN replied = 1 THEN 1 ELSE 0 END), 0),
               COALESCE(SUM(CASE WHEN replied = 1 OR at <= :open_from THEN 1 ELSE 0 END), 0),
               COALESCE(SUM(CASE WHEN replied = 0 AND at > :open_from THEN 1 ELSE 0 END), 0)
        FROM (SELECT s.at, CASE WHEN {replied} THEN 1 ELSE 0 END AS replied
              FROM ({logged} UNION ALL {done}) AS s) AS sends
    """, params)[0]  # fmt: skip
    return int(row[0]), int(row[1]), int(row[2])


# ---------------------------------------------------------------- weekly activity

#: Each series of the weekly activity: its table, instant column and the rows that count.
WEEK_SOURCES = {
    "applications": ("applications", "created_at", "created_at IS NOT NULL"),
    "interviews": ("interviews", "start_at", "start_at IS NOT NULL"),
    "interactions_out": (
        "interactions", "at", f"application_id IS NOT NULL AND kind NOT IN {_INBOUND}"
    ),
    "actions_done": (
        "actions", "done_at",
        "status = 'done' AND done_at IS NOT NULL AND application_id IS NOT NULL",
    ),
}  # fmt: skip


def _bucket(column: str, names: Sequence[str]) -> str:
    """Return a CASE giving the index of the last bound (names[i]) at or before `column`,
    as a balanced search: a few comparisons per row however many weeks are asked for."""

    def search(lo: int, hi: int) -> str:  # the answer is in [lo, hi)
        if hi - lo == 1:
            return str(lo)
        mid = (lo + hi) // 2
        return (
            f"CASE WHEN {column} < :{names[mid]} THEN {search(lo, mid)} ELSE {search(mid, hi)} END"
        )

    return search(0, len(names))


def week_counts(
    conn: Any, owner: int, now: dt.datetime, starts: Sequence[dt.datetime]
) -> dict[tuple[str, int], int]:
    """Return {(series, week index): n}: the events of each series at or before `now` from
    `starts[i]` (an instant) up to the next start, for the weeks that begin at `starts`."""
    names = [f"w{i}" for i in range(len(starts))]
    params = {"owner": owner, "now": _bind(conn, now)}
    params |= {n: _bind(conn, s) for n, s in zip(names, starts, strict=True)}
    counts: dict[tuple[str, int], int] = {}
    for series, (table, column, condition) in WEEK_SOURCES.items():
        for week, n in sql.rows(conn, f"""
            SELECT {_bucket(column, names)} AS week, COUNT(*) FROM {table}
            WHERE owner_id = :owner AND {condition} AND {column} >= :w0 AND {column} <= :now
            GROUP BY week
        """, params):  # fmt: skip
            counts[series, int(week)] = n
    return counts


# ---------------------------------------------------------------- weak questions


def _may_hold_items(data: str) -> bool:
    """Return False only when the debrief's JSON certainly has none of WEAK_FIELDS with an
    item: each field absent, or every mention of it written as an empty list."""
    for name in WEAK_FIELDS:
        key = f'"{name}"'
        if data.count(key) != data.count(f"{key}: []"):
            return True
    return False


def weak_items(conn: Any, owner: int) -> Iterator[tuple[int, int, str, str, str, str, Any]]:
    """Yield (application id, interview id, company, role, field, text, recorded instant) for
    every non-blank item of WEAK_FIELDS in the owner's debriefs, by application then
    interview, each debrief's items in field order."""
    for iid, app, company, role, at, data in sql.rows(conn, """
        SELECT d.interview_id, i.application_id, a.company, a.role, d.recorded_at, d.data
        FROM debriefs d
        JOIN interviews i ON i.id = d.interview_id AND i.owner_id = :owner
        JOIN applications a ON a.id = i.application_id AND a.owner_id = :owner
        WHERE d.owner_id = :owner ORDER BY i.application_id, d.interview_id
    """, {"owner": owner}):  # fmt: skip
        if not _may_hold_items(data):
            continue
        fields: Mapping[str, Any] = json.loads(data)
        recorded = None
        for name in WEAK_FIELDS:
            texts = fields.get(name)
            for text in texts if isinstance(texts, list) else ():
                if text.strip():
                    recorded = recorded or sql.instant(at)
                    yield app, iid, company, role, name, text.strip(), recorded
