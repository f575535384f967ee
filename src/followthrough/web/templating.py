"""The Jinja2 templates of the pages (autoescape on) and how a page or an error is rendered."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from followthrough.drafts.context import ACTION_DRAFT
from followthrough.services import Service, history

templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))


def when(value: str | None, with_date: bool = False) -> str:
    """Return an ISO time as 'Tue 24 Nov 10:00' (in the offset it carries: the user's zone)."""
    if not value:
        return "—"
    moment = dt.datetime.fromisoformat(value)
    return moment.strftime("%a %d %b %Y, %H:%M" if with_date else "%a %d %b %H:%M")


#: A command the CLI user would type, in brackets: the page has its own controls for it.
_CLI_HINT = re.compile(r" ?\(`followthrough [^`]*`\)")


def for_the_page(text: str | None) -> str:
    """Return a service's advice without its command-line hints ("mark it attached
    (`followthrough draft 3 --attached`)" -> "mark it attached": the page has a checkbox)."""
    return _CLI_HINT.sub("", text or "")


templates.env.filters["when"] = when
templates.env.filters["for_the_page"] = for_the_page
templates.env.auto_reload = False  # packaged templates do not change under a running server
templates.env.globals["has_draft"] = frozenset(ACTION_DRAFT)


def flash_of(request: Request, svc: Service) -> dict[str, Any] | None:
    """Return what the page says about the change just made (`?changed=1`: what was saved, with
    Undo) or just undone (`?undone=1`), or None."""
    if request.query_params.get("changed"):
        found, _ = history.history(svc, None, 1)
        if found and found[0].undoable and found[0].undone_by is None:
            return {"text": f"Saved: {found[0].summary}", "undo": True, "event": found[0].id}
    if request.query_params.get("undone"):
        found, _ = history.history(svc, None, 1)
        if found and found[0].kind == "undo":
            return {"text": found[0].summary, "undo": False}
    return None


def render(request: Request, name: str, svc: Service, **context: Any) -> HTMLResponse:
    """Return a page with what every page needs (CSRF token, zone, the flash of a change)."""
    context.setdefault("page", name.removesuffix(".html"))
    context.setdefault("flash", flash_of(request, svc))
    return templates.TemplateResponse(
        request, name, {"csrf": request.state.csrf, "tz": svc.settings()["tz"], **context}
    )


def back(request: Request, fallback: str) -> RedirectResponse:
    """Return a redirect to the page the request came from (on this site), else `fallback`."""
    referer = request.headers.get("referer", "")
    # only ever redirect within this site
    target = fallback
    if referer.startswith(str(request.base_url)):
        path = "/" + referer[len(str(request.base_url)) :]
        if not path.startswith(("//", "/\\")):  # "//evil.example" is another site
            target = path
    return RedirectResponse(target, status_code=303)


def error_page(request: Request, message: str, status: int) -> HTMLResponse:
    """Return a user error as a page (the API answers the same error as JSON)."""
    csrf = getattr(request.state, "csrf", "")
    response = templates.TemplateResponse(
        request,
        "error.html",
        {"csrf": csrf, "tz": None, "page": "error", "message": message, "status": status},
        status_code=status,
    )
    return response
