"""`Repo.all_facts` (one pass, for insights) says what `Repo.facts` says, app by app."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from followthrough.services import Service, demo
from followthrough.store import db
from followthrough.store.repo import Repo

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)


def test_all_facts_matches_facts(tmp_path: Path) -> None:
    engine = db.open_database(db.sqlite_url(tmp_path / "f.db"), NOW)
    svc = Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, NOW)), NOW)
    demo.fill(svc)
    svc.log(2, "email-in", summary="a reply")
    with svc.repo.read() as conn:
        one_by_one = [svc.repo.facts(conn, i) for i in svc.repo.application_ids(conn)]
        together = svc.repo.all_facts(conn)
    assert len(together) == len(one_by_one) == 5
    for single, bulk in zip(sorted(one_by_one, key=lambda f: f.application.id), together,
                            strict=True):
        expected = dataclasses.replace(
            single, contacts={}, referee_ids=(), recruiter_links_elsewhere=frozenset()
        )
        assert bulk == expected
    assert any(f.debriefs for f in together)
    assert any(f.interactions for f in together)
