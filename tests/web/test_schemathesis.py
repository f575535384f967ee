"""Schemathesis against /api/v1/openapi.json, in process (QUALITY.md 17).

The document is the one the app serves (fetched once, at collection, from an app on a
throwaway database). Every operation in it becomes one test, fuzzed against its own fresh demo
database (so that ids 1..5 hit real applications, interviews and actions) with the CSRF cookie
and header a browser on this machine would send. Two checks: no response is a server error, and
every response matches its documented schema (status, content type and body). A fixed number of
examples per operation keeps the whole run well under a minute.

(schemathesis.pytest.from_fixture would be the natural loader, but its subtest reporting
touches `Node._nodeid`, which pytest 9 no longer has; the calls go to each test's own app
through the `app` argument instead.)
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from followthrough.web.security import CSRF_COOKIE
from tests.budget import examples

from .conftest import BASE, Api, build_app

#: Examples per operation (about 25 operations).
EXAMPLES = examples(40, 100)


def served_document() -> dict[str, Any]:
    """Return the OpenAPI document exactly as the app serves it at /api/v1/openapi.json."""
    with tempfile.TemporaryDirectory() as folder:
        app = build_app(Path(folder) / "document.db")
        try:
            with TestClient(app, base_url=BASE) as client:
                response = client.get("/api/v1/openapi.json")
            assert response.status_code == 200, response.text
            document: dict[str, Any] = response.json()
            return document
        finally:
            app.state.engine.dispose()


schema = schemathesis.openapi.from_dict(served_document())


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case: schemathesis.Case, demo: Api) -> None:
    case.call_and_validate(
        app=demo.app,
        base_url=BASE,
        headers={"X-CSRF-Token": demo.token},
        cookies={CSRF_COOKIE: demo.token},
        checks=[not_a_server_error, response_schema_conformance],
    )
