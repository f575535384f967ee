"""Actions: mark one done (logging the exchange it stands for), skip, snooze or reopen it, as
domain/transitions.py allows; each change re-plans its application."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from followthrough import shapes
from followthrough.domain import guards, transitions
from followthrough.domain.errors import ValidationError
from followthrough.domain.model import ActionStatus, InteractionKind
from followthrough.services.context import Context, UnitOfWork
from followthrough.services.exchanges import Exchange, record_exchange
from followthrough.services.planning import replan


@dataclass(frozen=True)
class ActionView:
    """An action as stored, in the user's zone, with the guards' warnings of the change."""

    row: ActionRow
    zone: Any
    warnings: list[guards.Verdict] = field(default_factory=list)


if TYPE_CHECKING:
    from followthrough.services.applications import ActionRow

    #: A state change's own step: (unit of work, the action's row) -> the guards' warnings.
    Step = Callable[[UnitOfWork, ActionRow], list[guards.Verdict]]


def _change(ctx: Context, action_id: int, wanted: str, step: Step) -> ActionView:
    """Move an action to `wanted` when transitions allow it (a no-op when it is already
    there), run the change's step, re-plan; return the action."""
    with ctx.write() as uow:
        row = uow.repo.action(uow.conn, action_id)
        target = transitions.move(action_id, ActionStatus(row["status"]), wanted, row["reason"])
        if target is None:
            return ActionView(row, uow.zone)
        warnings = step(uow, row)
        if row["application_id"] is not None:
            replan(uow, row["application_id"], f"action {action_id} {wanted}")
        verb = {"done": "Marked done", "skipped": "Skipped", "snoozed": "Snoozed",
                "pending": "Reopened"}[wanted]  # fmt: skip
        uow.describe(f"action-{wanted}", f"{verb}: {row['title']}", row["application_id"])
        return ActionView(uow.repo.action(uow.conn, action_id), uow.zone, warnings)


def mark_done(
    ctx: Context,
    action_id: int,
    reason: str | None = None,
    override: str | None = None,
    at: dt.datetime | None = None,
) -> ActionView:
    """Mark an action done, at `at` when it happened earlier (default: now); one that sends
    something also logs the exchange at that moment (so cadence, the next check-in and the
    on-time figure count it from then), once: done twice changes nothing. Return it with the
    guards' warnings."""

    def step(uow: UnitOfWork, row: ActionRow) -> list[guards.Verdict]:
        when = uow.now if at is None else at
        if when > uow.now:
            raise ValidationError(
                "at", f"{shapes.iso(when, uow.zone)} is still to come; done is for what has "
                "happened: give the moment it did, or leave it out for now"
            )
        uow.repo.set_action(
            uow.conn, row["id"], status="done", done_at=when, reason=reason, updated_at=uow.now
        )
        if row["channel"] == "none" or row["application_id"] is None:
            return []
        kind = {
            "phone": InteractionKind.CALL,
            "linkedin": InteractionKind.MESSAGE_OUT,
        }.get(row["channel"], InteractionKind.EMAIL_OUT)
        exchange = Exchange(
            kind,
            row["recipient_contact_id"],
            when,
            f"{row['kind']}: {row['title']}",
            action_id=row["id"],
            action_kind=row["kind"],
        )
        return record_exchange(uow, row["application_id"], exchange, override).warnings

    return _change(ctx, action_id, "done", step)


def skip(ctx: Context, action_id: int, reason: str | None = None) -> ActionView:
    """Skip an action (it stays skipped through re-planning); return it."""

    def step(uow: UnitOfWork, row: ActionRow) -> list[guards.Verdict]:
        uow.repo.set_action(
            uow.conn, row["id"], status="skipped", reason=reason, updated_at=uow.now
        )
        return []

    return _change(ctx, action_id, "skipped", step)


def snooze(
    ctx: Context, action_id: int, until: dt.datetime | None = None, reason: str | None = None
) -> ActionView:
    """Put an action off until `until` (default: a day after now or its due time); return it."""

    def step(uow: UnitOfWork, row: ActionRow) -> list[guards.Verdict]:
        due = shapes.aware(row["due_at"])
        assert due is not None
        target = until or max(uow.now, due) + dt.timedelta(days=1)
        if target <= uow.now:
            raise ValidationError(
                "until", f"{shapes.iso(target, uow.zone)} has passed; snooze to a later moment"
            )
        if target <= due:
            shown = shapes.iso(due, uow.zone)
            raise ValidationError(
                "until", f"{shapes.iso(target, uow.zone)} is not after the action's due time "
                f"{shown}; snoozing postpones"
            )
        uow.repo.set_action(
            uow.conn, row["id"], status="snoozed", due_at=target, reason=reason, updated_at=uow.now
        )
        return []

    return _change(ctx, action_id, "snoozed", step)


def snooze_target(ctx: Context, action_id: int, until: str | None) -> dt.datetime | None:
    """Return the moment `until` names for snoozing an action (domain.parse.parse_moment: a
    date, a date and time, "tomorrow 9:00", "monday"; a day without an hour keeps the action's
    due time of day); None when not given (snooze's default)."""
    if not until or not until.strip():
        return None
    from followthrough.domain.parse import parse_moment

    with ctx.read() as uow:
        row = uow.repo.action(uow.conn, action_id)
        zone = uow.zone
    due = shapes.aware(row["due_at"])
    assert due is not None
    return parse_moment(until, ctx.now, zone, "until", due.astimezone(zone).time())


def reopen(ctx: Context, action_id: int) -> ActionView:
    """Make an action pending again at its planned time (a done one's logged exchange goes);
    return it."""

    def step(uow: UnitOfWork, row: ActionRow) -> list[guards.Verdict]:
        if row["status"] == ActionStatus.DONE.value:
            uow.repo.delete_logged_by(uow.conn, row["id"])
        uow.repo.set_action(
            uow.conn,
            row["id"],
            status="pending",
            done_at=None,
            reason=None,
            due_at=row["planned_due_at"] or row["due_at"],
            updated_at=uow.now,
        )
        return []

    return _change(ctx, action_id, "pending", step)


def complete(
    ctx: Context,
    action_id: int,
    status: str,
    until: dt.datetime | None = None,
    reason: str | None = None,
    override: str | None = None,
    at: dt.datetime | None = None,
) -> ActionView:
    """Move an action to `status` (done, at `at` if given; skipped, snoozed, or pending to
    reopen it); return it. For adapters that take the state as a word (the API's PATCH, a
    form's button)."""
    if status == "done":
        return mark_done(ctx, action_id, reason, override, at)
    if status == "skipped":
        return skip(ctx, action_id, reason)
    if status == "snoozed":
        return snooze(ctx, action_id, until, reason)
    if status == "pending":
        return reopen(ctx, action_id)
    with ctx.read() as uow:  # the transition table names the error (after "not found")
        row = uow.repo.action(uow.conn, action_id)
        transitions.move(action_id, ActionStatus(row["status"]), status, row["reason"])
    raise AssertionError(status)  # pragma: no cover - move() raised


def show_action(ctx: Context, action_id: int) -> ActionView:
    """Return one action."""
    with ctx.read() as uow:
        return ActionView(uow.repo.action(uow.conn, action_id), uow.zone)
