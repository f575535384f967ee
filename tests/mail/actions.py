"""The demo search's e-mail actions, as the mail tests pick them."""

from __future__ import annotations

from typing import Any

from followthrough.services.context import Context
from followthrough.services.exchanges import check
from followthrough.services.mail_read import full_read


def pending_emails(ctx: Context, kind: str | None = None) -> list[dict[str, Any]]:
    """Return the pending e-mail actions (of `kind`, or all) whose recipient has an address."""
    with full_read(ctx) as uow:
        every = [r for a in uow.repo.application_ids(uow.conn)
                 for r in uow.repo.actions_of(uow.conn, a)]  # fmt: skip
    return [dict(r) for r in every
            if r["channel"] == "email" and r["status"] == "pending" and r["recipient_email"]
            and (kind is None or r["kind"] == kind)]  # fmt: skip


def warned_and_clean(ctx: Context) -> tuple[int, int]:
    """Return an e-mail action a guard warns about now and one it does not (0 when none)."""
    warned = clean = 0
    for r in pending_emails(ctx):
        if check(ctx, r["application_id"], r["kind"], ctx.now, r["recipient_email"], ""):
            warned = warned or r["id"]
        else:
            clean = clean or r["id"]
    return warned, clean
