"""Mail in the browser: Send on the draft editor (with the guards' warnings and an override
reason), the Outbox, the Inbox of proposals, and the Mail page (the account, Test, Sync)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from followthrough import shapes
from followthrough.domain.parse import parse_moment
from followthrough.services import Service, actions
from followthrough.services import inbox as inbox_
from followthrough.services import mail as mail_
from followthrough.services import outbox as outbox_
from followthrough.services.outbox import GuardWarning
from followthrough.web.deps import PageId, service
from followthrough.web.templating import render

router = APIRouter(include_in_schema=False)

#: The Mail page's fields: setting key -> (label, hint).
FIELDS = {
    "mail_from": ("Your name and address", "Alex Doe <alex@example.org>"),
    "mail_smtp_host": ("SMTP server", "filled in for known providers"),
    "mail_smtp_port": ("SMTP port", "587 (STARTTLS) or 465 (TLS)"),
    "mail_smtp_security": ("SMTP security", "starttls, tls or none"),
    "mail_smtp_user": ("SMTP login", "usually your address"),
    "mail_imap_host": ("IMAP server", "to read replies (optional)"),
    "mail_imap_port": ("IMAP port", "993 (TLS) or 143"),
    "mail_imap_security": ("IMAP security", "tls, starttls or none"),
    "mail_imap_user": ("IMAP login", "usually your address"),
    "mail_sent_folder": ("Sent folder", "the one flagged Sent when empty"),
    "mail_also_me": ("Your other addresses", "comma-separated"),
    "mail_sent_copy": ("Copy what you send to Sent", "auto, yes or no"),
}


@router.post("/actions/{action_id}/send")
def send(
    request: Request,
    action_id: PageId,
    override: str | None = Form(None),
    svc: Service = Depends(service),
) -> Response:
    """Send the draft (after the guards); a warning shows the page again, asking why."""
    try:
        queued = mail_.send(svc, action_id, override or None)
    except GuardWarning as exc:
        action = shapes.action_view_json(actions.show_action(svc, action_id), with_warnings=False)
        page = render(request, "send_warn.html", svc, page="draft", action=action,
                      warnings=exc.warnings)  # fmt: skip
        page.status_code = 409
        return page
    return RedirectResponse(f"/outbox?sent={queued.row['id']}", status_code=303)


@router.get("/outbox", response_class=HTMLResponse)
def outbox_page(request: Request, svc: Service = Depends(service)) -> Response:
    """Every message sent or to send, newest first, with what to do about one in doubt."""
    rows, zone = outbox_.listing(svc)
    items = [outbox_.outbox_json(r, zone) for r in reversed(rows)]
    sent = request.query_params.get("sent", "")
    return render(request, "outbox.html", svc, page="mail", items=items, sent=sent)


@router.post("/outbox/flush")
def outbox_flush(svc: Service = Depends(service)) -> Response:
    """Send what waits."""
    mail_.flush(svc)
    return RedirectResponse("/outbox", status_code=303)


@router.post("/outbox/{outbox_id}/resolve")
def outbox_resolve(
    outbox_id: PageId, sent: str = Form(...), svc: Service = Depends(service)
) -> Response:
    """Settle a message in doubt: it went, or it did not."""
    outbox_.resolve(svc, outbox_id, sent == "yes")
    return RedirectResponse("/outbox", status_code=303)


@router.get("/inbox", response_class=HTMLResponse)
def inbox_page(request: Request, svc: Service = Depends(service)) -> Response:
    """Status changes found in mail, to accept or dismiss."""
    every = request.query_params.get("all") == "1"
    items, _zone = inbox_.pending(svc, every)
    return render(request, "inbox.html", svc, page="inbox", items=items, every=every)


@router.post("/inbox/{proposal_id}/accept")
def inbox_accept(
    proposal_id: PageId, at: str | None = Form(None), svc: Service = Depends(service)
) -> Response:
    """Do what a proposal says (an interview at the time given, if corrected)."""
    start = None
    if at:
        start = parse_moment(at.replace("T", " "), svc.now, svc.week().zone, "at", dt.time(9))
    inbox_.accept(svc, proposal_id, start)
    return RedirectResponse("/inbox", status_code=303)


@router.post("/inbox/{proposal_id}/dismiss")
def inbox_dismiss(proposal_id: PageId, svc: Service = Depends(service)) -> Response:
    """Put a proposal aside."""
    inbox_.dismiss(svc, proposal_id)
    return RedirectResponse("/inbox", status_code=303)


def _mail_page(request: Request, svc: Service, **extra: Any) -> HTMLResponse:
    values = mail_.mail_settings(svc)
    return render(request, "mail.html", svc, page="mail", fields=FIELDS, values=values, **extra)


@router.get("/mail", response_class=HTMLResponse)
def mail_page(request: Request, svc: Service = Depends(service)) -> Response:
    """The mail account, with Test and Sync."""
    return _mail_page(request, svc)


@router.post("/mail/settings")
async def mail_save(request: Request, svc: Service = Depends(service)) -> Response:
    """Keep the account's settings (a known provider's servers filled in)."""
    form = await request.form()
    given = {k: str(form[k]).strip() for k in FIELDS if k in form}
    mail_.setup(svc, given)
    return RedirectResponse("/mail", status_code=303)


@router.post("/mail/test", response_class=HTMLResponse)
def mail_test(request: Request, svc: Service = Depends(service)) -> Response:
    """Connect to SMTP and IMAP and show what works."""
    return _mail_page(request, svc, checks=mail_.check_account(svc))


@router.post("/mail/sync", response_class=HTMLResponse)
def mail_sync(request: Request, svc: Service = Depends(service)) -> Response:
    """Read new mail now."""
    found = mail_.sync(svc)
    return _mail_page(request, svc, synced=found.report.as_json())
