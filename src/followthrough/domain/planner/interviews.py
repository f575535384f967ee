"""Actions after an interview ends: per interview (e.g. the recruiter call), one thank-you per
interviewer, and the once-per-person notes anchored on the interviews."""

from __future__ import annotations

from collections.abc import Iterator

from followthrough.domain.model import Interview, PlannedAction
from followthrough.domain.planner.people import (
    plan_interviewers,
    plan_recruiter_link,
    plan_referees,
)
from followthrough.domain.planner.plan import Plan, make_action
from followthrough.domain.planner.timing import deadline_after, due_after
from followthrough.domain.playbook import Rule


def plan_interview_rule(rule: Rule, plan: Plan) -> Iterator[PlannedAction]:
    """Yield the actions of an "interview-ended" rule, by whom the rule is per."""
    if not plan.interviews:
        return
    if rule.per == "interview":
        yield from _per_interview(rule, plan)
    elif rule.per == "interviewer" and rule.kind == "thank-you":
        yield from _thank_yous(rule, plan)
    elif rule.per == "interviewer":
        reason = f"policy linkedin_interviewer = {plan.policy.linkedin_interviewer}"
        yield from plan_interviewers(rule, plan, None, reason)
    elif rule.per == "referee":
        last = plan.interviews[-1]
        yield from plan_referees(rule, plan, last.end, last, "a reference call may follow")
    elif rule.per == "recruiter":
        yield from plan_recruiter_link(rule, plan, plan.interviews[0].end, plan.interviews[0])


def _per_interview(rule: Rule, plan: Plan) -> Iterator[PlannedAction]:
    for iv in plan.interviews:
        if iv.format not in rule.formats:
            continue
        yield make_action(
            rule,
            plan,
            f"{rule.kind}:i{iv.id}",
            due_after(rule.timing, iv.end, plan.week),
            interview=iv,
            recipient=plan.recruiter_recipient() if rule.recipient == "recruiter" else None,
            deadline=deadline_after(rule.timing, iv.end, plan.week),
            reason=f"interview round {iv.round} ended",
        )


def _thank_yous(rule: Rule, plan: Plan) -> Iterator[PlannedAction]:
    for iv in plan.interviews:
        # an interview with no interviewer on record still calls for a note
        ids: list[int | None] = list(dict.fromkeys(iv.interviewer_ids)) or [None]
        for cid in ids:
            yield _thank_you(rule, plan, iv, cid)


def _thank_you(rule: Rule, plan: Plan, iv: Interview, cid: int | None) -> PlannedAction:
    recipient = plan.thank_you_recipient(plan.contact(cid))
    why = "one note per interviewer"
    if recipient and recipient.via_name:
        why = f"no direct contact with {recipient.via_name}: ask the recruiter to pass it on"
    return make_action(
        rule,
        plan,
        f"thank-you:i{iv.id}:c{cid or 0}",
        due_after(rule.timing, iv.end, plan.week),
        interview=iv,
        recipient=recipient,
        deadline=deadline_after(rule.timing, iv.end, plan.week),
        reason=why,
    )
