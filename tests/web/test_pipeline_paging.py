"""The Pipeline page at scale: per status a count and the 50 most recently changed cards, and a
"more" link (no JavaScript) that reaches every card, page by page, most recent first."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from followthrough.services import Service
from followthrough.services.board import PER_PAGE
from followthrough.store import db
from followthrough.store.repo import Repo
from followthrough.web.app import WebConfig, create_app
from tests.files import copy_database

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
REJECTED = PER_PAGE * 2 + 7  # three pages: 50, 50, 7
APPLIED = 3


def _service(path: Path, now: dt.datetime) -> Service:
    engine = db.open_database(db.sqlite_url(path), now)
    return Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, now)), now)


@pytest.fixture(scope="module")
def board_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A search of REJECTED rejected and APPLIED open applications, each changed at its own
    moment; the rejections are not in the order the applications were added."""
    path = tmp_path_factory.mktemp("board") / "board.db"
    start = NOW - dt.timedelta(days=200)
    ids = []
    for n in range(REJECTED + APPLIED):
        svc = _service(path, start + dt.timedelta(hours=n))
        ids.append(svc.add_application(f"Company {n:03d}", f"Role {n}").id)
    for k, app_id in enumerate(sorted(ids[:REJECTED], key=lambda i: (i * 37) % REJECTED)):
        _service(path, NOW - dt.timedelta(days=30) + dt.timedelta(minutes=k)).set_status(
            app_id, "rejected"
        )
    return path


def _client(path: Path) -> TestClient:
    client = TestClient(create_app(WebConfig(path, clock=lambda: NOW)), base_url="http://127.0.0.1:8765")
    client.get("/healthz")
    return client


def _expected(path: Path, status: str) -> list[int]:
    """Return the ids of `status`, most recently changed first (read straight from SQLite)."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT id FROM applications WHERE status = ? ORDER BY updated_at DESC, id DESC",
            (status,),
        ).fetchall()
    finally:
        conn.close()
    return [r[0] for r in rows]


def _column(html: str, status: str) -> str:
    """Return the board's column of `status` (its section)."""
    found = re.search(
        rf'<section class="column" aria-labelledby="col-{status}">(.*?)</section>', html, re.S
    )
    assert found, status
    return found.group(1)


def _cards(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<article class="card" id="card-(\d+)"', html)]


def test_the_board_shows_a_count_and_the_50_most_recent_per_status(board_db: Path) -> None:
    html = _client(board_db).get("/pipeline").text
    rejected = _column(html, "rejected")
    assert re.search(r'>rejected</a> <span class="count">107</span>', rejected)
    assert _cards(rejected) == _expected(board_db, "rejected")[:PER_PAGE]
    more = re.findall(r'<a class="more" href="([^"]+)">([^<]+)</a>', rejected)
    rest = f"{REJECTED - PER_PAGE} more rejected →"
    assert more == [("/pipeline?status=rejected&amp;page=2", rest)]
    applied = _column(html, "applied")
    assert re.search(r'<span class="count">3</span>', applied)
    assert _cards(applied) == _expected(board_db, "applied")
    assert 'class="more"' not in applied  # everything is shown: nothing more to reach
    offer = _column(html, "offer")
    assert '<span class="count">0</span>' in offer
    assert _cards(offer) == []


def test_more_reaches_every_card_page_by_page_most_recent_first(board_db: Path) -> None:
    client = _client(board_db)
    column = _column(client.get("/pipeline").text, "rejected")
    seen = _cards(column)
    link = re.search(r'<a class="more" href="([^"]+)"', column)
    assert link
    url, visited = link.group(1).replace("&amp;", "&"), 0
    while url:  # follow "Older" as a browser without JavaScript would
        response = client.get(url)
        assert response.status_code == 200
        seen += _cards(response.text)
        visited += 1
        following = re.search(r'href="([^"]+)" rel="next"', response.text)
        url = following.group(1).replace("&amp;", "&") if following else ""
    assert visited == 2
    assert seen == _expected(board_db, "rejected")  # every one, once, in order
    first = client.get("/pipeline?status=rejected").text
    assert _cards(first) == _expected(board_db, "rejected")[:PER_PAGE]
    assert "1–50 of 107, most recently changed first" in first
    assert "Page 1 of 3" in first
    assert 'rel="prev"' not in first


def test_a_page_past_the_end_shows_the_last_one_and_bad_input_is_refused(board_db: Path) -> None:
    client = _client(board_db)
    last = client.get("/pipeline?status=rejected&page=999")
    assert last.status_code == 200
    assert _cards(last.text) == _expected(board_db, "rejected")[2 * PER_PAGE :]
    assert "Page 3 of 3" in last.text
    assert client.get("/pipeline?status=accepted").status_code == 200
    assert "No accepted applications." in client.get("/pipeline?status=accepted").text
    for bad in ("/pipeline?status=nope", "/pipeline?status=rejected&page=0",
                "/pipeline?status=rejected&page=x"):  # fmt: skip
        assert client.get(bad).status_code == 422, bad


def test_a_card_moved_from_a_column_page_comes_back_to_that_page_and_tops_its_new_column(
    tmp_path: Path, board_db: Path
) -> None:
    path = tmp_path / "copy.db"
    copy_database(board_db, path)
    client = _client(path)
    page = client.get("/pipeline?status=rejected&page=2").text
    victim = _cards(page)[0]
    token = client.cookies["ft_csrf"]
    action = f"/applications/{victim}/status?view=rejected&amp;page=2"
    assert f'action="{action}"' in page
    moved = client.post(action.replace("&amp;", "&"), data={"csrf_token": token, "status": "offer"})
    assert moved.status_code == 200
    assert "is now offer" in moved.text
    assert "Page 2 of 3" in moved.text  # the same view, one card fewer
    assert victim not in _cards(moved.text)
    board = client.get("/pipeline").text  # a write: the remembered board is made again
    assert _cards(_column(board, "offer")) == [victim]
    assert re.search(r'>rejected</a> <span class="count">106</span>', board)
