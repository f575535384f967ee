"""The shapes of applications: the list, the detail, a status change, a brief, a log."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from followthrough.web.schemas.actions import ActionOut, WarningOut
from followthrough.web.schemas.common import (
    EXCHANGES,
    LOCAL_OR_ISO,
    STATUSES,
    AppStatus,
    In,
    InteractionKind,
    Out,
    bounded,
    checked,
)
from followthrough.web.schemas.contacts import ContactOut
from followthrough.web.schemas.interviews import DebriefOut, InterviewOut


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
    salary: str | None
    location: str | None
    created_at: str


class ApplicationItemOut(ApplicationOut):
    """`app list --json`: an application with its next action and latest exchange."""

    next_action: ActionOut | None
    last_exchange: str | None


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
    call_points: list[str]


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
