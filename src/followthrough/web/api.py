"""The JSON API under /api/v1: the same operations as the CLI, the same JSON shapes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from followthrough.services import Service
from followthrough.web.app import service

router = APIRouter(prefix="/api/v1", tags=["api"])


@router.get("/csrf")
def csrf(request: Request) -> dict[str, str]:
    """Return the CSRF token to send as X-CSRF-Token on every POST (the cookie is set too)."""
    return {"token": request.state.csrf}


@router.get("/today")
def today(svc: Service = Depends(service)) -> dict[str, Any]:
    """Overdue, due today and the next 7 days (as `followthrough today --json`)."""
    return svc.today()


@router.get("/applications/{app_id}/plan")
def plan(app_id: int, svc: Service = Depends(service)) -> list[dict[str, Any]]:
    """The full dated plan of an application (as `followthrough plan APP --json`)."""
    return svc.plan(app_id)
