"""Check-ins after the last interview: when the first is due, one per interval while no reply
comes, at most `max_check_ins` unanswered, then the suggestion to move on."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass

from followthrough.domain.model import ActionRecord, ActionStatus, Interview, PlannedAction
from followthrough.domain.planner.plan import Plan, applies, make_action
from followthrough.domain.planner.timing import due_after, due_on_date
from followthrough.domain.playbook import Playbook, Rule

_ORDINAL = re.compile(r"^check-in:a\d+:(\d+)$")


def _ordinal(key: str) -> int:
    m = _ORDINAL.match(key)
    return int(m.group(1)) if m else 0


@dataclass(frozen=True, slots=True)
class _Thread:
    """Where the exchange with the company stands since the last interview."""

    last_exchange: dt.datetime | None
    #: the last interview or the latest reply: unanswered check-ins are counted from here
    reset: dt.datetime
    #: the latest check-in done or skipped since `reset`
    latest: ActionRecord | None
    unanswered: int
    next_ordinal: int


def _thread(plan: Plan, last_iv: Interview) -> _Thread:
    exchanges = plan.company_exchanges()
    check_ins = [rec for rec in plan.facts.actions.values() if rec.kind == "check-in"]
    sent = [rec.done_at for rec in check_ins if rec.status is ActionStatus.DONE and rec.done_at]
    # a check-in marked done is an exchange even when no interaction was logged for it
    last_exchange = max([i.at for i in exchanges] + sent, default=None)
    reset = max([last_iv.end, *(i.at for i in exchanges if i.inbound)])
    consumed = sorted(
        (r for r in check_ins if r.status in (ActionStatus.DONE, ActionStatus.SKIPPED)),
        key=lambda r: _ordinal(r.key),
    )
    since_reset = [r for r in consumed if (r.done_at or r.due or reset) > reset]
    return _Thread(
        last_exchange=last_exchange,
        reset=reset,
        latest=since_reset[-1] if since_reset else None,
        unanswered=sum(1 for r in since_reset if r.status is ActionStatus.DONE),
        next_ordinal=max((_ordinal(r.key) for r in consumed), default=0) + 1,
    )


def _thank_you_sent(plan: Plan, interview: Interview, thank_rule: Rule | None) -> dt.datetime:
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


class _CheckIns:
    """The check-in series of one application with interviews."""

    def __init__(self, rule: Rule, plan: Plan, playbook: Playbook) -> None:
        self.rule = rule
        self.plan = plan
        self.playbook = playbook
        self.week = plan.week
        self.interval = dt.timedelta(days=plan.policy.check_in_interval_days)
        self.at = rule.timing.at or dt.time(10, 0)
        self.last_iv = plan.interviews[-1]
        self.thread = _thread(plan, self.last_iv)

    def on_or_after(self, day: dt.date) -> dt.datetime:
        """Return the check-in time on `day`, or on the next working day."""
        return self.week.at(self.week.on_or_next_working_day(day), self.at)

    def scheduled(self) -> tuple[dt.datetime, str]:
        """Return when the next check-in falls due, and why, before the floors."""
        week, last_iv, latest = self.week, self.last_iv, self.thread.latest
        if latest is not None:
            sent = latest.done_at or latest.due or self.thread.reset
            return (
                self.on_or_after(week.local_date(sent) + self.interval),
                "a week after your last check-in, with no reply",
            )
        if (
            last_iv.decision_date is not None
            and self.rule.decision_timing is not None
            # a decision date older than the latest interview is stale (left from a past round)
            and last_iv.decision_date >= week.local_date(last_iv.end)
        ):
            return (
                due_on_date(self.rule.decision_timing, last_iv.decision_date, week),
                f"the day after the promised decision date {last_iv.decision_date.isoformat()}",
            )
        thank_rules = [r for r in self.playbook.rules if r.kind == "thank-you"]
        thanked = _thank_you_sent(self.plan, last_iv, thank_rules[0] if thank_rules else None)
        return (
            due_on_date(self.rule.timing, week.local_date(thanked), week),
            "a week after your thank-you note",
        )

    def first_due(self) -> tuple[dt.datetime, str]:
        """Return when the next check-in falls due, and why, never too close to a contact."""
        week = self.week
        due, why = self.scheduled()
        # never on the day of the interview (same-day-chase), whatever the dates above say
        after_interview = self.on_or_after(week.local_date(self.last_iv.end) + dt.timedelta(days=1))
        if due < after_interview:
            due = after_interview
            why = "the day after the interview at the earliest"
        if self.thread.last_exchange is not None:
            last_day = week.local_date(self.thread.last_exchange)
            earliest = self.on_or_after(last_day + self.interval)
            if due < earliest:
                due = earliest
                why = f"a week after your last exchange on {last_day.isoformat()}"
        return due, why

    def series(self) -> Generator[PlannedAction, None, tuple[dt.datetime, int]]:
        """Yield the check-ins left to send; return the due and ordinal that would come next."""
        due, why = self.first_due()
        unanswered, ordinal = self.thread.unanswered, self.thread.next_ordinal
        recipient = self.plan.chase_recipient(self.last_iv)
        while unanswered < self.plan.policy.max_check_ins:
            key = f"check-in:a{self.plan.app.id}:{ordinal}"
            existing = self.plan.facts.actions.get(key)
            if existing is not None and existing.status is ActionStatus.SNOOZED and existing.due:
                due = max(due, existing.due)  # a snooze means "not before", never "earlier"
            yield make_action(
                self.rule,
                self.plan,
                key,
                due,
                interview=self.last_iv,
                recipient=recipient,
                reason=why,
                n=ordinal,
            )
            unanswered += 1
            ordinal += 1
            due = self.on_or_after(self.week.local_date(due) + self.interval)
            why = "a week after the previous check-in, if there is no reply"
        return due, ordinal

    def move_on(self, due: dt.datetime, ordinal: int) -> Iterator[PlannedAction]:
        """Yield the "check-in-exhausted" actions, due when the next check-in would have been."""
        for move_rule in self.playbook.rules_for("check-in-exhausted"):
            if applies(move_rule, self.plan):
                yield make_action(
                    move_rule,
                    self.plan,
                    f"move-on:a{self.plan.app.id}:{ordinal - 1}",
                    due,
                    interview=self.last_iv,
                    reason=f"{self.plan.policy.max_check_ins} check-ins without a reply",
                )


def plan_check_ins(rule: Rule, plan: Plan, playbook: Playbook) -> Iterator[PlannedAction]:
    """Yield the check-ins left to send after the last interview, then the move-on."""
    if not plan.interviews:
        return
    check_ins = _CheckIns(rule, plan, playbook)
    due, ordinal = yield from check_ins.series()
    yield from check_ins.move_on(due, ordinal)
