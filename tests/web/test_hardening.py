"""Found in review: a planted CSRF cookie, huge ids, open redirects, the token race, DST lengths."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from fastapi.testclient import TestClient

from followthrough.services import demo
from followthrough.web.app import WebConfig, create_app
from tests.web.test_pages import NOW, _service

HOSTILE = '"><img src=x onerror=alert(1)><x y="'


def _site(tmp_path: Path) -> tuple[TestClient, Path]:
    path = tmp_path / "h.db"
    demo.fill(_service(path))
    client = TestClient(create_app(WebConfig(path, clock=lambda: NOW)),
                        base_url="http://127.0.0.1:8765")
    return client, path


def test_a_planted_csrf_cookie_is_replaced_not_echoed(tmp_path: Path) -> None:
    client, _ = _site(tmp_path)
    for url in ("/", "/settings", "/applications/1"):
        response = client.get(url, headers={"cookie": f"ft_csrf={HOSTILE}"})
        assert "<img" not in response.text, url
        fresh = response.cookies.get("ft_csrf")
        assert fresh
        assert fresh != HOSTILE
        assert f'value="{fresh}"' in response.text, url
    forged = client.post("/actions/1/done", data={"csrf_token": HOSTILE},
                         headers={"cookie": f"ft_csrf={HOSTILE}"}, follow_redirects=False)
    assert forged.status_code == 403


def test_ids_beyond_any_row_are_not_found_pages(tmp_path: Path) -> None:
    client, _ = _site(tmp_path)
    client.get("/")
    big = "99999999999999999999"
    for url in (f"/interviews/{big}", f"/applications/{big}/brief", f"/interviews/{big}/debrief",
                f"/applications/{big}/interviews/new", f"/applications/{big}", "/interviews/0"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.headers["content-type"].startswith("text/html"), url
    token = client.cookies["ft_csrf"]
    form = client.post("/applications/2/interviews/new", data={
        "csrf_token": token, "date": "2026-11-24", "time": "10:00",
        "round": "99999999999999999999999"})
    assert form.status_code == 422
    assert "round" in form.text


def test_going_back_never_leaves_the_site(tmp_path: Path) -> None:
    client, _ = _site(tmp_path)
    client.get("/")
    token = client.cookies["ft_csrf"]
    response = client.post("/actions/1/skip", data={"csrf_token": token},
                           headers={"referer": "http://127.0.0.1:8765//evil.example/x"},
                           follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/"


def test_two_first_visits_make_one_calendar_token(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    _service(path)
    tokens: list[str] = []
    barrier = threading.Barrier(4)

    def visit() -> None:
        svc = _service(path)
        barrier.wait()
        tokens.append(svc.calendar_token())

    threads = [threading.Thread(target=visit) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(tokens)) == 1
    assert _service(path).calendar_token() == tokens[0]


def test_an_interview_across_the_spring_change_lasts_what_was_typed(tmp_path: Path) -> None:
    client, _ = _site(tmp_path)
    client.get("/")
    token = client.cookies["ft_csrf"]
    response = client.post("/applications/2/interviews/new", data={
        "csrf_token": token, "date": "2027-03-28", "time": "01:30", "duration": "90"},
        follow_redirects=False)
    assert response.status_code == 303, response.text[:300]
    iid = response.headers["location"].split("/")[2].split("?")[0]
    interview = client.get(f"/api/v1/interviews/{iid}").json()
    start = dt.datetime.fromisoformat(interview["start"])
    end = dt.datetime.fromisoformat(interview["end"])
    assert end - start == dt.timedelta(minutes=90)  # elapsed: 01:30 CET -> 04:00 CEST
    assert interview["end"] == "2027-03-28T04:00:00+02:00"
