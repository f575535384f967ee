"""The pages that take input: add an application, record an interview, the debrief, settings.

Each form posts to itself; on a user error the same form comes back with what was typed, the
error next to its field and a summary at the top (HTTP 422), and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from followthrough.domain.errors import ValidationError
from followthrough.domain.model import DEBRIEF_TEXT_FIELDS, FIT_QUESTIONS, Format
from followthrough.domain.parse import later, parse_date, parse_datetime
from followthrough.services import SETTING_KEYS, Service
from followthrough.web.app import PageId, service
from followthrough.web.pages import render

router = APIRouter(include_in_schema=False)

#: Core field names (as errors name them) -> the form field that holds the value.
FIELD_OF = {
    "decision-by": "decision_by",
    "follow-up-with": "follow_up_with",
    "direct-contact": "direct",
    "hiring-contact": "hiring_contact",
    "start": "date",
    "referee": "referees",
}

FORMATS = [(f.value, f.value.replace("-", " ")) for f in Format]
VERDICTS = [("yes", "Yes, I want this job"), ("unsure", "Not sure yet"),
            ("not-for-me", "Not for me")]


async def form_of(request: Request) -> dict[str, str]:
    """Return the submitted form as text fields (the CSRF token left out)."""
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}


def lines(text: str | None) -> list[str]:
    """Return the non-empty lines of a textarea."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def optional_int(values: Mapping[str, str], name: str, label: str) -> int | None:
    """Return a whole number typed in field `name`, None when left empty."""
    text = values.get(name, "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise ValidationError(name, f"{text!r} is not a whole number we can use; {label}")
    return int(text)


def form_field(core_field: str) -> str:
    """Return the form field that holds what a core error names ("fit.fit_role.score" ->
    "fit_role_score", "decision-by" -> "decision_by")."""
    if core_field.startswith("fit."):
        return core_field.split(".")[1] + "_score"
    return FIELD_OF.get(core_field, core_field.replace("-", "_"))


async def submit(
    request: Request,
    svc: Service,
    template: str,
    work: Callable[[dict[str, str]], str],
    **context: Any,
) -> Response:
    """Run `work` on the submitted form; redirect where it says, or show the form again."""
    values = await form_of(request)
    try:
        target = await run_in_threadpool(work, values)
    except ValidationError as exc:
        name = form_field(exc.field)
        response = render(
            request, template, svc, values=values, errors={name: str(exc)}, **context
        )
        response.status_code = 422
        return response
    return RedirectResponse(target, status_code=303)


# ---------------------------------------------------------------- applications


@router.get("/applications/new", response_class=HTMLResponse)
def new_application(request: Request, svc: Service = Depends(service)) -> HTMLResponse:
    """The form to add an application."""
    return render(request, "application_new.html", svc, page="new", values={}, errors={})


@router.post("/applications/new")
async def add_application(request: Request, svc: Service = Depends(service)) -> Response:
    """Add the application; it is planned at once."""

    def work(v: dict[str, str]) -> str:
        app = svc.add_application(
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


@router.post("/applications/{app_id}/exchanges")
async def log_exchange(
    request: Request, app_id: PageId, svc: Service = Depends(service)
) -> Response:
    """Log a call, e-mail or message; a reply from them stops the chasing by itself."""
    from followthrough.web.pages import render as render_page

    values = await form_of(request)
    try:
        zone = svc.week().zone
        at = None
        if values.get("date", "").strip():
            at = parse_datetime(
                f"{values['date'].strip()} {values.get('time', '').strip() or '12:00'}",
                zone, "date",
            )
        logged = await run_in_threadpool(
            svc.log,
            app_id,
            values.get("kind", ""),
            values.get("with") or None,
            at,
            values.get("summary", ""),
            values.get("reply") == "1",
            values.get("override") or None,
        )
    except ValidationError as exc:
        app = await run_in_threadpool(svc.show_application, app_id)
        response = render_page(
            request, "application.html", svc, app=app, values=values,
            errors={form_field(exc.field): str(exc)}, exchanges=EXCHANGES,
        )
        response.status_code = 422
        return response
    if logged["warnings"]:  # it happened, so it is kept; say what the guidance would have said
        app = await run_in_threadpool(svc.show_application, app_id)
        return render_page(request, "application.html", svc, app=app, values={}, errors={},
                           exchanges=EXCHANGES, warnings=logged["warnings"])
    return RedirectResponse(f"/applications/{app_id}?logged=1#h-timeline", status_code=303)


# ---------------------------------------------------------------- interviews


@router.get("/applications/{app_id}/interviews/new", response_class=HTMLResponse)
def new_interview(
    request: Request, app_id: PageId, svc: Service = Depends(service)
) -> HTMLResponse:
    """The form to record an interview, with the before-the-interview checklist."""
    app = svc.show_application(app_id)
    return render(
        request, "interview_new.html", svc, app=app, values={"duration": "60"}, errors={},
        checklist=svc.reminders("before-interview"), formats=FORMATS,
    )


@router.post("/applications/{app_id}/interviews/new")
async def add_interview(
    request: Request, app_id: PageId, svc: Service = Depends(service)
) -> Response:
    """Record the interview and re-plan its follow-ups."""
    app = await run_in_threadpool(svc.show_application, app_id)

    def work(v: dict[str, str]) -> str:
        zone = svc.week().zone
        if not v.get("date", "").strip():
            raise ValidationError("date", "give the day of the interview")
        if not v.get("time", "").strip():
            raise ValidationError("time", "give the time the interview starts, e.g. 10:00")
        start = parse_datetime(f"{v['date'].strip()} {v['time'].strip()}", zone, "date")
        minutes = optional_int(v, "duration", "give the length in minutes, e.g. 60") or 60
        if minutes > 720:
            raise ValidationError("duration", f"{minutes} minutes; an interview is at most 12 h")
        decision = parse_date(v["decision_by"], "decision_by") if v.get("decision_by") else None
        created = svc.add_interview(
            app_id,
            start,
            later(start, dt.timedelta(minutes=minutes)),
            v.get("format") or "in-person",
            lines(v.get("with")),
            lines(v.get("direct")),
            decision,
            lines(v.get("promises")),
            optional_int(v, "round", "give the round number, e.g. 2"),
            v.get("follow_up_with") or None,
            v.get("follow_up_how", ""),
            v.get("next_steps", ""),
        )
        return f"/interviews/{created['id']}?added=1"

    return await submit(
        request, svc, "interview_new.html", work, app=app,
        checklist=svc.reminders("before-interview"), formats=FORMATS,
    )


# ---------------------------------------------------------------- the debrief


def debrief_values(debrief: Mapping[str, Any] | None) -> dict[str, str]:
    """Return a stored debrief as the form's fields."""
    if not debrief:
        return {}
    values = {name: "\n".join(debrief[name]) for name, _ in DEBRIEF_TEXT_FIELDS}
    for name, _ in FIT_QUESTIONS:
        answer = debrief["fit"].get(name) or {}
        values[f"{name}_score"] = str(answer.get("score") or "")
        values[f"{name}_note"] = answer.get("note", "")
    values["verdict"] = debrief.get("verdict") or ""
    return values


def debrief_data(values: Mapping[str, str]) -> dict[str, Any]:
    """Return the form's fields as the core's debrief mapping."""
    data: dict[str, Any] = {name: values.get(name, "") for name, _ in DEBRIEF_TEXT_FIELDS}
    fit: dict[str, Any] = {}
    for name, question in FIT_QUESTIONS:
        score = optional_int(values, f"{name}_score", f"{question} Give 1 to 5")
        note = values.get(f"{name}_note", "").strip()
        if score is not None or note:
            fit[name] = {"score": score, "note": note}
    data["fit"] = fit
    if values.get("verdict"):
        data["verdict"] = values["verdict"]
    return data


def _debrief_context(svc: Service, interview_id: PageId) -> dict[str, Any]:
    interview = svc.interview(interview_id)
    return {
        "interview": interview,
        "app": svc.show_application(interview["application_id"]),
        "text_fields": DEBRIEF_TEXT_FIELDS,
        "fit_questions": FIT_QUESTIONS,
        "verdicts": VERDICTS,
    }


@router.get("/interviews/{interview_id}/debrief", response_class=HTMLResponse)
def debrief_form(
    request: Request, interview_id: PageId, svc: Service = Depends(service)
) -> HTMLResponse:
    """The debrief form: every field of PRODUCT.md §2, filled in when it was saved before."""
    context = _debrief_context(svc, interview_id)
    return render(
        request, "debrief.html", svc, values=debrief_values(context["interview"]["debrief"]),
        errors={}, **context,
    )


@router.post("/interviews/{interview_id}/debrief")
async def save_debrief(
    request: Request, interview_id: PageId, svc: Service = Depends(service)
) -> Response:
    """Save the debrief; the plan is re-made from it (thank-you notes pick up the topics)."""
    context = await run_in_threadpool(_debrief_context, svc, interview_id)

    def work(v: dict[str, str]) -> str:
        svc.record_debrief(interview_id, debrief_data(v))
        return f"/interviews/{interview_id}?saved=1"

    return await submit(request, svc, "debrief.html", work, **context)


# ---------------------------------------------------------------- settings

TEXT_SETTINGS = [k for k in SETTING_KEYS if k != "calendar_token"]


def _settings_context(request: Request, svc: Service) -> dict[str, Any]:
    from zoneinfo import available_timezones

    token = svc.calendar_token()
    return {
        "page": "settings",
        "policies": svc.policies(),
        "sources": svc.playbook.sources,
        "zones": sorted(available_timezones()),
        "feed": f"{str(request.base_url).rstrip('/')}/calendar/{token}.ics",
    }


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, svc: Service = Depends(service)) -> HTMLResponse:
    """Zone, country, working hours and the policies (with the sources behind each choice)."""
    values = {k: v for k, v in svc.settings().items() if k in TEXT_SETTINGS}
    return render(
        request, "settings.html", svc, values=values, errors={},
        **_settings_context(request, svc),
    )


@router.post("/settings")
async def save_settings(request: Request, svc: Service = Depends(service)) -> Response:
    """Save what changed (re-plans everything when something did)."""
    context = await run_in_threadpool(_settings_context, request, svc)
    current = await run_in_threadpool(svc.settings)

    def work(v: dict[str, str]) -> str:
        changed = {
            k: v[k].strip() for k in TEXT_SETTINGS if k in v and v[k].strip() != current.get(k, "")
        }
        if changed:
            svc.update_settings(changed)
        return "/settings?saved=1"

    return await submit(request, svc, "settings.html", work, **context)


@router.post("/settings/calendar-token")
def rotate_token(svc: Service = Depends(service)) -> Response:
    """A new secret address for the calendar feed; the old one stops working."""
    svc.rotate_calendar_token()
    return RedirectResponse("/settings?rotated=1#calendar", status_code=303)
