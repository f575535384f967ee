"""Settings: zone, country, working hours, the policies, the calendar feed's address."""

from __future__ import annotations

import functools
from typing import Any
from zoneinfo import available_timezones

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from followthrough import shapes
from followthrough.services import SETTING_KEYS, Service, settings
from followthrough.web.deps import service
from followthrough.web.pages.formdata import submit
from followthrough.web.pages.remembered import UNTIL_WRITTEN, Built, remembered

TEXT_SETTINGS = [k for k in SETTING_KEYS if k != "calendar_token"]


router = APIRouter(include_in_schema=False)


@functools.cache
def zones() -> list[str]:
    """Return the names of every time zone, sorted (read from disk once: some 600 files)."""
    return sorted(available_timezones())


def _settings_context(request: Request, svc: Service) -> dict[str, Any]:
    token = settings.calendar_token(svc)
    return {
        "page": "settings",
        "policies": [shapes.policy_json(p) for p in settings.policies(svc)],
        "sources": svc.playbook.sources,
        "zones": zones(),
        "feed": f"{str(request.base_url).rstrip('/')}/calendar/{token}.ics",
    }


@router.get("/settings", response_class=HTMLResponse)
async def settings_page(request: Request) -> Response:
    """Zone, country, working hours and the policies (with the sources behind each choice);
    remembered between writes, per address the server was reached at (the feed's)."""
    saved = bool(request.query_params.get("saved"))
    rotated = bool(request.query_params.get("rotated"))

    def build(svc: Service) -> Built:
        values = {k: v for k, v in svc.settings().items() if k in TEXT_SETTINGS}
        context = _settings_context(request, svc)
        return {**context, "values": values, "errors": {}, "saved": saved, "rotated": rotated}, (
            UNTIL_WRITTEN
        )

    name = f"settings:{request.base_url}:{saved:d}{rotated:d}"
    return await remembered(request, name, "settings.html", build)


@router.post("/settings")
async def save_settings(request: Request, svc: Service = Depends(service)) -> Response:
    """Save what changed (re-plans everything when something did)."""
    context = await run_in_threadpool(_settings_context, request, svc)
    current = await run_in_threadpool(svc.settings)

    def work(v: dict[str, str]) -> str:
        changed = {
            k: v[k].strip() for k in TEXT_SETTINGS if k in v and v[k].strip() != current.get(k, "")
        }
        if changed:
            settings.update_settings(svc, changed)
        return "/settings?saved=1"

    return await submit(request, svc, "settings.html", work, **context)


@router.post("/settings/calendar-token")
def rotate_token(svc: Service = Depends(service)) -> Response:
    """A new secret address for the calendar feed; the old one stops working."""
    settings.rotate_calendar_token(svc)
    return RedirectResponse("/settings?rotated=1#calendar", status_code=303)
