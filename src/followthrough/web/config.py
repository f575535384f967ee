"""How the web app runs: which database, which clock, which hosts it answers to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path as FilePath

#: The hosts a local app answers to (anything else may be DNS rebinding).
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})


def utc_now() -> dt.datetime:
    """Return the current instant (the web adapter's clock; the core never reads one)."""
    return dt.datetime.now(dt.UTC)


@dataclass
class WebConfig:
    """How the app runs: which database, which clock, which hosts it answers to."""

    db_path: FilePath
    clock: Callable[[], dt.datetime] = utc_now
    overrides: dict[str, str] = field(default_factory=dict)
    allowed_hosts: frozenset[str] = LOCAL_HOSTS
    secure_cookies: bool = False
    #: seconds between the background flushes of the outbox (retries whose time has come);
    #: None: none (the tests, and `demo`'s first screens); `serve` sets it
    outbox_every: float | None = None
