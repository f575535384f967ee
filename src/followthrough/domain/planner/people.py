"""Once-per-person actions: referees, interviewers (LinkedIn) and the recruiter (LinkedIn).

The same rule family is planned after an interview or on a status change: only the anchor, the
interview the action hangs on and the reason differ.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from followthrough.domain.model import Interview, PlannedAction
from followthrough.domain.planner.plan import Plan, make_action, recipient_for
from followthrough.domain.planner.timing import due_after
from followthrough.domain.playbook import Rule


def plan_referees(
    rule: Rule, plan: Plan, anchor: dt.datetime, interview: Interview | None, reason: str
) -> Iterator[PlannedAction]:
    """Yield one action per known referee, due after `anchor`."""
    for rid in plan.facts.referee_ids:
        recipient = recipient_for(plan.contact(rid))
        if recipient is None:
            continue
        yield make_action(
            rule,
            plan,
            f"{rule.kind}:a{plan.app.id}:c{rid}",
            due_after(rule.timing, anchor, plan.week),
            interview=interview,
            recipient=recipient,
            reason=reason,
        )


def plan_interviewers(
    rule: Rule, plan: Plan, anchor: dt.datetime | None, reason: str
) -> Iterator[PlannedAction]:
    """Yield one action per known interviewer, on the first interview they sat on, due after
    `anchor` (None: after that interview's end)."""
    for cid, iv in plan.first_interview_per_interviewer().items():
        recipient = recipient_for(plan.contact(cid))
        if recipient is None:
            continue
        yield make_action(
            rule,
            plan,
            f"{rule.kind}:a{plan.app.id}:c{cid}",
            due_after(rule.timing, iv.end if anchor is None else anchor, plan.week),
            interview=iv,
            recipient=recipient,
            reason=reason,
        )


def plan_recruiter_link(
    rule: Rule, plan: Plan, anchor: dt.datetime, interview: Interview | None
) -> Iterator[PlannedAction]:
    """Yield the recruiter's action, unless another application already owns it."""
    rid = plan.app.recruiter_id
    if rid is None or rid in plan.facts.recruiter_links_elsewhere:
        return
    recipient = plan.recruiter_recipient()
    yield make_action(
        rule,
        plan,
        f"{rule.kind}:c{rid}",
        due_after(rule.timing, anchor, plan.week),
        interview=interview,
        recipient=recipient,
        reason="once per recruiter",
    )
