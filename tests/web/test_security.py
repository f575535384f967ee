"""Safe by default (issue 4 item 4; QUALITY.md 11-13) as seen by the JSON API.

* A request whose Host is not this machine gets 400 on every route (DNS rebinding).
* Every state-changing route refuses a request without the CSRF token of its cookie (403) and
  writes nothing (the database dumped before and after); the same request with the token works.
* The CSRF cookie is HttpOnly and SameSite=Strict; every response carries a CSP without inline
  script.
* An XSS corpus stored through the API in every text field comes back as the same inert JSON
  strings (served as application/json, nosniff), never interpreted (the pages are tested by
  tests/web/test_pages.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from followthrough.web.app import WebConfig, create_app
from followthrough.web.security import CSP, CSRF_COOKIE

from .conftest import BASE, Api, dump, fixed_clock

#: A valid request for every state-changing operation of the OpenAPI document, on the demo data.
WRITES: dict[tuple[str, str], tuple[str, Any]] = {
    ("POST", "/api/v1/applications"): ("/applications", {"company": "Hooli", "role": "Analyst"}),
    ("POST", "/api/v1/applications/{app_id}/status"): (
        "/applications/1/status", {"status": "offer"}),
    ("POST", "/api/v1/applications/{app_id}/referees"): (
        "/applications/3/referees", {"referee": "Bill Lumbergh <bill@initech.example>"}),
    ("POST", "/api/v1/applications/{app_id}/interviews"): (
        "/applications/3/interviews", {"start": "2026-11-26 10:00"}),
    ("POST", "/api/v1/applications/{app_id}/interactions"): (
        "/applications/2/interactions", {"kind": "call", "summary": "They called"}),
    ("POST", "/api/v1/contacts"): ("/contacts", {"name": "Eve Adams"}),
    ("PUT", "/api/v1/interviews/{interview_id}/debrief"): (
        "/interviews/3/debrief", {"topics": ["their roadmap"]}),
    ("POST", "/api/v1/actions/{action_id}/done"): ("/actions/5/done", {}),
    ("POST", "/api/v1/actions/{action_id}/skip"): ("/actions/5/skip", {}),
    ("POST", "/api/v1/actions/{action_id}/reopen"): ("/actions/14/reopen", {}),
    ("POST", "/api/v1/actions/{action_id}/snooze"): ("/actions/9/snooze", {}),
    ("PUT", "/api/v1/actions/{action_id}/draft"): ("/actions/5/draft", {"body": "Hello Ann\n"}),
    ("POST", "/api/v1/lint"): ("/lint", {"text": "Hello"}),
    ("PATCH", "/api/v1/settings"): ("/settings", {"name": "Sam Doe"}),
    ("POST", "/api/v1/settings/calendar-feed"): ("/settings/calendar-feed", None),
    ("PATCH", "/api/v1/applications/{app_id}"): ("/applications/1", {"role": "Lead"}),
    ("DELETE", "/api/v1/applications/{app_id}"): ("/applications/2", None),
    ("POST", "/api/v1/applications/{app_id}/merge"): ("/applications/1/merge", {"other": 3}),
    ("PATCH", "/api/v1/interviews/{interview_id}"): ("/interviews/1", {"next_steps": "x"}),
    ("DELETE", "/api/v1/interviews/{interview_id}"): ("/interviews/2", None),
    ("PATCH", "/api/v1/contacts/{contact_id}"): ("/contacts/1", {"phone": "+32 2 000 00 00"}),
    ("DELETE", "/api/v1/contacts/{contact_id}"): ("/contacts/2", None),
    ("POST", "/api/v1/contacts/{contact_id}/merge"): ("/contacts/1/merge", {"other": 2}),
    ("PATCH", "/api/v1/exchanges/{exchange_id}"): ("/exchanges/1", {"note": "x"}),
    ("DELETE", "/api/v1/exchanges/{exchange_id}"): ("/exchanges/1", None),
    ("POST", "/api/v1/undo"): ("/undo", None),
    ("POST", "/api/v1/words"): ("/words", {"words": ["Kubeflow"]}),
    ("DELETE", "/api/v1/words/{word}"): ("/words/Kubeflow", None),
    ("PUT", "/api/v1/mail/settings"): ("/mail/settings", {"from": "Sam <sam@example.org>",
                                                         "smtp_host": "127.0.0.1"}),
    ("POST", "/api/v1/actions/{action_id}/send"): ("/actions/6/send", {"override": "test"}),
    ("POST", "/api/v1/digest"): ("/digest", None),
    ("POST", "/api/v1/outbox/flush"): ("/outbox/flush", None),
    ("POST", "/api/v1/mail/test"): ("/mail/test", None),
    ("POST", "/api/v1/outbox/{outbox_id}/resolve"): ("/outbox/1/resolve", {"sent": True}),
    ("POST", "/api/v1/inbox/{proposal_id}/accept"): ("/inbox/1/accept", None),
    ("POST", "/api/v1/inbox/{proposal_id}/dismiss"): ("/inbox/1/dismiss", None),
    ("POST", "/api/v1/mail/sync"): ("/mail/sync", None),
}
#: A mail account whose SMTP server is out of reach (port 1): sending queues for a retry.
_UNREACHABLE = ("PUT", "/mail/settings", {"from": "Sam <sam@example.org>", "smtp_host": "127.0.0.1",
                                          "smtp_port": "1", "smtp_user": ""})  # fmt: skip
#: What must be there first for an operation to change something (the demo has no words).
SETUP = {("DELETE", "/api/v1/words/{word}"): ("POST", "/words", {"words": ["Kubeflow"]}),
         ("POST", "/api/v1/actions/{action_id}/send"): _UNREACHABLE,
         ("POST", "/api/v1/digest"): _UNREACHABLE}
#: Operations that need what only a mail server makes (a message in doubt, a proposal read
#: from mail, an IMAP account): with the token they reach the service, which says so.
NEEDS_MAIL = {("POST", "/api/v1/outbox/{outbox_id}/resolve"): 404,
              ("POST", "/api/v1/inbox/{proposal_id}/accept"): 404,
              ("POST", "/api/v1/inbox/{proposal_id}/dismiss"): 404,
              ("POST", "/api/v1/mail/sync"): 422,
              ("POST", "/api/v1/outbox/flush"): 422}
#: Operations that change nothing even when allowed (they still need the token: they are POSTs).
READ_ONLY_POSTS = {("POST", "/api/v1/lint"), ("POST", "/api/v1/mail/test")}

FOREIGN_HOSTS = [
    "evil.example",
    "127.0.0.1.evil.example",
    "localhost.evil.example",
    "evil.example:8765",
    "",
    "127.0.0.2:8765",
    "0.0.0.0:8765",
]
LOCAL_HOSTS = ["127.0.0.1:8765", "127.0.0.1", "localhost:8765", "LOCALHOST", "[::1]:8765"]

XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "<svg/onload=alert(1)>",
    "'; alert(1); //",
    "{{ 7*7 }}",
    "</textarea><script>alert(document.cookie)</script>",
    "\u202e<b>bold</b>",
]


def operations(api: Api) -> list[tuple[str, str]]:
    """Return every (METHOD, path template) of the served OpenAPI document."""
    document = api.client.get("/api/v1/openapi.json").json()
    return [(m.upper(), p) for p, item in document["paths"].items() for m in item]


def concrete(path: str) -> str:
    """Return a path template with every id set to 1."""
    return re.sub(r"\{[a-z_]+\}", "1", path)


# ---------------------------------------------------------------- Host (DNS rebinding)


@pytest.mark.parametrize("host", FOREIGN_HOSTS)
def test_a_foreign_host_gets_400_on_every_route(demo: Api, host: str) -> None:
    routes = [*operations(demo), ("GET", "/api/v1/openapi.json"), ("GET", "/api/v1/nowhere")]
    before = dump(demo.db)
    for method, template in routes:
        path = concrete(template)
        body = WRITES.get((method, template), (None, None))[1]
        response = demo.client.request(method, path, headers={"host": host}, json=body)
        assert response.status_code == 400, (method, path, response.text)
        assert response.json() == {
            "error": "host: this server only answers to 127.0.0.1 or localhost"
        }
        assert response.headers["content-security-policy"] == CSP
    assert dump(demo.db) == before


@pytest.mark.parametrize("host", LOCAL_HOSTS)
def test_this_machine_is_served(demo: Api, host: str) -> None:
    response = demo.client.get("/api/v1/today", headers={"host": host})
    assert response.status_code == 200


# ---------------------------------------------------------------- CSRF


def test_every_state_changing_operation_is_covered(demo: Api) -> None:
    changing = {(m, p) for m, p in operations(demo) if m not in ("GET", "HEAD", "OPTIONS")}
    assert changing == set(WRITES)


FORGERIES = ["no token", "wrong token", "token without cookie", "cookie of another token",
             "form without token", "form with wrong token"]


def forge(api: Api, how: str, method: str, path: str, body: Any) -> Any:
    """Send `body` to `path` the way a forged request would; return the response."""
    url = f"/api/v1{path}"
    if how == "no token":
        client = TestClient(api.app, base_url=BASE, cookies={CSRF_COOKIE: api.token})
        return client.request(method, url, json=body)
    if how == "wrong token":
        return api.client.request(method, url, json=body, headers={"X-CSRF-Token": "x" * 43})
    if how == "token without cookie":
        client = TestClient(api.app, base_url=BASE)
        return client.request(method, url, json=body, headers={"X-CSRF-Token": api.token})
    if how == "cookie of another token":
        client = TestClient(api.app, base_url=BASE, cookies={CSRF_COOKIE: "a" * 43})
        return client.request(method, url, json=body, headers={"X-CSRF-Token": api.token})
    client = TestClient(api.app, base_url=BASE, cookies={CSRF_COOKIE: api.token})
    form = {"company": "Hooli", "role": "Analyst"}
    if how == "form with wrong token":
        form["csrf_token"] = "x" * 43
    return client.request(method, url, data=form)


@pytest.mark.parametrize("how", FORGERIES)
@pytest.mark.parametrize(("method", "template"), sorted(WRITES), ids=lambda v: str(v))
def test_a_state_change_without_the_csrf_token_is_refused_and_writes_nothing(
    demo: Api, method: str, template: str, how: str
) -> None:
    path, body = WRITES[(method, template)]
    if (method, template) in SETUP:
        first, where, what = SETUP[(method, template)]
        assert demo.client.request(first, f"/api/v1{where}", json=what).status_code == 200
    before = dump(demo.db)
    response = forge(demo, how, method, path, body)
    assert response.status_code == 403, response.text
    assert response.json() == {
        "error": "csrf: missing or wrong CSRF token; reload the page and try again"
    }
    assert response.headers["content-security-policy"] == CSP
    assert dump(demo.db) == before


@pytest.mark.parametrize(("method", "template"), sorted(WRITES), ids=lambda v: str(v))
def test_the_same_request_with_the_token_goes_through(
    demo: Api, method: str, template: str
) -> None:
    path, body = WRITES[(method, template)]
    if (method, template) in SETUP:
        first, where, what = SETUP[(method, template)]
        assert demo.client.request(first, f"/api/v1{where}", json=what).status_code == 200
    before = dump(demo.db)
    response = demo.client.request(method, f"/api/v1{path}", json=body)
    if (method, template) in NEEDS_MAIL:
        assert response.status_code == NEEDS_MAIL[(method, template)], response.text
        assert dump(demo.db) == before
        return
    assert response.status_code in (200, 201), response.text
    if (method, template) not in READ_ONLY_POSTS:
        assert dump(demo.db) != before


def test_a_form_with_the_right_token_passes_the_guard(demo: Api) -> None:
    client = TestClient(demo.app, base_url=BASE, cookies={CSRF_COOKIE: demo.token})
    response = client.post("/api/v1/lint", data={"csrf_token": demo.token, "text": "Hello"})
    assert response.status_code == 422  # past the guard; the API itself takes JSON only
    assert response.json()["field"] == "body"


def test_safe_methods_need_no_token(demo: Api) -> None:
    client = TestClient(demo.app, base_url=BASE)
    assert client.get("/api/v1/today").status_code == 200


def test_a_non_ascii_csrf_token_is_refused_not_crashed(demo: Api) -> None:
    client = TestClient(demo.app, base_url=BASE, raise_server_exceptions=False)
    client.cookies.set(CSRF_COOKIE, demo.token)
    response = client.post(
        "/api/v1/lint", json={"text": "x"}, headers={"X-CSRF-Token": "\xff".encode("latin-1")}
    )
    assert response.status_code == 403


# ---------------------------------------------------------------- cookie and headers


def set_cookie(response: Any) -> str:
    cookies = [v for k, v in response.headers.multi_items() if k == "set-cookie"]
    assert len(cookies) == 1, cookies
    return cookies[0]


def test_the_csrf_cookie_is_httponly_and_samesite_strict(db: Path) -> None:
    app = create_app(WebConfig(db, clock=fixed_clock))
    client = TestClient(app, base_url=BASE)
    first = client.get("/api/v1/today")
    cookie = set_cookie(first)
    attributes = {part.strip().split("=")[0].lower(): part.strip() for part in cookie.split(";")}
    assert cookie.startswith(f"{CSRF_COOKIE}=")
    assert "httponly" in attributes
    assert attributes["samesite"].lower() == "samesite=strict"
    assert attributes["path"] == "Path=/"
    assert "secure" not in attributes  # plain http on 127.0.0.1
    token = cookie.split(";")[0].split("=", 1)[1]
    assert len(token) >= 32
    assert client.get("/api/v1/csrf").json() == {"token": token}
    again = client.get("/api/v1/today")
    assert "set-cookie" not in again.headers  # one token per browser, not one per request


def test_the_csrf_cookie_is_secure_when_served_over_https(db: Path) -> None:
    app = create_app(WebConfig(db, clock=fixed_clock, secure_cookies=True))
    cookie = set_cookie(TestClient(app, base_url=BASE).get("/api/v1/today"))
    assert "Secure" in [part.strip() for part in cookie.split(";")]


def assert_safe_headers(response: Any) -> None:
    csp = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in csp
    assert "'unsafe-eval'" not in csp
    assert "script-src 'self'" in csp
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


def test_every_response_has_the_csp_without_inline_script(demo: Api) -> None:
    responses = [demo.client.get(concrete(p)) for m, p in operations(demo) if m == "GET"]
    responses += [demo.client.request(m, f"/api/v1{path}", json=body)
                  for (m, _), (path, body) in WRITES.items()]
    responses += [
        demo.client.get("/api/v1/openapi.json"),
        demo.client.get("/api/v1/applications/99"),  # 404
        demo.client.get("/api/v1/applications/abc"),  # 422 from FastAPI
        demo.client.post("/api/v1/applications", json={"company": " ", "role": "x"}),  # 422
        demo.client.delete("/api/v1/today"),  # 405
        demo.client.get("/api/v1/nowhere"),  # 404
        demo.client.get("/api/v1/today", headers={"host": "evil.example"}),  # 400
        TestClient(demo.app, base_url=BASE).post("/api/v1/lint", json={"text": "x"}),  # 403
    ]
    statuses = {r.status_code for r in responses}
    assert {200, 201, 400, 403, 404, 405, 422} <= statuses
    for response in responses:
        assert_safe_headers(response)


# ---------------------------------------------------------------- the XSS corpus


def no_angle(text: str) -> str:
    """The payload as a name may carry it: in 'Name <email>' the < and > mark the e-mail, and
    quotes around the name are taken off."""
    return text.replace("<", "(").replace(">", ")").strip().strip('"')


@pytest.mark.parametrize("payload", XSS)
def test_the_xss_corpus_in_every_text_field_comes_back_as_inert_json(
    web: Api, payload: str
) -> None:
    name = no_angle(payload)
    web.post("/applications", {
        "company": payload, "role": payload, "agency": payload, "notes": payload,
        "url": f"https://acme.example/?q={payload}", "competitors": [payload],
        "recruiter": f"{name} <jane@agency.example>",
        "hiring_contact": f"{name} <tom@acme.example>",
        "referees": [f"{name} <maria@example.org>"],
    }, expect=201)
    contact = web.post("/contacts", {
        "name": f"{name} <ann@acme.example>", "phone": payload, "linkedin": payload,
        "organisation": payload, "notes": payload, "role": "interviewer",
    }, expect=201)
    interview = web.post("/applications/1/interviews", {
        "start": "2026-11-19 10:00", "with": [str(contact["id"])], "promises": [payload],
        "follow_up_how": payload, "next_steps": payload,
    }, expect=201)
    debrief = web.put(f"/interviews/{interview['id']}/debrief", {
        **{field: [payload] for field in (
            "unprepared_questions", "weak_answers", "better_answers", "went_well", "floundered",
            "later_questions", "reactions", "nuggets", "topics", "projects")},
        "fit": {"fit_role": {"score": 3, "note": payload}},
    })
    logged = web.post("/applications/1/interactions", {
        "kind": "email-in", "with": str(contact["id"]), "summary": payload, "override": payload,
        "at": "2026-11-19 12:00",
    }, expect=201)
    plan = web.get("/applications/1/plan")
    thank_you = next(a["id"] for a in plan if a["kind"] == "thank-you")
    rendered = web.get(f"/actions/{thank_you}/draft")
    draft = web.put(f"/actions/{thank_you}/draft", {"subject": payload, "body": payload})
    skipped = next(a["id"] for a in plan if a["kind"] == "company-research")
    web.post(f"/actions/{skipped}/skip", {"reason": payload})
    settings = web.patch("/settings", {"name": name})
    lint = web.post("/lint", {"text": payload, "kind": "thank-you", "application_id": 1})

    # what was stored comes back, character for character, as JSON strings
    shown = web.get("/applications/1")
    assert (shown["company"], shown["role"], shown["agency"], shown["notes"]) == (payload,) * 4
    assert shown["url"] == f"https://acme.example/?q={payload}"
    assert shown["competitors"] == [payload]
    assert shown["recruiter"]["name"] == name
    assert {c["name"] for c in shown["contacts"]} == {name}
    assert web.get(f"/contacts/{contact['id']}") == contact
    assert (contact["phone"], contact["linkedin"], contact["organisation"], contact["notes"]) == (
        payload,) * 4
    again = web.get(f"/interviews/{interview['id']}")
    assert (again["promises"], again["follow_up_how"], again["next_steps"]) == (
        [payload], payload, payload)
    assert again["debrief"] == debrief
    assert debrief["topics"] == [payload]
    assert debrief["fit"]["fit_role"]["note"] == payload
    assert shown["interactions"][-1]["summary"] == payload
    assert logged["override"] == payload
    assert (draft["subject"], draft["body"]) == (payload, payload)
    assert web.get(f"/actions/{skipped}")["reason"] == payload
    assert settings["name"] == name
    assert lint["words"] >= 0
    # the drafts are plain text: the user's words go in as written (not HTML-escaped, which
    # would garble an e-mail) and are never run as a template
    assert payload in rendered["body"]
    assert "49" not in rendered["body"]
    brief = web.get("/applications/1/brief")
    assert brief["application"]["company"] == payload
    assert [p["promise"] for p in brief["promises"]] == [payload]

    # served as JSON that no browser will sniff into HTML or run
    for path in ("/applications/1", "/applications/1/brief", f"/interviews/{interview['id']}",
                 f"/actions/{thank_you}/draft", "/contacts", "/today"):
        response = web.client.get(f"/api/v1{path}")
        assert response.headers["content-type"] == "application/json"
        assert_safe_headers(response)
