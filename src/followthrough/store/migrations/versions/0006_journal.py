"""journal: every change recorded (history, undo); more of what a user writes down

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 21:30:00.000000

Records could not be corrected, nor a change taken back. This revision adds the change log:
`events` (one per write transaction that changed a record: what, when, through which
interface, whether it can be undone and what undid it) and `event_rows` (each row the change
inserted, updated or deleted, before and after, as JSON). On SQLite, triggers on every record
table write `event_rows` while the one-row `journal_cursor` names the transaction's event, so
no write path can forget them (store/journal.py). The journaled columns are written out below
as they were when this ran (a test holds them equal to store/journal.py): a new column of a
journaled table needs a migration that redefines its triggers.

It also adds what a user could say but not store: an application's salary and location, a
contact's other e-mail addresses (`contact_emails`), and the words the checker must accept
(`user_words`).
"""

# ruff: noqa: S608  (every statement here is built from this file's constants, nothing else)
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from followthrough.store.schema import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

JOURNALED = {
    "settings": ("owner_id", "key", "value"),
    "user_words": ("owner_id", "word"),
    "contacts": ("id", "owner_id", "name", "email", "phone", "linkedin", "role", "organisation",
                 "direct_contact", "notes", "created_at"),
    "contact_emails": ("owner_id", "email", "contact_id"),
    "applications": ("id", "owner_id", "company", "role", "url", "channel", "agency",
                     "recruiter_id", "hiring_contact_id", "status", "interest", "applied_on",
                     "notes", "competitors", "created_at", "updated_at", "salary", "location"),
    "status_events": ("id", "owner_id", "application_id", "status", "at"),
    "interviews": ("id", "owner_id", "application_id", "start_at", "end_at", "tz", "format",
                   "round", "decision_date", "follow_up_contact_id", "follow_up_how",
                   "promises", "next_steps", "created_at"),
    "interviewers": ("interview_id", "contact_id", "owner_id", "position"),
    "debriefs": ("interview_id", "owner_id", "recorded_at", "data", "verdict"),
    "referees": ("application_id", "contact_id", "owner_id"),
    "actions": ("id", "owner_id", "key", "application_id", "interview_id", "kind", "title",
                "status", "due_at", "deadline_at", "planned_due_at", "done_at",
                "recipient_contact_id", "recipient_name", "recipient_email", "via_contact_id",
                "via_name", "channel", "rule", "sources", "why", "reason", "talking_points",
                "chases", "edited", "draft_subject", "draft_body", "created_at", "updated_at"),
    "interactions": ("id", "owner_id", "application_id", "contact_id", "at", "kind", "summary",
                     "action_id", "action_kind", "message_id", "follow_up", "created_at"),
    "guard_overrides": ("id", "owner_id", "application_id", "interaction_id", "guard",
                        "message", "reason", "at"),
}  # fmt: skip
_CURSOR = "(SELECT event_id FROM journal_cursor WHERE id = 1)"


def triggers() -> dict[str, str]:
    """The CREATE TRIGGER statements, by name, that journal JOURNALED's columns."""
    found = {}
    for table, cols in JOURNALED.items():
        def image(row: str, cols: tuple[str, ...] = cols) -> str:
            return "json_object(" + ", ".join(f"'{c}', {row}.{c}" for c in cols) + ")"

        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in cols)
        for kind, when, old, new in (
            ("insert", "", "NULL", image("NEW")),
            ("update", f" AND ({changed})", image("OLD"), image("NEW")),
            ("delete", "", image("OLD"), "NULL"),
        ):
            found[f"ft_journal_{table}_{kind}"] = (
                f"CREATE TRIGGER ft_journal_{table}_{kind} AFTER {kind.upper()} ON {table}"
                f" WHEN {_CURSOR} IS NOT NULL{when}\nBEGIN\n"
                f"INSERT INTO event_rows (event_id, tbl, op, old, new)"
                f" VALUES ({_CURSOR}, '{table}', '{kind}', {old}, {new});\nEND"
            )
    return found


def _owner() -> sa.Column[int]:
    return sa.Column(
        "owner_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.add_column("applications", sa.Column("salary", sa.String(200)))
    op.add_column("applications", sa.Column("location", sa.String(300)))
    op.create_table(
        "contact_emails",
        sa.Column("owner_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("email", sa.String(320), primary_key=True),
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contacts.id", ondelete="CASCADE"),
                  nullable=False),
    )  # fmt: skip
    op.create_index("ix_contact_emails_contact_id", "contact_emails", ["contact_id"])
    op.create_table(
        "user_words",
        sa.Column("owner_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("word", sa.String(100), primary_key=True),
    )  # fmt: skip
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("interface", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("application_id", sa.Integer()),
        sa.Column("undoable", sa.Boolean(), nullable=False),
        sa.Column("undoes", sa.Integer()),
        sa.Column("undone_by", sa.Integer()),
    )
    op.create_index("ix_events_owner", "events", ["owner_id", "id"])
    op.create_index("ix_events_application", "events", ["owner_id", "application_id", "id"])
    op.create_table(
        "event_rows",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("tbl", sa.String(40), nullable=False),
        sa.Column("op", sa.String(10), nullable=False),
        sa.Column("old", sa.Text()),
        sa.Column("new", sa.Text()),
    )  # fmt: skip
    op.create_index("ix_event_rows_event_id", "event_rows", ["event_id"])
    op.create_table(
        "journal_cursor",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer()),
    )
    op.execute("INSERT INTO journal_cursor (id, event_id) VALUES (1, NULL)")
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in triggers().values():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in triggers():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in ("journal_cursor", "event_rows", "events", "user_words", "contact_emails"):
        op.drop_table(table)
    with op.batch_alter_table("applications") as batch:
        batch.drop_column("location")
        batch.drop_column("salary")
