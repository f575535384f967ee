"""Server-rendered pages (Jinja2, autoescape on); htmx makes them instant, not required."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from followthrough.domain.model import Status
from followthrough.services import Service
from followthrough.web.app import service

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))


def when(value: str | None, with_date: bool = False) -> str:
    """Return an ISO time as 'Tue 24 Nov 10:00' (in the offset it carries: the user's zone)."""
    if not value:
        return "—"
    moment = dt.datetime.fromisoformat(value)
    return moment.strftime("%a %d %b %Y, %H:%M" if with_date else "%a %d %b %H:%M")


templates.env.filters["when"] = when


def render(request: Request, name: str, svc: Service, **context: Any) -> HTMLResponse:
    """Return a page with what every page needs (CSRF token, zone)."""
    context.setdefault("page", name.removesuffix(".html"))
    return templates.TemplateResponse(
        request, name, {"csrf": request.state.csrf, "tz": svc.settings()["tz"], **context}
    )


def _back(request: Request, fallback: str) -> RedirectResponse:
    referer = request.headers.get("referer", "")
    # only ever redirect within this site
    target = fallback
    if referer.startswith(str(request.base_url)):
        target = "/" + referer[len(str(request.base_url)):]
    return RedirectResponse(target, status_code=303)


@router.get("/", response_class=HTMLResponse)
def today_page(request: Request, svc: Service = Depends(service)) -> HTMLResponse:
    """Today: overdue, due today, next 7 days."""
    return render(request, "today.html", svc, agenda=svc.today())


@router.post("/actions/{action_id}/{verb}")
def settle(
    request: Request, action_id: int, verb: str, reason: str | None = Form(None),
    svc: Service = Depends(service),
) -> Response:
    """Done / skip / snooze from a page: the updated row for htmx, a redirect otherwise."""
    status = {"done": "done", "skip": "skipped", "snooze": "snoozed"}.get(verb)
    if status is None:
        return HTMLResponse("Unknown action", status_code=404)
    action = svc.complete(action_id, status, reason=reason)
    if request.headers.get("hx-request"):
        return render(request, "partials/action.html", svc, a=action)
    return _back(request, "/")


@router.get("/pipeline", response_class=HTMLResponse)
def pipeline_page(request: Request, svc: Service = Depends(service),
                  change: dict[str, Any] | None = None) -> HTMLResponse:
    """The board: one column per status."""
    statuses = [s.value for s in Status]
    columns: dict[str, list[dict[str, Any]]] = {s: [] for s in statuses}
    for app in svc.list_applications():
        columns[app["status"]].append(app)
    return render(request, "pipeline.html", svc, statuses=statuses, columns=columns,
                  change=change)


@router.post("/applications/{app_id}/status")
def move_card(request: Request, app_id: int, status: str = Form(...),
              svc: Service = Depends(service)) -> Response:
    """Move a card: change the status, re-plan, show what was added and cancelled."""
    change = svc.set_status(app_id, status)
    return pipeline_page(request, svc, change=change)


@router.get("/applications/{app_id}", response_class=HTMLResponse)
def application_page(request: Request, app_id: int,
                     svc: Service = Depends(service)) -> HTMLResponse:
    """One application: people, interviews, the plan, the exchanges."""
    return render(request, "application.html", svc, app=svc.show_application(app_id))
