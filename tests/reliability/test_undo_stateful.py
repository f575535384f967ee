"""Stateful property test of the change log: any sequence of adds, edits, deletes, merges and
undos, through the real services on a real SQLite file.

- `undo` puts every record back exactly as it was before the change it takes back (each
  journaled table, row for row: the plan's actions with their states included);
- the database always equals the state it started from with every journaled change replayed in
  order (store/journal.replay), undos included: nothing is written outside the log;
- a refused change writes nothing, not even an event.

FOLLOWTHROUGH_UNDO_EXAMPLES=200 runs a longer search (20 sequences of 25 steps by default).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from tests.budget import examples

from followthrough.domain.errors import FollowthroughError
from followthrough.services import (
    Service,
    app_edits,
    contacts,
    exchanges,
    history,
    interview_edits,
    words,
)
from followthrough.store import db, journal
from followthrough.store.repo import Repo

NOW = dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC)
Snapshot = dict[str, list[tuple[Any, ...]]]


def snapshot(path: Path) -> Snapshot:
    """Every journaled row of the file, journaled columns only, sorted."""
    conn = sqlite3.connect(path)
    try:
        return {
            t: sorted(conn.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall(), key=repr)
            for t, cols in journal.JOURNALED.items()
        }
    finally:
        conn.close()


def replayed(start: Path, current: Path, scratch: Path) -> Snapshot:
    """The state `start` reaches with every row change of `current`'s log replayed."""
    shutil.copy(start, scratch)
    source = sqlite3.connect(current)
    changes = source.execute("SELECT tbl, op, old, new FROM event_rows ORDER BY id").fetchall()
    source.close()
    engine = db.open_database(db.sqlite_url(scratch), NOW)
    try:
        import json

        with db.writing(engine) as conn:
            journal.replay(conn, iter(
                (t, op, json.loads(o) if o else None, json.loads(n) if n else None)
                for t, op, o, n in changes))  # fmt: skip
    finally:
        engine.dispose()
    return snapshot(scratch)


class Journal(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="ft-undo-"))
        self.path = self.dir / "u.db"
        engine = db.open_database(db.sqlite_url(self.path), NOW)
        self.svc = Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, NOW)), NOW)
        self.svc.update_settings({"tz": "Europe/Brussels", "country": "BE"})
        # a search under way, so that the first steps already have records to correct
        for n, recruiter in ((1, "Rita <rita@agency.example>"), (2, None)):
            app = self.svc.add_application(f"Start{n}", "Engineer", recruiter=recruiter)
            start = NOW - dt.timedelta(days=n)
            self.svc.add_interview(app.id, start, start + dt.timedelta(hours=1), "video",
                                   [f"Ann{n} <ann{n}@start{n}.example>"])  # fmt: skip
            self.svc.log(app.id, "email-in", at=NOW - dt.timedelta(hours=n), summary="hi")
        self.start = self.dir / "start.db"
        engine.dispose()
        shutil.copy(self.path, self.start)
        self.stack: list[tuple[int, Snapshot]] = []  # (event id, the state before it)
        self.n = 0

    def teardown(self) -> None:
        self.svc.repo.engine.dispose()  # type: ignore[attr-defined]
        shutil.rmtree(self.dir, ignore_errors=True)

    # ------------------------------------------------------------ bookkeeping

    def last(self) -> int | None:
        with self.svc.read() as uow:
            return uow.repo.last_undoable(uow.conn)

    def change(self, step: Any) -> None:
        """Run one change; remember the state before it when it became undoable; a refused
        one must leave the file as it was."""
        before, last = snapshot(self.path), self.last()
        events = self.events()
        try:
            step()
        except FollowthroughError:
            assert snapshot(self.path) == before
            assert self.events() == events
            return
        now = self.last()
        if now is not None and now != last:
            self.stack.append((now, before))

    def events(self) -> int:
        conn = sqlite3.connect(self.path)
        try:
            return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
        finally:
            conn.close()

    def ids(self, table: str) -> list[int]:
        conn = sqlite3.connect(self.path)
        try:
            return [r[0] for r in conn.execute(f"SELECT id FROM {table} ORDER BY id")]
        finally:
            conn.close()

    # ------------------------------------------------------------ changes

    @rule(recruiter=st.booleans())
    def add_application(self, recruiter: bool) -> None:
        self.n += 1
        who = f"R{self.n % 3} <r{self.n % 3}@agency.example>" if recruiter else None
        self.change(lambda: self.svc.add_application(f"Co{self.n % 4}", "Engineer",
                                                     recruiter=who))  # fmt: skip

    @rule(data=st.data(), role=st.sampled_from(["Lead", "Data Engineer"]),
          interest=st.one_of(st.none(), st.integers(1, 5)), clear=st.booleans())
    def edit_application(self, data: Any, role: str, interest: Any, clear: bool) -> None:
        apps = self.ids("applications")
        if not apps:
            return
        app_id = data.draw(st.sampled_from(apps))
        changes: dict[str, Any] = {"role": role, "interest": interest, "salary": "60k"}
        if clear:
            changes["recruiter"] = None
        self.change(lambda: app_edits.edit_application(self.svc, app_id, changes))

    @rule(data=st.data(), hours=st.integers(-120, 120), panel=st.integers(0, 2))
    def add_interview(self, data: Any, hours: int, panel: int) -> None:
        apps = self.ids("applications")
        if not apps:
            return
        app_id = data.draw(st.sampled_from(apps))
        start = NOW + dt.timedelta(hours=hours)
        with_ = [f"I{i} <i{i}@co.example>" for i in range(panel)]
        self.change(lambda: self.svc.add_interview(app_id, start, start + dt.timedelta(hours=1),
                                                   "video", with_))  # fmt: skip

    @rule(data=st.data(), hours=st.integers(-48, 48))
    def move_interview(self, data: Any, hours: int) -> None:
        ivs = self.ids("interviews")
        if not ivs:
            return
        iid = data.draw(st.sampled_from(ivs))
        start = NOW + dt.timedelta(hours=hours)
        self.change(lambda: interview_edits.edit_interview(self.svc, iid, {"start": start}))

    @rule(data=st.data(), table=st.sampled_from(["interviews", "applications", "contacts",
                                                 "interactions"]))
    def delete(self, data: Any, table: str) -> None:
        ids = self.ids(table)
        if not ids:
            return
        ident = data.draw(st.sampled_from(ids))
        step = {
            "interviews": interview_edits.delete_interview,
            "applications": app_edits.delete_application,
            "contacts": contacts.delete_contact,
            "interactions": exchanges.delete_exchange,
        }[table]
        self.change(lambda: step(self.svc, ident))

    @rule(data=st.data(), kind=st.sampled_from(["email-in", "email-out", "call"]),
          back=st.integers(0, 72))
    def log(self, data: Any, kind: str, back: int) -> None:
        apps = self.ids("applications")
        if not apps:
            return
        app_id = data.draw(st.sampled_from(apps))
        at = NOW - dt.timedelta(hours=back)
        self.change(lambda: self.svc.log(app_id, kind, at=at, summary="x", override="test"))

    @rule(data=st.data(), back=st.integers(1, 30))
    def move_exchange(self, data: Any, back: int) -> None:
        ids = self.ids("interactions")
        if not ids:
            return
        xid = data.draw(st.sampled_from(ids))
        at = NOW - dt.timedelta(hours=back)
        self.change(lambda: exchanges.edit_exchange(self.svc, xid, {"at": at}))

    @rule(data=st.data(), state=st.sampled_from(["done", "skipped", "snoozed", "pending"]))
    def act(self, data: Any, state: str) -> None:
        ids = self.ids("actions")
        if not ids:
            return
        action_id = data.draw(st.sampled_from(ids))
        self.change(lambda: self.svc.complete(action_id, state, override="test"))

    @rule(data=st.data())
    def merge_contacts(self, data: Any) -> None:
        ids = self.ids("contacts")
        if len(ids) < 2:
            return
        keep, other = data.draw(st.permutations(ids))[:2]
        self.change(lambda: contacts.merge_contacts(self.svc, keep, other))

    @rule(data=st.data())
    def merge_applications(self, data: Any) -> None:
        ids = self.ids("applications")
        if len(ids) < 2:
            return
        keep, other = data.draw(st.permutations(ids))[:2]
        self.change(lambda: app_edits.merge_applications(self.svc, keep, other))

    @rule(data=st.data(), phone=st.sampled_from(["+32 470 00 00 00", "none"]))
    def edit_contact(self, data: Any, phone: str) -> None:
        ids = self.ids("contacts")
        if not ids:
            return
        cid = data.draw(st.sampled_from(ids))
        value = None if phone == "none" else phone
        self.change(lambda: contacts.edit_contact(self.svc, cid, {"phone": value,
                                                                  "name": "Renamed"}))

    @rule(word=st.sampled_from(["Kubeflow", "dbt", "Airflow"]))
    def add_word(self, word: str) -> None:
        self.change(lambda: words.add_words(self.svc, [word]))

    @rule()
    @precondition(lambda self: self.stack)
    def undo(self) -> None:
        target, before = self.stack.pop()
        undone, _ = history.undo(self.svc)
        assert undone.id == target
        assert snapshot(self.path) == before, f"undo of {undone.summary!r} left a difference"

    # ------------------------------------------------------------ the log is the database

    @invariant()
    def replaying_the_log_gives_the_database(self) -> None:
        assert replayed(self.start, self.path, self.dir / "replay.db") == snapshot(self.path)


Journal.TestCase.settings = settings(
    max_examples=int(os.environ.get("FOLLOWTHROUGH_UNDO_EXAMPLES", examples(12, 40))),
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_undo_walks_back_and_the_log_replays_to_the_database = Journal.TestCase
