"""/api/v1/interviews: an interview and its debrief."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from followthrough import shapes
from followthrough.domain.errors import NotFoundError
from followthrough.services import Service, interviews
from followthrough.web.deps import service
from followthrough.web.errors import ApiRoute
from followthrough.web.schemas.common import InterviewId
from followthrough.web.schemas.interviews import DebriefIn, DebriefOut, InterviewDetailOut

router = APIRouter(prefix="/interviews", route_class=ApiRoute)


@router.get("/{interview_id}", response_model=InterviewDetailOut)
def show_interview(interview_id: InterviewId, svc: Service = Depends(service)) -> dict[str, Any]:
    """An interview and its debrief (as `interview show --json`)."""
    return shapes.interview_view_json(interviews.show_interview(svc, interview_id))


@router.get("/{interview_id}/debrief", response_model=DebriefOut)
def show_debrief(interview_id: InterviewId, svc: Service = Depends(service)) -> dict[str, Any]:
    """The debrief of an interview (404 while none is written)."""
    found = shapes.interview_view_json(interviews.show_interview(svc, interview_id))["debrief"]
    if found is None:
        raise NotFoundError(
            "debrief of interview", interview_id, "write it with PUT on this address"
        )
    result: dict[str, Any] = found
    return result


@router.put("/{interview_id}/debrief", response_model=DebriefOut)
def save_debrief(
    interview_id: InterviewId, body: DebriefIn, svc: Service = Depends(service)
) -> dict[str, Any]:
    """Write (or replace) the debrief of an interview (as `debrief --from-file`); re-plans."""
    data = body.model_dump(exclude_unset=True, exclude_none=True)
    return shapes.debrief_view_json(interviews.record_debrief(svc, interview_id, data))
