"""The inbox: status changes found in mail, proposed and never applied by themselves
(`followthrough inbox`, `inbox accept ID [--edit]`, `inbox dismiss ID`)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from followthrough.domain.errors import ConflictError, NotFoundError, ValidationError
from followthrough.services.context import Context
from followthrough.services.mail_read import full_read

#: What accepting each proposal does to the application's status.
STATUS_OF = {"rejected": "rejected", "offer": "offer", "withdrawn-by-company": "closed"}
#: How long a proposed interview lasts when the message does not say.
INTERVIEW_LENGTH = dt.timedelta(hours=1)


def proposal_json(row: Mapping[str, Any], zone: Any) -> dict[str, Any]:
    """Return a proposal as `inbox --json` prints it (an interview's time also in the user's
    zone, `local_at`)."""
    from followthrough import shapes

    details = json.loads(row["details"] or "{}")
    if details.get("at"):
        details["local_at"] = shapes.iso(dt.datetime.fromisoformat(details["at"]), zone)
    return {"id": row["id"], "message_id": row["message_id"],
            "application_id": row["application_id"], "company": row["company"],
            "role": row["role"], "proposal": row["proposal"], "confidence": row["confidence"],
            "details": details, "state": row["state"], "subject": row["subject"],
            "from": row["sender"],
            "received_at": shapes.iso(row["sent_at"], zone) if row["sent_at"] else None,
            }  # fmt: skip


def pending(ctx: Context, every: bool = False) -> tuple[list[dict[str, Any]], Any]:
    """Return the proposals waiting for an answer (or all of them) and the user's zone."""
    with full_read(ctx) as uow:
        rows = uow.repo.proposals(uow.conn, None if every else "pending")
        return [proposal_json(r, uow.zone) for r in rows], uow.zone


def _get(ctx: Context, pid: int) -> dict[str, Any]:
    with full_read(ctx) as uow:
        found = [r for r in uow.repo.proposals(uow.conn) if r["id"] == pid]
        if not found:
            raise NotFoundError("proposal", pid, "see followthrough inbox")
        row = proposal_json(found[0], uow.zone)
    if row["state"] != "pending":
        raise ConflictError(f"proposal {pid} is already {row['state']}")
    return row


def accept(
    ctx: Context, pid: int, at: dt.datetime | None = None, end: dt.datetime | None = None
) -> dict[str, Any]:
    """Do what a proposal says (a status, or an interview at its time, or at `at` when the
    user corrects it); return the proposal, accepted. The proposal is claimed first (pending ->
    accepted, only if still pending), so accepting twice at once adds nothing twice; if what
    it says cannot be done, it is pending again."""
    from followthrough.services import applications, interviews

    row = _get(ctx, pid)
    app_id = row["application_id"]
    start = None
    if row["proposal"] == "interview":
        start = at or _when(row["details"].get("at"))
        if start is None:
            raise ValidationError(
                "at", "the message gives no time; accept with --at 'YYYY-MM-DD HH:MM'"
            )
    with ctx.write() as uow:
        if not uow.repo.claim_proposal(uow.conn, pid, "accepted", uow.now):
            raise ConflictError(f"proposal {pid} is already answered")
    try:
        if start is not None:
            interviews.add_interview(ctx, app_id, start, end or start + INTERVIEW_LENGTH, "video")
        else:
            applications.set_status(ctx, app_id, STATUS_OF[row["proposal"]])
    except BaseException:
        with ctx.write() as uow:
            uow.repo.decide_proposal(uow.conn, pid, "pending", uow.now)
        raise
    return {**row, "state": "accepted"}


def dismiss(ctx: Context, pid: int) -> dict[str, Any]:
    """Put a proposal aside; return it."""
    row = _get(ctx, pid)
    with ctx.write() as uow:
        if not uow.repo.claim_proposal(uow.conn, pid, "dismissed", uow.now):
            raise ConflictError(f"proposal {pid} is already answered")
    return {**row, "state": "dismissed"}


def _when(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None
