"""The read path (issue 11): a command that only reads loads neither SQLAlchemy nor anything
else it does not use, and answers from the stdlib sqlite3 module; the first write of a process
opens the full store. Asserted on the modules loaded, never on timings."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

#: Loaded by no read command: click (the read route answers before it), the ORM layer and
#: migrations, the web stack, other countries' holiday calendars (any holidays at all: reading
#: plans no dates), the planner.
NEVER = (
    "click", "sqlalchemy", "alembic", "holidays", "pydantic", "fastapi", "starlette", "jinja2",
    "uvicorn", "openpyxl", "followthrough.domain.planner", "followthrough.domain.reconcile",
    "followthrough.store.repo", "followthrough.store.db", "followthrough.store.schema",
)  # fmt: skip

#: What each read command may load on top: the playbook's rules where it shows its reminders.
ALSO = {"brief": {"followthrough.domain.playbook"}}

READS = {
    "today": ["today"],
    "plan": ["plan", "1"],
    "brief": ["brief", "1"],
    "app list": ["app", "list"],
    "app show": ["app", "show", "1"],
    "contact list": ["contact", "list"],
    "contact show": ["contact", "show", "1"],
    "interview show": ["interview", "show", "1"],
    "today --json": ["today", "--json"],
    "plan --json": ["plan", "1", "--json"],
    "app list --json": ["app", "list", "--json"],
    "interview show --json": ["interview", "show", "1", "--json"],
    "insights": ["insights"],
    "insights --json": ["insights", "--json"],
    "doctor": ["doctor"],
    "history": ["history"],
    "history --json": ["history", "1", "--json"],
    # any text file will do as a draft to check: this one
    "lint": ["lint", __file__, "--kind", "thank-you"],
    "lint --json": ["lint", __file__, "--json"],
}

#: Run the CLI's main() as the console script does, then report the modules it loaded.
PROBE = """
import json, sys
from followthrough.cli.main import main
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
sys.stdout.flush()
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + " " + json.dumps(code) + "\\n")
"""


def run(db: Path, now: str, args: list[str]) -> tuple[str, set[str], Any]:
    """Return (stdout, the modules loaded, the exit code) of `followthrough ARGS` on `db`."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "--db", str(db), "--now", now, *args],
        capture_output=True, text=True, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        check=False, timeout=120,
    )  # fmt: skip
    line = next(x for x in done.stderr.splitlines() if x.startswith("MODULES "))
    modules, code = line.removeprefix("MODULES ").rsplit(" ", 1)
    return done.stdout, set(json.loads(modules)), json.loads(code)


def loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(m.startswith(name + ".") for m in modules)


@pytest.mark.parametrize("name", sorted(READS))
def test_a_read_command_loads_nothing_it_does_not_use(
    name: str, seeded_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "seed.db"
    db.write_bytes(seeded_template.read_bytes())
    # the day's first `today` stores the keep-searching nudge when one is due (a write)
    run(db, "2026-11-20T09:00+01:00", ["today"])
    out, modules, code = run(db, "2026-11-20T09:00+01:00", READS[name])
    assert code in (0, None), out
    assert out.strip()
    allowed = ALSO.get(name.split(" --")[0], set())
    wrong = [m for m in NEVER if loaded(modules, m) and m not in allowed]
    assert wrong == [], f"`{name}` loaded {wrong}"


@pytest.mark.parametrize("name", sorted(READS))
def test_a_read_of_a_database_that_is_not_there_says_so(name: str, tmp_path: Path) -> None:
    """A mistyped --db is not a new, empty search: the command names the path and the fix."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "--db", str(tmp_path / "typo.db"), *READS[name]],
        capture_output=True, text=True, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        check=False, timeout=120,
    )  # fmt: skip
    first = done.stderr.splitlines()[0]
    assert first == (f"error: --db: no database at {str(tmp_path / 'typo.db')!r}; check the path,"
                     f" or create one there with `followthrough --db {tmp_path / 'typo.db'} init`")
    assert done.stdout == ""
    assert "MODULES" in done.stderr
    assert json.loads(done.stderr.rsplit(" ", 1)[1]) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_read_of_an_older_database_opens_the_full_store(tmp_path: Path) -> None:
    from followthrough.store import db

    path = tmp_path / "old.db"
    engine = db.make_engine(db.sqlite_url(path))
    db.upgrade(engine, db.REVISIONS[-2])
    db.ensure_user(engine, db.LOCAL_USER, dt.datetime(2026, 11, 20, tzinfo=dt.UTC))
    engine.dispose()
    out, modules, code = run(path, "2026-11-20T09:00+01:00", ["app", "list"])
    assert code in (0, None)
    assert loaded(modules, "sqlalchemy")  # migrated to the head
    assert db.current_revision(db.make_engine(db.sqlite_url(path))) == db.HEAD


def test_the_day_s_nudge_is_stored_by_the_first_today(
    seeded_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "seed.db"
    db.write_bytes(seeded_template.read_bytes())
    first, modules, _ = run(db, "2026-11-20T09:00+01:00", ["today", "--json"])
    assert loaded(modules, "followthrough.domain.planner")
    assert "keep-searching" in first
    again, modules, _ = run(db, "2026-11-20T09:00+01:00", ["today", "--json"])
    assert again == first
    assert not loaded(modules, "sqlalchemy")


def test_a_write_opens_the_full_store_once(seeded_template: Path, tmp_path: Path) -> None:
    db = tmp_path / "seed.db"
    db.write_bytes(seeded_template.read_bytes())
    args = ["app", "add", "--company", "Globex", "--role", "Analyst"]
    out, modules, code = run(db, "2026-11-20T09:00+01:00", args)
    assert code in (0, None)
    assert loaded(modules, "sqlalchemy")
    assert loaded(modules, "followthrough.domain.planner")
    listed, _, _ = run(db, "2026-11-20T09:00+01:00", ["app", "list", "--json"])
    assert "Globex" in listed


def test_lint_with_its_caches_built_loads_no_pathlib_and_no_zones(
    seeded_template: Path, tmp_path: Path
) -> None:
    """`lint` reads its caches and the database by name, and plans nothing: pathlib and
    zoneinfo (some 7 ms of a 100 ms process) stay unloaded once the caches are there."""
    db = tmp_path / "seed.db"
    db.write_bytes(seeded_template.read_bytes())
    note = tmp_path / "note.txt"
    note.write_text("Dear Ngozi,\n\nThank you for the tour of the depot.\n\nBest,\nSam\n")
    env = {"NO_COLOR": "1", "PATH": "/usr/bin:/bin",
           "FOLLOWTHROUGH_CACHE_DIR": str(tmp_path / "cache")}  # fmt: skip
    args = [sys.executable, "-c", PROBE, "--db", str(db), "lint", str(note), "--kind", "thank-you"]
    for _ in range(2):  # the first builds the caches (and may use pathlib to write them)
        done = subprocess.run(args, capture_output=True, text=True, env=env, check=False,
                              timeout=120)  # fmt: skip
    line = next(x for x in done.stderr.splitlines() if x.startswith("MODULES "))
    modules = set(json.loads(line.removeprefix("MODULES ").rsplit(" ", 1)[0]))
    assert "spelling" in done.stdout
    assert not {"pathlib", "zoneinfo", "urllib.parse"} & modules
