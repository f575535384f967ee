"""The board: one column per status; moving a card changes the status."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from followthrough import shapes
from followthrough.domain.model import Status
from followthrough.services import Service, applications
from followthrough.web.deps import PageId, service
from followthrough.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/pipeline", response_class=HTMLResponse)
def pipeline_page(
    request: Request, svc: Service = Depends(service), change: dict[str, Any] | None = None
) -> HTMLResponse:
    """The board: one column per status."""
    statuses = [s.value for s in Status]
    columns: dict[str, list[dict[str, Any]]] = {s: [] for s in statuses}
    for item in applications.list_applications(svc):
        app = shapes.application_item_json(item)
        columns[app["status"]].append(app)
    return render(request, "pipeline.html", svc, statuses=statuses, columns=columns, change=change)


@router.post("/applications/{app_id}/status")
def move_card(
    request: Request, app_id: PageId, status: str = Form(...), svc: Service = Depends(service)
) -> Response:
    """Move a card: change the status, re-plan, show what was added and cancelled."""
    change = shapes.status_change_json(applications.set_status(svc, app_id, status))
    return pipeline_page(request, svc, change=change)
