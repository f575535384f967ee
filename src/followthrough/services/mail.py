"""Mail use cases (PRODUCT.md §4.3): set the account up and test it, send an action's draft
through the outbox, sync the mailbox, import an exported one, and the daily digest."""

from __future__ import annotations

import datetime as dt
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from followthrough.domain.errors import ValidationError
from followthrough.domain.mail_settings import MAIL_KEYS, filled
from followthrough.services import outbox
from followthrough.services.context import Context
from followthrough.services.mail_read import ReadReport, Whole, full_read, read_messages

#: How far back the first sync of a folder reads.
FIRST_SYNC = dt.timedelta(days=60)


def mail_settings(ctx: Context) -> dict[str, str]:
    """Return the stored mail settings (no password: those are never stored)."""
    with full_read(ctx) as uow:
        return {k: v for k, v in uow.settings.items() if k in MAIL_KEYS}


def setup(ctx: Context, given: Mapping[str, str]) -> dict[str, str]:
    """Store the mail account's settings (a known provider's hosts filled in); return them."""
    current = mail_settings(ctx)
    values = filled({k: v for k, v in given.items() if v is not None}, current)
    with ctx.write() as uow:
        uow.repo.save_settings(uow.conn, values)
        uow.describe("mail-setup", f"Mail account: {values['mail_from']}")
    return values


def _need(settings: Mapping[str, str], key: str) -> str:
    value = settings.get(key, "")
    if not value:
        raise ValidationError(
            MAIL_KEYS[key],
            "mail is not set up; run `followthrough mail setup --from 'NAME <ADDR>' ...` first",
        )
    return value


def sender(settings: Mapping[str, str]) -> tuple[str, str]:
    """Return the user's (name, address) for the From header."""
    from email.utils import parseaddr

    name, address = parseaddr(_need(settings, "mail_from"))
    return name, address


def smtp_account(settings: Mapping[str, str], context: ssl.SSLContext | None = None) -> Any:
    """Return the SMTP account of the settings, its password from the keyring or the
    environment."""
    from followthrough.mail.passwords import password, where
    from followthrough.mail.smtp import SmtpAccount

    user = settings.get("mail_smtp_user") or None
    secret = password("smtp", user) if user else None
    if user and not secret:
        raise ValidationError("password", f"no SMTP password for {user}; {where('smtp')}")
    return SmtpAccount(
        _need(settings, "mail_smtp_host"),
        int(settings["mail_smtp_port"]),
        settings.get("mail_smtp_security", "starttls"),
        user,
        secret,
        context,
    )


def imap_account(settings: Mapping[str, str], context: ssl.SSLContext | None = None) -> Any:
    """Return the IMAP account of the settings, or raise when IMAP is not set up."""
    from followthrough.mail.imap import ImapAccount
    from followthrough.mail.passwords import password, where

    host = settings.get("mail_imap_host")
    if not host:
        raise ValidationError("--imap-host", "IMAP is not set up; add --imap-host to mail setup")
    user = settings.get("mail_imap_user") or ""
    secret = password("imap", user) or ""
    if not secret:
        raise ValidationError("password", f"no IMAP password for {user}; {where('imap')}")
    return ImapAccount(
        host,
        int(settings.get("mail_imap_port") or 993),
        settings.get("mail_imap_security", "tls"),
        user,
        secret,
        context,
    )


@dataclass(frozen=True)
class Check:
    """One line of `mail test`."""

    check: str
    ok: bool
    detail: str


def check_account(ctx: Context, context: ssl.SSLContext | None = None) -> list[Check]:
    """Connect to the SMTP server, and to IMAP with its INBOX and Sent folder; return what
    worked and, in one line each, what did not."""
    from followthrough.mail import imap, smtp

    settings = mail_settings(ctx)
    found: list[Check] = []
    try:
        account = smtp_account(settings, context)
        conn = smtp.connect(account)
        conn.quit()
        found.append(Check("smtp", True, f"{account.host}:{account.port} accepted the login"))
    except ValidationError as exc:
        found.append(Check("smtp", False, str(exc)))
    except Exception as exc:
        found.append(Check("smtp", False, smtp.explain(exc, account)))
    if not settings.get("mail_imap_host"):
        found.append(Check("imap", True, "not set up (optional: sync needs it)"))
        return found
    try:
        iaccount = imap_account(settings, context)
        client = imap.connect(iaccount)
    except ValidationError as exc:
        found.append(Check("imap", False, str(exc)))
        return found
    except Exception as exc:
        found.append(Check("imap", False, imap.explain(exc, iaccount)))
        return found
    try:
        found.append(Check("imap", True, f"{iaccount.host}:{iaccount.port} accepted the login"))
        folder = imap.sent_folder(client, settings.get("mail_sent_folder"))
        if folder is None:
            want = settings.get("mail_sent_folder") or "Sent"
            found.append(
                Check(
                    "sent-folder",
                    False,
                    f"folder: no folder {want!r} and none marked as Sent; check --sent-folder",
                )
            )
        else:
            client.select_folder(folder, readonly=True)
            found.append(Check("sent-folder", True, f"{folder!r} is readable"))
    except Exception as exc:
        found.append(Check("sent-folder", False, imap.explain(exc, iaccount, "Sent")))
    finally:
        imap._logout(client)
    return found


def send(
    ctx: Context, action_id: int, override: str | None, context: ssl.SSLContext | None = None
) -> outbox.Queued:
    """Queue an action's draft (after the guards) and deliver it; return the message."""
    settings = mail_settings(ctx)
    account = smtp_account(settings, context)
    queued = outbox.queue_action(ctx, action_id, override, sender(settings))
    if queued.row["state"] == "queued":
        delivered = flush(ctx, [queued.row["id"]], context, account)
        if delivered:
            return outbox.Queued(delivered[0], queued.warnings, queued.existing)
    return queued


def flush(
    ctx: Context,
    ids: list[int] | None = None,
    context: ssl.SSLContext | None = None,
    account: Any = None,
) -> list[Any]:
    """Deliver the outbox's due messages; copy each sent one into the Sent folder when IMAP is
    set up and the provider does not file it itself. Return the messages tried."""
    from followthrough.mail import smtp

    settings = mail_settings(ctx)
    account = account or smtp_account(settings, context)
    address = sender(settings)[1]
    done = outbox.flush(ctx, lambda to, raw: smtp.deliver(account, address, to, raw), ids)
    sent = [r for r in done if r["state"] == "sent"]
    if sent and settings.get("mail_imap_host") and settings.get("mail_sent_copy") != "no":
        _copy_to_sent(ctx, settings, sent, context)
    return done


def flush_due(ctx: Context) -> list[Any]:
    """Flush the outbox when mail is set up and something is due (the web app's background
    round); return the messages tried."""
    settings = mail_settings(ctx)
    if not settings.get("mail_smtp_host"):
        return []
    with full_read(ctx) as uow:
        due = [r for r in uow.repo.outbox(uow.conn, states=["queued", "sending"])
               if r["next_attempt_at"] is None or r["next_attempt_at"] <= uow.now]  # fmt: skip
    return flush(ctx) if due else []


def _copy_to_sent(
    ctx: Context, settings: Mapping[str, str], rows: list[Any], context: ssl.SSLContext | None
) -> None:
    """File copies in the Sent folder (best effort: the message is sent whatever happens)."""
    from followthrough.mail import imap

    try:
        client = imap.connect(imap_account(settings, context))
    except Exception:
        return
    try:
        folder = imap.sent_folder(client, settings.get("mail_sent_folder"))
        for row in rows:
            if folder is not None:
                imap.append_sent(client, folder, row["raw"].encode("utf-8"), ctx.now)
    except Exception:
        return
    finally:
        imap._logout(client)


def import_file(ctx: Context, path: Path, each: Callable[..., None] | None = None) -> ReadReport:
    """Read an exported mailbox (mbox or Maildir) as a sync would; return what it did."""
    from followthrough.mail.files import read_export

    items = (Whole(folder, sent, raw) for folder, sent, raw in read_export(path))
    return read_messages(ctx, items, "import", each)


@dataclass
class SyncReport:
    """A sync's report, and how many bytes it moved of those it could have."""

    report: ReadReport
    fetched: int = 0
    total: int = 0


def sync(
    ctx: Context, context: ssl.SSLContext | None = None, each: Callable[..., None] | None = None
) -> SyncReport:
    """Read INBOX and the Sent folder since the last sync (60 days back the first time);
    return what was done."""
    from followthrough.mail import imap

    settings = mail_settings(ctx)
    account = imap_account(settings, context)
    try:
        client = imap.connect(account)
    except Exception as exc:
        raise ValidationError("imap", imap.explain(exc, account)) from None
    total = SyncReport(ReadReport())
    try:
        folders = [("INBOX", False)]
        sent = imap.sent_folder(client, settings.get("mail_sent_folder"))
        if sent is not None:
            folders.append((sent, True))
        since = (ctx.now - FIRST_SYNC).date()
        for folder, is_sent in folders:
            with full_read(ctx) as uow:
                row = uow.repo.folder_mark(uow.conn, folder)
            mark = (row["uidvalidity"], row["last_uid"]) if row else None
            validity, top, fetched = imap.new_messages(client, folder, is_sent, mark, since)
            items = list(fetched)
            part = read_messages(ctx, items, "sync", each)
            total.total += sum(i.size for i in items)
            total.fetched += sum(i.fetched for i in items)
            _merge(total.report, part)
            with ctx.write() as uow:
                uow.repo.set_folder_mark(uow.conn, folder, validity, top, uow.now)
    finally:
        imap._logout(client)
    return total


def _merge(into: ReadReport, part: ReadReport) -> None:
    into.scanned += part.scanned
    into.logged += part.logged
    into.ignored += part.ignored
    into.proposals += part.proposals
