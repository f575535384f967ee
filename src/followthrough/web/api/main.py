"""The JSON API under /api/v1: one router per resource, assembled here.

Each route is thin: it turns the request into the arguments the CLI would pass, calls the same
use case (a function of a `followthrough.services` module, or `Drafts`), and returns the same
JSON (its `followthrough.shapes` function). Errors are the CLI's one-line messages
(web/errors.py). Every route carries the one tag "api" and the documented error responses,
set once here: the published OpenAPI document does not change with the split.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.routing import APIRoute

from followthrough.domain.errors import NotFoundError
from followthrough.web.api import (
    actions,
    applications,
    contacts,
    drafts,
    edits,
    insights,
    interviews,
    mail,
    settings,
    today,
)
from followthrough.web.errors import ERRORS, ApiRoute, MethodNotAllowedError

PREFIX = "/api/v1"
#: In the order of the OpenAPI document; no two of them share an address, so the order of
#: inclusion decides nothing else.
RESOURCES = [
    today, applications, contacts, interviews, actions, drafts, insights, settings, edits, mail,
]  # fmt: skip

router = APIRouter(prefix=PREFIX, tags=["api"], route_class=ApiRoute, responses=ERRORS)
for resource in RESOURCES:
    router.include_router(resource.router)


@router.api_route(
    "/{rest:path}",
    methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
    include_in_schema=False,
)
def no_route(rest: str, request: Request) -> None:
    """An address or method the API does not have: the same error shape as everything else."""
    allowed: set[str] = set()
    path = f"/{rest}"
    for resource in RESOURCES:
        for route in resource.router.routes:
            if isinstance(route, APIRoute) and route.path_regex.match(path):
                allowed |= route.methods or set()
    if allowed:
        raise MethodNotAllowedError(
            f"method: {request.method} is not allowed on {PREFIX}{path}; "
            f"use {', '.join(sorted(allowed))}"
        )
    raise NotFoundError("route", f"{PREFIX}{path}", "see /api/v1/openapi.json")
