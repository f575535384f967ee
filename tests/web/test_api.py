"""The JSON API (PRODUCT.md §4.2): every route's happy path and error path, in process.

The API is the CLI over HTTP: the same operations, the same JSON, the same one-line errors.
Where the CLI has the command, the tests compare the two outputs on the same database (or on
twin databases built by the same steps) at the same moment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from followthrough.web.errors import API_HINTS

from .conftest import NOW, Api, Cli

ACME = {
    "company": "ACME",
    "role": "Data Engineer",
    "recruiter": "Jane Roe <jane@agency.example>",
    "agency": "Agency",
}
INTERVIEW = {
    "start": "2026-11-23 10:00",
    "end": "11:00",
    "format": "video",
    "with": ["Ann Lee <ann@acme.example>", "Raj Patel <raj@acme.example>"],
    "direct_contacts": ["raj@acme.example"],
    "decision_by": "2026-11-30",
    "promises": ["notice period"],
}
INTERVIEW_ARGS = [
    "interview", "add", "1", "--at", "2026-11-23 10:00", "--end", "11:00", "--format", "video",
    "--with", "Ann Lee <ann@acme.example>", "--with", "Raj Patel <raj@acme.example>",
    "--direct-contact", "raj@acme.example", "--decision-by", "2026-11-30",
    "--promise", "notice period",
]
DEBRIEF = {
    "unprepared_questions": ["How would you migrate a nightly batch to streaming?"],
    "went_well": ["The data-quality story landed."],
    "topics": ["their move to streaming"],
    "projects": ["cut the warehouse bill by 40 % at Initrode"],
    "fit": {"fit_role": {"score": 5, "note": "my stack"}, "fit_growth": {"score": 4}},
    "verdict": "yes",
}
DEBRIEF_TOML = """\
unprepared_questions = ["How would you migrate a nightly batch to streaming?"]
went_well = ["The data-quality story landed."]
topics = ["their move to streaming"]
projects = ["cut the warehouse bill by 40 % at Initrode"]
verdict = "yes"

[fit.fit_role]
score = 5
note = "my stack"

[fit.fit_growth]
score = 4
"""
THANK_YOU = (
    "Dear Ann,\n\nThank you for meeting me today. I enjoyed our talk about your move to "
    "streaming.\n\nI would love to join the team; let me know if I can send anything further."
    "\n\nBest regards,\nSam\n"
)


def first(plan: list[dict[str, Any]], kind: str, status: str = "pending") -> int:
    """Return the id of the first action of `kind` with `status` in a plan."""
    return next(a["id"] for a in plan if a["kind"] == kind and a["status"] == status)


# ---------------------------------------------------------------- the CLI's JSON, the same


def test_today_is_exactly_the_cli_today_json(demo: Api, cli: Cli) -> None:
    api_today = demo.get("/today")
    assert api_today == cli.json("today")
    assert api_today["now"] == "2026-11-20T09:00:00+01:00"
    assert api_today["overdue"]
    assert api_today["due_today"]
    assert api_today["upcoming"]


def test_today_on_an_empty_database_is_the_cli_today_json(web: Api, cli: Cli) -> None:
    assert web.get("/today") == cli.json("today") == {
        "now": "2026-11-20T09:00:00+01:00", "overdue": [], "due_today": [], "upcoming": [],
    }


@pytest.mark.parametrize("asked_first", ["api", "cli"])
def test_today_with_the_keep_searching_nudge_is_the_cli_today_json(
    web: Api, cli: Cli, asked_first: str
) -> None:
    web.post("/applications", {"company": "Initech", "role": "Developer"}, expect=201)
    if asked_first == "api":
        api_today = web.get("/today")
        cli_today = cli.json("today")
    else:
        cli_today = cli.json("today")
        api_today = web.get("/today")
    assert api_today == cli_today
    kinds = [a["kind"] for group in ("overdue", "due_today") for a in api_today[group]]
    assert "keep-searching" in kinds


READS = [
    ("/applications", ["app", "list"]),
    ("/applications?status=interviewing", ["app", "list", "--status", "interviewing"]),
    ("/applications/1", ["app", "show", "1"]),
    ("/applications/4", ["app", "show", "4"]),
    ("/applications/1/plan", ["plan", "1"]),
    ("/applications/4/plan", ["plan", "4"]),
    ("/applications/1/brief", ["brief", "1"]),
    ("/contacts", ["contact", "list"]),
    ("/contacts?role=interviewer", ["contact", "list", "--role", "interviewer"]),
    ("/contacts/1", ["contact", "show", "1"]),
    ("/interviews/1", ["interview", "show", "1"]),
    ("/interviews/3", ["interview", "show", "3"]),
    ("/actions/5/draft", ["draft", "5"]),
    ("/actions/9/draft?as=value-add", ["draft", "9", "--as", "value-add"]),
    ("/actions/37/draft", ["draft", "37"]),
    ("/settings", ["settings"]),
]


@pytest.mark.parametrize(("path", "args"), READS, ids=[p for p, _ in READS])
def test_reads_are_the_cli_json(demo: Api, cli: Cli, path: str, args: list[str]) -> None:
    assert demo.get(path) == cli.json(*args)


def test_the_documented_flow_gives_the_cli_json(web: Api, tmp_path: Path) -> None:
    """The same steps through the API and through the CLI, on twin databases: same JSON."""
    twin = Cli(tmp_path / "cli.db")
    twin.json("init", "--tz", "Europe/Brussels", "--country", "BE")

    def same(api_result: Any, *args: str) -> Any:
        assert api_result == twin.json(*args), args
        return api_result

    same(web.post("/applications", ACME, expect=201), "app", "add", "--company", "ACME",
         "--role", "Data Engineer", "--recruiter", "Jane Roe <jane@agency.example>",
         "--agency", "Agency")
    same(web.post("/applications/1/interviews", INTERVIEW, expect=201), *INTERVIEW_ARGS)
    same(web.post("/applications/1/referees", {"referee": "Maria Garcia <maria@example.org>"},
                  expect=201),
         "app", "referee", "1", "Maria Garcia <maria@example.org>")
    debrief_file = tmp_path / "debrief.toml"
    debrief_file.write_text(DEBRIEF_TOML, encoding="utf-8")
    same(web.put("/interviews/1/debrief", DEBRIEF), "debrief", "1", "--from-file",
         str(debrief_file))
    same(web.post("/contacts", {"name": "Tom Weber <tom@acme.example>", "role": "hiring-manager",
                                "organisation": "ACME", "notes": "met at a meetup"}, expect=201),
         "contact", "add", "Tom Weber <tom@acme.example>", "--role", "hiring-manager",
         "--org", "ACME", "--notes", "met at a meetup")
    same(web.post("/applications/1/interactions",
                  {"kind": "email-in", "with": "ann@acme.example", "at": "2026-11-20 08:30",
                   "summary": "Ann confirmed the time"}, expect=201),
         "log", "1", "--email-in", "--with", "ann@acme.example", "--at", "2026-11-20 08:30",
         "--summary", "Ann confirmed the time")
    plan = same(web.get("/applications/1/plan"), "plan", "1")
    thank_you = first(plan, "thank-you")
    same(web.post(f"/actions/{thank_you}/done",
                  {"reason": "sent from my phone", "at": "2026-11-19 20:15"}),
         "done", str(thank_you), "--reason", "sent from my phone", "--at", "2026-11-19 20:15")
    linkedin = first(plan, "linkedin-recruiter")
    same(web.post(f"/actions/{linkedin}/skip", {"reason": "not on LinkedIn"}),
         "skip", str(linkedin), "--reason", "not on LinkedIn")
    research = first(plan, "company-research")
    same(web.post(f"/actions/{research}/snooze", {"until": "2026-11-27"}),
         "snooze", str(research), "--until", "2026-11-27")
    other_thank_you = first(web.get("/applications/1/plan"), "thank-you")
    same(web.get(f"/actions/{other_thank_you}/draft"), "draft", str(other_thank_you))
    letter = tmp_path / "letter.txt"
    letter.write_text(THANK_YOU, encoding="utf-8")
    same(web.post("/lint", {"text": THANK_YOU, "kind": "thank-you", "application_id": 1}),
         "lint", str(letter), "--kind", "thank-you", "--app", "1")
    same(web.post("/applications/1/status", {"status": "offer"}), "app", "status", "1", "offer")
    same(web.patch("/settings", {"work_start": "08:30"}), "settings", "work_start", "08:30")
    same(web.get("/applications/1"), "app", "show", "1")
    same(web.get("/applications/1/brief"), "brief", "1")
    same(web.get("/contacts"), "contact", "list")
    same(web.get("/today"), "today")


# ---------------------------------------------------------------- the CLI's errors, the same

#: (method, API path, JSON body, status, CLI arguments, the API's name for the CLI's field)
ERRORS: list[tuple[str, str, Any, int, list[str], tuple[str, str] | None]] = [
    ("GET", "/applications/99", None, 404, ["app", "show", "99"], None),
    ("GET", "/applications/99/plan", None, 404, ["plan", "99"], None),
    ("GET", "/applications/99/brief", None, 404, ["brief", "99"], None),
    ("POST", "/applications/99/status", {"status": "offer"}, 404,
     ["app", "status", "99", "offer"], None),
    ("POST", "/applications/99/referees", {"referee": "Maria"}, 404,
     ["app", "referee", "99", "Maria"], None),
    ("POST", "/applications/1/referees", {"referee": "Maria <maria@>"}, 422,
     ["app", "referee", "1", "Maria <maria@>"], None),
    ("GET", "/contacts/99", None, 404, ["contact", "show", "99"], None),
    ("GET", "/interviews/99", None, 404, ["interview", "show", "99"], None),
    ("GET", "/actions/999/draft", None, 404, ["draft", "999"], None),
    ("GET", "/actions/1/draft", None, 422, ["draft", "1"], None),
    ("GET", "/actions/9/draft?as=haiku", None, 422, ["draft", "9", "--as", "haiku"], None),
    ("POST", "/actions/999/done", None, 404, ["done", "999"], None),
    ("POST", "/actions/9/done", {"at": "2026-12-30 10:00"}, 422,
     ["done", "9", "--at", "2026-12-30 10:00"], None),
    ("POST", "/actions/9/done", {"at": "2026-10-25 02:30"}, 422,
     ["done", "9", "--at", "2026-10-25 02:30"], None),
    ("POST", "/actions/9/done", {"at": "last night"}, 422, ["done", "9", "--at", "last night"],
     None),
    ("POST", "/actions/999/skip", None, 404, ["skip", "999"], None),
    ("POST", "/actions/33/done", None, 409, ["done", "33"], None),
    ("POST", "/actions/33/snooze", None, 409, ["snooze", "33"], None),
    ("POST", "/actions/2/snooze", None, 409, ["snooze", "2"], None),
    ("POST", "/actions/9/snooze", {"until": "2026-11-01"}, 422,
     ["snooze", "9", "--until", "2026-11-01"], None),
    ("POST", "/actions/9/snooze", {"until": "2026-11-26 10:00"}, 422,
     ["snooze", "9", "--until", "2026-11-26 10:00"], None),
    ("POST", "/actions/9/snooze", {"until": "next week"}, 422,
     ["snooze", "9", "--until", "next week"], None),
    ("POST", "/applications", {"company": " ", "role": "Analyst"}, 422,
     ["app", "add", "--company", " ", "--role", "Analyst"], None),
    ("POST", "/applications", {"company": "Hooli", "role": " "}, 422,
     ["app", "add", "--company", "Hooli", "--role", " "], None),
    ("POST", "/applications", {"company": "Hooli", "role": "Analyst", "url": "hooli.example"},
     422, ["app", "add", "--company", "Hooli", "--role", "Analyst", "--url", "hooli.example"],
     None),
    ("POST", "/applications", {"company": "Hooli", "role": "Analyst", "recruiter": "Al <al@>"},
     422, ["app", "add", "--company", "Hooli", "--role", "Analyst", "--recruiter", "Al <al@>"],
     None),
    ("POST", "/contacts", {"name": "Ann <ann@nowhere>"}, 422,
     ["contact", "add", "Ann <ann@nowhere>"], None),
    ("POST", "/contacts", {"name": "Jane Roe <jane@northbridge.example>"}, 422,
     ["contact", "add", "Jane Roe <jane@northbridge.example>"], None),
    ("POST", "/contacts", {"name": " "}, 422, ["contact", "add", " "], None),
    ("POST", "/applications/99/interviews", {"start": "2026-11-25 10:00"}, 404,
     ["interview", "add", "99", "--at", "2026-11-25 10:00"], None),
    ("POST", "/applications/3/interviews", {"start": "2027-03-28 02:30"}, 422,
     ["interview", "add", "3", "--at", "2027-03-28 02:30"], ("at:", "start:")),
    ("POST", "/applications/3/interviews", {"start": "2026-10-25 02:30"}, 422,
     ["interview", "add", "3", "--at", "2026-10-25 02:30"], ("at:", "start:")),
    ("POST", "/applications/3/interviews", {"start": "2026-11-31 10:00"}, 422,
     ["interview", "add", "3", "--at", "2026-11-31 10:00"], ("at:", "start:")),
    ("POST", "/applications/3/interviews", {"start": "tomorrow"}, 422,
     ["interview", "add", "3", "--at", "tomorrow"], ("at:", "start:")),
    ("POST", "/applications/3/interviews", {"start": "2026-11-25"}, 422,
     ["interview", "add", "3", "--at", "2026-11-25"], ("at:", "start:")),
    ("POST", "/applications/3/interviews", {"start": "2026-11-25 10:00", "end": "09:00"}, 422,
     ["interview", "add", "3", "--at", "2026-11-25 10:00", "--end", "09:00"], None),
    ("POST", "/applications/3/interviews", {"start": "2026-11-25 10:00", "end": "25:00"}, 422,
     ["interview", "add", "3", "--at", "2026-11-25 10:00", "--end", "25:00"], None),
    ("POST", "/applications/3/interviews",
     {"start": "2026-11-25 10:00", "decision_by": "2026-11-20"}, 422,
     ["interview", "add", "3", "--at", "2026-11-25 10:00", "--decision-by", "2026-11-20"], None),
    ("POST", "/applications/3/interviews",
     {"start": "2026-11-25 10:00", "decision_by": "30/11/2026"}, 422,
     ["interview", "add", "3", "--at", "2026-11-25 10:00", "--decision-by", "30/11/2026"],
     ("decision-by:", "decision_by:")),
    ("POST", "/applications/1/interactions", {"kind": "call", "at": "2026-12-01 10:00"}, 422,
     ["log", "1", "--call", "--at", "2026-12-01 10:00"], None),
    ("POST", "/applications/99/interactions", {"kind": "call"}, 404, ["log", "99", "--call"],
     None),
    ("POST", "/applications/1/interactions", {"kind": "call", "with": "Al <al@>"}, 422,
     ["log", "1", "--call", "--with", "Al <al@>"], None),
    ("PATCH", "/settings", {"tz": "Mars/Olympus_Mons"}, 422,
     ["settings", "tz", "Mars/Olympus_Mons"], None),
    ("PATCH", "/settings", {"country": "XX"}, 422, ["settings", "country", "XX"], None),
    ("PATCH", "/settings", {"work_end": "08:00"}, 422, ["settings", "work_end", "08:00"], None),
    ("PATCH", "/settings", {"work_start": "9am"}, 422, ["settings", "work_start", "9am"], None),
    ("PATCH", "/settings", {"linkedin_interviewer": "never"}, 422,
     ["settings", "linkedin_interviewer", "never"], None),
    ("POST", "/lint", {"text": "Hello", "application_id": 99}, 404,
     ["lint", "-", "--app", "99"], None),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "args", "renamed"),
    ERRORS,
    ids=[f"{m} {p} {b}" for m, p, b, *_ in ERRORS],
)
def test_errors_are_the_cli_one_line_messages(
    demo: Api, cli: Cli, method: str, path: str, body: Any, status: int, args: list[str],
    renamed: tuple[str, str] | None,
) -> None:
    expected = cli.error(*args)  # what and which, before the CLI adds its pointer
    if renamed:
        expected = expected.replace(*renamed)
    message = demo.error(method, path, status, body)
    # the API adds its own pointer (a path, never a command: issue 10, item 7)
    pointers = [f"; {hint}" for hint in API_HINTS.values() if message.endswith(f"; {hint}")]
    assert message.removesuffix(pointers[0] if pointers else "") == expected
    assert "`followthrough" not in message


def test_choices_the_cli_leaves_to_click_get_the_service_message(demo: Api) -> None:
    assert demo.error("POST", "/applications/1/status", 422, {"status": "hired"}) == (
        "status: 'hired'; use one of applied, interviewing, offer, accepted, rejected, "
        "withdrawn, closed"
    )
    assert demo.error("POST", "/applications/3/interviews", 422,
                      {"start": "2026-11-25 10:00", "format": "carrier"}) == (
        "format: 'carrier'; use one of in-person, phone, video"
    )


def test_an_error_names_its_field(demo: Api) -> None:
    body = demo.call("POST", "/applications", 422, json={"company": "Hooli", "role": " "})
    assert body == {"error": "role: empty; give the job title, e.g. 'Data Engineer'",
                    "field": "role"}
    missing = demo.call("GET", "/applications/99", 404)
    assert missing["error"].startswith("application 99 not found")
    assert "field" not in missing


# ---------------------------------------------------------------- FastAPI's own errors, same shape


@pytest.mark.parametrize(
    ("method", "path", "body", "field", "message"),
    [
        ("GET", "/applications/abc", None, "app_id", "app_id: Input should be a valid integer"),
        ("GET", "/applications/0", None, "app_id", "app_id: Input should be greater than"),
        ("GET", f"/actions/{2**64}", None, "action_id", "action_id: Input should be less than"),
        ("GET", "/applications?status=hired", None, "status", "status: Input should be"),
        ("POST", "/applications", {"company": "Hooli"}, "role",
         "role: missing; this field is required"),
        ("POST", "/applications", {"company": "Hooli", "role": "X", "salary": 1}, "salary",
         "salary: unknown field"),
        ("POST", "/applications", {"company": "Hooli", "role": "X", "interest": "lots"},
         "interest", "interest: Input should be a valid integer"),
        ("POST", "/applications", None, "body", "body: missing; this field is required"),
        ("POST", "/applications/1/interviews", {"start": "2026-11-25 10:00", "duration": 0},
         "duration", "duration: Input should be greater than or equal to 1"),
        ("PUT", "/interviews/1/debrief", {"fit": {"fit_money": 5}}, "fit.fit_money",
         "fit.fit_money: unknown field"),
        ("PUT", "/interviews/1/debrief", {"topics": 42}, "topics", "topics: Input should be"),
        ("PATCH", "/settings", {"max_check_ins": 1000}, "max_check_ins",
         "max_check_ins: Input should be less than or equal to 10"),
        ("POST", "/lint", {"kind": "thank-you"}, "text", "text: missing"),
    ],
)
def test_malformed_requests_get_one_line_errors_naming_the_field(
    demo: Api, method: str, path: str, body: Any, field: str, message: str
) -> None:
    result = demo.call(method, path, 422, json=body)
    assert result["field"] == field
    assert result["error"].startswith(message), result
    assert "\n" not in result["error"]


def test_a_body_that_is_not_json_gets_a_one_line_error(demo: Api) -> None:
    response = demo.client.post(
        "/api/v1/applications", content=b"{company: ACME",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["field"] == "body"
    assert response.json()["error"].startswith("body: is not valid JSON")


def test_a_body_that_is_not_utf8_gets_a_one_line_error(demo: Api) -> None:
    response = demo.client.post(
        "/api/v1/applications", content=b'{"company": "\xff"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json() == {
        "error": "body: is not valid Unicode text (bytes that are not UTF-8, or a lone "
                 "surrogate); send UTF-8 text",
        "field": "body"}


def test_an_unknown_address_and_a_wrong_method_get_the_error_shape(demo: Api) -> None:
    assert demo.error("GET", "/nowhere", 404) == (
        "route /api/v1/nowhere not found; see /api/v1/openapi.json"
    )
    assert demo.error("PUT", "/applications/1", 405) == (
        "method: PUT is not allowed on /api/v1/applications/1; use DELETE, GET, PATCH"
    )
    assert demo.error("PUT", "/today", 405) == (
        "method: PUT is not allowed on /api/v1/today; use GET"
    )


def test_the_openapi_document_promises_the_error_shape(demo: Api) -> None:
    document = demo.client.get("/api/v1/openapi.json").json()
    assert document["components"]["schemas"]["ErrorOut"]["required"] == ["error"]
    for path, item in document["paths"].items():
        assert path.startswith("/api/v1/")
        for method, operation in item.items():
            responses = operation["responses"]
            for status in ("400", "403", "404", "409", "422"):
                schema = responses[status]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (method, path)
            assert "HTTPValidationError" not in str(responses)


# ---------------------------------------------------------------- routes, one by one


def test_csrf_returns_the_token_of_the_cookie(web: Api) -> None:
    assert web.get("/csrf") == {"token": web.token}


def test_applications_add_list_show(web: Api) -> None:
    created = web.post("/applications", {
        **ACME, "url": "https://acme.example/jobs/1", "interest": 4, "notes": "dream job",
        "referees": ["Maria Garcia <maria@example.org>"], "competitors": ["Globex", "Hooli"],
        "hiring_contact": "Tom Weber <tom@acme.example>",
    }, expect=201)
    assert created["id"] == 1
    assert created["channel"] == "recruiter"
    assert created["recruiter"]["email"] == "jane@agency.example"
    assert created["competitors"] == ["Globex", "Hooli"]
    assert created["created_at"] == "2026-11-20T09:00:00+01:00"
    direct = web.post("/applications", {"company": "Initech", "role": "Developer"}, expect=201)
    assert direct["channel"] == "direct"
    listed = web.get("/applications")
    assert {a["id"] for a in listed} == {1, 2}
    assert all("next_action" in a for a in listed)
    shown = web.get("/applications/1")
    assert [r["name"] for r in shown["referees"]] == ["Maria Garcia"]
    assert {c["name"] for c in shown["contacts"]} >= {"Jane Roe", "Maria Garcia"}
    assert shown["interactions"] == []
    assert shown["plan"] == web.get("/applications/1/plan")


def test_applications_filtered_by_status(demo: Api) -> None:
    assert [a["company"] for a in demo.get("/applications?status=offer")] == ["Stark Industries"]
    assert demo.get("/applications?status=closed") == []


def test_status_change_replans_and_reports_added_and_cancelled(demo: Api) -> None:
    result = demo.post("/applications/1/status", {"status": "rejected"})
    assert result["application"]["status"] == "rejected"
    assert "rejection-reply" in [a["kind"] for a in result["added"]]
    cancelled = {a["kind"] for a in result["cancelled"]}
    assert {"thank-you", "check-in"} <= cancelled
    assert all(a["status"] == "cancelled" and a["reason"] for a in result["cancelled"])
    again = demo.post("/applications/1/status", {"status": "rejected"})
    assert again["added"] == again["cancelled"] == []


def test_referee_added_and_planned(demo: Api) -> None:
    referee = demo.post("/applications/3/referees", {"referee": "Bill Lumbergh <bill@x.example>"},
                        expect=201)
    assert referee["role"] == "referee"
    assert referee["name"] == "Bill Lumbergh"
    kinds = [a["kind"] for a in demo.get("/applications/3/plan")]
    assert "referee-heads-up" in kinds
    by_id = demo.post("/applications/3/referees", {"referee": str(referee["id"])}, expect=201)
    assert by_id == referee


def test_plan_lists_cancelled_actions_with_their_reason(demo: Api) -> None:
    plan = demo.get("/applications/4/plan")
    cancelled = [a for a in plan if a["status"] == "cancelled"]
    assert cancelled
    assert all(a["reason"] == "status changed to rejected" for a in cancelled)
    action = plan[0]
    assert set(action) >= {"id", "kind", "title", "status", "due", "deadline", "application_id",
                           "interview_id", "recipient", "channel", "rule", "sources"}


def test_brief(demo: Api) -> None:
    brief = demo.get("/applications/1/brief")
    assert brief["application"]["company"] == "ACME Analytics"
    assert brief["stage"] == "interviewing"
    assert {p["name"] for p in brief["people"]} >= {"Ann Lee", "Raj Patel", "Jane Roe"}
    assert brief["promises"] == [{"interview_id": 1, "promise": "my notice period (four weeks)"}]
    assert brief["next_step"]["status"] == "pending"
    assert brief["reminders"]


def test_contacts_add_list_show_filter(web: Api) -> None:
    ann = web.post("/contacts", {"name": "Ann Lee <ann@acme.example>", "phone": "+32 470 12 34 56",
                                 "linkedin": "https://www.linkedin.com/in/annlee",
                                 "role": "interviewer", "organisation": "ACME",
                                 "direct_contact": True, "notes": "likes Rust"}, expect=201)
    assert ann == {"id": 1, "name": "Ann Lee", "email": "ann@acme.example",
                   "phone": "+32 470 12 34 56", "linkedin": "https://www.linkedin.com/in/annlee",
                   "role": "interviewer", "organisation": "ACME", "direct_contact": True,
                   "notes": "likes Rust", "other_emails": []}
    bob = web.post("/contacts", {"name": "Bob", "email": "bob@agency.example",
                                 "role": "recruiter"}, expect=201)
    assert bob["email"] == "bob@agency.example"
    assert web.get("/contacts/1") == ann
    assert [c["name"] for c in web.get("/contacts")] == ["Ann Lee", "Bob"]
    assert [c["name"] for c in web.get("/contacts?role=recruiter")] == ["Bob"]
    assert web.error("POST", "/contacts", 422, {"name": "Eve", "role": "spy"}) == (
        "role: 'spy'; use one of interviewer, recruiter, hiring-manager, referee, other"
    )


def test_interview_local_time_iso_offset_end_and_duration(demo: Api) -> None:
    local = demo.post("/applications/3/interviews",
                      {"start": "2026-11-26 14:00", "end": "15:30", "with": ["6"]}, expect=201)
    assert (local["start"], local["end"]) == ("2026-11-26T14:00:00+01:00",
                                              "2026-11-26T15:30:00+01:00")
    assert [p["name"] for p in local["interviewers"]] == ["Peter Gibbons"]
    assert local["round"] == 2
    offset = demo.post("/applications/3/interviews",
                       {"start": "2026-11-27T08:00:00-05:00", "duration": 45, "format": "phone",
                        "round": 3, "follow_up_with": "Peter Gibbons <peter@initech.example>",
                        "follow_up_how": "e-mail", "next_steps": "a final round"}, expect=201)
    assert (offset["start"], offset["end"]) == ("2026-11-27T14:00:00+01:00",
                                                "2026-11-27T14:45:00+01:00")
    assert offset["follow_up_contact_id"] == 6
    default = demo.post("/applications/3/interviews", {"start": "2026-11-30 09:00"}, expect=201)
    assert default["end"] == "2026-11-30T10:00:00+01:00"
    full_end = demo.post("/applications/3/interviews",
                         {"start": "2026-12-01 09:00", "end": "2026-12-01 11:00"}, expect=201)
    assert full_end["end"] == "2026-12-01T11:00:00+01:00"
    shown = demo.get(f"/interviews/{offset['id']}")
    assert shown == {**offset, "debrief": None}


def test_interview_times_that_do_not_exist_or_happen_twice(demo: Api) -> None:
    gap = demo.error("POST", "/applications/3/interviews", 422, {"start": "2027-03-28 02:30"})
    assert gap.startswith("start: 2027-03-28 02:30 does not exist in Europe/Brussels")
    twice = demo.error("POST", "/applications/3/interviews", 422, {"start": "2026-10-25 02:30"})
    assert twice.startswith("start: 2026-10-25 02:30 happens twice in Europe/Brussels")
    chosen = demo.post("/applications/3/interviews", {"start": "2026-10-25 02:30+01:00"},
                       expect=201)
    assert chosen["start"] == "2026-10-25T02:30:00+01:00"


def test_interview_errors_the_cli_cannot_meet(demo: Api) -> None:
    assert demo.error("POST", "/applications/3/interviews", 422,
                      {"start": "2026-11-25 10:00", "end": "11:00", "duration": 30}) == (
        "end: give end or duration, not both"
    )
    far = demo.error("POST", "/applications/3/interviews", 422, {"start": "9999-12-31 23:30"})
    assert far == "start: year 9999 is out of range; use 1900-2999"  # the CLI's own message
    late = demo.error("POST", "/applications/3/interviews", 422,
                      {"start": "2026-11-25 10:00", "decision_by": "9999-12-31"})
    assert late == "decision_by: year 9999 is out of range; use 1900-2999"
    assert demo.error("POST", "/applications/3/interviews", 422,
                      {"start": "2026-11-25 10:00", "with": ["¹"]}) == (
        "with: '¹' is not a contact id; give an id, an e-mail or 'Name <email>'"
    )
    huge = "99999999999999999999999"
    assert demo.error("POST", "/applications/3/interviews", 422,
                      {"start": "2026-11-25 10:00", "with": [huge]}).startswith(
        f"with: '{huge}' is not a contact id"
    )


def test_debrief_write_read_replace(demo: Api) -> None:
    assert demo.error("GET", "/interviews/3/debrief", 404) == (
        "debrief of interview 3 not found; write it with PUT on this address"
    )
    saved = demo.put("/interviews/3/debrief", {
        **DEBRIEF, "weak_answers": "Salary: I named a number first.\n\nNotice period: vague.",
        "fit": {"fit_role": 4, "fit_happy": {"score": 2, "note": "long commute"}},
    })
    assert saved["weak_answers"] == ["Salary: I named a number first.", "Notice period: vague."]
    assert saved["fit"] == {"fit_role": {"score": 4, "note": ""},
                            "fit_happy": {"score": 2, "note": "long commute"}}
    assert saved["fit_average"] == 3.0
    assert saved["recorded_at"] == "2026-11-20T09:00:00+01:00"
    assert demo.get("/interviews/3/debrief") == saved
    shown = demo.get("/interviews/3")
    assert shown["debriefed"] is True
    assert shown["debrief"] == saved
    replaced = demo.put("/interviews/3/debrief", {"topics": ["legacy COBOL"]})
    assert replaced["topics"] == ["legacy COBOL"]
    assert replaced["unprepared_questions"] == []
    assert replaced["verdict"] is None


def test_debrief_not_for_me_plans_a_withdrawal(demo: Api) -> None:
    demo.put("/interviews/1/debrief", {"verdict": "not-for-me"})
    assert "withdraw" in [a["kind"] for a in demo.get("/applications/1/plan")]


def test_debrief_errors_are_the_service_messages(demo: Api) -> None:
    assert demo.error("PUT", "/interviews/1/debrief", 422, {"fit": {"fit_role": 7}}) == (
        "fit.fit_role.score: 7; use a whole number 1 to 5"
    )
    assert demo.error("PUT", "/interviews/1/debrief", 422,
                      {"fit": {"fit_role": {"score": 0}}}) == (
        "fit.fit_role.score: 0; use a whole number 1 to 5"
    )
    assert demo.error("PUT", "/interviews/1/debrief", 422, {"verdict": "maybe"}) == (
        "verdict: 'maybe'; use one of yes, unsure, not-for-me"
    )
    assert demo.error("PUT", "/interviews/99/debrief", 404, {}).startswith(
        "interview 99 not found"
    )


def test_action_show(demo: Api) -> None:
    action = demo.get("/actions/5")
    assert action == next(a for a in demo.get("/applications/1/plan") if a["id"] == 5)
    assert action["kind"] == "thank-you"
    assert demo.error("GET", "/actions/999", 404).startswith("action 999 not found")


def test_done_logs_the_exchange_and_returns_the_guards(demo: Api) -> None:
    done = demo.post("/actions/5/done", {"reason": "sent at 9"})
    assert done["status"] == "done"
    assert done["done_at"] == "2026-11-20T09:00:00+01:00"
    assert done["reason"] == "sent at 9"
    assert isinstance(done["warnings"], list)
    assert demo.get("/applications/1")["interactions"][-1]["kind"] == "email-out"
    again = demo.post("/actions/5/done")
    assert again["status"] == "done"
    assert again["warnings"] == []


def test_done_records_the_override_of_a_guard(demo: Api) -> None:
    # a second check-in to Globex the day after the first breaks the once-a-week rule
    demo.post("/actions/16/done")
    second = demo.post("/actions/17/done", {"override": "they asked me to"})
    assert second["status"] == "done"
    assert "cadence" in [w["guard"] for w in second["warnings"]]


def test_skip_and_snooze(demo: Api) -> None:
    skipped = demo.post("/actions/4/skip", {"reason": "not on LinkedIn"})
    assert (skipped["status"], skipped["reason"]) == ("skipped", "not on LinkedIn")
    assert demo.post("/actions/8/skip")["status"] == "skipped"
    tomorrow = demo.post("/actions/3/snooze")
    assert (tomorrow["status"], tomorrow["due"]) == ("snoozed", "2026-11-21T09:00:00+01:00")
    dated = demo.post("/actions/9/snooze", {"until": "2026-11-30", "reason": "holiday"})
    assert dated["due"] == "2026-11-30T10:00:00+01:00"  # the same time of day
    timed = demo.post("/actions/10/snooze", {"until": "2026-12-09T16:00:00+01:00"})
    assert timed["due"] == "2026-12-09T16:00:00+01:00"
    assert demo.error("POST", "/actions/4/snooze", 409).startswith(
        "action 4 is already skipped; it stays skipped"
    )


def test_log_an_exchange(demo: Api) -> None:
    logged = demo.post("/applications/2/interactions",
                       {"kind": "email-in", "with": "tom.weber@globex.example",
                        "at": "2026-11-19 16:00", "summary": "They will decide next week"},
                       expect=201)
    assert logged == {"id": logged["id"], "application_id": 2, "kind": "email-in",
                      "at": "2026-11-19T16:00:00+01:00", "contact_id": 5, "follow_up": False,
                      "warnings": [], "override": None}
    now = demo.post("/applications/2/interactions", {"kind": "call"}, expect=201)
    assert now["at"] == "2026-11-20T09:00:00+01:00"
    assert demo.error("POST", "/applications/2/interactions", 422, {"kind": "fax"}) == (
        "kind: 'fax'; use call, email-in or email-out"
    )


def test_log_warns_about_chasing_too_often(demo: Api) -> None:
    demo.post("/applications/2/interactions", {"kind": "email-out", "with": "5",
                                              "at": "2026-11-18 10:00"}, expect=201)
    chase = demo.post("/applications/2/interactions",
                      {"kind": "email-out", "with": "5", "override": "I had news"}, expect=201)
    assert "cadence" in [w["guard"] for w in chase["warnings"]]
    assert chase["override"] == "I had news"


def test_draft_render_edit_and_keep(demo: Api) -> None:
    draft = demo.get("/actions/5/draft")
    assert draft["kind"] == "thank-you"
    assert draft["channel"] == "email"
    assert draft["edited"] is False
    assert draft["body"]
    assert draft["words"] > 0
    assert draft["template"].startswith("thank-you/")
    value_add = demo.get("/actions/9/draft?as=value-add")
    assert value_add["kind"] == "value-add"
    saved = demo.put("/actions/5/draft", {"subject": "Thank you", "body": THANK_YOU})
    assert saved["edited"] is True
    assert (saved["subject"], saved["body"]) == ("Thank you", THANK_YOU)
    assert demo.get("/actions/5/draft") == saved
    assert demo.get("/actions/5")["edited"] is True
    assert demo.error("PUT", "/actions/5/draft", 422, {"subject": "a\nb", "body": "x"}) == (
        "subject: contains a line break (U+000A); keep it on one line"
    )
    assert demo.error("PUT", "/actions/5/draft", 422, {"body": "  "}) == (
        "body: is empty; write the message or drop --edit"
    )
    assert demo.error("PUT", "/actions/999/draft", 404, {"body": "x"}).startswith(
        "action 999 not found"
    )


def test_a_value_add_shares_the_link_given(demo: Api) -> None:
    bare = demo.get("/actions/9/draft?as=value-add")
    assert "--link URL" in (bare["notice"] or "")
    shared = demo.get("/actions/9/draft?as=value-add&link=https%3A%2F%2Fexample.com%2Fcosts"
                      "&note=a+note+on+streaming+costs")  # fmt: skip
    assert "https://example.com/costs" in shared["body"]
    assert "--link" not in (shared["notice"] or "")
    assert demo.error("GET", "/actions/9/draft?as=value-add&link=ftp%3A%2F%2Fx", 422).startswith(
        "link: 'ftp://x' is not a web address"
    )


@pytest.mark.parametrize("what", ["applications/2", "contacts/2"])
def test_a_merge_with_an_id_past_any_row_is_refused(demo: Api, what: str) -> None:
    # found by schemathesis: an id past SQLite's integer range answered 500
    message = demo.error("POST", f"/{what}/merge", 422, {"other": 2**63})
    assert message.startswith("other:")


def test_lint_any_text(demo: Api) -> None:
    result = demo.post("/lint", {"text": "I forgot to mention that {name} is great great.",
                                 "kind": "thank-you"})
    assert result["kind"] == "thank-you"
    assert result["words"] > 0
    rules = {f["rule"] for f in result["findings"]}
    assert {"forgot-to-mention", "placeholder"} <= rules
    for finding in result["findings"]:
        assert set(finding) == {"rule", "severity", "start", "end", "message"}
    plain = demo.post("/lint", {"text": "Hello"})
    assert plain["kind"] is None
    assert demo.error("POST", "/lint", 422, {"text": "x", "kind": "sonnet"}).startswith(
        "kind: 'sonnet'; use one of thank-you"
    )


def test_lint_refuses_a_text_longer_than_the_checker_reads(demo: Api) -> None:
    from followthrough.services.checking import MAX_CHECKED

    assert demo.post("/lint", {"text": "x" * MAX_CHECKED})["words"] == 1
    assert demo.error("POST", "/lint", 422, {"text": "x" * (MAX_CHECKED + 1)}).startswith(
        f"text: {MAX_CHECKED + 1:,} characters, over the {MAX_CHECKED:,} the checker reads"
    )
    assert demo.error("PUT", "/actions/5/draft", 422, {"body": "x" * (MAX_CHECKED + 1)}).startswith(
        f"body: {MAX_CHECKED + 1:,} characters"
    )


def test_lint_flags_a_name_from_another_application(demo: Api) -> None:
    result = demo.post("/lint", {"text": "Dear Tom, thank you for the Globex interview.",
                                 "kind": "thank-you", "application_id": 1})
    assert "wrong-name" in {f["rule"] for f in result["findings"]}


def test_settings_read_and_change(demo: Api, cli: Cli) -> None:
    settings = demo.get("/settings")
    assert settings["tz"] == "Europe/Brussels"
    assert "calendar_token" not in settings
    before = demo.get("/applications/1/plan")
    changed = demo.patch("/settings", {"tz": "America/New_York", "country": "US",
                                       "max_check_ins": 2, "name": "Sam Doe"})
    assert (changed["tz"], changed["country"], changed["max_check_ins"], changed["name"]) == (
        "America/New_York", "US", "2", "Sam Doe"
    )
    assert changed == cli.json("settings")
    after = demo.get("/applications/1/plan")
    assert after != before  # re-planned: times in the new zone, one check-in fewer
    assert demo.get("/today")["now"] == "2026-11-20T03:00:00-05:00"
    assert demo.patch("/settings", {}) == changed
    assert demo.patch("/settings", {"region": None}) == changed


def test_ids_too_big_for_the_store_are_refused_not_crashed(demo: Api) -> None:
    body = demo.call("GET", f"/applications/{2**63}", 422)
    assert body["field"] == "app_id"
    assert demo.error("POST", "/applications/1/referees", 422,
                      {"referee": str(2**64)}).startswith("referee: ")
    body = demo.call("POST", "/lint", 422, json={"text": "x", "application_id": 2**63})
    assert body["field"] == "application_id"


def test_responses_are_json_with_the_now_of_the_clock(demo: Api) -> None:
    response = demo.client.get("/api/v1/today")
    assert response.headers["content-type"] == "application/json"
    assert response.json()["now"] == "2026-11-20T09:00:00+01:00"
    assert NOW.startswith("2026-11-20T09:00")


def test_what_schemathesis_found_stays_fixed(demo: Api) -> None:
    """Each of these was a 500 (or a response outside the documented schema) before."""
    # a body that is not UTF-8: FastAPI's own {"detail"} instead of the error shape
    response = demo.client.put("/api/v1/interviews/1/debrief", content=b"b\xff",
                               headers={"content-type": "application/json"})
    assert (response.status_code, response.json()["field"]) == (422, "body")
    # done twice: the service returned the action without its "warnings"
    demo.post("/actions/2/done")
    assert demo.post("/actions/2/done")["warnings"] == []
    # a superscript digit is str.isdigit() but not int(): services.resolve_contact crashed
    assert demo.error("POST", "/applications", 422,
                      {"company": "0", "role": "0", "referees": ["\u00b9"]}) == (
        "referee: '\u00b9' is not a contact id; give an id, an e-mail or 'Name <email>'"
    )
    # a time zone name too long to be a file: workdays.zone let the OSError through
    assert demo.error("PATCH", "/settings", 422, {"tz": "0" * 300}).startswith(
        "tz: unknown time zone '000"
    )
    # a plan of 128 check-ins, 10**9 days apart: the planner's dates overflowed
    for key, value in (("max_check_ins", 128), ("check_in_interval_days", 10**9)):
        assert demo.call("PATCH", "/settings", 422, json={key: value})["field"] == key
    assert demo.get("/settings")["max_check_ins"] == "3"
