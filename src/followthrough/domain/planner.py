"""The planner: facts + playbook + calendar -> the dated actions the guidance calls for.

Pure: no clock, no I/O. Every PlannedAction carries the rule that produced it and its sources.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from followthrough.domain.model import (
    ActionStatus,
    Application,
    ApplicationFacts,
    Contact,
    FitVerdict,
    Interaction,
    Interview,
    MessageChannel,
    PlannedAction,
    Recipient,
    Role,
    Status,
)
from followthrough.domain.pipeline import keep_searching_reason
from followthrough.domain.playbook import Playbook, Rule, Timing, parse_time
from followthrough.domain.workdays import UTC, Workweek


@dataclass(frozen=True, slots=True)
class Policy:
    """The user's policy options (defaults come from the playbook's [policies])."""

    linkedin_interviewer: str = "after-offer"
    check_in_interval_days: int = 7
    max_check_ins: int = 3
    keep_searching_min_open: int = 3
    keep_searching_quiet_days: int = 7

    @classmethod
    def from_options(cls, options: dict[str, object]) -> Policy:
        """Return a Policy from a mapping of option names (unknown names are ignored)."""
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in options.items() if k in names})  # type: ignore[arg-type]


# ---------------------------------------------------------------- timing arithmetic


def due_on_date(timing: Timing, day: dt.date, week: Workweek) -> dt.datetime:
    """Return the due moment for a date anchor: day + days at `at`, rolled to a working day."""
    target = day + dt.timedelta(days=timing.days)
    if timing.roll == "next":
        target = week.next_working_day(target)
    elif timing.roll == "on-or-next":
        target = week.on_or_next_working_day(target)
    assert timing.at is not None, "playbook validation guarantees 'at' with 'days'"
    return week.at(target, timing.at)


def due_after(timing: Timing, anchor: dt.datetime, week: Workweek) -> dt.datetime:
    """Return the due moment of `timing` for an event at `anchor` (an aware datetime)."""
    if timing.split_at is not None:
        local = anchor.astimezone(week.zone)
        assert timing.before_at is not None
        assert timing.after_at is not None
        if local.time() < timing.split_at:
            return week.at(local.date() + dt.timedelta(days=timing.before_days), timing.before_at)
        return week.at(local.date() + dt.timedelta(days=timing.after_days), timing.after_at)
    if timing.after_hours is not None:
        due = plus_hours(anchor, timing.after_hours, week)
        if timing.outside_hours_at is not None and not week.in_working_hours(due):
            return first_working_moment_after(due, timing.outside_hours_at, week)
        return due
    return due_on_date(timing, week.local_date(anchor), week)


def first_working_moment_after(moment: dt.datetime, at: dt.time, week: Workweek) -> dt.datetime:
    """Return the first working day's `at` that comes after `moment`."""
    day = week.local_date(moment)
    if week.is_working_day(day):
        candidate = week.at(day, at)
        if candidate > moment:
            return candidate
    return week.at(week.next_working_day(day), at)


def plus_hours(anchor: dt.datetime, hours: float, week: Workweek) -> dt.datetime:
    """Return `anchor` + `hours` of elapsed time, in the user's zone.

    Adding a timedelta to an aware datetime in a zone moves the wall clock, not the instant
    (Python's rule), so "end + 2 h" across a DST change would be off by an hour: add in UTC.
    """
    return (anchor.astimezone(UTC) + dt.timedelta(hours=hours)).astimezone(week.zone)


def deadline_after(timing: Timing, anchor: dt.datetime, week: Workweek) -> dt.datetime | None:
    """Return the deadline of `timing` for an event at `anchor`, if the rule sets one."""
    if timing.deadline_hours is None:
        return None
    return plus_hours(anchor, timing.deadline_hours, week)


# ---------------------------------------------------------------- recipients


def _recipient(contact: Contact | None, fallback: str | None = None) -> Recipient | None:
    if contact is None:
        return Recipient(None, fallback) if fallback else None
    return Recipient(contact.id, contact.name, contact.email)


class _Plan:
    """The facts of one application with the lookups the rules need."""

    def __init__(self, facts: ApplicationFacts, week: Workweek, policy: Policy) -> None:
        self.facts = facts
        self.app: Application = facts.application
        self.week = week
        self.policy = policy
        self.interviews = sorted(facts.interviews, key=lambda i: (i.end, i.id))

    def contact(self, contact_id: int | None) -> Contact | None:
        if contact_id is None:
            return None
        return self.facts.contacts.get(contact_id)

    @property
    def recruiter(self) -> Contact | None:
        return self.contact(self.app.recruiter_id)

    def recruiter_recipient(self) -> Recipient | None:
        return _recipient(self.recruiter, self.app.agency or "your recruiter")

    def hiring_contact(self, interview: Interview | None) -> Contact | None:
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
        if self.app.recruiter_led:
            return self.recruiter_recipient()
        return _recipient(self.hiring_contact(interview), f"the hiring team at {self.app.company}")

    def thank_you_recipient(self, interviewer: Contact | None) -> Recipient | None:
        if interviewer is None:
            if self.app.recruiter_led:
                return self.recruiter_recipient()
            return None
        if self.app.recruiter_led and not interviewer.direct_contact and self.recruiter:
            r = self.recruiter
            return Recipient(r.id, r.name, r.email, interviewer.id, interviewer.name)
        return _recipient(interviewer)

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
        wanted = set(statuses)
        moments = [e.at for e in self.facts.status_events if e.status in wanted]
        if moments:
            return max(moments)
        if self.app.status in wanted:
            return self.app.created_at
        return None


def _applies(rule: Rule, plan: _Plan) -> bool:
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


def _action(
    rule: Rule,
    plan: _Plan,
    key: str,
    due: dt.datetime,
    *,
    interview: Interview | None = None,
    recipient: Recipient | None = None,
    deadline: dt.datetime | None = None,
    reason: str = "",
    n: int | None = None,
) -> PlannedAction:
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


# ---------------------------------------------------------------- interview-ended rules


def _interview_rules(rule: Rule, plan: _Plan) -> Iterator[PlannedAction]:
    if not plan.interviews:
        return
    week, app = plan.week, plan.app
    if rule.per == "interview":
        for iv in plan.interviews:
            if iv.format not in rule.formats:
                continue
            due = due_after(rule.timing, iv.end, week)
            yield _action(
                rule,
                plan,
                f"{rule.kind}:i{iv.id}",
                due,
                interview=iv,
                recipient=plan.recruiter_recipient() if rule.recipient == "recruiter" else None,
                deadline=deadline_after(rule.timing, iv.end, week),
                reason=f"interview round {iv.round} ended",
            )
    elif rule.per == "interviewer" and rule.kind == "thank-you":
        for iv in plan.interviews:
            ids: list[int | None] = list(dict.fromkeys(iv.interviewer_ids)) or [None]
            for cid in ids:
                person = plan.contact(cid)
                recipient = plan.thank_you_recipient(person)
                due = due_after(rule.timing, iv.end, week)
                why = "one note per interviewer"
                if recipient and recipient.via_name:
                    why = (
                        f"no direct contact with {recipient.via_name}: "
                        "ask the recruiter to pass it on"
                    )
                yield _action(
                    rule,
                    plan,
                    f"thank-you:i{iv.id}:c{cid or 0}",
                    due,
                    interview=iv,
                    recipient=recipient,
                    deadline=deadline_after(rule.timing, iv.end, week),
                    reason=why,
                )
    elif rule.per == "interviewer":
        for cid, iv in plan.first_interview_per_interviewer().items():
            recipient = _recipient(plan.contact(cid))
            if recipient is None:
                continue
            yield _action(
                rule,
                plan,
                f"{rule.kind}:a{app.id}:c{cid}",
                due_after(rule.timing, iv.end, week),
                interview=iv,
                recipient=recipient,
                reason=f"policy linkedin_interviewer = {plan.policy.linkedin_interviewer}",
            )
    elif rule.per == "referee":
        last = plan.interviews[-1]
        for rid in plan.facts.referee_ids:
            recipient = _recipient(plan.contact(rid))
            if recipient is None:
                continue
            yield _action(
                rule,
                plan,
                f"{rule.kind}:a{app.id}:c{rid}",
                due_after(rule.timing, last.end, week),
                interview=last,
                recipient=recipient,
                reason="a reference call may follow",
            )
    elif rule.per == "recruiter":
        yield from _recruiter_link(rule, plan, plan.interviews[0].end, plan.interviews[0])


def _recruiter_link(
    rule: Rule, plan: _Plan, anchor: dt.datetime, interview: Interview | None
) -> Iterator[PlannedAction]:
    rid = plan.app.recruiter_id
    if rid is None or rid in plan.facts.recruiter_links_elsewhere:
        return
    recipient = plan.recruiter_recipient()
    yield _action(
        rule,
        plan,
        f"{rule.kind}:c{rid}",
        due_after(rule.timing, anchor, plan.week),
        interview=interview,
        recipient=recipient,
        reason="once per recruiter",
    )


# ---------------------------------------------------------------- status and debrief rules


def _status_rules(rule: Rule, plan: _Plan) -> Iterator[PlannedAction]:
    changed = plan.status_changed_at(rule.on_status)
    if changed is None:
        return
    app = plan.app
    last = plan.interviews[-1] if plan.interviews else None
    why = f"status is {app.status.value}"
    if rule.per == "referee":
        for rid in plan.facts.referee_ids:
            recipient = _recipient(plan.contact(rid))
            if recipient is not None:
                yield _action(
                    rule,
                    plan,
                    f"{rule.kind}:a{app.id}:c{rid}",
                    due_after(rule.timing, changed, plan.week),
                    recipient=recipient,
                    reason=why,
                )
    elif rule.per == "interviewer":
        for cid, iv in plan.first_interview_per_interviewer().items():
            recipient = _recipient(plan.contact(cid))
            if recipient is not None:
                yield _action(
                    rule,
                    plan,
                    f"{rule.kind}:a{app.id}:c{cid}",
                    due_after(rule.timing, changed, plan.week),
                    interview=iv,
                    recipient=recipient,
                    reason=why,
                )
    elif rule.per == "recruiter":
        yield from _recruiter_link(rule, plan, changed, None)
    else:
        recipient = (
            plan.recruiter_recipient()
            if rule.recipient == "recruiter"
            else plan.chase_recipient(last)
        )
        yield _action(
            rule,
            plan,
            f"{rule.kind}:a{app.id}",
            due_after(rule.timing, changed, plan.week),
            interview=last,
            recipient=recipient,
            reason=why,
        )


def _verdict_rules(rule: Rule, plan: _Plan) -> Iterator[PlannedAction]:
    for iv in reversed(plan.interviews):
        debrief = plan.facts.debriefs.get(iv.id)
        if debrief is None or debrief.verdict is None:
            continue
        if debrief.verdict is FitVerdict(rule.on_verdict or "not-for-me"):
            yield _action(
                rule,
                plan,
                f"{rule.kind}:a{plan.app.id}",
                due_after(rule.timing, debrief.recorded_at, plan.week),
                interview=iv,
                recipient=plan.chase_recipient(iv),
                reason=f"your debrief of round {iv.round} says this job is not for you",
            )
        return  # only the latest debrief with a verdict counts


# ---------------------------------------------------------------- check-ins


_ORDINAL = re.compile(r"^check-in:a\d+:(\d+)$")


def _ordinal(key: str) -> int:
    m = _ORDINAL.match(key)
    return int(m.group(1)) if m else 0


def _thank_you_sent(plan: _Plan, interview: Interview, thank_rule: Rule | None) -> dt.datetime:
    """Return when the thank-you for `interview` was (or is to be) sent, whichever is later."""
    if thank_rule is not None:
        due = due_after(thank_rule.timing, interview.end, plan.week)
    else:
        due = interview.end
    prefix = f"thank-you:i{interview.id}:"
    for key, rec in plan.facts.actions.items():
        if key.startswith(prefix) and rec.status is ActionStatus.DONE and rec.done_at:
            due = max(due, rec.done_at)
    return due


def _check_ins(rule: Rule, plan: _Plan, playbook: Playbook) -> Iterator[PlannedAction]:
    if not plan.interviews:
        return
    week, app, policy = plan.week, plan.app, plan.policy
    interval = dt.timedelta(days=policy.check_in_interval_days)
    at = rule.timing.at or dt.time(10, 0)
    last_iv = plan.interviews[-1]

    def on_or_after(day: dt.date) -> dt.datetime:
        return week.at(week.on_or_next_working_day(day), at)

    exchanges = plan.company_exchanges()
    sent_check_ins = [
        rec.done_at
        for rec in plan.facts.actions.values()
        if rec.kind == "check-in" and rec.status is ActionStatus.DONE and rec.done_at
    ]
    # a check-in marked done is an exchange even when no interaction was logged for it
    last_exchange = max([i.at for i in exchanges] + sent_check_ins, default=None)
    inbound = [i.at for i in exchanges if i.inbound]
    reset = max([last_iv.end, *inbound])

    consumed = sorted(
        (
            rec
            for key, rec in plan.facts.actions.items()
            if rec.kind == "check-in" and rec.status in (ActionStatus.DONE, ActionStatus.SKIPPED)
        ),
        key=lambda r: _ordinal(r.key),
    )
    ordinal = max((_ordinal(r.key) for r in consumed), default=0) + 1
    since_reset = [r for r in consumed if (r.done_at or r.due or reset) > reset]
    unanswered = sum(1 for r in since_reset if r.status is ActionStatus.DONE)

    if since_reset:
        latest = since_reset[-1]
        sent = latest.done_at or latest.due or reset
        due = on_or_after(week.local_date(sent) + interval)
        why = "a week after your last check-in, with no reply"
    elif (
        last_iv.decision_date is not None
        and rule.decision_timing is not None
        # a decision date older than the latest interview is stale (left from a past round)
        and last_iv.decision_date >= week.local_date(last_iv.end)
    ):
        due = due_on_date(rule.decision_timing, last_iv.decision_date, week)
        why = f"the day after the promised decision date {last_iv.decision_date.isoformat()}"
    else:
        thank_rules = [r for r in playbook.rules if r.kind == "thank-you"]
        thanked = _thank_you_sent(plan, last_iv, thank_rules[0] if thank_rules else None)
        due = due_on_date(rule.timing, week.local_date(thanked), week)
        why = "a week after your thank-you note"
    # never on the day of the interview (same-day-chase), whatever the dates above say
    after_interview = on_or_after(week.local_date(last_iv.end) + dt.timedelta(days=1))
    if due < after_interview:
        due = after_interview
        why = "the day after the interview at the earliest"
    if last_exchange is not None:
        earliest = on_or_after(week.local_date(last_exchange) + interval)
        if due < earliest:
            due = earliest
            why = f"a week after your last exchange on {week.local_date(last_exchange).isoformat()}"

    recipient = plan.chase_recipient(last_iv)
    while unanswered < policy.max_check_ins:
        key = f"check-in:a{app.id}:{ordinal}"
        existing = plan.facts.actions.get(key)
        if existing is not None and existing.status is ActionStatus.SNOOZED and existing.due:
            due = max(due, existing.due)  # a snooze means "not before", never "earlier"
        yield _action(
            rule, plan, key, due, interview=last_iv, recipient=recipient, reason=why, n=ordinal
        )
        unanswered += 1
        ordinal += 1
        due = on_or_after(week.local_date(due) + interval)
        why = "a week after the previous check-in, if there is no reply"

    for move_rule in playbook.rules_for("check-in-exhausted"):
        if _applies(move_rule, plan):
            yield _action(
                move_rule,
                plan,
                f"move-on:a{app.id}:{ordinal - 1}",
                due,
                interview=last_iv,
                reason=f"{policy.max_check_ins} check-ins without a reply",
            )


# ---------------------------------------------------------------- entry points


def plan_application(
    facts: ApplicationFacts, playbook: Playbook, week: Workweek, policy: Policy
) -> list[PlannedAction]:
    """Return every action the playbook calls for on this application, sorted by due time.

    Two rules that produce the same key (e.g. the LinkedIn note to a recruiter, planned after
    the first interview and again on a rejection) collapse into the earlier one.
    """
    plan = _Plan(facts, week, policy)
    out: dict[str, PlannedAction] = {}
    for rule in playbook.rules:
        if not _applies(rule, plan):
            continue
        produced: Iterable[PlannedAction]
        if rule.trigger == "interview-ended":
            produced = _interview_rules(rule, plan)
        elif rule.trigger == "status":
            produced = _status_rules(rule, plan)
        elif rule.trigger == "debrief-verdict":
            produced = _verdict_rules(rule, plan)
        elif rule.trigger == "check-in":
            produced = _check_ins(rule, plan, playbook)
        else:
            continue  # "pipeline" is user-wide; "check-in-exhausted" is part of the check-ins
        for action in produced:
            kept = out.get(action.key)
            if kept is None or action.due < kept.due:
                out[action.key] = action
    return sorted(out.values(), key=lambda a: (a.due, a.key))


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


def workweek_from_settings(settings: dict[str, str]) -> Workweek:
    """Return the Workweek described by the user's settings (tz, country, region, hours)."""
    return Workweek(
        tz=settings.get("tz", "UTC"),
        country=settings.get("country") or None,
        subdiv=settings.get("region") or None,
        start=parse_time(settings.get("work_start", "09:00"), "work_start"),
        end=parse_time(settings.get("work_end", "18:00"), "work_end"),
    )
