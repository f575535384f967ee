"""The web app: FastAPI over the same services as the CLI (PRODUCT.md §4.2).

Safe by default: web/security.py's Guard checks every request (Host, body size, CSRF and
origin, text that is not Unicode) and adds the security headers.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from followthrough.domain.errors import BusyError, FollowthroughError
from followthrough.services import Service, open_store
from followthrough.web.security import LOCAL_HOSTS, Guard, install_secret

STATIC = FilePath(__file__).with_name("static")


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




def create_app(config: WebConfig) -> FastAPI:
    """Return the app on the database of `config` (created and migrated if needed)."""
    store = open_store(config.db_path, config.clock())
    app = FastAPI(
        title="Followthrough",
        version="1",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.config = config
    app.state.store = store
    app.state.engine = store.engine  # tests and shutdown reach the engine here
    app.state.owner = store.owner
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

    @app.exception_handler(OSError)
    async def machine_error(request: Request, exc: OSError) -> Response:
        from followthrough.domain.errors import from_os_error

        return await user_error(request, from_os_error(exc))

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> Response:
        """Liveness probe: answers without touching the database (also wrk's baseline route)."""
        return Response("ok", media_type="text/plain")

    app.add_middleware(Guard, config=config, secret=install_secret(config.db_path))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    from followthrough.web import api, forms, pages

    app.add_exception_handler(RequestValidationError, api.validation_error_handler)
    app.include_router(api.router)
    app.include_router(forms.router)  # before pages: /applications/new is not an id
    app.include_router(pages.router)
    return app




#: The largest id a page accepts (what JSON numbers and SQLite integers both hold).
MAX_PAGE_ID = 2**53 - 1
#: An id in a page's path: anything else is "not found", never a crash.
PageId = Annotated[int, Path(ge=1, le=MAX_PAGE_ID)]


def service_at(request: Request, now: dt.datetime) -> Service:
    """Return the local user's use cases at `now`."""
    config: WebConfig = request.app.state.config
    return Service.on(request.app.state.store, now, config.overrides)


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
