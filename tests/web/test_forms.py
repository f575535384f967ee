"""The pages that take input, in process: add an application, record an interview, the debrief,
settings, the brief; a mistake comes back in the form and writes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from followthrough.services import demo
from followthrough.web.app import WebConfig, create_app
from tests.web.conftest import dump
from tests.web.test_pages import NOW, _service


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "forms.db"
    demo.fill(_service(path))
    return path


@pytest.fixture
def site(db_path: Path) -> TestClient:
    client = TestClient(
        create_app(WebConfig(db_path, clock=lambda: NOW)), base_url="http://127.0.0.1:8765"
    )
    client.get("/")
    return client


def post(site: TestClient, url: str, data: dict[str, str]) -> object:
    token = site.cookies.get("ft_csrf")
    assert token
    return site.post(url, data={"csrf_token": token, **data}, follow_redirects=False)


def field_error(html: str, name: str) -> str:
    match = re.search(rf'<p class="error" id="err-{name}">(.*?)</p>', html)
    assert match, f"no error shown for {name}"
    return match.group(1)


def test_add_an_application_from_the_form(site: TestClient) -> None:
    page = site.get("/applications/new")
    assert page.status_code == 200
    assert 'name="csrf_token"' in page.text
    r = post(
        site,
        "/applications/new",
        {
            "company": "Initech",
            "role": "Engineer",
            "interest": "4",
            "competitors": "Globex\n\nHooli",
        },
    )
    assert r.status_code == 303
    app_id = int(r.headers["location"].split("/")[2].split("?")[0])
    shown = site.get(r.headers["location"]).text
    assert "Initech" in shown
    assert "Added" in shown
    detail = site.get(f"/api/v1/applications/{app_id}").json()
    assert detail["interest"] == 4
    assert detail["competitors"] == ["Globex", "Hooli"]


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"company": "", "role": "Engineer"}, "company", "company"),
        ({"company": "X", "role": "Engineer", "interest": "lots"}, "interest", "whole number"),
        ({"company": "X", "role": "Engineer", "interest": "9"}, "interest", "5"),
        ({"company": "X", "role": "Engineer", "url": "ftp://x"}, "url", "https://"),
    ],
)
def test_a_mistake_comes_back_in_the_form_and_writes_nothing(
    site: TestClient, db_path: Path, data: dict[str, str], field: str, words: str
) -> None:
    before = dump(db_path)
    r = post(site, "/applications/new", data)
    assert r.status_code == 422
    assert words in field_error(r.text, field)
    assert f'id="f-{field}"' in r.text
    assert 'aria-invalid="true"' in r.text
    assert 'value="Engineer"' in r.text  # what was typed is kept
    assert dump(db_path) == before


def test_record_an_interview_then_the_debrief_replans(site: TestClient, db_path: Path) -> None:
    form = site.get("/applications/2/interviews/new")
    assert form.status_code == 200
    assert "business cards" in form.text  # the before-the-interview checklist
    r = post(
        site,
        "/applications/2/interviews/new",
        {
            "date": "2026-11-24",
            "time": "10:00",
            "duration": "45",
            "format": "video",
            "with": "Kim Park <kim@example.com>",
            "promises": "my notice period",
            "decision_by": "2026-12-01",
        },
    )
    assert r.status_code == 303, r.text[:300]
    iid = int(r.headers["location"].split("/")[2].split("?")[0])
    interview = site.get(f"/api/v1/interviews/{iid}").json()
    assert interview["start"] == "2026-11-24T10:00:00+01:00"
    assert interview["end"] == "2026-11-24T10:45:00+01:00"
    assert interview["promises"] == ["my notice period"]
    page = site.get(f"/interviews/{iid}").text
    assert "Thank-you email to Kim Park" in page
    assert "Now that it is over" in page  # the interview is past at NOW

    before = {a["key"]: a for a in site.get("/api/v1/applications/2/plan").json()}
    r = post(
        site,
        f"/interviews/{iid}/debrief",
        {
            "topics": "their new Lisbon office\nthe data platform",
            "unprepared_questions": "Why are you leaving?",
            "fit_role_score": "4",
            "fit_role_note": "my stack",
            "verdict": "not-for-me",
        },
    )
    assert r.status_code == 303
    saved = site.get(f"/api/v1/interviews/{iid}/debrief").json()
    assert saved["topics"] == ["their new Lisbon office", "the data platform"]
    assert saved["fit"]["fit_role"] == {"score": 4, "note": "my stack"}
    assert saved["verdict"] == "not-for-me"
    after = {a["key"]: a for a in site.get("/api/v1/applications/2/plan").json()}
    assert any(a["kind"] == "withdraw" for a in after.values())  # re-planned from the verdict
    assert set(after) != set(before)
    form = site.get(f"/interviews/{iid}/debrief").text  # filled in with what was saved
    assert "their new Lisbon office\nthe data platform</textarea>" in form
    assert 'value="4" checked' in form


def test_interview_mistakes_name_their_field(site: TestClient, db_path: Path) -> None:
    before = dump(db_path)
    cases = [
        ({"date": "", "time": "10:00"}, "date", "day"),
        ({"date": "2026-11-24", "time": ""}, "time", "time"),
        ({"date": "2026-11-24", "time": "10:00", "duration": "900"}, "duration", "12"),
        (
            {"date": "2026-11-24", "time": "10:00", "decision_by": "2026-11-01"},
            "decision_by",
            "before the interview",
        ),
        ({"date": "2026-03-29", "time": "02:30"}, "date", "does not exist"),  # Brussels DST gap
        ({"date": "2026-11-24", "time": "10:00", "format": "carrier pigeon"}, "format", "video"),
    ]
    for data, field, words in cases:
        r = post(site, "/applications/2/interviews/new", data)
        assert r.status_code == 422, data
        assert words in field_error(r.text, field), data
    assert dump(db_path) == before


def test_debrief_mistakes_keep_the_text(site: TestClient, db_path: Path) -> None:
    before = dump(db_path)
    r = post(site, "/interviews/1/debrief", {"went_well": "the war story", "fit_growth_score": "7"})
    assert r.status_code == 422
    assert "1 to 5" in field_error(r.text, "fit_growth_score")
    assert "the war story</textarea>" in r.text
    assert dump(db_path) == before


def test_settings_save_and_show_both_sources(site: TestClient) -> None:
    page = site.get("/settings").text
    assert "The sources disagree" in page
    assert "Hays" in page
    assert "BrightCareer" in page
    r = post(
        site,
        "/settings",
        {
            "tz": "America/New_York",
            "country": "US",
            "work_start": "08:30",
            "work_end": "17:00",
            "linkedin_interviewer": "after-interview",
        },
    )
    assert r.status_code == 303
    s = site.get("/api/v1/settings").json()
    assert (s["tz"], s["country"], s["work_start"], s["linkedin_interviewer"]) == (
        "America/New_York",
        "US",
        "08:30",
        "after-interview",
    )
    plan = site.get("/api/v1/applications/1/plan").json()
    assert any(a["kind"] == "linkedin-interviewer" and a["status"] == "pending" for a in plan)
    assert all(a["due"] is None or a["due"].endswith(("-05:00", "-04:00")) for a in plan)


def test_settings_mistakes(site: TestClient, db_path: Path) -> None:
    site.get("/settings")  # the calendar token is made on the first visit
    before = dump(db_path)
    for data, field in (
        ({"tz": "Mars/Olympus"}, "tz"),
        ({"work_start": "25:00"}, "work_start"),
        ({"work_start": "18:00", "work_end": "09:00"}, "work_end"),
        ({"check_in_interval_days": "0"}, "check_in_interval_days"),
        ({"country": "XX"}, "country"),
    ):
        r = post(site, "/settings", data)
        assert r.status_code == 422, data
        field_error(r.text, field)
    assert dump(db_path) == before


def test_rotating_the_calendar_token_changes_the_address(site: TestClient) -> None:
    def feed() -> str:
        match = re.search(r'id="feed" readonly value="([^"]+)"', site.get("/settings").text)
        assert match
        return match.group(1)

    first = feed()
    assert first == feed()  # stable until rotated
    r = post(site, "/settings/calendar-token", {})
    assert r.status_code == 303
    assert feed() != first


def test_brief_page(site: TestClient) -> None:
    page = site.get("/applications/1/brief").text
    for text in ("The next step", "Ann Lee", "my notice period", "Lisbon", "Keep in mind"):
        assert text in page, text


def test_unknown_ids_are_pages_not_json(site: TestClient) -> None:
    for url in (
        "/interviews/999",
        "/interviews/999/debrief",
        "/applications/999/brief",
        "/applications/999/interviews/new",
    ):
        r = site.get(url)
        assert r.status_code == 404, url
        assert r.headers["content-type"].startswith("text/html")
        assert "Not found" in r.text
    assert site.get("/api/v1/interviews/999").headers["content-type"] == "application/json"


def test_log_an_exchange_from_the_application_page(site: TestClient, db_path: Path) -> None:
    page = site.get("/applications/2").text
    assert "Log a call, e-mail or message" in page
    r = post(site, "/applications/2/exchanges",
             {"kind": "email-in", "with": "Tom Weber", "summary": "They decide on Friday"})
    assert r.status_code == 303
    shown = site.get(r.headers["location"]).text
    assert "They decide on Friday" in shown
    assert "Logged" in shown
    # chasing twice in a day is logged (it happened) but the guidance is shown
    first = post(site, "/applications/2/exchanges", {"kind": "email-out", "summary": "Hello"})
    assert first.status_code in (200, 303)
    second = post(site, "/applications/2/exchanges", {"kind": "email-out", "summary": "Again"})
    assert second.status_code == 200
    assert "Logged, but the guidance says" in second.text
    before = dump(db_path)
    bad = post(site, "/applications/2/exchanges", {"kind": "pigeon"})
    assert bad.status_code == 422
    assert "kind" in field_error(bad.text, "kind")
    assert dump(db_path) == before


def test_download_your_data_from_settings(site: TestClient) -> None:
    import io
    import json as json_module

    from openpyxl import load_workbook

    page = site.get("/settings").text
    for fmt in ("csv", "xlsx", "ics", "json"):
        assert f'href="/export/followthrough.{fmt}"' in page
    csv_file = site.get("/export/followthrough.csv")
    assert csv_file.status_code == 200
    assert csv_file.headers["content-type"].startswith("text/csv")
    assert 'filename="followthrough-2026-11-25.csv"' in csv_file.headers["content-disposition"]
    assert "ACME Analytics" in csv_file.content.decode("utf-8-sig")
    book = load_workbook(io.BytesIO(site.get("/export/followthrough.xlsx").content))
    assert book["Applications"]["B1"].value == "Company"
    backup = json_module.loads(site.get("/export/followthrough.json").content)
    assert backup["format"] == "followthrough-backup"
    assert b"BEGIN:VTODO" in site.get("/export/followthrough.ics?todo=true").content
    wrong = site.get("/export/followthrough.exe")
    assert wrong.status_code == 422
    assert "format" in wrong.text
