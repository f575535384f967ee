"""A child process for the reliability tests: commits through the real service in a loop.

Modes:
  apps PATH START      add applications (each with its status event and plan) forever,
                       printing each id once its transaction has committed (the "ack")
  contacts PATH N TAG  add N contacts, then exit
  zygote PATH          import everything and migrate once, say "zygote", then for each line
                       "START FIFO" on stdin fork a fresh child that runs `apps PATH START`
                       with its output on FIFO, and print the child's pid: a hundred writers
                       to kill cost a hundred forks, not a hundred interpreter start-ups
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys

from followthrough.domain.errors import FollowthroughError
from followthrough.services import Service
from followthrough.store import db
from followthrough.store.repo import Repo

NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


def service(path: str) -> Service:
    engine = db.open_database(db.sqlite_url(path), NOW)
    owner = db.ensure_user(engine, db.LOCAL_USER, NOW)
    return Service(Repo(engine, owner), NOW)


def apps(path: str, n: int, out: int) -> None:
    """Add applications forever, writing "ready" and then each committed id to fd `out`."""
    svc = service(path)
    os.write(out, b"ready\n")  # the parent's readiness signal: migrated, about to write
    while True:
        app = svc.add_application(
            f"Company {n}",
            "Engineer",
            recruiter=f"R {n} <r{n}@agency.example>",
            notes="é" * 200,
        )
        os.write(out, f"{app.id}\n".encode())
        n += 1


def zygote(path: str) -> None:
    """Fork an `apps` writer per line of stdin; the parent SIGKILLs each one (never reaped by
    hand: SIGCHLD is ignored, so the kernel reaps them)."""
    db.open_database(db.sqlite_url(path), NOW).dispose()  # migrated once; each child opens its own
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    sys.stdout.write("zygote\n")
    sys.stdout.flush()
    for line in sys.stdin:
        start, fifo = line.split()
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            out = os.open(fifo, os.O_WRONLY)
            try:
                apps(path, int(start), out)
            finally:
                os._exit(1)
        sys.stdout.write(f"{pid}\n")
        sys.stdout.flush()


def main() -> None:
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "zygote":
        zygote(path)
        return
    if mode == "apps":
        apps(path, int(sys.argv[3]), sys.stdout.fileno())
        return
    svc = service(path)
    if mode == "contacts":
        count, tag = int(sys.argv[3]), sys.argv[4]
        for i in range(count):
            svc.add_contact(f"{tag}-{i}", email=f"{tag}-{i}@example.org")
        print("ok", flush=True)


if __name__ == "__main__":
    try:
        main()
    except FollowthroughError as exc:  # what the CLI does: one line, exit code 1
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
