"""Contacts: the people of the owner's search."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection

from followthrough.store.schema import contacts
from followthrough.store.scope import Owner


def add_contact(owner: Owner, conn: Connection, now: dt.datetime, **values: Any) -> int:
    """Insert a contact; return its id."""
    result = conn.execute(owner.insert(contacts, created_at=now, **values))
    return int(result.inserted_primary_key[0])


def update_contact(owner: Owner, conn: Connection, contact_id: int, **values: Any) -> None:
    """Change some fields of a contact; return nothing."""
    conn.execute(owner.update(contacts, contacts.c.id == contact_id).values(**values))
