"""The board: one column per status, each with its count and its most recently changed
applications; one status on a page of its own, page by page, for the rest. Moving a card
changes the status."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from followthrough import shapes
from followthrough.domain.model import Status
from followthrough.services import Service, applications, board
from followthrough.web.deps import PageId, service
from followthrough.web.pages.remembered import UNTIL_WRITTEN, Built, remembered
from followthrough.web.templating import render

STATUSES = [s.value for s in Status]
#: A page number in a query (as large as any column could need, and no larger).
PageNumber = Annotated[int, Query(ge=1, le=10**9)]

router = APIRouter(include_in_schema=False)


def _view(svc: Service, status: str | None, page: int) -> dict[str, Any]:
    """Return the template's variables: the board, or page `page` of one status."""
    if status is None:
        return {"statuses": STATUSES, "columns": board.board(svc), "column": None}
    return {"statuses": STATUSES, "columns": [], "column": board.column(svc, status, page)}


@router.get("/pipeline", response_class=HTMLResponse)
async def pipeline_page(
    request: Request, status: str | None = None, page: PageNumber = 1
) -> Response:
    """The board (the first cards of every status), or with ?status= one status, page by page."""

    def build(svc: Service) -> Built:
        return _view(svc, status, page), UNTIL_WRITTEN  # nothing on it moves with the clock

    name = "pipeline" if status is None else f"pipeline:{status}:{page}"
    return await remembered(request, name, "pipeline.html", build)


@router.post("/applications/{app_id}/status")
def move_card(
    request: Request,
    app_id: PageId,
    status: str = Form(...),
    view: str | None = None,
    page: PageNumber = 1,
    svc: Service = Depends(service),
) -> Response:
    """Move a card: change the status, re-plan, show what was added and cancelled, on the
    view the card was moved from (?view=STATUS&page=N for one status's page, else the board)."""
    change = shapes.status_change_json(applications.set_status(svc, app_id, status))
    if view == "application":  # from the application's own page: back there, with Undo
        return RedirectResponse(f"/applications/{app_id}?changed=1", status_code=303)
    return render(request, "pipeline.html", svc, change=change, **_view(svc, view, page))
