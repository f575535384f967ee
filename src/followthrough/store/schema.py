"""The tables, as SQLAlchemy Core metadata. Every row carries an owner id (server mode)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.types import TypeDecorator

UTC = dt.UTC

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An instant: stored in UTC, always returned aware (SQLite keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        """Return the instant as stored: UTC (naive on SQLite); a naive one is refused."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime reached the store; attach a zone first")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Any) -> dt.datetime | None:
        """Return a stored instant as an aware UTC datetime."""
        if value is None:
            return None
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _owner() -> Column[int]:
    return Column("owner_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False)


users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(200), nullable=False, unique=True),
    Column("password_hash", String(300)),
    Column("created_at", UTCDateTime, nullable=False),
)

settings = Table(
    "settings",
    metadata,
    Column("owner_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

contacts = Table(
    "contacts",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("name", String(300), nullable=False),
    Column("email", String(320)),
    Column("phone", String(100)),
    Column("linkedin", String(500)),
    Column("role", String(30), nullable=False, default="other"),
    Column("organisation", String(300)),
    Column("direct_contact", Boolean, nullable=False, default=False),
    Column("notes", Text, nullable=False, default=""),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_contacts_owner_email", "owner_id", "email"),
)

#: A contact's other e-mail addresses (the first is contacts.email): one contact may write from
#: several, and a merge keeps the other's address here (migration 0006).
contact_emails = Table(
    "contact_emails",
    metadata,
    Column("owner_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("email", String(320), primary_key=True),
    Column(
        "contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False,
        index=True,
    ),
)  # fmt: skip

applications = Table(
    "applications",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("company", String(300), nullable=False),
    Column("role", String(300), nullable=False),
    Column("url", String(2000)),
    Column("channel", String(20), nullable=False, default="direct"),
    Column("agency", String(300)),
    Column("recruiter_id", Integer, ForeignKey("contacts.id", ondelete="SET NULL")),
    Column("hiring_contact_id", Integer, ForeignKey("contacts.id", ondelete="SET NULL")),
    Column("status", String(20), nullable=False, default="applied"),
    Column("interest", Integer),
    Column("applied_on", Date),
    Column("notes", Text, nullable=False, default=""),
    Column("competitors", Text, nullable=False, default=""),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("salary", String(200)),  # migration 0006
    Column("location", String(300)),  # migration 0006
    Index("ix_applications_owner_status", "owner_id", "status"),
    Index("ix_applications_owner_created", "owner_id", "created_at"),
)

status_events = Table(
    "status_events",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column(
        "application_id",
        Integer,
        ForeignKey("applications.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("status", String(20), nullable=False),
    Column("at", UTCDateTime, nullable=False),
)

interviews = Table(
    "interviews",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column(
        "application_id",
        Integer,
        ForeignKey("applications.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("start_at", UTCDateTime, nullable=False),
    Column("end_at", UTCDateTime, nullable=False),
    Column("tz", String(64), nullable=False),
    Column("format", String(20), nullable=False, default="in-person"),
    Column("round", Integer, nullable=False, default=1),
    Column("decision_date", Date),
    Column("follow_up_contact_id", Integer, ForeignKey("contacts.id", ondelete="SET NULL")),
    Column("follow_up_how", Text, nullable=False, default=""),
    Column("promises", Text, nullable=False, default="[]"),
    Column("next_steps", Text, nullable=False, default=""),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_interviews_owner_start", "owner_id", "start_at"),
)

interviewers = Table(
    "interviewers",
    metadata,
    Column(
        "interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    _owner(),
    Column("position", Integer, nullable=False, default=0),
)

debriefs = Table(
    "debriefs",
    metadata,
    Column(
        "interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True
    ),
    _owner(),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("data", Text, nullable=False),
    Column("verdict", String(20)),
)

#: Derived: the weak-question items of each debrief's JSON, one row each, kept by triggers on
#: `debriefs` (SQLite; migration 0004). Never written by the store, never backed up.
debrief_items = Table(
    "debrief_items",
    metadata,
    Column(
        "interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("field", String(30), primary_key=True),
    Column("position", Integer, primary_key=True),
    _owner(),
    Column("text", Text, nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    Index(
        "ix_debrief_items_owner",
        "owner_id", "interview_id", "field", "position", "text", "recorded_at",
    ),  # fmt: skip
)

#: Derived: running counts of the insights' follow-up and reply figures, kept by triggers on
#: `actions` and `interactions` (SQLite; migration 0005, store/tallies.py). Never written by
#: the store, never backed up.
insight_tallies = Table(
    "insight_tallies",
    metadata,
    Column("owner_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("series", String(20), primary_key=True),
    Column("kind", String(40), primary_key=True),
    Column("n", Integer, nullable=False),
    Column("yes", Integer, nullable=False),
)

referees = Table(
    "referees",
    metadata,
    Column(
        "application_id",
        Integer,
        ForeignKey("applications.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    _owner(),
)

#: The rows of ix_actions_imported: actions skipped as history when imported (IMPORTED_PAST).
_IMPORTED = text("status = 'skipped' AND reason = 'already past when imported'")

actions = Table(
    "actions",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("key", String(200), nullable=False),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE")),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="SET NULL")),
    Column("kind", String(40), nullable=False),
    Column("title", String(500), nullable=False),
    Column("status", String(20), nullable=False, default="pending"),
    Column("due_at", UTCDateTime, nullable=False),
    Column("deadline_at", UTCDateTime),
    Column("planned_due_at", UTCDateTime, nullable=False),
    Column("done_at", UTCDateTime),
    Column("recipient_contact_id", Integer, ForeignKey("contacts.id", ondelete="SET NULL")),
    Column("recipient_name", String(300)),
    Column("recipient_email", String(320)),
    Column("via_contact_id", Integer, ForeignKey("contacts.id", ondelete="SET NULL")),
    Column("via_name", String(300)),
    Column("channel", String(20), nullable=False, default="none"),
    Column("rule", String(100), nullable=False),
    Column("sources", String(300), nullable=False),
    Column("why", Text, nullable=False, default=""),
    Column("reason", Text),
    Column("talking_points", Text, nullable=False, default="[]"),
    Column("chases", Boolean, nullable=False, default=False),
    Column("edited", Boolean, nullable=False, default=False),
    Column("draft_subject", Text),
    Column("draft_body", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # kept by migration 0002's triggers on SQLite (store/insights_replies.py), never written here
    Column("reply_at", UTCDateTime),
    Column("logged_at", UTCDateTime),
    UniqueConstraint("owner_id", "key", name="uq_actions_owner_key"),
    Index("ix_actions_agenda", "owner_id", "status", "due_at"),
    Index("ix_actions_kind", "owner_id", "kind", "planned_due_at"),
    Index("ix_actions_application", "application_id"),
    # the insights' aggregates (store/insights.py), read from the index alone
    Index(
        "ix_actions_insights", "owner_id", "status", "kind", "done_at", "application_id",
        "planned_due_at", "deadline_at", "reply_at", "logged_at",
    ),
    Index(
        "ix_actions_imported", "owner_id", "status", "reason", "kind", "application_id",
        sqlite_where=_IMPORTED, postgresql_where=_IMPORTED,
    ),
)  # fmt: skip

interactions = Table(
    "interactions",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE")),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="SET NULL")),
    Column("at", UTCDateTime, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("summary", Text, nullable=False, default=""),
    Column("action_id", Integer, ForeignKey("actions.id", ondelete="SET NULL")),
    Column("action_kind", String(40)),
    Column("message_id", String(500)),
    Column("follow_up", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False),
    # kept by migration 0002's triggers on SQLite (store/insights_replies.py), never written here
    Column("reply_at", UTCDateTime),
    Index("ix_interactions_application", "application_id", "at"),
    Index(
        "ix_interactions_insights", "owner_id", "action_kind", "at", "kind", "application_id",
        "reply_at",
    ),
)  # fmt: skip

guard_overrides = Table(
    "guard_overrides",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE")),
    Column("interaction_id", Integer, ForeignKey("interactions.id", ondelete="CASCADE")),
    Column("guard", String(40), nullable=False),
    Column("message", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", UTCDateTime, nullable=False),
)


#: The words a user taught the checker (`words add`): never spelling mistakes (migration 0006).
user_words = Table(
    "user_words",
    metadata,
    Column("owner_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("word", String(100), primary_key=True),
)

#: The change log (migration 0006, store/journal.py): one event per write transaction that
#: changed a record, with what the change was (kind, summary), when, through which interface,
#: and, in `event_rows`, every row it inserted, updated or deleted (before and after, as JSON),
#: written by triggers on SQLite while `journal_cursor` names the event.
events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("at", UTCDateTime, nullable=False),
    Column("interface", String(10), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("summary", Text, nullable=False, default=""),
    Column("application_id", Integer),  # no foreign key: the history outlives a deletion
    Column("undoable", Boolean, nullable=False, default=True),
    Column("undoes", Integer),
    Column("undone_by", Integer),
    Index("ix_events_owner", "owner_id", "id"),
    Index("ix_events_application", "owner_id", "application_id", "id"),
)

event_rows = Table(
    "event_rows",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False,
        index=True,
    ),
    Column("tbl", String(40), nullable=False),
    Column("op", String(10), nullable=False),
    Column("old", Text),
    Column("new", Text),
)  # fmt: skip

#: One row (id 1): the event the journal triggers write to, set and cleared inside each write
#: transaction (so no other connection ever sees it set).
journal_cursor = Table(
    "journal_cursor",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer),
)

from followthrough.store import schema_mail as schema_mail  # noqa: E402  (the mail tables, on this metadata)
