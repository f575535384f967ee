"""Corrections: deleting records, merging two into one, the exchanges' edits, a contact's other
addresses and the user's own words. (Every row these change is journaled: store/journal.py.)"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from followthrough.store.schema import (
    actions,
    applications,
    contact_emails,
    contacts,
    guard_overrides,
    interactions,
    interviewers,
    interviews,
    referees,
    status_events,
    user_words,
)
from followthrough.store.scope import Owner

#: The columns that point at a contact, by table.
CONTACT_LINKS = (
    (applications, "recruiter_id"), (applications, "hiring_contact_id"),
    (interviews, "follow_up_contact_id"), (actions, "recipient_contact_id"),
    (actions, "via_contact_id"), (interactions, "contact_id"),
)  # fmt: skip


def delete_application(owner: Owner, conn: Connection, app_id: int) -> None:
    """Delete an application with everything that belongs to it; return nothing."""
    conn.execute(owner.delete(actions, actions.c.application_id == app_id))
    conn.execute(owner.delete(applications, applications.c.id == app_id))


def delete_interview(owner: Owner, conn: Connection, interview_id: int) -> None:
    """Delete an interview with its panel, debrief and actions; return nothing."""
    conn.execute(owner.delete(actions, actions.c.interview_id == interview_id))
    conn.execute(owner.delete(interviews, interviews.c.id == interview_id))


def delete_contact(owner: Owner, conn: Connection, contact_id: int) -> None:
    """Delete a contact (off every panel and list; links to them emptied); return nothing."""
    conn.execute(owner.delete(contacts, contacts.c.id == contact_id))


def merge_contacts(owner: Owner, conn: Connection, keep: int, other: int) -> None:
    """Move every link to contact `other` onto `keep` (a panel or a referee list holding both
    keeps one), then delete `other`; return nothing. The caller moves the addresses first."""
    for table, column in CONTACT_LINKS:
        col = table.c[column]
        conn.execute(owner.update(table, col == other).values({column: keep}))
    for table, parent in ((interviewers, "interview_id"), (referees, "application_id")):
        kept = {r[0] for r in conn.execute(owner.select(table, table.c[parent]).where(
            table.c.contact_id == keep))}  # fmt: skip
        conn.execute(owner.delete(table, table.c.contact_id == other, table.c[parent].in_(kept)))
        conn.execute(owner.update(table, table.c.contact_id == other).values(contact_id=keep))
    conn.execute(owner.delete(contacts, contacts.c.id == other))


def merge_applications(
    owner: Owner, conn: Connection, keep: int, other: int, finals: dict[str, str]
) -> None:
    """Move the interviews, exchanges, referees and overrides of application `other` onto
    `keep`, and its actions (an application's own, like `check-in:a{other}:1`, re-keyed to
    `keep`, unless `keep` has that action already in a final state: `finals` maps keep's
    keys to their states), then delete `other`; return nothing."""
    for table in (interviews, interactions, guard_overrides):
        conn.execute(owner.update(table, table.c.application_id == other)
                     .values(application_id=keep))  # fmt: skip
    kept = {r[0] for r in conn.execute(owner.select(referees, referees.c.contact_id).where(
        referees.c.application_id == keep))}  # fmt: skip
    conn.execute(owner.delete(referees, referees.c.application_id == other,
                              referees.c.contact_id.in_(kept)))  # fmt: skip
    conn.execute(owner.update(referees, referees.c.application_id == other)
                 .values(application_id=keep))  # fmt: skip
    rows = conn.execute(owner.select(actions, actions.c.id, actions.c.key, actions.c.status)
                        .where(actions.c.application_id == other)).all()  # fmt: skip
    for action_id, key, status in rows:
        new_key = rekey(key, other, keep)
        if new_key == key:
            conn.execute(owner.update(actions, actions.c.id == action_id)
                         .values(application_id=keep))  # fmt: skip
            continue
        if new_key in finals and finals[new_key] in ("done", "skipped"):
            conn.execute(owner.delete(actions, actions.c.id == action_id))
            continue
        if new_key in finals:
            if status not in ("done", "skipped"):
                conn.execute(owner.delete(actions, actions.c.id == action_id))
                continue
            conn.execute(owner.delete(actions, actions.c.key == new_key))
        conn.execute(owner.update(actions, actions.c.id == action_id)
                     .values(application_id=keep, key=new_key))  # fmt: skip
    conn.execute(owner.delete(status_events, status_events.c.application_id == other))
    conn.execute(owner.delete(applications, applications.c.id == other))


def rekey(key: str, old: int, new: int) -> str:
    """Return an action key with application `old`'s part (`:a{old}`) naming `new`."""
    parts = key.split(":")
    return ":".join(f"a{new}" if p == f"a{old}" else p for p in parts)


# ------------------------------------------------------------------ exchanges


def update_interaction(owner: Owner, conn: Connection, exchange_id: int, **values: Any) -> None:
    """Change some fields of an exchange; return nothing."""
    conn.execute(owner.update(interactions, interactions.c.id == exchange_id).values(**values))


def delete_interaction(owner: Owner, conn: Connection, exchange_id: int) -> None:
    """Delete an exchange (and the guard overrides logged with it); return nothing."""
    conn.execute(owner.delete(interactions, interactions.c.id == exchange_id))


# ------------------------------------------------------------------ addresses and words


def add_contact_email(owner: Owner, conn: Connection, contact_id: int, email: str) -> None:
    """Give a contact another address; return nothing."""
    conn.execute(owner.insert(contact_emails, contact_id=contact_id, email=email))


def move_contact_emails(owner: Owner, conn: Connection, source: int, target: int) -> None:
    """Give contact `target` every other address of contact `source`; return nothing."""
    conn.execute(owner.update(contact_emails, contact_emails.c.contact_id == source)
                 .values(contact_id=target))  # fmt: skip


def remove_contact_email(owner: Owner, conn: Connection, email: str) -> None:
    """Remove one of a contact's other addresses; return nothing."""
    conn.execute(owner.delete(contact_emails, contact_emails.c.email == email))


def add_words(owner: Owner, conn: Connection, words: list[str]) -> list[str]:
    """Add words to the user's own (those already there are left); return the new ones."""
    have = set(words_of(owner, conn))
    new = [w for w in dict.fromkeys(words) if w not in have]
    for word in new:
        conn.execute(owner.insert(user_words, word=word))
    return new


def remove_words(owner: Owner, conn: Connection, words: list[str]) -> list[str]:
    """Remove words from the user's own; return those that were there."""
    have = set(words_of(owner, conn))
    gone = [w for w in dict.fromkeys(words) if w in have]
    if gone:
        conn.execute(owner.delete(user_words, user_words.c.word.in_(gone)))
    return gone


def words_of(owner: Owner, conn: Connection) -> list[str]:
    """Return the user's own words, sorted."""
    query = owner.select(user_words, user_words.c.word).order_by(user_words.c.word)
    return [r[0] for r in conn.execute(query)]
