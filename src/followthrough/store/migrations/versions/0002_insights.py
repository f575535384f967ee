"""insights: covering indexes for the aggregates, and each send's first reply kept at write time

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06 16:30:00.000000

The insights are counted by SQL aggregates (store/insights.py). Three indexes let them read
index entries only: the actions by status, kind and time done (`ix_actions_insights`: verdicts,
done sends, actions done per week), the exchanges by the kind they carry and time
(`ix_interactions_insights`: logged sends, exchanges out per week), and the rare actions skipped
as imported history (`ix_actions_imported`, partial).

A reply rate needs, for each send, the first inbound message after it; as an aggregate that is
one probe per send (about 0.25 s at 10 000 applications, above the whole budget of the
command). So each send keeps it, as the store writes, on SQLite by triggers (no write path can
forget them): `reply_at`, the first e-mail or message in on the same application within
REPLY_WINDOW after the send (interactions: an exchange out carrying an `action_kind`; actions:
a done action, from its `done_at`), and, on a done action, `logged_at`, the earliest exchange
out of its kind on its application within SAME_SEND of `done_at` (the same send, logged). Both
are instants, so the reader still applies `now`: replied when `reply_at <= now`, a separate send
unless `logged_at <= now`. Other databases keep the columns empty and the reader asks per send.

The windows below are domain/insights/replies.py's REPLY_WINDOW and SAME_SEND and
domain/model.py's INBOUND, written out as they were when this ran (a test holds them equal):
changing one of them needs a migration that redefines the triggers and refills the columns.
"""

# ruff: noqa: S608  (every statement here is built from this file's constants, nothing else)
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from followthrough.store.schema import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: REPLY_WINDOW, SAME_SEND (seconds) and the inbound kinds, as of this revision.
REPLY_WINDOW_DAYS = 14
SAME_SEND_SECONDS = 60
INBOUND = "('email-in', 'message-in')"
IMPORTED_PAST = "already past when imported"


def _days(column: str, days: int) -> str:
    """SQLite: the instant `days` days after `column` (naive UTC text), exact."""
    return f"(date(substr({column}, 1, 10), '{days:+d} days') || substr({column}, 11))"


def _seconds(column: str, seconds: int) -> str:
    """SQLite: the instant `seconds` after `column` (naive UTC text), exact."""
    return (f"(strftime('%Y-%m-%d %H:%M:%S', substr({column}, 1, 19), '{seconds:+d} seconds')"
            f" || substr({column}, 20))")  # fmt: skip


def _reply(sent: str, app: str) -> str:
    """The first inbound exchange on `app` after `sent`, within the reply window."""
    return (f"(SELECT MIN(r.at) FROM interactions r WHERE r.application_id = {app}"
            f" AND r.kind IN {INBOUND} AND r.at > {sent}"
            f" AND r.at <= {_days(sent, REPLY_WINDOW_DAYS)})")  # fmt: skip


def _logged(done: str, app: str, kind: str) -> str:
    """The earliest exchange out of `kind` on `app` within SAME_SEND of `done`."""
    return (f"(SELECT MIN(l.at) FROM interactions l WHERE l.application_id = {app}"
            f" AND l.kind NOT IN {INBOUND} AND l.action_kind = {kind}"
            f" AND l.at >= {_seconds(done, -SAME_SEND_SECONDS)}"
            f" AND l.at <= {_seconds(done, SAME_SEND_SECONDS)})")  # fmt: skip


def _refresh(app: str) -> list[str]:
    """Statements recomputing every send of application `app`."""
    return [
        f"UPDATE interactions SET reply_at = {_reply('interactions.at', app)}"
        f" WHERE application_id = {app} AND kind NOT IN {INBOUND} AND action_kind IS NOT NULL",
        f"UPDATE actions SET reply_at = {_reply('actions.done_at', app)},"
        f" logged_at = {_logged('actions.done_at', app, 'actions.kind')}"
        f" WHERE application_id = {app} AND status = 'done' AND done_at IS NOT NULL",
    ]


def _own_action(row: str) -> str:
    return (f"UPDATE actions SET reply_at = {_reply(f'{row}.done_at', f'{row}.application_id')},"
            f" logged_at = {_logged(f'{row}.done_at', f'{row}.application_id', f'{row}.kind')}"
            f" WHERE id = {row}.id")  # fmt: skip


#: A message in: the first reply of the sends of the window before it that had none as early.
_REPLY_ADDED = [
    f"UPDATE interactions SET reply_at = NEW.at WHERE application_id = NEW.application_id"
    f" AND kind NOT IN {INBOUND} AND action_kind IS NOT NULL AND at < NEW.at"
    f" AND at >= {_days('NEW.at', -REPLY_WINDOW_DAYS)} AND (reply_at IS NULL OR reply_at > NEW.at)",
    f"UPDATE actions SET reply_at = NEW.at WHERE application_id = NEW.application_id"
    f" AND status = 'done' AND done_at < NEW.at"
    f" AND done_at >= {_days('NEW.at', -REPLY_WINDOW_DAYS)}"
    f" AND (reply_at IS NULL OR reply_at > NEW.at)",
]
#: A send logged: its own first reply, and the logged twin of done actions of its kind.
_SEND_ADDED = [
    f"UPDATE interactions SET reply_at = {_reply('NEW.at', 'NEW.application_id')}"
    f" WHERE id = NEW.id",
    f"UPDATE actions SET logged_at = NEW.at WHERE application_id = NEW.application_id"
    f" AND status = 'done' AND kind = NEW.action_kind"
    f" AND done_at >= {_seconds('NEW.at', -SAME_SEND_SECONDS)}"
    f" AND done_at <= {_seconds('NEW.at', SAME_SEND_SECONDS)}"
    f" AND (logged_at IS NULL OR logged_at > NEW.at)",
]
_DONE = "NEW.status = 'done' AND NEW.application_id IS NOT NULL AND NEW.done_at IS NOT NULL"
_CHANGED = " OR ".join(
    f"OLD.{c} IS NOT NEW.{c}" for c in ("status", "done_at", "kind", "application_id")
)
TRIGGERS = {
    "ft_insights_reply_added": (
        f"AFTER INSERT ON interactions"
        f" WHEN NEW.application_id IS NOT NULL AND NEW.kind IN {INBOUND}",
        _REPLY_ADDED,
    ),
    "ft_insights_send_added": (
        f"AFTER INSERT ON interactions WHEN NEW.application_id IS NOT NULL"
        f" AND NEW.kind NOT IN {INBOUND} AND NEW.action_kind IS NOT NULL",
        _SEND_ADDED,
    ),
    "ft_insights_interaction_removed": (
        "AFTER DELETE ON interactions WHEN OLD.application_id IS NOT NULL",
        _refresh("OLD.application_id"),
    ),
    "ft_insights_interaction_changed": (
        "AFTER UPDATE OF application_id, at, kind, action_kind ON interactions",
        _refresh("OLD.application_id") + _refresh("NEW.application_id"),
    ),
    "ft_insights_action_added": (f"AFTER INSERT ON actions WHEN {_DONE}", [_own_action("NEW")]),
    "ft_insights_action_changed": (
        f"AFTER UPDATE OF status, done_at, kind, application_id ON actions"
        f" WHEN {_DONE} AND ({_CHANGED})",
        [_own_action("NEW")],
    ),
}


def upgrade() -> None:
    op.add_column("interactions", sa.Column("reply_at", UTCDateTime(), nullable=True))
    op.add_column("actions", sa.Column("reply_at", UTCDateTime(), nullable=True))
    op.add_column("actions", sa.Column("logged_at", UTCDateTime(), nullable=True))
    op.create_index(
        "ix_actions_insights",
        "actions",
        ["owner_id", "status", "kind", "done_at", "application_id", "planned_due_at",
         "deadline_at", "reply_at", "logged_at"],
    )  # fmt: skip
    op.create_index(
        "ix_interactions_insights",
        "interactions",
        ["owner_id", "action_kind", "at", "kind", "application_id", "reply_at"],
    )
    imported = sa.text(f"status = 'skipped' AND reason = '{IMPORTED_PAST}'")
    op.create_index(  # its condition's columns lead, or SQLite prefers ix_actions_insights
        "ix_actions_imported",
        "actions",
        ["owner_id", "status", "reason", "kind", "application_id"],
        sqlite_where=imported,
        postgresql_where=imported,
    )
    if op.get_bind().dialect.name != "sqlite":
        return
    for name, (when, statements) in TRIGGERS.items():
        body = "".join(f"{s};\n" for s in statements)
        op.execute(f"CREATE TRIGGER {name} {when}\nBEGIN\n{body}END")
    # fill both columns for the rows already there
    first_reply = _reply("interactions.at", "interactions.application_id")
    op.execute(
        f"UPDATE interactions SET reply_at = {first_reply}"
        f" WHERE application_id IS NOT NULL AND kind NOT IN {INBOUND} AND action_kind IS NOT NULL"
    )
    op.execute(
        f"UPDATE actions SET"
        f" reply_at = {_reply('actions.done_at', 'actions.application_id')},"
        f" logged_at = {_logged('actions.done_at', 'actions.application_id', 'actions.kind')}"
        f" WHERE application_id IS NOT NULL AND status = 'done' AND done_at IS NOT NULL"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_actions_imported", table_name="actions")
    op.drop_index("ix_interactions_insights", table_name="interactions")
    op.drop_index("ix_actions_insights", table_name="actions")
    with op.batch_alter_table("actions") as batch_op:
        batch_op.drop_column("logged_at")
        batch_op.drop_column("reply_at")
    with op.batch_alter_table("interactions") as batch_op:
        batch_op.drop_column("reply_at")
