"""Server-rendered pages (Jinja2, autoescape on); htmx makes them instant, not required."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from followthrough.domain.model import Status
from followthrough.drafts.context import ACTION_DRAFT
from followthrough.services import Service
from followthrough.services.drafts import Drafts
from followthrough.web.app import NOW_SLOT, PageId, memoized, service

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))


def when(value: str | None, with_date: bool = False) -> str:
    """Return an ISO time as 'Tue 24 Nov 10:00' (in the offset it carries: the user's zone)."""
    if not value:
        return "—"
    moment = dt.datetime.fromisoformat(value)
    return moment.strftime("%a %d %b %Y, %H:%M" if with_date else "%a %d %b %H:%M")


templates.env.filters["when"] = when
templates.env.auto_reload = False  # packaged templates do not change under a running server
templates.env.globals["has_draft"] = frozenset(ACTION_DRAFT)


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
        path = "/" + referer[len(str(request.base_url)) :]
        if not path.startswith(("//", "/\\")):  # "//evil.example" is another site
            target = path
    return RedirectResponse(target, status_code=303)


def error_page(request: Request, message: str, status: int) -> HTMLResponse:
    """Return a user error as a page (the API answers the same error as JSON)."""
    csrf = getattr(request.state, "csrf", "")
    response = templates.TemplateResponse(
        request,
        "error.html",
        {"csrf": csrf, "tz": None, "page": "error", "message": message, "status": status},
        status_code=status,
    )
    return response


#: Actions shown per group of Today before "show all" (nobody reads 600 overdue items at once).
TODAY_LIMIT = 50
#: Where the page's CSRF token goes: the page is rendered once, the token set per response.
CSRF_SLOT = f"csrf-{secrets.token_hex(12)}"  # random per process: no user text contains it


@router.get("/", response_class=HTMLResponse)
async def today_page(request: Request, show: str = "") -> Response:
    """Today: overdue, due today, next 7 days (the first TODAY_LIMIT of each; ?show=all)."""
    everything = show == "all"

    def compute(svc: Service) -> tuple[bytes, dt.datetime]:
        agenda, until = svc.today_until()
        context = {
            "request": request,
            "csrf": CSRF_SLOT,
            "tz": svc.settings()["tz"],
            "page": "today",
            "agenda": agenda,
            "now_text": NOW_SLOT,
            "limit": None if everything else TODAY_LIMIT,
        }
        return templates.get_template("today.html").render(context).encode(), until

    def now_text(now: dt.datetime, zone: ZoneInfo) -> str:
        return when(now.astimezone(zone).isoformat(), with_date=True)

    body = b"".join(await memoized(request, f"today-page:{everything}", compute, now_text))
    token = str(escape(request.state.csrf)).encode()  # plain by construction; escaped anyway
    return Response(body.replace(CSRF_SLOT.encode(), token), media_type="text/html")


def _settle(
    request: Request, action_id: PageId, status: str, reason: str | None, svc: Service
) -> Response:
    """Done / skip / snooze from a page: the updated row for htmx, a redirect otherwise."""
    action = svc.complete(action_id, status, reason=reason)
    if request.headers.get("hx-request"):
        return render(request, "partials/action.html", svc, a=action)
    return _back(request, "/")


@router.post("/actions/{action_id}/done")
def done(
    request: Request,
    action_id: PageId,
    reason: str | None = Form(None),
    svc: Service = Depends(service),
) -> Response:
    """Mark an action done."""
    return _settle(request, action_id, "done", reason, svc)


@router.post("/actions/{action_id}/skip")
def skip(
    request: Request,
    action_id: PageId,
    reason: str | None = Form(None),
    svc: Service = Depends(service),
) -> Response:
    """Skip an action."""
    return _settle(request, action_id, "skipped", reason, svc)


@router.post("/actions/{action_id}/snooze")
def snooze(
    request: Request,
    action_id: PageId,
    reason: str | None = Form(None),
    svc: Service = Depends(service),
) -> Response:
    """Snooze an action to tomorrow (or a day after its due time)."""
    return _settle(request, action_id, "snoozed", reason, svc)


@router.post("/actions/{action_id}/reopen")
def reopen(request: Request, action_id: PageId, svc: Service = Depends(service)) -> Response:
    """Make a done or skipped action pending again."""
    return _settle(request, action_id, "pending", None, svc)


@router.get("/pipeline", response_class=HTMLResponse)
def pipeline_page(
    request: Request, svc: Service = Depends(service), change: dict[str, Any] | None = None
) -> HTMLResponse:
    """The board: one column per status."""
    statuses = [s.value for s in Status]
    columns: dict[str, list[dict[str, Any]]] = {s: [] for s in statuses}
    for app in svc.list_applications():
        columns[app["status"]].append(app)
    return render(request, "pipeline.html", svc, statuses=statuses, columns=columns, change=change)


@router.post("/applications/{app_id}/status")
def move_card(
    request: Request, app_id: PageId, status: str = Form(...), svc: Service = Depends(service)
) -> Response:
    """Move a card: change the status, re-plan, show what was added and cancelled."""
    change = svc.set_status(app_id, status)
    return pipeline_page(request, svc, change=change)


@router.get("/applications/{app_id}", response_class=HTMLResponse)
def application_page(
    request: Request, app_id: PageId, svc: Service = Depends(service)
) -> HTMLResponse:
    """One application: people, interviews, the plan, the exchanges."""
    from followthrough.web.forms import EXCHANGES

    return render(
        request,
        "application.html",
        svc,
        app=svc.show_application(app_id),
        added=bool(request.query_params.get("added")),
        values={},
        errors={},
        exchanges=EXCHANGES,
    )


@router.get("/applications/{app_id}/brief", response_class=HTMLResponse)
def brief_page(request: Request, app_id: PageId, svc: Service = Depends(service)) -> HTMLResponse:
    """What to review before calling about an application."""
    return render(request, "brief.html", svc, brief=svc.brief(app_id))


@router.get("/interviews/{interview_id}", response_class=HTMLResponse)
def interview_page(
    request: Request, interview_id: PageId, svc: Service = Depends(service)
) -> HTMLResponse:
    """One interview: the panel, what was promised, the checklist or the reminders, the plan."""
    interview = svc.interview(interview_id)
    app = svc.show_application(interview["application_id"])
    upcoming = dt.datetime.fromisoformat(interview["start"]) > svc.now
    return render(
        request,
        "interview.html",
        svc,
        interview=interview,
        app=app,
        upcoming=upcoming,
        checklist=svc.reminders("before-interview" if upcoming else "after-interview"),
        plan=[a for a in app["plan"] if a["interview_id"] == interview_id],
        added=bool(request.query_params.get("added")),
        saved=bool(request.query_params.get("saved")),
    )


# ---------------------------------------------------------------- the calendar feed


@router.get("/calendar/{token}.ics")
def calendar_feed(request: Request, token: str, todo: bool = False,
                  svc: Service = Depends(service)) -> Response:
    """Every open action as a calendar a calendar app can subscribe to (the token is the
    password: rotate it on Settings)."""
    import hashlib
    import hmac

    from followthrough.domain.errors import NotFoundError

    expected = svc.settings().get("calendar_token") or ""
    if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        raise NotFoundError(
            "calendar feed", "at this address", "copy the current one from Settings"
        )
    body = svc.calendar(todo=todo)
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"etag": etag, "cache-control": "private, max-age=300"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)


@router.get("/export/followthrough.{fmt}")
def download(fmt: str, todo: bool = False, svc: Service = Depends(service)) -> Response:
    """Your data as a file: csv / xlsx (applications), json (the full backup), ics (the plan)."""
    from followthrough.services.data import FORMATS, export_bytes

    body = export_bytes(svc, fmt, todo=todo)  # a wrong format is a one-line 400/422 page
    stamp = svc.now.astimezone(svc.week().zone).strftime("%Y-%m-%d")
    return Response(
        body,
        media_type=FORMATS[fmt][0],
        headers={
            "content-disposition": f'attachment; filename="followthrough-{stamp}.{fmt}"',
            "cache-control": "no-store",
        },
    )


# ---------------------------------------------------------------- insights

KIND_NAMES = {"thank-you": "Thank-you notes", "check-in": "Check-ins"}
SERIES_NAMES = {
    "applications": "Applications",
    "interviews": "Interviews",
    "interactions_out": "Messages and calls out",
    "actions_done": "Actions done",
}


@router.get("/insights", response_class=HTMLResponse)
def insights_page(
    request: Request, weeks: int = 12, svc: Service = Depends(service)
) -> HTMLResponse:
    """Where the search stands, as charts, and the questions to prepare next time."""
    from followthrough.web import charts

    data = svc.insights(weeks)
    funnel = [(r["stage"].capitalize(), r["count"]) for r in data["funnel"]["reached"]]
    total = data["follow_ups"]["total"]
    weekly = [
        (dt.date.fromisoformat(w["start"]).strftime("%d %b"), {k: w[k] for k in SERIES_NAMES})
        for w in data["weeks"]
    ]
    return render(
        request,
        "insights.html",
        svc,
        data=data,
        funnel_chart=charts.bar_chart(
            funnel, "How far your applications got",
            desc="Applications that ever reached each stage", chart_id="funnel", width=360,
        ),
        follow_up_chart=charts.bar_chart(
            [("On time", total["on_time"]), ("Late", total["late"]), ("Missed", total["missed"])],
            "Follow-ups: on time, late, missed", chart_id="followups", width=360,
        ),
        reply_charts=[
            charts.ratio_bar(
                f"{KIND_NAMES.get(r['kind'], r['kind'])} answered within {r['window_days']} days",
                r["replied"], r["sent"], chart_id=f"reply-{r['kind']}", width=360,
            )
            for r in data["reply_rates"]
        ],
        weekly_chart=charts.column_chart(
            weekly, list(SERIES_NAMES), f"The last {len(weekly)} weeks",
            series_labels=SERIES_NAMES, chart_id="weekly", width=960,
        ),
    )


# ---------------------------------------------------------------- the draft editor


def marked(text: str, findings: list[dict[str, Any]]) -> Markup:
    """Return `text` escaped, with each finding's span wrapped in <mark> (its message as title)."""
    spans = sorted(
        (f for f in findings if f["end"] > f["start"]), key=lambda f: (f["start"], -f["end"])
    )
    out: list[str] = []
    at = 0
    for f in spans:
        if f["start"] < at:
            continue  # overlapping spans: the first one wins
        out.append(str(escape(text[at : f["start"]])))
        out.append(
            f'<mark class="{escape(f["severity"])}" title="{escape(f["rule"])}: '
            f'{escape(f["message"])}">{escape(text[f["start"] : f["end"]])}</mark>'
        )
        at = f["end"]
    out.append(str(escape(text[at:])))
    return Markup("".join(out))  # noqa: S704  (every piece above is escaped)


def _drafts(svc: Service) -> Drafts:
    from followthrough.drafts.render import user_template_dir

    return Drafts(svc, user_template_dir())


def _mailto(draft: dict[str, Any]) -> str | None:
    r = draft.get("recipient")
    if draft["channel"] != "email" or not r or not r.get("email"):
        return None
    query = urlencode({"subject": draft["subject"], "body": draft["body"]}, quote_via=quote)
    return f"mailto:{quote(r['email'], safe='@')}?{query}"


@router.get("/actions/{action_id}/draft", response_class=HTMLResponse)
def draft_page(
    request: Request, action_id: PageId, template: int = 0, svc: Service = Depends(service)
) -> HTMLResponse:
    """The draft editor: the text, its findings, copy / mailto / .eml."""
    drafts = _drafts(svc)
    draft = drafts.draft(action_id)
    if template:  # the packaged wording, even when the user has edited it
        draft = drafts.draft(action_id, as_kind=draft["kind"])
    action = svc.action(action_id)
    return render(
        request,
        "draft.html",
        svc,
        page="draft",
        action=action,
        draft=draft,
        findings=draft["findings"],
        words=draft["words"],
        marked=marked(draft["body"], draft["findings"]),
        mailto=_mailto(draft),
    )


@router.post("/actions/{action_id}/draft/check", response_class=HTMLResponse)
def draft_check(
    request: Request, action_id: PageId, body: str = Form(""), svc: Service = Depends(service)
) -> HTMLResponse:
    """Re-check the text being typed (htmx): the findings panel only."""
    action = svc.action(action_id)
    drafts = _drafts(svc)
    kind = drafts.draft(action_id)["kind"]
    result = drafts.lint(body, kind, action["application_id"])
    return render(
        request,
        "partials/findings.html",
        svc,
        findings=result["findings"],
        words=result["words"],
        marked=marked(body, result["findings"]),
    )


@router.post("/actions/{action_id}/draft")
def draft_save(
    request: Request,
    action_id: PageId,
    body: str = Form(...),
    subject: str = Form(""),
    svc: Service = Depends(service),
) -> Response:
    """Keep the user's own version of the draft."""
    _drafts(svc).save(action_id, subject, body)
    return RedirectResponse(f"/actions/{action_id}/draft", status_code=303)


@router.get("/actions/{action_id}/draft.eml")
def draft_eml(action_id: PageId, svc: Service = Depends(service)) -> Response:
    """The draft as an e-mail file for the user's mail program."""
    from followthrough.drafts.message import draft_message

    message = draft_message(_drafts(svc).draft(action_id))
    return Response(
        message.as_bytes(),
        media_type="message/rfc822",
        headers={"content-disposition": f'attachment; filename="draft-{action_id}.eml"'},
    )
