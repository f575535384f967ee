"""The server-rendered pages, in process (issue 4; QUALITY.md 11-13)."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from followthrough.services import Service, demo
from followthrough.store import db
from followthrough.store.repo import Repo
from followthrough.web.app import WebConfig, create_app
from followthrough.web.security import CSP

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "<svg onload=alert(1)>",
    "{{ 7*7 }}",
]


class Elements(HTMLParser):
    """Collects every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


def _service(path: Path) -> Service:
    engine = db.open_database(db.sqlite_url(path), NOW)
    return Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, NOW)), NOW)


@pytest.fixture
def site(tmp_path: Path) -> TestClient:
    path = tmp_path / "web.db"
    demo.fill(_service(path))
    app = create_app(WebConfig(path, clock=lambda: NOW))
    client = TestClient(app, base_url="http://127.0.0.1:8765")
    client.get("/")  # receive the CSRF cookie
    return client


def _token(client: TestClient) -> str:
    token = client.cookies.get("ft_csrf")
    assert token
    return token


def test_today_page_lists_the_agenda_with_sources(site: TestClient) -> None:
    page = site.get("/")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == CSP
    assert "'unsafe-inline'" not in CSP
    text = page.text
    assert "<h1>Today</h1>" in text
    for heading in ("Overdue", "Due today", "Next 7 days"):
        assert heading in text
    assert "Check in with Tom Weber (#1)" in text  # the demo's overdue check-in
    assert "carter-schwartz" in text  # every action shows its sources
    # only our own script, from our own origin
    scripts = [attrs.get("src") for tag, attrs in elements(text) if tag == "script"]
    assert scripts == ["/static/htmx.min.js"]


def test_done_from_the_page_returns_the_row_for_htmx(site: TestClient) -> None:
    agenda = site.get("/api/v1/today").json()
    action = agenda["overdue"][0]
    row = site.post(
        f"/actions/{action['id']}/done",
        data={"csrf_token": _token(site)},
        headers={"hx-request": "true"},
    )
    assert row.status_code == 200
    assert row.text.lstrip().startswith(f'<li class="action done" id="action-{action["id"]}">')
    after = site.get("/api/v1/today").json()
    assert action["id"] not in [a["id"] for a in after["overdue"]]


def test_done_without_javascript_redirects_back(site: TestClient) -> None:
    action = site.get("/api/v1/today").json()["overdue"][0]
    response = site.post(
        f"/actions/{action['id']}/skip",
        data={"csrf_token": _token(site)},
        headers={"referer": "http://127.0.0.1:8765/pipeline"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/pipeline"
    evil = site.post(
        f"/actions/{action['id']}/snooze",
        data={"csrf_token": _token(site)},
        headers={"referer": "https://evil.example/"},
        follow_redirects=False,
    )
    assert evil.headers.get("location", "/") == "/"


def test_state_changes_need_the_csrf_token(site: TestClient, tmp_path: Path) -> None:
    def dump() -> list[tuple[object, ...]]:
        conn = sqlite3.connect(tmp_path / "web.db")
        try:
            return conn.execute("SELECT id, status, due_at FROM actions ORDER BY id").fetchall()
        finally:
            conn.close()

    before = dump()
    action = site.get("/api/v1/today").json()["overdue"][0]
    for data in ({}, {"csrf_token": "forged"}):
        response = site.post(f"/actions/{action['id']}/done", data=data)
        assert response.status_code == 403
        assert response.json()["error"].startswith("csrf:")
    moved = site.post("/applications/1/status", data={"status": "rejected"})
    assert moved.status_code == 403
    assert dump() == before


def test_foreign_host_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "web.db"
    demo.fill(_service(path))
    app = create_app(WebConfig(path, clock=lambda: NOW))
    for host in ("evil.example", "127.0.0.1.evil.example", "localhost.evil.example:8765"):
        client = TestClient(app, base_url=f"http://{host}")
        assert client.get("/").status_code == 400
    assert TestClient(app, base_url="http://localhost:8765").get("/").status_code == 200


def test_moving_a_card_replans_and_shows_the_changes(site: TestClient) -> None:
    board = site.get("/pipeline")
    assert board.status_code == 200
    assert 'id="card-1"' in board.text
    moved = site.post(
        "/applications/1/status", data={"csrf_token": _token(site), "status": "rejected"}
    )
    assert moved.status_code == 200
    assert "ACME Analytics is now rejected" in moved.text
    assert "+ Reply graciously to Jane Roe" in moved.text
    assert "− Check in with Jane Roe (#1) (status changed to rejected)" in moved.text


def test_application_page(site: TestClient) -> None:
    page = site.get("/applications/1")
    assert page.status_code == 200
    for text in ("ACME Analytics", "Data Engineer", "Ann Lee", "Round 1", "Plan", "Exchanges"):
        assert text in page.text
    assert site.get("/applications/999").status_code == 404


def test_xss_corpus_in_every_text_field_renders_inert(tmp_path: Path) -> None:
    path = tmp_path / "xss.db"
    svc = _service(path)
    for n, payload in enumerate(XSS):
        app = svc.add_application(
            f"Co {payload}",
            f"Role {payload}",
            recruiter=f"R{n} {payload.replace('<', '').replace('>', '')}",
            notes=payload,
            competitors=[payload],
        )
        start = dt.datetime(2026, 11, 20 + n, 9, 0, tzinfo=dt.UTC)
        iv = svc.add_interview(
            app.id,
            start,
            start + dt.timedelta(hours=1),
            with_=[f"Ann {n}"],
            promises=[payload],
            next_steps=payload,
        )
        svc.record_debrief(
            iv["id"],
            {"topics": [payload], "projects": [payload], "nuggets": [payload],
             "unprepared_questions": [f"Tell me about {payload}"]},
        )
        svc.log(app.id, "email-in", summary=payload)
    client = TestClient(
        create_app(WebConfig(path, clock=lambda: NOW)), base_url="http://127.0.0.1:8765"
    )
    svc.update_settings({"name": XSS[1]})
    from followthrough.services import app_edits, contacts

    ids = range(1, len(XSS) + 1)
    pages = ["/", "/pipeline", "/settings", "/applications/new", "/insights", "/contacts"]
    for i in ids:
        pages += [f"/applications/{i}", f"/applications/{i}/brief", f"/interviews/{i}",
                  f"/interviews/{i}/debrief", f"/applications/{i}/interviews/new",
                  f"/applications/{i}/edit", f"/applications/{i}/history",
                  f"/applications/{i}/delete", f"/interviews/{i}/edit",
                  f"/interviews/{i}/delete", f"/contacts/{i}", f"/contacts/{i}/edit",
                  f"/contacts/{i}/delete", f"/contacts?q={XSS[i - 1]}"]
    for i, payload in zip(ids, XSS, strict=True):  # the flash of a change names what changed
        app_edits.edit_application(svc, i, {"salary": payload, "location": payload})
        contacts.edit_contact(svc, i, {"notes": payload, "phone": payload[:90]})
        pages.append(f"/applications/{i}?changed=1")
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.text
        for tag, attrs in elements(html):
            assert tag not in ("img", "iframe", "object", "foreignobject"), (url, tag)
            if tag == "svg":  # only our charts
                assert url == "/insights", url
                assert attrs.get("role") == "img", attrs
            assert not [a for a in attrs if a.startswith("on")], (url, tag, attrs)
            assert not str(attrs.get("href", "")).startswith("javascript:"), (url, attrs)
            if tag == "script":
                assert attrs.get("src") in ("/static/htmx.min.js", "/static/app.js"), url
        for payload in XSS:
            if "<" in payload:
                assert payload not in html, (url, payload)  # only ever shown escaped
        # no template injection ({{ 7*7 }}); the page's random CSRF token may hold a "49"
        shown = re.sub(r"[A-Za-z0-9_-]{24,}", "", html).replace("2049", "")
        assert "49" not in shown
    # the payloads are really on the pages, as text
    first = client.get("/applications/1").text
    assert "Co &lt;script&gt;alert(1)&lt;/script&gt;" in first
    assert "{{ 7*7 }}" in client.get("/applications/5").text
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    for url in ("/applications/1/brief", "/interviews/1", "/interviews/1/debrief"):
        assert escaped in client.get(url).text, url
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in client.get("/settings").text
    assert "Tell me about &lt;script&gt;" in client.get("/insights").text
