"""The pieces every request and response shape is made of: kinds, ids, the base models."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal

from fastapi import Path as PathParam
from pydantic import BaseModel, ConfigDict, Field

from followthrough.domain.model import ACTION_KINDS
from followthrough.drafts.context import DRAFT_KINDS

#: The largest id the API takes: exact in JSON and JavaScript, and far below what would crash
#: the SQLite driver (2**63) instead of missing a row.
MAX_ID = 2**53 - 1


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
