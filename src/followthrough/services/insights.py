"""Insights: where the search stands, from aggregates the database computes.

The store counts (store/insights.py: GROUP BY / COUNT / CASE over the owner's rows, no fact
loaded one by one); the core turns the counts into the report (domain/insights/). The
definitions of the figures are the core's; the store's SQL implements them.
"""

from __future__ import annotations

from followthrough.services.context import Context

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from typing import Any
    from zoneinfo import ZoneInfo

    from followthrough.domain.insights import Figures, Insights


def insights(ctx: Context, weeks: int = 12) -> Insights:
    """Return where the search stands (PRODUCT.md §4.4): the funnel, follow-ups on time,
    reply rates, weekly activity and the questions that keep coming back."""
    from followthrough.domain import insights as report  # ~15 ms: only this needs it

    report.check(ctx.now, weeks)
    with ctx.read() as uow:  # the read path: plain SQL on the driver's connection
        zone = uow.zone
        figures = figures_of(uow.conn, uow.repo.owner, ctx.now, zone, weeks)
    return report.insights(figures, ctx.now, zone, weeks)


def figures_of(conn: Any, owner: int, now: dt.datetime, zone: ZoneInfo, weeks: int) -> Figures:
    """Return what the store counts for the report of `owner` as of `now`."""
    from followthrough.domain import insights as report
    from followthrough.domain.kinds import IMPORTED_PAST, Status
    from followthrough.store import insights as counted
    from followthrough.store import insights_replies as replies

    return report.Figures(
        by_status=counted.status_counts(conn, owner),
        reached=[
            counted.reached_count(
                conn, owner, report.reaching(stage), interviews=stage is Status.INTERVIEWING
            )
            for stage in report.FUNNEL_STAGES[1:]
        ],
        verdicts=counted.verdict_counts(
            conn, owner, now, report.FOLLOW_UP_KINDS, report.GRACE, IMPORTED_PAST
        ),
        replies=replies.reply_counts(
            conn, owner, now, report.REPLY_KINDS, report.REPLY_WINDOW, report.SAME_SEND
        ),
        weeks=counted.week_counts(conn, owner, now, report.week_bounds(now, zone, weeks)),
        weak=counted.weak_items(conn, owner),
    )
