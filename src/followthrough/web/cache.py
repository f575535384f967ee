"""Answers that many requests ask for at once, computed once per state of the data.

Today's agenda only changes when something is written, when a due time passes or at midnight;
in between, only its "now" moves, and that is filled in per response. The store tells us whether
anything was written: SQLite's `PRAGMA data_version` changes on a connection
whenever another connection (this process's or another's, the CLI's included) commits, so a
connection that only ever asks that question is a cheap "has anything changed?" probe.

A miss is computed by one request while the others wait for it (single flight), so 64 clients
arriving together cost one computation and one copy in memory, not 64. Every page is remembered
this way (one answer per page and id), so the memo keeps the MEMO_SIZE answers used last and
forgets the others: memory stays bounded however many applications a user opens.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool

#: How many answers the memo keeps (the ones used last): pages of tens or hundreds of KB, the
#: Today API's about a MB at 10 000 applications.
MEMO_SIZE = 64


class DataVersion:
    """The store's change counter, read on a connection of its own that never writes."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, check_same_thread=False, isolation_level=None
        )
        self._lock = threading.Lock()

    def __call__(self) -> int:
        """Return a number that changes whenever anyone commits to the database."""
        with self._lock:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        """Close the probe's connection."""
        self._conn.close()


@dataclass(frozen=True)
class Held:
    """A remembered answer: for one data version, from `start` until just before `until`."""

    version: int
    start: dt.datetime
    until: dt.datetime
    value: Any

    def fits(self, version: int, now: dt.datetime) -> bool:
        """Return True when this answer is the right one for `version` at `now`."""
        return self.version == version and self.start <= now < self.until


class Memo:
    """One remembered answer per name, for the `size` names used last."""

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self.size = size
        self._held: OrderedDict[str, Held] = OrderedDict()
        self._locks: dict[str, asyncio.Lock] = {}

    def __len__(self) -> int:
        return len(self._held)

    def _fitting(self, name: str, version: int, now: dt.datetime) -> Held | None:
        held = self._held.get(name)
        if held is None or not held.fits(version, now):
            return None
        self._held.move_to_end(name)
        return held

    async def get(
        self,
        name: str,
        version: int,
        now: dt.datetime,
        compute: Callable[[], tuple[Any, dt.datetime]],
    ) -> Any:
        """Return the answer `name` for this data version at `now`; when there is none,
        compute it (in a worker thread) once, however many requests ask at the same time.
        `compute` returns the answer and the moment it stops being right."""
        held = self._fitting(name, version, now)
        if held is not None:
            return held.value
        lock = self._locks.setdefault(name, asyncio.Lock())
        try:
            async with lock:
                held = self._fitting(name, version, now)
                if held is not None:
                    return held.value
                value, until = await run_in_threadpool(compute)
                self._held[name] = Held(version, now, until, value)
                self._held.move_to_end(name)
                while len(self._held) > self.size:
                    self._held.popitem(last=False)
                return value
        finally:
            self._forget_locks()

    def _forget_locks(self) -> None:
        """Drop the locks nobody holds of names not remembered (failed or forgotten answers):
        a waiter keeps its own reference, so at worst two requests compute the same answer."""
        for name in [n for n, lock in self._locks.items() if not lock.locked()]:
            if name not in self._held:
                del self._locks[name]
