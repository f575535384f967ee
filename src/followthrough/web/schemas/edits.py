"""The shapes of corrections: edits (every field optional; null empties one that may be
empty), deletes, merges, exchanges, the history, undo and your own words."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from followthrough.web.schemas.common import LOCAL_OR_ISO, MAX_ID, In, Out, bounded


class ApplicationEditIn(In):
    """`app edit`: only the fields given change."""

    company: str | None = None
    role: str | None = None
    url: str | None = None
    agency: str | None = None
    recruiter: str | None = Field(default=None, examples=["Jane Roe <jane@agency.example>"])
    notes: str | None = None
    interest: int | None = bounded(1, 5, default=None)
    competitors: list[str] | None = None
    salary: str | None = None
    location: str | None = None
    applied_on: str | None = Field(default=None, description="YYYY-MM-DD")


class InterviewEditIn(In):
    """`interview edit`: only the fields given change; moving it moves its follow-ups."""

    start: str | None = Field(default=None, description=LOCAL_OR_ISO)
    end: str | None = Field(default=None, description=LOCAL_OR_ISO + ", or HH:MM that day")
    duration: int | None = bounded(1, 720, default=None)
    format: str | None = None
    with_: list[str] | None = Field(default=None, alias="with")
    direct_contacts: list[str] | None = None
    decision_by: str | None = Field(default=None, description="YYYY-MM-DD; null clears it")
    promises: list[str] | None = None
    next_steps: str | None = None


class ContactEditIn(In):
    """`contact edit`: only the fields given change."""

    name: str | None = None
    email: str | None = None
    add_email: str | None = None
    remove_email: str | None = None
    phone: str | None = None
    linkedin: str | None = None
    role: str | None = None
    organisation: str | None = None
    notes: str | None = None
    direct_contact: bool | None = None


class ExchangeEditIn(In):
    """`exchange edit`."""

    at: str | None = Field(default=None, description=LOCAL_OR_ISO)
    kind: str | None = None
    with_: str | None = Field(default=None, alias="with")
    note: str | None = None


class MergeIn(In):
    other: int = Field(
        ge=1, le=MAX_ID, description="The duplicate, merged into this one and deleted"
    )


class WordsIn(In):
    words: list[str] = Field(min_length=1, examples=[["Kubeflow", "dbt"]])


class ExchangeItemOut(Out):
    id: int
    at: str
    kind: str
    contact: str | None
    summary: str
    follow_up: bool


class DeletedOut(Out):
    deleted: dict[str, int]
    interviews: list[int] = Field(default_factory=list)
    applications: list[int] = Field(default_factory=list)


class ChangeOut(Out):
    record: str
    table: str
    op: str
    key: dict[str, Any]
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class EventOut(Out):
    """One change of the history (as `history --json` lists them)."""

    id: int
    at: str
    interface: str
    kind: str
    summary: str
    application_id: int | None
    undoable: bool
    undone_by: int | None
    undoes: int | None
    changes: list[ChangeOut]


class UndoOut(Out):
    undone: EventOut
    undo: EventOut


class WordsOut(Out):
    words: list[str]
