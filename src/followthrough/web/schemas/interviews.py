"""The shapes of interviews and their debriefs."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, WithJsonSchema

from followthrough.domain.model import DEBRIEF_TEXT_FIELDS
from followthrough.web.schemas.common import (
    FORMATS,
    LOCAL_OR_ISO,
    VERDICTS,
    In,
    InterviewFormat,
    Out,
    Verdict,
    bounded,
    checked,
)
from followthrough.web.schemas.contacts import ContactOut


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
