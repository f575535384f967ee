"""The server-rendered pages (Jinja2, autoescape on): one router per resource, assembled here.

htmx makes them instant, not required. No two of these routers share an address (a test checks
it), so the order they are included in decides nothing.
"""

from __future__ import annotations

from fastapi import APIRouter

from followthrough.web.pages import (
    actions,
    applications,
    drafts,
    edits,
    export,
    insights,
    interviews,
    mail,
    pipeline,
    settings,
    today,
)

RESOURCES = [
    today, actions, pipeline, applications, interviews, export, insights, drafts, settings, edits,
    mail,
]  # fmt: skip

router = APIRouter(include_in_schema=False)
for resource in RESOURCES:
    router.include_router(resource.router)
