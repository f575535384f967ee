"""What a client asks first: the CSRF token and today's agenda."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request, Response

from followthrough import shapes
from followthrough.services import Service, agenda
from followthrough.web.deps import NOW_SLOT, PartsResponse, memoized
from followthrough.web.errors import ApiRoute
from followthrough.web.schemas.actions import TodayOut
from followthrough.web.schemas.settings import CsrfOut

router = APIRouter(route_class=ApiRoute)


@router.get("/csrf", response_model=CsrfOut)
def csrf(request: Request) -> dict[str, str]:
    """Return the CSRF token to send as X-CSRF-Token on every POST (the cookie is set too)."""
    return {"token": request.state.csrf}


@router.get("/today", response_model=TodayOut)
async def today(request: Request) -> Response:
    """What is overdue, due today and in the next 7 days (as `followthrough today --json`)."""

    def compute(svc: Service) -> tuple[bytes, dt.datetime]:
        # the same JSON as the CLI's; the response model documents it (checked in the tests)
        payload, until = agenda.today_until(svc)
        payload["now"] = NOW_SLOT
        return json.dumps(payload, ensure_ascii=False).encode(), until

    def now_text(now: dt.datetime, zone: ZoneInfo) -> str:
        return shapes.iso(now, zone) or ""  # an aware instant always has a text

    parts = await memoized(request, "api-today", compute, now_text)
    return PartsResponse(parts, "application/json")
