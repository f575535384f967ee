"""What routes depend on: the service at the request's moment, page ids, remembered answers.

Routers import this; this imports nothing that uses it (only services, drafts and the config),
so imports go one way: app -> routers -> deps -> services.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterator
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import Depends, Path, Request
from fastapi.responses import Response

from followthrough.drafts.render import user_template_dir
from followthrough.services import Service
from followthrough.services.drafts import Drafts
from followthrough.web.config import WebConfig

#: The largest id a page accepts (what JSON numbers and SQLite integers both hold).
MAX_PAGE_ID = 2**53 - 1
#: An id in a page's path: anything else is "not found", never a crash.
PageId = Annotated[int, Path(ge=1, le=MAX_PAGE_ID)]


def now(request: Request) -> dt.datetime:
    """Return this request's moment, from the app's clock."""
    clock: Callable[[], dt.datetime] = request.app.state.config.clock
    return clock()


def service_at(request: Request, moment: dt.datetime) -> Service:
    """Return the local user's use cases at `moment`."""
    config: WebConfig = request.app.state.config
    where = "api" if request.url.path.startswith("/api/") else "web"
    return Service.on(request.app.state.store, moment, config.overrides, where)


def service(request: Request) -> Iterator[Service]:
    """FastAPI dependency: the use cases of the local user, at this request's moment."""
    yield service_at(request, now(request))


def drafts_for(svc: Service) -> Drafts:
    """Return drafting over `svc`, the user's own templates first."""
    return Drafts(svc, user_template_dir())


def drafts(svc: Service = Depends(service)) -> Drafts:
    """FastAPI dependency: drafting over the request's service (the user's own templates too)."""
    return drafts_for(svc)


#: Stands for the moment in a remembered answer; each response puts its own in. Random per
#: process, so no text a user typed can contain it.
NOW_SLOT = f"now-{secrets.token_hex(12)}"


async def memoized(
    request: Request,
    name: str,
    compute: Callable[[Service], tuple[bytes, dt.datetime]],
    now_text: Callable[[dt.datetime, ZoneInfo], str],
) -> list[bytes]:
    """Return `compute(service)` for this state of the data and moment, computed once.

    However many requests ask together, one computes (web/cache.py). `compute` writes NOW_SLOT
    where the moment goes and says until when its answer holds; `now_text(now, zone)` writes
    the moment. Returns the answer in pieces (no copy of a large body per request): join them,
    or send them with `PartsResponse`.
    """
    moment = now(request)
    version = request.app.state.data_version()

    def work() -> tuple[tuple[list[bytes], ZoneInfo], dt.datetime]:
        svc = service_at(request, moment)
        body, until = compute(svc)
        return (body.split(NOW_SLOT.encode()), svc.week().zone), until

    owner = request.app.state.store.owner  # one user's answer is never another's
    pieces, zone = await request.app.state.memo.get(f"{owner}:{name}", version, moment, work)
    text = now_text(moment, zone).encode()
    out = [pieces[0]]
    for piece in pieces[1:]:
        out += [text, piece]
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
