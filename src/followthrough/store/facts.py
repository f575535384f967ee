"""The planner's facts: everything it needs about one application, many, or all of them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table

from followthrough.domain.model import (
    ApplicationFacts,
    Contact,
    Status,
    StatusEvent,
)
from followthrough.store import planning
from followthrough.store.read import interviews as read_interviews
from followthrough.store.read.facts import people as people_of
from followthrough.store.rows import (
    application_from_row,
    debrief_from_row,
    interaction_from_row,
    interview_from_row,
    record_from_row,
)
from followthrough.store.schema import (
    actions,
    applications,
    debriefs,
    interactions,
    interviews,
    status_events,
)
from followthrough.store.scope import Owner, Row


def facts_many(owner: Owner, conn: Connection, app_ids: Sequence[int]) -> list[ApplicationFacts]:
    """Return what `facts` returns for each of these applications (by id), in a fixed
    number of queries, for re-planning: the recruiter links are left to
    `RecruiterLinks.resolve`, only pending and snoozed actions carry `planned`, and
    debriefs hold only their verdict and time (what the planner reads). The rows are read
    plain (plain.py): no per-value processing by SQLAlchemy."""
    ids = sorted(set(app_ids))
    if not ids:
        return []
    apps = planning.plain_applications(owner, conn, ids)
    ivs_of, notes = planning.plain_interviews(owner, conn, ids)
    inter = planning.plain_interactions(owner, conn, ids)
    events = planning.plain_events(owner, conn, ids)
    acts = planning.records_for_planning(owner, conn, ids)
    refs = planning.plain_referees(owner, conn, ids)
    people = {
        app.id: people_of(
            app,
            ivs_of.get(app.id, ()),
            [i.contact_id for i in inter.get(app.id, ())],
            refs.get(app.id, ()),
        )  # fmt: skip
        for app in apps
    }
    known: dict[int, Contact] = planning.plain_contacts(
        owner, conn, sorted(set().union(*people.values()))
    )
    out = []
    for app in apps:
        ivs = ivs_of.get(app.id, ())
        out.append(
            ApplicationFacts(
                application=app,
                contacts={c: known[c] for c in sorted(people[app.id]) if c in known},
                interviews=ivs,
                debriefs={iv.id: notes[iv.id] for iv in ivs if iv.id in notes},
                interactions=tuple(inter.get(app.id, ())),
                referee_ids=tuple(refs.get(app.id, ())),
                status_events=tuple(events.get(app.id, ())),
                actions=acts.get(app.id, {}),
            )
        )
    return out


def _by_app(owner: Owner, conn: Connection, table: Table, *order: Any) -> dict[int, list[Row]]:
    """Return the owner's rows of `table` grouped by application, in `order`."""
    grouped: dict[int, list[Row]] = {}
    for r in conn.execute(owner.select(table).order_by(*order)).mappings():
        grouped.setdefault(r["application_id"], []).append(r)
    return grouped


def all_facts(owner: Owner, conn: Connection) -> list[ApplicationFacts]:
    """Return the facts of every application in a few queries (for whole-search views such
    as insights; contacts and referees are left out: nothing there needs them)."""
    query = owner.select(applications).order_by(applications.c.id)
    apps = [application_from_row(r) for r in conn.execute(query).mappings()]
    iv_rows = _by_app(owner, conn, interviews, interviews.c.start_at, interviews.c.id)
    panels = read_interviews.panels(
        conn, owner.id, [r["id"] for rows in iv_rows.values() for r in rows]
    )
    inter = _by_app(owner, conn, interactions, interactions.c.at, interactions.c.id)
    events = _by_app(owner, conn, status_events, status_events.c.at, status_events.c.id)
    acts = _by_app(owner, conn, actions, actions.c.id)
    notes = {
        r["interview_id"]: debrief_from_row(r)
        for r in conn.execute(owner.select(debriefs)).mappings()
    }
    out = []
    for app in apps:
        ivs = tuple(interview_from_row(r, panels[r["id"]]) for r in iv_rows.get(app.id, ()))
        out.append(
            ApplicationFacts(
                application=app,
                contacts={},
                interviews=ivs,
                debriefs={iv.id: notes[iv.id] for iv in ivs if iv.id in notes},
                interactions=tuple(interaction_from_row(r) for r in inter.get(app.id, ())),
                status_events=tuple(
                    StatusEvent(Status(r["status"]), r["at"]) for r in events.get(app.id, ())
                ),
                actions={r["key"]: record_from_row(r) for r in acts.get(app.id, ())},
            )
        )
    return out
