"""Make a realistic Followthrough data set for one user, for the benchmarks.

    python bench/generate.py --applications 10000 --out bench/data/apps-10000.db [--seed 1]
                             [--now 2026-11-24T10:00:00+01:00]

The database is created by `followthrough.store.db.open_database`, so the schema, the migrations
and the local user are the real ones; the rows are then written with the stdlib sqlite3 module,
with executemany in one transaction (SQLAlchemy per-row work would dominate at 1.5M actions),
as a bulk load: the indexes built at the end, the foreign keys checked once (and the columns
the triggers keep filled once, the triggers made after).
The rows come from a simulated search (bench/jobsearch.py, bench/followups.py); this module
checks their columns against the real tables and writes them.

For N applications (spread over two years) it makes about 3N interviews (panels of 1-3 people
from a per-company pool), 15N actions (most past ones done/skipped/cancelled, some overdue,
pending future ones for the open applications), 10N interactions, the status history, a few
debriefs and referees, and the settings tz=Europe/Brussels, country=BE.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from jobsearch import Generator
from shapes import COLUMNS, TZ, TZ_NAME, UTC, Statements


def insert_statements(conn: sqlite3.Connection, owner: int) -> Statements:
    """Return an INSERT per table, checked against the real schema, and values to append.

    The schema moves while this generator does not: a column it names that the table lacks, or a
    required column it does not fill, stops it with a message; an `owner_id` it does not fill
    (a table that gained one) is filled with the user's id.
    """
    sql, tail = {}, {}
    for table, spec in COLUMNS.items():
        ours = spec.split()
        real = {r[1]: r for r in conn.execute(f"PRAGMA table_info({table})")}
        unknown = [c for c in ours if c not in real]
        extra = () if "owner_id" in ours or "owner_id" not in real else ("owner_id",)
        # table_info rows: (cid, name, type, notnull, dflt_value, pk)
        missing = [n for n, r in real.items()
                   if n not in ours and n not in extra and r[3] and r[4] is None and not r[5]]
        if unknown or missing:
            raise SystemExit(f"generate: {table}: schema changed (unknown columns {unknown}, "
                             f"required columns not filled {missing}); update bench/generate.py")
        names = [*ours, *extra]
        sql[table] = (f"INSERT INTO {table} ({', '.join(names)}) "
                      f"VALUES ({', '.join('?' * len(names))})")
        tail[table] = (owner,) if extra else ()
    return sql, tail


def drop_indexes(conn: sqlite3.Connection, kind: str = "index", keep: str = "") -> list[str]:
    """Drop the schema's own indexes (not those of UNIQUE and PRIMARY KEY constraints), or its
    triggers (kind "trigger"), but those whose name starts with `keep` when given; return the
    statements that make them again, exactly as the migrations wrote them."""
    found = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = ? "
                         "AND sql IS NOT NULL ORDER BY rowid", (kind,)).fetchall()
    found = [(name, sql) for name, sql in found if not (keep and name.startswith(keep))]
    for name, _sql in found:
        conn.execute(f'DROP {kind.upper()} "{name}"')
    return [sql for _name, sql in found]


def iter_settings(owner: int) -> Iterator[tuple[int, str, str]]:
    yield owner, "tz", TZ_NAME
    yield owner, "country", "BE"


def generate(out: Path, applications: int, seed: int, now: dt.datetime) -> dict[str, int]:
    """Create a fresh database at `out` filled for one user; return the row counts."""
    from followthrough.store import db
    from followthrough.store.insights_replies import refill

    tmp = out.with_name(out.name + ".tmp")
    for path in (tmp, *(tmp.with_name(tmp.name + s) for s in ("-wal", "-shm"))):
        path.unlink(missing_ok=True)
    engine = db.open_database(db.sqlite_url(tmp), now)
    owner = db.ensure_user(engine, db.LOCAL_USER, now)
    engine.dispose()
    conn = sqlite3.connect(tmp, isolation_level=None)
    try:
        # A bulk load into a file nobody else sees (renamed into place at the end): no journal,
        # no foreign keys checked row by row (all checked once below), the indexes built once
        # at the end rather than kept up row by row.
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -200000")
        conn.execute("BEGIN IMMEDIATE")
        indexes = drop_indexes(conn)
        # the triggers that keep each send's first reply (migration 0002) would look it up row
        # by row, without the indexes: the columns are filled once, after the rows, instead;
        # those that keep the debrief items (0004) read the new row alone and stay
        triggers = drop_indexes(conn, "trigger", keep="ft_debrief_items_")
        conn.executemany("INSERT INTO settings (owner_id, key, value) VALUES (?, ?, ?)",
                         iter_settings(owner))
        statements = insert_statements(conn, owner)
        counts = Generator(conn, statements, owner, now, seed, applications).run()
        for sql in indexes:
            conn.execute(sql)
        refill(conn)
        for sql in triggers:
            conn.execute(sql)
        conn.execute("COMMIT")
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise SystemExit(f"generate: foreign key problems: {problems[:5]}")
        conn.execute("PRAGMA journal_mode = WAL")  # as the store made it
    finally:
        conn.close()
    for path in (out, *(out.with_name(out.name + s) for s in ("-wal", "-shm"))):
        path.unlink(missing_ok=True)
    tmp.rename(out)
    for suffix in ("-wal", "-shm"):
        tmp.with_name(tmp.name + suffix).unlink(missing_ok=True)
    return counts


def parse_now(text: str | None) -> dt.datetime:
    """Return --now as an aware instant (naive means Brussels), or the clock."""
    if not text:
        return dt.datetime.now(UTC).replace(microsecond=0)
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=TZ)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applications", type=int, required=True, metavar="N")
    parser.add_argument("--out", type=Path, required=True, metavar="PATH.db")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--now", metavar="ISO",
                        help="the moment the data is 'now' (default: the clock)")
    args = parser.parse_args(argv)
    if args.applications < 1:
        parser.error("--applications must be at least 1")
    started = time.perf_counter()
    counts = generate(args.out, args.applications, args.seed, parse_now(args.now))
    took = time.perf_counter() - started
    summary = ", ".join(f"{k} {v}" for k, v in counts.items())
    print(f"{args.out}: {summary} ({took:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
