"""Follow-ups on time, late or missed: the verdict on each outgoing-message action.

Actions of the outgoing-message kinds (`FOLLOW_UP_KINDS`: every playbook rule whose channel is
not "none"). An action's deadline is the planner's `deadline` when it set one (thank-you:
interview end + 24 h), otherwise its planned due + `GRACE` (24 h of elapsed time). The planned
due (`ActionRecord.planned.due`) is used rather than the stored due so that a snooze does not
move the goalposts; without a planner record the stored due is used. *on time*: done at or
before the deadline; *late*: done after it; *missed*: skipped, or still pending/snoozed after
the deadline at `now`; *open*: pending and not yet past its deadline (not counted). Cancelled
actions, and actions without any due or done without a done time, are ignored.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from followthrough.domain.model import IMPORTED_PAST, ActionRecord, ActionStatus, ApplicationFacts

#: Action kinds that send something to someone (playbook rules with a channel other than "none").
FOLLOW_UP_KINDS: frozenset[str] = frozenset(
    {
        "recruiter-call",
        "thank-you",
        "referee-heads-up",
        "linkedin-recruiter",
        "linkedin-interviewer",
        "check-in",
        "referee-thanks",
        "rejection-reply",
        "keep-in-touch",
        "withdraw",
    }
)
#: An action without a planner deadline is late this long after its planned due.
GRACE = dt.timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class FollowUpCounts:
    """How the follow-up actions of one kind (or all kinds) turned out."""

    on_time: int = 0
    late: int = 0
    missed: int = 0
    open: int = 0

    @property
    def eligible(self) -> int:
        """Return the number of actions with a verdict (on time, late or missed)."""
        return self.on_time + self.late + self.missed


@dataclass(frozen=True, slots=True)
class FollowUps:
    """Follow-up verdicts over all kinds and per kind (every kind of FOLLOW_UP_KINDS, sorted)."""

    total: FollowUpCounts
    by_kind: tuple[tuple[str, FollowUpCounts], ...]


def action_deadline(record: ActionRecord) -> dt.datetime | None:
    """Return the moment after which `record` is late (None when it has no due at all)."""
    planned = record.planned
    if planned is not None and planned.deadline is not None:
        return planned.deadline
    due = planned.due if planned is not None else record.due
    return None if due is None else due + GRACE


def follow_up_verdict(record: ActionRecord, now: dt.datetime) -> str | None:
    """Return "on_time", "late", "missed" or "open" for `record` at `now`, None when ignored."""
    if record.status is ActionStatus.CANCELLED:
        return None
    if record.status is ActionStatus.SKIPPED and record.reason == IMPORTED_PAST:
        return None  # history from a spreadsheet: never asked of the user
    deadline = action_deadline(record)
    if deadline is None:
        return None
    if record.status is ActionStatus.DONE:
        if record.done_at is None:
            return None
        return "on_time" if record.done_at <= deadline else "late"
    if record.status is ActionStatus.SKIPPED:
        return "missed"
    return "missed" if now > deadline else "open"


def follow_ups(
    facts: Sequence[ApplicationFacts],
    now: dt.datetime,
    kinds: Collection[str] = FOLLOW_UP_KINDS,
) -> FollowUps:
    """Return on-time / late / missed / open counts of the follow-up actions, total and per kind."""
    tally: dict[str, Counter[str]] = {kind: Counter() for kind in kinds}
    for f in facts:
        for record in f.actions.values():
            if record.kind not in tally:
                continue
            verdict = follow_up_verdict(record, now)
            if verdict is not None:
                tally[record.kind][verdict] += 1
    by_kind = tuple((kind, _counts(tally[kind])) for kind in sorted(tally))
    return FollowUps(total=_counts(sum(tally.values(), Counter())), by_kind=by_kind)


def _counts(c: Counter[str]) -> FollowUpCounts:
    return FollowUpCounts(on_time=c["on_time"], late=c["late"], missed=c["missed"], open=c["open"])
