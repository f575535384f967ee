"""The reply figures as SQL aggregates: stdlib only, one owner (domain/insights/replies.py).

A send is an exchange out carrying the kind (`action_kind`), or a done action of the kind that
no such exchange logged within SAME_SEND of its `done_at`; it was answered when an e-mail or
message came in on its application within REPLY_WINDOW after it. Finding "the first message in
after this send" is one probe per send as an aggregate (store/insights.py: a quarter of a
second at 10 000 applications), so on SQLite each send keeps it as it is written (migration
0002's triggers): `reply_at` (that first reply, when within the window) and, on a done action,
`logged_at` (its logged twin). Both are instants, so `now` still applies here: answered when
`reply_at <= now`, a separate send unless `logged_at <= now`. The sends and their replies are
also counted as they are written (store/tallies.py, migration 0005), so only the sends of the
last window are read one by one. Other databases, without those triggers, ask per send
(`reply_counts_by_probe`: the same figures, also held equal to the reference by the tests, on
SQLite).
"""

from __future__ import annotations

import datetime as dt

from followthrough.store import sql, tallies
from followthrough.store.insights import INBOUND, bind, is_sqlite, later, marks

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

#: (replied, sent, waiting): answered sends; sends answered or whose window is over; sends
#: not answered yet whose window is still open.
Counts = tuple[int, int, int]

#: The sends of the last reply window (and any later), from the index: what the tallies count
#: of them (`tally_n`, `tally_yes`), and what they count at `now`.
_SENT_RECENT = """
    SELECT action_kind, COUNT(*), COUNT(reply_at),
           SUM(CASE WHEN at <= :now THEN 1 ELSE 0 END),
           SUM(CASE WHEN at <= :now AND reply_at <= :now THEN 1 ELSE 0 END),
           SUM(CASE WHEN at <= :now AND (reply_at IS NULL OR reply_at > :now) THEN 1 ELSE 0 END)
    FROM interactions
    WHERE owner_id = :owner AND action_kind IN {kinds} AND at > :open_from
      AND kind NOT IN {inbound} AND application_id IS NOT NULL
    GROUP BY action_kind"""
_DONE_RECENT = """
    SELECT kind,
           SUM(CASE WHEN logged_at IS NULL THEN 1 ELSE 0 END),
           SUM(CASE WHEN logged_at IS NULL AND reply_at IS NOT NULL THEN 1 ELSE 0 END),
           SUM(CASE WHEN {counted} THEN 1 ELSE 0 END),
           SUM(CASE WHEN {counted} AND reply_at <= :now THEN 1 ELSE 0 END),
           SUM(CASE WHEN {counted} AND (reply_at IS NULL OR reply_at > :now) THEN 1 ELSE 0 END)
    FROM actions
    WHERE owner_id = :owner AND status = 'done' AND kind IN {kinds} AND done_at > :open_from
      AND application_id IS NOT NULL
    GROUP BY kind"""
#: A done action counts as a send at `now` when done by then and its send not logged by then.
_COUNTED = "done_at <= :now AND (logged_at IS NULL OR logged_at > :now)"


def reply_counts(
    conn: Any,
    owner: int,
    now: dt.datetime,
    kinds: Sequence[str],
    window: dt.timedelta,
    same_send: dt.timedelta,
) -> dict[str, Counts]:
    """Return {kind: (replied, sent, waiting)} for each of `kinds` at `now` (the reply window
    `window`; a done action and an exchange out within `same_send` are one send).

    On SQLite from the tallies (store/tallies.py: every send, and those with a reply) and the
    sends of the last window read one by one: a send older than the window is counted, and
    answered exactly when it has a `reply_at` (within the window after it, so before `now`);
    only the newer ones depend on `now`."""
    if not is_sqlite(conn):
        return {k: reply_counts_by_probe(conn, owner, now, k, window, same_send) for k in kinds}
    listed, params = marks("k", kinds)
    params |= {
        "owner": owner,
        "now": bind(conn, now),
        "open_from": bind(conn, now.astimezone(dt.UTC) - window),
    }
    totals = {kind: [0, 0, 0] for kind in kinds}
    recent = {"sent": _SENT_RECENT, "done_send": _DONE_RECENT}
    for series, query in recent.items():
        for kind, (n, yes) in tallies.tallies(conn, owner, series).items():
            if kind in totals:
                totals[kind][0] += yes
                totals[kind][1] += n
        text = query.format(kinds=listed, inbound=INBOUND, counted=_COUNTED)
        for kind, kept_n, kept_yes, n, replied, waiting in sql.rows(conn, text, params):
            found = totals[kind]  # the window's sends: as at `now`, not as the tallies say
            found[0] += replied - kept_yes
            found[1] += n - waiting - kept_n
            found[2] += waiting
    return {kind: (r, s, w) for kind, (r, s, w) in totals.items()}


def reply_counts_by_probe(
    conn: Any,
    owner: int,
    now: dt.datetime,
    kind: str,
    window: dt.timedelta,
    same_send: dt.timedelta,
) -> Counts:
    """Return (replied, sent, waiting) for the sends of `kind`, looking for each send's logged
    twin and first reply among the exchanges (no column kept at write time)."""
    now = now.astimezone(dt.UTC)  # arithmetic on elapsed time, never on a zone's wall clock
    params = {
        "owner": owner,
        "kind": kind,
        "now": bind(conn, now),
        "open_from": bind(conn, now - window),
    }
    logged = f"""
        SELECT application_id AS app, at FROM interactions
        WHERE owner_id = :owner AND application_id IS NOT NULL AND action_kind = :kind
          AND kind NOT IN {INBOUND} AND at <= :now"""  # noqa: S608
    done = f"""
        SELECT a.application_id AS app, a.done_at AS at FROM actions a
        WHERE a.owner_id = :owner AND a.application_id IS NOT NULL AND a.kind = :kind
          AND a.status = 'done' AND a.done_at IS NOT NULL AND a.done_at <= :now
          AND NOT EXISTS (
            SELECT 1 FROM interactions l
            WHERE l.application_id = a.application_id
              AND l.action_kind = :kind AND l.kind NOT IN {INBOUND} AND l.at <= :now
              AND l.at >= {later(conn, "a.done_at", -same_send)}
              AND l.at <= {later(conn, "a.done_at", same_send)})"""  # noqa: S608
    replied = f"""EXISTS (
        SELECT 1 FROM interactions r
        WHERE r.application_id = s.app AND r.kind IN {INBOUND}
          AND r.at > s.at AND r.at <= :now AND r.at <= {later(conn, "s.at", window)})"""  # noqa: S608
    row = sql.rows(conn, f"""
        SELECT COALESCE(SUM(replied), 0),
               COALESCE(SUM(CASE WHEN replied = 1 OR at <= :open_from THEN 1 ELSE 0 END), 0),
               COALESCE(SUM(CASE WHEN replied = 0 AND at > :open_from THEN 1 ELSE 0 END), 0)
        FROM (SELECT s.at, CASE WHEN {replied} THEN 1 ELSE 0 END AS replied
              FROM ({logged} UNION ALL {done}) AS s) AS sends
    """, params)[0]  # fmt: skip  # noqa: S608
    return int(row[0]), int(row[1]), int(row[2])


def _first_reply(conn: Any, table: str, sent: str, window: dt.timedelta) -> str:
    """SQL: the first inbound exchange on the application of the row of `table` after `sent`,
    within `window`."""
    within = later(conn, sent, window)
    return (
        f"(SELECT MIN(r.at) FROM interactions r WHERE r.application_id = {table}.application_id"  # noqa: S608
        f" AND r.kind IN {INBOUND} AND r.at > {sent} AND r.at <= {within})"
    )


def refill(conn: Any) -> None:
    """Recompute every kept column from the rows (SQLite), as migration 0002 did for the rows
    before it, then the tallies (store/tallies.py): after a bulk load made with its triggers
    off (bench/generate.py)."""
    from followthrough.domain.insights.replies import REPLY_WINDOW, SAME_SEND

    since, until = (later(conn, "actions.done_at", d) for d in (-SAME_SEND, SAME_SEND))
    twin = (
        f"(SELECT MIN(l.at) FROM interactions l WHERE l.application_id = actions.application_id"  # noqa: S608
        f" AND l.kind NOT IN {INBOUND} AND l.action_kind = actions.kind"
        f" AND l.at >= {since} AND l.at <= {until})"
    )
    sent = _first_reply(conn, "interactions", "interactions.at", REPLY_WINDOW)
    done = _first_reply(conn, "actions", "actions.done_at", REPLY_WINDOW)
    driver = sql.dbapi(conn)
    driver.execute(f"""
        UPDATE interactions SET reply_at = {sent}
        WHERE application_id IS NOT NULL AND kind NOT IN {INBOUND} AND action_kind IS NOT NULL
    """)  # noqa: S608
    driver.execute(f"""
        UPDATE actions SET reply_at = {done}, logged_at = {twin}
        WHERE application_id IS NOT NULL AND status = 'done' AND done_at IS NOT NULL
    """)  # noqa: S608
    tallies.refill(conn)  # they count the columns just filled
