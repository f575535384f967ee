"""mail: the outbox, the messages read, their proposals, folders' sync marks, bounces

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 03:10:00.000000

Issue 14. `outbox` holds each message to send with its exact bytes, our Message-ID and a key
per (action, recipient), in the states queued -> sending -> sent | failed | unknown;
`mail_messages` records every message read from the mailbox or an export once (by Message-ID)
and what became of it; `mail_proposals` the status changes messages propose; `mail_folders`
each IMAP folder's UIDVALIDITY and last UID; `mail_bounces` the addresses mail bounced from.
None of them is journaled (store/schema_mail.py says why).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from followthrough.store.schema import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _owner() -> sa.Column[int]:
    return sa.Column(
        "owner_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    _outbox()
    _messages()
    _proposals()
    _marks()


def _outbox() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        _owner(),
        sa.Column("key", sa.String(400), nullable=False),
        sa.Column("message_id", sa.String(500), nullable=False),
        sa.Column("action_id", sa.Integer, sa.ForeignKey("actions.id", ondelete="SET NULL")),
        sa.Column(
            "application_id", sa.Integer, sa.ForeignKey("applications.id", ondelete="SET NULL")
        ),
        sa.Column("contact_id", sa.Integer, sa.ForeignKey("contacts.id", ondelete="SET NULL")),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("raw", sa.Text, nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", UTCDateTime),
        sa.Column("last_error", sa.Text),
        sa.Column("override", sa.Text),
        sa.Column(
            "interaction_id", sa.Integer, sa.ForeignKey("interactions.id", ondelete="SET NULL")
        ),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("sent_at", UTCDateTime),
        sa.UniqueConstraint("owner_id", "key", name="uq_outbox_owner_key"),
        sa.UniqueConstraint("owner_id", "message_id", name="uq_outbox_owner_message_id"),
    )
    op.create_index("ix_outbox_state", "outbox", ["owner_id", "state", "next_attempt_at"])


def _messages() -> None:
    op.create_table(
        "mail_messages",
        sa.Column("id", sa.Integer, primary_key=True),
        _owner(),
        sa.Column("message_id", sa.String(500), nullable=False),
        sa.Column("folder", sa.String(200), nullable=False),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("reason", sa.String(20)),
        sa.Column("via", sa.String(10)),
        sa.Column(
            "application_id", sa.Integer, sa.ForeignKey("applications.id", ondelete="SET NULL")
        ),
        sa.Column("contact_id", sa.Integer, sa.ForeignKey("contacts.id", ondelete="SET NULL")),
        sa.Column(
            "interaction_id", sa.Integer, sa.ForeignKey("interactions.id", ondelete="SET NULL")
        ),
        sa.Column("action_id", sa.Integer, sa.ForeignKey("actions.id", ondelete="SET NULL")),
        sa.Column("sender", sa.String(320), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("sent_at", UTCDateTime),
        sa.Column("seen_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("owner_id", "message_id", name="uq_mail_messages_owner_message_id"),
    )
    op.create_index("ix_mail_messages_application", "mail_messages", ["owner_id", "application_id"])


def _proposals() -> None:
    op.create_table(
        "mail_proposals",
        sa.Column("id", sa.Integer, primary_key=True),
        _owner(),
        sa.Column(
            "mail_message_id", sa.Integer,
            sa.ForeignKey("mail_messages.id", ondelete="CASCADE"), nullable=False,
        ),
        sa.Column(
            "application_id", sa.Integer, sa.ForeignKey("applications.id", ondelete="CASCADE")
        ),
        sa.Column("proposal", sa.String(30), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("decided_at", UTCDateTime),
    )  # fmt: skip
    op.create_index("ix_mail_proposals_state", "mail_proposals", ["owner_id", "state"])


def _marks() -> None:
    op.create_table(
        "mail_folders",
        sa.Column(
            "owner_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("folder", sa.String(200), primary_key=True),
        sa.Column("uidvalidity", sa.Integer, nullable=False),
        sa.Column("last_uid", sa.Integer, nullable=False),
        sa.Column("synced_at", UTCDateTime, nullable=False),
    )  # fmt: skip
    op.create_table(
        "mail_bounces",
        sa.Column(
            "owner_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("email", sa.String(320), primary_key=True),
        sa.Column("message_id", sa.String(500), nullable=False),
        sa.Column("at", UTCDateTime, nullable=False),
    )  # fmt: skip


def downgrade() -> None:
    for table in ("mail_bounces", "mail_folders", "mail_proposals", "mail_messages", "outbox"):
        op.drop_table(table)
