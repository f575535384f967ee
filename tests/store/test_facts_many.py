"""`Repo.facts_many` (the re-plan's read, rows read plain) says what `Repo.facts` says."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import event

from followthrough.domain.model import ApplicationFacts
from followthrough.services import Service, demo
from followthrough.store import db
from followthrough.store.repo import Repo

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)


def _service(tmp_path: Path) -> Service:
    engine = db.open_database(db.sqlite_url(tmp_path / "f.db"), NOW)
    svc = Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, NOW)), NOW)
    demo.fill(svc)
    svc.log(2, "email-in", summary="a reply")
    return svc


def _as_replan_reads(facts: ApplicationFacts) -> ApplicationFacts:
    """Return `facts` as facts_many documents it: no recruiter links elsewhere, the planner's
    decision only on pending and snoozed actions, debriefs reduced to verdict and time."""
    open_ = ("pending", "snoozed")
    return dataclasses.replace(
        facts,
        recruiter_links_elsewhere=frozenset(),
        actions={
            k: r if r.status.value in open_ else dataclasses.replace(r, planned=None)
            for k, r in facts.actions.items()
        },
        debriefs={
            i: type(d)(interview_id=i, recorded_at=d.recorded_at, verdict=d.verdict)
            for i, d in facts.debriefs.items()
        },
    )


def test_facts_many_matches_facts(tmp_path: Path) -> None:
    svc = _service(tmp_path)
    with svc.repo.read() as conn:
        ids = svc.repo.application_ids(conn)
        one_by_one = [svc.repo.facts(conn, i) for i in ids]
        together = svc.repo.facts_many(conn, ids)
    assert [_as_replan_reads(f) for f in one_by_one] == together
    assert any(f.debriefs for f in together)
    assert any(f.interactions for f in together)
    assert any(f.interviews and f.interviews[0].interviewer_ids for f in together)
    assert any(r.planned for f in together for r in f.actions.values())
    assert any(f.application.applied_on for f in together)


def test_facts_many_runs_the_same_sql_for_any_number_of_applications(tmp_path: Path) -> None:
    """Its statements are compiled once per process: an IN list of ids written out would make
    a new statement (and a new compilation) for every number of ids."""
    svc = _service(tmp_path)
    seen: list[str] = []

    def note(conn: Any, cursor: Any, sql: str, *args: Any) -> None:
        seen.append(sql)

    event.listen(svc.repo.engine, "before_cursor_execute", note)
    with svc.repo.read() as conn:
        ids = svc.repo.application_ids(conn)
        texts = []
        for part in (ids[:2], ids[:3], ids):
            seen.clear()
            assert len(svc.repo.facts_many(conn, part)) == len(part)
            texts.append(list(seen))
    assert texts[0] == texts[1] == texts[2]
    assert len(texts[0]) >= 8
