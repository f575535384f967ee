"""Actions on a status change (offer, rejection, ...) and on a debrief's verdict."""

from __future__ import annotations

from collections.abc import Iterator

from followthrough.domain.model import FitVerdict, PlannedAction
from followthrough.domain.planner.people import (
    plan_interviewers,
    plan_recruiter_link,
    plan_referees,
)
from followthrough.domain.planner.plan import Plan, make_action
from followthrough.domain.planner.timing import due_after
from followthrough.domain.playbook import Rule


def plan_status_rule(rule: Rule, plan: Plan) -> Iterator[PlannedAction]:
    """Yield the actions of a "status" rule once the application entered one of its statuses."""
    changed = plan.status_changed_at(rule.on_status)
    if changed is None:
        return
    app = plan.app
    why = f"status is {app.status.value}"
    if rule.per == "referee":
        yield from plan_referees(rule, plan, changed, None, why)
    elif rule.per == "interviewer":
        yield from plan_interviewers(rule, plan, changed, why)
    elif rule.per == "recruiter":
        yield from plan_recruiter_link(rule, plan, changed, None)
    else:
        last = plan.interviews[-1] if plan.interviews else None
        recipient = (
            plan.recruiter_recipient()
            if rule.recipient == "recruiter"
            else plan.chase_recipient(last)
        )
        yield make_action(
            rule,
            plan,
            f"{rule.kind}:a{app.id}",
            due_after(rule.timing, changed, plan.week),
            interview=last,
            recipient=recipient,
            reason=why,
        )


def plan_verdict_rule(rule: Rule, plan: Plan) -> Iterator[PlannedAction]:
    """Yield the action of a "debrief-verdict" rule when the latest verdict is the rule's."""
    for iv in reversed(plan.interviews):
        debrief = plan.facts.debriefs.get(iv.id)
        if debrief is None or debrief.verdict is None:
            continue
        if debrief.verdict is FitVerdict(rule.on_verdict or "not-for-me"):
            yield make_action(
                rule,
                plan,
                f"{rule.kind}:a{plan.app.id}",
                due_after(rule.timing, debrief.recorded_at, plan.week),
                interview=iv,
                recipient=plan.chase_recipient(iv),
                reason=f"your debrief of round {iv.round} says this job is not for you",
            )
        return  # only the latest debrief with a verdict counts
