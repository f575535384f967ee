"""Done / skip / snooze / reopen from a page (web/changes.py does the change)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from followthrough.services import Service
from followthrough.web import changes
from followthrough.web.deps import PageId, service
from followthrough.web.templating import back, render

router = APIRouter(include_in_schema=False)


def _settled(request: Request, svc: Service, action: dict[str, Any]) -> Response:
    """Return the changed action's row for htmx, a redirect back otherwise."""
    if request.headers.get("hx-request"):
        return render(request, "partials/action.html", svc, a=action)
    return back(request, "/")


@router.post("/actions/{action_id}/done")
def done(
    request: Request,
    action_id: PageId,
    reason: str | None = Form(None),
    svc: Service = Depends(service),
) -> Response:
    """Mark an action done."""
    return _settled(request, svc, changes.mark_done(svc, action_id, reason))


@router.post("/actions/{action_id}/skip")
def skip(
    request: Request,
    action_id: PageId,
    reason: str | None = Form(None),
    svc: Service = Depends(service),
) -> Response:
    """Skip an action."""
    return _settled(request, svc, changes.skip(svc, action_id, reason))


@router.post("/actions/{action_id}/snooze")
def snooze(
    request: Request,
    action_id: PageId,
    reason: str | None = Form(None),
    until: str | None = Form(None),
    until_at: str | None = Form(None),
    svc: Service = Depends(service),
) -> Response:
    """Snooze an action until the moment picked (a quick choice, or a date and time; by
    default a day later), then show the page again: it has left the Overdue group, with Undo."""
    when = until or (until_at or "").replace("T", " ").strip() or None
    changes.snooze(svc, action_id, when, reason)
    response = back(request, "/")
    location = response.headers["location"].split("?")[0].split("#")[0]
    response.headers["location"] = f"{location}?changed=1"
    return response


@router.post("/actions/{action_id}/reopen")
def reopen(request: Request, action_id: PageId, svc: Service = Depends(service)) -> Response:
    """Make a done or skipped action pending again."""
    return _settled(request, svc, changes.reopen(svc, action_id))
