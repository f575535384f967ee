"""Fixtures for the browser tests: the demo data served by uvicorn on a free loopback port,
and Debian's Chromium driven by Playwright (never a browser Playwright downloads)."""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

playwright = pytest.importorskip("playwright.sync_api")
import uvicorn  # noqa: E402

from followthrough.services import Service, demo  # noqa: E402
from followthrough.store import db  # noqa: E402
from followthrough.store.repo import Repo  # noqa: E402
from followthrough.web.app import WebConfig, create_app  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
NOW = dt.datetime(2026, 11, 25, 8, 30, tzinfo=dt.UTC)

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI needs Debian's chromium: scripts/test installs it")
    pytest.skip("no /usr/bin/chromium here (scripts/test installs it)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("browser") / "b.db"
    engine = db.open_database(db.sqlite_url(path), NOW)
    demo.fill(Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, NOW)), NOW))
    port = _free_port()
    app = create_app(WebConfig(path, clock=lambda: NOW))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()
