"""insight tallies: the counts behind the follow-up and reply figures, kept at write time

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 19:10:00.000000

The follow-up verdicts and the reply rates scanned every done action and every send on each
view (130 000 and 40 000 rows at 10 000 applications). What they count seldom depends on the
moment: whether an action was done in time, whether a send has had its reply (migration 0002's
`reply_at`). So `insight_tallies` keeps, per owner, series and kind, the rows there are (`n`)
and those that say yes (`yes`), on SQLite by triggers (store/tallies.py reads it and says what
each series counts; the readers add the sends whose answer still depends on `now`). Other
databases leave it empty and the readers count the rows.

The series, GRACE (a whole day) and INBOUND are written out as they were when this ran (a test
holds them equal to store/tallies.py): changing one needs a migration that redefines the
triggers and refills the table.
"""

# ruff: noqa: S608  (every statement here is built from this file's constants, nothing else)
from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

GRACE_DAYS = 1
INBOUND = "('email-in', 'message-in')"


def in_time(row: str) -> str:
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


Build = Callable[[str], str]
#: series -> (table, condition, kind, yes), each SQL of a row alias.
SERIES: dict[str, tuple[str, Build, Build, Build]] = {
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
#: The columns whose change may move a row of the table between tallies.
WATCHED = {
    "actions": "status, application_id, done_at, kind, deadline_at, planned_due_at, logged_at,"
               " reply_at, owner_id",
    "interactions": "kind, action_kind, application_id, reply_at, owner_id",
}  # fmt: skip


def _count(series: str, row: str, sign: str) -> str:
    """One row's count (`sign` "+" or "-") added to its tally, when it belongs to `series`."""
    _, where, kind, yes = SERIES[series]
    return (f"INSERT INTO insight_tallies (owner_id, series, kind, n, yes)"
            f" SELECT {row}.owner_id, '{series}', {kind(row)}, {sign}1, {sign}{yes(row)}"
            f" WHERE {where(row)}"
            f" ON CONFLICT (owner_id, series, kind)"
            f" DO UPDATE SET n = n + excluded.n, yes = yes + excluded.yes")  # fmt: skip


def triggers() -> dict[str, tuple[str, list[str]]]:
    """Return {name: (when, statements)} of the triggers that keep the tallies."""
    found: dict[str, tuple[str, list[str]]] = {}
    for table in WATCHED:
        mine = [s for s, (t, *_) in SERIES.items() if t == table]
        found[f"ft_tally_{table}_added"] = (
            f"AFTER INSERT ON {table}", [_count(s, "NEW", "+") for s in mine])
        found[f"ft_tally_{table}_removed"] = (
            f"AFTER DELETE ON {table}", [_count(s, "OLD", "-") for s in mine])
        found[f"ft_tally_{table}_changed"] = (
            f"AFTER UPDATE OF {WATCHED[table]} ON {table}",
            [_count(s, "OLD", "-") for s in mine] + [_count(s, "NEW", "+") for s in mine])
    return found  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "insight_tallies",
        sa.Column(
            "owner_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("series", sa.String(20), primary_key=True),
        sa.Column("kind", sa.String(40), primary_key=True),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("yes", sa.Integer(), nullable=False),
    )
    if op.get_bind().dialect.name != "sqlite":
        return
    for name, (when, statements) in triggers().items():
        body = "".join(f"{s};\n" for s in statements)
        op.execute(f"CREATE TRIGGER {name} {when}\nBEGIN\n{body}END")
    for series, (table, where, kind, yes) in SERIES.items():  # the rows already there
        op.execute(
            f"INSERT INTO insight_tallies (owner_id, series, kind, n, yes)"
            f" SELECT t.owner_id, '{series}', {kind('t')}, COUNT(*), SUM({yes('t')})"
            f" FROM {table} AS t WHERE {where('t')} GROUP BY t.owner_id, {kind('t')}"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in triggers():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("insight_tallies")
