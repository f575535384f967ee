"""Names that are names (issue 12, item 8): a contact is never named after the local part of
an address; a cell that names a firm and a person gives the person, and the firm as agency; a
greeting never uses a mailbox; a draft to someone without an address says so first."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli.conftest import Cli
from tests.io.test_sheets import ok

from followthrough.drafts.context import first_name
from followthrough.io.sheets.rows import person_and_firm


@pytest.mark.parametrize(("cell", "expected"), [
    ("Hays - Tom Baker", ("Tom Baker", "Hays")),
    ("Hays – Tom Baker", ("Tom Baker", "Hays")),
    ("Tom Baker - Hays", ("Tom Baker", "Hays")),
    ("Tom Baker (Hays)", ("Tom Baker", "Hays")),
    ("Robert Walters | Anne-Marie O'Neil", ("Anne-Marie O'Neil", "Robert Walters")),
    ("Tom Baker", ("Tom Baker", None)),
    ("Jean-Luc - the CTO", ("Jean-Luc - the CTO", None)),  # no side reads as a name
    ("", ("", None)),
    (None, (None, None)),
])  # fmt: skip
def test_a_cell_that_names_a_firm_and_a_person(cell: str | None, expected: object) -> None:
    assert person_and_firm(cell) == expected


def test_import_takes_the_person_and_the_firm_from_one_cell() -> None:
    row = ok({"Recruiter": "Hays - Tom Baker", "Email": "tom.baker@hays.example"})
    assert (row.contact_name, row.agency, row.contact_role) == ("Tom Baker", "Hays", "recruiter")
    kept = ok({"Recruiter": "Hays - Tom Baker", "Agency": "Hays Tech"})
    assert kept.agency == "Hays Tech"  # an Agency cell wins
    mailbox = ok({"Email": "tom.baker@hays.example"})
    assert mailbox.contact_name == ""  # never "tom.baker"


@pytest.mark.parametrize(("name", "first"), [
    ("Ann Lee", "Ann"), ("hr", None), ("HR", None), ("jobs", None), ("tom.baker", None),
    ("ann@acme.example", None), ("", None), (None, None), ("J. R. Smith", "J."),
    ("careers team", None), ("talent_acquisition", None),
])  # fmt: skip
def test_a_greeting_never_uses_a_mailbox(name: str | None, first: str | None) -> None:
    assert first_name(name) == first


def test_an_interviewer_without_an_address(cli: Cli, tmp_path: Path) -> None:
    cli("init", "--tz", "Europe/London", "--country", "GB")
    cli("app", "add", "--company", "Acme", "--role", "Analyst")
    cli("interview", "add", "1", "--at", "2026-11-19 10:00", "--with", "Grace Kim",
        "--with", "hr@acme.example")  # fmt: skip
    people = cli.json("interview", "show", "1")["interviewers"]
    assert [(p["name"], p["email"]) for p in people] == [("Grace Kim", None),
                                                         ("", "hr@acme.example")]
    plan = cli.json("plan", "1")
    thanks = {a["title"]: a for a in plan if a["kind"] == "thank-you"}
    assert set(thanks) == {"Thank-you email to Grace Kim", "Thank-you email to hr@acme.example"}
    grace = cli.json("draft", str(thanks["Thank-you email to Grace Kim"]["id"]))
    assert grace["notice"] == (
        "no e-mail address for Grace Kim: add one with `followthrough contact edit 1 --email"
        " ...`, or ask the recruiter to pass it on"
    )
    assert cli("draft", str(thanks["Thank-you email to Grace Kim"]["id"])).out.startswith(
        "Note: no e-mail address for Grace Kim")
    mailbox = cli.json("draft", str(thanks["Thank-you email to hr@acme.example"]["id"]))
    assert mailbox["notice"] is None
    greeting = next(line for line in mailbox["body"].splitlines() if line.strip())
    assert greeting == "Hello,"  # a person whose name we do not have: no "Dear hr,"
    findings = cli.json("doctor")["findings"]
    assert any(f["check"] == "no_address" for f in findings)
