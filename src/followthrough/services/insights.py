"""Insights: where the search stands, computed from every application's facts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from followthrough.services.context import Context

if TYPE_CHECKING:
    from followthrough.domain.insights import Insights


def insights(ctx: Context, weeks: int = 12) -> Insights:
    """Return where the search stands (PRODUCT.md §4.4): the funnel, follow-ups on time,
    reply rates, weekly activity and the questions that keep coming back."""
    from followthrough.domain.insights import insights as compute  # ~15 ms: only this needs it

    repo = ctx.repo.writer()  # type: ignore[attr-defined]
    with repo.read() as conn:
        uow = ctx.unit(conn, repo)
        facts = repo.all_facts(conn)
        zone = uow.zone
    return compute(facts, ctx.now, zone, weeks)
