"""Fixtures shared by test folders."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

HOLDER = Path(__file__).parent / "reliability" / "lock_holder.py"


@contextmanager
def _write_lock_held(db: Path) -> Iterator[None]:
    child = subprocess.Popen(
        [sys.executable, str(HOLDER), str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "locked"  # the readiness signal
        yield
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=30)
        assert child.stdout is not None
        child.stdout.close()


@pytest.fixture
def write_lock_held() -> Callable[[Path], AbstractContextManager[None]]:
    """Return a context manager that holds the write lock of a SQLite file in another process
    (tests/reliability/lock_holder.py) for its block."""
    return _write_lock_held
