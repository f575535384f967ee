"""The funnel: applications by current status, and how many ever reached each stage.

`by_status` counts applications by their current status. `reached` is cumulative: an
application reached *interviewing* if it has any interview (scheduled ones included: the
invitation is the step) or any status event / current status at or past interviewing; *offer*
and *accepted* likewise from status events and the current status. Reaching a stage implies
reaching every earlier one, so the counts never increase along the funnel.

The store counts (`store.insights.status_counts`, `reached_count` with `reaching(stage)`);
`funnel` assembles the figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from followthrough.domain.kinds import Status

#: The cumulative funnel, in order.
FUNNEL_STAGES = (Status.APPLIED, Status.INTERVIEWING, Status.OFFER, Status.ACCEPTED)


@dataclass(frozen=True, slots=True)
class Funnel:
    """Applications by current status, and how many ever reached each funnel stage."""

    total: int
    by_status: tuple[tuple[Status, int], ...]
    reached: tuple[tuple[Status, int], ...]


def reaching(stage: Status) -> tuple[str, ...]:
    """Return the statuses that mean `stage` was reached (it and every later funnel stage)."""
    return tuple(s.value for s in FUNNEL_STAGES[FUNNEL_STAGES.index(stage) :])


def funnel(by_status: Mapping[str, int], reached: Sequence[int]) -> Funnel:
    """Return the funnel from the applications by status and, for each stage after the first
    (FUNNEL_STAGES[1:]), how many applications reached it."""
    counts = tuple((s, by_status.get(s.value, 0)) for s in Status)
    total = sum(n for _, n in counts)
    if len(reached) != len(FUNNEL_STAGES) - 1:
        raise ValueError("one count per stage after the first")
    return Funnel(
        total=total,
        by_status=counts,
        reached=tuple(zip(FUNNEL_STAGES, (total, *reached), strict=True)),
    )
