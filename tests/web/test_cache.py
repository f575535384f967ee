"""Today is computed once per second of data (web/cache.py), and never served stale."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from followthrough import shapes
from followthrough.services import Service, demo
from followthrough.store import db
from followthrough.store.repo import Repo
from followthrough.web.app import WebConfig, create_app
from followthrough.web.pages.today import CSRF_SLOT, TODAY_LIMIT

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)


def _service(path: Path, now: dt.datetime = NOW) -> Service:
    engine = db.open_database(db.sqlite_url(path), now)
    return Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, now)), now)


def _client(path: Path, clock: list[dt.datetime]) -> TestClient:
    app = create_app(WebConfig(path, clock=lambda: clock[0]))
    client = TestClient(app, base_url="http://127.0.0.1:8765")
    client.get("/healthz")
    return client


def _ids(agenda: dict) -> set[int]:
    return {a["id"] for key in ("overdue", "due_today", "upcoming") for a in agenda[key]}


def test_a_write_from_another_process_shows_at_once(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    demo.fill(_service(path))
    clock = [NOW]
    client = _client(path, clock)
    first = client.get("/api/v1/today").json()
    assert client.get("/api/v1/today").json() == first  # same second, same data: remembered
    victim = sorted(_ids(first))[0]
    _service(path).complete(victim, "done")  # another connection, as the CLI would
    after = client.get("/api/v1/today").json()
    assert victim not in _ids(after)
    page = client.get("/").text
    assert f'id="action-{victim}"' not in page


def test_a_write_through_the_app_shows_at_once(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    demo.fill(_service(path))
    client = _client(path, [NOW])
    first = client.get("/api/v1/today").json()
    victim = sorted(_ids(first))[0]
    token = client.cookies["ft_csrf"]
    assert client.post(f"/api/v1/actions/{victim}/skip", json={},
                       headers={"X-CSRF-Token": token}).status_code == 200
    assert victim not in _ids(client.get("/api/v1/today").json())


def test_the_clock_moving_on_is_a_new_answer(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    demo.fill(_service(path))
    clock = [NOW]
    client = _client(path, clock)
    assert client.get("/api/v1/today").json()["now"] == "2026-11-25T09:00:00+01:00"
    clock[0] = NOW + dt.timedelta(seconds=1, microseconds=250)
    assert client.get("/api/v1/today").json()["now"] == "2026-11-25T09:00:01+01:00"
    clock[0] = NOW + dt.timedelta(days=3)
    later = client.get("/api/v1/today").json()
    assert later["now"] == "2026-11-28T09:00:00+01:00"


def test_each_client_gets_its_own_csrf_token_in_the_remembered_page(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    demo.fill(_service(path))
    app = create_app(WebConfig(path, clock=lambda: NOW))
    tokens = []
    for _ in range(2):
        client = TestClient(app, base_url="http://127.0.0.1:8765")
        html = client.get("/").text
        assert CSRF_SLOT not in html
        sent = set(re.findall(r'name="csrf_token" value="([^"]+)"', html))
        assert sent == {client.cookies["ft_csrf"]}
        tokens.append(client.cookies["ft_csrf"])
        # and the token works: a done from this page is accepted
        victim = re.search(r'id="action-(\d+)"', html)
        assert victim
        done = client.post(f"/actions/{victim.group(1)}/done",
                           data={"csrf_token": tokens[-1]}, follow_redirects=False)
        assert done.status_code == 303
    assert tokens[0] != tokens[1]


def test_long_groups_are_cut_with_a_show_all_link(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    svc = _service(path)
    svc.update_settings({"tz": "Europe/Brussels", "country": "BE"})
    for n in range(TODAY_LIMIT // 2 + 5):  # each gets an overdue thank-you and more
        app = svc.add_application(f"Company {n}", "Engineer")
        start = NOW - dt.timedelta(days=3, hours=n % 5)
        svc.add_interview(app.id, start, start + dt.timedelta(hours=1),
                          with_=[f"Person {n} <p{n}@example.com>"])
    client = _client(path, [NOW])
    agenda = client.get("/api/v1/today").json()
    overdue = len(agenda["overdue"])
    assert overdue > TODAY_LIMIT
    page = client.get("/").text
    assert f"Showing the first {TODAY_LIMIT} of {overdue}" in page
    full = client.get("/?show=all").text
    assert "Showing the first" not in full.split('id="h-due_today"')[0]
    assert full.count('class="action ') == len(_ids(agenda))


def test_a_due_time_passing_moves_the_action_without_any_write(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    demo.fill(_service(path))
    clock = [NOW]
    client = _client(path, clock)
    first = client.get("/api/v1/today").json()
    assert first["due_today"], "the demo has something due later today"
    soon = min(first["due_today"], key=lambda a: a["due"])
    due = dt.datetime.fromisoformat(soon["due"])
    clock[0] = due - dt.timedelta(seconds=1)
    before = client.get("/api/v1/today").json()
    assert soon["id"] in {a["id"] for a in before["due_today"]}
    clock[0] = due + dt.timedelta(seconds=1)
    after = client.get("/api/v1/today").json()
    assert soon["id"] in {a["id"] for a in after["overdue"]}
    assert after["now"] == (due + dt.timedelta(seconds=1)).isoformat()


@settings(max_examples=60, deadline=None)
@given(
    dues=st.lists(st.integers(min_value=-3 * 86400, max_value=9 * 86400), max_size=12),
    start=st.integers(min_value=0, max_value=86400),
    step=st.floats(min_value=0, max_value=1),
    zone=st.sampled_from(["Europe/Brussels", "America/New_York", "Asia/Kolkata", "UTC"]),
)
def test_nothing_regroups_before_next_change(
    dues: list[int], start: int, step: float, zone: str
) -> None:
    tz = ZoneInfo(zone)
    base = dt.datetime(2026, 10, 24, 12, tzinfo=dt.UTC)  # the night the clocks go back follows
    rows = [_row(i, base + dt.timedelta(seconds=d)) for i, d in enumerate(dues)]
    now = base + dt.timedelta(seconds=start)
    until = shapes.next_change(rows, now, tz)
    assert until > now
    later = now + (until - now - dt.timedelta(microseconds=1)) * step
    first, second = shapes.group(rows, now, tz), shapes.group(rows, later, tz)
    first.pop("now")
    second.pop("now")
    assert first == second


def _row(i: int, due: dt.datetime) -> dict:
    return {
        "id": i, "kind": "check-in", "title": "t", "status": "pending", "due_at": due,
        "deadline_at": None, "application_id": 1, "interview_id": None, "company": "C",
        "job_role": "R", "recipient_name": None, "recipient_email": None,
        "recipient_contact_id": None, "via_name": None, "channel": "email", "rule": "r",
        "sources": "hays", "why": "", "reason": None, "talking_points": "[]", "done_at": None,
        "edited": 0, "key": f"k{i}",
    }
