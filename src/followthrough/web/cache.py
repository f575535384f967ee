"""Answers that many requests ask for at once, computed once per state of the data.

Today's agenda only changes when something is written, when a due time passes or at midnight;
in between, only its "now" moves, and that is filled in per response. The store tells us whether
anything was written: SQLite's `PRAGMA data_version` changes on a connection
whenever another connection (this process's or another's, the CLI's included) commits, so a
connection that only ever asks that question is a cheap "has anything changed?" probe.

A miss is computed by one request while the others wait for it (single flight), so 64 clients
arriving together cost one computation and one copy in memory, not 64.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool


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
    """One remembered answer per name."""

    def __init__(self) -> None:
        self._held: dict[str, Held] = {}
        self._locks: dict[str, asyncio.Lock] = {}

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
        held = self._held.get(name)
        if held is not None and held.fits(version, now):
            return held.value
        lock = self._locks.setdefault(name, asyncio.Lock())
        async with lock:
            held = self._held.get(name)
            if held is not None and held.fits(version, now):
                return held.value
            value, until = await run_in_threadpool(compute)
            self._held[name] = Held(version, now, until, value)
            return value
