"""The guard in front of every route (issue 9 items 1, 2 and 8, web half).

* CSRF: only a token this install issued (HMAC under its secret) counts; a cookie planted by
  another page on this machine (sent before ours) is never used, and a state change the
  browser says comes from another origin (Sec-Fetch-Site, Origin) is refused even with the token.
* Bodies: nothing past 1 MiB is read; 413 from Content-Length or while the body streams in,
  before any CSRF work.
* Text that is not valid Unicode, in a JSON body, a form, a query string or the path: a
  one-line error (422), never a 500, nothing written.

(The browser version of the planted cookie is tests/browser/test_csrf.py; the 1.5 GB body sent
to a real `serve` is tests/cli/test_serve.py.)
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path
from typing import Any

import anyio
import pytest
from fastapi.testclient import TestClient

from followthrough.web.app import WebConfig, create_app
from followthrough.web.security import CSRF_COOKIE, MAX_BODY, SECRET_SUFFIX

from .conftest import BASE, Api, dump, fixed_clock

ONE_LINE_UNICODE = (
    "{field}: is not valid Unicode text (bytes that are not UTF-8, or a lone surrogate); "
    "send UTF-8 text"
)


def _client(api: Api, **kwargs: Any) -> TestClient:
    return TestClient(api.app, base_url=BASE, raise_server_exceptions=False, **kwargs)


# ---------------------------------------------------------------- CSRF: issued tokens only


#: Cookies another page could plant: the shape the old guard accepted, the shape of an issued
#: token (but not signed by this install), and a token issued by another install.
PLANTED = {
    "old shape": secrets.token_urlsafe(32),
    "new shape, unsigned": f"{secrets.token_urlsafe(18)}.{secrets.token_urlsafe(32)}",
}


@pytest.mark.parametrize("how", sorted(PLANTED))
def test_a_planted_cookie_with_the_same_form_value_is_refused(demo: Api, how: str) -> None:
    planted = PLANTED[how]
    client = _client(demo)
    before = dump(demo.db)
    # the browser sends the planted (path-scoped) cookie first, then ours
    alone = f"{CSRF_COOKIE}={planted}"
    for cookie in (alone, f"{alone}; {CSRF_COOKIE}={demo.token}"):
        form = client.post("/settings", data={"csrf_token": planted, "name": "Mallory"},
                           headers={"cookie": cookie}, follow_redirects=False)
        assert form.status_code == 403, (cookie, form.text[:200])
        api = client.patch("/api/v1/settings", json={"name": "Mallory"},
                           headers={"cookie": cookie, "x-csrf-token": planted})
        assert api.status_code == 403, (cookie, api.text[:200])
        assert api.json() == {
            "error": "csrf: missing or wrong CSRF token; reload the page and try again"}
    assert dump(demo.db) == before


def test_our_cookie_is_found_behind_a_planted_one_and_the_planted_one_is_never_echoed(
    demo: Api,
) -> None:
    planted = PLANTED["old shape"]
    client = _client(demo)
    cookie = f"{CSRF_COOKIE}={planted}; {CSRF_COOKIE}={demo.token}"
    page = client.get("/settings", headers={"cookie": cookie})
    assert planted not in page.text
    assert f'value="{demo.token}"' in page.text
    response = client.post("/settings", data={"csrf_token": demo.token, "name": "Sam"},
                           headers={"cookie": cookie}, follow_redirects=False)
    assert response.status_code == 303, response.text[:300]
    assert demo.get("/settings")["name"] == "Sam"


def test_a_token_of_another_install_is_refused(demo: Api, tmp_path: Path) -> None:
    other = TestClient(create_app(WebConfig(tmp_path / "other.db", clock=fixed_clock)),
                       base_url=BASE)
    foreign = other.get("/api/v1/csrf").json()["token"]
    other.close()
    client = _client(demo, cookies={CSRF_COOKIE: foreign})
    response = client.post("/api/v1/lint", json={"text": "x"}, headers={"x-csrf-token": foreign})
    assert response.status_code == 403
    # reloading the page replaces the foreign cookie by one of ours
    fresh = client.get("/").cookies.get(CSRF_COOKIE)
    assert fresh
    assert fresh != foreign


def test_issued_tokens_outlive_a_restart_and_the_secret_is_private(demo: Api) -> None:
    again = TestClient(create_app(WebConfig(demo.db, clock=fixed_clock)), base_url=BASE,
                       cookies={CSRF_COOKIE: demo.token})
    response = again.post("/api/v1/lint", json={"text": "x"}, headers={"x-csrf-token": demo.token})
    assert response.status_code == 200, response.text
    assert "set-cookie" not in response.headers  # still ours: not replaced
    again.close()
    secret = demo.db.with_name(demo.db.name + SECRET_SUFFIX)
    assert len(secret.read_bytes()) == 32
    if os.name == "posix":
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600


# ---------------------------------------------------------------- CSRF: fetch metadata / Origin

REFUSED = [
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site"},  # another port of 127.0.0.1 is the same site
    {"sec-fetch-site": "none"},
    {"origin": "http://127.0.0.1:9999"},
    {"origin": "http://localhost:8765"},  # another host name is another origin
    {"sec-fetch-site": "cross-site", "origin": BASE},
]
ACCEPTED = [
    {},  # curl, a script: the token decides
    {"sec-fetch-site": "same-origin"},
    {"origin": BASE},
    {"sec-fetch-site": "same-origin", "origin": BASE},
    # our own form under Referrer-Policy: no-referrer, in a browser that does not send
    # Sec-Fetch-Site (Chromium sends both: the browser test)
    {"origin": "null"},
]


@pytest.mark.parametrize("headers", REFUSED, ids=str)
def test_a_state_change_from_another_origin_is_refused_even_with_the_token(
    demo: Api, headers: dict[str, str]
) -> None:
    before = dump(demo.db)
    response = demo.client.patch("/api/v1/settings", json={"name": "Mallory"}, headers=headers)
    assert response.status_code == 403, response.text
    assert response.json()["error"].startswith("csrf: request from another site")
    form = demo.client.post("/actions/1/done", data={"csrf_token": demo.token}, headers=headers,
                            follow_redirects=False)
    assert form.status_code == 403
    assert dump(demo.db) == before


@pytest.mark.parametrize("headers", ACCEPTED, ids=str)
def test_a_state_change_from_this_origin_with_the_token_goes_through(
    demo: Api, headers: dict[str, str]
) -> None:
    response = demo.client.patch("/api/v1/settings", json={"name": "Sam"}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["name"] == "Sam"


def test_https_origin_is_ours_when_served_behind_tls(tmp_path: Path) -> None:
    app = create_app(WebConfig(tmp_path / "s.db", clock=fixed_clock, secure_cookies=True))
    client = TestClient(app, base_url=BASE)
    token = client.get("/api/v1/csrf").json()["token"]
    headers = {"x-csrf-token": token, "cookie": f"{CSRF_COOKIE}={token}"}  # a Secure cookie
    for origin in ("https://127.0.0.1:8765", BASE):
        response = client.post("/api/v1/lint", json={"text": "x"},
                               headers={**headers, "origin": origin})
        assert response.status_code == 200, response.text


# ---------------------------------------------------------------- bodies past the limit


def test_a_body_announced_past_the_limit_gets_413_before_the_csrf_check(demo: Api) -> None:
    client = _client(demo)  # no cookie, no token: 413 comes first
    response = client.post("/api/v1/lint", content=b"x" * (MAX_BODY + 1),
                           headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json() == {
        "error": "body: larger than the limit of 1 MiB (1048576 bytes); send less",
        "field": "body"}
    assert response.headers["connection"] == "close"
    # a safe method announcing a body that large gets the same
    assert client.get("/api/v1/today", headers={"content-length": str(MAX_BODY + 1)}
                      ).status_code == 413


def test_a_body_at_the_limit_is_read(demo: Api) -> None:
    text = "x" * (MAX_BODY - len('{"text": ""}'))
    response = demo.client.post("/api/v1/lint", content=f'{{"text": "{text}"}}'.encode(),
                                headers={"content-type": "application/json"})
    assert response.status_code != 413, response.text[:200]


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "GET"])
def test_a_streamed_body_is_not_read_past_the_limit(demo: Api, method: str) -> None:
    """Driven as an ASGI server would: the app pulls the body chunk by chunk (chunked, so no
    Content-Length to judge by); it must stop pulling at the limit and answer 413."""
    chunk = 64 * 1024
    pulled = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        pulled += chunk
        return {"type": "http.request", "body": b"x" * chunk, "more_body": pulled < 4 * MAX_BODY}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": "/api/v1/settings", "raw_path": b"/api/v1/settings",
        "query_string": b"", "root_path": "", "server": ("127.0.0.1", 8765),
        "client": ("127.0.0.1", 50000),
        "headers": [(b"host", b"127.0.0.1:8765"), (b"content-type", b"application/json"),
                    (b"transfer-encoding", b"chunked")],
    }
    before = dump(demo.db)
    anyio.run(demo.app, scope, receive, send)
    assert pulled <= MAX_BODY + chunk  # stopped reading at the limit
    if method == "GET":  # no safe route reads a body: it is never pulled at all
        assert sent[0]["status"] == 200
    else:
        assert sent[0]["status"] == 413
        assert (b"connection", b"close") in sent[0]["headers"]
    assert dump(demo.db) == before


# ---------------------------------------------------------------- text that is not Unicode

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

#: (method, path, content type, body, the field the error names): every kind of route.
NOT_UNICODE = {
    "JSON, lone surrogate": (
        "POST", "/api/v1/applications", JSON, b'{"company": "\\ud800", "role": "x"}', "company"),
    "JSON, lone low surrogate in a list": (
        "POST", "/api/v1/applications", JSON,
        b'{"company": "a", "role": "x", "competitors": ["ok", "\\udc00"]}', "competitors"),
    "JSON, lone surrogate in a nested value": (
        "PUT", "/api/v1/interviews/3/debrief", JSON,
        b'{"fit": {"fit_role": {"score": 3, "note": "\\ud83d"}}}', "fit.fit_role.note"),
    "JSON, lone surrogate in a key": (
        "PATCH", "/api/v1/settings", JSON, b'{"\\udfff": "x"}', "body"),
    "JSON, bytes that are not UTF-8": (
        "PATCH", "/api/v1/settings", JSON, b'{"name": "\xff"}', "body"),
    "form, percent-encoded bytes that are not UTF-8": (
        "POST", "/applications/new", FORM, b"company=%FF&role=x", "company"),
    "form, raw bytes that are not UTF-8": (
        "POST", "/applications/new", FORM, b"company=\xc3&role=x", "company"),
    "form, an encoded surrogate": (
        "POST", "/settings", FORM, b"name=%ED%A0%80", "name"),
    "form, a bad field name": (
        "POST", "/settings", FORM, b"%FF=1", "body"),
    "query of the API": ("GET", "/api/v1/applications?status=%FF", None, b"", "status"),
    "query of a page": ("GET", "/?show=%ED%B0%80", None, b"", "show"),
    "path of the API": ("GET", "/api/v1/applications/%FF", None, b"", "path"),
    "path of a page": ("GET", "/interviews/%C0%AF", None, b"", "path"),
    "path of the calendar feed": ("GET", "/calendar/%FF.ics", None, b"", "path"),
}


@pytest.mark.parametrize("case", sorted(NOT_UNICODE))
def test_text_that_is_not_unicode_gets_a_one_line_422(demo: Api, case: str) -> None:
    method, path, kind, body, field = NOT_UNICODE[case]
    client = _client(demo, cookies={CSRF_COOKIE: demo.token})
    headers = {"x-csrf-token": demo.token}
    if kind:
        headers["content-type"] = kind
    before = dump(demo.db)
    response = client.request(method, path, content=body, headers=headers,
                              follow_redirects=False)
    assert response.status_code == 422, response.text[:300]
    assert response.json() == {"error": ONE_LINE_UNICODE.format(field=field), "field": field}
    assert dump(demo.db) == before


def test_valid_unicode_goes_through(demo: Api) -> None:
    """A surrogate pair, an escaped backslash before "ud800", and UTF-8 in every place."""
    created = demo.post("/applications", {"company": "\U0001f600 Caf\u00e9", "role": "\\ud800"},
                        expect=201)
    assert (created["company"], created["role"]) == ("\U0001f600 Caf\u00e9", "\\ud800")
    raw = b'{"company": "\\ud83d\\ude00", "role": "x"}'
    response = demo.client.post("/api/v1/applications", content=raw,
                                headers={"content-type": JSON})
    assert response.status_code == 201
    assert response.json()["company"] == "\U0001f600"
    assert demo.client.get("/api/v1/applications?status=%C3%A9").status_code == 422  # not a status
    assert demo.client.get("/?show=%C3%A9").status_code == 200
    typed = f"csrf_token={demo.token}&name=Ren%C3%A9e".encode()
    form = demo.client.post("/settings", content=typed, headers={"content-type": FORM},
                            follow_redirects=False)
    assert form.status_code == 303, form.text[:300]
    assert demo.get("/settings")["name"] == "Ren\u00e9e"
