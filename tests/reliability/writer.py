"""A child process for the reliability tests: commits through the real service in a loop.

Modes:
  apps PATH START      add applications (each with its status event and plan) forever,
                       printing each id once its transaction has committed (the "ack")
  contacts PATH N TAG  add N contacts, then exit
"""

from __future__ import annotations

import datetime as dt
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


def main() -> None:
    mode, path = sys.argv[1], sys.argv[2]
    svc = service(path)
    if mode == "apps":
        sys.stdout.write("ready\n")  # the parent's readiness signal: migrated, about to write
        sys.stdout.flush()
        n = int(sys.argv[3])
        while True:
            app = svc.add_application(
                f"Company {n}",
                "Engineer",
                recruiter=f"R {n} <r{n}@agency.example>",
                notes="é" * 200,
            )
            sys.stdout.write(f"{app.id}\n")
            sys.stdout.flush()
            n += 1
    elif mode == "contacts":
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
