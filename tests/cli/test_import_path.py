"""QUALITY.md performance, cold start: the `today --json` path imports nothing heavy.

`python -X importtime` lists every module a process imports. On a database the fast path can answer
(a demo database, read at the moment the demo was made), `today --json` must not import SQLAlchemy,
Alembic, Rich, Jinja2, FastAPI, pydantic or openpyxl. A control run on a database that needs the
full path shows that the check does see SQLAlchemy when it is imported.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

FOLLOWTHROUGH = Path(sys.executable).parent / "followthrough"
HEAVY = ("sqlalchemy", "alembic", "rich", "jinja2", "fastapi", "pydantic", "openpyxl", "llm")
DEMO_NOW = "2026-11-25T09:00+01:00"


def run_today_json_with_importtime(db: Path, now: str) -> tuple[set[str], dict[str, Any]]:
    """Run `followthrough --db DB today --json` through main() under -X importtime; return the
    top-level names of every imported module and the parsed output."""
    code = (
        "import sys; "
        f"sys.argv = ['followthrough', '--db', {str(db)!r}, 'today', '--json']; "
        "from followthrough.cli.main import main; main()"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWTHROUGH_")}
    env.update({"FOLLOWTHROUGH_NOW": now, "NO_COLOR": "1"})
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], env=env, capture_output=True,
        text=True, timeout=60, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    modules: set[str] = set()
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        name = line.rsplit("|", 1)[1].strip()
        if name and name != "imported package":
            modules.add(name)
    assert "followthrough.cli.main" in modules, "the import profile was not captured"
    return modules, json.loads(proc.stdout)


def heavy_in(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] in HEAVY}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("import-path") / "demo.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWTHROUGH_")}
    env.update({"FOLLOWTHROUGH_NOW": DEMO_NOW, "NO_COLOR": "1"})
    proc = subprocess.run(
        [str(FOLLOWTHROUGH), "--db", str(db), "demo", "--json"], env=env, capture_output=True,
        text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return db


def test_today_json_imports_nothing_heavy(demo_db: Path) -> None:
    modules, payload = run_today_json_with_importtime(demo_db, DEMO_NOW)
    assert heavy_in(modules) == set()
    assert "followthrough.store.fast" in modules  # the fast path answered
    assert set(payload) == {"now", "overdue", "due_today", "upcoming"}
    assert payload["now"] == "2026-11-25T09:00:00+01:00"
    assert payload["overdue"]
    assert payload["due_today"]


def test_the_check_sees_sqlalchemy_on_the_full_path(tmp_path: Path) -> None:
    """Control: a database of an older schema needs the full path (migrate)."""
    from followthrough.store import db

    path = tmp_path / "old.db"
    engine = db.make_engine(db.sqlite_url(path))
    db.upgrade(engine, db.REVISIONS[-2])
    db.ensure_user(engine, db.LOCAL_USER, dt.datetime(2026, 11, 25, tzinfo=dt.UTC))
    engine.dispose()
    modules, payload = run_today_json_with_importtime(path, DEMO_NOW)
    assert "sqlalchemy" in modules
    assert "alembic" in modules
    assert payload["now"] == "2026-11-25T08:00:00+00:00"  # a new database is on UTC
