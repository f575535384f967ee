"""The JSON API under /api/v1: the same operations as the CLI, the same JSON shapes.

Each route is thin: it turns the request into the arguments the CLI would pass, calls the same
`Service` / `Drafts` method, and returns the same JSON. Errors are the CLI's one-line messages:
a `FollowthroughError` becomes {"error", "field"} (app.py's handler), and a malformed request
(FastAPI's own validation) becomes the same shape here, in `ApiRoute`, so the OpenAPI document
can promise one error shape for every route.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Coroutine, Sequence
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Body, Depends, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema
from starlette.exceptions import HTTPException

from followthrough import shapes as agenda
from followthrough.domain.errors import FollowthroughError, NotFoundError, ValidationError
from followthrough.domain.model import ACTION_KINDS, DEBRIEF_TEXT_FIELDS
from followthrough.domain.parse import (
    later,
    parse_address,
    parse_date,
    parse_datetime,
    resolve_local,
)
from followthrough.domain.workdays import zone
from followthrough.drafts.context import DRAFT_KINDS
from followthrough.services import Service, contact_json
from followthrough.services.drafts import Drafts
from followthrough.web.app import NOW_SLOT, PartsResponse, memoized, service

#: The largest id the API takes: exact in JSON and JavaScript, and far below what would crash
#: the SQLite driver (2**63) instead of missing a row.
MAX_ID = 2**53 - 1
#: Years the planner can add days and weeks to without leaving the calendar.

# ---------------------------------------------------------------- errors


def _loc_field(loc: Sequence[Any]) -> str:
    """Return the dotted field name of a pydantic error location (without body/query/path)."""
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    # union members add their type as a location step ("str", "list[str]", "FitAnswerIn")
    names = [
        str(p)
        for p in parts
        if not (isinstance(p, str) and re.fullmatch(r"[a-z-]+\[.*\]|str|int|bool|[A-Z]\w*", p))
    ]
    return ".".join(names) or "body"


def validation_error_body(exc: RequestValidationError) -> dict[str, Any]:
    """Return the {"error", "field"} body of FastAPI's validation error, as one line."""
    errors = list(exc.errors())
    if not errors:
        return {"error": "body: the request is malformed", "field": "body"}
    # of the errors about the first field, the deepest: for a union ("text or a list of texts")
    # that is the member the value was closest to
    top = tuple(errors[0].get("loc", ()))[:2]
    first = max(
        (e for e in errors if tuple(e.get("loc", ()))[:2] == top),
        key=lambda e: len(e.get("loc", ())),
    )
    field = _loc_field(first.get("loc", ()))
    kind = first.get("type", "")
    if kind == "json_invalid":
        detail = (first.get("ctx") or {}).get("error", "")
        message = f"body: is not valid JSON ({detail})" if detail else "body: is not valid JSON"
        field = "body"
    elif kind == "missing":
        message = f"{field}: missing; this field is required"
    elif kind == "extra_forbidden":
        message = f"{field}: unknown field; see /api/v1/openapi.json for the fields"
    else:
        message = f"{field}: {first.get('msg', 'is not valid')}"
    return {"error": " ".join(message.split()), "field": field}


async def validation_error_handler(request: Request, exc: Exception) -> Response:
    """App-level handler for RequestValidationError (for app.py to register)."""
    assert isinstance(exc, RequestValidationError)
    body = validation_error_body(exc)
    if not request.url.path.startswith("/api/"):  # a page: a page, like every other error
        from followthrough.web.pages import error_page

        missing = body["field"] in ("app_id", "interview_id", "action_id")
        return error_page(request, body["error"], 404 if missing else 422)
    return JSONResponse(body, status_code=422)


class ApiRoute(APIRoute):
    """A route whose request validation errors come back as {"error", "field"} (422)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as exc:
                return JSONResponse(validation_error_body(exc), status_code=422)
            except HTTPException as exc:  # FastAPI's own: e.g. a body that is not UTF-8
                return JSONResponse(
                    http_error_body(exc), status_code=exc.status_code, headers=exc.headers
                )

        return route_handler


def http_error_body(exc: HTTPException) -> dict[str, Any]:
    """Return the {"error"} body of an HTTPException raised by FastAPI itself, as one line."""
    detail = str(exc.detail)
    if "parsing the body" in detail:
        return {"error": "body: could not be read; send JSON in UTF-8", "field": "body"}
    return {"error": " ".join(detail.split())}


class ErrorOut(BaseModel):
    """Every error: the CLI's one-line message, and the field it is about (when there is one)."""

    error: str = Field(examples=["application 7 not found"])
    field: str | None = Field(default=None, examples=["interest"])


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Bad request (e.g. a Host header not of this machine)"},
    403: {"model": ErrorOut, "description": "Missing or wrong CSRF token, or from another origin"},
    404: {"model": ErrorOut, "description": "No such id"},
    409: {"model": ErrorOut, "description": "Contradicts the current state"},
    413: {"model": ErrorOut, "description": "A request body over 1 MiB (not read)"},
    422: {"model": ErrorOut, "description": "A value is wrong; the message names field and fix"},
}

router = APIRouter(prefix="/api/v1", tags=["api"], route_class=ApiRoute, responses=ERRORS)

# ---------------------------------------------------------------- shapes (responses)

ActionStatus = Literal["pending", "done", "skipped", "snoozed", "cancelled"]
ActionKind = Literal[ACTION_KINDS]  # type: ignore[valid-type]
DraftKind = Literal[DRAFT_KINDS]  # type: ignore[valid-type]
AppStatus = Literal[
    "applied", "interviewing", "offer", "accepted", "rejected", "withdrawn", "closed"
]
ContactRole = Literal["interviewer", "recruiter", "hiring-manager", "referee", "other"]
InterviewFormat = Literal["in-person", "phone", "video"]
InteractionKind = Literal["call", "email-in", "email-out", "message-in", "message-out"]
Verdict = Literal["yes", "unsure", "not-for-me"]


class Out(BaseModel):
    """A response shape: every key documented, nothing else sent."""

    model_config = ConfigDict(extra="forbid")


class RecipientOut(Out):
    name: str
    email: str | None
    contact_id: int | None
    forward_to: str | None


class ActionOut(Out):
    """One planned action (`plan --json`, `today --json`)."""

    id: int
    kind: ActionKind
    title: str
    status: ActionStatus
    due: str = Field(description="ISO 8601 with the UTC offset of the user's zone")
    deadline: str | None
    application_id: int | None
    interview_id: int | None
    company: str | None
    role: str | None
    recipient: RecipientOut | None
    channel: Literal["email", "phone", "linkedin", "none"]
    rule: str
    sources: list[str]
    why: str
    reason: str | None
    talking_points: list[str]
    done_at: str | None
    edited: bool
    key: str


class WarningOut(Out):
    """A guard's warning."""

    guard: str
    level: str
    reason: str
    sources: list[str]


class CompletedOut(ActionOut):
    """An action after done / skip / snooze, with the guards' warnings (done on a message)."""

    warnings: list[WarningOut]


class TodayOut(Out):
    """`followthrough today --json`."""

    now: str
    overdue: list[ActionOut]
    due_today: list[ActionOut]
    upcoming: list[ActionOut]


class ContactOut(Out):
    id: int
    name: str
    email: str | None
    phone: str | None
    linkedin: str | None
    role: ContactRole
    organisation: str | None
    direct_contact: bool
    notes: str


class ApplicationOut(Out):
    """`app add --json`."""

    id: int
    company: str
    role: str
    status: AppStatus
    channel: Literal["direct", "recruiter"]
    agency: str | None
    recruiter: ContactOut | None
    url: str | None
    interest: int | None
    notes: str
    competitors: list[str]
    applied_on: str | None
    created_at: str


class ApplicationItemOut(ApplicationOut):
    """`app list --json`: an application with its next action and latest exchange."""

    next_action: ActionOut | None
    last_exchange: str | None


class InterviewOut(Out):
    """`interview add --json`."""

    id: int
    application_id: int
    start: str
    end: str
    format: InterviewFormat
    round: int
    interviewers: list[ContactOut]
    decision_date: str | None
    follow_up_contact_id: int | None
    follow_up_how: str
    promises: list[str]
    next_steps: str
    debriefed: bool


class FitOut(Out):
    score: int | None
    note: str


class DebriefOut(Out):
    """A debrief (`debrief --json`)."""

    interview_id: int
    recorded_at: str
    unprepared_questions: list[str]
    weak_answers: list[str]
    better_answers: list[str]
    went_well: list[str]
    floundered: list[str]
    later_questions: list[str]
    reactions: list[str]
    nuggets: list[str]
    topics: list[str]
    projects: list[str]
    fit: dict[str, FitOut]
    fit_average: float | None
    verdict: Verdict | None


class InterviewDetailOut(InterviewOut):
    """`interview show --json`: the interview and its debrief."""

    debrief: DebriefOut | None


class InteractionOut(Out):
    id: int
    at: str
    kind: InteractionKind
    contact: str | None
    summary: str
    follow_up: bool


class ApplicationDetailOut(ApplicationOut):
    """`app show --json`."""

    interviews: list[InterviewOut]
    referees: list[ContactOut]
    contacts: list[ContactOut]
    interactions: list[InteractionOut]
    plan: list[ActionOut]


class StatusChangeOut(Out):
    """`app status --json`: the application, and the actions the change added and cancelled."""

    application: ApplicationOut
    added: list[ActionOut]
    cancelled: list[ActionOut]


class ExchangeOut(Out):
    at: str
    kind: InteractionKind
    contact: str | None
    summary: str


class PromiseOut(Out):
    interview_id: int
    promise: str


class ReminderOut(Out):
    id: str
    text: str
    sources: list[str]


class BriefOut(Out):
    """`brief --json`."""

    application: ApplicationOut
    stage: AppStatus
    people: list[ContactOut]
    interviews: list[InterviewOut]
    debriefs: list[DebriefOut]
    last_exchanges: list[ExchangeOut]
    promises: list[PromiseOut]
    decision_date: str | None
    next_step: ActionOut | None
    reminders: list[ReminderOut]


class StageOut(Out):
    stage: str
    count: int


class FunnelOut(Out):
    total: int
    by_status: dict[str, int]
    reached: list[StageOut]


class FollowUpCountsOut(Out):
    on_time: int
    late: int
    missed: int
    open: int
    eligible: int


class FollowUpKindOut(FollowUpCountsOut):
    kind: str


class FollowUpsOut(Out):
    grace_hours: float
    kinds: list[str]
    total: FollowUpCountsOut
    by_kind: list[FollowUpKindOut]


class ReplyRateOut(Out):
    kind: str
    replied: int
    sent: int
    waiting: int
    rate: float | None
    window_days: int


class WeekOut(Out):
    label: str
    start: str
    starts_at: str
    applications: int
    interviews: int
    interactions_out: int
    actions_done: int


class ThemeSourceOut(Out):
    application_id: int
    interview_id: int
    company: str
    role: str
    field: str
    text: str
    at: str | None


class ThemeOut(Out):
    phrasing: str
    count: int
    mentions: int
    last_seen: str | None
    application_ids: list[int]
    interview_ids: list[int]
    sources: list[ThemeSourceOut]


class QuestionsOut(Out):
    threshold: float
    recurring: list[ThemeOut]
    singles: list[ThemeOut]
    singles_total: int


class InsightsOut(Out):
    """Where the search stands (PRODUCT.md §4.4)."""

    generated_at: str
    zone: str
    funnel: FunnelOut
    follow_ups: FollowUpsOut
    reply_rates: list[ReplyRateOut]
    weeks: list[WeekOut]
    questions: QuestionsOut


class LoggedOut(Out):
    """`log --json`."""

    id: int
    application_id: int
    kind: InteractionKind
    at: str
    contact_id: int | None
    follow_up: bool
    warnings: list[WarningOut]
    override: str | None


class FindingOut(Out):
    rule: str
    severity: Literal["error", "warning", "info"]
    start: int
    end: int
    message: str


class LintOut(Out):
    """`lint --json`."""

    kind: DraftKind | None
    words: int
    findings: list[FindingOut]


class DraftOut(Out):
    """`draft --json`."""

    action_id: int
    kind: DraftKind
    channel: Literal["email", "linkedin"]
    recipient: RecipientOut | None
    subject: str
    body: str
    findings: list[FindingOut]
    words: int
    missing: list[str]
    template: str
    edited: bool


class CsrfOut(Out):
    token: str


# ---------------------------------------------------------------- shapes (requests)


class In(BaseModel):
    """A request body: unknown fields are refused (a typo should not pass silently)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def checked(values: Sequence[Any], **kwargs: Any) -> Any:
    """A field whose values the OpenAPI document lists, but which the service checks, so that a
    wrong one gets the CLI's own message ("status: 'x'; use one of ...")."""
    return Field(json_schema_extra={"enum": list(values)}, **kwargs)


def bounded(low: int, high: int, **kwargs: Any) -> Any:
    """A whole number whose range the document gives and the service checks (as `checked`)."""
    return Field(json_schema_extra={"minimum": low, "maximum": high}, **kwargs)


STATUSES = ("applied", "interviewing", "offer", "accepted", "rejected", "withdrawn", "closed")
ROLES = ("interviewer", "recruiter", "hiring-manager", "referee", "other")
FORMATS = ("in-person", "phone", "video")
EXCHANGES = ("call", "email-in", "email-out", "message-in", "message-out")
VERDICTS = ("yes", "unsure", "not-for-me")


AppId = Annotated[int, PathParam(ge=1, le=MAX_ID, description="An application id")]
ContactId = Annotated[int, PathParam(ge=1, le=MAX_ID, description="A contact id")]
InterviewId = Annotated[int, PathParam(ge=1, le=MAX_ID, description="An interview id")]
ActionId = Annotated[int, PathParam(ge=1, le=MAX_ID, description="An action id")]
LOCAL_OR_ISO = (
    "'YYYY-MM-DD HH:MM' in your time zone, or ISO 8601 with an offset "
    "(needed for the hour that happens twice when the clocks go back)"
)


class ApplicationIn(In):
    """`app add`: recruiter-led when a recruiter or an agency is given."""

    company: str = Field(examples=["ACME"])
    role: str = Field(examples=["Data Engineer"])
    recruiter: str | None = Field(default=None, examples=["Jane Roe <jane@agency.example>"])
    agency: str | None = Field(default=None, examples=["Agency"])
    url: str | None = Field(default=None, examples=["https://acme.example/jobs/42"])
    interest: int | None = bounded(1, 5, default=None)
    referees: list[str] = Field(
        default_factory=list, examples=[["Maria Garcia <maria@example.org>"]]
    )
    competitors: list[str] = Field(default_factory=list, examples=[["Globex"]])
    hiring_contact: str | None = Field(default=None, examples=["Tom Weber <tom@acme.example>"])
    notes: str = ""


class StatusIn(In):
    status: str = checked(STATUSES)


class RefereeIn(In):
    referee: str = Field(description="A contact id, an e-mail, 'Name <email>' or a name",
                         examples=["Maria Garcia <maria@example.org>"])


class ContactIn(In):
    """`contact add`: the name may be 'Name <email>'."""

    name: str = Field(examples=["Ann Lee <ann@acme.example>"])
    email: str | None = Field(default=None, examples=["ann@acme.example"])
    phone: str | None = None
    linkedin: str | None = None
    role: str = checked(ROLES, default="other")
    organisation: str | None = None
    direct_contact: bool = False
    notes: str = ""


class InterviewIn(In):
    """`interview add`: start and end in your zone (or with an offset)."""

    start: str = Field(description=LOCAL_OR_ISO, examples=["2026-11-23 10:00"])
    end: str | None = Field(
        default=None, description="HH:MM on the start's day, or a full date and time",
        examples=["11:00"],
    )
    duration: int | None = Field(default=None, ge=1, le=720, description="Minutes (default 60)")
    format: str = checked(FORMATS, default="in-person")
    with_: list[str] = Field(
        default_factory=list, alias="with", description="The interviewers ('Name <email>')",
        examples=[["Ann Lee <ann@acme.example>"]],
    )
    direct_contacts: list[str] = Field(
        default_factory=list, description="E-mails of interviewers who e-mailed you directly"
    )
    decision_by: str | None = Field(
        default=None, description="YYYY-MM-DD", json_schema_extra={"format": "date"}
    )
    promises: list[str] = Field(default_factory=list, examples=[["notice period"]])
    round: int | None = Field(default=None, ge=1, le=50)
    follow_up_with: str | None = None
    follow_up_how: str = ""
    next_steps: str = ""


class FitAnswerIn(In):
    score: int | None = bounded(1, 5, default=None)
    note: str = ""


FitValue = (
    Annotated[int, WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 5})] | FitAnswerIn
)
Lines = str | list[str]


class FitIn(In):
    """The five fit questions, each a score 1-5 or {"score", "note"}."""

    fit_role: FitValue | None = None
    fit_growth: FitValue | None = None
    fit_culture: FitValue | None = None
    fit_values: FitValue | None = None
    fit_happy: FitValue | None = None


class DebriefIn(In):
    """A debrief: each text field is text (one item a line) or a list of texts."""

    unprepared_questions: Lines = Field(default_factory=list)
    weak_answers: Lines = Field(default_factory=list)
    better_answers: Lines = Field(default_factory=list)
    went_well: Lines = Field(default_factory=list)
    floundered: Lines = Field(default_factory=list)
    later_questions: Lines = Field(default_factory=list)
    reactions: Lines = Field(default_factory=list)
    nuggets: Lines = Field(default_factory=list)
    topics: Lines = Field(default_factory=list)
    projects: Lines = Field(default_factory=list)
    fit: FitIn = Field(default_factory=FitIn)
    verdict: str | None = checked([*VERDICTS, None], default=None)


assert set(DebriefIn.model_fields) == {n for n, _ in DEBRIEF_TEXT_FIELDS} | {"fit", "verdict"}


class DoneIn(In):
    reason: str | None = None
    override: str | None = Field(default=None, description="Why you go ahead despite a guard")


class SkipIn(In):
    reason: str | None = None


class SnoozeIn(In):
    until: str | None = Field(
        default=None,
        description="YYYY-MM-DD (the same time of day) or a date and time; default: tomorrow",
        examples=["2026-12-01"],
    )
    reason: str | None = None


class LogIn(In):
    """`log`: a call, e-mail or message, in or out."""

    kind: str = checked(EXCHANGES)
    with_: str | None = Field(
        default=None, alias="with", description="Contact id, e-mail or 'Name <email>'"
    )
    at: str | None = Field(default=None, description=LOCAL_OR_ISO + "; default: now")
    summary: str = ""
    reply: bool = Field(default=False, description="It answers their message (not a follow-up)")
    override: str | None = Field(default=None, description="Why you went ahead despite a guard")


class DraftIn(In):
    subject: str = ""
    body: str


class LintIn(In):
    text: str
    kind: str | None = checked([*DRAFT_KINDS, None], default=None)
    application_id: int | None = Field(default=None, ge=1, le=MAX_ID)


class SettingsIn(In):
    """Settings to change (re-plans everything); null or absent leaves a setting as it is."""

    name: str | None = None
    tz: str | None = Field(default=None, examples=["Europe/Brussels"])
    country: str | None = Field(default=None, examples=["BE"])
    region: str | None = None
    work_start: str | None = Field(default=None, examples=["09:00"])
    work_end: str | None = Field(default=None, examples=["18:00"])
    linkedin_interviewer: str | None = checked(
        ["after-offer", "after-interview", None], default=None
    )
    # bounded: a plan of a million check-ins, or one a million days apart, is nobody's plan
    check_in_interval_days: int | None = Field(default=None, ge=1, le=90)
    max_check_ins: int | None = Field(default=None, ge=1, le=10)
    keep_searching_min_open: int | None = Field(default=None, ge=1, le=100)
    keep_searching_quiet_days: int | None = Field(default=None, ge=1, le=90)


# ---------------------------------------------------------------- helpers


def drafts(svc: Service = Depends(service)) -> Drafts:
    """FastAPI dependency: drafting over the request's service (the user's own templates too)."""
    from followthrough.drafts import render

    return Drafts(svc, render.user_template_dir())


def moment(text: str, zone: ZoneInfo, field: str, default_date: dt.date | None = None
           ) -> dt.datetime:
    """Return the instant written as the CLI accepts it (local or with an offset; the core
    refuses years outside 1900-2999 with the CLI's message)."""
    return parse_datetime(text, zone, field, default_date)


def day(text: str, field: str) -> dt.date:
    """Return the date written as YYYY-MM-DD (in range, as the core checks)."""
    return parse_date(text, field)


def person(text: str | None, field: str) -> str | None:
    """Return a reference to a contact (an id, an e-mail, 'Name <email>' or a name) as given,
    refusing "ids" the store cannot look up (non-ASCII digits such as '¹', or too big)."""
    if text is None:
        return None
    value = text.strip()
    if value.isdigit() and (not value.isascii() or int(value) > MAX_ID):
        raise ValidationError(
            field, f"{value!r} is not a contact id; give an id, an e-mail or 'Name <email>'"
        )
    return text


def people(texts: Sequence[str], field: str) -> list[str]:
    """Return several contact references, each checked as by `person`."""
    return [person(t, field) or "" for t in texts]


def zone_name(value: str) -> str:
    """Return a time zone name the store can use, with the CLI's message when it cannot
    (workdays.zone misses the OSError of a name too long to be a file)."""
    try:
        zone(value)
    except OSError:
        raise ValidationError(
            "tz", f"unknown time zone {value!r}; use an IANA name such as Europe/Brussels"
        ) from None
    return value


def _settings_out(values: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in values.items() if k != "calendar_token"}


# ---------------------------------------------------------------- routes: agenda


@router.get("/csrf", response_model=CsrfOut)
def csrf(request: Request) -> dict[str, str]:
    """Return the CSRF token to send as X-CSRF-Token on every POST (the cookie is set too)."""
    return {"token": request.state.csrf}


@router.get("/today", response_model=TodayOut)
async def today(request: Request) -> Response:
    """What is overdue, due today and in the next 7 days (as `followthrough today --json`)."""

    def compute(svc: Service) -> tuple[bytes, dt.datetime]:
        # the same JSON as the CLI's; the response model documents it (checked in the tests)
        payload, until = svc.today_until()
        payload["now"] = NOW_SLOT
        return json.dumps(payload, ensure_ascii=False).encode(), until

    parts = await memoized(request, "api-today", compute, agenda.iso)
    return PartsResponse(parts, "application/json")


# ---------------------------------------------------------------- routes: applications


@router.get("/applications", response_model=list[ApplicationItemOut])
def list_applications(
    status: AppStatus | None = Query(default=None, description="Only this status"),
    svc: Service = Depends(service),
) -> list[dict[str, Any]]:
    """Every application with its next action (as `app list --json`)."""
    return svc.list_applications(status)


@router.post("/applications", response_model=ApplicationOut, status_code=201)
def add_application(body: ApplicationIn, svc: Service = Depends(service)) -> dict[str, Any]:
    """Add an application (as `app add --json`); it is planned at once."""
    created = svc.add_application(
        body.company,
        body.role,
        recruiter=person(body.recruiter, "recruiter"),
        agency=body.agency,
        url=body.url,
        interest=body.interest,
        notes=body.notes,
        referees=people(body.referees, "referee"),
        competitors=body.competitors,
        hiring_contact=person(body.hiring_contact, "hiring-contact"),
    )
    return svc.application_item(created.id)


@router.get("/applications/{app_id}", response_model=ApplicationDetailOut)
def show_application(app_id: AppId, svc: Service = Depends(service)) -> dict[str, Any]:
    """An application with its people, interviews, plan and exchanges (as `app show --json`)."""
    return svc.show_application(app_id)


@router.post("/applications/{app_id}/status", response_model=StatusChangeOut)
def set_status(app_id: AppId, body: StatusIn, svc: Service = Depends(service)) -> dict[str, Any]:
    """Change the status and re-plan; shows what was added and cancelled (as `app status`)."""
    return svc.set_status(app_id, body.status)


@router.post("/applications/{app_id}/referees", response_model=ContactOut, status_code=201)
def add_referee(app_id: AppId, body: RefereeIn, svc: Service = Depends(service)) -> dict[str, Any]:
    """Record a referee you gave for this application (as `app referee`); re-plans."""
    return contact_json(svc.add_referee(app_id, person(body.referee, "referee") or ""))


@router.get("/applications/{app_id}/plan", response_model=list[ActionOut])
def plan(app_id: AppId, svc: Service = Depends(service)) -> list[dict[str, Any]]:
    """The full dated plan of an application, cancelled actions included (as `plan --json`)."""
    return svc.plan(app_id)


@router.get("/applications/{app_id}/brief", response_model=BriefOut)
def brief(app_id: AppId, svc: Service = Depends(service)) -> dict[str, Any]:
    """Everything to review before a call about an application (as `brief --json`)."""
    return svc.brief(app_id)


@router.post("/applications/{app_id}/interviews", response_model=InterviewOut, status_code=201)
def add_interview(
    app_id: AppId, body: InterviewIn, svc: Service = Depends(service)
) -> dict[str, Any]:
    """Record an interview (as `interview add --json`); re-plans its follow-ups."""
    if body.end and body.duration:
        raise ValidationError("end", "give end or duration, not both")
    zone = svc.week().zone
    start = moment(body.start, zone, "start")
    if body.end:
        stop = moment(body.end, zone, "end", default_date=start.astimezone(zone).date())
    else:
        stop = later(start, dt.timedelta(minutes=body.duration or 60))
    decision = day(body.decision_by, "decision_by") if body.decision_by else None
    return svc.add_interview(
        app_id,
        start,
        stop,
        body.format,
        people(body.with_, "with"),
        body.direct_contacts,
        decision,
        body.promises,
        body.round,
        person(body.follow_up_with, "follow-up-with"),
        body.follow_up_how,
        body.next_steps,
    )


@router.post("/applications/{app_id}/interactions", response_model=LoggedOut, status_code=201)
def log(app_id: AppId, body: LogIn, svc: Service = Depends(service)) -> dict[str, Any]:
    """Log a call, e-mail or message (as `log --json`): the basis of the once-a-week rule."""
    when = moment(body.at, svc.week().zone, "at") if body.at else None
    who = person(body.with_, "with")
    return svc.log(app_id, body.kind, who, when, body.summary, body.reply, body.override)


# ---------------------------------------------------------------- routes: contacts


@router.get("/contacts", response_model=list[ContactOut])
def list_contacts(
    role: ContactRole | None = Query(default=None, description="Only this role"),
    svc: Service = Depends(service),
) -> list[dict[str, Any]]:
    """Your contacts, by name (as `contact list --json`)."""
    return svc.list_contacts(role)


@router.post("/contacts", response_model=ContactOut, status_code=201)
def add_contact(body: ContactIn, svc: Service = Depends(service)) -> dict[str, Any]:
    """Add a contact (as `contact add --json`); the name may be 'Name <email>'."""
    name, email = parse_address(body.name, "name")
    created = svc.add_contact(
        name,
        body.email or email,
        body.phone,
        body.linkedin,
        body.role,
        body.organisation,
        body.direct_contact,
        body.notes,
    )
    return contact_json(created)


@router.get("/contacts/{contact_id}", response_model=ContactOut)
def show_contact(contact_id: ContactId, svc: Service = Depends(service)) -> dict[str, Any]:
    """One contact (as `contact show --json`)."""
    return svc.show_contact(contact_id)


# ---------------------------------------------------------------- routes: interviews


@router.get("/interviews/{interview_id}", response_model=InterviewDetailOut)
def show_interview(interview_id: InterviewId, svc: Service = Depends(service)) -> dict[str, Any]:
    """An interview and its debrief (as `interview show --json`)."""
    return svc.interview(interview_id)


@router.get("/interviews/{interview_id}/debrief", response_model=DebriefOut)
def show_debrief(interview_id: InterviewId, svc: Service = Depends(service)) -> dict[str, Any]:
    """The debrief of an interview (404 while none is written)."""
    found = svc.interview(interview_id)["debrief"]
    if found is None:
        raise NotFoundError(
            "debrief of interview", interview_id, "write it with PUT on this address"
        )
    result: dict[str, Any] = found
    return result


@router.put("/interviews/{interview_id}/debrief", response_model=DebriefOut)
def save_debrief(
    interview_id: InterviewId, body: DebriefIn, svc: Service = Depends(service)
) -> dict[str, Any]:
    """Write (or replace) the debrief of an interview (as `debrief --from-file`); re-plans."""
    data = body.model_dump(exclude_unset=True, exclude_none=True)
    return svc.record_debrief(interview_id, data)


# ---------------------------------------------------------------- routes: actions


@router.get("/actions/{action_id}", response_model=ActionOut)
def show_action(action_id: ActionId, svc: Service = Depends(service)) -> dict[str, Any]:
    """One action."""
    return svc.action(action_id)


@router.post("/actions/{action_id}/done", response_model=CompletedOut)
def done(
    action_id: ActionId,
    body: Annotated[DoneIn | None, Body()] = None,
    svc: Service = Depends(service),
) -> dict[str, Any]:
    """Mark an action done (as `done`); a message action also logs the exchange."""
    given = body or DoneIn()
    result = svc.complete(action_id, "done", None, given.reason, given.override)
    result.setdefault("warnings", [])  # done twice: Service returns the action without them
    return result


@router.post("/actions/{action_id}/skip", response_model=CompletedOut)
def skip(
    action_id: ActionId,
    body: Annotated[SkipIn | None, Body()] = None,
    svc: Service = Depends(service),
) -> dict[str, Any]:
    """Skip an action (as `skip`); it stays skipped through re-planning."""
    given = body or SkipIn()
    return svc.complete(action_id, "skipped", None, given.reason)


@router.post("/actions/{action_id}/reopen", response_model=CompletedOut)
def reopen(action_id: ActionId, svc: Service = Depends(service)) -> dict[str, Any]:
    """Make a done, skipped or snoozed action pending again (as `reopen`); 409 when cancelled."""
    return svc.complete(action_id, "pending")


@router.post("/actions/{action_id}/snooze", response_model=CompletedOut)
def snooze(
    action_id: ActionId,
    body: Annotated[SnoozeIn | None, Body()] = None,
    svc: Service = Depends(service),
) -> dict[str, Any]:
    """Put an action off (as `snooze`): until a date (same time of day), a moment, or tomorrow."""
    given = body or SnoozeIn()
    target = None
    if given.until:
        zone = svc.week().zone
        if len(given.until.strip()) == 10:
            when = day(given.until, "until")
            due = dt.datetime.fromisoformat(svc.action(action_id)["due"]).astimezone(zone)
            target = resolve_local(dt.datetime.combine(when, due.time()), zone, "until")
        else:
            target = moment(given.until, zone, "until")
    return svc.complete(action_id, "snoozed", target, given.reason)


@router.get("/actions/{action_id}/draft", response_model=DraftOut)
def get_draft(
    action_id: ActionId,
    as_kind: str | None = Query(
        default=None,
        alias="as",
        description="Render another kind (e.g. value-add for a check-in)",
        json_schema_extra={"enum": list(DRAFT_KINDS)},
    ),
    writer: Drafts = Depends(drafts),
) -> dict[str, Any]:
    """The draft of an action with the checker's findings (as `draft --json`)."""
    return _public(writer.draft(action_id, as_kind))


@router.put("/actions/{action_id}/draft", response_model=DraftOut)
def save_draft(
    action_id: ActionId, body: DraftIn, writer: Drafts = Depends(drafts)
) -> dict[str, Any]:
    """Keep your own text for an action's draft (as `draft --edit`); returns it checked."""
    return _public(writer.save(action_id, body.subject, body.body))


def _public(result: dict[str, Any]) -> dict[str, Any]:
    return {k: result[k] for k in DraftOut.model_fields if k in result}


@router.post("/lint", response_model=LintOut)
def lint(body: LintIn, writer: Drafts = Depends(drafts)) -> dict[str, Any]:
    """Check any text as a draft (as `lint --json`): findings with rule, severity and span."""
    return writer.lint(body.text, body.kind, body.application_id)


# ---------------------------------------------------------------- routes: insights


@router.get("/insights", response_model=InsightsOut)
def get_insights(
    weeks: int = Query(default=12, ge=1, le=104, description="Weeks of activity to show"),
    svc: Service = Depends(service),
) -> dict[str, Any]:
    """The funnel, follow-ups on time / late / missed, reply rates, weekly activity and the
    questions you keep struggling with (as `insights --json`)."""
    return svc.insights(weeks)


# ---------------------------------------------------------------- routes: settings


@router.get("/settings", response_model=dict[str, str])
def get_settings(svc: Service = Depends(service)) -> dict[str, str]:
    """Your effective settings (as `settings --json`)."""
    return _settings_out(svc.settings())


@router.patch("/settings", response_model=dict[str, str])
def patch_settings(body: SettingsIn, svc: Service = Depends(service)) -> dict[str, str]:
    """Change settings (as `settings KEY VALUE`); re-plans everything."""
    values = {k: str(v) for k, v in body.model_dump(exclude_none=True).items()}
    if "tz" in values:
        zone_name(values["tz"])
    return _settings_out(svc.update_settings(values) if values else svc.settings())


class CalendarFeedOut(Out):
    """The private address of the calendar feed (the token is its password)."""

    path: str = Field(examples=["/calendar/3q2x....ics"])


@router.get("/settings/calendar-feed", response_model=CalendarFeedOut)
def calendar_feed(svc: Service = Depends(service)) -> dict[str, str]:
    """The calendar feed's address (made on first use)."""
    return {"path": f"/calendar/{svc.calendar_token()}.ics"}


@router.post("/settings/calendar-feed", response_model=CalendarFeedOut)
def rotate_calendar_feed(svc: Service = Depends(service)) -> dict[str, str]:
    """A new address for the calendar feed; the old one stops working."""
    return {"path": f"/calendar/{svc.rotate_calendar_token()}.ics"}


# ---------------------------------------------------------------- anything else under /api/v1


class MethodNotAllowedError(FollowthroughError):
    """The address exists, but not with this method."""

    http_status = 405


@router.api_route(
    "/{rest:path}",
    methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
    include_in_schema=False,
)
def no_route(rest: str, request: Request) -> None:
    """An address or method the API does not have: the same error shape as everything else."""
    allowed: set[str] = set()
    path = f"/api/v1/{rest}"
    for route in router.routes:
        if (
            isinstance(route, APIRoute)
            and route.endpoint is not no_route
            and route.path_regex.match(path)
        ):
            allowed |= route.methods
    if allowed:
        raise MethodNotAllowedError(
            f"method: {request.method} is not allowed on {path}; use {', '.join(sorted(allowed))}"
        )
    raise NotFoundError("route", path, "see /api/v1/openapi.json")
