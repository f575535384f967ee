"""Corrections in the browser: the Edit forms of an application, an interview and a contact,
deletes behind a confirmation page, an application's status and history, and Undo.

Every form shows what is stored and sends back only what changed; each change redirects with
`?changed=1`, and the page it lands on shows what was saved with an Undo button (POST /undo).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from followthrough import shapes
from followthrough.domain.errors import ValidationError
from followthrough.domain.parse import parse_date, parse_datetime
from followthrough.services import (
    Service,
    app_edits,
    applications,
    contacts,
    history,
    interview_edits,
    interviews,
    words,
)
from followthrough.shapes.history import event_json
from followthrough.web.deps import PageId, service
from followthrough.web.pages.formdata import lines, submit
from followthrough.web.templating import back, render

router = APIRouter(include_in_schema=False)

#: (name, label, kind, hint): kind "text", "area", "date", "number", "datetime-local".
Field = tuple[str, str, str, str]
APP_FIELDS: list[Field] = [
    ("company", "Company", "text", ""),
    ("role", "Role title", "text", ""),
    ("url", "Link to the advert", "url", "Empty to remove it."),
    ("interest", "How much do you want it? (1–5)", "number", "Empty: not said."),
    ("salary", "Salary", "text", "As they gave it: a figure or a range."),
    ("location", "Location", "text", ""),
    ("applied_on", "Applied on", "date", ""),
    ("recruiter", "Recruiter", "text", "'Name <e-mail>'; empty: applied directly."),
    ("agency", "Agency", "text", ""),
    ("competitors", "Competitors worth a look", "area", "One a line."),
    ("notes", "Notes", "area", ""),
]
INTERVIEW_FIELDS: list[Field] = [
    ("start", "Starts", "datetime-local", "Moving it moves its thank-you, call and check-ins."),
    ("end", "Ends", "datetime-local", ""),
    ("format", "Format", "text", "in-person, phone or video"),
    ("with", "Interviewers", "area", "One a line, 'Name <e-mail>'; replaces the panel."),
    ("decision_by", "Decision promised by", "date", "Empty: none promised."),
    ("promises", "What you promised to send", "area", "One a line."),
    ("next_steps", "Next steps, as they said", "area", ""),
]
CONTACT_FIELDS: list[Field] = [
    ("name", "Name", "text", "Empty: drafts greet 'Hello,'."),
    ("email", "E-mail", "email", ""),
    ("add_email", "Another address they write from", "email", "Optional."),
    ("phone", "Phone", "tel", ""),
    ("linkedin", "LinkedIn", "url", ""),
    ("role", "Role", "text", "interviewer, recruiter, hiring-manager, referee or other"),
    ("organisation", "Organisation", "text", ""),
    ("notes", "Notes", "area", ""),
]


def _edit_page(request: Request, svc: Service, **context: Any) -> HTMLResponse:
    return render(request, "edit.html", svc, errors={}, page="edit", **context)


def _changed(stored: Mapping[str, str], sent: Mapping[str, str]) -> dict[str, str]:
    """Return the fields sent whose text differs from what the form showed (a field the
    request left out is left alone)."""
    return {k: sent[k] for k in stored if k in sent and sent[k].strip() != stored[k].strip()}


# ---------------------------------------------------------------- applications


def _app_values(svc: Service, app_id: int) -> dict[str, str]:
    item = shapes.application_view_json(applications.application_item(svc, app_id))
    recruiter = item["recruiter"]
    return {
        "company": item["company"], "role": item["role"], "url": item["url"] or "",
        "interest": str(item["interest"] or ""), "salary": item["salary"] or "",
        "location": item["location"] or "", "applied_on": item["applied_on"] or "",
        "recruiter": (f"{recruiter['name']} <{recruiter['email']}>" if recruiter
                      and recruiter["email"] else (recruiter or {}).get("name", "")),
        "agency": item["agency"] or "", "competitors": "\n".join(item["competitors"]),
        "notes": item["notes"],
    }  # fmt: skip


@router.get("/applications/{app_id}/edit", response_class=HTMLResponse)
def edit_application_form(
    request: Request, app_id: PageId, svc: Service = Depends(service)
) -> HTMLResponse:
    """The Edit form of an application, filled with what is stored."""
    return _edit_page(request, svc, heading="Edit the application", fields=APP_FIELDS,
                      values=_app_values(svc, app_id), action=f"/applications/{app_id}/edit",
                      cancel=f"/applications/{app_id}")  # fmt: skip


@router.post("/applications/{app_id}/edit")
async def edit_application(
    request: Request, app_id: PageId, svc: Service = Depends(service)
) -> Response:
    """Save what changed on the form (re-plans), then back to the application."""

    def work(sent: dict[str, str]) -> str:
        changes: dict[str, Any] = {}
        for name, text in _changed(_app_values(svc, app_id), sent).items():
            value = text.strip() or None
            if name == "interest" and value is not None:
                if not (value.isdigit() and 1 <= int(value) <= 5):
                    raise ValidationError("interest", f"{value!r}; give 1 (low) to 5 (high)")
                changes[name] = int(value)
            elif name == "competitors":
                changes[name] = lines(text)
            elif name == "applied_on":
                changes[name] = parse_date(value, "applied_on") if value else None
            elif name in ("company", "role", "notes"):
                changes[name] = text
            else:
                changes[name] = value
        if changes:
            app_edits.edit_application(svc, app_id, changes)
        return f"/applications/{app_id}?changed=1"

    return await submit(request, svc, "edit.html", work, heading="Edit the application",
                        fields=APP_FIELDS, action=f"/applications/{app_id}/edit",
                        cancel=f"/applications/{app_id}", page="edit")  # fmt: skip


@router.get("/applications/{app_id}/history", response_class=HTMLResponse)
def application_history(
    request: Request, app_id: PageId, svc: Service = Depends(service)
) -> HTMLResponse:
    """Every change made to an application, newest first."""
    app = shapes.application_view_json(applications.application_item(svc, app_id))
    found, zone = history.history(svc, app_id, 200)
    events = [event_json(e, zone) for e in found]
    return render(request, "history.html", svc, app=app, events=events, page="history")


# ---------------------------------------------------------------- interviews


def _interview_values(svc: Service, interview_id: int) -> dict[str, str]:
    shown = shapes.interview_view_json(interviews.show_interview(svc, interview_id))
    return {
        "start": shown["start"][:16], "end": shown["end"][:16], "format": shown["format"],
        "with": "\n".join(f"{p['name']} <{p['email']}>" if p["email"] else p["name"]
                          for p in shown["interviewers"]),
        "decision_by": shown["decision_date"] or "", "promises": "\n".join(shown["promises"]),
        "next_steps": shown["next_steps"],
    }  # fmt: skip


@router.get("/interviews/{interview_id}/edit", response_class=HTMLResponse)
def edit_interview_form(
    request: Request, interview_id: PageId, svc: Service = Depends(service)
) -> HTMLResponse:
    """The Edit form of an interview."""
    return _edit_page(request, svc, heading="Edit the interview", fields=INTERVIEW_FIELDS,
                      values=_interview_values(svc, interview_id),
                      action=f"/interviews/{interview_id}/edit",
                      cancel=f"/interviews/{interview_id}")  # fmt: skip


@router.post("/interviews/{interview_id}/edit")
async def edit_interview(
    request: Request, interview_id: PageId, svc: Service = Depends(service)
) -> Response:
    """Save what changed (moving it moves its follow-ups), then back to the interview."""

    def work(sent: dict[str, str]) -> str:
        zone = svc.week().zone
        changes: dict[str, Any] = {}
        for name, text in _changed(_interview_values(svc, interview_id), sent).items():
            value = text.strip()
            if name in ("start", "end"):
                changes[name] = parse_datetime(value.replace("T", " "), zone, name)
            elif name == "decision_by":
                changes[name] = parse_date(value, "decision-by") if value else None
            elif name in ("with", "promises"):
                changes[name] = lines(text)
            else:
                changes[name] = text
        if changes:
            interview_edits.edit_interview(svc, interview_id, changes)
        return f"/interviews/{interview_id}?changed=1"

    return await submit(request, svc, "edit.html", work, heading="Edit the interview",
                        fields=INTERVIEW_FIELDS, action=f"/interviews/{interview_id}/edit",
                        cancel=f"/interviews/{interview_id}", page="edit")  # fmt: skip


# ---------------------------------------------------------------- contacts


def _contact_values(svc: Service, contact_id: int) -> dict[str, str]:
    c = shapes.contact_json(contacts.show_contact(svc, contact_id))
    return {"name": c["name"], "email": c["email"] or "", "add_email": "",
            "phone": c["phone"] or "", "linkedin": c["linkedin"] or "", "role": c["role"],
            "organisation": c["organisation"] or "", "notes": c["notes"]}  # fmt: skip


@router.get("/contacts", response_class=HTMLResponse)
def contacts_page(request: Request, svc: Service = Depends(service)) -> HTMLResponse:
    """Everyone of the search, by name; `q` finds a name, a company or an e-mail."""
    query = request.query_params.get("q", "").strip()
    people = [shapes.contact_json(c) for c in contacts.list_contacts(svc)]
    if query:
        needle = query.casefold()
        people = [p for p in people if any(
            needle in (p[k] or "").casefold() for k in ("name", "email", "organisation"))
            or any(needle in e.casefold() for e in p["other_emails"])]  # fmt: skip
    return render(request, "contacts.html", svc, people=people, q=query, page="contacts")


@router.get("/contacts/{contact_id}", response_class=HTMLResponse)
def contact_page(
    request: Request, contact_id: PageId, svc: Service = Depends(service)
) -> HTMLResponse:
    """One person, with every application they appear in."""
    person, uses = contacts.contact_uses(svc, contact_id)
    apps = [shapes.application_view_json(applications.application_item(svc, a))
            for a in uses["applications"]]  # fmt: skip
    return render(request, "contact.html", svc, person=shapes.contact_json(person), apps=apps,
                  interviews=uses["interviews"], page="contacts")  # fmt: skip


@router.get("/contacts/{contact_id}/edit", response_class=HTMLResponse)
def edit_contact_form(
    request: Request, contact_id: PageId, svc: Service = Depends(service)
) -> HTMLResponse:
    """The Edit form of a contact."""
    return _edit_page(request, svc, heading="Edit the contact", fields=CONTACT_FIELDS,
                      values=_contact_values(svc, contact_id),
                      action=f"/contacts/{contact_id}/edit",
                      cancel=f"/contacts/{contact_id}")  # fmt: skip


@router.post("/contacts/{contact_id}/edit")
async def edit_contact(
    request: Request, contact_id: PageId, svc: Service = Depends(service)
) -> Response:
    """Save what changed (re-plans where they appear), then back to the contact."""

    def work(sent: dict[str, str]) -> str:
        changes: dict[str, Any] = {k: (v.strip() if k != "notes" else v) or (
            "" if k in ("name", "notes") else None)
            for k, v in _changed(_contact_values(svc, contact_id), sent).items()}  # fmt: skip
        if changes.get("add_email") is None:
            changes.pop("add_email", None)
        if changes:
            contacts.edit_contact(svc, contact_id, changes)
        return f"/contacts/{contact_id}?changed=1"

    return await submit(request, svc, "edit.html", work, heading="Edit the contact",
                        fields=CONTACT_FIELDS, action=f"/contacts/{contact_id}/edit",
                        cancel=f"/contacts/{contact_id}", page="edit")  # fmt: skip


# ---------------------------------------------------------------- deletes and undo

#: record -> (how to name one, its delete, where to go after).
DELETES = {
    "applications": ("application", app_edits.delete_application, "/pipeline"),
    "interviews": ("interview", interview_edits.delete_interview, "/pipeline"),
    "contacts": ("contact", contacts.delete_contact, "/contacts"),
}


def _what_goes(svc: Service, record: str, ident: int) -> str:
    """Return what deleting this record takes with it, in words."""
    if record == "applications":
        item = applications.application_item(svc, ident).app
        return f"{item.company} — {item.role}, with its interviews, exchanges and plan"
    if record == "interviews":
        iv = interviews.show_interview(svc, ident).interview
        return f"of application {iv.application_id}, with its debrief and follow-ups"
    person, uses = contacts.contact_uses(svc, ident)
    detail = person.name or person.email or ""
    if uses["interviews"]:
        detail += f", on the panel of interview {', '.join(map(str, uses['interviews']))}"
    if uses["applications"]:
        detail += f", in application {', '.join(map(str, uses['applications']))}"
    return detail


def _confirm(record: str) -> Any:
    def confirm(request: Request, ident: PageId, svc: Service = Depends(service)) -> HTMLResponse:
        """Ask before deleting (what goes with it; Undo brings it back)."""
        return render(request, "confirm.html", svc, what=DELETES[record][0], ident=ident,
                      detail=_what_goes(svc, record, ident),
                      action=f"/{record}/{ident}/delete", cancel=f"/{record}/{ident}",
                      page="delete")  # fmt: skip

    return confirm


def _delete(record: str) -> Any:
    async def delete(ident: PageId, svc: Service = Depends(service)) -> Response:
        """Delete, then show where the record was listed, with Undo."""
        _, remove, target = DELETES[record]
        await run_in_threadpool(remove, svc, ident)
        return RedirectResponse(f"{target}?changed=1", status_code=303)

    return delete


for _record in DELETES:
    router.add_api_route(f"/{_record}/{{ident}}/delete", _confirm(_record), methods=["GET"],
                         response_class=HTMLResponse)  # fmt: skip
    router.add_api_route(f"/{_record}/{{ident}}/delete", _delete(_record), methods=["POST"])


@router.post("/undo")
async def undo(request: Request, svc: Service = Depends(service)) -> Response:
    """Take back the last change, then back to the page it was made from."""
    form = await request.form()
    event = str(form.get("event", ""))
    expected = int(event) if event.isascii() and event.isdigit() and len(event) < 16 else None
    await run_in_threadpool(history.undo, svc, expected)
    where = str(form.get("back", ""))
    if not where.startswith("/") or where.startswith(("//", "/\\")):  # this site's pages only
        where = back(request, "/").headers["location"].split("?")[0]
    if where.endswith("/delete") or where.endswith("/edit"):
        where = "/"
    return RedirectResponse(f"{where}?undone=1", status_code=303)


@router.post("/words")
async def add_word(request: Request, svc: Service = Depends(service)) -> Response:
    """Add a word the checker flagged to the user's own, then back to the draft (re-checked)."""
    form = await request.form()
    await run_in_threadpool(words.add_words, svc, [str(form.get("word", ""))])
    where = str(form.get("back", ""))
    if not where.startswith("/") or where.startswith(("//", "/\\")):
        where = "/"
    return RedirectResponse(f"{where}?changed=1", status_code=303)
