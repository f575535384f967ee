"""The mail tables (migration 0007): the outbox, the messages read, their proposals, the
folders' sync marks and the addresses that bounced. They are bookkeeping, not records the user
typed, so the change log does not journal them; what a message *does* to the records (an
exchange logged, an action marked done, a status accepted) is journaled like any change."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from followthrough.store.schema import UTCDateTime, _owner, metadata

#: One message to send: the exact bytes (so a retry sends the same message), our Message-ID,
#: and a key per (action, recipient) that makes queueing the same thing twice impossible.
#: state: queued -> sending -> sent | failed | unknown (a crash after handing it over).
outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("key", String(400), nullable=False),
    Column("message_id", String(500), nullable=False),
    Column("action_id", Integer, ForeignKey("actions.id", ondelete="SET NULL")),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="SET NULL")),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="SET NULL")),
    Column("recipient", String(320), nullable=False),
    Column("subject", Text, nullable=False, default=""),
    Column("raw", Text, nullable=False),
    Column("state", String(10), nullable=False, default="queued"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UTCDateTime),
    Column("last_error", Text),
    Column("override", Text),
    Column("interaction_id", Integer, ForeignKey("interactions.id", ondelete="SET NULL")),
    Column("created_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime),
    UniqueConstraint("owner_id", "key", name="uq_outbox_owner_key"),
    UniqueConstraint("owner_id", "message_id", name="uq_outbox_owner_message_id"),
    Index("ix_outbox_state", "owner_id", "state", "next_attempt_at"),
)

#: Every message read from the mailbox or an export, once (keyed by Message-ID): what became of
#: it (logged, with the exchange; or ignored, with the reason).
mail_messages = Table(
    "mail_messages",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("message_id", String(500), nullable=False),
    Column("folder", String(200), nullable=False, default=""),
    Column("direction", String(3), nullable=False),
    Column("outcome", String(10), nullable=False),
    Column("reason", String(20)),
    Column("via", String(10)),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="SET NULL")),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="SET NULL")),
    Column("interaction_id", Integer, ForeignKey("interactions.id", ondelete="SET NULL")),
    Column("action_id", Integer, ForeignKey("actions.id", ondelete="SET NULL")),
    Column("sender", String(320), nullable=False, default=""),
    Column("subject", Text, nullable=False, default=""),
    Column("sent_at", UTCDateTime),
    Column("seen_at", UTCDateTime, nullable=False),
    UniqueConstraint("owner_id", "message_id", name="uq_mail_messages_owner_message_id"),
    Index("ix_mail_messages_application", "owner_id", "application_id"),
)

#: A status change a message proposes (rejected, offer, interview, withdrawn-by-company), for
#: the user to accept or dismiss: never applied by itself.
mail_proposals = Table(
    "mail_proposals",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column(
        "mail_message_id", Integer, ForeignKey("mail_messages.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE")),
    Column("proposal", String(30), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("details", Text, nullable=False, default="{}"),
    Column("state", String(10), nullable=False, default="pending"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("decided_at", UTCDateTime),
    Index("ix_mail_proposals_state", "owner_id", "state"),
)  # fmt: skip

#: Where each folder's sync stopped: its UIDVALIDITY and the highest UID read.
mail_folders = Table(
    "mail_folders",
    metadata,
    Column("owner_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("folder", String(200), primary_key=True),
    Column("uidvalidity", Integer, nullable=False),
    Column("last_uid", Integer, nullable=False, default=0),
    Column("synced_at", UTCDateTime, nullable=False),
)

#: Addresses mail to which came back (a delivery status notification): `doctor` shows them.
mail_bounces = Table(
    "mail_bounces",
    metadata,
    Column("owner_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("email", String(320), primary_key=True),
    Column("message_id", String(500), nullable=False),
    Column("at", UTCDateTime, nullable=False),
)
