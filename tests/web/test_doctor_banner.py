"""Today's banner (issue 12, item 9): what `doctor` finds, on the page a person opens first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi.testclient import TestClient

from followthrough.services import Service, demo
from followthrough.store import db
from followthrough.store.repo import Repo
from followthrough.web.app import WebConfig, create_app

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)


def page(path: Path, now: dt.datetime = NOW) -> str:
    client = TestClient(create_app(WebConfig(path, clock=lambda: now)),
                        base_url="http://127.0.0.1:8765")  # fmt: skip
    response = client.get("/")
    assert response.status_code == 200
    return response.text


def test_the_demo_search_has_no_banner(tmp_path: Path) -> None:
    path = tmp_path / "web.db"
    engine = db.open_database(db.sqlite_url(path), NOW)
    demo.fill(Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, NOW)), NOW))
    engine.dispose()
    assert 'class="doctor"' not in page(path)


def test_a_search_that_would_go_wrong_says_what_and_how_to_fix_it(tmp_path: Path) -> None:
    path = tmp_path / "web.db"
    engine = db.open_database(db.sqlite_url(path), NOW)
    svc = Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, NOW)), NOW)
    svc.add_application("Acme <b>Corp</b>", "Analyst")  # escaped, never markup
    svc.set_status(1, "interviewing")
    engine.dispose()
    html = page(path)
    assert 'class="doctor"' in html
    assert "3 things would make your plan wrong" in html
    assert "your time zone was never set" in html
    assert "1 application(s) are interviewing with no interview recorded" in html
    assert "Fix: <code>followthrough interview add APP" in html
    assert "<b>Corp</b>" not in html
