"""The insights report: every figure as of `now`, as one value, and its JSON shape.

The store counts (`Figures`, from store/insights.py's aggregates); `insights` turns the counts
into the report, with no I/O and no clock.

Weak questions: items of `unprepared_questions`, `weak_answers` and `floundered` across all
debriefs, normalised (casefold, punctuation dropped, stop words and question scaffolding such as
"tell me about a time" dropped, plural / -ing / -ed endings stemmed) into token sets. Two items
belong to the same theme when the Jaccard similarity of their token sets is at least
`THEME_THRESHOLD` (0.5); themes are the connected groups (single link, so the result does not
depend on input order). A theme's `count` is the number of distinct interviews it came up in;
it is *recurring* from 2 on. Themes sort by count (desc), then last seen (desc). The grouping
lives in `followthrough.domain.themes`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from followthrough.domain.errors import ValidationError
from followthrough.domain.insights.activity import WEEK_SERIES, Week, weekly_activity
from followthrough.domain.insights.punctuality import (
    FOLLOW_UP_KINDS,
    GRACE,
    FollowUpCounts,
    FollowUps,
    follow_ups,
)
from followthrough.domain.insights.replies import REPLY_KINDS, REPLY_WINDOW, ReplyRate
from followthrough.domain.insights.stages import Funnel, funnel
from followthrough.domain.themes import LISTED, THEME_THRESHOLD, Theme, weak_question_themes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: The longest activity history one request may ask for (two years).
MAX_WEEKS = 104
#: How many one-off weak questions are returned (the most recent).
SINGLES_CAP = 10


@dataclass(frozen=True, slots=True)
class Insights:
    """Everything the Insights page shows, as values; `as_json()` gives the API shape."""

    generated_at: dt.datetime
    zone: str
    funnel: Funnel
    follow_ups: FollowUps
    reply_rates: tuple[ReplyRate, ...]
    weeks: tuple[Week, ...]
    recurring: tuple[Theme, ...]
    singles: tuple[Theme, ...]
    singles_total: int

    def as_json(self) -> dict[str, Any]:
        """Return the documented JSON shape (times are ISO 8601 with the zone's UTC offset).

        {"generated_at", "zone",
         "funnel": {"total", "by_status": {status: n, every status},
                    "reached": [{"stage", "count"}] (applied, interviewing, offer, accepted)},
         "follow_ups": {"grace_hours", "kinds": [...],
                        "total": {"on_time", "late", "missed", "open", "eligible"},
                        "by_kind": [{"kind", "on_time", "late", "missed", "open", "eligible"}]},
         "reply_rates": [{"kind", "replied", "sent", "waiting", "rate" (0..1 or null),
                          "window_days"}],
         "weeks": [{"label" ("2026-W47"), "start" (date), "starts_at", "applications",
                    "interviews", "interactions_out", "actions_done"}] (oldest first),
         "questions": {"threshold", "sources_limit", "recurring": [theme], "singles": [theme],
                       "singles_total"}}
        theme = {"phrasing", "count" (interviews), "mentions" (all of them), "last_seen",
                 "application_ids", "interview_ids" (every one),
                 "sources": [{"application_id", "interview_id", "company", "role", "field",
                              "text", "at"}] (the `sources_limit` most recent, newest first)}
        """
        return {
            "generated_at": _iso(self.generated_at),
            "zone": self.zone,
            "funnel": _funnel_json(self.funnel),
            "follow_ups": _follow_ups_json(self.follow_ups),
            "reply_rates": [_reply_rate_json(r) for r in self.reply_rates],
            "weeks": [_week_json(w) for w in self.weeks],
            "questions": {
                "threshold": THEME_THRESHOLD,
                "sources_limit": LISTED,
                "recurring": [_theme_json(t) for t in self.recurring],
                "singles": [_theme_json(t) for t in self.singles],
                "singles_total": self.singles_total,
            },
        }


@dataclass(frozen=True, slots=True)
class Figures:
    """What the store counted for a report (store/insights.py), before any arithmetic here.

    `by_status`: applications by current status; `reached`: how many reached each stage of
    FUNNEL_STAGES[1:]; `verdicts`: {(kind, verdict): n} of the follow-up actions; `replies`:
    {kind: (replied, sent, waiting)} for each of REPLY_KINDS; `weeks`: {(series, week index):
    n} for the weeks of `week_starts`; `weak`: the weak-question items (application id,
    interview id, company, role, field, text, recorded at), each debrief's together in field
    order (the order of the debriefs does not matter).
    """

    by_status: Mapping[str, int]
    reached: Sequence[int]
    verdicts: Mapping[tuple[str, str], int]
    replies: Mapping[str, tuple[int, int, int]]
    weeks: Mapping[tuple[str, int], int]
    weak: Sequence[tuple[int, int, str, str, str, str, dt.datetime]]


def check(now: dt.datetime, weeks: int) -> None:
    """Refuse what no report can be made for: a naive `now`, `weeks` out of range.

    Raises ValueError (naive now) or ValidationError (field "weeks") unless 1 <= weeks <=
    MAX_WEEKS.
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValidationError("weeks", f"must be between 1 and {MAX_WEEKS}")


def insights(
    figures: Figures,
    now: dt.datetime,
    zone: ZoneInfo,
    weeks: int = 12,
    *,
    follow_up_kinds: Collection[str] = FOLLOW_UP_KINDS,
    singles_cap: int = SINGLES_CAP,
) -> Insights:
    """Return the insights as of `now` (aware) from the store's `figures`, weeks in `zone`.

    Raises what `check` raises.
    """
    check(now, weeks)
    themes = weak_question_themes(figures.weak, zone)
    singles = [t for t in themes if t.count < 2]
    return Insights(
        generated_at=now.astimezone(zone),
        zone=zone.key,
        funnel=funnel(figures.by_status, figures.reached),
        follow_ups=follow_ups(figures.verdicts, follow_up_kinds),
        reply_rates=tuple(
            ReplyRate(kind, *figures.replies.get(kind, (0, 0, 0))) for kind in REPLY_KINDS
        ),
        weeks=weekly_activity(figures.weeks, now, zone, weeks),
        recurring=tuple(t for t in themes if t.count >= 2),
        singles=tuple(sorted(singles, key=lambda t: t.last_seen, reverse=True)[:singles_cap]),
        singles_total=len(singles),
    )


# ---------------------------------------------------------------- JSON shapes


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _funnel_json(f: Funnel) -> dict[str, Any]:
    return {
        "total": f.total,
        "by_status": {s.value: n for s, n in f.by_status},
        "reached": [{"stage": s.value, "count": n} for s, n in f.reached],
    }


def _follow_ups_json(f: FollowUps) -> dict[str, Any]:
    return {
        "grace_hours": GRACE.total_seconds() / 3600,
        "kinds": sorted(FOLLOW_UP_KINDS),
        "total": _counts_json(f.total),
        "by_kind": [{"kind": k, **_counts_json(c)} for k, c in f.by_kind],
    }


def _counts_json(c: FollowUpCounts) -> dict[str, int]:
    return {
        "on_time": c.on_time,
        "late": c.late,
        "missed": c.missed,
        "open": c.open,
        "eligible": c.eligible,
    }


def _reply_rate_json(r: ReplyRate) -> dict[str, Any]:
    return {
        "kind": r.kind,
        "replied": r.replied,
        "sent": r.sent,
        "waiting": r.waiting,
        "rate": None if r.rate is None else round(r.rate, 4),
        "window_days": REPLY_WINDOW.days,
    }


def _week_json(w: Week) -> dict[str, Any]:
    return {
        "label": w.label,
        "start": w.start.isoformat(),
        "starts_at": _iso(w.starts_at),
        **{name: getattr(w, name) for name in WEEK_SERIES},
    }


def _theme_json(t: Theme) -> dict[str, Any]:
    return {
        "phrasing": t.phrasing,
        "count": t.count,
        "mentions": t.mention_count,
        "last_seen": _iso(t.last_seen),
        "application_ids": list(t.application_ids),
        "interview_ids": list(t.interview_ids),
        "sources": [
            {
                "application_id": m.application_id,
                "interview_id": m.interview_id,
                "company": m.company,
                "role": m.role,
                "field": m.field,
                "text": m.text,
                "at": _iso(m.at),
            }
            for m in t.mentions
        ],
    }
