"""Opening a database: engine settings, migrations to head, the local user.

SQLite runs in WAL mode with foreign keys on, a 5 s busy timeout, and BEGIN IMMEDIATE for every
write transaction (a deferred transaction that later upgrades to a write ignores busy_timeout and
fails with "database is locked" under contention). Taking the write lock is retried for up to
`write_wait()` seconds (15, or FOLLOWTHROUGH_LOCK_WAIT); after that, and whenever SQLite still says
"database is locked", the user gets a BusyError (one line, exit 1, HTTP 503), never the driver's.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, RootTransaction, create_engine, event, insert, select
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import OperationalError

from followthrough.domain.errors import DiskFullError, FollowthroughError
from followthrough.store import schema
from followthrough.store.agenda_sql import HEAD as HEAD  # re-exported: db.HEAD
from followthrough.store.sql import BUSY_TIMEOUT_MS as BUSY_TIMEOUT_MS  # re-exported
from followthrough.store.sql import busy_error, is_busy

#: Every schema revision this version knows, oldest first (the files in migrations/versions).
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
LOCAL_USER = "local"
#: How long a write waits for another writer to finish before the user is told (seconds).
WRITE_WAIT_S = 15.0
LOCK_WAIT_ENV = "FOLLOWTHROUGH_LOCK_WAIT"
MIGRATIONS = Path(__file__).with_name("migrations")


class StoreError(FollowthroughError):
    """The database cannot be opened or migrated."""


def _where(url: str) -> str:
    """Return a URL fit to show: the file of a SQLite URL, no password of a server URL."""
    if url.startswith("sqlite"):
        return url.split("///", 1)[1]
    return url.split("@")[-1]


def _first_line(exc: BaseException) -> str:
    """Return the driver's own one-line message (SQLAlchemy appends a help link)."""
    inner = getattr(exc, "orig", None) or exc
    return str(inner).strip().splitlines()[0] if str(inner).strip() else inner.__class__.__name__


def sqlite_url(path: Path | str) -> str:
    """Return the SQLAlchemy URL of the SQLite file at `path`."""
    return f"sqlite+pysqlite:///{Path(path)}"


def _sqlite_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    """Set the project's PRAGMAs on a new SQLite connection; return nothing."""
    # Autocommit at the driver level: the "begin" hook below issues BEGIN itself.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    """Issue BEGIN IMMEDIATE for a write connection, BEGIN DEFERRED otherwise; return nothing."""
    mode = "IMMEDIATE" if conn.get_execution_options().get("write") else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


#: SQLite's result code for "database or disk is full" (a write failed with ENOSPC or EDQUOT).
SQLITE_FULL = 13


def disk_full(where: str) -> DiskFullError:
    """Return the error for a write that found no space on the device holding `where`."""
    return DiskFullError(
        f"no space left on the device holding {where}; free some space and try again "
        "(nothing was saved)"
    )


#: SQLite's result code for an I/O error (on a full disk: the -shm or -wal file could not grow).
SQLITE_IOERR = 10
#: Below this much free space an I/O error is taken for a full disk.
NEARLY_FULL = 1 << 20


def out_of_space(exc: BaseException, where: str) -> bool:
    """Return True when `exc` (a driver error on the SQLite file `where`) means the disk is full:
    SQLite says so, or it reports an I/O error while the device has (almost) no space left."""
    orig = getattr(exc, "orig", None) or exc
    if not isinstance(orig, sqlite3.Error):
        return False
    code = getattr(orig, "sqlite_errorcode", None)
    if code == SQLITE_FULL or "database or disk is full" in str(orig):
        return True
    if code is not None and code & 0xFF == SQLITE_IOERR or "disk I/O error" in str(orig):
        try:
            return shutil.disk_usage(Path(where).parent).free < NEARLY_FULL
        except OSError:
            return False
    return False


def _translate_sqlite_error(where: str) -> Any:
    def handle(context: ExceptionContext) -> None:
        """Raise DiskFullError for a write that found the disk full; return otherwise."""
        if out_of_space(context.original_exception, where):
            raise disk_full(where) from context.original_exception

    return handle


def make_engine(url: str) -> Engine:
    """Return an engine for `url` with the project's connection settings."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine, "handle_error", _translate_sqlite_error(_where(url)))
        return engine
    return create_engine(url, pool_pre_ping=True)


def write_wait() -> float:
    """Return how many seconds a write may wait for the lock (FOLLOWTHROUGH_LOCK_WAIT, else 15)."""
    text = os.environ.get(LOCK_WAIT_ENV, "").strip()
    if not text:
        return WRITE_WAIT_S
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 <= value <= 3600:  # also rejects nan
        raise StoreError(f"{LOCK_WAIT_ENV}: {text!r}; give seconds from 0 to 3600, e.g. 15")
    return value


@contextlib.contextmanager
def busy_as_error() -> Iterator[None]:
    """Yield nothing; turn SQLite's "database is locked" raised inside the block (after
    SQLite's own wait, busy_timeout) into a BusyError."""
    try:
        yield
    except OperationalError as exc:
        if is_busy(exc):
            raise busy_error(BUSY_TIMEOUT_MS / 1000) from exc
        raise


def _set_busy_timeout(conn: Connection, ms: int) -> None:
    cursor = conn.connection.cursor()  # the driver's, outside SQLAlchemy's transaction
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(ms)}")
    finally:
        cursor.close()


def begin_write(conn: Connection) -> RootTransaction:
    """Return a write transaction begun on `conn` (BEGIN IMMEDIATE on SQLite), waiting for the write
    lock up to `write_wait()` seconds in all; raise BusyError when it stays taken."""
    if conn.dialect.name != "sqlite":
        return conn.begin()
    wait = write_wait()
    deadline = time.monotonic() + wait
    shortened = False
    try:
        while True:
            left_ms = (deadline - time.monotonic()) * 1000
            if left_ms < BUSY_TIMEOUT_MS:  # SQLite's own wait must not outlast ours
                _set_busy_timeout(conn, int(max(0, left_ms)))
                shortened = True
            try:
                return conn.begin()
            except OperationalError as exc:
                if conn.in_transaction():
                    conn.rollback()
                if not is_busy(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise busy_error(wait) from exc
    finally:
        if shortened:
            _set_busy_timeout(conn, BUSY_TIMEOUT_MS)


def data_version(conn: Connection) -> int | None:
    """Return SQLite's data_version of `conn` (it changes when another connection commits;
    inside a transaction it is that of the transaction's snapshot), or None elsewhere."""
    if conn.dialect.name != "sqlite":
        return None
    return int(conn.exec_driver_sql("PRAGMA data_version").scalar_one())


@contextlib.contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """Yield a connection inside one write transaction (BEGIN IMMEDIATE on SQLite); a lock
    that stays taken, before or during it, raises BusyError."""
    with busy_as_error(), engine.connect() as conn:  # connecting runs PRAGMAs too
        conn = conn.execution_options(write=True)
        with begin_write(conn):
            yield conn


def current_revision(engine: Engine) -> str | None:
    """Return the Alembic revision the database is at, or None for an empty database."""
    with engine.connect() as conn:
        if not engine.dialect.has_table(conn, "alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to `revision` with Alembic; return nothing."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        conn.commit()


def backup_sqlite(path: Path, now: dt.datetime) -> Path:
    """Copy the SQLite file at `path` beside it with the backup API; return the copy's path."""
    target = path.with_name(f"{path.name}.{now.strftime('%Y%m%dT%H%M%S')}.bak")
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def open_database(url: str, now: dt.datetime) -> Engine:
    """Return an engine on a database migrated to head, with a local user (created if new).

    An existing SQLite database is backed up before it is migrated; a failed migration leaves
    it at its previous version (each Alembic revision runs in one transaction).
    """
    if url.startswith("sqlite"):
        path = Path(url.split("///", 1)[1])
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    try:
        revision = current_revision(engine)
    except Exception as exc:  # a file that is not a database, a server that is down
        if isinstance(exc, FollowthroughError):
            raise  # already the user's error (a full disk)
        raise StoreError(f"--db: cannot open {_where(url)}: {_first_line(exc)}") from exc
    if revision != HEAD:
        if revision is not None and revision not in REVISIONS:
            raise StoreError(
                f"--db: {_where(url)} was written by a newer Followthrough (schema {revision}); "
                "upgrade Followthrough to open it"
            )
        if revision is not None and url.startswith("sqlite"):
            backup_sqlite(path, now)
        upgrade(engine)
    ensure_user(engine, LOCAL_USER, now)
    return engine


def ensure_user(engine: Engine, username: str, now: dt.datetime) -> int:
    """Return the id of user `username`, creating the user if needed."""
    with engine.connect() as conn:
        found = conn.execute(
            select(schema.users.c.id).where(schema.users.c.username == username)
        ).scalar()
    if found is not None:
        return int(found)
    with writing(engine) as conn:
        found = conn.execute(
            select(schema.users.c.id).where(schema.users.c.username == username)
        ).scalar()
        if found is not None:
            return int(found)
        result = conn.execute(insert(schema.users).values(username=username, created_at=now))
        return int(result.inserted_primary_key[0])
