"""The shapes of mail: the outbox, the inbox's proposals, a sync's report, the account."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from followthrough.web.schemas.common import In, Out

OutboxState = Literal["queued", "sending", "sent", "failed", "unknown"]


class SendIn(In):
    """Why the message goes despite a guard's warning (`send --override`)."""

    override: str | None = Field(default=None, max_length=500)


class OutboxOut(Out):
    """One message of the outbox (`outbox --json`)."""

    id: int
    state: OutboxState
    message_id: str
    action_id: int | None
    application_id: int | None
    recipient: str
    subject: str
    attempts: int
    last_error: str | None
    override: str | None
    created_at: str
    sent_at: str | None
    next_attempt_at: str | None


class WarnedOut(Out):
    guard: str
    reason: str


class SentOut(OutboxOut):
    """What `send` did: the message, the guards' warnings overridden, whether it was there."""

    warnings: list[WarnedOut]
    already: bool


class ResolveIn(In):
    """Whether a message in doubt reached them (`outbox resolve ID --sent|--not-sent`)."""

    sent: bool


class ProposalOut(Out):
    """A status change found in mail (`inbox --json`)."""

    id: int
    message_id: str
    application_id: int | None
    company: str | None
    role: str | None
    proposal: Literal["rejected", "offer", "interview", "withdrawn-by-company"]
    confidence: float
    details: dict[str, Any]
    state: Literal["pending", "accepted", "dismissed"]
    subject: str
    from_: str = Field(alias="from")
    received_at: str | None


class AcceptIn(In):
    """The interview's start, when the message's is wrong or missing (`inbox accept --at`)."""

    at: str | None = Field(default=None, max_length=40)


class LoggedOut(Out):
    message_id: str
    application_id: int
    contact_id: int | None
    direction: Literal["in", "out"]
    action_id: int | None


class IgnoredOut(Out):
    message_id: str
    reason: Literal["auto-reply", "list", "unknown-sender", "ambiguous", "bounce", "duplicate"]


class ProposedOut(Out):
    id: int
    message_id: str
    application_id: int
    proposal: Literal["rejected", "offer", "interview", "withdrawn-by-company"]
    confidence: float
    details: dict[str, Any]


class ReadOut(Out):
    """What a sync did (`mail sync --json`)."""

    scanned: int
    logged: list[LoggedOut]
    ignored: list[IgnoredOut]
    proposals: list[ProposedOut]


class MailSettingsIn(In):
    """The account (`mail setup`); an empty value clears a setting, a missing one keeps it."""

    from_: str | None = Field(default=None, alias="from", max_length=400)
    smtp_host: str | None = Field(default=None, max_length=255)
    smtp_port: str | None = Field(default=None, max_length=5)
    smtp_security: str | None = Field(default=None, max_length=10)
    smtp_user: str | None = Field(default=None, max_length=320)
    imap_host: str | None = Field(default=None, max_length=255)
    imap_port: str | None = Field(default=None, max_length=5)
    imap_security: str | None = Field(default=None, max_length=10)
    imap_user: str | None = Field(default=None, max_length=320)
    sent_folder: str | None = Field(default=None, max_length=200)
    also_me: str | None = Field(default=None, max_length=2000)
    sent_copy: str | None = Field(default=None, max_length=4)


class CheckOut(Out):
    """One line of `mail test`."""

    check: str
    ok: bool
    detail: str


class DigestOut(Out):
    """What `digest` did."""

    day: str
    sent: bool
    state: str
    actions: int
    message: str
