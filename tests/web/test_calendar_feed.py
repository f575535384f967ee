"""The calendar feed /calendar/<token>.ics: what a calendar app subscribes to (issue 4)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from followthrough.services import demo
from followthrough.web.app import WebConfig, create_app
from tests.web.test_pages import NOW, _service


@pytest.fixture
def site(tmp_path: Path) -> TestClient:
    path = tmp_path / "feed.db"
    demo.fill(_service(path))
    client = TestClient(
        create_app(WebConfig(path, clock=lambda: NOW)), base_url="http://127.0.0.1:8765"
    )
    client.get("/")
    return client


def feed_path(site: TestClient) -> str:
    match = re.search(r'id="feed" readonly value="http://127.0.0.1:8765([^"]+)"',
                      site.get("/settings").text)
    assert match
    return match.group(1)


def test_the_feed_has_one_event_per_open_action(site: TestClient) -> None:
    path = feed_path(site)
    response = site.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = [c for c in cal.walk("VEVENT")]
    open_actions = [a for a in site.get("/api/v1/today").json()["overdue"]]
    assert len(open_actions) > 0
    titles = {str(e["SUMMARY"]) for e in events}
    assert {a["title"] for a in open_actions} <= titles
    pending = []
    for app_id in range(1, 6):
        pending += [a for a in site.get(f"/api/v1/applications/{app_id}/plan").json()
                    if a["status"] in ("pending", "snoozed")]
    assert len(events) >= len(pending)  # plus actions tied to no application (keep searching)
    assert all(e.walk("VALARM") for e in events)
    assert all(e["DTSTART"].params.get("TZID") in ("Europe/Brussels", None) for e in events)
    assert cal.walk("VTIMEZONE")


def test_todo_form_and_conditional_get(site: TestClient) -> None:
    path = feed_path(site)
    todos = Calendar.from_ical(site.get(path + "?todo=true").content).walk("VTODO")
    assert todos
    first = site.get(path)
    again = site.get(path, headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304  # a polling calendar app gets "nothing new" cheaply


def test_a_wrong_or_rotated_token_is_refused(site: TestClient) -> None:
    path = feed_path(site)
    assert site.get("/calendar/not-the-token.ics").status_code == 404
    token = site.cookies.get("ft_csrf")
    assert token
    site.post("/settings/calendar-token", data={"csrf_token": token})
    old = site.get(path)
    assert old.status_code == 404
    assert "Settings" in old.json()["error"]
    assert site.get(feed_path(site)).status_code == 200


def test_no_token_no_feed(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    _service(path)
    client = TestClient(
        create_app(WebConfig(path, clock=lambda: NOW)), base_url="http://127.0.0.1:8765"
    )
    assert client.get("/calendar/.ics").status_code == 404
    assert client.get("/calendar/x.ics").status_code == 404


def test_the_api_gives_and_rotates_the_address(site: TestClient) -> None:
    token = site.cookies.get("ft_csrf")
    assert token
    first = site.get("/api/v1/settings/calendar-feed").json()["path"]
    assert first == feed_path(site)
    assert site.get(first).status_code == 200
    rotated = site.post("/api/v1/settings/calendar-feed", headers={"X-CSRF-Token": token})
    assert rotated.status_code == 200
    assert site.get(first).status_code == 404
    assert site.get(rotated.json()["path"]).status_code == 200
    assert site.post("/api/v1/settings/calendar-feed").status_code == 403  # CSRF
