"""The context every use case runs in: one user's store, the moment, the playbook, the
settings.

`Context` is what an adapter holds (a store bound to one owner, `now`, this run's overrides);
`Context.read()` / `Context.write()` open a `UnitOfWork`: one transaction in which the settings
are read once, however many steps need the user's calendar or policy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property

from followthrough import playbooks
from followthrough.domain.kinds import PLAN_BASIS, REPLAN_PENDING
from followthrough.playbooks.defaults import POLICIES
from followthrough.store.reader import FileReader, Reader

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from followthrough.domain.planner import Policy
    from followthrough.domain.playbook import Playbook
    from followthrough.domain.workdays import Workweek
    from followthrough.store.repo import Repo

#: Settings rows that are the program's bookkeeping, not settings.
_BOOKKEEPING = (REPLAN_PENDING, PLAN_BASIS)


def default_playbook() -> Playbook:
    """Return the playbook shipped with the package."""
    return playbooks.default()


@dataclass(frozen=True)
class Store:
    """An open database bound to one owner: what an adapter holds between units of work."""

    engine: Any
    owner: int


def open_store(path: Path | str, now: dt.datetime, user: str | None = None) -> Store:
    """Return the SQLite database at `path` (created and migrated if needed), bound to `user`
    (the local user by default)."""
    from followthrough.store import db

    engine = db.open_database(db.sqlite_url(path), now)
    return Store(engine, db.ensure_user(engine, user or db.LOCAL_USER, now))


def open_local(path: Path | str, now: dt.datetime) -> Reader:
    """Return the local user's data in the SQLite file at `path`: read with the stdlib sqlite3
    module when the file is ready (at the schema head, with its user), the full store opened
    on the first write; else the full store at once (created or migrated)."""
    def full() -> Repo:
        from followthrough.store.repo import Repo

        store = open_store(path, now)
        return Repo(store.engine, store.owner)

    found = FileReader.open(str(path), full)
    return found if found is not None else full()


def effective_settings(
    stored: Mapping[str, str], overrides: Mapping[str, str]
) -> dict[str, str]:
    """Return the settings in force: the playbook's defaults < stored < this run's overrides
    (the defaults as generated from the playbook: reading it is not needed for them)."""
    values = dict(POLICIES)
    values.setdefault("tz", "UTC")
    values.update(stored)
    for key in _BOOKKEEPING:
        values.pop(key, None)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return values


def week_of(settings: Mapping[str, str]) -> Workweek:
    """Return the working calendar the settings describe (checking zone and country)."""
    from followthrough.domain.planner import workweek_from_settings
    from followthrough.domain.workdays import check_country, zone

    if settings.get("country"):
        check_country(settings["country"], settings.get("region") or None)
    zone(settings["tz"])
    return workweek_from_settings(dict(settings))


def policy_of(settings: Mapping[str, str]) -> Policy:
    """Return the policy options the settings describe."""
    from followthrough.domain.planner import Policy
    from followthrough.domain.playbook import INT_POLICIES, POLICY_CHOICES

    options: dict[str, object] = {k: settings[k] for k in POLICY_CHOICES if k in settings}
    options.update({k: int(settings[k]) for k in INT_POLICIES if k in settings})
    return Policy.from_options(options)


@dataclass
class UnitOfWork:
    """One transaction of one user at one moment; settings, calendar and policy read once."""

    repo: Repo  # typed as the Repo: a read unit holds a Reader and calls only its reads
    conn: Any  # the connection of this unit (DB-API, or SQLAlchemy's in a write)
    now: dt.datetime
    overrides: Mapping[str, str]

    @cached_property
    def playbook(self) -> Playbook:
        """Return the playbook (read and checked when a step first needs its rules)."""
        return default_playbook()

    @cached_property
    def stored(self) -> dict[str, str]:
        """Return the settings rows as stored (notes included)."""
        return self.repo.settings(self.conn)

    @cached_property
    def settings(self) -> dict[str, str]:
        """Return the effective settings."""
        return effective_settings(self.stored, self.overrides)

    @cached_property
    def week(self) -> Workweek:
        """Return the user's working calendar."""
        return week_of(self.settings)

    @cached_property
    def policy(self) -> Policy:
        """Return the user's policy options."""
        return policy_of(self.settings)

    @cached_property
    def zone(self) -> Any:
        """Return the user's time zone (without building the calendar: no holidays read)."""
        from followthrough.domain.workdays import zone  # zoneinfo: not on `lint`'s path

        return zone(self.settings["tz"])

    def describe(
        self, kind: str, summary: str, application_id: int | None = None, **how: Any
    ) -> None:
        """Say what this unit's change is, for the history and `undo` (a change nobody
        describes is the system's own, and is not offered to `undo`); return nothing."""
        from followthrough.store import journal

        journal.describe(self.conn, self.conn.info.get("event"), kind, summary,
                         application_id, **how)  # fmt: skip

    def settings_changed(self) -> None:
        """Forget what was read from the settings (after this unit of work wrote some)."""
        for name in ("stored", "settings", "week", "policy", "zone"):
            self.__dict__.pop(name, None)


@dataclass
class Context:
    """One user's store, at one moment, under one playbook, with this run's overrides."""

    repo: Reader  # the Repo, or a FileReader that opens it on the first write
    now: dt.datetime
    overrides: dict[str, str] = field(default_factory=dict)
    #: where the changes come from, as the history shows it: cli, web, api, or system
    interface: str = "cli"

    @cached_property
    def playbook(self) -> Playbook:
        """Return the playbook (read and checked when first needed)."""
        return default_playbook()

    @contextmanager
    def read(self) -> Iterator[UnitOfWork]:
        """Open a read-only unit of work (a consistent snapshot)."""
        with self.repo.read() as conn:
            yield self.unit(conn)

    @contextmanager
    def write(self) -> Iterator[UnitOfWork]:
        """Open a unit of work that writes (one transaction, committed at the end)."""
        repo = self.repo.writer()
        with repo.write(self.now, self.interface) as conn:
            yield self.unit(conn, repo)

    def unit(self, conn: Any, repo: Reader | None = None) -> UnitOfWork:
        """Return a unit of work on an open connection (of `repo`, this context's by default)."""
        return UnitOfWork(repo or self.repo, conn,  # type: ignore[arg-type]
                          self.now, self.overrides)

    def settings(self, conn: Any = None) -> dict[str, str]:
        """Return the effective settings: playbook defaults < stored < this run's overrides."""
        if conn is not None:
            return self.unit(conn).settings
        with self.read() as uow:
            return uow.settings

    def week(self, conn: Any = None) -> Workweek:
        """Return the user's working calendar."""
        return week_of(self.settings(conn))

    def policy(self, conn: Any = None) -> Policy:
        """Return the user's policy options."""
        return policy_of(self.settings(conn))
