"""Stateful property test: whatever the user did before (any sequence of use cases, recruiters
shared between applications), a change of zone re-plans without an error, and the chunked
re-plan writes exactly what re-planning the applications one by one writes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule

from followthrough.services import Service
from followthrough.store import db
from followthrough.store.repo import Repo

START = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)
ZONES = [
    ("Europe/Brussels", "BE"),
    ("America/New_York", "US"),
    ("Asia/Tokyo", "JP"),
    ("Australia/Sydney", "AU"),
]
RECRUITERS = ["Jane Roe <jane@agency.example>", "Sam Poe <sam@talent.example>"]
STATUSES = ["applied", "interviewing", "offer", "accepted", "rejected", "withdrawn", "closed"]
#: drawn from: a rejection and a reopening twice as likely (they move a recruiter's link)
DRAWN = [*STATUSES, "rejected", "applied"]


def _actions(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM actions ORDER BY id").fetchall()
    finally:
        conn.close()


class AnyStateThenReplan(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="ft-replan-"))
        self.path = self.dir / "f.db"
        engine = db.open_database(db.sqlite_url(self.path), START)
        self.svc = Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, START)), START)
        self.apps: list[int] = []
        self.interviews: list[int] = []
        self.zones = 0

    @rule(recruiter=st.sampled_from([*RECRUITERS, RECRUITERS[0], None]), referee=st.booleans())
    def add_application(self, recruiter: str | None, referee: bool) -> None:
        n = len(self.apps)
        app = self.svc.add_application(
            f"Co{n}",
            "Engineer",
            recruiter=recruiter,
            agency="Agency" if recruiter else None,
            referees=[f"Ref{n} <ref{n}@example.org>"] if referee else [],
        )
        self.apps.append(app.id)

    @rule(data=st.data(), hours=st.integers(-200, 300), panel=st.integers(0, 2))
    @precondition(lambda self: self.apps)
    def add_interview(self, data: st.DataObject, hours: int, panel: int) -> None:
        app_id = data.draw(st.sampled_from(self.apps))
        start = self.svc.now + dt.timedelta(hours=hours)
        with_ = [f"I{app_id}x{i} <i{app_id}x{i}@co.example>" for i in range(panel)]
        iv = self.svc.add_interview(app_id, start, start + dt.timedelta(hours=1), "video", with_)
        self.interviews.append(iv["id"])

    @rule(data=st.data(), status=st.sampled_from(DRAWN))
    @precondition(lambda self: self.apps)
    def set_status(self, data: st.DataObject, status: str) -> None:
        self.svc.set_status(data.draw(st.sampled_from(self.apps)), status)

    @rule(data=st.data(), kind=st.sampled_from(["email-in", "email-out", "call"]))
    @precondition(lambda self: self.apps)
    def log(self, data: st.DataObject, kind: str) -> None:
        self.svc.log(data.draw(st.sampled_from(self.apps)), kind, at=self.svc.now)

    @rule(data=st.data(), verdict=st.sampled_from(["not-for-me", "yes", None]))
    @precondition(lambda self: self.interviews)
    def debrief(self, data: st.DataObject, verdict: str | None) -> None:
        iv = data.draw(st.sampled_from(self.interviews))
        self.svc.record_debrief(iv, {"verdict": verdict} if verdict else {})

    @rule(data=st.data(), what=st.sampled_from(["done", "skipped", "snoozed"]))
    @precondition(lambda self: self.apps)
    def settle(self, data: st.DataObject, what: str) -> None:
        app_id = data.draw(st.sampled_from(self.apps))
        pending = [a for a in self.svc.plan(app_id) if a["status"] == "pending"]
        if not pending:
            return
        action = data.draw(st.sampled_from(pending))
        due = dt.datetime.fromisoformat(action["due"])
        until = max(self.svc.now, due) + dt.timedelta(days=2) if what == "snoozed" else None
        self.svc.complete(action["id"], what, until=until)

    @rule(days=st.integers(1, 10))
    def time_passes(self, days: int) -> None:
        self.svc = dataclasses.replace(self.svc, now=self.svc.now + dt.timedelta(days=days))

    @rule(zone=st.sampled_from(ZONES), chunk=st.integers(1, 4))
    def change_zone(self, zone: tuple[str, str], chunk: int) -> None:
        values = {"tz": zone[0], "country": zone[1]}
        self.zones += 1
        copy = self.dir / f"one-by-one-{self.zones}.db"
        source, target = sqlite3.connect(self.path), sqlite3.connect(copy)
        source.backup(target)
        source.close()
        target.close()
        engine = db.open_database(db.sqlite_url(copy), self.svc.now)
        one = dataclasses.replace(self.svc, repo=Repo(engine, self.svc.repo.owner))
        with one.repo.write() as conn:  # the re-plan as it was, one application at a time
            one.repo.save_settings(conn, values)
            for app_id in one.repo.application_ids(conn):
                one.replan(conn, app_id, "settings changed")
        engine.dispose()
        with self.svc.repo.write() as conn:
            self.svc.repo.save_settings(conn, values)
        self.svc.replan_all("settings changed", chunk=chunk)  # never raises
        assert _actions(self.path) == _actions(copy)

    def teardown(self) -> None:
        self.svc.repo.engine.dispose()
        shutil.rmtree(self.dir, ignore_errors=True)


AnyStateThenReplan.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestAnyStateThenReplan = pytest.mark.slow(AnyStateThenReplan.TestCase)
