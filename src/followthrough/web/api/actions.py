"""/api/v1/actions: show one, done, skip, reopen, snooze (web/changes.py does the change)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends

from followthrough import shapes
from followthrough.services import Service, actions
from followthrough.web import changes
from followthrough.web.deps import service
from followthrough.web.errors import ApiRoute
from followthrough.web.schemas.actions import ActionOut, CompletedOut, DoneIn, SkipIn, SnoozeIn
from followthrough.web.schemas.common import ActionId

router = APIRouter(prefix="/actions", route_class=ApiRoute)


@router.get("/{action_id}", response_model=ActionOut)
def show_action(action_id: ActionId, svc: Service = Depends(service)) -> dict[str, Any]:
    """One action."""
    return shapes.action_view_json(actions.show_action(svc, action_id), with_warnings=False)


@router.post("/{action_id}/done", response_model=CompletedOut)
def done(
    action_id: ActionId,
    body: Annotated[DoneIn | None, Body()] = None,
    svc: Service = Depends(service),
) -> dict[str, Any]:
    """Mark an action done (as `done`); a message action also logs the exchange."""
    given = body or DoneIn()
    return changes.mark_done(svc, action_id, given.reason, given.override, given.at)


@router.post("/{action_id}/skip", response_model=CompletedOut)
def skip(
    action_id: ActionId,
    body: Annotated[SkipIn | None, Body()] = None,
    svc: Service = Depends(service),
) -> dict[str, Any]:
    """Skip an action (as `skip`); it stays skipped through re-planning."""
    given = body or SkipIn()
    return changes.skip(svc, action_id, given.reason)


@router.post("/{action_id}/reopen", response_model=CompletedOut)
def reopen(action_id: ActionId, svc: Service = Depends(service)) -> dict[str, Any]:
    """Make a done, skipped or snoozed action pending again (as `reopen`); 409 when cancelled."""
    return changes.reopen(svc, action_id)


@router.post("/{action_id}/snooze", response_model=CompletedOut)
def snooze(
    action_id: ActionId,
    body: Annotated[SnoozeIn | None, Body()] = None,
    svc: Service = Depends(service),
) -> dict[str, Any]:
    """Put an action off (as `snooze`): until a date (same time of day), a moment, or tomorrow."""
    given = body or SnoozeIn()
    return changes.snooze(svc, action_id, given.until, given.reason)
