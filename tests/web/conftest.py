"""Fixtures for the web tests: the app in process on a fresh SQLite database per test.

* `web` is an `Api` on an empty database (only the user's settings: Europe/Brussels, BE);
  `demo` is one on the demo job search of `followthrough.demo` (five applications).
* Both talk to the app through FastAPI's TestClient with the Host of a local server
  (http://127.0.0.1:8765), the CSRF cookie it hands out and the matching X-CSRF-Token header.
* The clock is fixed at NOW (Friday 20 November 2026, 09:00 in Brussels), the same moment the
  CLI is given with --now where the tests compare the two.
* XDG_DATA_HOME points into tmp_path, so the user's own draft templates never leak in.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient

from followthrough.cli.group import cli as cli_group
from followthrough.domain.errors import FollowthroughError
from followthrough.services import Service
from followthrough.services import demo as demo_data
from followthrough.store.repo import Repo
from followthrough.web.app import WebConfig, create_app
from followthrough.web.security import CSRF_COOKIE
from tests.files import copy_database

#: The server's address as a browser on this machine sees it.
BASE = "http://127.0.0.1:8765"
#: Friday 20 November 2026, 09:00 in Brussels.
NOW = "2026-11-20T09:00+01:00"
NOW_DT = dt.datetime.fromisoformat(NOW)


def fixed_clock() -> dt.datetime:
    """The web app's clock in these tests."""
    return NOW_DT


def dump(db: Path) -> str:
    """Return every table's schema and rows (read-only), to compare before and after."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def build_app(db: Path) -> FastAPI:
    """Return the app on `db` with the fixed clock."""
    return create_app(WebConfig(db, clock=fixed_clock))


def service_of(app: FastAPI) -> Service:
    """Return a Service on the app's own store and clock (to seed data as the CLI would)."""
    return Service(Repo(app.state.engine, app.state.owner), fixed_clock())


class Api:
    """A TestClient on /api/v1 that carries the CSRF token, with helpers that check statuses."""

    def __init__(self, app: FastAPI, db: Path) -> None:
        self.app = app
        self.db = db
        self.client = TestClient(app, base_url=BASE)
        response = self.client.get("/api/v1/csrf")
        assert response.status_code == 200
        self.token = response.json()["token"]
        assert self.client.cookies.get(CSRF_COOKIE) == self.token
        self.client.headers["X-CSRF-Token"] = self.token

    def call(self, method: str, path: str, expect: int | None = None, **kwargs: Any) -> Any:
        """Send a request to /api/v1 + path; check the status (when given); return the JSON."""
        response = self.client.request(method, f"/api/v1{path}", **kwargs)
        if expect is not None:
            assert response.status_code == expect, (
                f"{method} {path}: {response.status_code} {response.text}"
            )
        return response.json()

    def get(self, path: str, expect: int = 200, **kwargs: Any) -> Any:
        return self.call("GET", path, expect, **kwargs)

    def post(self, path: str, json: Any = None, expect: int = 200, **kwargs: Any) -> Any:
        return self.call("POST", path, expect, json=json, **kwargs)

    def put(self, path: str, json: Any = None, expect: int = 200, **kwargs: Any) -> Any:
        return self.call("PUT", path, expect, json=json, **kwargs)

    def patch(self, path: str, json: Any = None, expect: int = 200, **kwargs: Any) -> Any:
        return self.call("PATCH", path, expect, json=json, **kwargs)

    def error(self, method: str, path: str, expect: int, json: Any = None) -> str:
        """Send a request that must fail; check the one-line error shape; return the message."""
        body = self.call(method, path, expect, json=json)
        assert set(body) <= {"error", "field"}, body
        message = body["error"]
        assert isinstance(message, str), body
        assert message, body
        assert "\n" not in message, body
        return message


class Cli:
    """Runs the `followthrough` command in-process (CliRunner) on a database, at NOW."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.runner = CliRunner()

    def run(self, *args: str) -> Any:
        env: dict[str, str | None] = {
            "FOLLOWTHROUGH_DB": str(self.db),
            "FOLLOWTHROUGH_NOW": NOW,
            "FOLLOWTHROUGH_DEBUG": None,
            "NO_COLOR": "1",
        }
        return self.runner.invoke(cli_group, list(args), env=env)

    def json(self, *args: str) -> Any:
        """Run with --json; the run must succeed; return what it printed, parsed."""
        result = self.run("--json", *args)
        assert result.exit_code == 0, f"{args}: {result.exception!r} {result.output}"
        return json.loads(result.stdout)

    def error(self, *args: str) -> str:
        """Run a command that must fail with the project's error; return its one-line message
        (what `followthrough` prints after "error: ")."""
        result = self.run("--json", *args)
        assert isinstance(result.exception, FollowthroughError), (
            f"{args}: {result.exit_code} {result.exception!r} {result.output}"
        )
        return str(result.exception)


@pytest.fixture
def cli(db: Path) -> Cli:
    """The CLI on the same database as `web` / `demo`, at the same moment."""
    return Cli(db)


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The SQLite file of this test."""
    return tmp_path / "web.db"


@pytest.fixture
def web(db: Path) -> Iterator[Api]:
    """The API on an empty database whose user lives in Brussels (holidays of BE)."""
    app = build_app(db)
    service_of(app).update_settings({"tz": "Europe/Brussels", "country": "BE"})
    api = Api(app, db)
    yield api
    api.client.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo job search, filled once per test process (filling takes a quarter second;
    copying the file, nothing)."""
    path = tmp_path_factory.mktemp("demo-template") / "demo.db"
    app = build_app(path)
    demo_data.fill(service_of(app))
    app.state.engine.dispose()
    return path


@pytest.fixture
def demo(db: Path, demo_template: Path) -> Iterator[Api]:
    """The API on the demo job search (five applications at different stages): a fresh copy
    of it for every test."""
    copy_database(demo_template, db)
    app = build_app(db)
    api = Api(app, db)
    yield api
    api.client.close()
