"""The reference: insights as they were computed before issue 11, from every application's facts.

Kept, unchanged but for its imports, as the oracle of tests/services/test_insights_oracle.py:
`followthrough.domain.insights` now works on the store's aggregates, and must give the same
report as this code gives on `Repo.all_facts` for the same data.

Insights over the whole job search: funnel, follow-ups, reply rates, activity, weak spots.

Pure arithmetic on `ApplicationFacts`: the caller passes `now` and the user's zone, nothing here
reads a clock or a store. The numbers a user sees must mean one thing; each module states the
definition of its figures: `stages` (the funnel), `punctuality` (follow-ups on time, late or
missed), `replies` (reply rates), `activity` (weekly activity), `report` (the whole report, its
JSON shape, and the weak-question themes of `tests.insights_reference.themes`).
"""

from tests.insights_reference.activity import WEEK_SERIES, Week, week_start, weekly_activity
from tests.insights_reference.punctuality import (
    FOLLOW_UP_KINDS,
    GRACE,
    FollowUpCounts,
    FollowUps,
    action_deadline,
    follow_up_verdict,
    follow_ups,
)
from tests.insights_reference.replies import (
    REPLY_KINDS,
    REPLY_WINDOW,
    ReplyRate,
    reply_rate,
    sends,
)
from tests.insights_reference.report import MAX_WEEKS, SINGLES_CAP, Insights, insights
from tests.insights_reference.stages import FUNNEL_STAGES, Funnel, funnel, stage_reached

__all__ = [
    "FOLLOW_UP_KINDS",
    "FUNNEL_STAGES",
    "GRACE",
    "MAX_WEEKS",
    "REPLY_KINDS",
    "REPLY_WINDOW",
    "SINGLES_CAP",
    "WEEK_SERIES",
    "FollowUpCounts",
    "FollowUps",
    "Funnel",
    "Insights",
    "ReplyRate",
    "Week",
    "action_deadline",
    "follow_up_verdict",
    "follow_ups",
    "funnel",
    "insights",
    "reply_rate",
    "sends",
    "stage_reached",
    "week_start",
    "weekly_activity",
]
