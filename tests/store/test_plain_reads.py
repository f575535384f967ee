"""The plain-SQL reads of the pages (store/board.py, store/draft_names.py): scoped by their owner,
and answering what the Reader's reads answer.

Two owners in one database with the demo's data; B also has an application whose names A has
nowhere, so a read of A that forgot the owner would show them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from followthrough.domain.model import Status
from followthrough.services import Service, demo
from followthrough.store import board, db, draft_names
from followthrough.store.repo import Repo
from followthrough.store.sql import rows

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
B_ONLY = {"Zeta Zebra Works", "Zookeeper", "Zed Zulu", "Zora Panel"}


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, int, int]:
    """Return (engine, A's id, B's id)."""
    path = tmp_path_factory.mktemp("plain") / "two.db"
    engine = db.open_database(db.sqlite_url(path), NOW)
    owners = []
    for name in ("a", "b"):
        owner = db.ensure_user(engine, name, NOW)
        demo.fill(Service(Repo(engine, owner), NOW))
        owners.append(owner)
    b = Service(Repo(engine, owners[1]), NOW)
    app = b.add_application("Zeta Zebra Works", "Zookeeper", recruiter="Zed Zulu <zed@z.example>")
    start = NOW - dt.timedelta(days=2)
    panel = ["Zora Panel <zp@z.example>"]
    b.add_interview(app.id, start, start + dt.timedelta(hours=1), with_=panel)
    b.set_status(app.id, "accepted")
    return engine, owners[0], owners[1]


def names_by_application(conn: Any, owner: int) -> dict[int, set[str]]:
    """The reference: per application id of the owner, every name that belongs to it (company,
    role, agency, recruiter, panel, referees), read one set per application."""
    params = {"owner": owner}
    by_app: dict[int, set[str]] = {}
    apps = rows(
        conn, "SELECT ap.id, ap.company, ap.role, ap.agency, c.name FROM applications ap "
        "LEFT JOIN contacts c ON c.id = ap.recruiter_id WHERE ap.owner_id = :owner", params,
    )  # fmt: skip
    for aid, company, role, agency, recruiter in apps:
        by_app.setdefault(aid, set()).update(n for n in (company, role, agency, recruiter) if n)
    panels = rows(
        conn, "SELECT i.application_id, c.name FROM interviewers p "
        "JOIN interviews i ON i.id = p.interview_id JOIN contacts c ON c.id = p.contact_id "
        "WHERE i.owner_id = :owner", params,
    )  # fmt: skip
    refs = rows(
        conn, "SELECT r.application_id, c.name FROM referees r "
        "JOIN contacts c ON c.id = r.contact_id WHERE r.owner_id = :owner", params,
    )  # fmt: skip
    for aid, name in [*panels, *refs]:
        by_app.setdefault(aid, set()).add(name)
    return by_app


def _app_ids(engine: Any, owner: int) -> list[int]:
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        rows = raw.execute("SELECT id FROM applications WHERE owner_id = ?", (owner,))
        return [r[0] for r in rows]


def test_names_are_those_of_the_owner_as_the_repo_reads_them(two: tuple[Any, int, int]) -> None:
    engine, a, _b = two
    repo = Repo(engine, a)
    with repo.read() as conn:
        by_app = names_by_application(conn, a)
        for app_id in [*_app_ids(engine, a), None]:
            own, others = draft_names.names_around(conn, a, app_id)
            assert own == (by_app.get(app_id, set()) if app_id else set())
            assert others == set().union(*(v for k, v in by_app.items() if k != app_id))
            assert not (own | others) & B_ONLY


def test_names_by_application_are_the_owners_one_set_per_application(
    two: tuple[Any, int, int],
) -> None:
    engine, a, b = two
    with Repo(engine, a).read() as conn:
        assert draft_names.by_application(conn, a) == names_by_application(conn, a)
        found = draft_names.by_application(conn, a)
        assert not set().union(*found.values()) & B_ONLY
        assert set().union(*draft_names.by_application(conn, b).values()) >= B_ONLY


def test_debrief_words_are_the_owners_debriefs_of_the_application(
    two: tuple[Any, int, int],
) -> None:
    engine, a, b = two
    repo = Repo(engine, a)
    with repo.read() as conn:
        for app_id in _app_ids(engine, a):
            debriefs = repo.facts(conn, app_id).debriefs.values()
            topics, projects = draft_names.debrief_words(conn, a, app_id)
            assert sorted(topics) == sorted(t for d in debriefs for t in d.topics)
            assert sorted(projects) == sorted(p for d in debriefs for p in d.projects)
        # B's applications are not A's: their debriefs are not read as A's
        assert not any(draft_names.debrief_words(conn, a, app_id)[0]
                       for app_id in _app_ids(engine, b))  # fmt: skip
        assert any(draft_names.debrief_words(conn, b, app_id)[0] for app_id in _app_ids(engine, b))


def test_the_board_reads_only_the_owners_applications(two: tuple[Any, int, int]) -> None:
    engine, a, _b = two
    mine = set(_app_ids(engine, a))
    with engine.connect() as conn:
        shown = [r[0] for s in Status for r in board.cards(conn, a, s.value, 100)]
        assert sorted(shown) == sorted(mine)
        assert board.cards(conn, a, "accepted", 100) == []  # only B has accepted an offer


def test_one_applications_names_are_found_through_its_own_indexes(
    two: tuple[Any, int, int],
) -> None:
    engine, a, _b = two
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        for query in draft_names.OWN:
            found = raw.execute(f"EXPLAIN QUERY PLAN {query}", {"owner": a, "app": 1})
            plan = [r[3] for r in found]
            assert not [step for step in plan if step.startswith("SCAN")], plan
            assert not [step for step in plan if "owner" in step], plan  # not every interview
