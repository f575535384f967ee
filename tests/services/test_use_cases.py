"""The use cases, called as functions on a Context: what they return and what they store."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from followthrough.domain.errors import ConflictError, ValidationError
from followthrough.domain.model import InteractionKind, Status
from followthrough.services import actions, agenda, applications, contacts, exchanges, interviews
from followthrough.services.context import Context
from followthrough.services.settings import policies, update_settings
from followthrough.store.repo import Repo

from .conftest import NOW, context_at

BRUSSELS = dt.timezone(dt.timedelta(hours=1))


def _interviewed(ctx: Context) -> tuple[int, int]:
    """Add an application with a recruiter and a two-person panel interview an hour ago."""
    app = applications.add_application(
        ctx, "ACME", "Data Engineer", recruiter="Jane Roe <jane@agency.example>", agency="Agency"
    )
    start = dt.datetime(2026, 11, 20, 10, 0, tzinfo=BRUSSELS)
    iv = interviews.add_interview(
        dataclasses.replace(ctx, now=start - dt.timedelta(days=2)),
        app.id,
        start,
        start + dt.timedelta(hours=1),
        "video",
        ["Ann Lee <ann@acme.example>", "Raj Patel <raj@acme.example>"],
    )
    return app.id, iv.interview.id


def _kinds(ctx: Context, app_id: int) -> dict[str, str]:
    rows, _ = applications.plan(ctx, app_id)
    return {r["key"]: r["status"] for r in rows}


def test_an_interview_plans_a_thank_you_per_interviewer(ctx: Context) -> None:
    app_id, _ = _interviewed(ctx)
    rows, zone = applications.plan(ctx, app_id)
    thanks = [r for r in rows if r["kind"] == "thank-you"]
    # recruiter-led: each thank-you goes through the recruiter, one per interviewer
    assert sorted(r["via_name"] for r in thanks) == ["Ann Lee", "Raj Patel"]
    assert {r["recipient_name"] for r in thanks} == {"Jane Roe"}
    assert str(zone) == "Europe/Brussels"


def test_the_records_carry_domain_values_not_json(ctx: Context) -> None:
    app_id, iv_id = _interviewed(ctx)
    detail = applications.show_application(ctx, app_id)
    assert detail.app.status is Status.INTERVIEWING
    assert detail.recruiter is not None
    assert detail.recruiter.email == "jane@agency.example"
    view = interviews.show_interview(ctx, iv_id)
    assert [view.contacts[c].name for c in view.interview.interviewer_ids] == [
        "Ann Lee",
        "Raj Patel",
    ]
    assert view.debrief is None


def test_done_logs_the_exchange_once_and_reopen_takes_it_back(ctx: Context) -> None:
    app_id, _ = _interviewed(ctx)
    rows, _ = applications.plan(ctx, app_id)
    thank = next(r for r in rows if r["kind"] == "thank-you")
    done = actions.mark_done(ctx, thank["id"])
    assert done.row["status"] == "done"
    again = actions.mark_done(ctx, thank["id"])  # done twice changes nothing
    assert again.row["done_at"] == done.row["done_at"]
    detail = applications.show_application(ctx, app_id)
    logged = [i for i in detail.facts.interactions if i.kind is InteractionKind.EMAIL_OUT]
    assert len(logged) == 1
    assert actions.reopen(ctx, thank["id"]).row["status"] == "pending"
    detail = applications.show_application(ctx, app_id)
    assert not [i for i in detail.facts.interactions if i.kind is InteractionKind.EMAIL_OUT]


def test_skip_then_done_is_refused_until_reopened(ctx: Context) -> None:
    app_id, _ = _interviewed(ctx)
    rows, _ = applications.plan(ctx, app_id)
    thank = next(r for r in rows if r["kind"] == "thank-you")
    assert actions.skip(ctx, thank["id"], "sent from my phone").row["status"] == "skipped"
    with pytest.raises(ConflictError, match="reopen it first"):
        actions.mark_done(ctx, thank["id"])
    assert actions.complete(ctx, thank["id"], "pending").row["status"] == "pending"


def test_snooze_must_postpone(ctx: Context) -> None:
    app_id, _ = _interviewed(ctx)
    rows, _ = applications.plan(ctx, app_id)
    thank = next(r for r in rows if r["kind"] == "thank-you")
    with pytest.raises(ValidationError, match="until"):
        actions.snooze(ctx, thank["id"], NOW - dt.timedelta(hours=1))
    later = actions.snooze(ctx, thank["id"], NOW + dt.timedelta(days=2))
    assert later.row["status"] == "snoozed"


def test_a_rejection_cancels_the_open_follow_ups(ctx: Context) -> None:
    app_id, _ = _interviewed(ctx)
    change = applications.set_status(ctx, app_id, "rejected")
    assert change.app.status is Status.REJECTED
    assert change.cancelled
    assert all(r["status"] == "cancelled" for r in change.cancelled)
    with pytest.raises(ValidationError, match="status"):
        applications.set_status(ctx, app_id, "ghosted")


def test_a_page_of_applications_and_the_count_per_status(ctx: Context) -> None:
    made = [
        applications.add_application(
            dataclasses.replace(ctx, now=NOW + dt.timedelta(minutes=n)), f"Company {n}", "Role"
        ).id
        for n in range(5)
    ]
    applications.set_status(ctx, made[1], "rejected")
    applications.set_status(ctx, made[3], "offer")
    newest = list(reversed(made))
    assert [a.app.id for a in applications.list_applications(ctx)] == newest
    assert [a.app.id for a in applications.list_applications(ctx, limit=2)] == newest[:2]
    open_ = applications.list_applications(ctx, statuses=("applied", "offer"), limit=10)
    assert [a.app.id for a in open_] == [made[4], made[3], made[2], made[0]]
    page, counts = applications.application_page(ctx, ("applied",), 2)
    assert [a.app.id for a in page] == [made[4], made[2]]
    assert counts == {"applied": 3, "offer": 1, "rejected": 1}


def test_logging_a_chase_on_the_same_day_as_another_warns(ctx: Context) -> None:
    app_id, _ = _interviewed(ctx)
    first = exchanges.log(ctx, app_id, "email-out", "jane@agency.example", summary="any news?")
    second = exchanges.log(ctx, app_id, "email-out", "jane@agency.example", summary="again?")
    assert first.follow_up
    assert second.warnings, "a second chase the same day must warn"
    with pytest.raises(ValidationError, match="future"):
        exchanges.log(ctx, app_id, "call", at=NOW + dt.timedelta(days=1))


def test_a_contact_is_found_by_address_and_not_added_twice(ctx: Context) -> None:
    _interviewed(ctx)
    ann = next(c for c in contacts.list_contacts(ctx) if c.name == "Ann Lee")
    assert contacts.show_contact(ctx, ann.id).email == "ann@acme.example"
    with pytest.raises(ValidationError, match="is already contact"):
        contacts.add_contact(ctx, "Ann", "ann@acme.example")


def test_today_groups_and_brief_gathers(ctx: Context) -> None:
    app_id, _ = _interviewed(ctx)
    grouped, until = agenda.today_until(ctx)
    assert set(grouped) >= {"now", "overdue", "due_today", "upcoming"}
    assert until > NOW
    brief = agenda.brief(ctx, app_id)
    assert brief.app.id == app_id
    assert brief.reminders  # after-interview reminders while the application is open


def test_policies_show_the_sources_behind_each_choice(ctx: Context) -> None:
    options = {p.key: p for p in policies(ctx)}
    assert options
    for option in options.values():
        assert option.value in {c.value for c in option.choices}


def test_a_unit_of_work_reads_the_settings_once(tmp_path: Path) -> None:
    """An interview touches the calendar, the policy and the zone many times: the settings
    rows are read once per transaction, not once per question (issue 10)."""
    ctx = context_at(tmp_path / "once.db")
    update_settings(ctx, {"tz": "Europe/Brussels", "country": "BE"})
    app = applications.add_application(ctx, "ACME", "Analyst", recruiter="Jo <jo@a.example>")
    calls: list[int] = []
    original = Repo.settings

    def counting(self: Repo, conn: object) -> dict[str, str]:
        calls.append(1)
        return original(self, conn)  # type: ignore[arg-type]

    Repo.settings = counting  # type: ignore[method-assign]
    try:
        start = dt.datetime(2026, 11, 24, 10, 0, tzinfo=BRUSSELS)
        interviews.add_interview(
            ctx,
            app.id,
            start,
            start + dt.timedelta(hours=1),
            "video",
            ["Ann <ann@a.example>"],
            decision_by=dt.date(2026, 12, 1),
        )
    finally:
        Repo.settings = original  # type: ignore[method-assign]
    assert len(calls) == 1


def test_prep_checklist_keeps_the_soonest_interviews_before_the_horizon(ctx: Context) -> None:
    starts = [NOW + dt.timedelta(days=d, hours=2) for d in (9, 1, 3, 2)]
    for n, start in enumerate(starts):
        app = applications.add_application(ctx, f"Co {n}", "Analyst")
        interviews.add_interview(ctx, app.id, start, start + dt.timedelta(hours=1), "video")
    every = agenda.prep_checklist(ctx)
    assert [p.company for p in every] == ["Co 1", "Co 3", "Co 2", "Co 0"]
    assert all(p.checklist for p in every)
    week = agenda.prep_checklist(ctx, NOW + dt.timedelta(days=7), 2)
    assert [p.company for p in week] == ["Co 1", "Co 3"]
    assert agenda.prep_checklist(ctx, NOW + dt.timedelta(hours=1)) == []
