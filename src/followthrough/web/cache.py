"""Answers that many requests ask for at once, computed once per second of data.

Today's agenda is the same for every request in the same second while nothing was written. The
store tells us whether anything was: SQLite's `PRAGMA data_version` changes on a connection
whenever another connection (this process's or another's, the CLI's included) commits, so a
connection that only ever asks that question is a cheap "has anything changed?" probe.

A miss is computed by one request while the others wait for it (single flight), so 64 clients
arriving together cost one computation and one copy in memory, not 64.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable, Hashable
from pathlib import Path

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


class Memo:
    """One remembered value per name, valid for one key (data version, second, ...)."""

    def __init__(self) -> None:
        self._values: dict[str, tuple[Hashable, bytes]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def get(self, name: str, key: Hashable, compute: Callable[[], bytes]) -> bytes:
        """Return the value of `name` for `key`, computing it (in a worker thread) at most once
        however many requests ask at the same time."""
        held = self._values.get(name)
        if held is not None and held[0] == key:
            return held[1]
        lock = self._locks.setdefault(name, asyncio.Lock())
        async with lock:
            held = self._values.get(name)
            if held is not None and held[0] == key:
                return held[1]
            value = await run_in_threadpool(compute)
            self._values[name] = (key, value)
            return value
