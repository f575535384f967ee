"""An interview: the form to record one, its page, the debrief form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from followthrough import shapes
from followthrough.domain.errors import ValidationError
from followthrough.domain.model import DEBRIEF_TEXT_FIELDS, FIT_QUESTIONS, Format
from followthrough.domain.parse import later, parse_date, parse_datetime
from followthrough.services import Service, applications, interviews, settings
from followthrough.web.deps import PageId, service
from followthrough.web.pages.formdata import lines, optional_int, submit
from followthrough.web.pages.remembered import UNTIL_WRITTEN, Built, remembered
from followthrough.web.templating import render

FORMATS = [(f.value, f.value.replace("-", " ")) for f in Format]


VERDICTS = [("yes", "Yes, I want this job"), ("unsure", "Not sure yet"),
            ("not-for-me", "Not for me")]


router = APIRouter(include_in_schema=False)


@router.get("/interviews/{interview_id}", response_class=HTMLResponse)
async def interview_page(request: Request, interview_id: PageId) -> Response:
    """One interview: the panel, what was promised, the checklist or the reminders, the plan
    (remembered between writes, and until the interview starts)."""
    added = bool(request.query_params.get("added"))
    saved = bool(request.query_params.get("saved"))

    def build(svc: Service) -> Built:
        interview = shapes.interview_view_json(interviews.show_interview(svc, interview_id))
        found = applications.show_application(svc, interview["application_id"])
        app = shapes.application_detail_json(found)
        start = dt.datetime.fromisoformat(interview["start"])
        upcoming = start > svc.now
        when = "before-interview" if upcoming else "after-interview"
        values = {
            "interview": interview,
            "app": app,
            "upcoming": upcoming,
            "checklist": [shapes.reminder_json(r) for r in settings.reminders(svc, when)],
            "plan": [a for a in app["plan"] if a["interview_id"] == interview_id],
            "added": added,
            "saved": saved,
        }
        return values, start if upcoming else UNTIL_WRITTEN  # then the reminders follow it

    name = f"interview:{interview_id}:{added:d}{saved:d}"
    return await remembered(request, name, "interview.html", build)


@router.get("/applications/{app_id}/interviews/new", response_class=HTMLResponse)
def new_interview(
    request: Request, app_id: PageId, svc: Service = Depends(service)
) -> HTMLResponse:
    """The form to record an interview, with the before-the-interview checklist."""
    app = shapes.application_detail_json(applications.show_application(svc, app_id))
    return render(
        request, "interview_new.html", svc, app=app, values={"duration": "60"}, errors={},
        checklist=[shapes.reminder_json(r) for r in settings.reminders(svc, "before-interview")],
        formats=FORMATS,
    )


@router.post("/applications/{app_id}/interviews/new")
async def add_interview(
    request: Request, app_id: PageId, svc: Service = Depends(service)
) -> Response:
    """Record the interview and re-plan its follow-ups."""
    app = shapes.application_detail_json(
        await run_in_threadpool(applications.show_application, svc, app_id)
    )

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
        created = interviews.add_interview(
            svc,
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
        return f"/interviews/{created.interview.id}?added=1"

    return await submit(
        request, svc, "interview_new.html", work, app=app,
        checklist=[shapes.reminder_json(r) for r in settings.reminders(svc, "before-interview")],
        formats=FORMATS,
    )


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
    interview = shapes.interview_view_json(interviews.show_interview(svc, interview_id))
    found = applications.show_application(svc, interview["application_id"])
    return {
        "interview": interview,
        "app": shapes.application_detail_json(found),
        "text_fields": DEBRIEF_TEXT_FIELDS,
        "fit_questions": FIT_QUESTIONS,
        "verdicts": VERDICTS,
    }


@router.get("/interviews/{interview_id}/debrief", response_class=HTMLResponse)
async def debrief_form(request: Request, interview_id: PageId) -> Response:
    """The debrief form: every field of PRODUCT.md §2, filled in when it was saved before
    (remembered between writes)."""

    def build(svc: Service) -> Built:
        context = _debrief_context(svc, interview_id)
        values = debrief_values(context["interview"]["debrief"])
        return {"values": values, "errors": {}, **context}, UNTIL_WRITTEN

    return await remembered(request, f"debrief:{interview_id}", "debrief.html", build)


@router.post("/interviews/{interview_id}/debrief")
async def save_debrief(
    request: Request, interview_id: PageId, svc: Service = Depends(service)
) -> Response:
    """Save the debrief; the plan is re-made from it (thank-you notes pick up the topics)."""
    context = await run_in_threadpool(_debrief_context, svc, interview_id)

    def work(v: dict[str, str]) -> str:
        interviews.record_debrief(svc, interview_id, debrief_data(v))
        return f"/interviews/{interview_id}?saved=1"

    return await submit(request, svc, "debrief.html", work, **context)
