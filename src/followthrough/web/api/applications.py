"""/api/v1/applications: list, add, show, status, referees, plan, brief, interviews, log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Query

from followthrough import shapes
from followthrough.domain.errors import ValidationError
from followthrough.domain.parse import later
from followthrough.services import Service, agenda, applications, exchanges, interviews
from followthrough.web.api.inputs import day, moment, people, person
from followthrough.web.deps import service
from followthrough.web.errors import ApiRoute
from followthrough.web.schemas.actions import ActionOut
from followthrough.web.schemas.applications import (
    ApplicationDetailOut,
    ApplicationIn,
    ApplicationItemOut,
    ApplicationOut,
    BriefOut,
    LoggedOut,
    LogIn,
    RefereeIn,
    StatusChangeOut,
    StatusIn,
)
from followthrough.web.schemas.common import AppId, AppStatus
from followthrough.web.schemas.contacts import ContactOut
from followthrough.web.schemas.interviews import InterviewIn, InterviewOut

router = APIRouter(prefix="/applications", route_class=ApiRoute)


@router.get("", response_model=list[ApplicationItemOut])
def list_applications(
    status: AppStatus | None = Query(default=None, description="Only this status"),
    svc: Service = Depends(service),
) -> list[dict[str, Any]]:
    """Every application with its next action (as `app list --json`)."""
    return [shapes.application_item_json(a) for a in applications.list_applications(svc, status)]


@router.post("", response_model=ApplicationOut, status_code=201)
def add_application(body: ApplicationIn, svc: Service = Depends(service)) -> dict[str, Any]:
    """Add an application (as `app add --json`); it is planned at once."""
    created = applications.add_application(
        svc,
        body.company,
        body.role,
        recruiter=person(body.recruiter, "recruiter"),
        agency=body.agency,
        url=body.url,
        interest=body.interest,
        notes=body.notes,
        referees=people(body.referees, "referee"),
        competitors=body.competitors,
        hiring_contact=person(body.hiring_contact, "hiring-contact"),
    )
    return shapes.application_view_json(applications.application_item(svc, created.id))


@router.get("/{app_id}", response_model=ApplicationDetailOut)
def show_application(app_id: AppId, svc: Service = Depends(service)) -> dict[str, Any]:
    """An application with its people, interviews, plan and exchanges (as `app show --json`)."""
    return shapes.application_detail_json(applications.show_application(svc, app_id))


@router.post("/{app_id}/status", response_model=StatusChangeOut)
def set_status(app_id: AppId, body: StatusIn, svc: Service = Depends(service)) -> dict[str, Any]:
    """Change the status and re-plan; shows what was added and cancelled (as `app status`)."""
    return shapes.status_change_json(applications.set_status(svc, app_id, body.status))


@router.post("/{app_id}/referees", response_model=ContactOut, status_code=201)
def add_referee(app_id: AppId, body: RefereeIn, svc: Service = Depends(service)) -> dict[str, Any]:
    """Record a referee you gave for this application (as `app referee`); re-plans."""
    referee = applications.add_referee(svc, app_id, person(body.referee, "referee") or "")
    return shapes.contact_json(referee)


@router.get("/{app_id}/plan", response_model=list[ActionOut])
def plan(app_id: AppId, svc: Service = Depends(service)) -> list[dict[str, Any]]:
    """The full dated plan of an application, cancelled actions included (as `plan --json`)."""
    rows, zone = applications.plan(svc, app_id)
    return [shapes.action_json(r, zone) for r in rows]


@router.get("/{app_id}/brief", response_model=BriefOut)
def brief(app_id: AppId, svc: Service = Depends(service)) -> dict[str, Any]:
    """Everything to review before a call about an application (as `brief --json`)."""
    return shapes.brief_json(agenda.brief(svc, app_id))


@router.post("/{app_id}/interviews", response_model=InterviewOut, status_code=201)
def add_interview(
    app_id: AppId, body: InterviewIn, svc: Service = Depends(service)
) -> dict[str, Any]:
    """Record an interview (as `interview add --json`); re-plans its follow-ups."""
    if body.end and body.duration:
        raise ValidationError("end", "give end or duration, not both")
    zone = svc.week().zone
    start = moment(body.start, zone, "start")
    if body.end:
        stop = moment(body.end, zone, "end", default_date=start.astimezone(zone).date())
    else:
        stop = later(start, dt.timedelta(minutes=body.duration or 60))
    decision = day(body.decision_by, "decision_by") if body.decision_by else None
    created = interviews.add_interview(
        svc,
        app_id,
        start,
        stop,
        body.format,
        people(body.with_, "with"),
        body.direct_contacts,
        decision,
        body.promises,
        body.round,
        person(body.follow_up_with, "follow-up-with"),
        body.follow_up_how,
        body.next_steps,
    )
    return shapes.interview_view_json(created, with_debrief=False)


@router.post("/{app_id}/interactions", response_model=LoggedOut, status_code=201)
def log(app_id: AppId, body: LogIn, svc: Service = Depends(service)) -> dict[str, Any]:
    """Log a call, e-mail or message (as `log --json`): the basis of the once-a-week rule."""
    when = moment(body.at, svc.week().zone, "at") if body.at else None
    who = person(body.with_, "with")
    logged = exchanges.log(
        svc, app_id, body.kind, who, when, body.summary, body.reply, body.override
    )
    return shapes.logged_json(logged)
