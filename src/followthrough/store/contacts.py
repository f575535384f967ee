"""Contacts: the people of the owner's search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, func

from followthrough.domain.errors import NotFoundError
from followthrough.domain.model import Contact
from followthrough.store.rows import contact_from_row
from followthrough.store.schema import contacts
from followthrough.store.scope import Owner


def add_contact(owner: Owner, conn: Connection, now: dt.datetime, **values: Any) -> int:
    """Insert a contact; return its id."""
    result = conn.execute(owner.insert(contacts, created_at=now, **values))
    return int(result.inserted_primary_key[0])


def update_contact(owner: Owner, conn: Connection, contact_id: int, **values: Any) -> None:
    """Change some fields of a contact; return nothing."""
    conn.execute(owner.update(contacts, contacts.c.id == contact_id).values(**values))


def contact(owner: Owner, conn: Connection, contact_id: int) -> Contact:
    """Return contact `contact_id` or raise NotFoundError."""
    row = conn.execute(owner.select(contacts).where(contacts.c.id == contact_id)).mappings().first()
    if row is None:
        raise NotFoundError("contact", contact_id)
    return contact_from_row(row)


def contact_where(owner: Owner, conn: Connection, column: Any, value: str) -> Contact | None:
    """Return the first contact (by id) whose `column` is `value` (case-insensitive), if any."""
    row = (
        conn.execute(
            owner.select(contacts)
            .where(func.lower(column) == value.lower())
            .order_by(contacts.c.id)
        )
        .mappings()
        .first()
    )
    return contact_from_row(row) if row else None


def list_contacts(owner: Owner, conn: Connection, role: str | None = None) -> list[Contact]:
    """Return the owner's contacts, by name."""
    query = owner.select(contacts)
    if role:
        query = query.where(contacts.c.role == role)
    return [contact_from_row(r) for r in conn.execute(query.order_by(contacts.c.name)).mappings()]


def contacts_by_id(owner: Owner, conn: Connection, ids: Sequence[int]) -> dict[int, Contact]:
    """Return the owner's contacts with these ids."""
    if not ids:
        return {}
    rows = conn.execute(
        owner.select(contacts, indexed=False).where(contacts.c.id.in_(set(ids)))
    ).mappings()
    return {r["id"]: contact_from_row(r) for r in rows}


def contact_keys(owner: Owner, conn: Connection) -> tuple[dict[str, int], dict[str, int]]:
    """Return the owner's contact ids by lower-case e-mail and by lower-case name."""
    by_email: dict[str, int] = {}
    by_name: dict[str, int] = {}
    rows = conn.execute(
        owner.select(contacts, contacts.c.id, contacts.c.email, contacts.c.name).order_by(
            contacts.c.id
        )
    )
    for ident, email, name in rows:
        if email:
            by_email.setdefault(email.lower(), ident)
        by_name.setdefault(name.lower(), ident)
    return by_email, by_name
