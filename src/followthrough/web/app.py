"""The web app: FastAPI over the same services as the CLI (PRODUCT.md §4.2).

Safe by default (QUALITY.md 11-13): it serves only requests whose Host is this machine (a DNS
rebinding page cannot talk to it), sends a Content-Security-Policy without inline scripts, and
requires a CSRF token (double submit: cookie + form field or header) on every state change.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

from fastapi import FastAPI, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from followthrough.domain.errors import BusyError, FollowthroughError
from followthrough.services import Service
from followthrough.store import db
from followthrough.store.repo import Repo

STATIC = FilePath(__file__).with_name("static")
CSRF_COOKIE = "ft_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: What `secrets.token_urlsafe(32)` gives: the only CSRF cookie values the app accepts.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}


def utc_now() -> dt.datetime:
    """Return the current instant (the web adapter's clock; the core never reads one)."""
    return dt.datetime.now(dt.UTC)


@dataclass
class WebConfig:
    """How the app runs: which database, which clock, which hosts it answers to."""

    db_path: FilePath
    clock: Callable[[], dt.datetime] = utc_now
    overrides: dict[str, str] = field(default_factory=dict)
    allowed_hosts: frozenset[str] = LOCAL_HOSTS
    secure_cookies: bool = False


def host_of(header: str) -> str:
    """Return the host part of a Host header ("127.0.0.1:8765" -> "127.0.0.1")."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def create_app(config: WebConfig) -> FastAPI:
    """Return the app on the database of `config` (created and migrated if needed)."""
    engine = db.open_database(db.sqlite_url(config.db_path), config.clock())
    owner = db.ensure_user(engine, db.LOCAL_USER, config.clock())
    app = FastAPI(
        title="Followthrough",
        version="1",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.config = config
    app.state.engine = engine
    app.state.owner = owner
    from followthrough.web.cache import DataVersion, Memo

    app.state.data_version = DataVersion(config.db_path)
    app.state.memo = Memo()

    @app.exception_handler(FollowthroughError)
    async def user_error(request: Request, exc: FollowthroughError) -> Response:
        response: Response
        if not request.url.path.startswith(("/api/", "/calendar/")):
            from followthrough.web.pages import error_page

            response = error_page(request, str(exc), exc.http_status)
        else:
            body: dict[str, Any] = {"error": str(exc)}
            if hasattr(exc, "field"):
                body["field"] = exc.field
            response = JSONResponse(body, status_code=exc.http_status)
        if isinstance(exc, BusyError):  # 503: the database was locked; say when to come back
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> Response:
        """Liveness probe: answers without touching the database (also wrk's baseline route)."""
        return Response("ok", media_type="text/plain")

    app.add_middleware(Guard, config=config)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    from followthrough.web import api, forms, pages

    app.add_exception_handler(RequestValidationError, api.validation_error_handler)
    app.include_router(api.router)
    app.include_router(forms.router)  # before pages: /applications/new is not an id
    app.include_router(pages.router)
    return app


class Guard:
    """ASGI middleware: Host check, CSRF check on state changes, security headers.

    A pure ASGI middleware (not `@app.middleware("http")`) so that it can read a form body to
    find the CSRF field and hand the same body on to the route.
    """

    def __init__(self, app: Any, config: WebConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if host_of(headers.get("host", "")) not in self.config.allowed_hosts:
            await _json(send, 400, "host: this server only answers to 127.0.0.1 or localhost")
            return
        cookie = _cookie(headers.get("cookie", ""), CSRF_COOKIE)
        if cookie is not None and not TOKEN_SHAPE.fullmatch(cookie):
            cookie = None  # not one we issued (pages echo the token: it must be plain)
        if scope["method"] not in SAFE_METHODS:
            body = await _read_body(receive)
            if not _csrf_ok(headers, body, cookie):
                await _json(
                    send, 403, "csrf: missing or wrong CSRF token; reload the page and try again"
                )
                return
            receive = _replay(body)
        token = cookie or secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf"] = token

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                if cookie != token:
                    secure = "; Secure" if self.config.secure_cookies else ""
                    cookie_value = f"{CSRF_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
                    extra.append((b"set-cookie", (cookie_value + secure).encode()))
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name and value:
            return value
    return None


async def _read_body(receive: Any) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def _replay(body: bytes) -> Any:
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _csrf_ok(headers: dict[str, str], body: bytes, cookie: str | None) -> bool:
    """Return True when the request carries its cookie's CSRF token (header or form field)."""
    if not cookie:
        return False
    sent = headers.get(CSRF_HEADER)
    if sent is None and headers.get("content-type", "").startswith(
        "application/x-www-form-urlencoded"
    ):
        values = parse_qs(body.decode("utf-8", "replace")).get(CSRF_FIELD)
        sent = values[0] if values else None
    # compare bytes: compare_digest refuses non-ASCII str (a forged token must be a 403, not a 500)
    return sent is not None and hmac.compare_digest(sent.encode(), cookie.encode())


async def _json(send: Any, status: int, error: str) -> None:
    body = json.dumps({"error": error}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


#: The largest id a page accepts (what JSON numbers and SQLite integers both hold).
MAX_PAGE_ID = 2**53 - 1
#: An id in a page's path: anything else is "not found", never a crash.
PageId = Annotated[int, Path(ge=1, le=MAX_PAGE_ID)]


def service_at(request: Request, now: dt.datetime) -> Service:
    """Return the local user's use cases at `now`."""
    config: WebConfig = request.app.state.config
    return Service(
        Repo(request.app.state.engine, request.app.state.owner), now, dict(config.overrides)
    )


#: Stands for the moment in a remembered answer; each response puts its own in. Random per
#: process, so no text a user typed can contain it.
NOW_SLOT = f"now-{secrets.token_hex(12)}"


async def memoized(
    request: Request,
    name: str,
    compute: Callable[[Service], tuple[bytes, dt.datetime]],
    now_text: Callable[[dt.datetime, ZoneInfo], str],
) -> list[bytes]:
    """Return `compute(service)` for this state of the data and this moment, computed once
    however many requests ask together (web/cache.py). `compute` writes NOW_SLOT where the
    moment goes and says until when its answer holds; `now_text(now, zone)` writes the moment.
    Returns the answer in pieces (no copy of a large body per request): join them, or send
    them with `PartsResponse`."""
    now = request.app.state.config.clock()
    version = request.app.state.data_version()

    def work() -> tuple[tuple[list[bytes], ZoneInfo], dt.datetime]:
        svc = service_at(request, now)
        body, until = compute(svc)
        return (body.split(NOW_SLOT.encode()), svc.week().zone), until

    pieces, zone = await request.app.state.memo.get(name, version, now, work)
    moment = now_text(now, zone).encode()
    out = [pieces[0]]
    for piece in pieces[1:]:
        out += [moment, piece]
    return out


class PartsResponse(Response):
    """A response whose body is sent as the pieces it is made of (never joined in memory)."""

    def __init__(self, parts: list[bytes], media_type: str) -> None:
        super().__init__(b"", media_type=media_type)
        self.parts = parts
        length = str(sum(len(p) for p in parts)).encode()
        self.raw_headers = [
            (k, length if k == b"content-length" else v) for k, v in self.raw_headers
        ]

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        last = len(self.parts) - 1
        for i, part in enumerate(self.parts):
            await send({"type": "http.response.body", "body": part, "more_body": i < last})


def service(request: Request) -> Iterator[Service]:
    """FastAPI dependency: the use cases of the local user, at this request's moment."""
    yield service_at(request, request.app.state.config.clock())
