"""The shape of insights: the funnel, follow-ups, reply rates, weeks, questions."""

from __future__ import annotations

from pydantic import Field

from followthrough.web.schemas.common import Out


class StageOut(Out):
    stage: str
    count: int


class FunnelOut(Out):
    total: int
    by_status: dict[str, int]
    reached: list[StageOut]


class FollowUpCountsOut(Out):
    on_time: int
    late: int
    missed: int
    open: int
    eligible: int


class FollowUpKindOut(FollowUpCountsOut):
    kind: str


class FollowUpsOut(Out):
    grace_hours: float
    kinds: list[str]
    total: FollowUpCountsOut
    by_kind: list[FollowUpKindOut]


class ReplyRateOut(Out):
    kind: str
    replied: int
    sent: int
    waiting: int
    rate: float | None
    window_days: int


class WeekOut(Out):
    label: str
    start: str
    starts_at: str
    applications: int
    interviews: int
    interactions_out: int
    actions_done: int


class ThemeSourceOut(Out):
    application_id: int
    interview_id: int
    company: str
    role: str
    field: str
    text: str
    at: str | None


class ThemeOut(Out):
    phrasing: str
    count: int
    mentions: int = Field(description="Every mention of the theme.")
    last_seen: str | None
    application_ids: list[int]
    interview_ids: list[int]
    sources: list[ThemeSourceOut] = Field(
        description="The `sources_limit` most recent mentions, newest first."
    )


class QuestionsOut(Out):
    threshold: float
    sources_limit: int = Field(description="How many mentions a theme lists at most.")
    recurring: list[ThemeOut]
    singles: list[ThemeOut]
    singles_total: int


class InsightsOut(Out):
    """Where the search stands (PRODUCT.md §4.4)."""

    generated_at: str
    zone: str
    funnel: FunnelOut
    follow_ups: FollowUpsOut
    reply_rates: list[ReplyRateOut]
    weeks: list[WeekOut]
    questions: QuestionsOut
