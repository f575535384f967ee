"""The shapes of drafts and of the checker's findings."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from followthrough.drafts.context import DRAFT_KINDS
from followthrough.web.schemas.actions import RecipientOut
from followthrough.web.schemas.common import MAX_ID, DraftKind, In, Out, checked


class FindingOut(Out):
    rule: str
    severity: Literal["error", "warning", "info"]
    start: int
    end: int
    message: str


class LintOut(Out):
    """`lint --json`."""

    kind: DraftKind | None
    #: The application the text was checked as: given, or inferred from the names in it.
    application_id: int | None = None
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
    notice: str | None


class DraftIn(In):
    subject: str = ""
    body: str


class LintIn(In):
    text: str
    kind: str | None = checked([*DRAFT_KINDS, None], default=None)
    application_id: int | None = Field(default=None, ge=1, le=MAX_ID)
