"""The documented CLI flow of PRODUCT.md §4.1, command by command, with exact expected values.

The scenario: a Brussels job seeker (Europe/Brussels, BE holidays). Application 1 is ACME, Data
Engineer, arranged by Jane Roe of Agency. Interview 1 is a video interview on Monday 23 November
2026, 10:00-11:00, with Ann Lee (no direct contact: her thank-you goes via Jane) and Raj Patel (has
e-mailed the candidate directly); a decision was promised by Monday 30 November.

Most tests drive `cli` in-process (fast); a few drive the installed entry point (`ft`).
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

    from tests.cli.conftest import Cli, Ft, Steps

SOURCE_KEYS = {"hays", "carter-schwartz", "mining-people", "brightcareer", "stafffinders"}
ACTION_KEYS = {
    "id", "kind", "title", "status", "due", "deadline", "application_id", "interview_id",
    "recipient", "channel", "rule", "sources",
}
ISO_BRUSSELS_WINTER = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+01:00$")

#: Moments used below (all Brussels time, UTC+01:00 in November).
MON_NOON = "2026-11-23T12:00+01:00"
MON_AFTERNOON = "2026-11-23T16:00+01:00"
FRI_AFTERNOON = "2026-11-27T16:00+01:00"

#: The plan of application 1 right after the interview is recorded:
#: (kind, due, deadline, recipient name, forward_to, channel).
EXPECTED_PLAN = [
    ("disconnect-check", "2026-11-23T11:00:00+01:00", None, None, None, "none"),
    ("debrief", "2026-11-23T13:00:00+01:00", None, None, None, "none"),
    ("recruiter-call", "2026-11-23T13:00:00+01:00", None, "Jane Roe", None, "phone"),
    ("thank-you", "2026-11-23T18:00:00+01:00", "2026-11-24T11:00:00+01:00", "Jane Roe", "Ann Lee",
     "email"),
    ("thank-you", "2026-11-23T18:00:00+01:00", "2026-11-24T11:00:00+01:00", "Raj Patel", None,
     "email"),
    ("linkedin-recruiter", "2026-11-24T10:00:00+01:00", None, "Jane Roe", None, "linkedin"),
    ("company-research", "2026-11-25T18:00:00+01:00", None, None, None, "none"),
    ("check-in", "2026-12-01T10:00:00+01:00", None, "Jane Roe", None, "email"),
    ("check-in", "2026-12-08T10:00:00+01:00", None, "Jane Roe", None, "email"),
    ("check-in", "2026-12-15T10:00:00+01:00", None, "Jane Roe", None, "email"),
    ("move-on", "2026-12-22T10:00:00+01:00", None, None, None, "none"),
]


def summary(action: dict[str, Any]) -> tuple[Any, ...]:
    """Return the fields of EXPECTED_PLAN for one action."""
    r = action["recipient"]
    return (
        action["kind"], action["due"], action["deadline"], r["name"] if r else None,
        r.get("forward_to") if r else None, action["channel"],
    )


def by_kind(plan: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    """Return the actions of one kind, in plan order."""
    return [a for a in plan if a["kind"] == kind]


def by_id(plan: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Return the actions by id."""
    return {a["id"]: a for a in plan}


@pytest.fixture
def flow(cli: Cli, steps: Steps) -> Cli:
    """init, app add (recruiter-led), interview add: the documented first three steps."""
    cli(*steps.init)
    cli(*steps.add_acme)
    cli(*steps.add_interview)
    return cli


def settings_rows(db: Path) -> dict[str, str]:
    """Return the settings table as stored."""
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT key, value FROM settings").fetchall())
    finally:
        conn.close()


# ---------------------------------------------------------------- init, app add, interview add


def test_init_stores_zone_and_country(cli: Cli, steps: Steps) -> None:
    payload = cli.json(*steps.init)
    assert payload["db"] == str(cli.db)
    assert payload["settings"]["tz"] == "Europe/Brussels"
    assert payload["settings"]["country"] == "BE"
    stored = settings_rows(cli.db)
    assert stored.pop("plan_basis")  # the program's: what every plan was made on
    assert stored == {"tz": "Europe/Brussels", "country": "BE"}


def test_app_add_prints_the_id_on_the_last_line_via_the_entry_point(ft: Ft, steps: Steps) -> None:
    assert ft(*steps.init).code == 0
    run = ft(*steps.add_acme)
    assert run.code == 0, run.err
    assert run.err == ""
    assert run.out.splitlines()[-1] == "1"
    created = ft.json("app", "add", "--company", "Globex", "--role", "Platform Engineer")
    assert created["id"] == 2
    assert created["company"] == "Globex"
    assert created["channel"] == "direct"


def test_app_add_json_prints_the_created_object(cli: Cli, steps: Steps) -> None:
    cli(*steps.init)
    created = cli.json(*steps.add_acme)
    assert created["id"] == 1
    assert created["company"] == "ACME"
    assert created["role"] == "Data Engineer"
    assert created["status"] == "applied"
    assert created["channel"] == "recruiter"
    assert created["agency"] == "Agency"
    assert created["recruiter"]["name"] == "Jane Roe"
    assert created["recruiter"]["email"] == "jane@agency.example"
    assert created["recruiter"]["role"] == "recruiter"
    assert created["created_at"] == "2026-11-20T09:00:00+01:00"
    # the same object is what `app show` returns at its core
    shown = cli.json("app", "show", "1")
    assert {k: shown[k] for k in created} == created


def test_interview_add_prints_the_id_and_records_the_panel(cli: Cli, steps: Steps) -> None:
    cli(*steps.init)
    cli(*steps.add_acme)
    run = cli(*steps.add_interview)
    assert run.out.splitlines()[-1] == "1"
    shown = cli.json("interview", "show", "1")
    assert shown["id"] == 1
    assert shown["application_id"] == 1
    assert shown["start"] == "2026-11-23T10:00:00+01:00"
    assert shown["end"] == "2026-11-23T11:00:00+01:00"
    assert shown["format"] == "video"
    assert shown["round"] == 1
    assert shown["decision_date"] == "2026-11-30"
    assert shown["promises"] == ["notice period"]
    assert [(c["name"], c["email"], c["direct_contact"]) for c in shown["interviewers"]] == [
        ("Ann Lee", "ann@acme.example", False),
        ("Raj Patel", "raj@acme.example", True),
    ]
    assert shown["debriefed"] is False
    # recording an interview moves the application on
    assert cli.json("app", "show", "1")["status"] == "interviewing"


def test_interview_add_json_prints_the_created_object(cli: Cli, steps: Steps) -> None:
    cli(*steps.init)
    cli(*steps.add_acme)
    created = cli.json(*steps.add_interview)
    assert created["id"] == 1
    assert created["start"] == "2026-11-23T10:00:00+01:00"
    assert created["end"] == "2026-11-23T11:00:00+01:00"


def test_interview_duration_instead_of_end(cli: Cli, steps: Steps) -> None:
    cli(*steps.init)
    cli(*steps.add_acme)
    created = cli.json("interview", "add", "1", "--at", "2026-11-23 14:30", "--duration", "45")
    assert created["end"] == "2026-11-23T15:15:00+01:00"
    default = cli.json("interview", "add", "1", "--at", "2026-11-24 09:00")
    assert default["end"] == "2026-11-24T10:00:00+01:00"


# ---------------------------------------------------------------- plan


def test_plan_json_has_the_documented_shape(flow: Cli) -> None:
    plan = flow.json("plan", "1")
    assert isinstance(plan, list)
    assert plan
    for action in plan:
        assert set(action) >= ACTION_KEYS, ACTION_KEYS - set(action)
        assert isinstance(action["id"], int)
        assert action["status"] == "pending"
        assert action["application_id"] == 1
        assert action["interview_id"] == 1
        assert action["channel"] in {"email", "phone", "linkedin", "none"}
        assert ISO_BRUSSELS_WINTER.match(action["due"]), action["due"]
        assert action["deadline"] is None or ISO_BRUSSELS_WINTER.match(action["deadline"])
        assert action["rule"]
        assert action["sources"]
        assert set(action["sources"]) <= SOURCE_KEYS
        assert action["title"]
        if action["recipient"] is not None:
            assert {"name", "email"} <= set(action["recipient"])
        if action["channel"] in {"email", "phone", "linkedin"}:
            assert action["recipient"] is not None, action
    assert len({a["id"] for a in plan}) == len(plan)


def test_plan_json_exact_dates_recipients_and_channels(flow: Cli) -> None:
    plan = flow.json("plan", "1")
    assert [summary(a) for a in plan] == EXPECTED_PLAN
    thank_you = by_kind(plan, "thank-you")
    assert [a["recipient"]["email"] for a in thank_you] == [
        "jane@agency.example", "raj@acme.example",
    ]
    assert by_kind(plan, "recruiter-call")[0]["sources"] == ["hays", "stafffinders", "brightcareer"]
    assert by_kind(plan, "disconnect-check")[0]["sources"] == ["mining-people"]
    assert set(by_kind(plan, "thank-you")[0]["sources"]) == SOURCE_KEYS


def test_plan_with_tz_override_shows_the_other_offset(flow: Cli) -> None:
    plan = flow.json("--tz", "America/New_York", "plan", "1")
    first = plan[0]
    assert first["kind"] == "disconnect-check"
    assert first["due"] == "2026-11-23T05:00:00-05:00"
    # an override is for this run only
    assert flow.json("plan", "1")[0]["due"] == "2026-11-23T11:00:00+01:00"
    assert settings_rows(flow.db)["tz"] == "Europe/Brussels"


# ---------------------------------------------------------------- today


def _today_ids(payload: dict[str, Any]) -> dict[str, list[str]]:
    return {k: [a["kind"] for a in payload[k]] for k in ("overdue", "due_today", "upcoming")}


def test_today_json_groups_by_env_now(flow: Cli) -> None:
    payload = flow.json("today", now=MON_NOON)
    assert set(payload) == {"now", "overdue", "due_today", "upcoming"}
    assert payload["now"] == "2026-11-23T12:00:00+01:00"
    assert _today_ids(payload) == {
        "overdue": ["disconnect-check"],
        "due_today": ["debrief", "recruiter-call", "thank-you", "thank-you", "keep-searching"],
        "upcoming": ["linkedin-recruiter", "company-research"],
    }
    for group in ("overdue", "due_today", "upcoming"):
        for action in payload[group]:
            assert set(action) >= ACTION_KEYS


def test_today_now_flag_beats_the_environment(flow: Cli) -> None:
    payload = flow.json("--now", "2026-11-24T09:00+01:00", "today", now=MON_NOON)
    assert payload["now"] == "2026-11-24T09:00:00+01:00"
    groups = _today_ids(payload)
    assert groups["due_today"] == ["linkedin-recruiter", "keep-searching"]
    # the decision-date check-in (Tue 1 Dec) is within the next 7 days from Tue 24 Nov
    assert groups["upcoming"] == ["company-research", "check-in"]
    assert "disconnect-check" in groups["overdue"]


def test_today_naive_now_is_in_the_users_zone(flow: Cli) -> None:
    payload = flow.json("--now", "2026-11-23 12:00", "today")
    assert payload["now"] == "2026-11-23T12:00:00+01:00"


def test_today_json_through_the_entry_point_with_env_and_flag(ft: Ft, steps: Steps) -> None:
    for args in steps:
        assert ft(*args).code == 0
    from_env = ft.json("today", now=MON_NOON)
    assert from_env["now"] == "2026-11-23T12:00:00+01:00"
    assert [a["kind"] for a in from_env["overdue"]] == ["disconnect-check"]
    from_flag = ft("--now", "2026-11-24T09:00+01:00", "--json", "today", now=MON_NOON).json()
    assert from_flag["now"] == "2026-11-24T09:00:00+01:00"
    assert [a["kind"] for a in from_flag["due_today"]] == ["linkedin-recruiter"]


def test_today_fast_path_equals_the_full_path(flow: Cli) -> None:
    """The stdlib-only `today --json` reader gives exactly what the service gives."""
    import datetime as dt

    from followthrough.services import Service
    from followthrough.store import db, fast
    from followthrough.store.repo import Repo

    flow("today", now=MON_NOON)  # the full path: stores the keep-searching nudge
    now = dt.datetime.fromisoformat(MON_NOON)
    fast_payload = fast.today_json(flow.db, now, {})
    assert fast_payload is not None, "the fast path refused a migrated database"
    engine = db.open_database(db.sqlite_url(flow.db), now)
    try:
        svc = Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, now)), now)
        assert fast_payload == svc.today()
    finally:
        engine.dispose()
    assert flow.json("today", now=MON_NOON) == fast_payload


# ---------------------------------------------------------------- done, skip, snooze


def test_done_skip_snooze_survive_replanning(flow: Cli) -> None:
    plan = by_id(flow.json("plan", "1"))
    assert plan[1]["kind"] == "disconnect-check"
    assert plan[2]["kind"] == "debrief"
    assert plan[6]["kind"] == "linkedin-recruiter"
    assert plan[7]["kind"] == "company-research"

    done = flow.json("done", "1", now=MON_NOON)
    assert done["status"] == "done"
    assert done["done_at"] == "2026-11-23T12:00:00+01:00"
    assert done["warnings"] == []
    skipped = flow.json("skip", "2", "--reason", "wrote it on the train", now=MON_NOON)
    assert (skipped["status"], skipped["reason"]) == ("skipped", "wrote it on the train")
    snoozed = flow.json("snooze", "6", "--until", "2026-11-26", "--reason", "after the weekend",
                        now=MON_NOON)
    assert snoozed["status"] == "snoozed"
    assert snoozed["due"] == "2026-11-26T10:00:00+01:00"  # same time of day
    assert snoozed["reason"] == "after the weekend"
    later = flow.json("snooze", "7", "--until", "2026-11-27 15:30", now=MON_NOON)
    assert later["due"] == "2026-11-27T15:30:00+01:00"

    # re-plan three ways: a settings change, a logged exchange, a second interview
    flow("settings", "linkedin_interviewer", "after-interview", now=MON_AFTERNOON)
    flow("log", "1", "--email-in", "--with", "jane@agency.example", now=MON_AFTERNOON)
    flow("interview", "add", "1", "--at", "2026-11-30 10:00", "--with",
         "Ann Lee <ann@acme.example>", now=MON_AFTERNOON)

    after = by_id(flow.json("plan", "1", now=MON_AFTERNOON))
    assert (after[1]["status"], after[1]["done_at"]) == ("done", "2026-11-23T12:00:00+01:00")
    assert (after[2]["status"], after[2]["reason"]) == ("skipped", "wrote it on the train")
    assert (after[6]["status"], after[6]["due"], after[6]["reason"]) == (
        "snoozed", "2026-11-26T10:00:00+01:00", "after the weekend",
    )
    assert (after[7]["status"], after[7]["due"]) == ("snoozed", "2026-11-27T15:30:00+01:00")


def test_snooze_default_is_one_day(flow: Cli) -> None:
    # action 3 (the recruiter call) is due Mon 13:00, after "now": a day after its due time
    snoozed = flow.json("snooze", "3", now=MON_NOON)
    assert snoozed["due"] == "2026-11-24T13:00:00+01:00"
    # an overdue action: a day after now
    overdue = flow.json("snooze", "1", now=MON_NOON)
    assert overdue["due"] == "2026-11-24T12:00:00+01:00"


def test_done_on_a_message_action_logs_the_exchange_once(flow: Cli) -> None:
    raj = [a for a in by_kind(flow.json("plan", "1"), "thank-you")
           if a["recipient"]["name"] == "Raj Patel"][0]
    first = flow.json("done", str(raj["id"]), now=MON_AFTERNOON)
    again = flow.json("done", str(raj["id"]), now=FRI_AFTERNOON)
    assert first["status"] == again["status"] == "done"
    assert again["done_at"] == "2026-11-23T16:00:00+01:00"  # not moved by the second call
    exchanges = flow.json("app", "show", "1")["interactions"]
    assert [(i["kind"], i["contact"], i["at"], i["follow_up"]) for i in exchanges] == [
        ("email-out", "Raj Patel", "2026-11-23T16:00:00+01:00", False),
    ]


# ---------------------------------------------------------------- log and guards


def _check_ins(plan: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [
        (a["kind"], a["status"], a["due"]) for a in plan if a["kind"] in ("check-in", "move-on")
    ]


def test_log_email_in_pushes_the_check_in(flow: Cli) -> None:
    logged = flow.json("log", "1", "--email-in", "--with", "jane@agency.example", "--at",
                       "2026-11-27 15:00", now=FRI_AFTERNOON)
    assert logged == {
        "id": 1,
        "application_id": 1,
        "kind": "email-in",
        "at": "2026-11-27T15:00:00+01:00",
        "contact_id": 1,
        "follow_up": False,
        "warnings": [],
        "override": None,
    }
    # Friday 27 at 15:00 -> the next check-in is Friday 4 December at 10:00 (PRODUCT.md §1.1),
    # later than the decision-date check-in of Tuesday 1 December.
    assert _check_ins(flow.json("plan", "1", now=FRI_AFTERNOON)) == [
        ("check-in", "pending", "2026-12-04T10:00:00+01:00"),
        ("check-in", "pending", "2026-12-11T10:00:00+01:00"),
        ("check-in", "pending", "2026-12-18T10:00:00+01:00"),
        # a 4th check-in would fall on Friday 25 December (Christmas): next working day
        ("move-on", "pending", "2026-12-28T10:00:00+01:00"),
    ]


def test_log_call_records_a_call_with_a_contact_id(flow: Cli) -> None:
    logged = flow.json("log", "1", "--call", "--with", "1", "--at", "2026-11-24 10:15",
                       now=FRI_AFTERNOON)
    assert logged["kind"] == "call"
    assert logged["contact_id"] == 1
    assert logged["at"] == "2026-11-24T10:15:00+01:00"
    assert logged["follow_up"] is False
    # a call on Tuesday 24 -> nothing before Tuesday 1 December: the decision check-in stands
    assert _check_ins(flow.json("plan", "1"))[0] == (
        "check-in", "pending", "2026-12-01T10:00:00+01:00",
    )


def test_log_two_follow_ups_within_a_week_warn_cadence(flow: Cli) -> None:
    first = flow.json("log", "1", "--email-out", "--with", "jane@agency.example", "--at",
                      "2026-11-27 15:30", "--summary", "checking in", now=FRI_AFTERNOON)
    assert first["follow_up"] is True
    assert first["warnings"] == []
    second = flow.json("log", "1", "--email-out", "--with", "jane@agency.example",
                       "--override", "she asked me to", now=FRI_AFTERNOON)
    assert second["at"] == "2026-11-27T16:00:00+01:00"  # default: now
    assert second["override"] == "she asked me to"
    assert [(w["guard"], w["level"], w["sources"]) for w in second["warnings"]] == [
        ("cadence", "warn", ["stafffinders", "brightcareer"]),
    ]
    assert "2026-12-04" in second["warnings"][0]["reason"]
    conn = sqlite3.connect(flow.db)
    try:
        stored = conn.execute(
            "SELECT guard, reason, interaction_id FROM guard_overrides"
        ).fetchall()
    finally:
        conn.close()
    assert stored == [("cadence", "she asked me to", second["id"])]
    # the exchange is recorded even so, and pushes the check-in
    assert _check_ins(flow.json("plan", "1"))[0] == (
        "check-in", "pending", "2026-12-04T10:00:00+01:00",
    )


def test_log_a_reply_is_not_a_follow_up(flow: Cli) -> None:
    flow("log", "1", "--email-out", "--with", "1", "--at", "2026-11-27 15:30",
         now=FRI_AFTERNOON)
    reply = flow.json("log", "1", "--email-out", "--with", "1", "--reply", now=FRI_AFTERNOON)
    assert reply["follow_up"] is False
    assert reply["warnings"] == []


# ---------------------------------------------------------------- status changes


def test_status_rejected_cancels_chasing_with_a_reason_and_adds_the_reply(flow: Cli) -> None:
    result = flow.json("app", "status", "1", "rejected", now=FRI_AFTERNOON)
    assert result["application"]["status"] == "rejected"
    assert [(a["kind"], a["due"], a["recipient"]["name"]) for a in result["added"]] == [
        ("rejection-reply", "2026-11-30T10:00:00+01:00", "Jane Roe"),  # Fri 27 -> Mon 30
        ("keep-in-touch", "2026-12-28T10:00:00+01:00", "Jane Roe"),  # +30 days = Sun 27 Dec
    ]
    cancelled_kinds = [a["kind"] for a in result["cancelled"]]
    assert cancelled_kinds.count("thank-you") == 2
    assert cancelled_kinds.count("check-in") == 3
    for action in result["cancelled"]:
        assert action["status"] == "cancelled"
        assert action["reason"], action
        assert "rejected" in action["reason"]

    plan = flow.json("plan", "1", now=FRI_AFTERNOON)
    # plan --json lists cancelled actions too, with their reason
    for action in plan:
        if action["kind"] in ("check-in", "thank-you", "linkedin-interviewer"):
            assert action["status"] == "cancelled", action
            assert action["reason"]
    assert [a["status"] for a in by_kind(plan, "rejection-reply")] == ["pending"]
    assert len(plan) == len(EXPECTED_PLAN) + 2


def test_status_offer_plans_linkedin_interviewer_by_default(flow: Cli) -> None:
    assert by_kind(flow.json("plan", "1"), "linkedin-interviewer") == []
    result = flow.json("app", "status", "1", "offer", now=FRI_AFTERNOON)
    added = [(a["kind"], a["due"], a["recipient"]["name"]) for a in result["added"]]
    assert ("linkedin-interviewer", "2026-11-30T10:00:00+01:00", "Ann Lee") in added
    assert ("linkedin-interviewer", "2026-11-30T10:00:00+01:00", "Raj Patel") in added


# ---------------------------------------------------------------- app list / show


def test_app_list_json(flow: Cli) -> None:
    flow("app", "add", "--company", "Globex", "--role", "Platform Engineer")
    items = flow.json("app", "list")
    # newest first
    assert [(a["id"], a["company"], a["status"]) for a in items] == [
        (2, "Globex", "applied"), (1, "ACME", "interviewing"),
    ]
    assert items[1]["next_action"]["kind"] == "disconnect-check"
    assert items[1]["next_action"]["company"] == "ACME"
    assert items[0]["next_action"] is None
    only = flow.json("app", "list", "--status", "applied")
    assert [a["id"] for a in only] == [2]


def test_app_show_json(flow: Cli) -> None:
    shown = flow.json("app", "show", "1")
    assert shown["id"] == 1
    assert shown["company"] == "ACME"
    assert shown["status"] == "interviewing"
    assert [i["id"] for i in shown["interviews"]] == [1]
    assert {c["name"] for c in shown["contacts"]} == {"Jane Roe", "Ann Lee", "Raj Patel"}
    assert shown["referees"] == []
    assert shown["interactions"] == []
    assert [summary(a) for a in shown["plan"]] == EXPECTED_PLAN


# ---------------------------------------------------------------- contacts


def test_contact_add_list_show_json(flow: Cli) -> None:
    created = flow.json(
        "contact", "add", "Bob Stone <bob@x.example>", "--role", "hiring-manager", "--org", "X",
        "--phone", "+32 2 123 45 67", "--notes", "Likes Rust",
    )
    assert created == {
        "id": 4,
        "name": "Bob Stone",
        "email": "bob@x.example",
        "phone": "+32 2 123 45 67",
        "linkedin": None,
        "role": "hiring-manager",
        "organisation": "X",
        "direct_contact": False,
        "notes": "Likes Rust",
        "other_emails": [],
    }
    run = flow("contact", "add", "--name", "Carl Dupont", "--direct")
    assert run.out.splitlines()[-1] == "5"
    assert flow.json("contact", "show", "4") == created
    listed = flow.json("contact", "list")
    assert sorted((c["id"], c["name"], c["role"]) for c in listed) == [
        (1, "Jane Roe", "recruiter"),
        (2, "Ann Lee", "interviewer"),
        (3, "Raj Patel", "interviewer"),
        (4, "Bob Stone", "hiring-manager"),
        (5, "Carl Dupont", "other"),
    ]
    assert [c["name"] for c in flow.json("contact", "list", "--role", "interviewer")] == [
        "Ann Lee", "Raj Patel",
    ]
    assert flow.json("contact", "show", "5")["direct_contact"] is True


# ---------------------------------------------------------------- brief


def test_brief_json(flow: Cli) -> None:
    flow("log", "1", "--email-in", "--with", "jane@agency.example", "--at", "2026-11-23 15:00",
         "--summary", "they liked you", now=MON_AFTERNOON)
    brief = flow.json("brief", "1", now=MON_AFTERNOON)
    assert brief["application"]["id"] == 1
    assert brief["stage"] == "interviewing"
    assert {p["name"] for p in brief["people"]} == {"Jane Roe", "Ann Lee", "Raj Patel"}
    assert [i["id"] for i in brief["interviews"]] == [1]
    assert brief["promises"] == [{"interview_id": 1, "promise": "notice period"}]
    assert brief["decision_date"] == "2026-11-30"
    assert brief["last_exchanges"] == [{
        "at": "2026-11-23T15:00:00+01:00", "kind": "email-in", "contact": "Jane Roe",
        "summary": "they liked you",
    }]
    assert brief["next_step"]["kind"] == "disconnect-check"
    assert brief["reminders"]
    for reminder in brief["reminders"]:
        assert reminder["text"]
        assert set(reminder["sources"]) <= SOURCE_KEYS


# ---------------------------------------------------------------- debrief

DEBRIEF_TOML = """\
unprepared_questions = ["How would you shard the events table?"]
weak_answers = "Backfilling late events: I rambled."
better_answers = ["Watermarks plus a daily reconciliation job."]
went_well = ["The data-quality story landed."]
floundered = ["Salary expectations"]
later_questions = ["How big is the platform team?"]
reactions = ["Ann liked the dbt migration", "Raj frowned at Airflow"]
nuggets = ["A Lisbon office opens in spring"]
topics = ["their move from batch to streaming"]
projects = ["cut the warehouse bill by 40 % at Initrode"]
verdict = "not-for-me"

[fit]
fit_role = 2
fit_growth = { score = 1, note = "flat organisation" }
fit_culture = { score = 3 }
fit_values = { score = 2, note = "ad tech" }
fit_happy = 2
"""


def test_debrief_from_file_not_for_me_plans_a_withdrawal(flow: Cli, tmp_path: Path) -> None:
    path = tmp_path / "debrief.toml"
    path.write_text(DEBRIEF_TOML, encoding="utf-8")
    saved = flow.json("debrief", "1", "--from-file", str(path), now=MON_AFTERNOON)
    assert saved["interview_id"] == 1
    assert saved["weak_answers"] == ["Backfilling late events: I rambled."]
    assert saved["reactions"] == ["Ann liked the dbt migration", "Raj frowned at Airflow"]
    assert saved["floundered"] == ["Salary expectations"]
    assert saved["fit"] == {
        "fit_role": {"score": 2, "note": ""},
        "fit_growth": {"score": 1, "note": "flat organisation"},
        "fit_culture": {"score": 3, "note": ""},
        "fit_values": {"score": 2, "note": "ad tech"},
        "fit_happy": {"score": 2, "note": ""},
    }
    assert saved["fit_average"] == 2.0
    assert saved["verdict"] == "not-for-me"

    plan = flow.json("plan", "1", now=MON_AFTERNOON)
    withdraw = by_kind(plan, "withdraw")
    assert [(a["status"], a["due"]) for a in withdraw] == [
        ("pending", "2026-11-24T10:00:00+01:00"),  # 10:00 next working day
    ]
    assert withdraw[0]["sources"] == ["stafffinders"]
    # writing the debrief completes the debrief action
    assert [a["status"] for a in by_kind(plan, "debrief")] == ["done"]
    shown = flow.json("interview", "show", "1")
    assert shown["debriefed"] is True
    assert shown["debrief"]["verdict"] == "not-for-me"


def test_debrief_verdict_yes_plans_no_withdrawal(flow: Cli, tmp_path: Path) -> None:
    path = tmp_path / "debrief.toml"
    path.write_text('went_well = ["all of it"]\nverdict = "yes"\n', encoding="utf-8")
    flow("debrief", "1", "--from-file", str(path), now=MON_AFTERNOON)
    assert by_kind(flow.json("plan", "1"), "withdraw") == []


def test_debrief_recorded_at_is_in_the_users_zone(flow: Cli, tmp_path: Path) -> None:
    path = tmp_path / "debrief.toml"
    path.write_text('went_well = ["all of it"]\n', encoding="utf-8")
    saved = flow.json("debrief", "1", "--from-file", str(path), now=MON_AFTERNOON)
    assert saved["recorded_at"] == "2026-11-23T16:00:00+01:00"


# ---------------------------------------------------------------- settings


DEFAULT_SETTINGS = {
    "linkedin_interviewer": "after-offer",
    "work_start": "09:00",
    "work_end": "18:00",
    "check_in_interval_days": "7",
    "max_check_ins": "3",
    "keep_searching_min_open": "3",
    "keep_searching_quiet_days": "7",
    "tz": "Europe/Brussels",
    "country": "BE",
}


def test_settings_show_and_set_linkedin_interviewer(flow: Cli) -> None:
    assert flow.json("settings") == DEFAULT_SETTINGS
    assert flow.json("settings", "linkedin_interviewer") == {"linkedin_interviewer": "after-offer"}
    assert by_kind(flow.json("plan", "1"), "linkedin-interviewer") == []

    changed = flow.json("settings", "linkedin_interviewer", "after-interview", now=MON_NOON)
    assert changed == {**DEFAULT_SETTINGS, "linkedin_interviewer": "after-interview"}
    # persisted in the database, seen by the next run
    assert settings_rows(flow.db)["linkedin_interviewer"] == "after-interview"
    assert flow.json("settings", "linkedin_interviewer") == {
        "linkedin_interviewer": "after-interview",
    }
    linkedin = by_kind(flow.json("plan", "1"), "linkedin-interviewer")
    assert [(a["recipient"]["name"], a["due"], a["channel"], a["status"]) for a in linkedin] == [
        ("Ann Lee", "2026-11-24T10:00:00+01:00", "linkedin", "pending"),
        ("Raj Patel", "2026-11-24T10:00:00+01:00", "linkedin", "pending"),
    ]
    assert set(linkedin[0]["sources"]) == {"brightcareer"}

    # back to the default: the pending ones are cancelled, with a reason
    flow("settings", "linkedin_interviewer", "after-offer", now=MON_NOON)
    back = by_kind(flow.json("plan", "1"), "linkedin-interviewer")
    assert [a["status"] for a in back] == ["cancelled", "cancelled"]
    assert all(a["reason"] for a in back)


def test_settings_persist_for_the_entry_point(ft: Ft, steps: Steps) -> None:
    assert ft(*steps.init).code == 0
    assert ft("settings", "work_start", "8:30").code == 0
    assert ft.json("settings", "work_start") == {"work_start": "08:30"}
    assert ft.json("settings")["tz"] == "Europe/Brussels"


# ---------------------------------------------------------------- demo


def test_demo_json_through_the_entry_point(ft: Ft, tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    run = ft("--db", str(target), "demo", "--json", now="2026-11-25T09:00+01:00")
    payload = run.json()
    assert target.exists()
    assert not ft.db.exists(), "demo --db must not touch the default database"
    assert set(payload) == {"now", "overdue", "due_today", "upcoming"}
    assert payload["now"] == "2026-11-25T09:00:00+01:00"
    actions = payload["overdue"] + payload["due_today"] + payload["upcoming"]
    assert payload["overdue"]
    assert payload["due_today"]
    assert payload["upcoming"]
    for action in actions:
        assert set(action) >= ACTION_KEYS
        assert action["status"] in {"pending", "snoozed"}
        assert action["due"].endswith("+01:00")
        assert set(action["sources"]) <= SOURCE_KEYS
    for a in payload["overdue"]:
        assert a["due"] < "2026-11-25T09:00:00+01:00"
    for a in payload["due_today"]:
        assert a["due"].startswith("2026-11-25")
    for a in payload["upcoming"]:
        assert "2026-11-26" <= a["due"][:10] <= "2026-12-02"
    # the agenda read back from the demo database is the one demo printed
    again = ft("--db", str(target), "--json", "today", now="2026-11-25T09:00+01:00").json()
    assert again == payload
    assert json.dumps(again)  # stable, serialisable


def test_demo_never_wipes_the_database_named_by_the_environment(
    seeded_ft: Ft, tmp_path: Path, db_dump: Callable[[Path], str]
) -> None:
    before = db_dump(seeded_ft.db)
    home = tmp_path / "home"
    run = seeded_ft("demo", "--json", env={"HOME": str(home), "XDG_DATA_HOME": str(home)})
    assert run.code == 0, run.err
    assert db_dump(seeded_ft.db) == before


def test_done_is_final_until_reopened(flow: Cli) -> None:
    """done -> skip -> done used to flip the state each time and log the e-mail three times."""
    raj = [a for a in by_kind(flow.json("plan", "1"), "thank-you")
           if a["recipient"]["name"] == "Raj Patel"][0]
    ident = str(raj["id"])
    flow.json("done", ident, now=MON_AFTERNOON)
    assert flow("--json", "skip", ident, now=MON_AFTERNOON, ok=False).code == 1  # 409-like
    assert flow("--json", "snooze", ident, now=MON_AFTERNOON, ok=False).code == 1
    flow.json("done", ident, now=FRI_AFTERNOON)
    exchanges = flow.json("app", "show", "1")["interactions"]
    assert len(exchanges) == 1
    assert by_id(flow.json("plan", "1"))[raj["id"]]["status"] == "done"

    # reopen on purpose: the logged e-mail is taken back, and done logs it again, once
    reopened = flow.json("reopen", ident, now=FRI_AFTERNOON)
    assert (reopened["status"], reopened["done_at"]) == ("pending", None)
    assert reopened["due"] == raj["due"]
    assert flow.json("app", "show", "1")["interactions"] == []
    flow.json("done", ident, now=FRI_AFTERNOON)
    assert len(flow.json("app", "show", "1")["interactions"]) == 1


def test_skipped_is_final_until_reopened(flow: Cli) -> None:
    flow.json("skip", "2", now=MON_NOON)
    assert flow("--json", "done", "2", now=MON_NOON, ok=False).code == 1
    assert by_id(flow.json("plan", "1"))[2]["status"] == "skipped"
    assert flow.json("reopen", "2", now=MON_NOON)["status"] == "pending"
    assert flow.json("done", "2", now=MON_NOON)["status"] == "done"
