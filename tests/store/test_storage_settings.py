"""QUALITY.md reliability 2: WAL, foreign_keys=ON, busy_timeout >= 5000, BEGIN IMMEDIATE for writes.

A deferred transaction that upgrades to a write ignores busy_timeout and fails with "database is
locked" under contention; so every write transaction must take the write lock at BEGIN. These tests
prove it with a second connection rather than trusting the code that says so.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa  # noqa: TID251  (the store is SQLAlchemy)
from sqlalchemy import event  # noqa: TID251

from followthrough.store import db, fast, schema

NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def engine(path: Path) -> Iterator[sa.Engine]:
    """An engine on a database migrated to head."""
    eng = db.open_database(db.sqlite_url(path), NOW)
    yield eng
    eng.dispose()


def raw(path: Path, timeout: float = 0.0) -> sqlite3.Connection:
    """A plain sqlite3 connection in autocommit mode, failing at once when locked."""
    conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    return conn


def test_pragmas_on_every_connection(engine: sa.Engine) -> None:
    # two connections at once: the settings are per connection, not per database
    with engine.connect() as first, engine.connect() as second:
        for conn in (first, second):
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_make_engine_alone_sets_the_pragmas(path: Path) -> None:
    eng = db.make_engine(db.sqlite_url(path))
    try:
        with eng.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    finally:
        eng.dispose()
    assert db.BUSY_TIMEOUT_MS >= 5000


def test_wal_is_persistent_in_the_file(engine: sa.Engine, path: Path) -> None:
    conn = raw(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_foreign_keys_are_enforced(engine: sa.Engine) -> None:
    with pytest.raises(sa.exc.IntegrityError, match="FOREIGN KEY"), db.writing(engine) as conn:
        conn.execute(
            sa.insert(schema.contacts).values(
                owner_id=999, name="Nobody", role="other", direct_contact=False, notes="",
                created_at=NOW,
            )
        )
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.contacts)).scalar() == 0


def test_writing_issues_begin_immediate_and_reads_do_not(engine: sa.Engine) -> None:
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement.strip().upper())

    event.listen(engine, "before_cursor_execute", record)
    try:
        with db.writing(engine) as conn:
            conn.exec_driver_sql("SELECT 1")
        writes = list(statements)
        statements.clear()
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        reads = list(statements)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert writes[0] == "BEGIN IMMEDIATE"
    assert "SELECT 1" in writes
    assert "BEGIN IMMEDIATE" not in reads


def test_writing_holds_the_write_lock_from_the_start(engine: sa.Engine, path: Path) -> None:
    """While a writing() transaction is open, even before it writes anything, another
    connection cannot start a write transaction."""
    other = raw(path)
    try:
        with db.writing(engine) as conn:
            conn.exec_driver_sql("SELECT 1")  # nothing written yet
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again after commit
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_read_transaction_does_not_take_the_write_lock(engine: sa.Engine, path: Path) -> None:
    """The contrast: an ordinary (deferred) transaction leaves writers alone."""
    other = raw(path)
    try:
        with engine.connect() as conn, conn.begin():
            conn.exec_driver_sql("SELECT count(*) FROM users").scalar()
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_second_writer_waits_for_the_first(engine: sa.Engine, path: Path) -> None:
    """busy_timeout applies to writing(): the second writer waits for the first to commit
    instead of failing with "database is locked"."""
    holding = threading.Event()
    moments: dict[str, float] = {}
    errors: list[BaseException] = []

    def first_writer() -> None:
        try:
            with db.writing(engine) as conn:
                conn.execute(sa.insert(schema.users).values(username="first", created_at=NOW))
                holding.set()
                time.sleep(0.5)
                moments["releasing"] = time.monotonic()  # the lock is still held here
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
            holding.set()

    thread = threading.Thread(target=first_writer)
    thread.start()
    assert holding.wait(10)
    second_engine = db.make_engine(db.sqlite_url(path))
    try:
        with db.writing(second_engine) as conn:
            moments["acquired"] = time.monotonic()
            conn.execute(sa.insert(schema.users).values(username="second", created_at=NOW))
            names = set(conn.execute(sa.select(schema.users.c.username)).scalars())
    finally:
        second_engine.dispose()
        thread.join(10)
    assert not errors, errors
    assert moments["acquired"] >= moments["releasing"], "the second writer did not wait"
    assert {"first", "second"} <= names


def test_fast_path_head_matches_the_store_head() -> None:
    assert fast.HEAD == db.HEAD


def test_store_head_is_the_latest_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(db.MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == db.HEAD
