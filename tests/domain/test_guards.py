"""The guards of PRODUCT.md §1.2: pure verdicts on an outgoing message."""

from __future__ import annotations

import pytest

from followthrough.domain import guards
from followthrough.domain.guards import Outgoing
from followthrough.domain.model import InteractionKind, Status
from tests.domain.factories import (
    INTERVIEWER_ID,
    RECRUITER_ID,
    local,
    make_app,
    make_facts,
    make_interaction,
    make_interview,
    make_recruiter_app,
    policy_from_playbook,
    workweek,
)

WEEK = workweek()
POLICY = policy_from_playbook()
INTERVIEW_END = local(2026, 11, 23, 11, 0)  # Monday


def warned(out: Outgoing, facts: object) -> list[str]:
    return [v.guard for v in guards.check_outgoing(out, facts, WEEK, POLICY)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("at", "kind", "text", "expected"),
    [
        (local(2026, 11, 23, 15, 0), "check-in", "", True),  # same day as the interview
        (local(2026, 11, 23, 23, 59), None, "Any news on a decision?", True),
        (local(2026, 11, 24, 0, 1), "check-in", "", False),  # the next calendar day
        (local(2026, 11, 23, 15, 0), "thank-you", "Thank you for today", False),
        (local(2026, 11, 23, 15, 0), None, "Thanks, see attached", True),  # free e-mail = chase
    ],
)
def test_same_day_chase(at, kind, text, expected) -> None:
    facts = make_facts(interviews=[make_interview(INTERVIEW_END)])
    verdict = guards.same_day_chase(Outgoing(at=at, kind=kind, text=text), facts, WEEK)
    assert (verdict.level == "warn") is expected
    if expected:
        assert verdict.sources == ("mining-people",)


@pytest.mark.parametrize(
    ("previous_day", "day", "expected"),
    [
        # a follow-up on day D blocks D+1 ... D+6 (calendar dates in the user's zone)
        ((2026, 11, 27, 15, 0), (2026, 11, 28, 9, 0), True),
        ((2026, 11, 27, 15, 0), (2026, 12, 3, 23, 30), True),  # D+6, late evening
        ((2026, 11, 27, 15, 0), (2026, 12, 4, 0, 5), False),  # D+7, just after midnight
        ((2026, 11, 27, 15, 0), (2026, 11, 27, 16, 0), True),  # twice the same day
    ],
)
def test_cadence_counts_calendar_days(previous_day, day, expected) -> None:
    earlier = make_interaction(local(*previous_day), follow_up=True)
    facts = make_facts(interactions=[earlier])
    verdict = guards.cadence(Outgoing(at=local(*day), kind="check-in"), facts, WEEK, POLICY)
    assert (verdict.level == "warn") is expected


def test_cadence_ignores_thank_you_and_replies() -> None:
    earlier = make_interaction(local(2026, 11, 27, 15, 0), follow_up=True)
    facts = make_facts(interactions=[earlier])
    at = local(2026, 11, 28, 10, 0)
    assert guards.cadence(Outgoing(at=at, kind="thank-you"), facts, WEEK, POLICY).ok
    assert guards.cadence(Outgoing(at=at, reply=True), facts, WEEK, POLICY).ok
    # an exchange that was not a follow-up does not block
    quiet = make_facts(interactions=[make_interaction(local(2026, 11, 27, 15, 0))])
    assert guards.cadence(Outgoing(at=at, kind="check-in"), quiet, WEEK, POLICY).ok


def test_cadence_across_dst_in_new_york() -> None:
    week = workweek("America/New_York", "US")
    earlier = make_interaction(local(2026, 10, 26, 17, 0, tz="America/New_York"), follow_up=True)
    facts = make_facts(interactions=[earlier])
    sunday_after_dst = local(2026, 11, 1, 23, 30, tz="America/New_York")  # D+6
    monday = local(2026, 11, 2, 0, 30, tz="America/New_York")  # D+7
    assert not guards.cadence(
        Outgoing(at=sunday_after_dst, kind="check-in"), facts, week, POLICY
    ).ok
    assert guards.cadence(Outgoing(at=monday, kind="check-in"), facts, week, POLICY).ok


def test_channel_guard_in_a_recruiter_led_process() -> None:
    at = local(2026, 11, 25, 10, 0)
    facts = make_facts(make_recruiter_app())
    to_interviewer = Outgoing(at=at, recipient_id=INTERVIEWER_ID)
    assert guards.channel(to_interviewer, facts).level == "warn"
    assert guards.channel(Outgoing(at=at, kind="thank-you", recipient_id=INTERVIEWER_ID), facts).ok
    assert guards.channel(Outgoing(at=at, recipient_id=RECRUITER_ID), facts).ok
    offer = make_facts(make_recruiter_app(status=Status.OFFER))
    assert guards.channel(to_interviewer, offer).ok
    direct = make_facts(make_app())
    assert guards.channel(to_interviewer, direct).ok


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Is there an update on the timeline?", False),
        ("Could you tell me where the process stands?", False),
        ("How big is the data team, and what stack do you use?", True),
        ("I remain very interested. Thank you.", False),
    ],
)
def test_new_questions_shows_both_sources(text, expected) -> None:
    verdict = guards.new_questions(
        Outgoing(at=local(2026, 12, 1, 10, 0), kind="check-in", text=text)
    )
    assert (verdict.level == "warn") is expected
    if expected:
        assert verdict.sources == ("mining-people", "brightcareer")


def test_linkedin_interviewer_follows_the_policy() -> None:
    at = local(2026, 11, 24, 10, 0)
    out = Outgoing(
        at=at, kind="linkedin-interviewer", recipient_id=INTERVIEWER_ID, channel="linkedin"
    )
    facts = make_facts()
    assert guards.linkedin_interviewer(out, facts, POLICY).level == "warn"
    relaxed = policy_from_playbook(linkedin_interviewer="after-interview")
    assert guards.linkedin_interviewer(out, facts, relaxed).ok
    assert guards.linkedin_interviewer(out, make_facts(make_app(status=Status.OFFER)), POLICY).ok


def test_check_outgoing_collects_every_warning() -> None:
    facts = make_facts(
        make_recruiter_app(),
        interviews=[make_interview(INTERVIEW_END)],
        interactions=[make_interaction(local(2026, 11, 23, 12, 0), follow_up=True)],
    )
    out = Outgoing(
        at=local(2026, 11, 23, 16, 0),
        recipient_id=INTERVIEWER_ID,
        text="What does the on-call rota look like?",
    )
    assert warned(out, facts) == ["same-day-chase", "cadence", "channel", "new-questions"]


def test_inbound_interactions_are_not_follow_ups() -> None:
    inbound = make_interaction(local(2026, 11, 27, 15, 0), InteractionKind.EMAIL_IN)
    assert inbound.inbound
    assert not inbound.follow_up
