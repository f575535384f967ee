"""A database another process keeps locked: a bounded wait, then one line and exit 1."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.cli.conftest import Ft

def test_a_write_while_another_process_holds_the_lock_says_busy_in_one_line(
    ft: Ft, tmp_path: Path, write_lock_held: Callable[[Path], AbstractContextManager[None]]
) -> None:
    assert ft("init", "--tz", "Europe/Brussels", "--country", "BE").code == 0
    add = ["app", "add", "--company", "ACME", "--role", "Data Engineer"]
    with write_lock_held(ft.db):
        run = ft(*add, env={"FOLLOWTHROUGH_LOCK_WAIT": "0.3"})
    assert run.code == 1, run
    assert run.err_lines == [
        "error: the database is busy: another command kept it locked for 0.3 s; "
        "try again in a moment"
    ], run.err
    assert "Traceback" not in run.err
    assert ft(*add).code == 0  # the lock gone, the same command goes through


def test_lock_wait_must_be_seconds(ft: Ft) -> None:
    assert ft("init", "--tz", "Europe/Brussels").code == 0
    run = ft("app", "add", "--company", "A", "--role", "B", env={"FOLLOWTHROUGH_LOCK_WAIT": "soon"})
    assert run.code == 1
    assert run.err_lines == [
        "error: FOLLOWTHROUGH_LOCK_WAIT: 'soon'; give seconds from 0 to 3600, e.g. 15"
    ]
