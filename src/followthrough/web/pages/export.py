"""Files for other programs: the calendar feed and the downloads of your data."""

from __future__ import annotations

import hashlib
import hmac

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from followthrough.domain.errors import NotFoundError
from followthrough.services import Service, agenda
from followthrough.services.data import FORMATS as EXPORT_FORMATS
from followthrough.services.data import export_bytes
from followthrough.web.deps import service

router = APIRouter(include_in_schema=False)


@router.get("/calendar/{token}.ics")
def calendar_feed(request: Request, token: str, todo: bool = False,
                  svc: Service = Depends(service)) -> Response:
    """Every open action as a calendar a calendar app can subscribe to (the token is the
    password: rotate it on Settings)."""
    expected = svc.settings().get("calendar_token") or ""
    if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        raise NotFoundError(
            "calendar feed", "at this address", "copy the current one from Settings"
        )
    body = agenda.calendar(svc, todo=todo)
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"etag": etag, "cache-control": "private, max-age=300"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)


@router.get("/export/followthrough.{fmt}")
def download(fmt: str, todo: bool = False, svc: Service = Depends(service)) -> Response:
    """Your data as a file: csv / xlsx (applications), json (the full backup), ics (the plan)."""
    body = export_bytes(svc, fmt, todo=todo)  # a wrong format is a one-line 400/422 page
    stamp = svc.now.astimezone(svc.week().zone).strftime("%Y-%m-%d")
    return Response(
        body,
        media_type=EXPORT_FORMATS[fmt][0],
        headers={
            "content-disposition": f'attachment; filename="followthrough-{stamp}.{fmt}"',
            "cache-control": "no-store",
        },
    )
