"""The insights from the store's aggregates equal the reference computation from every fact.

`services.insights.insights` (SQL aggregates, store/insights.py) is compared, value for value
and JSON for JSON, with tests/insights_reference (the computation before issue 11, from
`Repo.all_facts`) on the same database at the same `now`: (a) the demo search built through
the real use cases, in Brussels and New York, read at several moments around DST changes;
(b) generated searches (bench/generate.py, 300 applications, two seeds); (c) a small search
written row by row with every edge the definitions name (deadline vs grace, snoozes, skips,
imported history, cancelled actions, rows without an application, replies at the window's
edge, a logged send and a done action a minute apart, events at a Monday's local midnight,
debriefs with blank, wordless or odd items), read a microsecond either side of each edge.

The human output and the web page are drawn from `as_json()` alone, so equal JSON means equal
pages and tables.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followthrough.services import Service, demo
from followthrough.services import insights as service
from followthrough.services.context import Context, open_store
from followthrough.store.repo import Repo
from tests import insights_reference as reference

BRUSSELS = ZoneInfo("Europe/Brussels")
NEW_YORK = ZoneInfo("America/New_York")
ROOT = Path(__file__).resolve().parents[2]
US = dt.timedelta(microseconds=1)


def context(path: Path, now: dt.datetime, **overrides: str) -> Context:
    """Return the use cases' context on the database at `path`, at `now`."""
    store = open_store(path, now)
    return Context(Repo(store.engine, store.owner), now, dict(overrides))


def assert_same(path: Path, now: dt.datetime, weeks: int = 12, **overrides: str) -> dict:
    """Assert that both computations give the same report; return its JSON."""
    ctx = context(path, now, **overrides)
    try:
        new = service.insights(ctx, weeks)
        with ctx.read() as uow:
            facts = uow.repo.all_facts(uow.conn)
            zone = uow.zone
        old = reference.insights(facts, now, zone, weeks)
    finally:
        ctx.repo.engine.dispose()
    assert new.as_json() == old.as_json(), f"at {now.isoformat()}, {weeks} weeks"
    assert dataclasses.astuple(new) == dataclasses.astuple(old)  # the values behind the JSON
    return new.as_json()


# ---------------------------------------------------------------- (a) the demo search

#: (zone, the moment the demo is built): a few days before a DST change in each zone.
DEMOS = [
    ("Europe/Brussels", dt.datetime(2026, 10, 22, 9, 0, tzinfo=BRUSSELS)),  # 25 Oct: back
    ("Europe/Brussels", dt.datetime(2026, 3, 26, 18, 30, tzinfo=BRUSSELS)),  # 29 Mar: forward
    ("America/New_York", dt.datetime(2026, 10, 29, 8, 0, tzinfo=NEW_YORK)),  # 1 Nov: back
    ("America/New_York", dt.datetime(2026, 3, 5, 23, 30, tzinfo=NEW_YORK)),  # 8 Mar: forward
]


@pytest.fixture(scope="module", params=DEMOS, ids=lambda d: f"{d[0]}-{d[1]:%m%d}")
def demo_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """A demo search built at the moment given, plus the replies and skips a user would add."""
    tz, built = request.param
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(path, built)
    try:
        demo.fill(Service.on(store, built, {"tz": tz}))
        later = Service.on(store, built + dt.timedelta(hours=2), {"tz": tz})
        later.log(1, "email-in", summary="Thanks for your note")
        later.log(2, "email-out", summary="Following up")
        later.log(3, "message-in", summary="We will call you")
    finally:
        store.engine.dispose()
    return path, tz, built


@pytest.mark.parametrize("days", [-9, 0, 2, 4, 15, 40])
@pytest.mark.parametrize("weeks", [1, 12, 104])
def test_demo_search(demo_db: tuple, days: int, weeks: int) -> None:
    path, tz, built = demo_db
    now = built + dt.timedelta(days=days, hours=3)
    out = assert_same(path, now, weeks, tz=tz)
    assert out["zone"] == tz
    if days >= 0:
        assert out["funnel"]["total"] == 5


def test_the_demo_has_something_to_compare(demo_db: tuple) -> None:
    path, tz, built = demo_db
    out = assert_same(path, built + dt.timedelta(days=15), 12, tz=tz)
    assert out["follow_ups"]["total"]["eligible"] > 0
    assert sum(r["sent"] + r["waiting"] for r in out["reply_rates"]) > 0
    assert sum(w["actions_done"] for w in out["weeks"]) > 0
    assert out["questions"]["singles_total"] + len(out["questions"]["recurring"]) > 0


# ---------------------------------------------------------------- (b) generated searches

GENERATED_NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=BRUSSELS)


@pytest.fixture(scope="module", params=[1, 2], ids=lambda s: f"seed{s}")
def generated_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated search of 300 applications (bench/generate.py) as of GENERATED_NOW."""
    path = tmp_path_factory.mktemp("generated") / f"apps-300-seed{request.param}.db"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "--applications", "300",
         "--out", str(path), "--seed", str(request.param), "--now", GENERATED_NOW.isoformat()],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return path


@pytest.mark.parametrize(
    ("now", "weeks", "tz"),
    [
        (GENERATED_NOW, 12, None),
        (GENERATED_NOW, 104, None),
        (GENERATED_NOW - dt.timedelta(days=30), 12, None),  # 25 Oct 2026 inside the weeks
        (GENERATED_NOW - dt.timedelta(days=240), 104, None),  # the data's future is ignored
        (GENERATED_NOW + dt.timedelta(days=20), 5, None),
        (GENERATED_NOW, 104, "America/New_York"),
        (GENERATED_NOW - dt.timedelta(days=260), 8, "America/New_York"),  # 8 Mar 2026
    ],
)
def test_generated_search(generated_db: Path, now: dt.datetime, weeks: int, tz: str | None) -> None:
    out = assert_same(generated_db, now, weeks, **({"tz": tz} if tz else {}))
    assert out["funnel"]["total"] > 0


# ---------------------------------------------------------------- (c) every edge, row by row

#: Wednesday 28 October 2026, 12:00 in Brussels: three days after clocks went back.
EDGE_NOW = dt.datetime(2026, 10, 28, 12, 0, tzinfo=BRUSSELS)
#: The two Mondays around the change, at local midnight (UTC+2 before it, UTC+1 after).
MONDAY_BEFORE = dt.datetime(2026, 10, 19, 0, 0, tzinfo=BRUSSELS)
MONDAY_AFTER = dt.datetime(2026, 10, 26, 0, 0, tzinfo=BRUSSELS)
PLANNED = dt.datetime(2026, 10, 20, 9, 0, 0, 250000, tzinfo=BRUSSELS)
DAY = dt.timedelta(days=1)
WINDOW = dt.timedelta(days=14)
MINUTE = dt.timedelta(minutes=1)
SENT = dt.datetime(2026, 10, 5, 10, 0, 0, 123456, tzinfo=BRUSSELS)


def stamp(moment: dt.datetime | None) -> str | None:
    """Return an instant as the store keeps it (naive UTC text)."""
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


class Rows:
    """Rows written straight into a migrated database, with only the columns that matter."""

    def __init__(self, path: Path) -> None:
        open_store(path, EDGE_NOW).engine.dispose()  # schema, migrations, the local user (1)
        self.conn = sqlite3.connect(path)
        self.ids: dict[str, int] = {}
        self.conn.execute(
            "INSERT INTO users (id, username, created_at) VALUES (2, 'someone else', ?)",
            (stamp(EDGE_NOW),),
        )
        self.conn.execute("INSERT INTO settings VALUES (1, 'tz', 'Europe/Brussels')")

    def _id(self, table: str) -> int:
        self.ids[table] = self.ids.get(table, 0) + 1
        return self.ids[table]

    def app(self, status: str = "applied", created: dt.datetime = SENT, owner: int = 1,
            company: str = "ACME") -> int:  # fmt: skip
        i = self._id("applications")
        self.conn.execute(
            "INSERT INTO applications (id, owner_id, company, role, channel, status, notes,"
            " competitors, created_at, updated_at) VALUES (?, ?, ?, 'Engineer', 'direct', ?,"
            " '', '', ?, ?)",
            (i, owner, f"{company} {i}", status, stamp(created), stamp(created)),
        )
        return i

    def event(self, app: int, status: str, at: dt.datetime = SENT, owner: int = 1) -> None:
        self.conn.execute(
            "INSERT INTO status_events (id, owner_id, application_id, status, at)"
            " VALUES (?, ?, ?, ?, ?)",
            (self._id("status_events"), owner, app, status, stamp(at)),
        )

    def interview(self, app: int, start: dt.datetime = SENT, owner: int = 1) -> int:
        i = self._id("interviews")
        self.conn.execute(
            "INSERT INTO interviews (id, owner_id, application_id, start_at, end_at, tz, format,"
            " round, follow_up_how, promises, next_steps, created_at) VALUES (?, ?, ?, ?, ?,"
            " 'Europe/Brussels', 'video', 1, '', '[]', '', ?)",
            (i, owner, app, stamp(start), stamp(start + dt.timedelta(hours=1)), stamp(start)),
        )
        return i

    def debrief(self, interview: int, data: str, at: dt.datetime = SENT, owner: int = 1) -> None:
        self.conn.execute(
            "INSERT INTO debriefs (interview_id, owner_id, recorded_at, data) VALUES (?, ?, ?, ?)",
            (interview, owner, stamp(at), data),
        )

    def action(self, app: int | None, kind: str, status: str, planned: dt.datetime = PLANNED,
               *, deadline: dt.datetime | None = None, done: dt.datetime | None = None,
               due: dt.datetime | None = None, reason: str | None = None,
               owner: int = 1) -> None:  # fmt: skip
        i = self._id("actions")
        self.conn.execute(
            "INSERT INTO actions (id, owner_id, key, application_id, kind, title, status, due_at,"
            " deadline_at, planned_due_at, done_at, channel, rule, sources, why, reason,"
            " talking_points, chases, edited, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?,"
            " ?, ?, ?, ?, ?, 'email', ?, 'hays', '', ?, '[]', 0, 0, ?, ?)",
            (i, owner, f"{kind}:{i}", app, kind, kind, status, stamp(due or planned),
             stamp(deadline), stamp(planned), stamp(done), kind, reason, stamp(SENT),
             stamp(SENT)),
        )  # fmt: skip

    def exchange(self, app: int | None, kind: str, at: dt.datetime, action_kind: str | None = None,
                 owner: int = 1) -> None:  # fmt: skip
        self.conn.execute(
            "INSERT INTO interactions (id, owner_id, application_id, at, kind, summary,"
            " action_kind, follow_up, created_at) VALUES (?, ?, ?, ?, ?, '', ?, 0, ?)",
            (self._id("interactions"), owner, app, stamp(at), kind, action_kind, stamp(at)),
        )


def _funnel_and_weeks(rows: Rows) -> None:
    """Applications at every stage, and events a microsecond either side of a week's start."""
    first = rows.app("applied", MONDAY_AFTER)
    rows.app("rejected", MONDAY_AFTER - US)
    for status in ("interviewing", "accepted", "withdrawn", "closed", "offer", "offer"):
        rows.app(status, MONDAY_BEFORE)
    rows.app("applied", MONDAY_BEFORE - US)
    rows.app("applied", EDGE_NOW)
    rows.app("applied", EDGE_NOW + US)  # after now: in the funnel, not in the weeks
    rows.event(2, "interviewing")
    rows.event(2, "offer")
    rows.event(5, "applied")
    rows.event(6, "accepted")
    for start in (MONDAY_AFTER, MONDAY_AFTER - US, MONDAY_BEFORE, EDGE_NOW + DAY):
        rows.interview(first, start)
    rows.interview(5, EDGE_NOW + 5 * DAY)  # withdrawn before a scheduled interview
    for at in (MONDAY_AFTER, MONDAY_AFTER - US, MONDAY_BEFORE - US, EDGE_NOW):
        rows.exchange(first, "email-out", at)
        rows.exchange(first, "call", at + US)
        rows.exchange(first, "email-in", at)  # inbound: not activity
        rows.exchange(None, "email-out", at)  # no application: not counted
        rows.action(first, "debrief", "done", done=at)
        rows.action(None, "keep-searching", "done", done=at)
    rows.action(first, "debrief", "done", done=EDGE_NOW + US)


def _follow_ups(rows: Rows) -> None:
    """Every verdict on either side of its line."""
    app = rows.app("interviewing")
    deadline = PLANNED + DAY + dt.timedelta(hours=2)
    rows.action(app, "thank-you", "done", deadline=deadline, done=deadline)  # on time
    rows.action(app, "thank-you", "done", deadline=deadline, done=deadline + US)  # late
    rows.action(app, "check-in", "done", done=PLANNED + DAY)  # on time: planned + grace
    rows.action(app, "check-in", "done", done=PLANNED + DAY + US)  # late
    rows.action(app, "check-in", "done", due=PLANNED + 3 * DAY, done=PLANNED + 3 * DAY)  # snoozed
    rows.action(app, "check-in", "skipped", reason="not needed")  # missed
    rows.action(app, "check-in", "skipped", reason="already past when imported")  # ignored
    rows.action(app, "check-in", "pending", EDGE_NOW - DAY)  # open until now, then missed
    rows.action(app, "check-in", "snoozed", EDGE_NOW - 2 * DAY, due=EDGE_NOW + 3 * DAY)
    rows.action(app, "thank-you", "pending", EDGE_NOW - DAY, deadline=EDGE_NOW)
    rows.action(app, "recruiter-call", "pending", EDGE_NOW + DAY)  # open
    rows.action(app, "rejection-reply", "cancelled", done=PLANNED)  # ignored
    rows.action(app, "debrief", "skipped")  # not a follow-up
    rows.action(app, "check-in", "done")  # done at no known time: ignored
    rows.action(app, "linkedin-recruiter", "done", done=EDGE_NOW + DAY)  # done "in the future"
    rows.action(None, "thank-you", "done", done=PLANNED)  # no application: ignored
    rows.action(app, "withdraw", "skipped", reason=None)  # missed


def _replies(rows: Rows) -> None:
    """Sends answered at the window's edge, just after it, at the same instant, or later."""
    cases = [
        ("email-in", SENT + WINDOW),  # replied
        ("message-in", SENT + WINDOW + US),  # too late
        ("email-in", SENT),  # the same instant is no reply
        ("call", SENT + DAY),  # a call has no direction: no reply
        ("email-in", SENT - DAY),  # before the send
    ]
    for kind, at in cases:
        app = rows.app()
        rows.exchange(app, "email-out", SENT, "thank-you")
        rows.exchange(app, kind, at)
    # a done action and its logged exchange a minute apart are one send; a minute and a
    # microsecond, two; another kind's exchange does not count
    for gap, kind in ((MINUTE, "check-in"), (MINUTE + US, "check-in"), (-MINUTE, "check-in"),
                      (dt.timedelta(0), "thank-you")):  # fmt: skip
        app = rows.app()
        rows.action(app, "check-in", "done", done=SENT)
        rows.exchange(app, "email-out", SENT + gap, kind)
        rows.exchange(app, "email-in", SENT + 3 * DAY)
    app = rows.app()  # waiting, then answered after now, then over (in elapsed time)
    for back in (2 * DAY, WINDOW, WINDOW - US):
        rows.exchange(app, "email-out", EDGE_NOW.astimezone(dt.UTC) - back, "check-in")
    # done, and logged 50 s later: one send once the exchange is in the past, two before
    rows.action(app, "check-in", "done", done=EDGE_NOW - dt.timedelta(seconds=30))
    rows.exchange(app, "message-out", EDGE_NOW + dt.timedelta(seconds=20), "check-in")
    rows.exchange(app, "email-in", EDGE_NOW + dt.timedelta(hours=1))
    rows.exchange(app, "email-out", EDGE_NOW + US, "thank-you")  # after now
    rows.action(app, "thank-you", "done", done=EDGE_NOW + US)
    rows.exchange(None, "email-out", SENT, "thank-you")  # no application
    rows.exchange(None, "email-in", SENT + DAY)


def _questions(rows: Rows) -> None:
    """Debriefs with repeated, blank, wordless, oddly written or misplaced items."""
    app = rows.app("interviewing", company="Globex")
    other = rows.app("interviewing", company="Initech")
    texts = [
        {
            "unprepared_questions": ["Tell me about a time you failed", "  ", "?!"],
            "weak_answers": [],
            "floundered": ["Salary expectations"],
        },
        {
            "weak_answers": ["tell me about a time when you failed?"],
            "went_well": ['I said "floundered": [] and "weak_answers"'],
        },
        {"weak_answers": "not a list", "floundered": [" Why us? "], "fit": {}},
        {"extra": {"unprepared_questions": ["nested: not a field"]}, "weak_answers": []},
        {"unprepared_questions": ["What are your salary expectations"], "floundered": ["why us"]},
        {"unprepared_questions": ["Why did you leave?"], "floundered": []},
        {"weak_answers": ["floundered"], "unprepared_questions": [], "floundered": []},
        {"unprepared_questions": [], "weak_answers": [], "floundered": []},
    ]
    for n, data in enumerate(texts):
        iv = rows.interview(app if n % 2 else other, SENT + n * DAY)
        text = json.dumps(data, separators=(",", ":") if n == 4 else (", ", ": "))
        rows.debrief(iv, text, SENT + n * DAY + dt.timedelta(hours=3))
    rows.debrief(rows.interview(app, SENT), '{"floundered": ["Why us?"]}', SENT)  # same instant


def _someone_else(rows: Rows) -> None:
    """Another user's search, with a bit of everything: never counted."""
    app = rows.app("offer", MONDAY_AFTER, owner=2)
    rows.event(app, "accepted", owner=2)
    iv = rows.interview(app, MONDAY_AFTER, owner=2)
    rows.debrief(iv, '{"floundered": ["Salary expectations"]}', owner=2)
    rows.action(app, "thank-you", "done", done=PLANNED, owner=2)
    rows.action(app, "check-in", "pending", owner=2)
    rows.exchange(app, "email-out", SENT, "thank-you", owner=2)
    rows.exchange(app, "email-in", SENT + DAY, owner=2)


@pytest.fixture(scope="module")
def edge_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("edges") / "edges.db"
    rows = Rows(path)
    for part in (_funnel_and_weeks, _follow_ups, _replies, _questions, _someone_else):
        part(rows)
    rows.conn.commit()
    rows.conn.close()
    return path


#: The moments whose either side changes a figure.
EDGES = [
    EDGE_NOW, EDGE_NOW + dt.timedelta(seconds=20), EDGE_NOW - dt.timedelta(seconds=30) + MINUTE,
    EDGE_NOW + dt.timedelta(hours=1),
    MONDAY_AFTER, MONDAY_AFTER + 7 * DAY, SENT + WINDOW, SENT + WINDOW + DAY,
    PLANNED + DAY, PLANNED + 3 * DAY,
]  # fmt: skip


@pytest.mark.parametrize("edge", EDGES, ids=lambda e: e.isoformat())
@pytest.mark.parametrize("side", [-US, dt.timedelta(0), US])
@pytest.mark.parametrize("tz", ["Europe/Brussels", "America/New_York", "Asia/Kolkata"])
def test_every_edge(edge_db: Path, edge: dt.datetime, side: dt.timedelta, tz: str) -> None:
    assert_same(edge_db, edge + side, 3, tz=tz)


def test_the_edges_are_where_they_should_be(edge_db: Path) -> None:
    """The edge search says what its comments say (so the comparison above compares something)."""
    out = assert_same(edge_db, EDGE_NOW, 3)
    assert out["funnel"]["total"] == 11 + 1 + 10 + 2  # the other user's is not there
    assert [r["count"] for r in out["funnel"]["reached"]] == [24, 11, 5, 2]
    total = out["follow_ups"]["total"]
    assert (total["on_time"], total["late"], total["missed"], total["open"]) == (6, 6, 3, 3)
    weeks = out["weeks"]
    assert [w["applications"] for w in weeks] == [1, 7, 2]
    assert [w["interviews"] for w in weeks] == [1, 2, 1]  # a debriefed one on 12 Oct
    assert [w["interactions_out"] for w in weeks] == [3, 2, 5]
    assert [w["actions_done"] for w in weeks] == [1, 6, 3]
    thank_you, check_in = out["reply_rates"]
    assert (thank_you["replied"], thank_you["sent"], thank_you["waiting"]) == (2, 6, 2)
    assert (check_in["replied"], check_in["sent"], check_in["waiting"]) == (5, 6, 6)
    questions = out["questions"]
    assert [t["count"] for t in questions["recurring"]] == [3, 2, 2]
    assert [t["phrasing"] for t in questions["singles"]] == ["floundered", "Why did you leave?"]
