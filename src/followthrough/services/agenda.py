"""The agenda: today's actions (with the keep-searching nudge), the brief before a call, the
open actions for a calendar, the checklist before an interview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from followthrough import shapes
from followthrough.domain.model import FINAL_STATUSES, ApplicationFacts, Interview, PlannedAction
from followthrough.services.applications import ApplicationView, view
from followthrough.services.context import Context, UnitOfWork
from followthrough.services.planning import finish_replan
from followthrough.services.settings import reminders
from followthrough.store.fast import nudge_may_be_due

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from followthrough.domain.model import Reminder
    from followthrough.services.applications import ActionRow


def nudge_change(uow: UnitOfWork) -> tuple[tuple[int, str] | None, PlannedAction | None]:
    """Return what the keep-searching nudge needs written: (id, why) of the open nudge to
    cancel once its condition no longer holds (more applications open and one added lately,
    nothing open, a contract signed), or today's nudge to add when it is due and none is open
    (nudges never stack); (None, None) when nothing."""
    open_count, last_added, signed = uow.repo.pipeline(uow.conn)
    found = uow.repo.open_nudge(uow.conn)
    if found is not None:
        from followthrough.domain.pipeline import keep_searching_over

        week, policy = uow.week, uow.policy
        why = keep_searching_over(
            open_count,
            signed,
            None if last_added is None else week.local_date(last_added),
            week.local_date(uow.now),
            policy.keep_searching_min_open,
            policy.keep_searching_quiet_days,
        )
        return (None if why is None else (found, why)), None
    numbers = (open_count, last_added, signed, uow.repo.last_nudge(uow.conn))
    if not nudge_may_be_due(numbers, {**uow.stored, **uow.overrides}, uow.now):
        return None, None  # the plain "no" the planner would give, without importing it
    from followthrough.domain.planner import Pipeline, plan_keep_searching

    action = plan_keep_searching(Pipeline(*numbers), uow.playbook, uow.week, uow.policy, uow.now)
    if action is None or action.key in uow.repo.action_records(uow.conn, None):
        return None, None
    return None, action


def nudge(uow: UnitOfWork) -> None:
    """Write what nudge_change finds: cancel the open nudge, or add today's."""
    stale, due = nudge_change(uow)
    if stale is not None:
        found, why = stale
        uow.repo.set_action(uow.conn, found, status="cancelled", reason=why, updated_at=uow.now)
    if due is not None:
        uow.repo.insert_action(uow.conn, due, uow.now)


def today_rows(ctx: Context) -> tuple[list[ActionRow], Any]:
    """Return the pending and snoozed actions due before the end of the 7th day from today
    (the rows `today` groups), by due time, and the user's zone; a re-plan left undone is
    finished and today's keep-searching nudge stored first."""
    finish_replan(ctx)
    # a write transaction only on the rare call that adds the nudge: readers never queue
    # behind one another for the write lock (QUALITY.md: no "database is locked")
    with ctx.read() as uow:
        needed = nudge_change(uow) != (None, None)
    if needed:
        with ctx.write() as uow:
            nudge(uow)  # checked again: another process may have added it
    with ctx.read() as uow:
        until = shapes.window_end(ctx.now, uow.zone)
        return list(uow.repo.agenda(uow.conn, until)), uow.zone


def today_until(ctx: Context) -> tuple[dict[str, Any], dt.datetime]:
    """Return what is overdue, due today and coming in the next 7 days (grouped, as
    `today --json` prints it) and the moment that grouping next changes if nothing is
    written (a due time passing, midnight): until then only its "now" differs."""
    rows, zone = today_rows(ctx)
    return shapes.group(rows, ctx.now, zone), shapes.next_change(rows, ctx.now, zone)


@dataclass(frozen=True)
class Brief(ApplicationView):
    """What to review before a call about an application."""

    facts: ApplicationFacts
    actions: Sequence[ActionRow]
    reminders: Sequence[Reminder]


def brief(ctx: Context, app_id: int) -> Brief:
    """Return what to review before a call about an application."""
    with ctx.read() as uow:
        base = view(uow, uow.repo.application(uow.conn, app_id))
        facts = uow.repo.facts(uow.conn, app_id)
        actions = uow.repo.actions_of(uow.conn, app_id)
        notes = [r for r in reminders(ctx, "after-interview") if r.applies_to(base.app.channel)]
        if base.app.status in FINAL_STATUSES:
            notes = []
        return Brief(base.app, base.recruiter, base.zone, facts, actions, notes)


def open_actions(ctx: Context) -> tuple[list[ActionRow], Any]:
    """Return every pending or snoozed action, by due time, and the user's zone."""
    with ctx.read() as uow:
        return list(uow.repo.agenda(uow.conn, dt.datetime.max.replace(tzinfo=dt.UTC))), uow.zone


def calendar(ctx: Context, todo: bool = False) -> bytes:
    """Return the open actions as an RFC 5545 calendar (events, or to-dos with `todo`)."""
    from followthrough.io import ics

    rows, zone = open_actions(ctx)
    actions = [shapes.action_json(r, zone) for r in rows]
    return ics.calendar(actions, ctx.settings()["tz"], todo=todo)


@dataclass(frozen=True)
class Prep:
    """An upcoming interview with the reminders to go through before it."""

    interview: Interview
    company: str
    checklist: Sequence[Reminder]
    zone: Any


def prep_checklist(
    ctx: Context, until: dt.datetime | None = None, limit: int | None = None
) -> list[Prep]:
    """Return the before-the-interview reminders for the interviews ahead (starting before
    `until`, the first `limit` of them), soonest first."""
    with ctx.read() as uow:
        upcoming = uow.repo.upcoming_interviews(uow.conn, ctx.now, until, limit)
        if not upcoming:
            return []
        items = reminders(ctx, "before-interview")
        ids = {iv.application_id for iv in upcoming}
        apps = {a: uow.repo.application(uow.conn, a) for a in ids}
        return [
            Prep(iv, apps[iv.application_id].company,
                 [r for r in items if r.applies_to(apps[iv.application_id].channel)], uow.zone)
            for iv in upcoming
        ]  # fmt: skip
