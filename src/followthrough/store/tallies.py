"""Running counts the insights read instead of scanning every action and send (stdlib only).

At 10 000 applications the follow-up verdicts and the reply figures scan 130 000 done actions
and 40 000 sends on every view: two thirds of `insights --json`. Most of what they count never
changes with time: whether a done action was done in time, whether a send has had its reply.
So `insight_tallies` keeps, per owner, series and kind, how many rows there are (`n`) and how
many of them say yes (`yes`), up to date as rows are written (on SQLite by triggers, migration
0005), and the readers add the few rows whose answer still depends on `now` (the sends of the
last reply window) from their index.

The series (each over rows with an application, as the insights count them):

- `done`: done actions with a `done_at`; yes = done in time (`deadline_at`, else the planned
  due + GRACE, domain/insights/punctuality.py, written out here as a whole day).
- `sent`: exchanges out that carry an `action_kind` (kind = that); yes = `reply_at` is set.
- `done_send`: the `done` rows whose send was not logged (`logged_at` unset); yes = `reply_at`
  is set.

`refill` recomputes the table from the rows (after a bulk load made with the triggers off,
bench/generate.py), exactly as the triggers keep it.
"""

from __future__ import annotations

from followthrough.store import sql

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: GRACE (domain/insights/punctuality.py) in whole days, as `in_time` below is written.
GRACE_DAYS = 1
#: Exchange kinds written by the company to the candidate (domain.kinds.INBOUND), as SQL.
INBOUND = "('email-in', 'message-in')"


def in_time(row: str) -> str:
    """SQL: 1 when the done action `row` (an alias, NEW or OLD) was done by its deadline
    (`deadline_at`, else its planned due + GRACE_DAYS), else 0; instants as the store keeps
    them on SQLite (naive UTC text of one width)."""
    due = f"{row}.planned_due_at"
    later = f"(date(substr({due}, 1, 10), '+{GRACE_DAYS} days') || substr({due}, 11))"
    return (
        f"(CASE WHEN {row}.deadline_at IS NOT NULL THEN {row}.done_at <= {row}.deadline_at"
        f" WHEN substr({row}.done_at, 1, 10) <= substr({due}, 1, 10) THEN 1"
        f" WHEN {row}.done_at <= {later} THEN 1 ELSE 0 END)"
    )


def _done(row: str) -> str:
    return (f"{row}.status = 'done' AND {row}.application_id IS NOT NULL"
            f" AND {row}.done_at IS NOT NULL")  # fmt: skip


#: series -> (table, SQL condition on a row alias, SQL of its kind, SQL of its yes), by alias.
SERIES = {
    "done": ("actions", _done, lambda r: f"{r}.kind", in_time),
    "sent": (
        "interactions",
        lambda r: (f"{r}.kind NOT IN {INBOUND} AND {r}.action_kind IS NOT NULL"
                   f" AND {r}.application_id IS NOT NULL"),  # fmt: skip
        lambda r: f"{r}.action_kind",
        lambda r: f"({r}.reply_at IS NOT NULL)",
    ),
    "done_send": (
        "actions",
        lambda r: f"{_done(r)} AND {r}.logged_at IS NULL",
        lambda r: f"{r}.kind",
        lambda r: f"({r}.reply_at IS NOT NULL)",
    ),
}


def refill(conn: Any) -> None:
    """Recompute every tally from the rows (SQLite)."""
    driver = sql.dbapi(conn)
    driver.execute("DELETE FROM insight_tallies")
    for series, (table, where, kind, yes) in SERIES.items():
        driver.execute(
            f"INSERT INTO insight_tallies (owner_id, series, kind, n, yes)"  # noqa: S608
            f" SELECT t.owner_id, '{series}', {kind('t')}, COUNT(*), SUM({yes('t')})"
            f" FROM {table} AS t WHERE {where('t')} GROUP BY t.owner_id, {kind('t')}"
        )


def tallies(conn: Any, owner: int, series: str) -> dict[str, tuple[int, int]]:
    """Return {kind: (n, yes)} of the owner's tallies of `series`."""
    found = sql.rows(conn, """
        SELECT kind, n, yes FROM insight_tallies WHERE owner_id = :owner AND series = :series
    """, {"owner": owner, "series": series})  # fmt: skip
    return {kind: (int(n), int(yes)) for kind, n, yes in found}
