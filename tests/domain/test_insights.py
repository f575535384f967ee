"""Insights: the funnel, follow-up verdicts, reply rates, weekly activity and weak-question themes.

These pin the definitions on the reference implementation (tests/insights_reference: the
computation from every application's facts, as before issue 11); the store's aggregates are
held equal to it by tests/services/test_insights_oracle.py.

DST changes used below (checked with zoneinfo): Europe/Brussels 2026-03-29 and 2026-10-25,
America/New_York 2026-03-08 and 2026-11-01 (all Sundays).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followthrough.domain.errors import ValidationError
from followthrough.domain.model import (
    ActionRecord,
    ActionStatus,
    ApplicationFacts,
    Debrief,
    Interaction,
    InteractionKind,
    PlannedAction,
    Status,
    StatusEvent,
)
from followthrough.domain.themes import question_tokens, similarity, stem
from tests.domain.factories import (
    PLAYBOOK,
    TZ,
    local,
    make_app,
    make_facts,
    make_interaction,
    make_interview,
    make_record,
)
from tests.insights_reference import (
    FOLLOW_UP_KINDS,
    FUNNEL_STAGES,
    GRACE,
    MAX_WEEKS,
    REPLY_WINDOW,
    follow_up_verdict,
    follow_ups,
    funnel,
    insights,
    reply_rate,
    stage_reached,
    weekly_activity,
)
from tests.insights_reference.themes import weak_question_themes

BRUSSELS = ZoneInfo(TZ)
NEW_YORK = ZoneInfo("America/New_York")
#: Friday 20 November 2026, 09:00 in Brussels (the web tests' NOW).
NOW = local(2026, 11, 20, 9, 0)
PROPERTY = settings(max_examples=100, deadline=None)


def planned(key: str, due: dt.datetime, deadline: dt.datetime | None = None) -> PlannedAction:
    """Return the planner's decision for action `key` as the store keeps it."""
    return PlannedAction(
        key=key,
        kind=key.split(":")[0],
        title=key,
        due=due,
        rule=key.split(":")[0],
        sources=(),
        deadline=deadline,
    )


def record(
    key: str,
    status: ActionStatus,
    *,
    due: dt.datetime | None,
    deadline: dt.datetime | None = None,
    done_at: dt.datetime | None = None,
    stored_due: dt.datetime | None = None,
) -> ActionRecord:
    """Return an action record whose planner said `due` (and `deadline`)."""
    base = make_record(key, status, due=stored_due or due, done_at=done_at)
    return replace(base, planned=planned(key, due, deadline)) if due else base


def debrief(interview_id: int, at: dt.datetime, **texts: tuple[str, ...]) -> Debrief:
    """Return a debrief of `interview_id` recorded at `at` with the given text lists."""
    return Debrief(interview_id=interview_id, recorded_at=at, **texts)


# ---------------------------------------------------------------- funnel


@pytest.mark.parametrize(
    ("status", "has_interview", "events", "expected"),
    [
        (Status.APPLIED, False, (), Status.APPLIED),
        (Status.INTERVIEWING, False, (), Status.INTERVIEWING),
        (Status.APPLIED, True, (), Status.INTERVIEWING),  # an invitation is the step
        (Status.REJECTED, True, (Status.REJECTED,), Status.INTERVIEWING),
        (Status.REJECTED, False, (Status.APPLIED, Status.REJECTED), Status.APPLIED),
        (Status.WITHDRAWN, True, (Status.INTERVIEWING, Status.OFFER), Status.OFFER),
        (Status.CLOSED, False, (), Status.APPLIED),
        (Status.OFFER, True, (), Status.OFFER),
        (Status.ACCEPTED, True, (Status.OFFER,), Status.ACCEPTED),
        (Status.REJECTED, True, (Status.OFFER, Status.ACCEPTED, Status.REJECTED), Status.ACCEPTED),
    ],
)
def test_stage_reached(
    status: Status, has_interview: bool, events: tuple[Status, ...], expected: Status
) -> None:
    facts = make_facts(
        make_app(status=status),
        interviews=[make_interview()] if has_interview else [],
        status_events=[StatusEvent(s, local(2026, 11, 1 + n)) for n, s in enumerate(events)],
    )
    assert stage_reached(facts) is expected


def test_funnel_counts_current_statuses_and_the_stages_reached() -> None:
    facts = [
        make_facts(make_app(id=1, status=Status.APPLIED), interviews=[]),
        make_facts(make_app(id=2, status=Status.INTERVIEWING)),
        make_facts(make_app(id=3, status=Status.REJECTED)),  # rejected after an interview
        make_facts(make_app(id=4, status=Status.OFFER)),
        make_facts(make_app(id=5, status=Status.REJECTED), interviews=[]),
    ]
    result = funnel(facts)
    assert result.total == 5
    assert dict(result.by_status) == {
        Status.APPLIED: 1,
        Status.INTERVIEWING: 1,
        Status.OFFER: 1,
        Status.ACCEPTED: 0,
        Status.REJECTED: 2,
        Status.WITHDRAWN: 0,
        Status.CLOSED: 0,
    }
    assert result.reached == (
        (Status.APPLIED, 5),
        (Status.INTERVIEWING, 3),
        (Status.OFFER, 1),
        (Status.ACCEPTED, 0),
    )


def test_funnel_of_nothing_is_all_zeros() -> None:
    result = funnel([])
    assert result.total == 0
    assert all(n == 0 for _, n in result.by_status)
    assert [n for _, n in result.reached] == [0, 0, 0, 0]


app_shapes = st.tuples(
    st.sampled_from(list(Status)),
    st.booleans(),
    st.lists(st.sampled_from(list(Status)), max_size=4),
)


@PROPERTY
@given(st.lists(app_shapes, max_size=12))
def test_funnel_is_monotone_and_totals_agree(
    shapes: list[tuple[Status, bool, list[Status]]],
) -> None:
    facts = [
        make_facts(
            make_app(id=n + 1, status=status),
            interviews=[make_interview(application_id=n + 1)] if has_interview else [],
            status_events=[StatusEvent(s, local(2026, 10, 1 + k)) for k, s in enumerate(events)],
        )
        for n, (status, has_interview, events) in enumerate(shapes)
    ]
    result = funnel(facts)
    counts = [n for _, n in result.reached]
    assert [s for s, _ in result.reached] == list(FUNNEL_STAGES)
    assert counts[0] == result.total == len(facts) == sum(n for _, n in result.by_status)
    assert all(a >= b for a, b in zip(counts, counts[1:], strict=False))
    # whoever is interviewing, has an offer or accepted now has at least reached that stage
    for stage, n in result.reached:
        assert n >= sum(m for s, m in result.by_status if s is stage)


# ---------------------------------------------------------------- follow-ups

DUE = local(2026, 11, 23, 18, 0)
DEADLINE = local(2026, 11, 24, 11, 0)  # interview end + 24 h


@pytest.mark.parametrize(
    ("rec", "now", "expected"),
    [
        # the planner set a deadline (thank-you): it is the line
        (
            record("thank-you:i1:c1", ActionStatus.DONE, due=DUE, deadline=DEADLINE,
                   done_at=local(2026, 11, 24, 10, 59)),
            NOW, "on_time",
        ),
        (
            record("thank-you:i1:c1", ActionStatus.DONE, due=DUE, deadline=DEADLINE,
                   done_at=DEADLINE),
            NOW, "on_time",
        ),
        (
            record("thank-you:i1:c1", ActionStatus.DONE, due=DUE, deadline=DEADLINE,
                   done_at=local(2026, 11, 24, 11, 1)),
            NOW, "late",
        ),
        # no planner deadline (check-in): due + 24 h of grace
        (
            record("check-in:a1:1", ActionStatus.DONE, due=DUE, done_at=DUE + GRACE),
            NOW, "on_time",
        ),
        (
            record("check-in:a1:1", ActionStatus.DONE, due=DUE,
                   done_at=DUE + GRACE + dt.timedelta(minutes=1)),
            NOW, "late",
        ),
        # a snooze moves the stored due, not the planner's: done after the planned grace is late
        (
            record("check-in:a1:1", ActionStatus.DONE, due=DUE,
                   stored_due=DUE + dt.timedelta(days=3), done_at=DUE + dt.timedelta(days=3)),
            NOW, "late",
        ),
        # without a planner record the stored due counts
        (make_record("check-in:a1:1", ActionStatus.DONE, due=DUE, done_at=DUE), NOW, "on_time"),
        # skipped is missed, even before it was due
        (record("check-in:a1:1", ActionStatus.SKIPPED, due=DUE), local(2026, 11, 1), "missed"),
        # still pending: missed after the deadline, open before it
        (record("check-in:a1:1", ActionStatus.PENDING, due=DUE), DUE + GRACE * 2, "missed"),
        (record("check-in:a1:1", ActionStatus.PENDING, due=DUE), DUE + GRACE, "open"),
        (record("check-in:a1:1", ActionStatus.PENDING, due=DUE), DUE - GRACE, "open"),
        (
            record("check-in:a1:1", ActionStatus.SNOOZED, due=DUE,
                   stored_due=DUE + dt.timedelta(days=5)),
            DUE + dt.timedelta(days=2), "missed",
        ),
        # ignored: cancelled, no due at all, done at an unknown time
        (record("check-in:a1:1", ActionStatus.CANCELLED, due=DUE), NOW, None),
        (make_record("check-in:a1:1", ActionStatus.PENDING), NOW, None),
        (record("check-in:a1:1", ActionStatus.DONE, due=DUE), NOW, None),
    ],
)  # fmt: skip
def test_follow_up_verdict(rec: ActionRecord, now: dt.datetime, expected: str | None) -> None:
    assert follow_up_verdict(rec, now) == expected


def test_follow_up_kinds_are_the_playbook_rules_that_send_something() -> None:
    assert {r.kind for r in PLAYBOOK.rules if r.channel != "none"} == FOLLOW_UP_KINDS


def test_follow_ups_count_only_follow_up_kinds_per_kind_and_in_total() -> None:
    facts = make_facts(
        actions=[
            record("thank-you:i1:c1", ActionStatus.DONE, due=DUE, deadline=DEADLINE,
                   done_at=DUE),
            record("thank-you:i1:c2", ActionStatus.DONE, due=DUE, deadline=DEADLINE,
                   done_at=DEADLINE + dt.timedelta(hours=2)),
            record("check-in:a1:1", ActionStatus.SKIPPED, due=DUE),
            record("check-in:a1:2", ActionStatus.PENDING, due=NOW + dt.timedelta(days=3)),
            record("debrief:i1", ActionStatus.SKIPPED, due=DUE),  # not a follow-up
            record("rejection-reply:a1", ActionStatus.CANCELLED, due=DUE),
        ]
    )  # fmt: skip
    result = follow_ups([facts], NOW)
    assert (result.total.on_time, result.total.late, result.total.missed) == (1, 1, 1)
    assert result.total.open == 1
    assert result.total.eligible == 3
    by_kind = dict(result.by_kind)
    assert [k for k, _ in result.by_kind] == sorted(FOLLOW_UP_KINDS)
    assert (by_kind["thank-you"].on_time, by_kind["thank-you"].late) == (1, 1)
    assert (by_kind["check-in"].missed, by_kind["check-in"].open) == (1, 1)
    assert by_kind["rejection-reply"].eligible == 0


action_shapes = st.tuples(
    st.sampled_from(sorted(FOLLOW_UP_KINDS | {"debrief", "company-research"})),
    st.sampled_from(list(ActionStatus)),
    st.integers(-20 * 24, 20 * 24),  # due, hours from NOW
    st.one_of(st.none(), st.integers(0, 72)),  # deadline, hours after due
    st.one_of(st.none(), st.integers(-10 * 24, 30 * 24)),  # done_at, hours from due
)


@PROPERTY
@given(st.lists(action_shapes, max_size=25))
def test_verdicts_never_exceed_the_eligible_actions(
    shapes: list[tuple[str, ActionStatus, int, int | None, int | None]],
) -> None:
    records = []
    for n, (kind, status, due_h, deadline_h, done_h) in enumerate(shapes):
        due = NOW + dt.timedelta(hours=due_h)
        records.append(
            record(
                f"{kind}:a1:{n}",
                status,
                due=due,
                deadline=None if deadline_h is None else due + dt.timedelta(hours=deadline_h),
                done_at=None if done_h is None else due + dt.timedelta(hours=done_h),
            )
        )
    result = follow_ups([make_facts(actions=records)], NOW)
    eligible = [
        r for r in records if r.kind in FOLLOW_UP_KINDS and r.status is not ActionStatus.CANCELLED
    ]
    total = result.total
    assert total.on_time + total.late + total.missed + total.open <= len(eligible)
    assert total.on_time + total.late + total.missed == total.eligible <= len(eligible)
    skipped = sum(r.status is ActionStatus.SKIPPED for r in eligible)
    assert total.missed >= skipped
    assert sum(c.eligible for _, c in result.by_kind) == total.eligible


# ---------------------------------------------------------------- reply rates

SENT = local(2026, 10, 12, 10, 0)


def thank_you_sent(at: dt.datetime = SENT, id: int = 500) -> Interaction:
    return make_interaction(at, InteractionKind.EMAIL_OUT, id=id, action_kind="thank-you")


@pytest.mark.parametrize(
    ("reply_after", "kind", "expected"),
    [
        (dt.timedelta(days=3), InteractionKind.EMAIL_IN, (1, 1, 0)),
        (REPLY_WINDOW, InteractionKind.MESSAGE_IN, (1, 1, 0)),
        (REPLY_WINDOW + dt.timedelta(minutes=1), InteractionKind.EMAIL_IN, (0, 1, 0)),
        (-dt.timedelta(hours=1), InteractionKind.EMAIL_IN, (0, 1, 0)),  # before the send
        (dt.timedelta(days=1), InteractionKind.CALL, (0, 1, 0)),  # a call has no direction
        (dt.timedelta(days=1), InteractionKind.EMAIL_OUT, (0, 1, 0)),
    ],
)
def test_reply_rate_after_thank_you(
    reply_after: dt.timedelta, kind: InteractionKind, expected: tuple[int, int, int]
) -> None:
    facts = make_facts(
        interactions=[thank_you_sent(), make_interaction(SENT + reply_after, kind, id=501)]
    )
    rate = reply_rate([facts], "thank-you", NOW)
    assert (rate.replied, rate.sent, rate.waiting) == expected


def test_a_send_whose_window_is_open_waits_outside_the_denominator() -> None:
    recent = NOW - dt.timedelta(days=2)
    facts = make_facts(interactions=[thank_you_sent(recent)])
    rate = reply_rate([facts], "thank-you", NOW)
    assert (rate.replied, rate.sent, rate.waiting, rate.rate) == (0, 0, 1, None)


def test_a_reply_on_another_application_does_not_count() -> None:
    mine = make_facts(interactions=[thank_you_sent()])
    other = make_facts(
        make_app(id=2),
        interactions=[
            replace(
                make_interaction(SENT + dt.timedelta(days=1), InteractionKind.EMAIL_IN, id=9),
                application_id=2,
            )
        ],
    )
    rate = reply_rate([mine, other], "thank-you", NOW)
    assert (rate.replied, rate.sent) == (0, 1)


def test_a_done_action_and_its_logged_exchange_are_one_send() -> None:
    check_in = make_interaction(SENT, InteractionKind.EMAIL_OUT, action_kind="check-in")
    facts = make_facts(
        interactions=[check_in],
        actions=[
            make_record("check-in:a1:1", due=SENT, done_at=SENT),  # logged above
            make_record("check-in:a1:2", due=SENT, done_at=SENT + dt.timedelta(days=7)),  # not
            make_record("check-in:a1:3", ActionStatus.PENDING, due=NOW),
        ],
    )
    reply = make_interaction(SENT + dt.timedelta(days=8), InteractionKind.EMAIL_IN, id=2)
    facts = replace(facts, interactions=(check_in, reply))
    rate = reply_rate([facts], "check-in", NOW)
    # the first check-in's reply window holds the reply of day 8, and so does the second's
    assert (rate.replied, rate.sent, rate.waiting) == (2, 2, 0)
    assert rate.rate == 1.0


def test_sends_after_now_are_ignored() -> None:
    facts = make_facts(interactions=[thank_you_sent(NOW + dt.timedelta(hours=1))])
    rate = reply_rate([facts], "thank-you", NOW)
    assert (rate.replied, rate.sent, rate.waiting) == (0, 0, 0)


# ---------------------------------------------------------------- weekly activity


def created(at: dt.datetime, id: int = 1) -> ApplicationFacts:
    return make_facts(make_app(id=id, created_at=at), interviews=[])


@pytest.mark.parametrize(
    ("zone", "now", "monday_before", "monday_after"),
    [
        ("Europe/Brussels", local(2026, 10, 28, 12), dt.date(2026, 10, 19), dt.date(2026, 10, 26)),
        ("Europe/Brussels", local(2026, 4, 1, 12), dt.date(2026, 3, 23), dt.date(2026, 3, 30)),
        (
            "America/New_York",
            local(2026, 11, 4, 12, tz="America/New_York"),
            dt.date(2026, 10, 26),
            dt.date(2026, 11, 2),
        ),
        (
            "America/New_York",
            local(2026, 3, 11, 12, tz="America/New_York"),
            dt.date(2026, 3, 2),
            dt.date(2026, 3, 9),
        ),
    ],
)
def test_weeks_across_a_dst_change_start_at_local_midnight_on_monday(
    zone: str, now: dt.datetime, monday_before: dt.date, monday_after: dt.date
) -> None:
    tz = ZoneInfo(zone)
    sunday = monday_after - dt.timedelta(days=1)
    late_sunday = dt.datetime.combine(sunday, dt.time(23, 30), tzinfo=tz)
    early_monday = dt.datetime.combine(monday_after, dt.time(0, 30), tzinfo=tz)
    facts = [created(late_sunday, 1), created(early_monday, 2), created(early_monday, 3)]
    weeks = weekly_activity(facts, now, tz, weeks=3)
    assert [w.start for w in weeks] == [
        monday_before - dt.timedelta(days=7),
        monday_before,
        monday_after,
    ]
    for w in weeks:
        assert w.start.weekday() == 0
        local_start = w.starts_at.astimezone(tz)
        assert (local_start.date(), local_start.time()) == (w.start, dt.time(0))
    # the DST change happened on the Sunday: the two Mondays have different UTC offsets, so the
    # week is 167 or 169 hours long in elapsed time, never 168
    elapsed = weeks[2].starts_at.astimezone(dt.UTC) - weeks[1].starts_at.astimezone(dt.UTC)
    assert elapsed in (dt.timedelta(hours=167), dt.timedelta(hours=169))
    assert [w.applications for w in weeks] == [0, 1, 2]
    assert (
        weeks[2].label
        == f"{monday_after.isocalendar().year}-W{monday_after.isocalendar().week:02d}"
    )


def test_weekly_activity_counts_each_series_and_nothing_after_now() -> None:
    monday = local(2026, 11, 16, 9)
    iv = make_interview(local(2026, 11, 17, 11))
    future_iv = make_interview(local(2026, 11, 26, 11), id=101)
    facts = make_facts(
        make_app(created_at=monday),
        interviews=[iv, future_iv],
        interactions=[
            make_interaction(local(2026, 11, 17, 15), InteractionKind.EMAIL_OUT, id=1),
            make_interaction(local(2026, 11, 18, 15), InteractionKind.EMAIL_IN, id=2),
            make_interaction(local(2026, 11, 19, 15), InteractionKind.CALL, id=3),
        ],
        actions=[
            make_record("debrief:i100", due=monday, done_at=local(2026, 11, 17, 14)),
            make_record("check-in:a1:1", ActionStatus.SKIPPED, due=monday),
        ],
    )
    weeks = weekly_activity([facts], NOW, BRUSSELS, weeks=2)
    assert [w.label for w in weeks] == ["2026-W46", "2026-W47"]
    this_week = weeks[-1]
    assert (
        this_week.applications,
        this_week.interviews,
        this_week.interactions_out,
        this_week.actions_done,
    ) == (1, 1, 2, 1)
    assert weeks[0].applications == weeks[0].interviews == 0


@PROPERTY
@given(
    zone=st.sampled_from(["Europe/Brussels", "America/New_York"]),
    now_s=st.integers(0, 400 * 86400),
    back_s=st.integers(0, 6 * 7 * 86400),
    weeks=st.integers(1, 5),
)
def test_every_event_lands_in_the_local_week_that_holds_it(
    zone: str, now_s: int, back_s: int, weeks: int
) -> None:
    tz = ZoneInfo(zone)
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=now_s)
    event = now - dt.timedelta(seconds=back_s)
    result = weekly_activity([created(event)], now, tz, weeks)
    assert len(result) == weeks
    ends = [w.starts_at for w in result[1:]] + [
        dt.datetime.combine(result[-1].start + dt.timedelta(days=7), dt.time(0), tzinfo=tz)
    ]
    holders = [w for w, end in zip(result, ends, strict=True) if w.starts_at <= event < end]
    assert sum(w.applications for w in result) == len(holders)
    assert all(w.applications == 1 for w in holders)
    assert result[-1].starts_at <= now < ends[-1]
    for w in result:
        assert w.start.weekday() == 0
        assert w.starts_at.astimezone(tz).time() == dt.time(0)


@pytest.mark.parametrize("weeks", [0, -1, MAX_WEEKS + 1])
def test_weeks_must_be_in_range(weeks: int) -> None:
    with pytest.raises(ValidationError, match="^weeks: must be between 1 and 104$"):
        insights([], NOW, BRUSSELS, weeks=weeks)


# ---------------------------------------------------------------- weak questions


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("weaknesses", "weakness"),
        ("weakness", "weakness"),
        ("companies", "company"),
        ("failing", "fail"),
        ("failed", "fail"),
        ("fail", "fail"),
        ("running", "run"),
        ("falling", "fall"),
        ("analysis", "analysis"),
        ("status", "status"),
        ("need", "need"),
    ],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_leave_and_leaving_share_a_stem() -> None:
    assert stem("leave") == stem("leaving") == stem("leaves")


@pytest.mark.parametrize(
    ("a", "b", "together"),
    [
        ("Tell me about a time you failed", "tell me about a time when you failed?", True),
        ("Tell me about a time you failed", "Describe a situation where you failed.", True),
        ("What is your greatest weakness?", "What are your weaknesses", True),
        ("Salary expectations", "What are your salary expectations?", True),
        ("Why do you want to leave your current job?", "Why are you leaving your job", True),
        ("Tell me about a time you failed", "Tell me about a time you led a team", False),
        ("Tell me about a time you failed", "Tell me about a time you succeeded", False),
        ("What is your greatest weakness?", "What is your greatest strength?", False),
        ("Explain a REST API", "Design a rate limiter", False),
    ],
)
def test_near_duplicates_group_and_distinct_questions_do_not(
    a: str, b: str, together: bool
) -> None:
    facts = make_facts(
        interviews=[make_interview(id=100), make_interview(local(2026, 11, 30, 11), id=101)],
        debriefs=[
            debrief(100, local(2026, 11, 23, 13), unprepared_questions=(a,)),
            debrief(101, local(2026, 11, 30, 13), weak_answers=(b,)),
        ],
    )
    themes = weak_question_themes([facts], BRUSSELS)
    assert len(themes) == (1 if together else 2)
    if together:
        assert themes[0].count == 2
        assert themes[0].interview_ids == (100, 101)


def test_recurring_themes_sort_by_count_then_recency_and_list_their_sources() -> None:
    ivs = [make_interview(local(2026, 11, 2 + 7 * n, 11), id=100 + n) for n in range(4)]
    acme = make_facts(
        interviews=ivs[:2],
        debriefs=[
            debrief(100, local(2026, 11, 2, 13), unprepared_questions=("Salary expectations?",),
                    floundered=("Tell me about a time you failed",)),
            debrief(101, local(2026, 11, 9, 13), weak_answers=("Why should we hire you?",),
                    floundered=("tell me about a time when you failed",)),
        ],
    )  # fmt: skip
    globex = make_facts(
        make_app(id=2, company="Globex"),
        interviews=[replace(iv, application_id=2) for iv in ivs[2:]],
        debriefs=[
            debrief(102, local(2026, 11, 16, 13),
                    unprepared_questions=("What are your salary expectations",),
                    weak_answers=("Why should we hire you",)),
            debrief(103, local(2026, 11, 23, 13),
                    unprepared_questions=("Failure: describe a time you failed!",)),
        ],
    )  # fmt: skip
    result = insights([acme, globex], NOW, BRUSSELS)
    phrasings = [t.phrasing for t in result.recurring]
    assert [t.count for t in result.recurring] == [3, 2, 2]
    assert "failed" in phrasings[0].casefold()
    # salary and hire both count 2 and were both last seen on 16 Nov at 13:00: by phrasing, and
    # each theme is worded the latest way the user wrote it
    assert phrasings[1:] == ["What are your salary expectations", "Why should we hire you"]
    failed = result.recurring[0]
    assert failed.application_ids == (1, 2)
    assert failed.interview_ids == (100, 101, 103)
    assert failed.last_seen == local(2026, 11, 23, 13)
    assert [m.at for m in failed.mentions] == sorted((m.at for m in failed.mentions), reverse=True)
    assert result.singles == ()


def test_the_same_question_twice_in_one_debrief_is_not_recurring() -> None:
    facts = make_facts(
        debriefs=[
            debrief(
                100,
                local(2026, 11, 23, 13),
                unprepared_questions=("Why this company?",),
                weak_answers=("why this company",),
            )
        ]
    )
    result = insights([facts], NOW, BRUSSELS)
    assert result.recurring == ()
    assert len(result.singles) == 1
    assert (result.singles[0].count, len(result.singles[0].mentions)) == (1, 2)


def test_singles_are_capped_most_recent_first() -> None:
    words = [f"topic{n} question{n}" for n in range(15)]
    ivs = [make_interview(local(2026, 10, 1 + n, 11), id=100 + n) for n in range(15)]
    facts = make_facts(
        interviews=ivs,
        debriefs=[
            debrief(100 + n, local(2026, 10, 1 + n, 13), unprepared_questions=(w,))
            for n, w in enumerate(words)
        ],
    )
    result = insights([facts], NOW, BRUSSELS, singles_cap=5)
    assert result.singles_total == 15
    assert [t.phrasing for t in result.singles] == [words[n] for n in range(14, 9, -1)]


def test_blank_and_wordless_items_are_ignored() -> None:
    facts = make_facts(debriefs=[debrief(100, NOW, floundered=("", "   ", "?!", "-"))])
    assert weak_question_themes([facts], BRUSSELS) == []


texts = st.sampled_from(
    [
        "Tell me about a time you failed",
        "tell me about a time when you failed?",
        "What is your greatest weakness?",
        "Weaknesses",
        "Salary expectations",
        "Why this company",
        "Explain a REST API",
        "REST APIs",
        "Design a rate limiter",
        "?!",
    ]
)


@PROPERTY
@given(st.lists(st.lists(texts, min_size=1, max_size=3), min_size=1, max_size=8), st.randoms())
def test_themes_do_not_depend_on_input_order(items: list[list[str]], rnd: random.Random) -> None:
    def facts_of(order: list[int]) -> list[ApplicationFacts]:
        return [
            make_facts(
                make_app(id=n + 1),
                interviews=[make_interview(application_id=n + 1, id=100 + n)],
                debriefs=[debrief(100 + n, local(2026, 11, 1 + n, 13), floundered=tuple(items[n]))],
            )
            for n in order
        ]

    order = list(range(len(items)))
    shuffled = order[:]
    rnd.shuffle(shuffled)

    def shape(facts: list[ApplicationFacts]) -> set[frozenset[tuple[int, str]]]:
        return {
            frozenset((m.interview_id, m.text) for m in t.mentions)
            for t in weak_question_themes(facts, BRUSSELS)
        }

    first, second = facts_of(order), facts_of(shuffled)
    assert shape(first) == shape(second)
    themes = weak_question_themes(first, BRUSSELS)
    worded = [text for texts in items for text in texts if question_tokens(text)]
    assert sum(len(t.mentions) for t in themes) == len(worded)
    keys = [(-t.count, -t.last_seen.timestamp()) for t in themes]
    assert keys == sorted(keys)


@PROPERTY
@given(st.text(max_size=40), st.text(max_size=40))
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    ta, tb = question_tokens(a), question_tokens(b)
    assert similarity(ta, tb) == similarity(tb, ta)
    assert 0.0 <= similarity(ta, tb) <= 1.0
    if ta:
        assert similarity(ta, ta) == 1.0


# ---------------------------------------------------------------- as_json


def test_as_json_has_the_documented_shape_and_is_json() -> None:
    facts = make_facts(
        interactions=[thank_you_sent()],
        actions=[record("thank-you:i100:c10", ActionStatus.DONE, due=DUE, done_at=DUE)],
        debriefs=[debrief(100, local(2026, 11, 23, 13), weak_answers=("Why us?",))],
    )
    out = insights([facts], NOW, BRUSSELS, weeks=4).as_json()
    assert json.loads(json.dumps(out)) == out
    assert set(out) == {
        "generated_at",
        "zone",
        "funnel",
        "follow_ups",
        "reply_rates",
        "weeks",
        "questions",
    }
    assert out["generated_at"] == "2026-11-20T09:00:00+01:00"
    assert out["zone"] == "Europe/Brussels"
    assert out["funnel"]["reached"][0] == {"stage": "applied", "count": 1}
    assert list(out["funnel"]["by_status"]) == [s.value for s in Status]
    assert out["follow_ups"]["total"] == {
        "on_time": 1,
        "late": 0,
        "missed": 0,
        "open": 0,
        "eligible": 1,
    }
    assert out["follow_ups"]["grace_hours"] == 24
    assert [r["kind"] for r in out["reply_rates"]] == ["thank-you", "check-in"]
    assert out["reply_rates"][0] == {
        "kind": "thank-you",
        "replied": 0,
        "sent": 1,
        "waiting": 0,
        "rate": 0.0,
        "window_days": 14,
    }
    assert out["reply_rates"][1]["rate"] is None
    assert len(out["weeks"]) == 4
    assert out["weeks"][-1] == {
        "label": "2026-W47",
        "start": "2026-11-16",
        "starts_at": "2026-11-16T00:00:00+01:00",
        "applications": 0,
        "interviews": 0,
        "interactions_out": 0,
        "actions_done": 0,
    }
    questions = out["questions"]
    assert (questions["threshold"], questions["recurring"], questions["singles_total"]) == (
        0.5,
        [],
        1,
    )
    single = questions["singles"][0]
    assert single["phrasing"] == "Why us?"
    assert single["sources"] == [
        {
            "application_id": 1,
            "interview_id": 100,
            "company": "ACME",
            "role": "Data Engineer",
            "field": "weak_answers",
            "text": "Why us?",
            "at": "2026-11-23T13:00:00+01:00",
        }
    ]


def test_insights_needs_an_aware_now() -> None:
    with pytest.raises(ValueError, match="aware"):
        insights([], dt.datetime(2026, 11, 20, 9), BRUSSELS)
