"""Insights over the whole job search: funnel, follow-ups, reply rates, activity, weak spots.

Pure arithmetic on `ApplicationFacts`: the caller passes `now` and the user's zone, nothing here
reads a clock or a store. Definitions (the numbers a user sees must mean one thing):

* **Funnel.** `by_status` counts applications by their current status. `reached` is cumulative:
  an application reached *interviewing* if it has any interview (scheduled ones included: the
  invitation is the step) or any status event / current status at or past interviewing; *offer*
  and *accepted* likewise from status events and the current status. Reaching a stage implies
  reaching every earlier one, so the counts never increase along the funnel.
* **Follow-ups.** Actions of the outgoing-message kinds (`FOLLOW_UP_KINDS`: every playbook rule
  whose channel is not "none"). An action's deadline is the planner's `deadline` when it set one
  (thank-you: interview end + 24 h), otherwise its planned due + `GRACE` (24 h of elapsed time).
  The planned due (`ActionRecord.planned.due`) is used rather than the stored due so that a
  snooze does not move the goalposts; without a planner record the stored due is used.
  *on time*: done at or before the deadline; *late*: done after it; *missed*: skipped, or still
  pending/snoozed after the deadline at `now`; *open*: pending and not yet past its deadline
  (not counted). Cancelled actions, and actions without any due or done without a done time,
  are ignored.
* **Reply rates** after thank-you and check-in. A send is an outgoing interaction carrying that
  `action_kind`, or a done action of that kind with no such interaction within a minute of its
  `done_at` (so the same send is never counted twice). It is *replied* when an inbound
  interaction (e-mail or message in) on the same application follows within `REPLY_WINDOW`
  (14 days). Sends whose window is still open without a reply are *waiting* and left out of the
  denominator, so a fresh thank-you does not drag the rate down.
* **Weekly activity.** The last `weeks` ISO weeks (Monday to Sunday) in the user's zone, the
  current week last. Events are bucketed by their local calendar date, so a DST change never
  moves an event into the wrong week. Only events at or before `now` count: applications added
  (`created_at`), interviews (`start`), interactions out (every interaction that is not inbound;
  calls count as out) and actions done (`done_at`).
* **Weak questions.** Items of `unprepared_questions`, `weak_answers` and `floundered` across all
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
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from followthrough.domain.errors import ValidationError
from followthrough.domain.model import (
    IMPORTED_PAST,
    ActionRecord,
    ActionStatus,
    ApplicationFacts,
    Status,
)
from followthrough.domain.themes import THEME_THRESHOLD, Theme, weak_question_themes

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
#: The sends whose reply rate is reported.
REPLY_KINDS = ("thank-you", "check-in")
#: An inbound message this soon after a send counts as its reply.
REPLY_WINDOW = dt.timedelta(days=14)
#: An action without a planner deadline is late this long after its planned due.
GRACE = dt.timedelta(hours=24)
#: The longest activity history one request may ask for (two years).
MAX_WEEKS = 104
#: How many one-off weak questions are returned (the most recent).
SINGLES_CAP = 10
#: A done action and a logged interaction this close together are the same send.
_SAME_SEND = dt.timedelta(minutes=1)

#: The cumulative funnel, in order.
FUNNEL_STAGES = (Status.APPLIED, Status.INTERVIEWING, Status.OFFER, Status.ACCEPTED)
_RANK = {status: rank for rank, status in enumerate(FUNNEL_STAGES)}


@dataclass(frozen=True, slots=True)
class Funnel:
    """Applications by current status, and how many ever reached each funnel stage."""

    total: int
    by_status: tuple[tuple[Status, int], ...]
    reached: tuple[tuple[Status, int], ...]


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


@dataclass(frozen=True, slots=True)
class ReplyRate:
    """Of `sent` sends of `kind` whose reply window is over or answered, `replied` got an answer."""

    kind: str
    replied: int
    sent: int
    waiting: int

    @property
    def rate(self) -> float | None:
        """Return replied / sent, or None when nothing was sent."""
        return self.replied / self.sent if self.sent else None


@dataclass(frozen=True, slots=True)
class Week:
    """Activity of one ISO week in the user's zone."""

    start: dt.date
    starts_at: dt.datetime
    label: str
    applications: int = 0
    interviews: int = 0
    interactions_out: int = 0
    actions_done: int = 0


#: The counters of a Week, in display order.
WEEK_SERIES = ("applications", "interviews", "interactions_out", "actions_done")


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
         "questions": {"threshold", "recurring": [theme], "singles": [theme], "singles_total"}}
        theme = {"phrasing", "count", "mentions", "last_seen", "application_ids", "interview_ids",
                 "sources": [{"application_id", "interview_id", "company", "role", "field",
                              "text", "at"}] (most recent first)}
        """
        return {
            "generated_at": _iso(self.generated_at),
            "zone": self.zone,
            "funnel": {
                "total": self.funnel.total,
                "by_status": {s.value: n for s, n in self.funnel.by_status},
                "reached": [{"stage": s.value, "count": n} for s, n in self.funnel.reached],
            },
            "follow_ups": {
                "grace_hours": GRACE.total_seconds() / 3600,
                "kinds": sorted(FOLLOW_UP_KINDS),
                "total": _counts_json(self.follow_ups.total),
                "by_kind": [{"kind": k, **_counts_json(c)} for k, c in self.follow_ups.by_kind],
            },
            "reply_rates": [
                {
                    "kind": r.kind,
                    "replied": r.replied,
                    "sent": r.sent,
                    "waiting": r.waiting,
                    "rate": None if r.rate is None else round(r.rate, 4),
                    "window_days": REPLY_WINDOW.days,
                }
                for r in self.reply_rates
            ],
            "weeks": [
                {
                    "label": w.label,
                    "start": w.start.isoformat(),
                    "starts_at": _iso(w.starts_at),
                    **{name: getattr(w, name) for name in WEEK_SERIES},
                }
                for w in self.weeks
            ],
            "questions": {
                "threshold": THEME_THRESHOLD,
                "recurring": [_theme_json(t) for t in self.recurring],
                "singles": [_theme_json(t) for t in self.singles],
                "singles_total": self.singles_total,
            },
        }


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _counts_json(c: FollowUpCounts) -> dict[str, int]:
    return {
        "on_time": c.on_time,
        "late": c.late,
        "missed": c.missed,
        "open": c.open,
        "eligible": c.eligible,
    }


def _theme_json(t: Theme) -> dict[str, Any]:
    return {
        "phrasing": t.phrasing,
        "count": t.count,
        "mentions": len(t.mentions),
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


def insights(
    facts: Sequence[ApplicationFacts],
    now: dt.datetime,
    zone: ZoneInfo,
    weeks: int = 12,
    *,
    follow_up_kinds: Collection[str] = FOLLOW_UP_KINDS,
    singles_cap: int = SINGLES_CAP,
) -> Insights:
    """Return the insights over `facts` as of `now` (aware), with weeks in `zone`.

    Raises ValidationError (field "weeks") unless 1 <= weeks <= MAX_WEEKS.
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValidationError("weeks", f"must be between 1 and {MAX_WEEKS}")
    local_now = now.astimezone(zone)
    themes = weak_question_themes(facts, zone)
    singles = [t for t in themes if t.count < 2]
    return Insights(
        generated_at=local_now,
        zone=zone.key,
        funnel=funnel(facts),
        follow_ups=follow_ups(facts, now, follow_up_kinds),
        reply_rates=tuple(reply_rate(facts, kind, now) for kind in REPLY_KINDS),
        weeks=weekly_activity(facts, now, zone, weeks),
        recurring=tuple(t for t in themes if t.count >= 2),
        singles=tuple(sorted(singles, key=lambda t: t.last_seen, reverse=True)[:singles_cap]),
        singles_total=len(singles),
    )


# ---------------------------------------------------------------- funnel


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


# ---------------------------------------------------------------- follow-ups


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


# ---------------------------------------------------------------- reply rates


def sends(facts: ApplicationFacts, kind: str, now: dt.datetime) -> list[dt.datetime]:
    """Return the moments (at or before `now`) a message of `kind` went out, oldest first."""
    logged = [
        i.at for i in facts.interactions if not i.inbound and i.action_kind == kind and i.at <= now
    ]
    done = [
        r.done_at
        for r in facts.actions.values()
        if r.kind == kind
        and r.status is ActionStatus.DONE
        and r.done_at is not None
        and r.done_at <= now
        and not any(abs(r.done_at - at) <= _SAME_SEND for at in logged)
    ]
    return sorted(logged + done)


def reply_rate(
    facts: Sequence[ApplicationFacts],
    kind: str,
    now: dt.datetime,
    window: dt.timedelta = REPLY_WINDOW,
) -> ReplyRate:
    """Return how many sends of `kind` got an inbound message on their application in `window`."""
    replied = sent = waiting = 0
    for f in facts:
        inbound = [i.at for i in f.interactions if i.inbound and i.at <= now]
        for at in sends(f, kind, now):
            if any(at < reply <= at + window for reply in inbound):
                replied += 1
                sent += 1
            elif now < at + window:
                waiting += 1
            else:
                sent += 1
    return ReplyRate(kind=kind, replied=replied, sent=sent, waiting=waiting)


# ---------------------------------------------------------------- weekly activity


def week_start(moment: dt.datetime, zone: ZoneInfo) -> dt.date:
    """Return the local date of the Monday that starts `moment`'s ISO week in `zone`."""
    day = moment.astimezone(zone).date()
    return day - dt.timedelta(days=day.weekday())


def weekly_activity(
    facts: Sequence[ApplicationFacts], now: dt.datetime, zone: ZoneInfo, weeks: int = 12
) -> tuple[Week, ...]:
    """Return the activity of the last `weeks` ISO weeks in `zone` (the current one last)."""
    current = week_start(now, zone)
    starts = [current - dt.timedelta(weeks=k) for k in reversed(range(weeks))]
    counts: dict[dt.date, Counter[str]] = {s: Counter() for s in starts}
    for series, moment in _events(facts):
        if moment <= now:
            bucket = counts.get(week_start(moment, zone))
            if bucket is not None:
                bucket[series] += 1
    return tuple(
        Week(
            start=s,
            starts_at=dt.datetime.combine(s, dt.time(0), tzinfo=zone),
            label=f"{s.isocalendar().year}-W{s.isocalendar().week:02d}",
            **{name: counts[s][name] for name in WEEK_SERIES},
        )
        for s in starts
    )


def _events(facts: Iterable[ApplicationFacts]) -> Iterable[tuple[str, dt.datetime]]:
    for f in facts:
        if f.application.created_at is not None:
            yield "applications", f.application.created_at
        for iv in f.interviews:
            yield "interviews", iv.start
        for i in f.interactions:
            if not i.inbound:
                yield "interactions_out", i.at
        for r in f.actions.values():
            if r.status is ActionStatus.DONE and r.done_at is not None:
                yield "actions_done", r.done_at
