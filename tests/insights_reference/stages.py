"""The funnel: applications by current status, and how many ever reached each stage.

`by_status` counts applications by their current status. `reached` is cumulative: an
application reached *interviewing* if it has any interview (scheduled ones included: the
invitation is the step) or any status event / current status at or past interviewing; *offer*
and *accepted* likewise from status events and the current status. Reaching a stage implies
reaching every earlier one, so the counts never increase along the funnel.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from followthrough.domain.model import ApplicationFacts, Status

#: The cumulative funnel, in order.
FUNNEL_STAGES = (Status.APPLIED, Status.INTERVIEWING, Status.OFFER, Status.ACCEPTED)
_RANK = {status: rank for rank, status in enumerate(FUNNEL_STAGES)}


@dataclass(frozen=True, slots=True)
class Funnel:
    """Applications by current status, and how many ever reached each funnel stage."""

    total: int
    by_status: tuple[tuple[Status, int], ...]
    reached: tuple[tuple[Status, int], ...]


def stage_reached(facts: ApplicationFacts) -> Status:
    """Return the furthest funnel stage (of FUNNEL_STAGES) the application ever reached."""
    rank = _RANK.get(facts.application.status, 0)
    if facts.interviews:
        rank = max(rank, _RANK[Status.INTERVIEWING])
    for event in facts.status_events:
        rank = max(rank, _RANK.get(event.status, 0))
    return FUNNEL_STAGES[rank]


def funnel(facts: Sequence[ApplicationFacts]) -> Funnel:
    """Return the counts by current status and the cumulative funnel."""
    by_status = Counter(f.application.status for f in facts)
    furthest = Counter(_RANK[stage_reached(f)] for f in facts)
    reached = tuple(
        (stage, sum(n for r, n in furthest.items() if r >= rank))
        for rank, stage in enumerate(FUNNEL_STAGES)
    )
    return Funnel(
        total=len(facts),
        by_status=tuple((s, by_status[s]) for s in Status),
        reached=reached,
    )
