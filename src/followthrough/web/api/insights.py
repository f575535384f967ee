"""/api/v1/insights: where the search stands."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from followthrough.services import Service, insights
from followthrough.web.deps import service
from followthrough.web.errors import ApiRoute
from followthrough.web.schemas.insights import InsightsOut

router = APIRouter(prefix="/insights", route_class=ApiRoute)


@router.get("", response_model=InsightsOut)
def get_insights(
    weeks: int = Query(default=12, ge=1, le=104, description="Weeks of activity to show"),
    svc: Service = Depends(service),
) -> dict[str, Any]:
    """The funnel, follow-ups on time / late / missed, reply rates, weekly activity and the
    questions you keep struggling with (as `insights --json`)."""
    return insights.insights(svc, weeks).as_json()
