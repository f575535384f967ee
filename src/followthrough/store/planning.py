"""The re-plan's reads: the facts of many applications in a fixed number of plain queries,
and which applications a change of dates may re-plan at all."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, String, and_, cast, literal, or_

from followthrough.domain.model import (
    FINAL_STATUSES,
    ActionRecord,
    ActionStatus,
    Application,
    Contact,
    Debrief,
    FitVerdict,
    Interaction,
    Interview,
    PlannedAction,
    Recipient,
    StatusEvent,
)
from followthrough.store import plain
from followthrough.store.plain import at, day, instant, json_tuple
from followthrough.store.read.links import RECRUITER_LINK
from followthrough.store.schema import (
    actions,
    applications,
    contacts,
    debriefs,
    interactions,
    interviewers,
    interviews,
    referees,
    status_events,
)
from followthrough.store.scope import Owner, plain_select

Member = Callable[[Any], Any]


def _q_applications(member: Member) -> Any:
    """Return the read of the applications (by id)."""
    c = applications.c
    return (
        plain_select(applications, c.id, c.company, c.role, c.channel, c.status, c.created_at,
                     c.url, c.agency, c.recruiter_id, c.hiring_contact_id, c.interest, c.notes,
                     c.competitors, c.applied_on)
        .where(member(c.id))
        .order_by(c.id)
    )  # fmt: skip


def _q_interviews(member: Member) -> Any:
    """Return the read of the interviews of the applications, by start."""
    c = interviews.c
    return (
        plain_select(interviews, c.id, c.application_id, c.start_at, c.end_at, c.format, c.round,
                     c.decision_date, c.follow_up_contact_id, c.follow_up_how, c.promises,
                     c.next_steps)
        .where(member(c.application_id))
        .order_by(c.start_at, c.id)
    )  # fmt: skip


def _q_panels(member: Member) -> Any:
    """Return the read of the interviewers of the interviews (by interview id), in order."""
    c = interviewers.c
    return (
        plain_select(interviewers, c.interview_id, c.contact_id)
        .where(member(c.interview_id))
        .order_by(c.interview_id, c.position)
    )


def _q_debriefs(member: Member) -> Any:
    """Return the read of what the planner reads of the debriefs of the interviews."""
    c = debriefs.c
    return plain_select(debriefs, c.interview_id, c.recorded_at, c.verdict).where(
        member(c.interview_id)
    )


def _q_interactions(member: Member) -> Any:
    """Return the read of the interactions of the applications, in time order."""
    c = interactions.c
    return (
        plain_select(interactions, c.id, c.application_id, c.at, c.kind, c.contact_id, c.summary,
                     c.action_id, c.action_kind, c.follow_up)
        .where(member(c.application_id))
        .order_by(c.at, c.id)
    )  # fmt: skip


def _q_status_events(member: Member) -> Any:
    """Return the read of the status events of the applications, in time order."""
    c = status_events.c
    return (
        plain_select(status_events, c.application_id, c.status, c.at)
        .where(member(c.application_id))
        .order_by(c.at, c.id)
    )


def _q_referees(member: Member) -> Any:
    """Return the read of the referees of the applications."""
    c = referees.c
    return (
        plain_select(referees, c.application_id, c.contact_id)
        .where(member(c.application_id))
        .order_by(c.application_id, c.contact_id)
    )


def _q_contacts(member: Member) -> Any:
    """Return the read of the contacts (by id)."""
    c = contacts.c
    return plain_select(
        contacts,
        c.id,
        c.name,
        c.email,
        c.phone,
        c.linkedin,
        c.role,
        c.organisation,
        c.direct_contact,
        c.notes,
    ).where(member(c.id))


#: The actions reconcile compares with the planner's decision (it needs that decision).
_OPEN = (ActionStatus.PENDING.value, ActionStatus.SNOOZED.value)
_ACTION_RECORD = ("id", "application_id", "key", "kind", "status", "due_at", "done_at",
                  "edited", "reason")  # fmt: skip
_ACTION_PLANNED = ("title", "planned_due_at", "rule", "sources", "channel",
                   "recipient_contact_id", "recipient_name", "recipient_email", "via_contact_id",
                   "via_name", "interview_id", "deadline_at", "why", "talking_points",
                   "chases")  # fmt: skip


def _q_settled_actions(member: Member) -> Any:
    """Return the read of the record of the applications' actions neither pending nor
    snoozed."""
    c = actions.c
    return plain_select(actions, *(c[n] for n in _ACTION_RECORD)).where(
        member(c.application_id), c.status.not_in(_OPEN)
    )


def _q_open_actions(member: Member) -> Any:
    """Return the read of the record and the planner's last decision of the pending and
    snoozed actions of the applications."""
    c = actions.c
    return plain_select(actions, *(c[n] for n in (*_ACTION_RECORD, *_ACTION_PLANNED))).where(
        member(c.application_id), c.status.in_(_OPEN)
    )


def _planned_time(times: dict[Any, dt.datetime | None], value: Any) -> dt.datetime | None:
    """Return instant(value), parsed once per distinct value (planned times repeat)."""
    if value in times:
        return times[value]
    moment = times[value] = instant(value)
    return moment


def _open_record(r: Sequence[Any], planned: Callable[[Any], dt.datetime | None]) -> ActionRecord:
    """Return the record of a pending or snoozed action read by _q_open_actions."""
    recipient = None
    if r[15]:
        recipient = Recipient(r[14], r[15], r[16], r[17], r[18])
    due = planned(r[10])  # NOT NULL
    assert due is not None
    decision = PlannedAction(
        key=r[2], kind=r[3], title=r[9], due=due, rule=r[11],
        sources=tuple(r[12].split()), channel=plain.MESSAGE_CHANNEL[r[13]],
        application_id=r[1], interview_id=r[19], recipient=recipient,
        deadline=planned(r[20]), reason=r[21] or "", talking_points=json_tuple(r[22]),
        chases=bool(r[23]),
    )  # fmt: skip
    return ActionRecord(
        r[2], r[3], plain.ACTION_STATUS[r[4]], planned(r[5]), instant(r[6]), bool(r[7]),
        decision, r[8],
    )  # fmt: skip


def records_for_planning(
    owner: Owner, conn: Connection, ids: Sequence[int]
) -> dict[int, dict[str, ActionRecord]]:
    """Return the action records of these applications, by application then key (in id
    order); the planner's columns only for pending and snoozed ones, which need them."""
    found: list[tuple[int, int, ActionRecord]] = []
    times: dict[Any, dt.datetime | None] = {None: None}

    def planned(value: Any) -> dt.datetime | None:
        """Return the instant `value` (see _planned_time)."""
        return _planned_time(times, value)

    for r in plain.run(conn, _q_settled_actions, owner, ids):
        record = ActionRecord(
            r[2], r[3], plain.ACTION_STATUS[r[4]], planned(r[5]), instant(r[6]), bool(r[7]),
            None, r[8],
        )  # fmt: skip
        found.append((r[0], r[1], record))
    for r in plain.run(conn, _q_open_actions, owner, ids):
        found.append((r[0], r[1], _open_record(r, planned)))
    found.sort(key=operator.itemgetter(0))
    out: dict[int, dict[str, ActionRecord]] = {}
    for _, app_id, record in found:
        out.setdefault(app_id, {})[record.key] = record
    return out


def plain_applications(owner: Owner, conn: Connection, ids: Sequence[int]) -> list[Application]:
    """Return these applications, by id, read plain."""
    return [
        Application(
            id=r[0],
            company=r[1],
            role=r[2],
            channel=plain.CHANNEL[r[3]],
            status=plain.STATUS[r[4]],
            created_at=at(r[5]),
            url=r[6],
            agency=r[7],
            recruiter_id=r[8],
            hiring_contact_id=r[9],
            interest=r[10],
            notes=r[11] or "",
            competitors=tuple(c for c in (r[12] or "").split("\n") if c),
            applied_on=day(r[13]),
        )  # fmt: skip
        for r in plain.run(conn, _q_applications, owner, ids)
    ]


def plain_interviews(
    owner: Owner, conn: Connection, ids: Sequence[int]
) -> tuple[dict[int, tuple[Interview, ...]], dict[int, Debrief]]:
    """Return the interviews of these applications (by application, by start, with their
    panels) and the debriefs the planner reads (verdict and time, by interview)."""
    iv_rows: dict[int, list[Sequence[Any]]] = {}
    for r in plain.run(conn, _q_interviews, owner, ids):
        iv_rows.setdefault(r[1], []).append(r)
    iv_ids = [r[0] for rows in iv_rows.values() for r in rows]
    panels: dict[int, list[int]] = {i: [] for i in iv_ids}
    if iv_ids:
        for iid, cid in plain.run(conn, _q_panels, owner, iv_ids):
            panels[iid].append(cid)
    notes = {  # the planner reads a debrief's verdict and when it was written, no more
        i: Debrief(interview_id=i, recorded_at=at(when), verdict=FitVerdict(v) if v else None)
        for i, when, v in (plain.run(conn, _q_debriefs, owner, iv_ids) if iv_ids else ())
    }
    found = {
        app_id: tuple(
            Interview(
                id=r[0],
                application_id=r[1],
                start=at(r[2]),
                end=at(r[3]),
                format=plain.FORMAT[r[4]],
                round=r[5],
                interviewer_ids=tuple(panels[r[0]]),
                decision_date=day(r[6]),
                follow_up_contact_id=r[7],
                follow_up_how=r[8] or "",
                promises=json_tuple(r[9]),
                next_steps=r[10] or "",
            )  # fmt: skip
            for r in rows
        )
        for app_id, rows in iv_rows.items()
    }
    return found, notes


def plain_interactions(
    owner: Owner, conn: Connection, ids: Sequence[int]
) -> dict[int, list[Interaction]]:
    """Return the interactions of these applications, by application, in time order."""
    inter: dict[int, list[Interaction]] = {}
    for r in plain.run(conn, _q_interactions, owner, ids):
        inter.setdefault(r[1], []).append(
            Interaction(r[0], r[1], at(r[2]), plain.INTERACTION_KIND[r[3]], r[4], r[5] or "",
                        r[6], r[7], bool(r[8]))
        )  # fmt: skip
    return inter


def plain_events(
    owner: Owner, conn: Connection, ids: Sequence[int]
) -> dict[int, list[StatusEvent]]:
    """Return the status events of these applications, by application, in time order."""
    events: dict[int, list[StatusEvent]] = {}
    for app_id, status, when in plain.run(conn, _q_status_events, owner, ids):
        events.setdefault(app_id, []).append(StatusEvent(plain.STATUS[status], at(when)))
    return events


def plain_referees(owner: Owner, conn: Connection, ids: Sequence[int]) -> dict[int, list[int]]:
    """Return the referees' contact ids of these applications, by application."""
    refs: dict[int, list[int]] = {}
    for app_id, cid in plain.run(conn, _q_referees, owner, ids):
        refs.setdefault(app_id, []).append(cid)
    return refs


def plain_contacts(owner: Owner, conn: Connection, ids: Sequence[int]) -> dict[int, Contact]:
    """Return the contacts with these ids, read plain."""
    return {
        r[0]: Contact(
            id=r[0],
            name=r[1],
            email=r[2],
            phone=r[3],
            linkedin=r[4],
            role=plain.ROLE[r[5]],
            organisation=r[6],
            direct_contact=bool(r[7]),
            notes=r[8] or "",
        )  # fmt: skip
        for r in (plain.run(conn, _q_contacts, owner, ids) if ids else ())
    }


def unsettled_application_ids(owner: Owner, conn: Connection) -> list[int]:
    """Return, in one query, the ids of the applications a change of dates may re-plan.

    Settled (left out): a final status, at least one action, none pending or snoozed,
    and its recruiter's LinkedIn note not pending, snoozed or cancelled under another
    application. Its plan's keys do not depend on dates, so a re-plan would insert, revive
    or cancel nothing (and update nothing: only pending and snoozed actions move). An
    application without actions may never have been planned (the importer does not plan
    one in a final status); a recruiter's note another application may give up or hold
    cancelled may come back here: those are re-planned.
    """
    mine = actions.c.application_id == applications.c.id
    link = actions.alias("link")
    link_key = literal(f"{RECRUITER_LINK}:c") + cast(applications.c.recruiter_id, String)
    moving = (
        owner.select(link, link.c.id)
        .where(
            link.c.key == link_key,
            link.c.status.in_(("pending", "snoozed", "cancelled")),
            link.c.application_id.is_distinct_from(applications.c.id),
        )
        .exists()
    )
    unsettled = or_(
        applications.c.status.not_in([s.value for s in FINAL_STATUSES]),
        ~owner.has_linked(actions, mine),
        applications.c.id.in_(  # one pass over the open actions (ix_actions_agenda), not
            owner.select(actions, actions.c.application_id).where(  # a look at each action
                actions.c.status.in_(("pending", "snoozed"))
            )
        ),
        and_(applications.c.recruiter_id.is_not(None), moving),
    )
    query = owner.select(applications, applications.c.id).where(unsettled)
    return list(conn.execute(query.order_by(applications.c.id)).scalars())
