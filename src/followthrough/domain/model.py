"""The facts Followthrough keeps and the decisions it makes, as plain values.

Everything here is immutable and free of I/O: adapters build these values from storage or input,
the planner and guards read them and return new values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from followthrough.domain.kinds import (
    ACTION_KINDS,
    FINAL_STATUSES,
    IMPORTED_PAST,
    INBOUND,
    OPEN_STATUSES,
    PLAN_BASIS,
    REMOTE_FORMATS,
    REPLAN_PENDING,
    ActionStatus,
    Channel,
    FitVerdict,
    Format,
    InteractionKind,
    MessageChannel,
    Role,
    Status,
)

#: The records, and the names of kinds.py (re-exported: records are looked up here).
__all__ = [
    "REPLAN_PENDING",
    "PLAN_BASIS",
    "Status",
    "OPEN_STATUSES",
    "FINAL_STATUSES",
    "Channel",
    "Role",
    "Format",
    "REMOTE_FORMATS",
    "ActionStatus",
    "MessageChannel",
    "InteractionKind",
    "INBOUND",
    "FitVerdict",
    "ACTION_KINDS",
    "IMPORTED_PAST",
    "Contact",
    "Interview",
    "FIT_QUESTIONS",
    "DEBRIEF_TEXT_FIELDS",
    "FitAnswer",
    "Debrief",
    "Interaction",
    "StatusEvent",
    "Application",
    "ActionRecord",
    "ApplicationFacts",
    "Recipient",
    "PlannedAction",
    "Reminder",
]


@dataclass(frozen=True, slots=True)
class Contact:
    """A person: interviewer, recruiter, hiring manager, referee or other."""

    id: int
    name: str
    email: str | None = None
    phone: str | None = None
    linkedin: str | None = None
    role: Role = Role.OTHER
    organisation: str | None = None
    direct_contact: bool = False
    notes: str = ""
    #: the other addresses the person writes from (filled when one contact is read)
    other_emails: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Interview:
    """One interview of an application; start and end are aware datetimes."""

    id: int
    application_id: int
    start: dt.datetime
    end: dt.datetime
    format: Format = Format.IN_PERSON
    round: int = 1
    interviewer_ids: tuple[int, ...] = ()
    decision_date: dt.date | None = None
    follow_up_contact_id: int | None = None
    follow_up_how: str = ""
    promises: tuple[str, ...] = ()
    next_steps: str = ""


FIT_QUESTIONS = (
    ("fit_role", "Is it a good fit for me?"),
    ("fit_growth", "Can I grow here?"),
    ("fit_culture", "Is the culture a fit?"),
    ("fit_values", "Are their values and ethics aligned with mine?"),
    ("fit_happy", "Would I be happy here?"),
)

DEBRIEF_TEXT_FIELDS = (
    ("unprepared_questions", "Questions I had not prepared for"),
    ("weak_answers", "Answers I was not happy with"),
    ("better_answers", "A better answer next time"),
    ("went_well", "What went well"),
    ("floundered", "Where I floundered"),
    ("later_questions", "Questions that occurred to me afterwards"),
    ("reactions", "How the interviewers reacted (liked / disliked)"),
    ("nuggets", "Nuggets about the role or company"),
    ("topics", "Topics worth mentioning in the thank-you"),
    ("projects", "One or two projects or achievements that fit the role"),
)


@dataclass(frozen=True, slots=True)
class FitAnswer:
    """One of the five fit questions: a score of 1-5 and a note."""

    score: int | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Debrief:
    """The candidate's notes after one interview."""

    interview_id: int
    recorded_at: dt.datetime
    unprepared_questions: tuple[str, ...] = ()
    weak_answers: tuple[str, ...] = ()
    better_answers: tuple[str, ...] = ()
    went_well: tuple[str, ...] = ()
    floundered: tuple[str, ...] = ()
    later_questions: tuple[str, ...] = ()
    reactions: tuple[str, ...] = ()
    nuggets: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    fit: dict[str, FitAnswer] = field(default_factory=dict)
    verdict: FitVerdict | None = None

    def fit_average(self) -> float | None:
        """Return the mean of the scored fit questions, or None when none is scored."""
        scores = [a.score for a in self.fit.values() if a.score is not None]
        return sum(scores) / len(scores) if scores else None


@dataclass(frozen=True, slots=True)
class Interaction:
    """A logged call, e-mail or message, in or out."""

    id: int
    application_id: int | None
    at: dt.datetime
    kind: InteractionKind
    contact_id: int | None = None
    summary: str = ""
    action_id: int | None = None
    action_kind: str | None = None
    #: counted as a follow-up by the cadence guard (a chase, not a reply or a thank-you)
    follow_up: bool = False

    @property
    def inbound(self) -> bool:
        """Return True when the company wrote to the candidate."""
        return self.kind in INBOUND


@dataclass(frozen=True, slots=True)
class StatusEvent:
    """The application reached `status` at `at`."""

    status: Status
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class Application:
    """A job the candidate applied for."""

    id: int
    company: str
    role: str
    channel: Channel = Channel.DIRECT
    status: Status = Status.APPLIED
    created_at: dt.datetime | None = None
    url: str | None = None
    agency: str | None = None
    recruiter_id: int | None = None
    hiring_contact_id: int | None = None
    interest: int | None = None
    notes: str = ""
    competitors: tuple[str, ...] = ()
    #: the day the user applied, when known (imported spreadsheets carry it)
    applied_on: dt.date | None = None
    salary: str | None = None
    location: str | None = None

    @property
    def recruiter_led(self) -> bool:
        """Return True when a recruiter or agency arranged the process."""
        return self.channel is Channel.RECRUITER




@dataclass(frozen=True, slots=True)
class ActionRecord:
    """What the store already knows about a planned action (the user's part of it)."""

    key: str
    kind: str
    status: ActionStatus
    due: dt.datetime | None
    done_at: dt.datetime | None = None
    edited: bool = False
    #: what the planner said last time (None when unknown): lets re-planning skip no-ops
    planned: PlannedAction | None = None
    #: why it was skipped or cancelled, as stored (e.g. IMPORTED_PAST)
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class ApplicationFacts:
    """Everything the planner needs to plan one application."""

    application: Application
    contacts: dict[int, Contact]
    interviews: tuple[Interview, ...] = ()
    debriefs: dict[int, Debrief] = field(default_factory=dict)
    interactions: tuple[Interaction, ...] = ()
    referee_ids: tuple[int, ...] = ()
    status_events: tuple[StatusEvent, ...] = ()
    actions: dict[str, ActionRecord] = field(default_factory=dict)
    #: recruiter contact ids whose LinkedIn action is owned by another application
    recruiter_links_elsewhere: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who an action is addressed to."""

    contact_id: int | None
    name: str
    email: str | None = None
    via_contact_id: int | None = None
    via_name: str | None = None


@dataclass(frozen=True, slots=True)
class PlannedAction:
    """A decision of the planner: do `kind` at `due` (before `deadline`), because of `rule`."""

    key: str
    kind: str
    title: str
    due: dt.datetime
    rule: str
    sources: tuple[str, ...]
    channel: MessageChannel = MessageChannel.NONE
    application_id: int | None = None
    interview_id: int | None = None
    recipient: Recipient | None = None
    deadline: dt.datetime | None = None
    reason: str = ""
    talking_points: tuple[str, ...] = ()
    chases: bool = False


@dataclass(frozen=True, slots=True)
class Reminder:
    """A note of the playbook shown at the right moment ("before-interview", "after-interview"),
    not an action."""

    id: str
    when: str
    text: str
    sources: tuple[str, ...]
    #: The applications it is for, by channel ("recruiter", "direct"); None: every one.
    channel: str | None = None

    def applies_to(self, channel: str) -> bool:
        """Return True when the reminder is for an application of `channel`."""
        return self.channel is None or self.channel == channel
