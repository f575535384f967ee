"""Re-planning against the real store: twice is the same as once, and user choices survive."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from followthrough.domain.errors import ValidationError
from followthrough.domain.reconcile import reconcile
from followthrough.services import Service, demo
from followthrough.store import db
from followthrough.store.repo import Repo

NOW = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def _service(path: Path) -> Service:
    engine = db.open_database(db.sqlite_url(path), NOW)
    return Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, NOW)), NOW)


def _dump(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM actions ORDER BY id").fetchall()
    finally:
        conn.close()


def test_stored_plan_round_trips_so_replanning_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "f.db"
    svc = _service(path)
    demo.fill(svc)
    before = _dump(path)
    later = dataclasses.replace(svc, now=NOW + dt.timedelta(days=3))
    with svc.repo.write() as conn:
        for app_id in svc.repo.application_ids(conn):
            facts = svc.repo.facts(conn, app_id)
            planned = later.plan_for(conn, facts)
            assert not reconcile(facts.actions, planned, "again"), app_id
            later.replan(conn, app_id, "again")
    assert _dump(path) == before  # not even updated_at moved


def test_done_skipped_and_snoozed_survive_a_settings_change(tmp_path: Path) -> None:
    path = tmp_path / "f.db"
    svc = _service(path)
    demo.fill(svc)
    plan = svc.plan(1)
    pending = [a for a in plan if a["status"] == "pending"]
    done, skipped, snoozed = pending[0], pending[1], pending[2]
    svc.complete(done["id"], "done")
    svc.complete(skipped["id"], "skipped", reason="not needed")
    until = NOW + dt.timedelta(days=2)
    svc.complete(snoozed["id"], "snoozed", until=until)
    svc.update_settings({"tz": "America/New_York", "country": "US"})
    after = {a["id"]: a for a in svc.plan(1)}
    assert after[done["id"]]["status"] == "done"
    assert after[skipped["id"]]["status"] == "skipped"
    assert after[skipped["id"]]["reason"] == "not needed"
    assert after[snoozed["id"]]["status"] == "snoozed"
    assert dt.datetime.fromisoformat(after[snoozed["id"]]["due"]) == until
    # the zone changed, so every time is now shown in New York
    assert all(a["due"].endswith(("-05:00", "-04:00")) for a in after.values())


def test_snooze_only_postpones(tmp_path: Path) -> None:
    svc = _service(tmp_path / "f.db")
    demo.fill(svc)
    action = next(
        a
        for a in svc.plan(1)
        if a["status"] == "pending" and dt.datetime.fromisoformat(a["due"]) > NOW + HOUR * 2
    )
    due = dt.datetime.fromisoformat(action["due"])
    with pytest.raises(ValidationError, match="snoozing postpones"):
        svc.complete(action["id"], "snoozed", until=due - HOUR)
    later = due + dt.timedelta(days=1)
    snoozed = svc.complete(action["id"], "snoozed", until=later)
    assert dt.datetime.fromisoformat(snoozed["due"]) == later
    assert snoozed["status"] == "snoozed"
