"""Stateful property test: whatever the user did before (any sequence of use cases, recruiters
shared between applications, imports, policy changes), a change of zone re-plans without an
error, the chunked re-plan writes exactly what re-planning the applications one by one writes,
and an application Repo.unsettled_application_ids leaves out (once every plan was made on the
current basis) gets no change at all from that full re-plan."""

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
from tests.budget import examples
from tests.files import copy_database

from followthrough.domain.reconcile import reconcile
from followthrough.io import sheets
from followthrough.services import Service
from followthrough.services.importing import run_import
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

    @rule(status=st.sampled_from(STATUSES), days=st.integers(-30, 10),
          recruiter=st.booleans())
    def import_row(self, status: str, days: int, recruiter: bool) -> None:
        """The importer plans an application in a final status not at all."""
        n = len(self.apps)
        when = (self.svc.now + dt.timedelta(days=days)).strftime("%Y-%m-%d 10:00")
        contact = "Jane Roe,jane@agency.example,Agency" if recruiter else ",,"
        csv = self.dir / f"import-{n}.csv"
        csv.write_text(
            "Company,Role,Status,Interview,Recruiter,Recruiter email,Agency\n"
            f"Imp{n},Engineer,{status},{when},{contact}\n",
            encoding="utf-8",
        )
        with sheets.read_table(csv) as table:
            run_import(self.svc, table, sheets.map_columns(table.header))
        with self.svc.repo.read() as conn:
            self.apps = self.svc.repo.application_ids(conn)

    @rule(checks=st.integers(1, 4), linkedin=st.sampled_from(["after-offer", "after-interview"]))
    def change_policy(self, checks: int, linkedin: str) -> None:
        """A policy change re-plans everything (and must not leave a basis a later change of
        dates could trust wrongly)."""
        self.svc.update_settings(
            {"max_check_ins": str(checks), "linkedin_interviewer": linkedin}
        )

    @rule(days=st.integers(1, 10))
    def time_passes(self, days: int) -> None:
        self.svc = dataclasses.replace(self.svc, now=self.svc.now + dt.timedelta(days=days))

    @rule(zone=st.sampled_from(ZONES), chunk=st.integers(1, 4), hours=st.booleans())
    def change_zone(self, zone: tuple[str, str], chunk: int, hours: bool) -> None:
        values = {"tz": zone[0], "country": zone[1]}
        if hours:
            values.update({"work_start": "08:00", "work_end": "17:30"})
        with self.svc.repo.read() as conn:
            left_out = set(self.svc.repo.application_ids(conn)) - set(
                self.svc.repo.unsettled_application_ids(conn)
            )
        self.zones += 1
        copy = self.dir / f"one-by-one-{self.zones}.db"
        copy_database(self.path, copy)
        engine = db.open_database(db.sqlite_url(copy), self.svc.now)
        one = dataclasses.replace(self.svc, repo=Repo(engine, self.svc.repo.owner))
        with one.repo.write() as conn:  # the re-plan as it was, one application at a time
            one.repo.save_settings(conn, values)
            for app_id in one.repo.application_ids(conn):
                if app_id in left_out:  # settled: a full re-plan changes nothing
                    facts = one.repo.facts(conn, app_id)
                    plan = one.plan_for(conn, facts)
                    assert not reconcile(facts.actions, plan, "settings changed"), app_id
                one.replan(conn, app_id, "settings changed")
        engine.dispose()
        if chunk == 4:  # the use case itself (chunks of 500), with its note
            self.svc.update_settings(values)
        else:
            with self.svc.repo.write() as conn:
                self.svc.repo.save_settings(conn, values)
            self.svc.replan_all("settings changed", chunk=chunk)  # never raises
        assert _actions(self.path) == _actions(copy)

    def teardown(self) -> None:
        self.svc.repo.engine.dispose()
        shutil.rmtree(self.dir, ignore_errors=True)


AnyStateThenReplan.TestCase.settings = settings(
    max_examples=examples(30, 60),
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestAnyStateThenReplan = pytest.mark.slow(AnyStateThenReplan.TestCase)
