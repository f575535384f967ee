"""Pages rendered once per state of the data (web/cache.py) and sent to every client alike.

A page is remembered under a name that holds everything it is built from besides the data (its
id, the flags of its query string): any write, from this server or the CLI, makes it new, and
so does the moment its builder says it stops being right (an interview starting, a due time
passing). What differs per response is put in as it is sent: the client's CSRF token (the page
is rendered with CSRF_SLOT) and, on Today, the moment (NOW_SLOT, web/deps.py).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import Response
from markupsafe import escape

from followthrough.services import Service
from followthrough.web.deps import memoized
from followthrough.web.templating import flash_of, templates

#: Where a page's CSRF token goes: the page is rendered once, the token set per response.
CSRF_SLOT = f"csrf-{secrets.token_hex(12)}"  # random per process: no user text contains it
#: "Right until the data changes": for pages that show nothing that moves with the clock.
UNTIL_WRITTEN = dt.datetime.max.replace(tzinfo=dt.UTC)

#: What a page's builder returns: the template's variables, and until when they hold.
Built = tuple[dict[str, Any], dt.datetime]


def _no_moment(_now: dt.datetime, _zone: ZoneInfo) -> str:
    return ""


async def remembered(
    request: Request,
    name: str,
    template: str,
    build: Callable[[Service], Built],
    now_text: Callable[[dt.datetime, ZoneInfo], str] = _no_moment,
) -> Response:
    """Return the page `template` with what `build(service)` gives, rendered once for this state
    of the data under `name` (however many clients ask), with this client's CSRF token."""

    flashed = bool(request.query_params.get("changed") or request.query_params.get("undone"))
    if flashed:  # the page says what was just saved or undone (templating.flash_of)
        name += ":flash"

    def compute(svc: Service) -> tuple[bytes, dt.datetime]:
        values, until = build(svc)
        context = {
            "request": request,
            "csrf": CSRF_SLOT,
            "tz": svc.settings()["tz"],
            "page": template.removesuffix(".html"),
            "flash": flash_of(request, svc) if flashed else None,
            **values,
        }
        return templates.get_template(template).render(context).encode(), until

    body = b"".join(await memoized(request, name, compute, now_text))
    token = str(escape(request.state.csrf)).encode()  # plain by construction; escaped anyway
    return Response(body.replace(CSRF_SLOT.encode(), token), media_type="text/html")
