"""One place that turns an error into a status, a JSON body or an error page.

A `FollowthroughError` becomes {"error", "field"} under /api/ and /calendar/, an error page
elsewhere; a malformed request (FastAPI's own validation) gets the same shape, in `ApiRoute`
for the API, so the OpenAPI document can promise one error shape for every route.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from followthrough.domain.errors import BusyError, FollowthroughError, from_os_error
from followthrough.web.templating import error_page

#: Where an API client finds the records an error is about.
API_HINTS = {
    "application": "see GET /api/v1/applications",
    "contact": "see GET /api/v1/contacts",
    "interview": "see GET /api/v1/applications/{id} (its interviews)",
    "action": "see GET /api/v1/today for ids",
    "contact-edit": "change that contact with PATCH /api/v1/contacts/{id}",
}
#: Where a person in the browser finds them.
PAGE_HINTS = {
    "application": "see the Pipeline page",
    "contact": "see the people on an application's page",
    "interview": "see the application's page",
    "action": "see the Today page",
    "contact-edit": "change that contact from its page (Contacts)",
}


class MethodNotAllowedError(FollowthroughError):
    """The address exists, but not with this method."""

    http_status = 405


def _loc_field(loc: Sequence[Any]) -> str:
    """Return the dotted field name of a pydantic error location (without body/query/path)."""
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    # union members add their type as a location step ("str", "list[str]", "FitAnswerIn")
    names = [
        str(p)
        for p in parts
        if not (isinstance(p, str) and re.fullmatch(r"[a-z-]+\[.*\]|str|int|bool|[A-Z]\w*", p))
    ]
    return ".".join(names) or "body"


def validation_error_body(exc: RequestValidationError) -> dict[str, Any]:
    """Return the {"error", "field"} body of FastAPI's validation error, as one line."""
    errors = list(exc.errors())
    if not errors:
        return {"error": "body: the request is malformed", "field": "body"}
    # of the errors about the first field, the deepest: for a union ("text or a list of texts")
    # that is the member the value was closest to
    top = tuple(errors[0].get("loc", ()))[:2]
    first = max(
        (e for e in errors if tuple(e.get("loc", ()))[:2] == top),
        key=lambda e: len(e.get("loc", ())),
    )
    field = _loc_field(first.get("loc", ()))
    kind = first.get("type", "")
    if kind == "json_invalid":
        detail = (first.get("ctx") or {}).get("error", "")
        message = f"body: is not valid JSON ({detail})" if detail else "body: is not valid JSON"
        field = "body"
    elif kind == "missing":
        message = f"{field}: missing; this field is required"
    elif kind == "extra_forbidden":
        message = f"{field}: unknown field; see /api/v1/openapi.json for the fields"
    else:
        message = f"{field}: {first.get('msg', 'is not valid')}"
    return {"error": " ".join(message.split()), "field": field}


def http_error_body(exc: HTTPException) -> dict[str, Any]:
    """Return the {"error"} body of an HTTPException raised by FastAPI itself, as one line."""
    detail = str(exc.detail)
    if "parsing the body" in detail:
        return {"error": "body: could not be read; send JSON in UTF-8", "field": "body"}
    return {"error": " ".join(detail.split())}


async def validation_error_handler(request: Request, exc: Exception) -> Response:
    """Return a malformed request outside the API as an error page (404 for a bad id)."""
    assert isinstance(exc, RequestValidationError)
    body = validation_error_body(exc)
    if not request.url.path.startswith("/api/"):  # a page: a page, like every other error
        missing = body["field"] in ("app_id", "interview_id", "action_id")
        return error_page(request, body["error"], 404 if missing else 422)
    return JSONResponse(body, status_code=422)


async def user_error(request: Request, exc: FollowthroughError) -> Response:
    """Return a user error as JSON under /api/ and /calendar/, as a page elsewhere."""
    response: Response
    if not request.url.path.startswith(("/api/", "/calendar/")):
        response = error_page(request, exc.hinted(PAGE_HINTS), exc.http_status)
    else:
        body: dict[str, Any] = {"error": exc.hinted(API_HINTS)}
        if hasattr(exc, "field"):
            body["field"] = exc.field
        response = JSONResponse(body, status_code=exc.http_status)
    if isinstance(exc, BusyError):  # 503: the database was locked; say when to come back
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


async def machine_error(request: Request, exc: OSError) -> Response:
    """Return a failure of the machine (disk full, no permission) as the user error it means."""
    return await user_error(request, from_os_error(exc))


def install(app: FastAPI) -> None:
    """Register the error handlers of this module on `app`."""
    app.add_exception_handler(FollowthroughError, user_error)  # type: ignore[arg-type]
    app.add_exception_handler(OSError, machine_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, validation_error_handler)


class ApiRoute(APIRoute):
    """A route whose request validation errors come back as {"error", "field"} (422)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """Return the route's handler, answering FastAPI's own errors in the one shape."""
        handler = super().get_route_handler()

        async def route_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as exc:
                return JSONResponse(validation_error_body(exc), status_code=422)
            except HTTPException as exc:  # FastAPI's own: e.g. a body that is not UTF-8
                return JSONResponse(
                    http_error_body(exc), status_code=exc.status_code, headers=exc.headers
                )

        return route_handler


class ErrorOut(BaseModel):
    """Every error: the CLI's one-line message, and the field it is about (when there is one)."""

    error: str = Field(examples=["application 7 not found"])
    field: str | None = Field(default=None, examples=["interest"])


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Bad request (e.g. a Host header not of this machine)"},
    403: {"model": ErrorOut, "description": "Missing or wrong CSRF token, or from another origin"},
    404: {"model": ErrorOut, "description": "No such id"},
    409: {"model": ErrorOut, "description": "Contradicts the current state"},
    413: {"model": ErrorOut, "description": "A request body over 1 MiB (not read)"},
    422: {"model": ErrorOut, "description": "A value is wrong; the message names field and fix"},
}
