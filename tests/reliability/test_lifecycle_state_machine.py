"""Stateful property test: random lifecycles through the real services and a real SQLite file.

After every step the stored plans must keep the invariants of QUALITY.md reliability 6, and the
user's own choices (done, skipped) must never be undone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from followthrough.domain.reconcile import reconcile
from followthrough.services import Service
from followthrough.store import db
from followthrough.store.repo import Repo

START = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)
ZONES = ["Europe/Brussels", "America/New_York", "Asia/Tokyo", "Australia/Sydney"]
FINAL = {"accepted", "rejected", "withdrawn", "closed"}
CHASING = {"check-in", "move-on"}


class Lifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="ft-sm-"))
        engine = db.open_database(db.sqlite_url(self.dir / "sm.db"), START)
        self.svc = Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, START)), START)
        self.apps: list[int] = []
        self.settled: dict[int, str] = {}  # action id -> done/skipped, never to change

    def at(self, now: dt.datetime) -> Service:
        return dataclasses.replace(self.svc, now=now)

    @rule(zone=st.sampled_from(ZONES))
    @precondition(lambda self: not self.apps)
    def set_zone(self, zone: str) -> None:
        self.svc.update_settings({"tz": zone})

    @rule(recruiter=st.booleans(), referee=st.booleans())
    def add_application(self, recruiter: bool, referee: bool) -> None:
        n = len(self.apps)
        app = self.svc.add_application(
            f"Co{n}",
            "Engineer",
            recruiter=f"R{n} <r{n}@agency.example>" if recruiter else None,
            referees=[f"Ref{n} <ref{n}@example.org>"] if referee else [],
        )
        self.apps.append(app.id)

    @rule(
        data=st.data(),
        hours=st.integers(-200, 300),
        panel=st.integers(0, 3),
        fmt=st.sampled_from(["in-person", "phone", "video"]),
        decision=st.one_of(st.none(), st.integers(0, 20)),
    )
    @precondition(lambda self: self.apps)
    def add_interview(self, data, hours, panel, fmt, decision) -> None:  # type: ignore[no-untyped-def]
        app_id = data.draw(st.sampled_from(self.apps))
        start = self.svc.now + dt.timedelta(hours=hours)
        with_ = [f"I{app_id}x{i} <i{app_id}x{i}@co.example>" for i in range(panel)]
        zone = self.svc.week().zone
        by = (start.astimezone(zone).date() + dt.timedelta(days=decision)) if decision else None
        self.svc.add_interview(
            app_id, start, start + dt.timedelta(hours=1), fmt, with_, decision_by=by
        )

    @rule(
        data=st.data(),
        kind=st.sampled_from(["email-in", "email-out", "call"]),
        back=st.integers(0, 48),
    )
    @precondition(lambda self: self.apps)
    def log(self, data, kind, back) -> None:  # type: ignore[no-untyped-def]
        app_id = data.draw(st.sampled_from(self.apps))
        self.svc.log(app_id, kind, at=self.svc.now - dt.timedelta(hours=back))

    @rule(
        data=st.data(),
        status=st.sampled_from(
            ["interviewing", "offer", "accepted", "rejected", "withdrawn", "closed"]
        ),
    )
    @precondition(lambda self: self.apps)
    def set_status(self, data, status) -> None:  # type: ignore[no-untyped-def]
        self.svc.set_status(data.draw(st.sampled_from(self.apps)), status)

    @rule(data=st.data(), what=st.sampled_from(["done", "skipped", "snoozed"]))
    @precondition(lambda self: self.apps)
    def settle(self, data, what) -> None:  # type: ignore[no-untyped-def]
        app_id = data.draw(st.sampled_from(self.apps))
        pending = [a for a in self.svc.plan(app_id) if a["status"] == "pending"]
        if not pending:
            return
        action = data.draw(st.sampled_from(pending))
        due = dt.datetime.fromisoformat(action["due"])
        until = max(self.svc.now, due) + dt.timedelta(days=2) if what == "snoozed" else None
        self.svc.complete(action["id"], what, until=until)
        if what != "snoozed":
            self.settled[action["id"]] = "done" if what == "done" else "skipped"

    @rule(days=st.integers(1, 10))
    def time_passes(self, days: int) -> None:
        self.svc = self.at(self.svc.now + dt.timedelta(days=days))

    # ------------------------------------------------------------------ invariants

    @invariant()
    def plans_keep_the_rules(self) -> None:
        for app_id in self.apps:
            app = self.svc.show_application(app_id)
            plan = app["plan"]
            live = [a for a in plan if a["status"] in ("pending", "snoozed")]
            if app["status"] in FINAL:
                assert not [a for a in live if a["kind"] in CHASING], (app_id, app["status"])
            # the planner keeps a week around every check-in it schedules; two the user has
            # marked done are what happened (the cadence guard warned when the second was
            # recorded), not a plan, so a pair of done ones is not held to it
            check_ins = sorted(
                (dt.datetime.fromisoformat(a["done_at"] or a["due"]), a["status"] == "done")
                for a in plan
                if a["kind"] == "check-in" and a["status"] in ("pending", "snoozed", "done")
            )
            for (first, done_1), (second, done_2) in zip(check_ins, check_ins[1:], strict=False):
                if done_1 and done_2:
                    continue
                gap = (
                    second.astimezone(self.svc.week().zone).date()
                    - first.astimezone(self.svc.week().zone).date()
                )
                assert gap >= dt.timedelta(days=7), (app_id, first, second)
            ends = {iv["id"]: dt.datetime.fromisoformat(iv["end"]) for iv in app["interviews"]}
            for a in plan:
                if a["kind"] == "thank-you" and a["status"] == "pending":
                    due = dt.datetime.fromisoformat(a["due"])
                    assert ends[a["interview_id"]] < due <= dt.datetime.fromisoformat(a["deadline"])

    @invariant()
    def settled_actions_stay_settled(self) -> None:
        for app_id in self.apps:
            for a in self.svc.plan(app_id):
                if a["id"] in self.settled:
                    assert a["status"] == self.settled[a["id"]], a

    @invariant()
    def replanning_is_idempotent(self) -> None:
        with self.svc.repo.read() as conn:
            for app_id in self.apps:
                facts = self.svc.repo.facts(conn, app_id)
                assert not reconcile(facts.actions, self.svc.plan_for(conn, facts), "again")

    def teardown(self) -> None:
        self.svc.repo.engine.dispose()
        shutil.rmtree(self.dir, ignore_errors=True)


Lifecycle.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestLifecycle = Lifecycle.TestCase
