"""The data the insights tests compare on: the comparison itself, and a search written row by
row with every edge the definitions name (tests/services/test_insights_*.py).

`assert_same` runs `services.insights.insights` (SQL aggregates) and tests/insights_reference
(the computation before issue 11, from `Repo.all_facts`) on the same database at the same
`now`, and asserts the same report, value for value and JSON for JSON, but that a theme now
lists only its `themes.LISTED` most recent mentions (the reference lists every one: its list is
cut there before the comparison). The human output and the web page are drawn from `as_json()`
alone, so equal JSON means equal pages and tables.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from followthrough.domain.themes import LISTED
from followthrough.services import insights as service
from followthrough.services.context import Context, open_local, open_store
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


def assert_same(path: Path, now: dt.datetime, weeks: int = 12, **overrides: str) -> dict[str, Any]:
    """Assert that both computations give the same report; return its JSON."""
    ctx = context(path, now, **overrides)
    try:
        # the aggregates as a command reads them (the stdlib sqlite3 module: open_local)
        new = service.insights(Context(open_local(path, now), now, dict(overrides)), weeks)
        with ctx.read() as uow:  # the facts through SQLAlchemy, as they always were read
            facts = uow.repo.all_facts(uow.conn)
            zone = uow.zone
        old = reference.insights(facts, now, zone, weeks)
    finally:
        ctx.repo.engine.dispose()
    expected = old.as_json()
    questions = expected["questions"]
    questions["sources_limit"] = LISTED
    for theme in (*questions["recurring"], *questions["singles"]):
        assert theme["mentions"] == len(theme["sources"])  # the reference lists every one
        theme["sources"] = theme["sources"][:LISTED]
    assert new.as_json() == expected, f"at {now.isoformat()}, {weeks} weeks"
    # the values behind the JSON
    themes = ("recurring", "singles")
    no_themes = dict.fromkeys(themes, ())
    assert dataclasses.astuple(dataclasses.replace(new, **no_themes)) == dataclasses.astuple(
        dataclasses.replace(old, **no_themes)
    )
    for name in themes:
        assert [_theme(t) for t in getattr(new, name)] == [
            (t.phrasing, t.count, t.last_seen, len(t.mentions), t.application_ids,
             t.interview_ids, [dataclasses.astuple(m) for m in t.mentions[:LISTED]])
            for t in getattr(old, name)
        ]  # fmt: skip
    return new.as_json()


def _theme(t: Any) -> tuple[Any, ...]:
    return (t.phrasing, t.count, t.last_seen, t.mention_count, t.application_ids,
            t.interview_ids, [dataclasses.astuple(m) for m in t.mentions])  # fmt: skip


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

    def __init__(self, path: Path, migrate: bool = True) -> None:
        if migrate:  # else: a database already there, with its schema and the local user (1)
            open_store(path, EDGE_NOW).engine.dispose()  # schema, migrations, the local user
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


def build_edges(path: Path, migrate: bool = True) -> Path:
    """Write the edge search into a new database at `path` (or, without `migrate`, into the
    empty one there at whatever revision it is); return the path."""
    rows = Rows(path, migrate)
    for part in (_funnel_and_weeks, _follow_ups, _replies, _questions, _someone_else):
        part(rows)
    rows.conn.commit()
    rows.conn.close()
    return path
