"""A database another process keeps locked: the web answers 503 with Retry-After, never 500."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.web.conftest import Api

HOLDER = Path(__file__).parents[1] / "reliability" / "lock_holder.py"


def test_a_write_while_the_database_is_locked_is_503_with_retry_after(
    web: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWTHROUGH_LOCK_WAIT", "0.2")
    child = subprocess.Popen(
        [sys.executable, str(HOLDER), str(web.db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "locked"
        response = web.client.post(
            "/api/v1/applications", json={"company": "Initech", "role": "Developer"}
        )
        page = web.client.post(
            "/applications/new",
            data={"company": "Initech", "role": "Developer", "csrf_token": web.token},
        )
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=30)
        assert child.stdout is not None
        child.stdout.close()
    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"] == "2"
    assert response.json() == {
        "error": "the database is busy: another command kept it locked for 0.2 s; "
        "try again in a moment"
    }
    assert page.status_code == 503, page.text
    assert page.headers["Retry-After"] == "2"
    assert "the database is busy" in page.text
    web.post("/applications", {"company": "Initech", "role": "Developer"}, expect=201)
