"""The outbox (PRODUCT.md §4.3, QUALITY.md reliability 8): a message is queued once per
(action, recipient), with its exact bytes and our Message-ID, then handed to the SMTP server.

States: queued -> sending -> sent | failed | unknown. `sending` is committed *before* the server
is asked, and `sent` after its 250, so a crash in between leaves `sending`, which the next
flush turns into `unknown`: the message may have gone, so it is never sent again by itself
(`outbox resolve ID --sent|--not-sent` settles it). A 4xx (or a network failure before the
message was handed over) is retried with backoff; a 5xx fails with the server's reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from followthrough.domain import guards
from followthrough.domain.errors import ConflictError, NotFoundError, ValidationError
from followthrough.domain.model import InteractionKind
from followthrough.services.context import Context, UnitOfWork
from followthrough.services.exchanges import Exchange, record_exchange
from followthrough.services.mail_read import full_read
from followthrough.services.planning import replan

Row = Mapping[str, Any]
STATES = ("queued", "sending", "sent", "failed", "unknown")
#: Waits before the retries of a message the server put off (4xx), then it fails.
BACKOFF = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=6),
)


@dataclass(frozen=True)
class Queued:
    """A message put in the outbox, and the guards' warnings that were overridden."""

    row: Row
    warnings: list[guards.Verdict] = field(default_factory=list)
    #: True when the same message was already in the outbox (nothing new was queued)
    existing: bool = False


class GuardWarning(ValidationError):
    """A guard warns against sending now: the caller needs an override reason."""

    def __init__(self, warnings: list[guards.Verdict]) -> None:
        said = "; ".join(w.reason for w in warnings)
        super().__init__("override", f"{said}; send anyway with --override REASON")
        self.warnings = warnings


def outbox_json(row: Row, zone: Any) -> dict[str, Any]:
    """Return an outbox message as `outbox --json` prints it."""
    from followthrough import shapes

    return {
        "id": row["id"],
        "state": row["state"],
        "message_id": row["message_id"],
        "action_id": row["action_id"],
        "application_id": row["application_id"],
        "recipient": row["recipient"],
        "subject": row["subject"],
        "attempts": row["attempts"],
        "last_error": row["last_error"],
        "override": row["override"],
        "created_at": shapes.iso(row["created_at"], zone),
        "sent_at": shapes.iso(row["sent_at"], zone) if row["sent_at"] else None,
        "next_attempt_at": shapes.iso(row["next_attempt_at"], zone)
        if row["next_attempt_at"] and row["state"] == "queued"
        else None,
    }


def _sendable(ctx: Context, action_id: int, override: str | None) -> dict[str, Any]:
    """Return the draft of an action that can go by e-mail as it is, or raise saying why not."""
    from followthrough.mail.compose import check_header
    from followthrough.services.drafts import Drafts

    draft = Drafts(ctx).draft(action_id)
    if draft["channel"] != "email":
        raise ValidationError("action", f"a {draft['kind']} goes by {draft['channel']}, not e-mail")
    if not (draft["recipient"] or {}).get("email"):
        raise ValidationError("recipient", draft.get("notice") or "no e-mail address")
    errors = [f for f in draft["findings"] if f["severity"] == "error"]
    if errors:
        raise ValidationError(
            "draft", f"{errors[0]['message']}; fix the draft (followthrough draft "
            f"{action_id} --edit) before sending"
        )  # fmt: skip
    check_header(draft["subject"], "subject")
    if override is not None:
        check_header(override, "override")
    return draft


def queue_action(
    ctx: Context, action_id: int, override: str | None, sender: tuple[str, str]
) -> Queued:
    """Queue the current draft of an action for its recipient, after the guards; return it.
    `sender`: the user's (name, address). Queueing what is already queued or sent returns the
    message that is there."""
    from followthrough.services.exchanges import check

    draft = _sendable(ctx, action_id, override)
    to_name, to = draft["recipient"].get("name") or "", draft["recipient"]["email"]
    key = f"action:{action_id}:{to.lower()}"
    with full_read(ctx) as uow:
        row = uow.repo.action(uow.conn, action_id)
        found = uow.repo.outbox(uow.conn, key=key)
    if found and found[0]["state"] == "failed":  # sent again, the same bytes and Message-ID
        return Queued(requeue(ctx, found[0]["id"]), [], existing=True)
    if found:
        return Queued(found[0], [], existing=True)
    if row["status"] not in ("pending", "snoozed"):
        raise ConflictError(
            f"action {action_id} is {row['status']}: it needs no message now (reopen it first "
            f"with `followthrough reopen {action_id}` if it still does)"
        )  # fmt: skip
    warnings = check(ctx, row["application_id"], row["kind"], ctx.now, to, draft["body"])
    if warnings and not override:
        raise GuardWarning(warnings)
    with ctx.write() as uow:
        found = uow.repo.outbox(uow.conn, key=key)
        if found:  # queued by another process meanwhile
            return Queued(found[0], [], existing=True)
        oid = queue_message(
            uow, key, sender, (to_name, to), draft["subject"], draft["body"],
            action_id=action_id, application_id=row["application_id"],
            contact_id=row["recipient_contact_id"], override=override if warnings else None,
        )  # fmt: skip
        return Queued(uow.repo.outbox(uow.conn, ids=[oid])[0], warnings)


def queue_message(
    uow: UnitOfWork, key: str, sender: tuple[str, str], to: tuple[str, str], subject: str,
    body: str, **links: Any,
) -> int:  # fmt: skip
    """Build a message once (its bytes and our Message-ID) and put it in the outbox under
    `key`, due now; `links`: the action, application and contact it is for, the override.
    Return its id."""
    from followthrough.mail.compose import compose, new_message_id

    message_id = new_message_id(sender[1], links.get("action_id"), uow.now)
    raw = compose(sender_name=sender[0], sender=sender[1], to_name=to[0], to=to[1],
                  subject=subject, body=body, message_id=message_id, when=uow.now)  # fmt: skip
    return uow.repo.queue_mail(uow.conn, uow.now, key=key, message_id=message_id, recipient=to[1],
                               subject=subject, raw=raw.decode("utf-8"), next_attempt_at=uow.now,
                               **links)  # fmt: skip


Transport = Callable[[str, bytes], Any]


#: How long a message may stay `sending` before a flush calls it in doubt: longer than any
#: SMTP conversation (whose every step times out after 30 s), so a flush never takes one that
#: another process is still sending for one that a crash left behind.
LEASE = dt.timedelta(minutes=10)


def flush(ctx: Context, transport: Transport, ids: list[int] | None = None) -> list[Row]:
    """Deliver the queued messages whose time has come (those of `ids`, or all); mark the ones
    a crash left `sending` (longer than LEASE) as `unknown`. Each message is claimed (queued ->
    sending, in its own committed transaction) before the server is asked, so two flushes at
    once never send the same message. `transport(recipient, raw)` returns a Delivery
    (mail/smtp.py). Return the rows tried, as they are after."""
    with ctx.write() as uow:
        for row in uow.repo.outbox(uow.conn, states=["sending"]):
            since = row["next_attempt_at"]
            if since is None or since <= uow.now - LEASE:
                why = "interrupted while sending: it may have gone"
                uow.repo.claim_outbox(uow.conn, row["id"], "sending", state="unknown",
                                      last_error=why)  # fmt: skip
        due = [
            r
            for r in uow.repo.outbox(uow.conn, ids=ids, states=["queued"])
            if r["next_attempt_at"] is None or r["next_attempt_at"] <= uow.now
        ]
    done = []
    for row in due:
        with ctx.write() as uow:  # committed before the server is asked
            mine = uow.repo.claim_outbox(
                uow.conn, row["id"], "queued", state="sending", attempts=row["attempts"] + 1,
                next_attempt_at=uow.now,
            )  # fmt: skip
        if not mine:  # another flush took it meanwhile
            continue
        result = transport(row["recipient"], row["raw"].encode("utf-8"))
        with ctx.write() as uow:
            _settle(uow, row, result)
            done.append(uow.repo.outbox(uow.conn, ids=[row["id"]])[0])
    return done


def _settle(uow: UnitOfWork, row: Row, result: Any) -> None:
    """Write what one attempt came to (only while the message is still ours: `sending`)."""
    attempts = row["attempts"] + 1
    oid = row["id"]
    if result.state == "sent":
        if uow.repo.claim_outbox(uow.conn, oid, "sending", state="sent", sent_at=uow.now,
                                 last_error=None):  # fmt: skip
            _log_sent(uow, row, uow.now)
    elif result.state == "retry" and attempts <= len(BACKOFF):
        uow.repo.claim_outbox(uow.conn, oid, "sending", state="queued", last_error=result.reason,
                              next_attempt_at=uow.now + BACKOFF[attempts - 1])  # fmt: skip
    else:
        state = "unknown" if result.state == "unknown" else "failed"
        uow.repo.claim_outbox(uow.conn, oid, "sending", state=state, last_error=result.reason)


def _log_sent(uow: UnitOfWork, row: Row, at: dt.datetime) -> None:
    """Log the outbound exchange of a sent message and mark its action done."""
    app_id, action_id = row["application_id"], row["action_id"]
    if app_id is None:
        return
    action = uow.repo.action(uow.conn, action_id) if action_id is not None else None
    if action is not None and action["status"] in ("pending", "snoozed"):
        uow.repo.set_action(uow.conn, action_id, status="done", done_at=at, updated_at=uow.now)
    kind = action["kind"] if action else None
    exchange = Exchange(
        InteractionKind.EMAIL_OUT,
        row["contact_id"],
        at,
        row["subject"][:500],
        action_id=action_id,
        action_kind=kind,
    )
    logged = record_exchange(uow, app_id, exchange, row["override"], row["message_id"])
    uow.repo.set_outbox(uow.conn, row["id"], interaction_id=logged.id)
    replan(uow, app_id, "message sent")
    uow.describe("mail-send", f"Sent {row['subject'] or 'a message'} to {row['recipient']}", app_id)


def resolve(ctx: Context, oid: int, sent: bool) -> Row:
    """Settle a message in doubt (`unknown`): it went (logged, its action done) or it did not
    (failed: `send ACTION` sends it again, the same message). Return it."""
    with ctx.write() as uow:
        rows = uow.repo.outbox(uow.conn, ids=[oid])
        if not rows:
            raise NotFoundError("outbox message", oid, "see followthrough outbox")
        row = rows[0]
        if row["state"] != "unknown":
            raise ConflictError(
                f"outbox message {oid} is {row['state']}; only an unknown one needs resolving"
            )
        if sent:
            uow.repo.set_outbox(uow.conn, oid, state="sent", sent_at=uow.now, last_error=None)
            _log_sent(uow, row, uow.now)
        else:
            uow.repo.set_outbox(uow.conn, oid, state="failed", last_error="not sent, as you said")
        return uow.repo.outbox(uow.conn, ids=[oid])[0]


def requeue(ctx: Context, oid: int) -> Row:
    """Put a failed message back in the queue (the same bytes and Message-ID); return it."""
    with ctx.write() as uow:
        rows = uow.repo.outbox(uow.conn, ids=[oid])
        if not rows or rows[0]["state"] != "failed":
            raise ConflictError(f"outbox message {oid} is not failed; nothing to send again")
        uow.repo.set_outbox(uow.conn, oid, state="queued", attempts=0, next_attempt_at=uow.now)
        return uow.repo.outbox(uow.conn, ids=[oid])[0]


def listing(ctx: Context, states: list[str] | None = None) -> tuple[list[Row], Any]:
    """Return the outbox's messages (in `states`, or all) and the user's zone."""
    with full_read(ctx) as uow:
        return uow.repo.outbox(uow.conn, states=states), uow.zone


def record_sent(
    ctx: Context,
    app_id: int,
    kind: str,
    to: str,
    message_id: str,
    at: dt.datetime,
    subject: str = "",
) -> Row:
    """Record a message already sent through Followthrough elsewhere (a restore, another
    machine): an outbox row in state sent, its action done, the exchange logged."""
    with ctx.write() as uow:
        contact = uow.repo.contact_by_email(uow.conn, to)
        action_id = None
        for r in uow.repo.actions_of(uow.conn, app_id):
            if r["kind"] == kind and (
                contact is None or contact.id in (r["recipient_contact_id"], r["via_contact_id"])
            ):
                action_id = r["id"]
                break
        key = f"action:{action_id}:{to.lower()}" if action_id else f"sent:{message_id}"
        oid = uow.repo.queue_mail(
            uow.conn,
            uow.now,
            key=key,
            message_id=message_id,
            action_id=action_id,
            application_id=app_id,
            contact_id=contact.id if contact else None,
            recipient=to,
            subject=subject,
            raw="",
        )
        row = uow.repo.outbox(uow.conn, ids=[oid])[0]
        uow.repo.set_outbox(uow.conn, oid, state="sent", sent_at=at)
        _log_sent(uow, row, at)
        return uow.repo.outbox(uow.conn, ids=[oid])[0]
