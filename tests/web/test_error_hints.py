"""Errors say what and which; each adapter words its own pointer (issue 10, item 7): the CLI
names a command, the API a path, a page a page, and no adapter's wording reaches another's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from followthrough.cli.main import HINTS as CLI_HINTS
from followthrough.domain.errors import NotFoundError, ValidationError
from followthrough.web.app import WebConfig, create_app
from followthrough.web.errors import API_HINTS, PAGE_HINTS

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(WebConfig(tmp_path / "hints.db", clock=lambda: NOW))
    return TestClient(app, base_url="http://127.0.0.1:8765")


def test_every_topic_has_a_pointer_in_every_adapter() -> None:
    assert set(CLI_HINTS) == set(API_HINTS) == set(PAGE_HINTS)


@pytest.mark.parametrize(
    ("path", "topic"),
    [
        ("/api/v1/applications/42", "application"),
        ("/api/v1/contacts/42", "contact"),
        ("/api/v1/interviews/42", "interview"),
        ("/api/v1/actions/42", "action"),
    ],
)
def test_the_api_points_at_its_own_paths(client: TestClient, path: str, topic: str) -> None:
    body = client.get(path).json()
    assert body["error"] == f"{topic} 42 not found; {API_HINTS[topic]}"
    assert "followthrough " not in body["error"]  # no command line in an API answer


def test_a_page_points_at_a_page(client: TestClient) -> None:
    page = client.get("/applications/42")
    assert page.status_code == 404
    assert f"application 42 not found; {PAGE_HINTS['application']}" in page.text
    assert "`followthrough" not in page.text


def test_the_error_itself_carries_what_and_which_without_any_adapter_wording() -> None:
    err = NotFoundError("application", 42)
    assert str(err) == "application 42 not found"
    assert (err.what, err.ident, err.topic) == ("application", 42, "application")
    assert err.hinted(CLI_HINTS) == "application 42 not found; see `followthrough app list`"
    own = NotFoundError("route", "/x", "see /api/v1/openapi.json")  # an adapter's own words
    assert own.hinted(CLI_HINTS) == "route /x not found; see /api/v1/openapi.json"
    dup = ValidationError("email", "a@b.example is already a contact", topic="contact")
    assert dup.hinted(API_HINTS).endswith("; see GET /api/v1/contacts")
