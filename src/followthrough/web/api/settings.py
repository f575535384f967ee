"""/api/v1/settings: the settings and the calendar feed's address."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from followthrough.services import Service, settings
from followthrough.web.api.inputs import zone_name
from followthrough.web.deps import service
from followthrough.web.errors import ApiRoute
from followthrough.web.schemas.settings import CalendarFeedOut, SettingsIn

router = APIRouter(prefix="/settings", route_class=ApiRoute)


def _settings_out(values: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in values.items() if k != "calendar_token"}


@router.get("", response_model=dict[str, str])
def get_settings(svc: Service = Depends(service)) -> dict[str, str]:
    """Your effective settings (as `settings --json`)."""
    return _settings_out(svc.settings())


@router.patch("", response_model=dict[str, str])
def patch_settings(body: SettingsIn, svc: Service = Depends(service)) -> dict[str, str]:
    """Change settings (as `settings KEY VALUE`); re-plans everything."""
    values = {k: str(v) for k, v in body.model_dump(exclude_none=True).items()}
    if "tz" in values:
        zone_name(values["tz"])
    return _settings_out(settings.update_settings(svc, values) if values else svc.settings())


@router.get("/calendar-feed", response_model=CalendarFeedOut)
def calendar_feed(svc: Service = Depends(service)) -> dict[str, str]:
    """The calendar feed's address (made on first use)."""
    return {"path": f"/calendar/{settings.calendar_token(svc)}.ics"}


@router.post("/calendar-feed", response_model=CalendarFeedOut)
def rotate_calendar_feed(svc: Service = Depends(service)) -> dict[str, str]:
    """A new address for the calendar feed; the old one stops working."""
    return {"path": f"/calendar/{settings.rotate_calendar_token(svc)}.ics"}
