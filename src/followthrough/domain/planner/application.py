"""Every rule of the playbook over one application, by trigger, deduplicated by key."""

from __future__ import annotations

from collections.abc import Iterable

from followthrough.domain.model import ApplicationFacts, PlannedAction
from followthrough.domain.planner.check_ins import plan_check_ins
from followthrough.domain.planner.interviews import plan_interview_rule
from followthrough.domain.planner.plan import Plan, applies
from followthrough.domain.planner.policy import Policy
from followthrough.domain.planner.statuses import plan_status_rule, plan_verdict_rule
from followthrough.domain.playbook import Playbook, Rule
from followthrough.domain.workdays import Workweek


def plan_application(
    facts: ApplicationFacts, playbook: Playbook, week: Workweek, policy: Policy
) -> list[PlannedAction]:
    """Return every action the playbook calls for on this application, sorted by due time.

    Two rules that produce the same key (e.g. the LinkedIn note to a recruiter, planned after
    the first interview and again on a rejection) collapse into the earlier one.
    """
    plan = Plan(facts, week, policy)
    out: dict[str, PlannedAction] = {}
    for rule in playbook.rules:
        if not applies(rule, plan):
            continue
        for action in _plan_rule(rule, plan, playbook):
            kept = out.get(action.key)
            if kept is None or action.due < kept.due:
                out[action.key] = action
    return sorted(out.values(), key=lambda a: (a.due, a.key))


def _plan_rule(rule: Rule, plan: Plan, playbook: Playbook) -> Iterable[PlannedAction]:
    if rule.trigger == "interview-ended":
        return plan_interview_rule(rule, plan)
    if rule.trigger == "status":
        return plan_status_rule(rule, plan)
    if rule.trigger == "debrief-verdict":
        return plan_verdict_rule(rule, plan)
    if rule.trigger == "check-in":
        return plan_check_ins(rule, plan, playbook)
    return ()  # "pipeline" is user-wide; "check-in-exhausted" is part of the check-ins
