"""A page about one record reads as much with 200 applications as with 10.

Two databases made by bench/generate.py (10 and 200 applications), each given the same
application through the use cases (a recruiter, a referee, an interview with a panel, its
debrief, an exchange). The SQL statements each page runs on a real SQLite file are counted
(sqlite3's trace callback on every connection the app checks out), and so is the work SQLite
does for them (its progress handler, every PROGRESS_STEP virtual-machine instructions): a
query in a loop adds statements, a read of every application adds work.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event

from followthrough.domain.model import Status
from followthrough.services import Service, interviews
from followthrough.store import db
from followthrough.store.repo import Repo
from followthrough.web.app import WebConfig, create_app

BENCH = Path(__file__).parents[2] / "bench"
NOW_TEXT = "2026-11-25T09:00:00+01:00"
NOW = dt.datetime.fromisoformat(NOW_TEXT)
PROGRESS_STEP = 100
PAGES = ("/applications/{app}", "/interviews/{interview}", "/interviews/{interview}/debrief")
#: Pages that read about many records: a fixed number of statements (their SQLite work grows
#: with the number of applications they count and sort, or whose names the checker looks for).
LISTS = ("/pipeline", "/pipeline?status=interviewing&page=2", "/actions/{action}/draft")


def _generated(path: Path, applications: int) -> None:
    subprocess.run(
        [sys.executable, str(BENCH / "generate.py"), "--applications", str(applications),
         "--out", str(path), "--now", NOW_TEXT],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )  # fmt: skip


def _seed(path: Path) -> dict[str, int]:
    """Add the one application every page is asked about; return its ids."""
    engine = db.open_database(db.sqlite_url(path), NOW)
    svc = Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, NOW)), NOW)
    app = svc.add_application(
        "Quill & Ink", "Data Engineer", recruiter="Rita Recruiter <rita@agency.example>",
        agency="Agency", referees=["Ref Eree <ref@example.org>"],
    )  # fmt: skip
    start = NOW - dt.timedelta(days=2)
    panel = ["Pat Panel <pat@quill.example>", "Sam Second <sam@quill.example>"]
    iv = svc.add_interview(app.id, start, start + dt.timedelta(hours=1), with_=panel)
    interviews.record_debrief(svc, iv["id"], {"topics": ["pipelines"], "verdict": "yes"})
    svc.log(app.id, "email-in", "rita@agency.example", NOW - dt.timedelta(days=1), "News soon")
    engine.dispose()
    conn = sqlite3.connect(path)
    try:
        (action,) = conn.execute(
            "SELECT MIN(id) FROM actions WHERE application_id = ? AND status = 'pending' "
            "AND kind = 'thank-you'", (app.id,),
        ).fetchone()  # fmt: skip
    finally:
        conn.close()
    return {"app": app.id, "interview": iv["id"], "action": action}


class Counter:
    """The statements run and the SQLite work done on the app's connections."""

    def __init__(self, app: FastAPI) -> None:
        self.statements: list[str] = []
        self.steps = 0
        event.listen(app.state.engine, "checkout", self._watch)

    def _watch(self, dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
        dbapi_conn.set_trace_callback(self.statements.append)
        dbapi_conn.set_progress_handler(self._step, PROGRESS_STEP)

    def _step(self) -> int:
        self.steps += 1
        return 0

    def reset(self) -> None:
        self.statements.clear()
        self.steps = 0


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict[str, Any]]:
    """Per size, per page: (statements, work) of one GET, the page not remembered yet."""
    found: dict[int, dict[str, Any]] = {}
    for size in (10, 200):
        path = tmp_path_factory.mktemp(f"size{size}") / "set.db"
        _generated(path, size)
        ids = _seed(path)
        app = create_app(WebConfig(path, clock=lambda: NOW))
        client = TestClient(app, base_url="http://127.0.0.1:8765")
        client.get("/healthz")
        counter = Counter(app)
        found[size] = {}
        for page in (*PAGES, *LISTS):
            counter.reset()
            response = client.get(page.format(**ids))
            assert response.status_code == 200, (page, response.text[-300:])
            found[size][page] = (list(counter.statements), counter.steps)
        app.state.engine.dispose()
    return found


@pytest.mark.parametrize("page", PAGES)
def test_a_page_runs_the_same_statements_whatever_the_number_of_applications(
    measured: dict[int, dict[str, Any]], page: str
) -> None:
    small, large = measured[10][page][0], measured[200][page][0]
    assert len(small) == len(large)
    assert len(large) <= 40, large


@pytest.mark.parametrize("page", PAGES)
def test_a_page_does_not_read_every_application(
    measured: dict[int, dict[str, Any]], page: str
) -> None:
    small, large = measured[10][page][1], measured[200][page][1]
    # 20 times the applications; the same record: a scan of any table would grow ~20-fold,
    # lookups through an index one level deeper at most
    assert large <= 1.5 * small + 20, (small, large)


@pytest.mark.parametrize("page", LISTS)
def test_a_list_runs_a_fixed_number_of_statements(
    measured: dict[int, dict[str, Any]], page: str
) -> None:
    small, large = measured[10][page][0], measured[200][page][0]
    if "draft" in page:  # the action, the facts, the names around it: the same at both sizes
        assert len(small) == len(large)
        assert len(large) <= 40, large
        return
    for statements in (small, large):
        # the board: the counts, a page of cards per status, their next actions, and a fixed
        # few more: the settings (read in two transactions: BEGIN, ROLLBACK), the zone
        assert len(statements) <= 10 + len(Status), [" ".join(s.split())[:60] for s in statements]
