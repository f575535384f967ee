"""A database another process keeps locked: the web answers 503 with Retry-After, never 500."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.web.conftest import Api

def test_a_write_while_the_database_is_locked_is_503_with_retry_after(
    web: Api,
    monkeypatch: pytest.MonkeyPatch,
    write_lock_held: Callable[[Path], AbstractContextManager[None]],
) -> None:
    monkeypatch.setenv("FOLLOWTHROUGH_LOCK_WAIT", "0.2")
    with write_lock_held(web.db):
        response = web.client.post(
            "/api/v1/applications", json={"company": "Initech", "role": "Developer"}
        )
        page = web.client.post(
            "/applications/new",
            data={"company": "Initech", "role": "Developer", "csrf_token": web.token},
        )
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
