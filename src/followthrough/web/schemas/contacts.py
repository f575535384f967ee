"""The shapes of contacts."""

from __future__ import annotations

from pydantic import Field

from followthrough.web.schemas.common import ROLES, ContactRole, In, Out, checked


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
    other_emails: list[str]


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
