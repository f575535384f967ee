"""/api/v1: send an action, the outbox, the inbox, the mail account, sync, the digest."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query

from followthrough.domain.parse import parse_moment
from followthrough.services import Service
from followthrough.services import inbox as inbox_
from followthrough.services import mail as mail_
from followthrough.services import outbox as outbox_
from followthrough.services.digest import digest as send_digest
from followthrough.web.deps import service
from followthrough.web.errors import ApiRoute
from followthrough.web.schemas.common import ActionId
from followthrough.web.schemas.mail import (
    AcceptIn,
    CheckOut,
    DigestOut,
    MailSettingsIn,
    OutboxOut,
    ProposalOut,
    ReadOut,
    ResolveIn,
    SendIn,
    SentOut,
)

router = APIRouter(route_class=ApiRoute)


def _zone(svc: Service) -> Any:
    return svc.week().zone


@router.post("/actions/{action_id}/send", response_model=SentOut)
def send(
    action_id: ActionId,
    body: Annotated[SendIn | None, Body()] = None,
    svc: Service = Depends(service),
) -> dict[str, Any]:
    """Send an action's draft by e-mail, exactly once (as `send`); a guard's warning needs an
    override reason."""
    queued = mail_.send(svc, action_id, (body or SendIn()).override)
    item = outbox_.outbox_json(queued.row, _zone(svc))
    item["warnings"] = [{"guard": w.guard, "reason": w.reason} for w in queued.warnings]
    item["already"] = queued.existing
    return item


@router.get("/outbox", response_model=list[OutboxOut])
def outbox(svc: Service = Depends(service)) -> list[dict[str, Any]]:
    """Every message sent or to send, with its state (as `outbox --json`)."""
    rows, zone = outbox_.listing(svc)
    return [outbox_.outbox_json(r, zone) for r in rows]


@router.post("/outbox/flush", response_model=list[OutboxOut])
def flush(svc: Service = Depends(service)) -> list[dict[str, Any]]:
    """Send what waits in the outbox (as `outbox flush`)."""
    return [outbox_.outbox_json(r, _zone(svc)) for r in mail_.flush(svc)]


@router.post("/outbox/{outbox_id}/resolve", response_model=OutboxOut)
def resolve(
    outbox_id: ActionId, body: ResolveIn, svc: Service = Depends(service)
) -> dict[str, Any]:
    """Settle a message whose sending was interrupted (as `outbox resolve`)."""
    return outbox_.outbox_json(outbox_.resolve(svc, outbox_id, body.sent), _zone(svc))


@router.get("/inbox", response_model=list[ProposalOut], response_model_by_alias=True)
def inbox(
    all_: bool = Query(default=False, alias="all"), svc: Service = Depends(service)
) -> list[dict[str, Any]]:
    """Status changes found in mail, waiting for an answer (as `inbox --json`)."""
    return inbox_.pending(svc, all_)[0]


@router.post("/inbox/{proposal_id}/accept", response_model=ProposalOut,
             response_model_by_alias=True)  # fmt: skip
def accept(
    proposal_id: ActionId,
    body: Annotated[AcceptIn | None, Body()] = None,
    svc: Service = Depends(service),
) -> dict[str, Any]:
    """Do what a proposal says (as `inbox accept`)."""
    at = (body or AcceptIn()).at
    start = None
    if at:
        start = parse_moment(at, svc.now, _zone(svc), "at", dt.time(9, 0))
    return inbox_.accept(svc, proposal_id, start)


@router.post("/inbox/{proposal_id}/dismiss", response_model=ProposalOut,
             response_model_by_alias=True)  # fmt: skip
def dismiss(proposal_id: ActionId, svc: Service = Depends(service)) -> dict[str, Any]:
    """Put a proposal aside (as `inbox dismiss`)."""
    return inbox_.dismiss(svc, proposal_id)


@router.get("/mail/settings", response_model=dict[str, str])
def mail_settings(svc: Service = Depends(service)) -> dict[str, str]:
    """The mail account's settings (never a password)."""
    return mail_.mail_settings(svc)


@router.put("/mail/settings", response_model=dict[str, str])
def set_mail_settings(body: MailSettingsIn, svc: Service = Depends(service)) -> dict[str, str]:
    """Set up the mail account (as `mail setup`)."""
    given = body.model_dump(exclude_none=True)
    return mail_.setup(svc, {f"mail_{k.rstrip('_')}": v for k, v in given.items()})


@router.post("/mail/test", response_model=list[CheckOut])
def mail_test(svc: Service = Depends(service)) -> list[dict[str, Any]]:
    """Connect to SMTP and IMAP; what works, and what does not (as `mail test`)."""
    return [{"check": c.check, "ok": c.ok, "detail": c.detail} for c in mail_.check_account(svc)]


@router.post("/mail/sync", response_model=ReadOut)
def mail_sync(svc: Service = Depends(service)) -> dict[str, Any]:
    """Read new mail in INBOX and Sent (as `mail sync`)."""
    return mail_.sync(svc).report.as_json()


@router.post("/digest", response_model=DigestOut)
def digest(svc: Service = Depends(service)) -> dict[str, Any]:
    """Mail yourself today's follow-ups, at most once a day (as `digest`)."""
    return send_digest(svc)
