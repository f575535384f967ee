"""Today: overdue, due today, next 7 days (remembered between writes, web/cache.py)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from followthrough.services import Service, agenda, doctor
from followthrough.web.deps import NOW_SLOT
from followthrough.web.pages.remembered import CSRF_SLOT, Built, remembered
from followthrough.web.templating import when

__all__ = ["CSRF_SLOT", "TODAY_LIMIT", "router"]

#: Actions shown per group of Today before "show all" (nobody reads 600 overdue items at once).
TODAY_LIMIT = 50

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def today_page(request: Request, show: str = "") -> Response:
    """Today: overdue, due today, next 7 days (the first TODAY_LIMIT of each; ?show=all)."""
    everything = show == "all"

    def build(svc: Service) -> Built:
        found, until = agenda.today_until(svc)
        values = {
            "agenda": found,
            "doctor": doctor.doctor(svc),  # right until midnight at the latest, as the agenda
            "now_text": NOW_SLOT,
            "limit": None if everything else TODAY_LIMIT,
        }
        return values, until

    def now_text(now: dt.datetime, zone: ZoneInfo) -> str:
        return when(now.astimezone(zone).isoformat(), with_date=True)

    return await remembered(request, f"today-page:{everything}", "today.html", build, now_text)
