"""Today: overdue, due today, next 7 days (remembered between writes, web/cache.py)."""

from __future__ import annotations

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import escape

from followthrough.services import Service, agenda
from followthrough.web.deps import NOW_SLOT, memoized
from followthrough.web.templating import templates, when

#: Actions shown per group of Today before "show all" (nobody reads 600 overdue items at once).
TODAY_LIMIT = 50
#: Where the page's CSRF token goes: the page is rendered once, the token set per response.
CSRF_SLOT = f"csrf-{secrets.token_hex(12)}"  # random per process: no user text contains it

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def today_page(request: Request, show: str = "") -> Response:
    """Today: overdue, due today, next 7 days (the first TODAY_LIMIT of each; ?show=all)."""
    everything = show == "all"

    def compute(svc: Service) -> tuple[bytes, dt.datetime]:
        found, until = agenda.today_until(svc)
        context = {
            "request": request,
            "csrf": CSRF_SLOT,
            "tz": svc.settings()["tz"],
            "page": "today",
            "agenda": found,
            "now_text": NOW_SLOT,
            "limit": None if everything else TODAY_LIMIT,
        }
        return templates.get_template("today.html").render(context).encode(), until

    def now_text(now: dt.datetime, zone: ZoneInfo) -> str:
        return when(now.astimezone(zone).isoformat(), with_date=True)

    body = b"".join(await memoized(request, f"today-page:{everything}", compute, now_text))
    token = str(escape(request.state.csrf)).encode()  # plain by construction; escaped anyway
    return Response(body.replace(CSRF_SLOT.encode(), token), media_type="text/html")
