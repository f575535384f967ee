"""Corrections in the browser (TestClient on the demo search): the Edit forms, deletes behind a
confirmation, the status form, the Contacts page, the History tab, and Undo on the flash."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from followthrough.services import demo
from followthrough.web.app import WebConfig, create_app
from tests.web.test_pages import NOW, _service


@pytest.fixture
def site(tmp_path: Path) -> TestClient:
    path = tmp_path / "web.db"
    demo.fill(_service(path))
    client = TestClient(create_app(WebConfig(path, clock=lambda: NOW)),
                        base_url="http://127.0.0.1:8765")  # fmt: skip
    client.get("/")
    return client


def post(site: TestClient, url: str, **data: str) -> object:
    token = site.cookies.get("ft_csrf")
    assert token
    return site.post(url, data={"csrf_token": token, **data}, follow_redirects=True)


def value_of(html: str, name: str) -> str:
    found = re.search(rf'name="{name}"[^>]*value="([^"]*)"', html)
    assert found, name
    return found.group(1)


def test_edit_an_application_then_undo_from_the_flash(site: TestClient) -> None:
    form = site.get("/applications/1/edit")
    assert form.status_code == 200
    assert value_of(form.text, "company") == "ACME Analytics"
    page = post(site, "/applications/1/edit", company="ACME Analytics", role="Lead Data Engineer",
                salary="€80k", interest="5")  # fmt: skip
    assert page.status_code == 200  # type: ignore[attr-defined]
    html = page.text  # type: ignore[attr-defined]
    assert "Lead Data Engineer" in html
    assert "Saved: Edited ACME Analytics" in html
    assert 'action="/undo"' in html
    assert "€80k" in html
    undone = post(site, "/undo", back="/applications/1")
    html = undone.text  # type: ignore[attr-defined]
    assert "Undid: Edited ACME Analytics" in html
    assert "<h1>ACME Analytics <small>Data Engineer</small></h1>" in html
    assert str(undone.url).endswith("/applications/1?undone=1")  # type: ignore[attr-defined]


def test_a_wrong_value_shows_the_form_again_and_saves_nothing(site: TestClient) -> None:
    token = site.cookies.get("ft_csrf")
    response = site.post("/applications/1/edit", data={
        "csrf_token": token, "company": "ACME Analytics", "interest": "9"})  # fmt: skip
    assert response.status_code == 422
    assert "Nothing was saved" in response.text
    assert 'value="9"' in response.text  # what was typed comes back
    assert site.get("/api/v1/applications/1").json()["interest"] == 5


def test_delete_asks_first_and_undo_brings_it_back(site: TestClient) -> None:
    ask = site.get("/applications/2/delete")
    assert ask.status_code == 200
    assert "Delete application 2?" in ask.text
    assert "Undo brings it back" in ask.text
    plan = site.get("/api/v1/applications/2/plan").json()
    gone = post(site, "/applications/2/delete")
    assert str(gone.url).endswith("/pipeline?changed=1")  # type: ignore[attr-defined]
    assert site.get("/applications/2").status_code == 404
    post(site, "/undo")
    assert site.get("/api/v1/applications/2/plan").json() == plan


def test_the_status_form_goes_back_to_the_application(site: TestClient) -> None:
    page = post(site, "/applications/1/status?view=application", status="offer")
    assert str(page.url).endswith("/applications/1?changed=1")  # type: ignore[attr-defined]
    assert "status interviewing → offer" in page.text  # type: ignore[attr-defined]


def test_edit_an_interview_moves_its_plan(site: TestClient) -> None:
    form = site.get("/interviews/1/edit")
    start = value_of(form.text, "start")
    assert start == "2026-11-24T14:00"
    before = {a["key"]: a["due"] for a in site.get("/api/v1/applications/1/plan").json()}
    post(site, "/interviews/1/edit", start="2026-11-26T14:00", end="2026-11-26T15:00",
         format="video", decision_by="", next_steps="A take-home exercise, then a final round"
         " with the CTO.")  # fmt: skip
    after = {a["key"]: a["due"] for a in site.get("/api/v1/applications/1/plan").json()}
    assert after["company-research:i1"] != before["company-research:i1"]


def test_contacts_page_finds_by_name_company_and_address(site: TestClient) -> None:
    listed = site.get("/contacts")
    assert "Jane Roe" in listed.text
    assert "Ann Lee" in site.get("/contacts?q=acme").text
    assert "Jane Roe" not in site.get("/contacts?q=acme").text
    assert "No one matches" in site.get("/contacts?q=nobody-at-all").text
    person = site.get("/contacts/1")
    assert "ACME Analytics" in person.text  # an application she appears in
    post(site, "/contacts/1/edit", name="Jane Roe", email="jane@northbridge.example",
         phone="+44 20 7946 0000", role="recruiter", organisation="Northbridge Talent")
    assert "+44 20 7946 0000" in site.get("/contacts/1").text


def test_the_history_tab_lists_the_changes(site: TestClient) -> None:
    post(site, "/applications/1/edit", company="ACME Analytics", role="Data Engineer",
         location="Remote")  # fmt: skip
    page = site.get("/applications/1/history")
    assert page.status_code == 200
    assert "location: (none) → Remote" in page.text


def test_a_stale_undo_button_never_takes_back_a_newer_change(site: TestClient) -> None:
    """Two tabs: the first saves an edit (its flash offers Undo), the second saves another;
    the first tab's Undo is refused, and nothing is undone."""
    first = post(site, "/applications/1/edit", salary="€70k")
    offered = re.search(r'name="event" value="(\d+)"', first.text)  # type: ignore[attr-defined]
    assert offered
    post(site, "/applications/2/edit", location="Remote")  # the second tab
    token = site.cookies.get("ft_csrf")
    stale = site.post("/undo", data={"csrf_token": token, "event": offered.group(1),
                                     "back": "/applications/1"})  # fmt: skip
    assert stale.status_code == 409
    assert "no longer your last change" in stale.text
    assert site.get("/api/v1/applications/2").json()["location"] == "Remote"
    assert site.get("/api/v1/applications/1").json()["salary"] == "€70k"
