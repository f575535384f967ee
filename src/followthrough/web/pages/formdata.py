"""A submitted form: read as text fields, and shown again with its errors.

Each form posts to itself; on a user error the same form comes back with what was typed, the
error next to its field and a summary at the top (HTTP 422), and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from followthrough.domain.errors import ValidationError
from followthrough.services import Service
from followthrough.web.errors import PAGE_HINTS
from followthrough.web.templating import render

#: Core field names (as errors name them) -> the form field that holds the value.
FIELD_OF = {
    "decision-by": "decision_by",
    "follow-up-with": "follow_up_with",
    "direct-contact": "direct",
    "hiring-contact": "hiring_contact",
    "start": "date",
    "referee": "referees",
}


async def form_of(request: Request) -> dict[str, str]:
    """Return the submitted form as text fields (the CSRF token left out)."""
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}


def lines(text: str | None) -> list[str]:
    """Return the non-empty lines of a textarea."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def optional_int(values: Mapping[str, str], name: str, label: str) -> int | None:
    """Return a whole number typed in field `name`, None when left empty."""
    text = values.get(name, "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise ValidationError(name, f"{text!r} is not a whole number we can use; {label}")
    return int(text)


def form_field(core_field: str) -> str:
    """Return the form field that holds what a core error names ("fit.fit_role.score" ->
    "fit_role_score", "decision-by" -> "decision_by")."""
    if core_field.startswith("fit."):
        return core_field.split(".")[1] + "_score"
    return FIELD_OF.get(core_field, core_field.replace("-", "_"))


async def submit(
    request: Request,
    svc: Service,
    template: str,
    work: Callable[[dict[str, str]], str],
    **context: Any,
) -> Response:
    """Run `work` on the submitted form; redirect where it says, or show the form again."""
    values = await form_of(request)
    try:
        target = await run_in_threadpool(work, values)
    except ValidationError as exc:
        name = form_field(exc.field)
        response = render(
            request, template, svc, values=values, errors={name: exc.hinted(PAGE_HINTS)}, **context
        )
        response.status_code = 422
        return response
    return RedirectResponse(target, status_code=303)
