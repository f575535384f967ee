"""Exchanges: log a call, e-mail or message (the basis of the once-a-week rule), and ask the
guards about a message before it goes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from followthrough.domain import guards
from followthrough.domain.errors import ValidationError
from followthrough.domain.model import Contact, Interaction, InteractionKind, Role
from followthrough.domain.parse import parse_address
from followthrough.services.contacts import resolve_contact
from followthrough.services.context import Context, UnitOfWork
from followthrough.services.planning import replan


@dataclass(frozen=True)
class Logged:
    """An exchange just recorded, with the guards' warnings and the override reason."""

    id: int
    application_id: int
    kind: InteractionKind
    at: dt.datetime
    contact_id: int | None
    follow_up: bool
    warnings: list[guards.Verdict]
    override: str | None
    zone: Any


@dataclass(frozen=True)
class Exchange:
    """What is being recorded: the kind, with whom, when, about what, and for which action."""

    kind: InteractionKind
    contact_id: int | None
    at: dt.datetime
    summary: str
    reply: bool = False
    action_id: int | None = None
    action_kind: str | None = None


def _kind(kind: str) -> InteractionKind:
    """Return the exchange kind named `kind`, or say which exist."""
    try:
        return InteractionKind(kind)
    except ValueError:
        raise ValidationError("kind", f"{kind!r}; use call, email-in or email-out") from None


def log(
    ctx: Context,
    app_id: int,
    kind: str,
    with_: str | None = None,
    at: dt.datetime | None = None,
    summary: str = "",
    reply: bool = False,
    override: str | None = None,
) -> Logged:
    """Log an exchange, run the guards on outgoing ones, and re-plan; return it.

    An exchange that already happened is recorded even when a guard warns: the warnings are
    returned and stored with the override reason (if one was given).
    """
    ikind = _kind(kind)
    when = at or ctx.now
    if when > ctx.now + dt.timedelta(minutes=5):
        raise ValidationError("at", "is in the future; log exchanges once they happened")
    with ctx.write() as uow:
        uow.repo.application(uow.conn, app_id)
        contact = resolve_contact(uow, with_, "with") if with_ else None
        exchange = Exchange(ikind, contact.id if contact else None, when, summary, reply)
        result = record_exchange(uow, app_id, exchange, override)
        replan(uow, app_id, f"{ikind.value} logged")
        uow.describe("exchange-add", f"Logged {ikind.value} (exchange {result.id})", app_id)
        return result


def _outgoing(uow: UnitOfWork, x: Exchange) -> guards.Outgoing:
    """Return an outgoing exchange as the guards see it (a referee's is a heads-up)."""
    channel = "phone" if x.kind is InteractionKind.CALL else "email"
    if x.action_kind and x.action_kind.startswith("linkedin"):
        channel = "linkedin"
    if x.contact_id is not None and uow.repo.contact(uow.conn, x.contact_id).role is Role.REFEREE:
        return guards.Outgoing(at=x.at, kind="referee-heads-up", channel=channel)
    return guards.Outgoing(
        at=x.at,
        kind=x.action_kind,
        recipient_id=x.contact_id,
        channel=channel,
        text=x.summary,
        reply=x.reply,
    )


def record_exchange(
    uow: UnitOfWork, app_id: int, x: Exchange, override: str | None,
    message_id: str | None = None,
) -> Logged:  # fmt: skip
    """Store an exchange with the guards' warnings on an outgoing one; return it."""
    warnings: list[guards.Verdict] = []
    follow_up = False
    if x.kind not in (InteractionKind.EMAIL_IN, InteractionKind.MESSAGE_IN):
        out = _outgoing(uow, x)
        follow_up = out.follow_up
        facts = uow.repo.facts(uow.conn, app_id)
        warnings = guards.check_outgoing(out, facts, uow.week, uow.policy)
    iid = uow.repo.add_interaction(
        uow.conn,
        uow.now,
        application_id=app_id,
        contact_id=x.contact_id,
        at=x.at,
        kind=x.kind.value,
        summary=x.summary,
        action_id=x.action_id,
        action_kind=x.action_kind,
        follow_up=follow_up,
        message_id=message_id,
    )
    for w in warnings:
        uow.repo.add_override(
            uow.conn,
            uow.now,
            application_id=app_id,
            interaction_id=iid,
            guard=w.guard,
            message=w.reason,
            reason=override or "",
        )
    return Logged(iid, app_id, x.kind, x.at, x.contact_id, follow_up, warnings, override, uow.zone)


def check(
    ctx: Context,
    app_id: int,
    kind: str | None,
    at: dt.datetime | None = None,
    recipient: str | None = None,
    text: str = "",
    reply: bool = False,
) -> list[guards.Verdict]:
    """Return the guards' warnings for a message not sent yet."""
    with ctx.read() as uow:
        contact = None
        if recipient:
            name, email = parse_address(recipient, "to")
            contact = (
                uow.repo.contact_by_email(uow.conn, email)
                if email
                else uow.repo.contact_by_name(uow.conn, name)
            )
        out = guards.Outgoing(
            at=at or ctx.now,
            kind=kind,
            recipient_id=contact.id if contact else None,
            text=text,
            reply=reply,
        )
        facts = uow.repo.facts(uow.conn, app_id)
        return guards.check_outgoing(out, facts, uow.week, uow.policy)


def list_exchanges(
    ctx: Context, app_id: int
) -> tuple[list[Interaction], dict[int, Contact], Any]:
    """Return the exchanges of an application, oldest first, the people they were with, and
    the user's zone."""
    with ctx.read() as uow:
        uow.repo.application(uow.conn, app_id)
        found = uow.repo.interactions(uow.conn, app_id)
        people = uow.repo.contacts_by_id(uow.conn, [x.contact_id for x in found if x.contact_id])
        return found, people, uow.zone


def edit_exchange(ctx: Context, exchange_id: int, changes: dict[str, Any]) -> Interaction:
    """Correct an exchange (`at`, `kind`, `with`, `note`) and re-plan its application (a reply
    logged at the wrong time moves the check-in clock); return it."""
    from followthrough.services.app_edits import describe_changes

    unknown = sorted(set(changes) - {"at", "kind", "with", "note"})
    if unknown:
        raise ValidationError(unknown[0], "cannot be edited; edit at, kind, with or note")
    values: dict[str, Any] = {}
    if changes.get("kind") is not None:
        values["kind"] = _kind(changes["kind"]).value
    if changes.get("at") is not None:
        if changes["at"] > ctx.now + dt.timedelta(minutes=5):
            raise ValidationError("at", "is in the future; log exchanges once they happened")
        values["at"] = changes["at"]
    if changes.get("note") is not None:
        values["summary"] = changes["note"]
    with ctx.write() as uow:
        before = uow.repo.interaction(uow.conn, exchange_id)
        if "with" in changes:
            who = changes["with"]
            values["contact_id"] = resolve_contact(uow, who, "with").id if who else None
        if values:
            uow.repo.update_interaction(uow.conn, exchange_id, **values)
        after = uow.repo.interaction(uow.conn, exchange_id)
        if after.application_id is not None:
            replan(uow, after.application_id, "exchange corrected")
        summary = describe_changes(_fields(before, uow.zone), _fields(after, uow.zone))
        uow.describe("exchange-edit", f"Edited exchange {exchange_id}: {summary}",
                     after.application_id)  # fmt: skip
        return after


def _fields(x: Interaction, zone: Any) -> dict[str, Any]:
    return {"at": x.at.astimezone(zone).strftime("%a %d %b %H:%M"), "kind": x.kind.value,
            "with": x.contact_id, "note": x.summary}  # fmt: skip


def delete_exchange(ctx: Context, exchange_id: int) -> Interaction:
    """Delete an exchange logged by mistake and re-plan its application; return what it was.
    (An exchange that marking an action done logged goes with `reopen` instead.)"""
    with ctx.write() as uow:
        x = uow.repo.interaction(uow.conn, exchange_id)
        uow.repo.delete_interaction(uow.conn, exchange_id)
        if x.application_id is not None:
            replan(uow, x.application_id, "exchange deleted")
        when = x.at.astimezone(uow.zone).strftime("%a %d %b %H:%M")
        uow.describe("exchange-delete", f"Deleted exchange {exchange_id} ({x.kind.value},"
                     f" {when})", x.application_id)  # fmt: skip
        return x
