"""/api/v1: the draft of an action, and the checker on any text."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from followthrough.drafts.context import DRAFT_KINDS
from followthrough.services.drafts import Drafts
from followthrough.web.deps import drafts
from followthrough.web.errors import ApiRoute
from followthrough.web.schemas.common import ActionId
from followthrough.web.schemas.drafts import DraftIn, DraftOut, LintIn, LintOut

router = APIRouter(route_class=ApiRoute)


@router.get("/actions/{action_id}/draft", response_model=DraftOut)
def get_draft(
    action_id: ActionId,
    as_kind: str | None = Query(
        default=None,
        alias="as",
        description="Render another kind (e.g. value-add for a check-in)",
        json_schema_extra={"enum": list(DRAFT_KINDS)},
    ),
    link: str | None = Query(
        default=None, max_length=2000, description="What a value-add shares (https://...)"
    ),
    note: str | None = Query(default=None, max_length=300, description="What the link is"),
    attached: bool = Query(default=False, description="What was promised is attached"),
    writer: Drafts = Depends(drafts),
) -> dict[str, Any]:
    """The draft of an action with the checker's findings (as `draft --json`)."""
    extras = {"link": link, "note": note, "attached": attached}
    return _public(writer.draft(action_id, as_kind, extras))


@router.put("/actions/{action_id}/draft", response_model=DraftOut)
def save_draft(
    action_id: ActionId, body: DraftIn, writer: Drafts = Depends(drafts)
) -> dict[str, Any]:
    """Keep your own text for an action's draft (as `draft --edit`); returns it checked."""
    return _public(writer.save(action_id, body.subject, body.body))


def _public(result: dict[str, Any]) -> dict[str, Any]:
    return {k: result[k] for k in DraftOut.model_fields if k in result}


@router.post("/lint", response_model=LintOut)
def lint(body: LintIn, writer: Drafts = Depends(drafts)) -> dict[str, Any]:
    """Check any text as a draft (as `lint --json`): findings with rule, severity and span."""
    return writer.lint(body.text, body.kind, body.application_id)
