"""Re-planning everything after a settings change: in chunks, the same as one by one, and
never locking other commands out."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from tests.files import copy_database

from followthrough import services
from followthrough.domain.model import ApplicationFacts
from followthrough.services import Service
from followthrough.store import db
from followthrough.store.repo import Repo

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
BENCH = Path(__file__).parents[2] / "bench"
FOLLOWTHROUGH = Path(sys.executable).parent / "followthrough"
NEW_YORK = {"tz": "America/New_York", "country": "US"}


def _service(path: Path, now: dt.datetime = NOW) -> Service:
    engine = db.open_database(db.sqlite_url(path), now)
    return Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, now)), now)


def _actions(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM actions ORDER BY id").fetchall()
    finally:
        conn.close()




def replan_one_by_one(svc: Service, values: dict[str, str]) -> None:
    """The re-plan as it was: settings and every application, one by one, in one transaction."""
    with svc.repo.write() as conn:
        svc.repo.save_settings(conn, values)
        for app_id in svc.repo.application_ids(conn):
            svc.replan(conn, app_id, "settings changed")


def _generated(tmp_path: Path, applications: int) -> Path:
    """Return a data set made by bench/generate.py (the benchmarks' generator)."""
    out = tmp_path / "generated.db"
    subprocess.run(
        [sys.executable, str(BENCH / "generate.py"), "--applications", str(applications),
         "--out", str(out), "--now", "2026-11-25T09:00:00+01:00"],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    return out


def test_chunked_replan_equals_one_by_one_on_a_generated_set(tmp_path: Path) -> None:
    source = _generated(tmp_path, 150)
    one, bulk = tmp_path / "one.db", tmp_path / "bulk.db"
    copy_database(source, one)
    copy_database(source, bulk)
    replan_one_by_one(_service(one), NEW_YORK)
    _service(bulk).update_settings(NEW_YORK)  # chunks of 500: one chunk
    expected = _actions(one)
    assert _actions(bulk) == expected
    assert expected != _actions(source)  # the zone change moved things
    chunked = tmp_path / "chunked.db"
    copy_database(source, chunked)
    svc = _service(chunked)
    with svc.repo.write() as conn:
        svc.repo.save_settings(conn, NEW_YORK)
    svc.replan_all("settings changed", chunk=7)  # a recruiter's link crosses chunks
    assert _actions(chunked) == expected


def test_a_reopened_application_hands_its_recruiters_link_on(tmp_path: Path) -> None:
    """A cancelled LinkedIn note still holds its key (one per recruiter): the next application
    of that recruiter takes the row over instead of inserting a second one (which failed)."""
    svc = _service(tmp_path / "f.db")
    svc.update_settings({"tz": "Europe/Brussels", "country": "BE"})
    jane = "Jane Roe <jane@agency.example>"
    first = svc.add_application("ACME", "Engineer", recruiter=jane, agency="Agency")
    svc.set_status(first.id, "rejected")  # plans the note to the recruiter
    svc.set_status(first.id, "applied")  # reopened, no interview: the note is cancelled
    link = [a for a in svc.plan(first.id) if a["kind"] == "linkedin-recruiter"]
    assert [a["status"] for a in link] == ["cancelled"]
    second = svc.add_application("Initech", "Engineer", recruiter=jane, agency="Agency")
    start = NOW + dt.timedelta(days=1)
    svc.add_interview(second.id, start, start + dt.timedelta(hours=1))
    moved = [a for a in svc.plan(second.id) if a["kind"] == "linkedin-recruiter"]
    assert [(a["id"], a["status"]) for a in moved] == [(link[0]["id"], "pending")]
    assert not [a for a in svc.plan(first.id) if a["kind"] == "linkedin-recruiter"]
    svc.update_settings(NEW_YORK)
    assert [a["status"] for a in svc.plan(second.id) if a["kind"] == "linkedin-recruiter"] == [
        "pending"
    ]


def test_other_commands_get_in_between_chunks_and_nothing_goes_stale(tmp_path: Path) -> None:
    """While a big re-plan runs, another process writes (and its change is not overwritten by
    a plan computed before it)."""
    path = _generated(tmp_path, 120)
    source = tmp_path / "expected.db"
    copy_database(path, source)
    conn = sqlite3.connect(path)
    target, status = conn.execute(  # in chunk 2, with actions a re-plan moves
        "SELECT a.id, a.status FROM applications a JOIN actions x ON x.application_id = a.id"
        " WHERE a.id BETWEEN 41 AND 80 AND x.status = 'pending' ORDER BY a.id"
    ).fetchone()
    conn.close()
    new_status = "rejected" if status == "withdrawn" else "withdrawn"
    svc = _service(path)
    with svc.repo.write() as conn:
        svc.repo.save_settings(conn, NEW_YORK)
    paused, resume = threading.Event(), threading.Event()
    load = svc.repo.facts_many
    calls: list[int] = []

    def facts_many(conn: object, ids: Sequence[int]) -> list[ApplicationFacts]:
        calls.append(ids[0])
        if len(calls) == 2:  # chunk 2 planned from its snapshot, outside the write lock
            found = load(conn, ids)  # type: ignore[arg-type]
            paused.set()
            assert resume.wait(60)
            return found
        return load(conn, ids)  # type: ignore[arg-type]

    svc.repo.facts_many = facts_many  # type: ignore[method-assign]
    failures: list[BaseException] = []

    def run() -> None:
        try:
            svc.replan_all("settings changed", chunk=40)
        except BaseException as exc:  # noqa: BLE001  (reported by the test)
            failures.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    try:
        assert paused.wait(60)
        # `target` is in the chunk being planned: change it under the re-plan's feet
        env = {**os.environ, "FOLLOWTHROUGH_DB": str(path), "FOLLOWTHROUGH_LOCK_WAIT": "5",
               "FOLLOWTHROUGH_NOW": NOW.isoformat(), "PYTHONPATH": os.pathsep.join(sys.path)}
        done = subprocess.run(
            [str(FOLLOWTHROUGH), "app", "status", str(target), new_status],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        resume.set()
        worker.join(120)
    assert not failures, failures
    assert done.returncode == 0, done.stderr
    assert calls[:3] == [1, 41, 41]  # chunk 2 was planned again, under the lock
    # the same as if the status change had come between chunks 1 and 2
    expected = _service(source)
    with expected.repo.write() as conn:
        expected.repo.save_settings(conn, NEW_YORK)
        for app_id in range(1, 41):
            expected.replan(conn, app_id, "settings changed")
    expected.set_status(target, new_status)
    with expected.repo.write() as conn:
        for app_id in range(41, 121):
            expected.replan(conn, app_id, "settings changed")
    assert _actions(path) == _actions(source)


def test_a_replan_cut_short_is_finished_by_the_next_today(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The settings are committed before the chunks: if the process dies in between, the
    stored note makes the next `today` finish the re-plan."""
    source = _generated(tmp_path, 60)
    one = tmp_path / "one.db"
    copy_database(source, one)
    replan_one_by_one(_service(one), NEW_YORK)
    monkeypatch.setattr(services.planning, "REPLAN_CHUNK", 25)
    svc = _service(source)
    load = svc.repo.facts_many
    calls: list[int] = []

    def dies_in_chunk_2(conn: object, ids: Sequence[int]) -> list[ApplicationFacts]:
        calls.append(ids[0])
        if len(calls) == 2:
            raise KeyboardInterrupt  # the user pressed Ctrl-C, the machine went down
        return load(conn, ids)  # type: ignore[arg-type]

    svc.repo.facts_many = dies_in_chunk_2  # type: ignore[method-assign]
    with pytest.raises(KeyboardInterrupt):
        svc.update_settings(NEW_YORK)
    half = _actions(source)
    assert half != _actions(one)  # half done
    later = _service(source)
    assert later.settings()["tz"] == "America/New_York"
    assert services.planning.REPLAN_PENDING not in later.settings()
    # while the process that re-plans still runs, `today` leaves the re-plan to it
    alive = subprocess.Popen([sys.executable, "-c", "input()"], stdin=subprocess.PIPE)
    try:
        with later.repo.write() as conn:
            later.repo.save_settings(conn, {services.planning.REPLAN_PENDING: str(alive.pid)})
        later.today()
        assert _actions(source) == half
    finally:
        assert alive.stdin is not None
        alive.stdin.close()
        alive.wait(30)
    later.today()  # it has gone: finish
    assert _actions(source) == _actions(one)
    conn = sqlite3.connect(source)
    left = conn.execute("SELECT * FROM settings WHERE key = ?", (services.planning.REPLAN_PENDING,))
    assert left.fetchall() == []
    conn.close()


def _loaded(svc: Service) -> list[int]:
    """Make `svc` record the applications its re-plans load; return that record."""
    load = svc.repo.facts_many
    seen: list[int] = []

    def facts_many(conn: object, ids: Sequence[int]) -> list[ApplicationFacts]:
        seen.extend(ids)
        return load(conn, ids)  # type: ignore[arg-type]

    svc.repo.facts_many = facts_many  # type: ignore[method-assign]
    return seen


def test_a_change_of_dates_skips_settled_plans_and_writes_what_a_full_replan_writes(
    tmp_path: Path,
) -> None:
    """Once every plan was made on the current basis, a zone change loads only the unsettled
    applications, and leaves the database as re-planning every one of them would."""
    source = tmp_path / "source.db"
    copy_database(_generated(tmp_path, 150), source)
    first = _service(source)
    everything = _loaded(first)
    first.update_settings({"tz": "Europe/Brussels", "country": "BE"})  # no basis yet: all
    first.repo.engine.dispose()
    assert len(everything) == 150
    one, skip = tmp_path / "one.db", tmp_path / "skip.db"
    copy_database(source, one)
    copy_database(source, skip)
    replan_one_by_one(_service(one), NEW_YORK)
    svc = _service(skip)
    with svc.repo.read() as conn:
        unsettled = svc.repo.unsettled_application_ids(conn)
    loaded = _loaded(svc)
    svc.update_settings(NEW_YORK)
    assert loaded == unsettled
    assert 0 < len(unsettled) < 100  # most of the set is settled (closed, nothing open)
    assert _actions(skip) == _actions(one)
    assert _actions(one) != _actions(source)  # the zone change moved things


def test_a_policy_change_replans_everything_and_a_cut_short_one_is_not_trusted(
    tmp_path: Path,
) -> None:
    """The plan basis holds the policies: a change of one re-plans every application, and
    one cut short leaves no basis (some plans were made on the new policy), so changing the
    policy back re-plans everything too."""
    path = tmp_path / "f.db"
    copy_database(_generated(tmp_path, 60), path)
    svc = _service(path)
    svc.update_settings({"tz": "Europe/Brussels"})
    loaded = _loaded(svc)
    svc.update_settings({"max_check_ins": "2"})
    assert len(loaded) == 60
    load = svc.repo.facts_many

    def dies(conn: object, ids: Sequence[int]) -> list[ApplicationFacts]:
        raise KeyboardInterrupt

    svc.repo.facts_many = dies  # type: ignore[method-assign]
    with pytest.raises(KeyboardInterrupt):
        svc.update_settings({"max_check_ins": "3"})
    svc.repo.facts_many = load  # type: ignore[method-assign]
    loaded = _loaded(svc)
    svc.update_settings({"max_check_ins": "2"})  # back to the basis last recorded
    assert len(loaded) == 60
    loaded.clear()
    svc.update_settings(NEW_YORK)
    assert 0 < len(loaded) < 60
    assert services.planning.PLAN_BASIS not in svc.settings()


def test_a_settled_application_takes_over_a_recruiters_note_given_up_elsewhere(
    tmp_path: Path,
) -> None:
    """A closed application with nothing open is still re-planned when its recruiter's
    LinkedIn note lies cancelled under another application: its plan calls for the note again
    (the other application gave it up without re-planning this one)."""
    path = tmp_path / "f.db"
    svc = _service(path)
    svc.update_settings({"tz": "Europe/Brussels", "country": "BE"})
    jane = "Jane Roe <jane@agency.example>"
    first = svc.add_application("ACME", "Engineer", recruiter=jane, agency="Agency")
    svc.set_status(first.id, "rejected")  # plans the note to the recruiter, held here
    second = svc.add_application("Initech", "Engineer", recruiter=jane, agency="Agency")
    svc.set_status(second.id, "rejected")  # the note is held by the first: not planned here
    for action in svc.plan(second.id):
        if action["status"] == "pending":
            svc.complete(action["id"], "skipped")
    assert {a["status"] for a in svc.plan(second.id)} == {"skipped"}
    svc.set_status(first.id, "applied")  # reopened, no interview: the note is cancelled
    one = tmp_path / "one.db"
    copy_database(path, one)
    replan_one_by_one(_service(one), NEW_YORK)
    with svc.repo.read() as conn:
        unsettled = svc.repo.unsettled_application_ids(conn)
    svc.update_settings(NEW_YORK)
    assert _actions(path) == _actions(one)
    assert second.id in unsettled
    moved = [a for a in svc.plan(second.id) if a["kind"] == "linkedin-recruiter"]
    assert [a["status"] for a in moved] == ["pending"]
