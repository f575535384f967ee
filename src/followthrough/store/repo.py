"""The Repo facade: the data of one owner in one database, one module per aggregate behind it.

Every method hands the work to an aggregate module (contacts.py, applications.py, ...) with
the `Owner` this Repo is bound to; those build their statements only through scope.Owner, so
every query is scoped by the owner in one place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, Table

from followthrough.domain.model import (
    ApplicationFacts,
    PlannedAction,
)
from followthrough.domain.reconcile import Changes
from followthrough.store import actions as actions_
from followthrough.store import applications as applications_
from followthrough.store import bulk, db, edits, facts, journal, planning
from followthrough.store import contacts as contacts_
from followthrough.store import exchanges as exchanges_
from followthrough.store import interviews as interviews_
from followthrough.store import settings as settings_
from followthrough.store.mail import MailMethods
from followthrough.store.read.links import RECRUITER_LINK, RecruiterLinks, record_recruiter
from followthrough.store.reader import Reader
from followthrough.store.rows import debrief_from_row, planned_values
from followthrough.store.scope import Owner, Row

__all__ = [
    "RECRUITER_LINK",
    "RecruiterLinks",
    "Repo",
    "Row",
    "debrief_from_row",
    "planned_values",
    "record_recruiter",
]


@contextlib.contextmanager
def _bulk(conn: Connection) -> Iterator[None]:
    event = conn.info.get("event")
    before = journal.start_bulk(conn, event)
    yield
    journal.bulk_created(conn, event, before)


class Repo(Reader, MailMethods):
    """The data of one owner in one database: the reads of `Reader`, and the writes."""

    def __init__(self, engine: Engine, owner_id: int) -> None:
        super().__init__(owner_id)
        self.engine = engine
        self.scope = Owner(owner_id)

    # ------------------------------------------------------------ transactions

    @contextlib.contextmanager
    def write(
        self, at: dt.datetime | None = None, interface: str = "system"
    ) -> Iterator[Connection]:
        """Yield a connection in one write transaction; with `at`, every row it changes is
        journaled as one event of `interface` at `at` (store/journal.py; its id is in
        `conn.info["event"]` for `describe`)."""
        with db.writing(self.engine) as conn, self._journaled(conn, at, interface):
            yield conn

    def bulk_load(self, conn: Connection) -> contextlib.AbstractContextManager[None]:
        """Journal the rows written inside as what they created (id ranges), not row by row
        (store/journal.py start_bulk): for an import of thousands of rows."""
        return _bulk(conn)

    @contextlib.contextmanager
    def _journaled(
        self, conn: Connection, at: dt.datetime | None, interface: str
    ) -> Iterator[None]:
        event = journal.open_event(conn, self.owner, at, interface) if at else None
        conn.info["event"] = event
        try:
            yield
            journal.close_event(conn, event)
        finally:
            conn.info.pop("event", None)

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """Yield a connection inside one read transaction (one snapshot)."""
        with db.busy_as_error(), self.engine.connect() as conn, conn.begin():
            yield conn

    def writer(self) -> Repo:
        """Return the store that writes: this one."""
        return self

    @contextlib.contextmanager
    def connection(self) -> Iterator[Connection]:
        """Yield one connection for several transactions (`reading_on`, `writing_on`)."""
        with db.busy_as_error(), self.engine.connect() as conn:
            yield conn

    @contextlib.contextmanager
    def reading_on(self, conn: Connection) -> Iterator[Connection]:
        """Yield `conn` inside one read transaction (one snapshot)."""
        conn.execution_options(write=False)
        with conn.begin():
            yield conn

    @contextlib.contextmanager
    def writing_on(
        self, conn: Connection, at: dt.datetime | None = None, interface: str = "system"
    ) -> Iterator[Connection]:
        """Yield `conn` inside one write transaction (BEGIN IMMEDIATE, bounded wait),
        journaled as `write` is."""
        conn.execution_options(write=True)
        with db.busy_as_error(), db.begin_write(conn), self._journaled(conn, at, interface):
            yield conn

    def insert_many(
        self, conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]
    ) -> list[int]:
        """Insert rows of `table` for this owner in one batch; return their ids in order (an
        empty list for tables without an id column). Every row has the same keys."""
        return bulk.insert_many(self.scope, conn, table, rows)

    # ------------------------------------------------------------ settings

    def save_settings(self, conn: Connection, values: Mapping[str, str]) -> None:
        """Store (insert or replace) settings; return nothing."""
        settings_.save_settings(self.scope, conn, values)

    def forget_setting(self, conn: Connection, key: str) -> None:
        """Remove a stored setting (if any); return nothing."""
        settings_.forget_setting(self.scope, conn, key)

    # ------------------------------------------------------------ contacts

    def add_contact(self, conn: Connection, now: dt.datetime, **values: Any) -> int:
        """Insert a contact; return its id."""
        return contacts_.add_contact(self.scope, conn, now, **values)

    def update_contact(self, conn: Connection, contact_id: int, **values: Any) -> None:
        """Change some fields of a contact; return nothing."""
        contacts_.update_contact(self.scope, conn, contact_id, **values)

    # ------------------------------------------------------------ applications

    def add_application(self, conn: Connection, now: dt.datetime, **values: Any) -> int:
        """Insert an application and its first status event; return its id."""
        return applications_.add_application(self.scope, conn, now, **values)

    def add_status_event(self, conn: Connection, app_id: int, status: str, at: dt.datetime) -> None:
        """Record that application `app_id` reached `status` at `at`; return nothing."""
        applications_.add_status_event(self.scope, conn, app_id, status, at)

    def update_application(self, conn: Connection, app_id: int, **values: Any) -> None:
        """Change some fields of an application; return nothing."""
        applications_.update_application(self.scope, conn, app_id, **values)

    def add_referee(self, conn: Connection, app_id: int, contact_id: int) -> None:
        """Attach a referee to an application (idempotent); return nothing."""
        applications_.add_referee(self.scope, conn, app_id, contact_id)

    # ------------------------------------------------------------ interviews and debriefs

    def add_interview(
        self, conn: Connection, now: dt.datetime, panel: Sequence[int], **values: Any
    ) -> int:
        """Insert an interview with its panel; return its id."""
        return interviews_.add_interview(self.scope, conn, now, panel, **values)

    def set_panel(self, conn: Connection, interview_id: int, panel: Sequence[int]) -> None:
        """Replace the interviewers of an interview; return nothing."""
        interviews_.set_panel(self.scope, conn, interview_id, panel)

    def update_interview(self, conn: Connection, interview_id: int, **values: Any) -> None:
        """Change some fields of an interview; return nothing."""
        interviews_.update_interview(self.scope, conn, interview_id, **values)

    def save_debrief(
        self,
        conn: Connection,
        interview_id: int,
        data: dict[str, Any],
        verdict: str | None,
        at: dt.datetime,
    ) -> None:
        """Store (insert or replace) the debrief of an interview; return nothing."""
        interviews_.save_debrief(self.scope, conn, interview_id, data, verdict, at)

    # ------------------------------------------------------------ exchanges

    def add_interaction(self, conn: Connection, now: dt.datetime, **values: Any) -> int:
        """Insert an interaction; return its id."""
        return exchanges_.add_interaction(self.scope, conn, now, **values)

    def delete_logged_by(self, conn: Connection, action_id: int) -> None:
        """Delete the exchanges that marking action `action_id` done logged; return nothing."""
        exchanges_.delete_logged_by(self.scope, conn, action_id)

    def add_override(self, conn: Connection, at: dt.datetime, **values: Any) -> None:
        """Record that the user overrode a guard, and why; return nothing."""
        exchanges_.add_override(self.scope, conn, at, **values)

    # ------------------------------------------------------------ actions

    def finish_by_key(self, conn: Connection, key: str, now: dt.datetime) -> None:
        """Mark the pending or snoozed action with `key` done; return nothing."""
        actions_.finish_by_key(self.scope, conn, key, now)

    def set_action(self, conn: Connection, action_id: int, **values: Any) -> None:
        """Change some fields of an action; return nothing."""
        actions_.set_action(self.scope, conn, action_id, **values)

    def insert_action(self, conn: Connection, a: PlannedAction, now: dt.datetime) -> int:
        """Insert one planned action (user-wide nudges); return its id."""
        return actions_.insert_action(self.scope, conn, a, now)

    def apply(self, conn: Connection, changes: Changes, now: dt.datetime) -> None:
        """Write a reconciliation: inserts, updates, revivals and cancellations; return nothing."""
        actions_.apply(self.scope, conn, changes, now)

    def write_plans(self, conn: Connection, changes: Sequence[Changes], now: dt.datetime) -> int:
        """Write many reconciliations as `apply` would one after another, in a few batched
        statements; return how many rows they touch."""
        return actions_.write_plans(self.scope, conn, changes, now)

    # ------------------------------------------------------------ corrections (store/edits.py)

    def delete_application(self, conn: Connection, app_id: int) -> None:
        """Delete an application with everything that belongs to it; return nothing."""
        edits.delete_application(self.scope, conn, app_id)

    def delete_interview(self, conn: Connection, interview_id: int) -> None:
        """Delete an interview with its panel, debrief and actions; return nothing."""
        edits.delete_interview(self.scope, conn, interview_id)

    def delete_contact(self, conn: Connection, contact_id: int) -> None:
        """Delete a contact; return nothing."""
        edits.delete_contact(self.scope, conn, contact_id)

    def merge_contacts(self, conn: Connection, keep: int, other: int) -> None:
        """Move every link to contact `other` onto `keep`, then delete `other`."""
        edits.merge_contacts(self.scope, conn, keep, other)

    def merge_applications(
        self, conn: Connection, keep: int, other: int, finals: dict[str, str]
    ) -> None:
        """Move what belongs to application `other` onto `keep`, then delete `other`."""
        edits.merge_applications(self.scope, conn, keep, other, finals)

    def update_interaction(self, conn: Connection, exchange_id: int, **values: Any) -> None:
        """Change some fields of an exchange; return nothing."""
        edits.update_interaction(self.scope, conn, exchange_id, **values)

    def delete_interaction(self, conn: Connection, exchange_id: int) -> None:
        """Delete an exchange; return nothing."""
        edits.delete_interaction(self.scope, conn, exchange_id)

    def add_contact_email(self, conn: Connection, contact_id: int, email: str) -> None:
        """Give a contact another address; return nothing."""
        edits.add_contact_email(self.scope, conn, contact_id, email)

    def move_contact_emails(self, conn: Connection, source: int, target: int) -> None:
        """Give contact `target` every other address of `source`; return nothing."""
        edits.move_contact_emails(self.scope, conn, source, target)

    def remove_contact_email(self, conn: Connection, email: str) -> None:
        """Remove one of a contact's other addresses; return nothing."""
        edits.remove_contact_email(self.scope, conn, email)

    def add_words(self, conn: Connection, words: list[str]) -> list[str]:
        """Add words to the user's own; return the new ones."""
        return edits.add_words(self.scope, conn, words)

    def remove_words(self, conn: Connection, words: list[str]) -> list[str]:
        """Remove words from the user's own; return those that were there."""
        return edits.remove_words(self.scope, conn, words)

    # ------------------------------------------------------------ the planner's facts

    def facts_many(self, conn: Connection, app_ids: Sequence[int]) -> list[ApplicationFacts]:
        """Return what `facts` returns for each of these applications, in a fixed number of
        queries (for re-planning: see facts.facts_many)."""
        return facts.facts_many(self.scope, conn, app_ids)

    def all_facts(self, conn: Connection) -> list[ApplicationFacts]:
        """Return the facts of every application in a few queries (for insights)."""
        return facts.all_facts(self.scope, conn)

    def unsettled_application_ids(self, conn: Connection) -> list[int]:
        """Return the ids of the applications a change of dates may re-plan."""
        return planning.unsettled_application_ids(self.scope, conn)
