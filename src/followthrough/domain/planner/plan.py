"""The plan of one application: its facts with the lookups the rules need, and the way a rule
turns into a PlannedAction (title, zone, sources)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from followthrough.domain.model import (
    Application,
    ApplicationFacts,
    Contact,
    Interaction,
    Interview,
    MessageChannel,
    PlannedAction,
    Recipient,
    Role,
    Status,
)
from followthrough.domain.planner.policy import Policy
from followthrough.domain.playbook import Rule
from followthrough.domain.workdays import Workweek


def recipient_for(contact: Contact | None, fallback: str | None = None) -> Recipient | None:
    """Return the Recipient for `contact`, a named-only one for `fallback`, or None."""
    if contact is None:
        return Recipient(None, fallback) if fallback else None
    return Recipient(contact.id, shown_name(contact), contact.email)


class Plan:
    """The facts of one application with the lookups the rules need."""

    def __init__(self, facts: ApplicationFacts, week: Workweek, policy: Policy) -> None:
        self.facts = facts
        self.app: Application = facts.application
        self.week = week
        self.policy = policy
        self.interviews = sorted(facts.interviews, key=lambda i: (i.end, i.id))

    def contact(self, contact_id: int | None) -> Contact | None:
        """Return the contact with id `contact_id`, None when unknown or None."""
        if contact_id is None:
            return None
        return self.facts.contacts.get(contact_id)

    @property
    def recruiter(self) -> Contact | None:
        """Return the application's recruiter, if known."""
        return self.contact(self.app.recruiter_id)

    def recruiter_recipient(self) -> Recipient | None:
        """Return the recruiter as a recipient, else the agency (or "your recruiter") by name."""
        return recipient_for(self.recruiter, self.app.agency or "your recruiter")

    def hiring_contact(self, interview: Interview | None) -> Contact | None:
        """Return who to chase after `interview`: its follow-up contact, the hiring contact, or
        its first known interviewer."""
        if interview is not None:
            chosen = self.contact(interview.follow_up_contact_id)
            if chosen is not None:
                return chosen
        chosen = self.contact(self.app.hiring_contact_id)
        if chosen is not None:
            return chosen
        if interview is not None:
            for cid in interview.interviewer_ids:
                found = self.contact(cid)
                if found is not None:
                    return found
        return None

    def chase_recipient(self, interview: Interview | None) -> Recipient | None:
        """Return the recipient of a chase after `interview` (the recruiter on recruiter-led
        applications)."""
        if self.app.recruiter_led:
            return self.recruiter_recipient()
        fallback = f"the hiring team at {self.app.company}"
        return recipient_for(self.hiring_contact(interview), fallback)

    def thank_you_recipient(self, interviewer: Contact | None) -> Recipient | None:
        """Return who receives the thank-you to `interviewer` (via the recruiter when there is
        no direct contact)."""
        if interviewer is None:
            if self.app.recruiter_led:
                return self.recruiter_recipient()
            return None
        if self.app.recruiter_led and not interviewer.direct_contact and self.recruiter:
            r = self.recruiter
            return Recipient(r.id, shown_name(r), r.email, interviewer.id, shown_name(interviewer))
        return recipient_for(interviewer)

    def first_interview_per_interviewer(self) -> dict[int, Interview]:
        """Return, per interviewer, the first interview they sat on."""
        seen: dict[int, Interview] = {}
        for iv in self.interviews:
            for cid in iv.interviewer_ids:
                seen.setdefault(cid, iv)
        return seen

    def company_exchanges(self) -> list[Interaction]:
        """Interactions with the company's people; thank-you notes and referees excluded."""
        out = []
        for i in self.facts.interactions:
            contact = self.contact(i.contact_id)
            if contact is not None and contact.role is Role.REFEREE:
                continue
            if i.action_kind == "thank-you":
                continue  # a thank-you note is not a follow-up (cadence guard)
            out.append(i)
        return out

    def status_changed_at(self, statuses: Iterable[Status]) -> dt.datetime | None:
        """Return when the application last entered one of `statuses`, None if it never did."""
        wanted = set(statuses)
        moments = [e.at for e in self.facts.status_events if e.status in wanted]
        if moments:
            return max(moments)
        if self.app.status in wanted:
            return self.app.created_at
        return None


def shown_name(contact: Contact) -> str:
    """Return how an action names a contact: their name, else their address (a contact is
    never named after the local part of an address, so a name may be empty)."""
    return contact.name.strip() or contact.email or f"contact {contact.id}"


def applies(rule: Rule, plan: Plan) -> bool:
    """Return True when `rule` applies to the plan's status, channel and policy."""
    if plan.app.status not in rule.statuses or plan.app.channel not in rule.channels:
        return False
    return all(getattr(plan.policy, name, None) == value for name, value in rule.policy)


def _title(rule: Rule, app: Application, recipient: Recipient | None, n: int | None = None) -> str:
    name = recipient.name if recipient else "the company"
    if recipient is not None and recipient.via_name:
        name = f"{recipient.via_name} (via {recipient.name})"
    return rule.title.format(
        recipient=name, company=app.company, role=app.role, n=n if n is not None else ""
    )


def make_action(
    rule: Rule,
    plan: Plan,
    key: str,
    due: dt.datetime,
    *,
    interview: Interview | None = None,
    recipient: Recipient | None = None,
    deadline: dt.datetime | None = None,
    reason: str = "",
    n: int | None = None,
) -> PlannedAction:
    """Return the PlannedAction `rule` calls for, with times in the user's zone."""
    return PlannedAction(
        key=key,
        kind=rule.kind,
        title=_title(rule, plan.app, recipient, n),
        due=due.astimezone(plan.week.zone),
        rule=rule.id,
        sources=rule.sources,
        channel=MessageChannel(rule.channel),
        application_id=plan.app.id,
        interview_id=interview.id if interview else None,
        recipient=recipient,
        deadline=deadline.astimezone(plan.week.zone) if deadline else None,
        reason=reason,
        talking_points=rule.talking_points,
        chases=rule.chases,
    )
