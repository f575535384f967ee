"""`followthrough doctor` (issue 12, item 9): what would make the plan wrong, and the fix."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.cli.conftest import Ft

NOW = "2026-12-02T09:00+01:00"


def checks(ft: Ft, now: str = NOW) -> dict[str, Any]:
    data = ft.json("doctor", now=now)
    assert data["ok"] is (not data["findings"])
    return {f["check"]: f for f in data["findings"]}


def test_a_new_database_is_told_to_set_its_zone_and_country(ft: Ft) -> None:
    assert ft("init", now=NOW).code == 0
    found = checks(ft)
    assert list(found) == ["no_zone", "no_country"]
    assert found["no_zone"]["fix"].startswith("followthrough settings tz ")
    assert ft("settings", "tz", "Europe/Brussels", now=NOW).code == 0
    assert ft("settings", "country", "BE", now=NOW).code == 0
    assert checks(ft) == {}
    human = ft("doctor", now=NOW)
    assert human.out.strip() == "✓ Nothing would make your plan wrong."


def test_records_that_would_make_the_plan_wrong_are_named(ft: Ft) -> None:
    for args in (
        ["init", "--tz", "Europe/Brussels", "--country", "BE"],
        ["app", "add", "--company", "ACME", "--role", "Analyst"],  # 1: an interview, no address
        ["interview", "add", "1", "--at", "2026-11-10 10:00", "--with", "Grace Kim"],
        ["app", "add", "--company", "Globex", "--role", "Analyst"],  # 2: interviewing, none
        ["app", "status", "2", "interviewing"],
        ["contact", "add", "HR <hr@initech.example>"],
        ["contact", "add", "tom.baker <tom.baker@initech.example>"],
        ["contact", "add", "Tom Baker <tom@initech.example>"],  # a person: fine
    ):  # fmt: skip
        run = ft(*args, now="2026-11-10T12:00+01:00")
        assert run.code == 0, (args, run.err)
    found = checks(ft)
    grace = ft.json("contact", "list", now=NOW)
    by_name = {c["name"]: c["id"] for c in grace}
    assert found["no_address"]["ids"] == [by_name["Grace Kim"]]  # her thank-you has nowhere to go
    assert found["interviewing_without_interview"]["ids"] == [2]
    assert set(found["mailbox_names"]["ids"]) == {by_name["HR"], by_name["tom.baker"]}
    assert found["long_overdue"]["ids"]  # the thank-you of 10 November, among others
    plan = {a["id"]: a for a in ft.json("plan", "1", now=NOW)}
    assert all(plan[i]["status"] in ("pending", "snoozed") for i in found["long_overdue"]["ids"])
    human = ft("doctor", now=NOW)
    assert human.code == 0
    assert human.out.startswith("What would make your plan wrong (4)")
    assert "fix: followthrough interview add APP" in human.out


def test_doctor_needs_a_database(ft: Ft) -> None:
    run = ft("doctor", now=NOW)
    assert run.code == 1
    assert run.err_lines[0].startswith("error: --db: no database at ")
    assert not ft.db.exists()
