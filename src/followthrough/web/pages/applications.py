"""An application: the form to add one, its page, its brief, logging an exchange.

/applications/new is declared before /applications/{app_id}, in this one router: "new" is not
an id, and the order within a router is the only order that decides between them.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from followthrough import shapes
from followthrough.domain.errors import ValidationError
from followthrough.domain.parse import parse_datetime
from followthrough.services import Service, agenda, applications, exchanges
from followthrough.web.deps import PageId, service
from followthrough.web.errors import PAGE_HINTS
from followthrough.web.pages.formdata import form_field, form_of, lines, optional_int, submit
from followthrough.web.pages.remembered import UNTIL_WRITTEN, Built, remembered
from followthrough.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/applications/new", response_class=HTMLResponse)
def new_application(request: Request, svc: Service = Depends(service)) -> HTMLResponse:
    """The form to add an application."""
    return render(request, "application_new.html", svc, page="new", values={}, errors={})


@router.post("/applications/new")
async def add_application(request: Request, svc: Service = Depends(service)) -> Response:
    """Add the application; it is planned at once."""

    def work(v: dict[str, str]) -> str:
        app = applications.add_application(
            svc,
            v.get("company", ""),
            v.get("role", ""),
            recruiter=v.get("recruiter") or None,
            agency=v.get("agency") or None,
            url=v.get("url") or None,
            interest=optional_int(v, "interest", "give 1 (low) to 5 (high)"),
            notes=v.get("notes", ""),
            referees=lines(v.get("referees")),
            competitors=lines(v.get("competitors")),
            hiring_contact=v.get("hiring_contact") or None,
        )
        return f"/applications/{app.id}?added=1"

    return await submit(request, svc, "application_new.html", work, page="new")


EXCHANGES = [
    ("email-in", "An e-mail from them"),
    ("message-in", "A message from them"),
    ("call", "A call"),
    ("email-out", "An e-mail I sent"),
    ("message-out", "A message I sent"),
]


@router.get("/applications/{app_id}", response_class=HTMLResponse)
async def application_page(request: Request, app_id: PageId) -> Response:
    """One application: people, interviews, the plan, the exchanges (remembered between
    writes: nothing on it moves with the clock)."""
    added = bool(request.query_params.get("added"))
    logged = bool(request.query_params.get("logged"))

    def build(svc: Service) -> Built:
        app = shapes.application_detail_json(applications.show_application(svc, app_id))
        values = {"app": app, "added": added, "logged": logged, "values": {}, "errors": {}}
        return {**values, "exchanges": EXCHANGES}, UNTIL_WRITTEN

    name = f"application:{app_id}:{added:d}{logged:d}"
    return await remembered(request, name, "application.html", build)


@router.get("/applications/{app_id}/brief", response_class=HTMLResponse)
def brief_page(request: Request, app_id: PageId, svc: Service = Depends(service)) -> HTMLResponse:
    """What to review before calling about an application."""
    return render(request, "brief.html", svc, brief=shapes.brief_json(agenda.brief(svc, app_id)))


@router.post("/applications/{app_id}/exchanges")
async def log_exchange(
    request: Request, app_id: PageId, svc: Service = Depends(service)
) -> Response:
    """Log a call, e-mail or message; a reply from them stops the chasing by itself."""
    values = await form_of(request)
    try:
        zone = svc.week().zone
        at = None
        if values.get("date", "").strip():
            at = parse_datetime(
                f"{values['date'].strip()} {values.get('time', '').strip() or '12:00'}",
                zone, "date",
            )
        found = await run_in_threadpool(
            exchanges.log,
            svc,
            app_id,
            values.get("kind", ""),
            values.get("with") or None,
            at,
            values.get("summary", ""),
            values.get("reply") == "1",
            values.get("override") or None,
        )
        logged = shapes.logged_json(found)
    except ValidationError as exc:
        app = shapes.application_detail_json(
            await run_in_threadpool(applications.show_application, svc, app_id)
        )
        response = render(
            request, "application.html", svc, app=app, values=values,
            errors={form_field(exc.field): exc.hinted(PAGE_HINTS)}, exchanges=EXCHANGES,
        )
        response.status_code = 422
        return response
    if logged["warnings"]:  # it happened, so it is kept; say what the guidance would have said
        app = shapes.application_detail_json(
            await run_in_threadpool(applications.show_application, svc, app_id)
        )
        return render(request, "application.html", svc, app=app, values={}, errors={},
                      exchanges=EXCHANGES, warnings=logged["warnings"])
    return RedirectResponse(f"/applications/{app_id}?logged=1#h-timeline", status_code=303)
