"""Follow-ups on time, late or missed: the verdict on each outgoing-message action.

Actions of the outgoing-message kinds (`FOLLOW_UP_KINDS`: every playbook rule whose channel is
not "none"). An action's deadline is the planner's `deadline` when it set one (thank-you:
interview end + 24 h), otherwise its planned due + `GRACE` (24 h of elapsed time). The planned
due is used rather than the stored due so that a snooze does not move the goalposts. *on
time*: done at or before the deadline; *late*: done after it; *missed*: skipped, or still
pending/snoozed after the deadline at `now`; *open*: pending and not yet past its deadline
(not counted). Cancelled actions, actions done without a done time, and actions skipped
because they were already past when imported (`IMPORTED_PAST`) are ignored.

The store counts the verdicts in one GROUP BY (`store.insights.verdict_counts`); `follow_ups`
arranges them per kind and in total.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass

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
#: The verdicts, as the store names them.
VERDICTS = ("on_time", "late", "missed", "open")


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


def follow_ups(
    counts: Mapping[tuple[str, str], int], kinds: Collection[str] = FOLLOW_UP_KINDS
) -> FollowUps:
    """Return the verdicts per kind of `kinds` (sorted, zeros included) and in total, from
    {(kind, verdict): number of actions}."""
    by_kind = tuple(
        (kind, FollowUpCounts(*(counts.get((kind, v), 0) for v in VERDICTS)))
        for kind in sorted(kinds)
    )
    total = FollowUpCounts(
        *(sum(getattr(c, v) for _, c in by_kind) for v in VERDICTS)
    )  # fmt: skip
    return FollowUps(total=total, by_kind=by_kind)
