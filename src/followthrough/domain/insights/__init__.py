"""Insights over the whole job search: funnel, follow-ups, reply rates, activity, weak spots.

Pure arithmetic on what the store counted (`Figures`: store/insights.py runs the aggregates):
the caller passes `now` and the user's zone, nothing here reads a clock or a store. The numbers
a user sees must mean one thing; each module states the definition of its figures: `stages`
(the funnel), `punctuality` (follow-ups on time, late or missed), `replies` (reply rates),
`activity` (weekly activity), `report` (the whole report, its JSON shape, and the weak-question
themes of `followthrough.domain.themes`).
"""

from followthrough.domain.insights.activity import (
    WEEK_SERIES,
    Week,
    day_begins,
    week_bounds,
    week_start,
    week_starts,
    weekly_activity,
)
from followthrough.domain.insights.punctuality import (
    FOLLOW_UP_KINDS,
    GRACE,
    VERDICTS,
    FollowUpCounts,
    FollowUps,
    follow_ups,
)
from followthrough.domain.insights.replies import REPLY_KINDS, REPLY_WINDOW, SAME_SEND, ReplyRate
from followthrough.domain.insights.report import (
    MAX_WEEKS,
    SINGLES_CAP,
    Figures,
    Insights,
    check,
    insights,
)
from followthrough.domain.insights.stages import FUNNEL_STAGES, Funnel, funnel, reaching

__all__ = [
    "FOLLOW_UP_KINDS",
    "FUNNEL_STAGES",
    "GRACE",
    "MAX_WEEKS",
    "REPLY_KINDS",
    "REPLY_WINDOW",
    "SAME_SEND",
    "SINGLES_CAP",
    "VERDICTS",
    "WEEK_SERIES",
    "Figures",
    "FollowUpCounts",
    "FollowUps",
    "Funnel",
    "Insights",
    "ReplyRate",
    "Week",
    "check",
    "day_begins",
    "follow_ups",
    "funnel",
    "insights",
    "reaching",
    "week_bounds",
    "week_start",
    "week_starts",
    "weekly_activity",
]
