"""The owner's stored settings (key, value)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection

from followthrough.store.schema import settings
from followthrough.store.scope import Owner


def save_settings(owner: Owner, conn: Connection, values: Mapping[str, str]) -> None:
    """Store (insert or replace) settings; return nothing."""
    for key, value in values.items():
        conn.execute(owner.delete(settings, settings.c.key == key))
        conn.execute(owner.insert(settings, key=key, value=str(value)))


def forget_setting(owner: Owner, conn: Connection, key: str) -> None:
    """Remove a stored setting (if any); return nothing."""
    conn.execute(owner.delete(settings, settings.c.key == key))
