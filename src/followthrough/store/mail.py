"""Mail bookkeeping: the people of each application by address, the messages known, the
outbox, proposals, folders' sync marks and bounces (tables of store/schema_mail.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from followthrough.store.schema import applications, contacts
from followthrough.store.schema_mail import (
    mail_bounces,
    mail_folders,
    mail_messages,
    mail_proposals,
    outbox,
)
from followthrough.store.scope import Owner, Row

#: Every (application, contact) a contact belongs to: recruiter, hiring contact, interviewer,
#: follow-up contact, referee, recipient of an action, party to an exchange, or a person whose
#: organisation is the company.
_LINKS = """
SELECT id AS application_id, recruiter_id AS contact_id, 0 AS how FROM applications
 WHERE owner_id = :owner AND recruiter_id IS NOT NULL
UNION SELECT id, hiring_contact_id, 0 FROM applications
 WHERE owner_id = :owner AND hiring_contact_id IS NOT NULL
UNION SELECT i.application_id, p.contact_id, 0 FROM interviewers p JOIN interviews i
 ON i.id = p.interview_id WHERE p.owner_id = :owner
UNION SELECT application_id, follow_up_contact_id, 0 FROM interviews
 WHERE owner_id = :owner AND follow_up_contact_id IS NOT NULL
UNION SELECT application_id, contact_id, 0 FROM referees WHERE owner_id = :owner
UNION SELECT application_id, recipient_contact_id, 0 FROM actions
 WHERE owner_id = :owner AND recipient_contact_id IS NOT NULL AND application_id IS NOT NULL
UNION SELECT application_id, contact_id, 0 FROM interactions
 WHERE owner_id = :owner AND contact_id IS NOT NULL AND application_id IS NOT NULL
UNION SELECT a.id, c.id, 1 FROM applications a JOIN contacts c ON c.owner_id = a.owner_id
 AND lower(trim(c.organisation)) = lower(trim(a.company)) WHERE a.owner_id = :owner
"""
_ADDRESSES = """
SELECT id AS contact_id, lower(email) AS email FROM contacts
 WHERE owner_id = :owner AND email IS NOT NULL AND email != ''
UNION SELECT contact_id, lower(email) FROM contact_emails WHERE owner_id = :owner
"""


def links(owner: Owner, conn: Connection) -> list[tuple[int, int, bool]]:
    """Return every (application id, contact id, only through the organisation) of this
    owner."""
    stmt = owner.textual(_LINKS, [applications.c.id, contacts.c.id, contacts.c.direct_contact])
    return [(int(a), int(c), bool(h)) for a, c, h in conn.execute(stmt)]


def addresses(owner: Owner, conn: Connection) -> list[tuple[int, str]]:
    """Return every (contact id, lower-case address) of this owner."""
    stmt = owner.textual(_ADDRESSES, [contacts.c.id, contacts.c.email])
    return [(int(c), str(e)) for c, e in conn.execute(stmt)]


def application_rows(owner: Owner, conn: Connection) -> list[Row]:
    """Return id, company, role, status and URL of every application."""
    cols = (
        applications.c.id,
        applications.c.company,
        applications.c.role,
        applications.c.status,
        applications.c.url,
    )
    return [dict(r._mapping) for r in conn.execute(owner.select(applications, *cols))]


def known_messages(owner: Owner, conn: Connection) -> list[Row]:
    """Return every Message-ID read or sent, with its application and contact when logged."""
    read = owner.select(
        mail_messages,
        mail_messages.c.message_id,
        mail_messages.c.application_id,
        mail_messages.c.contact_id,
        mail_messages.c.outcome,
        mail_messages.c.direction,
        mail_messages.c.sent_at,
    )
    sent = owner.select(
        outbox,
        outbox.c.message_id,
        outbox.c.application_id,
        outbox.c.contact_id,
        outbox.c.state,
        outbox.c.sent_at,
    )
    found = [dict(r._mapping) for r in conn.execute(read)]
    found += [
        {
            "message_id": r.message_id,
            "application_id": r.application_id,
            "contact_id": r.contact_id,
            "outcome": "logged" if r.state in ("sent", "unknown", "sending") else "queued",
            "direction": "out",
            "sent_at": r.sent_at,
        }
        for r in conn.execute(sent)
    ]
    return found


def add_message(owner: Owner, conn: Connection, now: dt.datetime, **values: Any) -> int:
    """Record a message read (once: by Message-ID); return its row id."""
    result = conn.execute(owner.insert(mail_messages, seen_at=now, **values))
    return int(result.inserted_primary_key[0])


def add_messages(
    owner: Owner, conn: Connection, now: dt.datetime, rows: Sequence[dict[str, Any]]
) -> None:
    """Record many messages read at once (one executemany); return nothing."""
    if rows:
        owner.insert_all(conn, mail_messages, [{**r, "seen_at": now} for r in rows])


def messages(owner: Owner, conn: Connection, ids: Sequence[int] | None = None) -> list[Row]:
    """Return the messages read (those of `ids`, or all), newest first."""
    stmt = owner.select(mail_messages)
    if ids is not None:
        stmt = stmt.where(mail_messages.c.id.in_(list(ids)))
    stmt = stmt.order_by(mail_messages.c.id.desc())
    return [dict(r._mapping) for r in conn.execute(stmt)]


def add_proposal(owner: Owner, conn: Connection, now: dt.datetime, **values: Any) -> int:
    """Record a proposed status change; return its id."""
    result = conn.execute(owner.insert(mail_proposals, created_at=now, state="pending", **values))
    return int(result.inserted_primary_key[0])


def proposals(owner: Owner, conn: Connection, state: str | None = None) -> list[Row]:
    """Return the proposals (in `state`, or all), oldest first, with their message's subject,
    sender and time."""
    stmt = (
        owner.select(
            mail_proposals,
            mail_proposals,
            mail_messages.c.message_id,
            mail_messages.c.subject,
            mail_messages.c.sender,
            mail_messages.c.sent_at,
            applications.c.company,
            applications.c.role,
        )
        .join(mail_messages, mail_messages.c.id == mail_proposals.c.mail_message_id)
        .outerjoin(applications, applications.c.id == mail_proposals.c.application_id)
    )
    if state is not None:
        stmt = stmt.where(mail_proposals.c.state == state)
    stmt = stmt.order_by(mail_proposals.c.id)
    return [dict(r._mapping) for r in conn.execute(stmt)]


def decide_proposal(owner: Owner, conn: Connection, pid: int, state: str, now: dt.datetime) -> None:
    """Set a proposal's state (accepted, dismissed, pending) and when; return nothing."""
    decided = None if state == "pending" else now
    conn.execute(
        owner.update(mail_proposals, mail_proposals.c.id == pid).values(
            state=state, decided_at=decided
        )
    )


def claim_proposal(owner: Owner, conn: Connection, pid: int, state: str, now: dt.datetime) -> bool:
    """Answer a proposal still pending (accepted, dismissed); return whether it was pending."""
    stmt = owner.update(
        mail_proposals, mail_proposals.c.id == pid, mail_proposals.c.state == "pending"
    ).values(state=state, decided_at=now)
    return bool(conn.execute(stmt).rowcount == 1)


def folder_mark(owner: Owner, conn: Connection, folder: str) -> Row | None:
    """Return a folder's UIDVALIDITY and last UID read, or None before its first sync."""
    row = conn.execute(owner.select(mail_folders).where(mail_folders.c.folder == folder)).first()
    return dict(row._mapping) if row else None


def set_folder_mark(
    owner: Owner,
    conn: Connection,
    folder: str,
    uidvalidity: int,
    last_uid: int,
    now: dt.datetime,
) -> None:
    """Record where a folder's sync stopped; return nothing."""
    conn.execute(owner.delete(mail_folders, mail_folders.c.folder == folder))
    conn.execute(
        owner.insert(
            mail_folders, folder=folder, uidvalidity=uidvalidity, last_uid=last_uid, synced_at=now
        )
    )


def add_bounce(
    owner: Owner, conn: Connection, email: str, message_id: str, at: dt.datetime
) -> None:
    """Record that mail to `email` bounced (the latest report wins); return nothing."""
    conn.execute(owner.delete(mail_bounces, mail_bounces.c.email == email))
    conn.execute(owner.insert(mail_bounces, email=email, message_id=message_id, at=at))


def bounces(owner: Owner, conn: Connection) -> list[Row]:
    """Return the addresses mail bounced from, with when."""
    stmt = owner.select(mail_bounces).order_by(mail_bounces.c.email)
    return [dict(r._mapping) for r in conn.execute(stmt)]


def queue(owner: Owner, conn: Connection, now: dt.datetime, **values: Any) -> int:
    """Insert a message into the outbox (state queued); return its id."""
    result = conn.execute(
        owner.insert(outbox, created_at=now, state="queued", attempts=0, **values)
    )
    return int(result.inserted_primary_key[0])


def outbox_rows(
    owner: Owner,
    conn: Connection,
    *,
    ids: Sequence[int] | None = None,
    key: str | None = None,
    states: Sequence[str] | None = None,
) -> list[Row]:
    """Return outbox messages (by ids, key or states; all by default), oldest first."""
    stmt = owner.select(outbox)
    if ids is not None:
        stmt = stmt.where(outbox.c.id.in_(list(ids)))
    if key is not None:
        stmt = stmt.where(outbox.c.key == key)
    if states is not None:
        stmt = stmt.where(outbox.c.state.in_(list(states)))
    return [dict(r._mapping) for r in conn.execute(stmt.order_by(outbox.c.id))]


def claim_outbox(owner: Owner, conn: Connection, oid: int, current: str, **values: Any) -> bool:
    """Change an outbox message's fields only if it is still in state `current`; return
    whether it was (two flushes never both take the same message)."""
    stmt = owner.update(outbox, outbox.c.id == oid, outbox.c.state == current).values(**values)
    return bool(conn.execute(stmt).rowcount == 1)


def set_outbox(owner: Owner, conn: Connection, oid: int, **values: Any) -> None:
    """Change an outbox message's fields (state, attempts, error, ...); return nothing."""
    conn.execute(owner.update(outbox, outbox.c.id == oid).values(**values))


class MailMethods:
    """The Repo's mail methods (mixed into store.repo.Repo), each bound to its owner."""

    scope: Owner

    def mail_links(self, conn: Connection) -> list[tuple[int, int, bool]]:
        """Return every (application id, contact id, only through the organisation)."""
        return links(self.scope, conn)

    def mail_addresses(self, conn: Connection) -> list[tuple[int, str]]:
        """Return every (contact id, lower-case address)."""
        return addresses(self.scope, conn)

    def mail_applications(self, conn: Connection) -> list[Row]:
        """Return id, company, role, status and URL of every application."""
        return application_rows(self.scope, conn)

    def known_messages(self, conn: Connection) -> list[Row]:
        """Return every Message-ID read or sent, with its application and contact."""
        return known_messages(self.scope, conn)

    def add_mail_message(self, conn: Connection, now: dt.datetime, **values: Any) -> int:
        """Record a message read; return its row id."""
        return add_message(self.scope, conn, now, **values)

    def add_mail_messages(
        self, conn: Connection, now: dt.datetime, rows: Sequence[dict[str, Any]]
    ) -> None:
        """Record many messages read at once; return nothing."""
        add_messages(self.scope, conn, now, rows)

    def mail_messages(self, conn: Connection, ids: Sequence[int] | None = None) -> list[Row]:
        """Return the messages read (those of `ids`, or all), newest first."""
        return messages(self.scope, conn, ids)

    def add_proposal(self, conn: Connection, now: dt.datetime, **values: Any) -> int:
        """Record a proposed status change; return its id."""
        return add_proposal(self.scope, conn, now, **values)

    def proposals(self, conn: Connection, state: str | None = None) -> list[Row]:
        """Return the proposals (in `state`, or all), oldest first."""
        return proposals(self.scope, conn, state)

    def decide_proposal(self, conn: Connection, pid: int, state: str, now: dt.datetime) -> None:
        """Set a proposal's state; return nothing."""
        decide_proposal(self.scope, conn, pid, state, now)

    def claim_proposal(self, conn: Connection, pid: int, state: str, now: dt.datetime) -> bool:
        """Answer a proposal still pending; return whether it was pending."""
        return claim_proposal(self.scope, conn, pid, state, now)

    def folder_mark(self, conn: Connection, folder: str) -> Row | None:
        """Return a folder's sync mark, or None."""
        return folder_mark(self.scope, conn, folder)

    def set_folder_mark(
        self, conn: Connection, folder: str, uidvalidity: int, last_uid: int, now: dt.datetime
    ) -> None:
        """Record where a folder's sync stopped; return nothing."""
        set_folder_mark(self.scope, conn, folder, uidvalidity, last_uid, now)

    def add_bounce(self, conn: Connection, email: str, message_id: str, at: dt.datetime) -> None:
        """Record that mail to `email` bounced; return nothing."""
        add_bounce(self.scope, conn, email, message_id, at)

    def bounces(self, conn: Connection) -> list[Row]:
        """Return the addresses mail bounced from."""
        return bounces(self.scope, conn)

    def queue_mail(self, conn: Connection, now: dt.datetime, **values: Any) -> int:
        """Insert a message into the outbox; return its id."""
        return queue(self.scope, conn, now, **values)

    def outbox(
        self,
        conn: Connection,
        *,
        ids: Sequence[int] | None = None,
        key: str | None = None,
        states: Sequence[str] | None = None,
    ) -> list[Row]:
        """Return outbox messages (by ids, key or states; all by default)."""
        return outbox_rows(self.scope, conn, ids=ids, key=key, states=states)

    def claim_outbox(self, conn: Connection, oid: int, current: str, **values: Any) -> bool:
        """Change an outbox message only if it is still in `current`; return whether it was."""
        return claim_outbox(self.scope, conn, oid, current, **values)

    def set_outbox(self, conn: Connection, oid: int, **values: Any) -> None:
        """Change an outbox message's fields; return nothing."""
        set_outbox(self.scope, conn, oid, **values)
