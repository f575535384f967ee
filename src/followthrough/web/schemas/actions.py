"""The shapes of actions: one planned action, today's agenda, done / skip / snooze."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from followthrough.web.schemas.common import ActionKind, ActionStatus, In, Out


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


class DoneIn(In):
    reason: str | None = None
    override: str | None = Field(default=None, description="Why you go ahead despite a guard")
    at: str | None = Field(
        default=None,
        description="When it really happened (a date and time in your zone, or ISO 8601 with "
        "an offset); default: now",
        examples=["2026-11-30 19:30"],
    )


class SkipIn(In):
    reason: str | None = None


class SnoozeIn(In):
    until: str | None = Field(
        default=None,
        description="A date (YYYY-MM-DD: the same time of day), a date and time, 'tomorrow "
        "9:00', 'monday' (the next one) or 'fri 14:30'; default: a day later",
        examples=["2026-12-01"],
    )
    reason: str | None = None
