"""The keep-searching nudge: user-wide, planned from the whole pipeline rather than one
application. The condition itself is `followthrough.domain.pipeline.keep_searching_reason`,
shared with the `today --json` fast reader."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from followthrough.domain.model import MessageChannel, PlannedAction
from followthrough.domain.pipeline import keep_searching_reason
from followthrough.domain.planner.policy import Policy
from followthrough.domain.playbook import Playbook
from followthrough.domain.workdays import Workweek


@dataclass(frozen=True, slots=True)
class Pipeline:
    """The user's whole search in numbers, for the keep-searching nudge."""

    open_applications: int
    last_added: dt.datetime | None
    signed: bool
    last_nudge: dt.datetime | None = None


def plan_keep_searching(
    pipeline: Pipeline, playbook: Playbook, week: Workweek, policy: Policy, now: dt.datetime
) -> PlannedAction | None:
    """Return today's keep-searching nudge when the pipeline is too thin, else None.

    At most one nudge per quiet period (7 days by default), whatever the user did with it.
    """
    rules = playbook.rules_for("pipeline")
    if not rules or pipeline.open_applications == 0 or pipeline.signed:
        return None  # before any date: nothing to nudge about needs no calendar
    rule = rules[0]
    today = week.local_date(now)
    reason = keep_searching_reason(
        pipeline.open_applications,
        pipeline.signed,
        None if pipeline.last_added is None else week.local_date(pipeline.last_added),
        None if pipeline.last_nudge is None else week.local_date(pipeline.last_nudge),
        today,
        policy.keep_searching_min_open,
        policy.keep_searching_quiet_days,
    )
    if reason is None:
        return None
    due = max(now, week.at(today, week.end))
    return PlannedAction(
        key=f"keep-searching:{today.isoformat()}",
        kind=rule.kind,
        title=rule.title,
        due=due.astimezone(week.zone),
        rule=rule.id,
        sources=rule.sources,
        channel=MessageChannel.NONE,
        reason=reason,
        talking_points=rule.talking_points,
    )
