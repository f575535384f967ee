"""`Reader`: the reads of one owner's data, plain SQL on the driver's connection (stdlib only).

The `Repo` (repo.py) is a `Reader` that also writes, through SQLAlchemy. A command that only
reads the local SQLite file holds a `FileReader`: its reads open a plain sqlite3 connection,
and only its first write imports SQLAlchemy and opens the `Repo` (migrations and all). See
store/sql.py and docs/decisions.md ("The read path").
"""

from __future__ import annotations

import contextlib
import os
import sqlite3

from followthrough.store.agenda_sql import HEAD
from followthrough.store.sql import BUSY_TIMEOUT_MS, busy_error, is_busy, rows

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterator, Sequence
    from typing import Any

    from followthrough.domain.model import (
        ActionRecord,
        Application,
        ApplicationFacts,
        Contact,
        Debrief,
        Interaction,
        Interview,
    )
    from followthrough.store.read.links import RecruiterLinks
    from followthrough.store.repo import Repo

#: The user of the laptop (the one account of a local database).
LOCAL_USER = "local"


class Reader:
    """The reads of one owner in one database; `conn` is a DB-API or SQLAlchemy connection."""

    def __init__(self, owner_id: int) -> None:
        self.owner = owner_id

    def read(self) -> contextlib.AbstractContextManager[Any]:
        """Return a context yielding a connection inside one read transaction."""
        raise NotImplementedError

    def writer(self) -> Repo:
        """Return the store that writes (the Repo; opened on first use by a FileReader)."""
        raise NotImplementedError

    def settings(self, conn: Any) -> dict[str, str]:
        """Return the owner's stored settings."""
        query = "SELECT key, value FROM settings WHERE owner_id = :owner"
        return dict(rows(conn, query, {"owner": self.owner}))

    def contact(self, conn: Any, contact_id: int) -> Contact:
        """Return contact `contact_id` or raise NotFoundError."""
        from followthrough.store.read import records

        return records.contact(conn, self.owner, contact_id)

    def contact_by_email(self, conn: Any, email: str) -> Contact | None:
        """Return the contact with this e-mail address (case-insensitive), if any."""
        from followthrough.store.read import records

        return records.contact_where(conn, self.owner, "email", email)

    def words(self, conn: Any) -> list[str]:
        """Return the words the user taught the checker, sorted."""
        return [r[0] for r in rows(
            conn, "SELECT word FROM user_words WHERE owner_id = :owner ORDER BY word",
            {"owner": self.owner})]  # fmt: skip

    def contact_uses(self, conn: Any, contact_id: int) -> dict[str, list[int]]:
        """Return the interviews and applications a contact appears in."""
        from followthrough.store.read import records

        return records.contact_uses(conn, self.owner, contact_id)

    def contact_by_name(self, conn: Any, name: str) -> Contact | None:
        """Return the first contact with exactly this name (case-insensitive), if any."""
        from followthrough.store.read import records

        return records.contact_where(conn, self.owner, "name", name)

    def contacts(
        self, conn: Any, role: str | None = None, limit: int | None = None
    ) -> list[Contact]:
        """Return the owner's contacts (of one role), by name (at most `limit`)."""
        from followthrough.store.read import records

        return records.contacts(conn, self.owner, role, limit)

    def count_contacts(self, conn: Any, role: str | None = None) -> int:
        """Return how many contacts the owner has (of one role)."""
        from followthrough.store.read import records

        return records.count_contacts(conn, self.owner, role)

    def contacts_by_id(self, conn: Any, ids: Sequence[int]) -> dict[int, Contact]:
        """Return the owner's contacts with these ids."""
        from followthrough.store.read import records

        return records.contacts_by_id(conn, self.owner, ids)

    def contact_keys(self, conn: Any) -> tuple[dict[str, int], dict[str, int]]:
        """Return the owner's contact ids by lower-case e-mail and by lower-case name."""
        from followthrough.store.read import records

        return records.contact_keys(conn, self.owner)

    def application(self, conn: Any, app_id: int) -> Application:
        """Return application `app_id` or raise NotFoundError."""
        from followthrough.store.read import records

        return records.application(conn, self.owner, app_id)

    def applications(
        self,
        conn: Any,
        status: str | None = None,
        *,
        statuses: Sequence[str] = (),
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Application]:
        """Return the owner's applications (of `status` or `statuses`, else all), newest
        first, at most `limit` of them after `offset`."""
        from followthrough.store.read import records

        wanted = (status,) if status else tuple(statuses)
        return records.applications(conn, self.owner, wanted, limit, offset)

    def status_counts(self, conn: Any) -> dict[str, int]:
        """Return how many applications the owner has in each status (none: left out)."""
        from followthrough.store.read import records

        return records.status_counts(conn, self.owner)

    def application_ids(self, conn: Any) -> list[int]:
        """Return the ids of all the owner's applications."""
        from followthrough.store.read import records

        return records.application_ids(conn, self.owner)

    def referee_ids(self, conn: Any, app_id: int) -> list[int]:
        """Return the contact ids of the referees given for `app_id`."""
        from followthrough.store.read import records

        return records.referee_ids(conn, self.owner, app_id)

    def pipeline(self, conn: Any) -> tuple[int, dt.datetime | None, bool]:
        """Return (open applications, when the last was added, whether a contract is signed)."""
        from followthrough.store.read import records

        return records.pipeline(conn, self.owner)

    def interview(self, conn: Any, interview_id: int) -> Interview:
        """Return interview `interview_id` or raise NotFoundError."""
        from followthrough.store.read import interviews

        return interviews.interview(conn, self.owner, interview_id)

    def interview_tz(self, conn: Any, interview_id: int) -> str:
        """Return the zone an interview was recorded in."""
        from followthrough.store.read import interviews

        return interviews.interview_tz(conn, self.owner, interview_id)

    def interviews(self, conn: Any, app_id: int) -> list[Interview]:
        """Return the interviews of an application, by start."""
        from followthrough.store.read import interviews

        return interviews.interviews(conn, self.owner, app_id)

    def upcoming_interviews(
        self,
        conn: Any,
        now: dt.datetime,
        until: dt.datetime | None = None,
        limit: int | None = None,
    ) -> list[Interview]:
        """Return the owner's interviews that have not started yet (before `until`; the first
        `limit`), by start."""
        from followthrough.store.read import interviews

        return interviews.upcoming(conn, self.owner, now, until, limit)

    def debriefs(self, conn: Any, interview_ids: Sequence[int]) -> dict[int, Debrief]:
        """Return the debriefs of these interviews."""
        from followthrough.store.read import interviews

        return interviews.debriefs(conn, self.owner, interview_ids)

    def interactions(self, conn: Any, app_id: int) -> list[Interaction]:
        """Return the interactions of an application, oldest first."""
        from followthrough.store.read import actions

        return actions.interactions(conn, self.owner, app_id)

    def interaction(self, conn: Any, exchange_id: int) -> Interaction:
        """Return exchange `exchange_id` or raise NotFoundError."""
        from followthrough.store.read import actions

        return actions.interaction(conn, self.owner, exchange_id)

    def last_exchanges(
        self, conn: Any, app_ids: Sequence[int] | None = None
    ) -> dict[int, dt.datetime]:
        """Return, per application (of these), when the latest exchange was."""
        from followthrough.store.read import actions

        return actions.last_exchanges(conn, self.owner, app_ids)

    def action_records(self, conn: Any, app_id: int | None) -> dict[str, ActionRecord]:
        """Return the stored actions of an application (or the user-wide ones), by key."""
        from followthrough.store.read import actions

        return actions.action_records(conn, self.owner, app_id)

    def action(self, conn: Any, action_id: int) -> dict[str, Any]:
        """Return the row of action `action_id` (with its company) or raise NotFoundError."""
        from followthrough.store.read import actions

        return actions.action(conn, self.owner, action_id)

    def actions_of(self, conn: Any, app_id: int) -> list[dict[str, Any]]:
        """Return every action of an application (cancelled too), by due time."""
        from followthrough.store.read import actions

        return actions.actions_of(conn, self.owner, app_id)

    def agenda(self, conn: Any, until: dt.datetime) -> list[dict[str, Any]]:
        """Return pending and snoozed actions due before `until`, by due time."""
        from followthrough.store.read import actions

        return actions.agenda(conn, self.owner, until)

    def next_actions(
        self, conn: Any, app_ids: Sequence[int] | None = None
    ) -> dict[int, dict[str, Any]]:
        """Return, per application (of these), its earliest pending or snoozed action."""
        from followthrough.store.read import actions

        return actions.next_actions(conn, self.owner, app_ids)

    def last_nudge(self, conn: Any) -> dt.datetime | None:
        """Return the due time of the latest keep-searching nudge."""
        from followthrough.store.read import actions

        return actions.last_nudge(conn, self.owner)

    def doctor(self, conn: Any, now: dt.datetime) -> dict[str, list[int]]:
        """Return {check: ids of the records it finds} (store/read/doctor.py)."""
        from followthrough.store.read import doctor

        return doctor.findings(conn, self.owner, now)

    def history(
        self, conn: Any, app_id: int | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Return the owner's changes (of one application, or all), newest first, each with
        the rows it changed (store/read/history.py)."""
        from followthrough.store.read import history

        return history.events(conn, self.owner, app_id, limit)

    def history_event(self, conn: Any, event_id: int) -> dict[str, Any]:
        """Return one of the owner's changes (as `history` lists them), or raise NotFoundError."""
        from followthrough.store.read import history

        found = history.events(conn, self.owner, event_id=event_id)
        if not found:
            from followthrough.domain.errors import NotFoundError

            raise NotFoundError("change", event_id)
        return found[0]

    def last_undoable(self, conn: Any) -> int | None:
        """Return the id of the latest change `undo` would take back, if any."""
        from followthrough.store.read import history

        return history.last_undoable(conn, self.owner)

    def open_nudge(self, conn: Any) -> int | None:
        """Return the id of the keep-searching nudge still pending or snoozed, if any."""
        from followthrough.store.read.pipeline import open_nudge

        return open_nudge(conn, self.owner)

    def recruiter_links_elsewhere(self, conn: Any, app_id: int | None = None) -> frozenset[int]:
        """Return recruiter ids whose LinkedIn action belongs to another application than
        `app_id` (to any application when it is None)."""
        from followthrough.store.read import actions

        return actions.recruiter_links_elsewhere(conn, self.owner, app_id)

    def recruiter_links(self, conn: Any, only: int | None = None) -> RecruiterLinks:
        """Return who holds the LinkedIn action of every recruiter (of recruiter `only`)."""
        from followthrough.store.read import actions

        return actions.recruiter_links(conn, self.owner, only)

    def facts(self, conn: Any, app_id: int) -> ApplicationFacts:
        """Return everything the planner needs about application `app_id`."""
        from followthrough.store.read import facts

        return facts.facts(conn, self.owner, app_id)


class FileReader(Reader):
    """A local SQLite file at the schema head, read with the stdlib sqlite3 module; `writer()`
    opens the full `Repo` (SQLAlchemy) the first time a unit of work writes."""

    def __init__(self, path: str, owner_id: int, open_repo: Callable[[], Repo]) -> None:
        super().__init__(owner_id)
        self.path = path
        self._open_repo = open_repo
        self._repo: Repo | None = None

    @classmethod
    def open(cls, path: str, open_repo: Callable[[], Repo]) -> FileReader | None:
        """Return a reader of the SQLite file at `path` when it exists, is at the schema head
        and has its local user; None when it must be created or migrated first (the caller
        then opens the full store)."""
        if not os.path.isfile(path):
            return None
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error:
            return None
        try:
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            user = conn.execute("SELECT id FROM users WHERE username = ?", (LOCAL_USER,)).fetchone()
        except sqlite3.Error:
            return None
        finally:
            conn.close()
        if version is None or version[0] != HEAD or user is None:
            return None
        return cls(path, int(user[0]), open_repo)

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Yield a plain connection inside one read transaction (one snapshot)."""
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            try:
                conn.execute("BEGIN")
                yield conn
            finally:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            if is_busy(exc):
                raise busy_error(BUSY_TIMEOUT_MS / 1000) from exc
            raise
        finally:
            conn.close()

    def writer(self) -> Repo:
        """Return the full store, opened on first use."""
        if self._repo is None:
            self._repo = self._open_repo()
        return self._repo
