"""One application with everything known about it (its page, `app show`, the API), read in a
fixed number of plain statements (store/detail.py) rather than through the planner's facts
read: no per-value processing by SQLAlchemy, and the actions read once for both the plan and
the facts."""

from __future__ import annotations

from typing import Any

from followthrough.domain.errors import NotFoundError
from followthrough.domain.model import ApplicationFacts, Status, StatusEvent
from followthrough.services.applications import ApplicationDetail
from followthrough.services.context import Context, UnitOfWork
from followthrough.store import detail as store
from followthrough.store import sql
from followthrough.store.recruiters import RECRUITER_LINK, RecruiterLinks
from followthrough.store.rows import (
    application_from_row,
    contact_from_row,
    debrief_from_row,
    interaction_from_row,
    interview_from_row,
    record_from_row,
)

#: The columns of an action row read as instants by the planner's record of it.
_ACTION_INSTANTS = ("due_at", "done_at", "planned_due_at", "deadline_at")


def _record(row: dict[str, Any]) -> Any:
    """Return the planner's record of a stored action row."""
    return record_from_row({**row, **{k: sql.instant(row[k]) for k in _ACTION_INSTANTS}})


def _facts(uow: UnitOfWork, row: dict[str, Any], plan: list[dict[str, Any]]) -> ApplicationFacts:
    """Return the facts of the application in `row` whose actions are `plan`."""
    conn, owner, app_id = uow.conn, uow.repo.owner, row["id"]
    app = application_from_row(row)
    ivs = [interview_from_row(r, r["panel"]) for r in store.interviews(conn, owner, app_id)]
    inter = [interaction_from_row(r) for r in store.interactions(conn, owner, app_id)]
    refs = store.referee_ids(conn, owner, app_id)
    people = {c for iv in ivs for c in iv.interviewer_ids}
    people |= {i.contact_id for i in inter if i.contact_id}
    people |= {iv.follow_up_contact_id for iv in ivs if iv.follow_up_contact_id}
    people |= {*refs, *(c for c in (app.recruiter_id, app.hiring_contact_id) if c)}
    facts = ApplicationFacts(
        application=app,
        contacts={r["id"]: contact_from_row(r) for r in store.contacts(conn, owner, people)},
        interviews=tuple(ivs),
        debriefs={
            r["interview_id"]: debrief_from_row(r) for r in store.debriefs(conn, owner, app_id)
        },
        interactions=tuple(inter),
        referee_ids=tuple(refs),
        status_events=tuple(
            StatusEvent(Status(e["status"]), e["at"])
            for e in store.status_events(conn, owner, app_id)
        ),
        actions={r["key"]: _record(r) for r in sorted(plan, key=lambda r: r["id"])},
    )
    if app.recruiter_id is None:
        return facts
    link = store.action_by_key(conn, owner, f"{RECRUITER_LINK}:c{app.recruiter_id}")
    held = {app.recruiter_id: (link["application_id"], _record(link))} if link else {}
    return RecruiterLinks(held).resolve(facts)


def application_detail(ctx: Context, app_id: int) -> ApplicationDetail:
    """Return an application with its contacts, interviews, exchanges, facts and whole plan."""
    with ctx.read() as uow:
        row = store.application(uow.conn, uow.repo.owner, app_id)
        if row is None:
            raise NotFoundError("application", app_id)
        plan = store.plan(uow.conn, uow.repo.owner, app_id)
        facts = _facts(uow, row, plan)
        app = facts.application
        recruiter = facts.contacts.get(app.recruiter_id) if app.recruiter_id else None
        return ApplicationDetail(app, recruiter, uow.zone, facts, plan)
