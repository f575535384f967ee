"""Hypothesis invariants of the planner and the reconciler (QUALITY.md, reliability 6).

Random users (zones on both sides of UTC, with their public holidays), random interviews (days
of DST changes included), panels, referees, logged exchanges, decision dates, debriefs, status
changes and what the user already did with earlier actions. Whatever the facts:

- a thank-you is never due before its interview ended nor after its deadline;
- no two check-ins of one application fall within 7 days of each other, counting the check-ins
  already sent (fed back as ActionRecords, and logged as exchanges the way the product logs a
  sent message);
- nothing chases (check-in, move-on) once the application is accepted/rejected/withdrawn/closed;
- every due is an aware datetime in the user's zone;
- re-planning is idempotent and never un-does what the user did.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from followthrough.domain.model import (
    FINAL_STATUSES,
    ActionRecord,
    ActionStatus,
    ApplicationFacts,
    FitVerdict,
    Format,
    Interaction,
    InteractionKind,
    Interview,
    PlannedAction,
    Status,
    StatusEvent,
)
from followthrough.domain.reconcile import Changes, reconcile
from tests.domain.factories import (
    APP_ID,
    INTERVIEWER_ID,
    RECRUITER_ID,
    REFEREE_ID,
    SECOND_INTERVIEWER_ID,
    SECOND_REFEREE_ID,
    THIRD_INTERVIEWER_ID,
    existing_from,
    iso,
    make_app,
    make_contact,
    make_debrief,
    make_facts,
    make_interaction,
    make_interview,
    make_record,
    make_recruiter_app,
    of_kind,
    plan,
)

#: (zone, country, region) of the users the tests plan for.
PLACES = [
    ("Europe/Brussels", "BE", None),
    ("America/New_York", "US", None),
    ("America/Los_Angeles", "US", "CA"),
    ("Asia/Tokyo", "JP", None),
    ("Australia/Sydney", "AU", "NSW"),
    ("Pacific/Auckland", "NZ", None),
    ("UTC", "GB", None),
]

#: Days of DST changes (both directions, both hemispheres) and of public holidays.
SPECIAL_DAYS = [
    dt.date(2026, 3, 8), dt.date(2026, 3, 29), dt.date(2026, 4, 5), dt.date(2026, 9, 27),
    dt.date(2026, 10, 4), dt.date(2026, 10, 25), dt.date(2026, 11, 1), dt.date(2026, 3, 27),
    dt.date(2026, 3, 28), dt.date(2026, 10, 23), dt.date(2026, 10, 24), dt.date(2026, 10, 31),
    dt.date(2026, 11, 25), dt.date(2026, 12, 24), dt.date(2026, 12, 31), dt.date(2026, 9, 18),
    dt.date(2026, 4, 2),
]

CHASING_KINDS = {"check-in", "move-on"}
UTC = dt.UTC
HOUR = dt.timedelta(hours=1)


@dataclass(frozen=True)
class World:
    """Generated facts and where the user lives."""

    facts: ApplicationFacts
    tz: str
    country: str
    subdiv: str | None
    policy: str
    sent_check_ins: tuple[dt.datetime, ...] = ()

    def plan(self, facts: ApplicationFacts | None = None) -> list[PlannedAction]:
        return plan(facts or self.facts, tz=self.tz, country=self.country, subdiv=self.subdiv,
                    policy=self.policy)


def real_local(day: dt.date, minutes: int, tz: str, fold: int) -> dt.datetime:
    """Return a real instant at (about) `day` + `minutes` in `tz` (gap times move forward)."""
    naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)
    zone = ZoneInfo(tz)
    return naive.replace(tzinfo=zone, fold=fold).astimezone(UTC).astimezone(zone)


def written(moment: dt.datetime, how: int, tz: str) -> dt.datetime:
    """Return `moment` written in the user's zone, in UTC, or in another zone (same instant)."""
    if how == 0:
        return moment.astimezone(ZoneInfo(tz))
    if how == 1:
        return moment.astimezone(UTC)
    return moment.astimezone(ZoneInfo("America/Sao_Paulo"))


@st.composite
def worlds(draw: st.DrawFn, *, how: int | None = None) -> World:
    tz, country, subdiv = draw(st.sampled_from(PLACES))
    write = draw(st.integers(0, 2)) if how is None else how
    recruiter = draw(st.booleans())
    # Open statuses are drawn more often: most rules (and all chasing) apply to them.
    status = draw(st.sampled_from([Status.APPLIED, *[Status.INTERVIEWING] * 4, *Status]))
    policy = draw(st.sampled_from(["after-offer", "after-interview"]))

    day = draw(st.one_of(
        st.sampled_from(SPECIAL_DAYS),
        st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2027, 12, 31)),
    ))
    minutes = draw(st.integers(0, 24 * 60 - 1))
    fold = draw(st.integers(0, 1))
    end = real_local(day, minutes, tz, fold)

    interviews: list[Interview] = []
    for n in range(draw(st.integers(1, 3))):
        if n:
            end = end + dt.timedelta(days=draw(st.integers(1, 20)), minutes=draw(
                st.integers(-600, 600)))
        panel = tuple(draw(st.lists(
            st.sampled_from([INTERVIEWER_ID, SECOND_INTERVIEWER_ID, THIRD_INTERVIEWER_ID]),
            max_size=4)))
        decision_in = draw(st.one_of(st.none(), st.integers(0, 21)))
        decision = (
            None if decision_in is None
            else local_date(end, tz) + dt.timedelta(days=decision_in)
        )
        interviews.append(make_interview(
            written(end, write, tz), id=100 + n, round=n + 1, interviewer_ids=panel,
            format=draw(st.sampled_from(list(Format))), decision_date=decision,
            duration=draw(st.integers(15, 240)),
        ))
    first_end = interviews[0].end
    last_end = interviews[-1].end

    contacts = [
        make_contact(INTERVIEWER_ID, direct_contact=draw(st.booleans())),
        make_contact(SECOND_INTERVIEWER_ID, direct_contact=draw(st.booleans())),
        make_contact(THIRD_INTERVIEWER_ID),
        make_contact(RECRUITER_ID),
        make_contact(REFEREE_ID),
        make_contact(SECOND_REFEREE_ID),
    ]
    referees = draw(st.lists(st.sampled_from([REFEREE_ID, SECOND_REFEREE_ID]), unique=True,
                             max_size=2))

    interactions: list[Interaction] = []
    for n in range(draw(st.integers(0, 4))):
        at = first_end + dt.timedelta(minutes=draw(st.integers(-3 * 24 * 60, 40 * 24 * 60)))
        interactions.append(make_interaction(
            written(at, write, tz), draw(st.sampled_from(list(InteractionKind))), id=600 + n,
            contact_id=draw(st.sampled_from([INTERVIEWER_ID, RECRUITER_ID, REFEREE_ID, None])),
        ))

    # Check-ins already sent: at least 7 calendar days apart and after the first interview,
    # as the product lets the user send them; each is logged as an outgoing e-mail.
    records: list[ActionRecord] = []
    sent: list[dt.datetime] = []
    moment = last_end if draw(st.booleans()) else first_end
    for n in range(1, draw(st.integers(0, 4)) + 1):
        moment = moment + dt.timedelta(days=draw(st.integers(7, 12)),
                                       minutes=draw(st.integers(0, 600)))
        status_of = draw(st.sampled_from([ActionStatus.DONE, ActionStatus.DONE,
                                          ActionStatus.SKIPPED]))
        records.append(make_record(
            f"check-in:a{APP_ID}:{n}", status_of, due=moment,
            done_at=moment if status_of is ActionStatus.DONE else None))
        if status_of is ActionStatus.DONE:
            sent.append(moment)
            interactions.append(make_interaction(
                written(moment, write, tz), InteractionKind.EMAIL_OUT, id=700 + n,
                contact_id=RECRUITER_ID if recruiter else INTERVIEWER_ID, action_kind="check-in"))
    if draw(st.booleans()):
        late = last_end + dt.timedelta(minutes=draw(st.integers(0, 5 * 24 * 60)))
        records.append(make_record(f"thank-you:i{interviews[-1].id}:c{INTERVIEWER_ID}",
                                   due=late, done_at=late))

    debriefs = []
    for iv in interviews:
        verdict = draw(st.sampled_from([None, *FitVerdict]))
        if verdict is not None or draw(st.booleans()):
            recorded = iv.end + dt.timedelta(hours=draw(st.integers(1, 72)))
            debriefs.append(make_debrief(iv.id, recorded, verdict))
    events = []
    if status in (Status.OFFER, Status.REJECTED, Status.ACCEPTED, Status.WITHDRAWN,
                  Status.CLOSED):
        events.append(StatusEvent(status, last_end + dt.timedelta(
            minutes=draw(st.integers(0, 30 * 24 * 60)))))

    app = make_recruiter_app(status=status) if recruiter else make_app(status=status)
    facts = make_facts(
        app, interviews=interviews, contacts=contacts, referees=referees,
        interactions=interactions, debriefs=debriefs, status_events=events, actions=records,
    )
    return World(facts, tz, country, subdiv, policy, tuple(sent))


def local_date(moment: dt.datetime, tz: str) -> dt.date:
    return moment.astimezone(ZoneInfo(tz)).date()


PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


# ---------------------------------------------------------------- plan invariants


@PROPERTY
@given(worlds())
def test_thank_you_between_interview_end_and_deadline(world: World) -> None:
    ends = {iv.id: iv.end for iv in world.facts.interviews}
    for action in of_kind(world.plan(), "thank-you"):
        assert action.interview_id is not None
        assert action.deadline is not None
        end = ends[action.interview_id]
        assert end.timestamp() < action.due.timestamp() <= action.deadline.timestamp(), (
            iso(end), iso(action.due), iso(action.deadline))


@PROPERTY
@given(worlds())
def test_check_ins_at_least_seven_days_apart(world: World) -> None:
    planned = [a.due for a in of_kind(world.plan(), "check-in")]
    days = sorted([(local_date(m, world.tz), True) for m in planned]
                  + [(local_date(m, world.tz), False) for m in world.sent_check_ins])  # fmt: skip
    for (earlier, mine), (later, theirs) in zip(days, days[1:], strict=False):
        if mine or theirs:  # the history the strategy made is given, not planned: judge the plan
            assert (later - earlier).days >= 7, (earlier, later, [iso(p) for p in planned])


@PROPERTY
@given(worlds())
def test_check_ins_respect_the_last_exchange(world: World) -> None:
    exchanges = [
        i.at for i in world.facts.interactions
        if i.contact_id != REFEREE_ID and i.action_kind != "thank-you"
    ]
    if not exchanges:
        return
    last = local_date(max(exchanges), world.tz)
    for action in of_kind(world.plan(), "check-in"):
        assert (local_date(action.due, world.tz) - last).days >= 7


@PROPERTY
@given(worlds())
def test_nothing_chases_a_closed_application(world: World) -> None:
    actions = world.plan()
    if world.facts.application.status in FINAL_STATUSES:
        assert [a.key for a in actions if a.chases or a.kind in CHASING_KINDS] == []
    if world.facts.application.status is Status.REJECTED:
        assert of_kind(actions, "thank-you") == []
        assert of_kind(actions, "linkedin-interviewer") == []


@PROPERTY
@given(worlds())
def test_dues_are_aware_and_in_the_users_zone(world: World) -> None:
    for action in world.plan():
        assert action.due.tzinfo is not None
        assert action.due.utcoffset() is not None
        assert str(action.due.tzinfo) == world.tz, action.key
        if action.deadline is not None:
            assert str(action.deadline.tzinfo) == world.tz, action.key


@PROPERTY
@given(worlds())
def test_one_thank_you_per_interviewer_and_interview(world: World) -> None:
    thank_yous = of_kind(world.plan(), "thank-you")
    if world.facts.application.status not in {Status.APPLIED, Status.INTERVIEWING, Status.OFFER,
                                              Status.ACCEPTED}:
        assert thank_yous == []
        return
    expected = sum(max(1, len(set(iv.interviewer_ids))) for iv in world.facts.interviews)
    assert len(thank_yous) == expected
    assert len({a.key for a in thank_yous}) == expected


@PROPERTY
@given(worlds())
def test_keys_are_unique_and_plan_sorted(world: World) -> None:
    actions = world.plan()
    assert len({a.key for a in actions}) == len(actions)
    stamps = [a.due.timestamp() for a in actions]
    assert stamps == sorted(stamps)


@PROPERTY
@given(worlds(how=0))
@example(World(
    make_facts(interviews=[make_interview(
        dt.datetime(2026, 11, 1, 0, 30, tzinfo=ZoneInfo("America/New_York")))]),
    "America/New_York", "US", None, "after-offer"))
def test_plan_does_not_depend_on_how_times_are_written(world: World) -> None:
    in_utc = replace(world.facts, interviews=tuple(
        replace(iv, start=iv.start.astimezone(UTC), end=iv.end.astimezone(UTC))
        for iv in world.facts.interviews))
    as_local = [(a.key, iso(a.due), iso(a.deadline)) for a in world.plan()]
    as_utc = [(a.key, iso(a.due), iso(a.deadline)) for a in world.plan(in_utc)]
    assert as_local == as_utc


# ---------------------------------------------------------------- reconcile invariants


Store = dict[str, tuple[ActionRecord, str]]


def store_of(records: dict[str, ActionRecord]) -> Store:
    return {k: (r, "") for k, r in records.items()}


def records_of(store: Store) -> dict[str, ActionRecord]:
    return {k: r for k, (r, _) in store.items()}


def apply(store: Store, changes: Changes) -> Store:
    """Return the store after applying `changes` (what the store layer does with them)."""
    out = dict(store)
    for action in changes.insert + changes.revive:
        out[action.key] = (ActionRecord(action.key, action.kind, ActionStatus.PENDING,
                                        action.due), "")
    for action in changes.update:
        record, reason = out[action.key]
        out[action.key] = (replace(record, due=action.due), reason)
    for key, reason in changes.cancel:
        record, _ = out[key]
        out[key] = (replace(record, status=ActionStatus.CANCELLED), reason)
    return out


def is_noop(store: Store, changes: Changes) -> bool:
    return apply(store, changes) == store


@st.composite
def stored(draw: st.DrawFn) -> tuple[World, Store]:
    """A world and a store holding a random mix of states for (a superset of) its plan."""
    world = draw(worlds())
    records: dict[str, ActionRecord] = {}
    for action in world.plan():
        if action.key in world.facts.actions:
            continue
        state = draw(st.sampled_from([None, *ActionStatus]))
        if state is None:
            continue
        shift = dt.timedelta(hours=draw(st.integers(-48, 240)))
        records[action.key] = ActionRecord(
            action.key, action.kind, state,
            action.due + shift if state is ActionStatus.SNOOZED else action.due,
            done_at=action.due + shift if state is ActionStatus.DONE else None,
        )
    for n, state in enumerate(draw(st.lists(st.sampled_from(list(ActionStatus)), max_size=3))):
        key = f"debrief:i{900 + n}"
        records[key] = ActionRecord(key, "debrief", state, dt.datetime(2026, 1, 5, 9, tzinfo=UTC))
    records.update(world.facts.actions)
    return world, store_of(records)


def replan(world: World, store: Store) -> tuple[list[PlannedAction], Changes]:
    facts = replace(world.facts, actions=records_of(store))
    planned = world.plan(facts)
    return planned, reconcile(records_of(store), planned, "no longer applies")


@PROPERTY
@given(worlds())
def test_reconciling_a_stored_plan_changes_nothing(world: World) -> None:
    planned = world.plan()
    existing = existing_from(planned)
    changes = reconcile(existing, planned, "no longer applies")
    assert changes.insert == changes.revive == changes.keep_due == changes.cancel == []
    assert is_noop(store_of(existing), changes)


@PROPERTY
@given(stored())
def test_reconcile_twice_equals_once(arg: tuple[World, Store]) -> None:
    world, store = arg
    planned, changes = replan(world, store)
    once = apply(store, changes)
    twice = apply(once, reconcile(records_of(once), planned, "no longer applies"))
    assert twice == once


@PROPERTY
@given(stored())
def test_replanning_converges_in_one_step(arg: tuple[World, Store]) -> None:
    world, store = arg
    first, changes = replan(world, store)
    once = apply(store, changes)
    second, again = replan(world, once)
    assert [(a.key, a.due) for a in second] == [(a.key, a.due) for a in first]
    assert is_noop(once, again)


@PROPERTY
@given(stored())
def test_replanning_never_undoes_what_the_user_did(arg: tuple[World, Store]) -> None:
    world, store = arg
    _, changes = replan(world, store)
    after = apply(store, changes)
    for key, (record, _) in store.items():
        if record.status in (ActionStatus.DONE, ActionStatus.SKIPPED):
            assert after[key][0] == record, key
        if record.status is ActionStatus.SNOOZED:
            new, reason = after[key]
            assert new.due >= record.due, key  # a snooze means "not before": never earlier
            assert new.status in (ActionStatus.SNOOZED, ActionStatus.CANCELLED)
            assert (new.status is ActionStatus.CANCELLED) == bool(reason)
    touched = {a.key for a in changes.insert + changes.update + changes.revive}
    touched |= {k for k, _ in changes.cancel}
    settled = {k for k, (r, _) in store.items()
               if r.status in (ActionStatus.DONE, ActionStatus.SKIPPED)}
    assert touched.isdisjoint(settled)


@PROPERTY
@given(stored())
def test_what_the_plan_no_longer_wants_is_cancelled_with_a_reason(
    arg: tuple[World, Store],
) -> None:
    world, store = arg
    planned, changes = replan(world, store)
    after = apply(store, changes)
    wanted = {a.key for a in planned}
    for key, (record, reason) in after.items():
        before = store[key][0].status if key in store else None
        if key in wanted and before in (None, ActionStatus.PENDING, ActionStatus.CANCELLED):
            assert record.status is ActionStatus.PENDING, key
        elif key not in wanted and before in (ActionStatus.PENDING, ActionStatus.SNOOZED):
            assert (record.status, reason) == (ActionStatus.CANCELLED, "no longer applies")
        elif key not in wanted:
            assert after[key] == store[key], key


def test_unchanged_plan_yields_no_changes() -> None:
    planned = plan(make_facts())
    assert not reconcile(existing_from(planned), planned, "x")
