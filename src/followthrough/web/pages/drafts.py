"""The draft editor: the text, its findings, copy / mailto / .eml."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup, escape

from followthrough import shapes
from followthrough.drafts.message import draft_message
from followthrough.drafts.render import user_template_dir
from followthrough.services import Service, actions
from followthrough.services.drafts import Drafts
from followthrough.web.deps import PageId, drafts_for, service
from followthrough.web.pages.remembered import Built, remembered
from followthrough.web.templating import render

#: How long a draft page that is due already is remembered: its guards judge a message sent
#: now (working hours, days since the last message), which can change with every minute.
DRAFT_FRESH = dt.timedelta(minutes=1)

router = APIRouter(include_in_schema=False)


def marked(text: str, findings: list[dict[str, Any]]) -> Markup:
    """Return `text` escaped, with each finding's span wrapped in <mark> (its message as title)."""
    spans = sorted(
        (f for f in findings if f["end"] > f["start"]), key=lambda f: (f["start"], -f["end"])
    )
    out: list[str] = []
    at = 0
    for f in spans:
        if f["start"] < at:
            continue  # overlapping spans: the first one wins
        out.append(str(escape(text[at : f["start"]])))
        out.append(
            f'<mark class="{escape(f["severity"])}" title="{escape(f["rule"])}: '
            f'{escape(f["message"])}">{escape(text[f["start"] : f["end"]])}</mark>'
        )
        at = f["end"]
    out.append(str(escape(text[at:])))
    return Markup("".join(out))  # noqa: S704  (every piece above is escaped)


def _mailto(draft: dict[str, Any]) -> str | None:
    r = draft.get("recipient")
    if draft["channel"] != "email" or not r or not r.get("email"):
        return None
    query = urlencode({"subject": draft["subject"], "body": draft["body"]}, quote_via=quote)
    return f"mailto:{quote(r['email'], safe='@')}?{query}"


def _templates_stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Return the name, size and modification time of every file under the user's template
    folder (two levels: kind/file), so that a template edited there makes a new page."""
    found: list[tuple[str, int, int]] = []
    with contextlib.suppress(OSError):
        for kind in os.scandir(folder):
            if kind.is_dir():
                for f in os.scandir(kind.path):
                    info = f.stat()
                    found.append((f.path, info.st_size, info.st_mtime_ns))
    return tuple(sorted(found))


@router.get("/actions/{action_id}/draft", response_class=HTMLResponse)
async def draft_page(
    request: Request,
    action_id: PageId,
    template: int = 0,
    link: str | None = Query(default=None, max_length=2000),
    note: str | None = Query(default=None, max_length=300),
    attached: bool = False,
) -> Response:
    """The draft editor: the text, its findings, copy / mailto / .eml (remembered between
    writes and template edits, until the action is due; after that for DRAFT_FRESH, as the
    guards judge a message sent now)."""
    user_dir = user_template_dir()

    def build(svc: Service) -> Built:
        drafts = Drafts(svc, user_dir)
        draft = drafts.draft(action_id, extras=extras)
        if template:  # the packaged wording, even when the user has edited it
            draft = drafts.draft(action_id, as_kind=draft["kind"], extras=extras)
        action = shapes.action_view_json(actions.show_action(svc, action_id), with_warnings=False)
        due = dt.datetime.fromisoformat(action["due"])
        values = {
            "page": "draft",
            "action": action,
            "draft": draft,
            "findings": draft["findings"],
            "words": draft["words"],
            "marked": marked(draft["body"], draft["findings"]),
            "mailto": _mailto(draft),
            "extras": extras,
        }
        return values, due if due > svc.now else svc.now + DRAFT_FRESH

    extras = {"link": link, "note": note, "attached": attached}
    stamp = hash((_templates_stamp(user_dir), link, note, attached))
    name = f"draft:{action_id}:{bool(template):d}:{stamp}"
    return await remembered(request, name, "draft.html", build)


@router.post("/actions/{action_id}/draft/check", response_class=HTMLResponse)
def draft_check(
    request: Request, action_id: PageId, body: str = Form(""), svc: Service = Depends(service)
) -> HTMLResponse:
    """Re-check the text being typed (htmx): the findings panel only."""
    action = shapes.action_view_json(actions.show_action(svc, action_id), with_warnings=False)
    drafts = drafts_for(svc)
    kind = drafts.draft(action_id)["kind"]
    result = drafts.lint(body, kind, action["application_id"])
    return render(
        request,
        "partials/findings.html",
        svc,
        findings=result["findings"],
        words=result["words"],
        marked=marked(body, result["findings"]),
        text=body,
    )


@router.post("/actions/{action_id}/draft")
def draft_save(
    request: Request,
    action_id: PageId,
    body: str = Form(...),
    subject: str = Form(""),
    svc: Service = Depends(service),
) -> Response:
    """Keep the user's own version of the draft."""
    drafts_for(svc).save(action_id, subject, body)
    return RedirectResponse(f"/actions/{action_id}/draft", status_code=303)


@router.get("/actions/{action_id}/draft.eml")
def draft_eml(action_id: PageId, svc: Service = Depends(service)) -> Response:
    """The draft as an e-mail file for the user's mail program."""
    message = draft_message(drafts_for(svc).draft(action_id))
    return Response(
        message.as_bytes(),
        media_type="message/rfc822",
        headers={"content-disposition": f'attachment; filename="draft-{action_id}.eml"'},
    )
