"""Pages are rendered once per state of the data (web/pages/remembered.py), never served stale.

Through the real app (TestClient) on a real SQLite file: Insights is computed once however
often it is asked for, and again after any write (through the app, or from another connection
as the CLI would), once its freshness runs out, and at midnight; the other remembered pages
show a write at once; the memo keeps a bounded number of answers.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from followthrough.services import Service, demo
from followthrough.services import insights as insights_service
from followthrough.store import db
from followthrough.store.repo import Repo
from followthrough.web.app import WebConfig, create_app
from followthrough.web.cache import MEMO_SIZE
from followthrough.web.pages.insights import INSIGHTS_FRESH

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)  # 09:00 in Brussels


def _service(path: Path, now: dt.datetime = NOW) -> Service:
    engine = db.open_database(db.sqlite_url(path), now)
    return Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, now)), now)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    found = tmp_path / "r.db"
    demo.fill(_service(found))
    return found


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The `weeks` of every computation of the insights (the use case the page calls)."""
    calls: list[int] = []
    real = insights_service.insights

    def counting(ctx: Any, weeks: int = 12) -> Any:
        calls.append(weeks)
        return real(ctx, weeks)

    monkeypatch.setattr(insights_service, "insights", counting)
    return calls


def _client(path: Path, clock: list[dt.datetime]) -> TestClient:
    client = TestClient(
        create_app(WebConfig(path, clock=lambda: clock[0])), base_url="http://127.0.0.1:8765"
    )
    client.get("/healthz")
    return client


def _applied(html: str) -> int:
    found = re.search(r"Now: (?:[^<]*?)(\d+) applied", html)
    return int(found.group(1)) if found else 0


def test_insights_are_computed_once_until_a_write_through_the_app(
    path: Path, computed: list[int]
) -> None:
    client = _client(path, [NOW])
    first = client.get("/insights")
    assert first.status_code == 200
    assert client.get("/insights").text == first.text
    assert client.get("/insights").text == first.text
    assert computed == [12]
    token = client.cookies["ft_csrf"]
    added = client.post("/api/v1/applications", json={"company": "Initech", "role": "Dev"},
                        headers={"X-CSRF-Token": token})  # fmt: skip
    assert added.status_code in (200, 201), added.text
    after = client.get("/insights").text
    assert computed == [12, 12]
    assert _applied(after) == _applied(first.text) + 1
    assert client.get("/insights?weeks=4").status_code == 200
    assert computed == [12, 12, 4]  # another question, another answer


def test_insights_show_a_write_from_another_process_at_once(
    path: Path, computed: list[int]
) -> None:
    client = _client(path, [NOW])
    before = _applied(client.get("/insights").text)
    _service(path).add_application("Hooli", "Analyst")  # another connection, as the CLI
    assert _applied(client.get("/insights").text) == before + 1
    assert len(computed) == 2


def test_insights_are_computed_again_after_their_freshness_and_at_midnight(
    path: Path, computed: list[int]
) -> None:
    clock = [NOW]
    client = _client(path, clock)
    client.get("/insights")
    clock[0] = NOW + INSIGHTS_FRESH - dt.timedelta(seconds=1)
    client.get("/insights")
    assert len(computed) == 1
    clock[0] = NOW + INSIGHTS_FRESH
    client.get("/insights")
    assert len(computed) == 2
    late = dt.datetime(2026, 11, 25, 22, 58, 30, tzinfo=dt.UTC)  # 23:58:30 in Brussels
    clock[0] = late
    client.get("/insights")
    clock[0] = late + dt.timedelta(seconds=60)
    client.get("/insights")
    assert len(computed) == 3  # midnight is less than INSIGHTS_FRESH away: held till then
    clock[0] = late + dt.timedelta(seconds=90)  # 00:00:00 in Brussels
    assert "As of Thu 26 Nov 2026, 00:00" in client.get("/insights").text
    assert len(computed) == 4


def test_remembered_pages_show_a_write_at_once(path: Path) -> None:
    client = _client(path, [NOW])
    token = client.cookies["ft_csrf"]
    pages = ["/applications/1", "/pipeline", "/interviews/1", "/interviews/1/debrief", "/settings"]
    before = {p: client.get(p).text for p in pages}
    assert "Status: <strong>interviewing</strong>" in before["/applications/1"]
    moved = client.post("/api/v1/applications/1/status", json={"status": "offer"},
                        headers={"X-CSRF-Token": token})  # fmt: skip
    assert moved.status_code == 200, moved.text
    assert "Status: <strong>offer</strong>" in client.get("/applications/1").text
    board = client.get("/pipeline").text
    offer = re.search(r'aria-labelledby="col-offer">(.*?)</section>', board, re.S)
    assert offer
    assert 'id="card-1"' in offer.group(1)
    _service(path).update_settings({"work_start": "08:30"})  # from another connection
    assert 'value="08:30"' in client.get("/settings").text


def test_the_memo_keeps_a_bounded_number_of_pages(path: Path) -> None:
    client = _client(path, [NOW])
    for n in range(MEMO_SIZE + 20):
        assert client.get(f"/pipeline?status=applied&page={n + 1}").status_code == 200
    memo = client.app.state.memo  # type: ignore[attr-defined]
    assert len(memo) == MEMO_SIZE
    assert len(memo._locks) <= MEMO_SIZE  # noqa: SLF001  (no lock left behind per page)


def test_each_client_gets_its_own_csrf_token_in_a_remembered_page(path: Path) -> None:
    app = create_app(WebConfig(path, clock=lambda: NOW))
    tokens = []
    for _ in range(2):
        client = TestClient(app, base_url="http://127.0.0.1:8765")
        client.get("/healthz")
        html = client.get("/applications/1").text
        sent = set(re.findall(r'name="csrf_token" value="([^"]+)"', html))
        sent |= set(re.findall(r'"X-CSRF-Token": "([^"]+)"', html))
        assert sent == {client.cookies["ft_csrf"]}
        tokens.append(client.cookies["ft_csrf"])
    assert tokens[0] != tokens[1]
