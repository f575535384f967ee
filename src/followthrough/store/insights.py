"""The insights' figures as SQL aggregates: stdlib only, one owner, no row per fact in Python.

Each function runs a few GROUP BY / COUNT / CASE queries through `store.sql` and returns
counts (or, for the weak questions, the debrief items there are); the definitions are those of
`followthrough.domain.insights`, whose pure functions turn these counts into the report. Every
query filters on `owner_id` (a correlated subquery reaches only rows of an application the
outer query already took from the owner), and only rows of an application count: an action or
an exchange without one is left out, as the per-application facts always left it.

Instants are compared as the store keeps them: on SQLite naive UTC text of one fixed width
(`sql.stamp`), whose order is the order of time, so bounds are bound as stamps; elsewhere as
aware datetimes. Arithmetic on a column ("this instant plus so many seconds") cannot be written
the same way in both: `later` writes it for each dialect (on SQLite on the text, exact to the
microsecond; elsewhere with an INTERVAL). Arithmetic on `now` is done here, in elapsed time.

The indexes these queries read (migration 0002): `ix_actions_insights` (owner, status, kind,
done_at, ...: every action query is a range of it and reads no table row),
`ix_interactions_insights` (owner, action_kind, at, ...), `ix_actions_imported` (partial:
imported history).
The reply figures are in store/insights_replies.py.
"""

from __future__ import annotations

import datetime as dt
import json

from followthrough.domain.themes import WEAK_FIELDS
from followthrough.store import sql, tallies

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection, Mapping, Sequence
    from typing import Any

    from followthrough.domain.themes import Item

#: Exchange kinds written by the company to the candidate (domain.model.INBOUND), as SQL.
INBOUND = "('email-in', 'message-in')"
_DAY = dt.timedelta(days=1)


def is_sqlite(conn: Any) -> bool:
    """Return True when `conn` (DB-API or SQLAlchemy) is on SQLite."""
    return bool(sql.dbapi(conn).__class__.__module__.startswith("sqlite3"))


def bind(conn: Any, moment: dt.datetime) -> Any:
    """Return an aware instant as a bound value comparable with the stored ones."""
    return sql.stamp(moment) if is_sqlite(conn) else moment.astimezone(dt.UTC)


def later(conn: Any, column: str, delta: dt.timedelta) -> str:
    """Return SQL for the instant `delta` (whole seconds) after `column`, exact."""
    seconds = int(delta.total_seconds())
    if delta != dt.timedelta(seconds=seconds):
        raise ValueError("whole seconds only")
    if not is_sqlite(conn):
        return f"({column} + INTERVAL '{seconds} seconds')"
    if seconds % 86400 == 0:  # whole days: shift the date, keep the time and its fraction
        days = seconds // 86400
        return f"(date(substr({column}, 1, 10), '{days:+d} days') || substr({column}, 11))"
    return (f"(strftime('%Y-%m-%d %H:%M:%S', substr({column}, 1, 19), '{seconds:+d} seconds')"
            f" || substr({column}, 20))")  # fmt: skip


def marks(prefix: str, values: Sequence[Any]) -> tuple[str, dict[str, Any]]:
    """Return "(:p0, :p1, ...)" and its parameters, for an IN list of `values`."""
    names = {f"{prefix}{i}": v for i, v in enumerate(values)}
    return "(" + ", ".join(f":{n}" for n in names) + ")", names


def _literal(text: str) -> str:
    """Return `text` as an SQL string literal (for a partial index's condition)."""
    return "'" + text.replace("'", "''") + "'"


# ---------------------------------------------------------------- the funnel


def status_counts(conn: Any, owner: int) -> dict[str, int]:
    """Return the number of the owner's applications by current status."""
    return dict(sql.rows(conn, """
        SELECT status, COUNT(*) FROM applications WHERE owner_id = :owner GROUP BY status
    """, {"owner": owner}))  # fmt: skip


def reached_count(conn: Any, owner: int, statuses: Sequence[str], interviews: bool) -> int:
    """Return how many applications are in, or were ever moved to, one of `statuses`, or
    (with `interviews`) have any interview."""
    listed, params = marks("s", statuses)
    if interviews:  # most applications: a probe of each (its interviews, then its events)
        query = f"""
            SELECT COUNT(*) FROM applications a
            WHERE a.owner_id = :owner AND (a.status IN {listed}
                OR EXISTS (SELECT 1 FROM interviews i WHERE i.application_id = a.id)
                OR EXISTS (SELECT 1 FROM status_events e
                           WHERE e.application_id = a.id AND e.status IN {listed}))"""  # noqa: S608
    else:  # the few at or past an offer: their ids, once each
        query = f"""
            SELECT COUNT(*) FROM (
                SELECT id FROM applications WHERE owner_id = :owner AND status IN {listed}
                UNION
                SELECT application_id FROM status_events
                WHERE owner_id = :owner AND status IN {listed}) AS reached"""  # noqa: S608
    return int(sql.rows(conn, query, {"owner": owner, **params})[0][0])


# ---------------------------------------------------------------- follow-ups


def _in_time(conn: Any, grace: dt.timedelta) -> str:
    """Return a CASE: 1 when a done action was done by its deadline (`deadline_at`, else the
    planned due + `grace`), 0 when after it or at no known time."""
    shortcut = ""
    if is_sqlite(conn) and grace >= _DAY:  # done on the planned day (UTC) or before: in time
        shortcut = "WHEN substr(done_at, 1, 10) <= substr(planned_due_at, 1, 10) THEN 1"
    return f"""CASE WHEN done_at IS NULL THEN 0
        WHEN deadline_at IS NOT NULL THEN CASE WHEN done_at <= deadline_at THEN 1 ELSE 0 END
        {shortcut}
        WHEN done_at <= {later(conn, "planned_due_at", grace)} THEN 1 ELSE 0 END"""


def verdict_counts(
    conn: Any,
    owner: int,
    now: dt.datetime,
    kinds: Collection[str],
    grace: dt.timedelta,
    imported_past: str,
) -> dict[tuple[str, str], int]:
    """Return {(kind, verdict): n} over the actions of `kinds` ("on_time", "late", "missed",
    "open": punctuality's definitions, the deadline being `deadline_at`, else the planned due
    + `grace`; actions skipped with the reason `imported_past` left out)."""
    if not kinds:
        return {}
    listed, params = marks("k", sorted(kinds))
    grace_ago = now.astimezone(dt.UTC) - grace  # elapsed time, never a zone's wall clock
    params |= {"owner": owner, "now": bind(conn, now), "grace_ago": bind(conn, grace_ago)}
    mine = f"owner_id = :owner AND kind IN {listed} AND application_id IS NOT NULL"
    counts: dict[tuple[str, str], int] = {}

    def add(kind: str, verdict: str, n: int) -> None:
        if n:
            counts[kind, verdict] = counts.get((kind, verdict), 0) + n

    if is_sqlite(conn) and grace == dt.timedelta(days=tallies.GRACE_DAYS):  # kept as written
        done = [(k, n, yes) for k, (n, yes) in tallies.tallies(conn, owner, "done").items()
                if k in kinds]  # fmt: skip
    else:
        done = sql.rows(conn, f"""
            SELECT kind, COUNT(done_at), SUM({_in_time(conn, grace)}) FROM actions
            WHERE {mine} AND status = 'done' GROUP BY kind""", params)  # fmt: skip  # noqa: S608
    for kind, timed, in_time in done:
        add(kind, "on_time", in_time)
        add(kind, "late", timed - in_time)
    for status in ("pending", "snoozed"):  # one range each (IN tempts SQLite to ix_actions_kind)
        for kind, n, overdue in sql.rows(conn, f"""
            SELECT kind, COUNT(*), SUM(CASE
                WHEN deadline_at IS NOT NULL THEN CASE WHEN deadline_at < :now THEN 1 ELSE 0 END
                WHEN planned_due_at < :grace_ago THEN 1 ELSE 0 END)
            FROM actions WHERE {mine} AND status = :status GROUP BY kind
        """, params | {"status": status}):  # fmt: skip  # noqa: S608
            add(kind, "missed", overdue)
            add(kind, "open", n - overdue)
    skipped = dict(sql.rows(conn, f"""
        SELECT kind, COUNT(*) FROM actions WHERE {mine} AND status = 'skipped' GROUP BY kind
    """, params))  # fmt: skip  # noqa: S608
    # history from a spreadsheet was never asked of the user: neither done nor missed (the
    # condition is ix_actions_imported's, written out, so that small partial index is read)
    for kind, n in sql.rows(conn, f"""
        SELECT kind, COUNT(*) FROM actions
        WHERE owner_id = :owner AND status = 'skipped' AND reason = {_literal(imported_past)}
          AND kind IN {listed} AND application_id IS NOT NULL GROUP BY kind
    """, params):  # fmt: skip  # noqa: S608
        skipped[kind] -= n
    for kind, n in skipped.items():
        add(kind, "missed", n)
    return counts


# ---------------------------------------------------------------- weekly activity

#: The series counted straight from their table: its instant, and the rows that count.
WEEK_SOURCES = {
    "applications": ("applications", "created_at"),
    "interviews": ("interviews", "start_at"),
}
#: Exchanges out and actions done: a loose scan of the index that leads with the owner then
#: the kind (the next kind is one seek), then the range of time within each kind.
_WEEK_LOOSE = {
    "interactions_out": """
        WITH RECURSIVE kinds(kind) AS (
            SELECT MIN(action_kind) FROM interactions WHERE owner_id = :owner
            UNION ALL
            SELECT (SELECT MIN(i.action_kind) FROM interactions i
                    WHERE i.owner_id = :owner AND i.action_kind > kinds.kind)
            FROM kinds WHERE kinds.kind IS NOT NULL)
        SELECT {bucket} AS week, COUNT(*) FROM (
            SELECT at FROM interactions
            WHERE owner_id = :owner AND action_kind IS NULL AND at >= :w0 AND at <= :now
              AND kind NOT IN {inbound} AND application_id IS NOT NULL
            UNION ALL
            SELECT i.at FROM kinds JOIN interactions i ON i.owner_id = :owner
              AND i.action_kind = kinds.kind AND i.at >= :w0 AND i.at <= :now
              AND i.kind NOT IN {inbound} AND i.application_id IS NOT NULL) AS sent
        GROUP BY week""",
    "actions_done": """
        WITH RECURSIVE kinds(kind) AS (
            SELECT MIN(kind) FROM actions WHERE owner_id = :owner AND status = 'done'
            UNION ALL
            SELECT (SELECT MIN(a.kind) FROM actions a
                    WHERE a.owner_id = :owner AND a.status = 'done' AND a.kind > kinds.kind)
            FROM kinds WHERE kinds.kind IS NOT NULL)
        SELECT {bucket} AS week, COUNT(*) FROM (
            SELECT a.done_at AS at FROM kinds JOIN actions a ON a.owner_id = :owner
              AND a.status = 'done' AND a.kind = kinds.kind AND a.done_at >= :w0
              AND a.done_at <= :now AND a.application_id IS NOT NULL) AS done
        GROUP BY week""",
}


def _bucket(column: str, names: Sequence[str]) -> str:
    """Return a CASE giving the index of the last bound (names[i]) at or before `column`,
    as a balanced search: a few comparisons per row however many weeks are asked for."""

    def search(lo: int, hi: int) -> str:  # the answer is in [lo, hi)
        if hi - lo == 1:
            return str(lo)
        mid = (lo + hi) // 2
        left, right = search(lo, mid), search(mid, hi)
        return f"CASE WHEN {column} < :{names[mid]} THEN {left} ELSE {right} END"

    return search(0, len(names))


def week_counts(
    conn: Any, owner: int, now: dt.datetime, starts: Sequence[dt.datetime]
) -> dict[tuple[str, int], int]:
    """Return {(series, week index): n}: the events of each series at or before `now` from
    `starts[i]` (an instant) up to the next start, for the weeks that begin at `starts`."""
    names = [f"w{i}" for i in range(len(starts))]
    params = {"owner": owner, "now": bind(conn, now)}
    params |= {n: bind(conn, s) for n, s in zip(names, starts, strict=True)}
    queries = {
        series: f"""
            SELECT {_bucket(column, names)} AS week, COUNT(*) FROM {table}
            WHERE owner_id = :owner AND {column} >= :w0 AND {column} <= :now
            GROUP BY week"""  # noqa: S608
        for series, (table, column) in WEEK_SOURCES.items()
    }
    for series, template in _WEEK_LOOSE.items():
        queries[series] = template.format(bucket=_bucket("at", names), inbound=INBOUND)
    counts: dict[tuple[str, int], int] = {}
    for series, query in queries.items():
        for week, n in sql.rows(conn, query, params):
            counts[series, int(week)] = n
    return counts


# ---------------------------------------------------------------- weak questions


def _items(data: str) -> tuple[tuple[str, str], ...]:
    """Return the non-blank (field, text) items of WEAK_FIELDS in a debrief's JSON."""
    for name in WEAK_FIELDS:  # most debriefs hold none: skip the parse when that is certain
        key = f'"{name}"'
        if data.count(key) != data.count(f"{key}: []"):
            break
    else:
        return ()
    fields: Mapping[str, Any] = json.loads(data)
    found = []
    for name in WEAK_FIELDS:
        texts = fields.get(name)
        for text in texts if isinstance(texts, list) else ():
            if text.strip():
                found.append((name, text.strip()))
    return tuple(found)


def weak_items(conn: Any, owner: int) -> list[Item]:
    """Return (application id, interview id, company, role, field, text, recorded instant) for
    every non-blank item of WEAK_FIELDS in the owner's debriefs, the text stripped (in no
    particular order: the themes do not depend on it). On SQLite from `debrief_items`, the
    rows migration 0004's triggers keep; elsewhere from the debriefs' JSON."""
    if not is_sqlite(conn):
        return _parsed_items(conn, owner)
    found = []
    for app, iid, company, role, name, text, at in sql.rows(conn, """
        SELECT i.application_id, d.interview_id, a.company, a.role, d.field, d.text, d.recorded_at
        FROM debrief_items d CROSS JOIN interviews i CROSS JOIN applications a
        WHERE d.owner_id = :owner AND i.id = d.interview_id AND i.owner_id = :owner
          AND a.id = i.application_id AND a.owner_id = :owner
    """, {"owner": owner}):  # fmt: skip
        text = text.strip()
        if text:
            found.append((app, iid, company, role, name, text, sql.instant(at)))
    return found


def _parsed_items(conn: Any, owner: int) -> list[Item]:
    """weak_items, from each debrief's JSON (a database without migration 0004's triggers)."""
    parsed: dict[str, tuple[tuple[str, str], ...]] = {}  # many debriefs read alike
    found = []
    for iid, app, company, role, at, data in sql.rows(conn, """
        SELECT d.interview_id, i.application_id, a.company, a.role, d.recorded_at, d.data
        FROM debriefs d CROSS JOIN interviews i CROSS JOIN applications a
        WHERE d.owner_id = :owner AND i.id = d.interview_id AND i.owner_id = :owner
          AND a.id = i.application_id AND a.owner_id = :owner
    """, {"owner": owner}):  # fmt: skip
        items = parsed.get(data)
        if items is None:
            items = parsed[data] = _items(data)
        if items:
            recorded = sql.instant(at)
            found += [(app, iid, company, role, name, text, recorded) for name, text in items]
    return found
