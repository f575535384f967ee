"""Use cases on a real SQLite file, without a CLI or a web app in between."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followthrough.services.context import Context, open_store
from followthrough.store.repo import Repo

#: Monday 23 November 2026, 08:00 UTC (09:00 in Brussels).
NOW = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)


def context_at(path: Path, now: dt.datetime = NOW, **overrides: str) -> Context:
    """Return the use cases' context on the database at `path`, at `now`."""
    store = open_store(path, now)
    return Context(Repo(store.engine, store.owner), now, dict(overrides))


@pytest.fixture
def ctx(tmp_path: Path) -> Context:
    """A fresh database in Brussels (Belgian holidays), at NOW."""
    from followthrough.services.settings import update_settings

    context = context_at(tmp_path / "uc.db")
    update_settings(context, {"tz": "Europe/Brussels", "country": "BE"})
    return context
