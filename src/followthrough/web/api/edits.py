"""/api/v1 corrections: edit, delete and merge applications, interviews and contacts; list,
edit and delete exchanges; the history and undo; your own words. The same use cases as the
CLI's `edit`, `delete`, `merge`, `exchange`, `history`, `undo` and `words`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi import Path as PathParam

from followthrough import shapes
from followthrough.services import (
    Service,
    app_edits,
    applications,
    contacts,
    exchanges,
    history,
    interview_edits,
    interviews,
    words,
)
from followthrough.shapes.history import event_json
from followthrough.web.api.inputs import day, moment, people, person
from followthrough.web.deps import service
from followthrough.web.errors import ApiRoute
from followthrough.web.schemas.applications import ApplicationOut
from followthrough.web.schemas.common import MAX_ID, AppId, ContactId, InterviewId
from followthrough.web.schemas.contacts import ContactOut
from followthrough.web.schemas.edits import (
    ApplicationEditIn,
    ContactEditIn,
    DeletedOut,
    EventOut,
    ExchangeEditIn,
    ExchangeItemOut,
    InterviewEditIn,
    MergeIn,
    UndoOut,
    WordsIn,
    WordsOut,
)
from followthrough.web.schemas.interviews import InterviewOut

router = APIRouter(route_class=ApiRoute)
ExchangeId = Annotated[int, PathParam(ge=1, le=MAX_ID, description="An exchange id")]


def _given(body: Any) -> dict[str, Any]:
    """Return the fields the request set (null included: it empties the field)."""
    return {name: getattr(body, name) for name in body.model_fields_set}


# ---------------------------------------------------------------- applications


@router.patch("/applications/{app_id}", response_model=ApplicationOut)
def edit_application(
    app_id: AppId, body: ApplicationEditIn, svc: Service = Depends(service)
) -> dict[str, Any]:
    """Correct an application (as `app edit --json`); re-plans what depends on it."""
    changes = _given(body)
    if "recruiter" in changes:
        changes["recruiter"] = person(changes["recruiter"], "recruiter")
    if changes.get("applied_on") is not None:
        changes["applied_on"] = day(changes["applied_on"], "applied_on")
    app_edits.edit_application(svc, app_id, changes)
    return shapes.application_view_json(applications.application_item(svc, app_id))


@router.delete("/applications/{app_id}", response_model=DeletedOut)
def delete_application(app_id: AppId, svc: Service = Depends(service)) -> dict[str, Any]:
    """Delete an application with its interviews, exchanges and plan (`POST /undo` restores)."""
    app_edits.delete_application(svc, app_id)
    return {"deleted": {"application": app_id}}


@router.post("/applications/{app_id}/merge", response_model=ApplicationOut)
def merge_applications(
    app_id: AppId, body: MergeIn, svc: Service = Depends(service)
) -> dict[str, Any]:
    """Merge the duplicate `other` into this application (as `app merge`)."""
    app_edits.merge_applications(svc, app_id, body.other)
    return shapes.application_view_json(applications.application_item(svc, app_id))


@router.get("/applications/{app_id}/exchanges", response_model=list[ExchangeItemOut])
def list_exchanges(app_id: AppId, svc: Service = Depends(service)) -> list[dict[str, Any]]:
    """The logged exchanges of an application, oldest first (as `exchange list --json`)."""
    found, people_, zone = exchanges.list_exchanges(svc, app_id)
    return [shapes.exchange_json(x, people_, zone) for x in found]


@router.get("/applications/{app_id}/history", response_model=list[EventOut])
def application_history(
    app_id: AppId,
    limit: int | None = Query(default=None, ge=1, le=10_000),
    svc: Service = Depends(service),
) -> list[dict[str, Any]]:
    """The changes made to one application, newest first (as `history APP --json`)."""
    found, zone = history.history(svc, app_id, limit)
    return [event_json(e, zone) for e in found]


# ---------------------------------------------------------------- interviews


@router.patch("/interviews/{interview_id}", response_model=InterviewOut)
def edit_interview(
    interview_id: InterviewId, body: InterviewEditIn, svc: Service = Depends(service)
) -> dict[str, Any]:
    """Correct an interview (as `interview edit --json`): moving it moves its follow-ups."""
    changes = _given(body)
    zone = svc.week().zone
    if changes.get("start") is not None:
        changes["start"] = moment(changes["start"], zone, "start")
    if changes.get("end") is not None:
        base = changes.get("start") or interviews.show_interview(svc, interview_id).interview.start
        changes["end"] = moment(changes["end"], zone, "end", base.astimezone(zone).date())
    if changes.get("duration") is not None:
        changes["duration"] = dt.timedelta(minutes=changes["duration"])
    if changes.get("decision_by") is not None:
        changes["decision_by"] = day(changes["decision_by"], "decision_by")
    if "with_" in changes:
        changes["with"] = people(changes.pop("with_") or [], "with")
    changes = {k: v for k, v in changes.items() if v is not None or k == "decision_by"}
    interview_edits.edit_interview(svc, interview_id, changes)
    shown = interviews.show_interview(svc, interview_id)
    return shapes.interview_view_json(shown, with_debrief=False)


@router.delete("/interviews/{interview_id}", response_model=DeletedOut)
def delete_interview(interview_id: InterviewId, svc: Service = Depends(service)) -> dict[str, Any]:
    """Delete an interview with its panel, debrief and actions (`POST /undo` restores)."""
    interview_edits.delete_interview(svc, interview_id)
    return {"deleted": {"interview": interview_id}}


# ---------------------------------------------------------------- contacts


@router.patch("/contacts/{contact_id}", response_model=ContactOut)
def edit_contact(
    contact_id: ContactId, body: ContactEditIn, svc: Service = Depends(service)
) -> dict[str, Any]:
    """Correct a contact (as `contact edit --json`); re-plans where they appear."""
    changes = _given(body)
    if changes.get("direct_contact") is None:
        changes.pop("direct_contact", None)
    return shapes.contact_json(contacts.edit_contact(svc, contact_id, changes))


@router.delete("/contacts/{contact_id}", response_model=DeletedOut)
def delete_contact(contact_id: ContactId, svc: Service = Depends(service)) -> dict[str, Any]:
    """Delete a contact; says which interviews and applications they appeared in."""
    _, uses = contacts.delete_contact(svc, contact_id)
    return {"deleted": {"contact": contact_id}, **uses}


@router.post("/contacts/{contact_id}/merge", response_model=ContactOut)
def merge_contacts(
    contact_id: ContactId, body: MergeIn, svc: Service = Depends(service)
) -> dict[str, Any]:
    """Merge the duplicate `other` into this contact (as `contact merge`)."""
    return shapes.contact_json(contacts.merge_contacts(svc, contact_id, body.other))


# ---------------------------------------------------------------- exchanges


@router.patch("/exchanges/{exchange_id}", response_model=ExchangeItemOut)
def edit_exchange(
    exchange_id: ExchangeId, body: ExchangeEditIn, svc: Service = Depends(service)
) -> dict[str, Any]:
    """Correct a logged exchange (as `exchange edit`); re-plans its application."""
    changes = _given(body)
    if "with_" in changes:
        changes["with"] = person(changes.pop("with_"), "with")
    if changes.get("at") is not None:
        changes["at"] = moment(changes["at"], svc.week().zone, "at")
    changes = {k: v for k, v in changes.items() if v is not None or k == "with"}
    found = exchanges.edit_exchange(svc, exchange_id, changes)
    return shapes.exchange_json(found, {}, svc.week().zone)


@router.delete("/exchanges/{exchange_id}", response_model=DeletedOut)
def delete_exchange(exchange_id: ExchangeId, svc: Service = Depends(service)) -> dict[str, Any]:
    """Delete an exchange logged by mistake (as `exchange delete`)."""
    exchanges.delete_exchange(svc, exchange_id)
    return {"deleted": {"exchange": exchange_id}}


# ---------------------------------------------------------------- history, undo, words


@router.get("/history", response_model=list[EventOut])
def list_history(
    limit: int | None = Query(default=None, ge=1, le=10_000), svc: Service = Depends(service)
) -> list[dict[str, Any]]:
    """Every change, newest first (as `history --json`)."""
    found, zone = history.history(svc, None, limit)
    return [event_json(e, zone) for e in found]


@router.post("/undo", response_model=UndoOut)
def undo(svc: Service = Depends(service)) -> dict[str, Any]:
    """Take back the last change not undone yet (as `undo --json`)."""
    undone, event = history.undo(svc)
    zone = svc.week().zone
    return {"undone": event_json(undone, zone), "undo": event_json(event, zone)}


@router.get("/words", response_model=WordsOut)
def list_words(svc: Service = Depends(service)) -> dict[str, Any]:
    """Your own words (as `words list --json`)."""
    return {"words": words.list_words(svc)}


@router.post("/words", response_model=WordsOut)
def add_words(body: WordsIn, svc: Service = Depends(service)) -> dict[str, Any]:
    """Add words the checker must accept; returns every word of yours."""
    words.add_words(svc, body.words)
    return {"words": words.list_words(svc)}


@router.delete("/words/{word}", response_model=WordsOut)
def remove_word(word: str, svc: Service = Depends(service)) -> dict[str, Any]:
    """Remove one of your words; returns every word of yours."""
    words.remove_words(svc, [word])
    return {"words": words.list_words(svc)}
