"""`show_application` reads one application in plain statements (services/detail.py): the same
record the planner's facts read gives, field for field, on the demo and on a generated set."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from followthrough import shapes
from followthrough.domain.errors import NotFoundError
from followthrough.services import Service, applications, demo
from followthrough.store import db
from followthrough.store.repo import Repo

BENCH = Path(__file__).parents[2] / "bench"
NOW_TEXT = "2026-11-25T09:00:00+01:00"
NOW = dt.datetime.fromisoformat(NOW_TEXT)


def _service(path: Path) -> Service:
    engine = db.open_database(db.sqlite_url(path), NOW)
    return Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, NOW)), NOW)


def _generated(path: Path, applications: int) -> Path:
    subprocess.run(
        [sys.executable, str(BENCH / "generate.py"), "--applications", str(applications),
         "--out", str(path), "--now", NOW_TEXT],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )  # fmt: skip
    return path


def _as_before(svc: Service, app_id: int) -> applications.ApplicationDetail:
    """Return the record as show_application read it through the Repo before."""
    with svc.read() as uow:
        base = applications.view(uow, uow.repo.application(uow.conn, app_id))
        facts = uow.repo.facts(uow.conn, app_id)
        plan = uow.repo.actions_of(uow.conn, app_id)
        return applications.ApplicationDetail(base.app, base.recruiter, base.zone, facts, plan)


@pytest.mark.parametrize("source", ["demo", "generated"])
def test_the_plain_read_is_the_repos_record(tmp_path: Path, source: str) -> None:
    path = tmp_path / "d.db"
    if source == "generated":
        _generated(path, 60)
    svc = _service(path)
    if source == "demo":
        demo.fill(svc)
    with svc.read() as uow:
        ids = uow.repo.application_ids(uow.conn)
    assert ids
    for app_id in ids:
        new, old = applications.show_application(svc, app_id), _as_before(svc, app_id)
        assert (new.app, new.recruiter, new.zone) == (old.app, old.recruiter, old.zone)
        assert new.facts == old.facts, app_id
        assert list(new.facts.actions) == list(old.facts.actions)  # the planner's order too
        zone = new.zone
        assert [shapes.action_json(r, zone) for r in new.plan] == [
            shapes.action_json(r, zone) for r in old.plan
        ]
        assert shapes.application_detail_json(new) == shapes.application_detail_json(old)


def test_an_unknown_application_is_not_found(tmp_path: Path) -> None:
    svc = _service(tmp_path / "e.db")
    with pytest.raises(NotFoundError):
        applications.show_application(svc, 99)
