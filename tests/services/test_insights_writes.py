"""The columns migration 0002 keeps for the reply figures stay right through every kind of write.

On SQLite each send keeps its first reply (`reply_at`) and, for a done action, its logged twin
(`logged_at`), by triggers. These tests edit, move and delete exchanges, actions and
applications at random (seeded) and check, after every few writes, both the kept columns
(against the migration's own recomputation, and the store's `refill` for a bulk load) and the
whole report (against the reference, tests/insights_reference); that the migration fills the
columns of a database written before it; that the per-send queries other databases use give
the same figures; that the windows the triggers were written with are the domain's; and that
the store reads without SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from followthrough.domain.insights import GRACE, REPLY_KINDS, REPLY_WINDOW, SAME_SEND
from followthrough.domain.model import IMPORTED_PAST, INBOUND, InteractionKind
from followthrough.store import db, tallies
from followthrough.store import insights_replies as replies
from tests.insights_reference import reply_rate
from tests.services.insights_data import (
    DAY,
    EDGE_NOW,
    SENT,
    US,
    Rows,
    assert_same,
    build_edges,
    context,
    stamp,
)

MIGRATION = Path(db.MIGRATIONS, "versions", "0002_insights.py")
TALLIES = Path(db.MIGRATIONS, "versions", "0005_insight_tallies.py")
KINDS = [k.value for k in InteractionKind]
NOWS = [EDGE_NOW, SENT + 10 * DAY, EDGE_NOW + 30 * DAY]


def migration(path: Path = MIGRATION) -> ModuleType:
    """Return a migration (0002 by default) as a module (its constants and SQL helpers)."""
    spec = importlib.util.spec_from_file_location(f"migration_{path.stem}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def kept(conn: sqlite3.Connection) -> tuple[list[tuple], list[tuple]]:
    """Return the kept columns of every send (exchanges out with a kind; done actions)."""
    sends = conn.execute(
        "SELECT id, reply_at FROM interactions WHERE application_id IS NOT NULL"
        " AND kind NOT IN ('email-in', 'message-in') AND action_kind IS NOT NULL ORDER BY id"
    ).fetchall()
    done = conn.execute(
        "SELECT id, reply_at, logged_at FROM actions WHERE application_id IS NOT NULL"
        " AND status = 'done' AND done_at IS NOT NULL ORDER BY id"
    ).fetchall()
    return sends, done


def counted(conn: sqlite3.Connection) -> list[tuple]:
    """Return the tallies that count something (the triggers leave a zero behind a delete)."""
    return conn.execute(
        "SELECT owner_id, series, kind, n, yes FROM insight_tallies WHERE n != 0 OR yes != 0"
        " ORDER BY owner_id, series, kind"
    ).fetchall()


def assert_kept_right(path: Path) -> None:
    """Assert that the kept columns and the tallies are what the migrations, and the store's
    `refill` (after a bulk load), compute from scratch."""
    m = migration()
    conn = sqlite3.connect(path)
    try:
        tallied = counted(conn)
        assert tallied  # the search has done actions and sends
        conn.execute("DELETE FROM insight_tallies")
        for series, (table, where, kind, yes) in migration(TALLIES).SERIES.items():
            conn.execute(
                f"INSERT INTO insight_tallies (owner_id, series, kind, n, yes)"  # noqa: S608
                f" SELECT t.owner_id, '{series}', {kind('t')}, COUNT(*), SUM({yes('t')})"
                f" FROM {table} AS t WHERE {where('t')} GROUP BY t.owner_id, {kind('t')}"
            )
        assert counted(conn) == tallied  # as migration 0005 counts the rows there
        conn.rollback()
        before = kept(conn)
        conn.execute("UPDATE interactions SET reply_at = NULL")
        conn.execute("UPDATE actions SET reply_at = NULL, logged_at = NULL")
        conn.execute("DELETE FROM insight_tallies")
        replies.refill(conn)
        assert kept(conn) == before
        assert counted(conn) == tallied
        conn.rollback()
        first_reply = m._reply("interactions.at", "interactions.application_id")
        conn.execute(f"UPDATE interactions SET reply_at = {first_reply}")
        first_reply = m._reply("actions.done_at", "actions.application_id")
        twin = m._logged("actions.done_at", "actions.application_id", "actions.kind")
        conn.execute(f"UPDATE actions SET reply_at = {first_reply}, logged_at = {twin}")
        assert kept(conn) == before
        conn.rollback()
    finally:
        conn.close()


class Editor:
    """Random writes, straight in SQL, as any write path could make them."""

    def __init__(self, path: Path, seed: int) -> None:
        self.conn = sqlite3.connect(path)
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.rnd = random.Random(seed)

    def _pick(self, sql: str) -> int | None:
        ids = [r[0] for r in self.conn.execute(sql)]
        return self.rnd.choice(ids) if ids else None

    def _moment(self) -> str | None:
        base = self.rnd.choice([SENT, EDGE_NOW, SENT + 14 * DAY])
        gap = self.rnd.choice([0, 30, 59, 60, 61, 3600, 86400, 14 * 86400, 14 * 86400 + 1])
        tick = dt.timedelta(seconds=gap, microseconds=self.rnd.choice([0, 1]))
        return stamp(base + self.rnd.choice([-1, 1]) * tick)

    def _app(self) -> int | None:
        return self._pick("SELECT id FROM applications WHERE owner_id = 1 UNION SELECT NULL")

    def step(self) -> None:
        """Make one random write."""
        r, c = self.rnd, self.conn
        exchange = self._pick("SELECT id FROM interactions WHERE owner_id = 1")
        action = self._pick("SELECT id FROM actions WHERE owner_id = 1")
        choice = r.randrange(12)
        if choice in (0, 10, 11) or exchange is None:
            c.execute(
                "INSERT INTO interactions (owner_id, application_id, at, kind, summary,"
                " action_kind, follow_up, created_at) VALUES (1, ?, ?, ?, '', ?, 0, ?)",
                (self._app(), self._moment(), r.choice(KINDS),
                 r.choice([None, *REPLY_KINDS]), stamp(SENT)),
            )  # fmt: skip
        elif choice == 1:
            c.execute("UPDATE interactions SET at = ? WHERE id = ?", (self._moment(), exchange))
        elif choice == 2:
            c.execute("UPDATE interactions SET kind = ? WHERE id = ?", (r.choice(KINDS), exchange))
        elif choice == 3:
            c.execute(
                "UPDATE interactions SET action_kind = ?, application_id = ? WHERE id = ?",
                (r.choice([None, *REPLY_KINDS]), self._app(), exchange),
            )
        elif choice == 4:
            c.execute("DELETE FROM interactions WHERE id = ?", (exchange,))
        elif choice == 5 and action is not None:
            status = r.choice(["done", "done", "pending", "skipped", "snoozed", "cancelled"])
            c.execute(
                "UPDATE actions SET status = ?, done_at = ? WHERE id = ?",
                (status, self._moment() if status == "done" else None, action),
            )
        elif choice == 6 and action is not None:
            c.execute(
                "UPDATE actions SET kind = ?, application_id = ? WHERE id = ?",
                (r.choice([*REPLY_KINDS, "debrief"]), self._app(), action),
            )
        elif choice == 7 and action is not None:
            c.execute("UPDATE actions SET done_at = ? WHERE id = ?", (self._moment(), action))
        elif choice == 8:
            self._twin(exchange)
        else:
            c.execute("DELETE FROM actions WHERE id = ?", (action,))
        if r.randrange(40) == 0:
            c.execute("DELETE FROM applications WHERE id = ?", (self._app(),))
        c.commit()

    def _twin(self, exchange: int | None) -> None:
        """A done action within about a minute of an exchange out (its logged twin or not)."""
        found = self.conn.execute(
            "SELECT application_id, at, COALESCE(action_kind, 'check-in') FROM interactions"
            " WHERE id = ?", (exchange,)
        ).fetchone()  # fmt: skip
        if found is None or found[0] is None:
            return
        app, at, kind = found
        done = dt.datetime.fromisoformat(at).replace(tzinfo=dt.UTC) + dt.timedelta(
            seconds=self.rnd.choice([-61, -60, 0, 60, 61]), microseconds=self.rnd.choice([0, 1])
        )
        self.conn.execute(
            "INSERT INTO actions (owner_id, key, application_id, kind, title, status, due_at,"
            " planned_due_at, done_at, channel, rule, sources, why, talking_points, chases,"
            " edited, created_at, updated_at) VALUES (1, ?, ?, ?, 't', 'done', ?, ?, ?, 'email',"
            " 'r', '', '', '[]', 0, 0, ?, ?)",
            (f"twin:{self.rnd.random()}", app, kind, at, at, stamp(done), at, at),
        )


@pytest.mark.parametrize("seed", range(6))
def test_kept_replies_follow_every_write(tmp_path: Path, seed: int) -> None:
    path = build_edges(tmp_path / "edited.db")
    editor = Editor(path, seed)
    try:
        for n in range(1, 49):
            editor.step()
            if n % 12 == 0:
                assert_kept_right(path)
                for now in NOWS:
                    assert_same(path, now, 3)
    finally:
        editor.conn.close()


def test_an_earlier_reply_or_twin_written_later_takes_the_place_of_the_later_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "late.db"
    rows = Rows(path)
    app = rows.app()
    rows.exchange(app, "email-out", SENT, "thank-you")
    rows.exchange(app, "email-in", SENT + 10 * DAY)
    rows.action(app, "check-in", "done", done=SENT)
    rows.exchange(app, "email-out", SENT + dt.timedelta(seconds=50), "check-in")
    rows.conn.commit()
    rows.exchange(app, "message-in", SENT + DAY)  # the first reply now
    rows.exchange(app, "call", SENT - dt.timedelta(seconds=30), "check-in")  # the first twin
    rows.conn.commit()
    rows.conn.close()
    for now in (SENT, SENT + 2 * DAY, SENT + 12 * DAY):
        out = assert_same(path, now, 2)
    assert [r["replied"] for r in out["reply_rates"]] == [1, 2]  # the check-in twins: logged
    assert_kept_right(path)


def test_the_migration_fills_the_columns_of_a_database_written_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = db.make_engine(db.sqlite_url(path))
    db.upgrade(engine, "0001")  # no triggers yet: the rows below keep nothing
    db.ensure_user(engine, db.LOCAL_USER, EDGE_NOW)
    engine.dispose()
    build_edges(path, migrate=False)
    conn = sqlite3.connect(path)
    triggers = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'"
    assert conn.execute(triggers).fetchone() == (0,)
    conn.close()
    for now in (EDGE_NOW, EDGE_NOW + US, SENT + 14 * DAY):
        assert_same(path, now, 3)  # opening it migrates to 0002, which fills the columns
    assert_kept_right(path)


@pytest.fixture(scope="module")
def edge_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_edges(tmp_path_factory.mktemp("edges") / "edges.db")


ASKED_AT = [EDGE_NOW, EDGE_NOW + dt.timedelta(seconds=20), EDGE_NOW + dt.timedelta(hours=1),
            SENT + 14 * DAY, SENT + 14 * DAY + US]  # fmt: skip


@pytest.mark.parametrize("now", ASKED_AT)
@pytest.mark.parametrize("kind", REPLY_KINDS)
def test_asking_per_send_gives_the_kept_figures(edge_db: Path, now: dt.datetime, kind: str) -> None:
    """Other databases ask per send (no triggers): the same figures as the reference."""
    ctx = context(edge_db, now)
    try:
        with ctx.read() as uow:
            facts = uow.repo.all_facts(uow.conn)
            asked = replies.reply_counts_by_probe(
                uow.conn, uow.repo.owner, now, kind, REPLY_WINDOW, SAME_SEND
            )
            kept_counts = replies.reply_counts(
                uow.conn, uow.repo.owner, now, [kind], REPLY_WINDOW, SAME_SEND
            )[kind]
    finally:
        ctx.repo.engine.dispose()
    expected = reply_rate(facts, kind, now)
    assert asked == kept_counts == (expected.replied, expected.sent, expected.waiting)


def test_the_triggers_were_written_with_the_domains_windows() -> None:
    m = migration()
    assert dt.timedelta(days=m.REPLY_WINDOW_DAYS) == REPLY_WINDOW
    assert dt.timedelta(seconds=m.SAME_SEND_SECONDS) == SAME_SEND
    inbound = "(" + ", ".join(f"'{k.value}'" for k in sorted(INBOUND)) + ")"
    assert inbound == m.INBOUND
    assert m.IMPORTED_PAST == IMPORTED_PAST
    t = migration(TALLIES)
    assert dt.timedelta(days=t.GRACE_DAYS) == GRACE
    assert inbound == t.INBOUND
    assert t.GRACE_DAYS == tallies.GRACE_DAYS
    assert inbound == tallies.INBOUND
    for series, (table, where, kind, yes) in tallies.SERIES.items():  # the store's copy
        assert t.SERIES[series][0] == table
        assert [f("NEW") for f in t.SERIES[series][1:]] == [f("NEW") for f in (where, kind, yes)]


def test_the_store_reads_the_insights_without_sqlalchemy() -> None:
    code = (
        "import sys\n"
        "import followthrough.store.insights, followthrough.store.insights_replies\n"
        "import followthrough.domain.insights\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'], 'sqlalchemy'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
