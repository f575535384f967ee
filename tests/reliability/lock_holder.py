"""A child process for the busy-database tests: takes SQLite's write lock and keeps it.

    python lock_holder.py PATH

Prints "locked" once BEGIN IMMEDIATE has succeeded (the readiness signal), then holds the lock
until its stdin is closed, and rolls back.
"""

from __future__ import annotations

import sqlite3
import sys


def main() -> None:
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    print("locked", flush=True)
    sys.stdin.read()
    conn.execute("ROLLBACK")
    conn.close()


if __name__ == "__main__":
    main()
