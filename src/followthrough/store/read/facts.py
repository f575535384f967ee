"""The facts of one application: everything the planner reads about it (plain SQL)."""

from __future__ import annotations

from followthrough.domain.model import (
    Application,
    ApplicationFacts,
    Interview,
    Status,
    StatusEvent,
)
from followthrough.store.read import actions, interviews, records

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any


def people(
    app: Application, ivs: Sequence[Interview], talked_to: Iterable[int | None],
    referee_ids: Sequence[int],
) -> set[int]:  # fmt: skip
    """Return the ids of the contacts the planner may read for an application."""
    ids = {c for iv in ivs for c in iv.interviewer_ids}
    ids |= {c for c in talked_to if c}
    ids |= {iv.follow_up_contact_id for iv in ivs if iv.follow_up_contact_id}
    ids |= set(referee_ids)
    ids |= {c for c in (app.recruiter_id, app.hiring_contact_id) if c}
    return ids


def facts(conn: Any, owner: int, app_id: int) -> ApplicationFacts:
    """Return everything the planner needs about application `app_id`."""
    app = records.application(conn, owner, app_id)
    ivs = interviews.interviews(conn, owner, app_id)
    inter = actions.interactions(conn, owner, app_id)
    refs = records.referee_ids(conn, owner, app_id)
    ids = people(app, ivs, [i.contact_id for i in inter], refs)
    found = ApplicationFacts(
        application=app,
        contacts=records.contacts_by_id(conn, owner, sorted(ids)),
        interviews=tuple(ivs),
        debriefs=interviews.debriefs(conn, owner, [iv.id for iv in ivs]),
        interactions=tuple(inter),
        referee_ids=tuple(refs),
        status_events=tuple(
            StatusEvent(Status(s), at) for s, at in records.status_events(conn, owner, app_id)
        ),
        actions=actions.action_records(conn, owner, app_id),
    )
    if app.recruiter_id is None:
        return found
    return actions.recruiter_links(conn, owner, app.recruiter_id).resolve(found)
