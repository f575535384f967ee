"""What mail does to the records, and how to take it back: a sent message filed in the Sent
folder of a real Dovecot, an import undone in one step, a bounce named by `doctor`, an
interview proposal accepted at a corrected time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followthrough.services import demo, history
from followthrough.services import inbox as inbox_
from followthrough.services import mail as mail_
from followthrough.services.context import Context, open_local
from followthrough.services.doctor import doctor
from followthrough.services.mail_read import Whole, full_read, read_messages
from tests.mail.servers import Dovecot, ImapUser, SmtpServer

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def ctx(tmp_path: Path) -> Context:
    context = Context(open_local(tmp_path / "f.db", NOW), NOW, {"tz": "Europe/Brussels"})
    demo.fill(context)
    return context


def _exchanges(ctx: Context) -> int:
    with full_read(ctx) as uow:
        apps = uow.repo.application_ids(uow.conn)
        return sum(len(uow.repo.interactions(uow.conn, a)) for a in apps)


REPLY = (b"From: Tom Weber <tom.weber@globex.example>\r\nTo: alex@example.org\r\n"
         b"Subject: Next step\r\nMessage-ID: <next@globex.example>\r\n"
         b"Date: Mon, 30 Nov 2026 16:00:00 +0100\r\n\r\n"
         b"We would like to invite you to a final interview on Thursday 3 December at 14:00 "
         b"CET.\r\n")  # fmt: skip
BOUNCE = (b"From: MAILER-DAEMON@globex.example\r\nTo: alex@example.org\r\n"
          b"Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <dsn@globex.example>\r\n"
          b"X-Failed-Recipients: tom.weber@globex.example\r\n"
          b"Date: Mon, 30 Nov 2026 17:00:00 +0100\r\n\r\nUser unknown\r\n")  # fmt: skip


def test_an_import_is_one_change_that_undo_takes_back(ctx: Context) -> None:
    before = _exchanges(ctx)
    report = read_messages(ctx, [Whole("INBOX", False, REPLY)], "import")
    assert len(report.logged) == 1
    assert _exchanges(ctx) == before + 1
    history.undo(ctx)
    assert _exchanges(ctx) == before


def test_a_bounce_is_named_by_doctor(ctx: Context) -> None:
    read_messages(ctx, [Whole("INBOX", False, BOUNCE)], "import")
    found = {f.check: f for f in doctor(ctx)}
    assert "bounced" in found
    with full_read(ctx) as uow:
        tom = uow.repo.contact_by_email(uow.conn, "tom.weber@globex.example")
    assert tom is not None
    assert found["bounced"].ids == (tom.id,)


def test_an_interview_is_accepted_at_its_time_or_a_corrected_one(ctx: Context) -> None:
    report = read_messages(ctx, [Whole("INBOX", False, REPLY)], "import")
    (proposed,) = report.proposals
    assert proposed["proposal"] == "interview"
    assert proposed["details"]["at"] == "2026-12-03T14:00:00+01:00"
    corrected = dt.datetime(2026, 12, 3, 15, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    inbox_.accept(ctx, proposed["id"], corrected)
    with full_read(ctx) as uow:
        starts = {iv.start for iv in uow.repo.interviews(uow.conn, proposed["application_id"])}
    assert corrected in starts


def test_a_sent_message_is_filed_in_the_sent_folder(
    ctx: Context, smtp_server: SmtpServer, dovecot: Dovecot, imap_user: ImapUser,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("FOLLOWTHROUGH_SMTP_PASSWORD", smtp_server.password or "")
    monkeypatch.setenv("FOLLOWTHROUGH_IMAP_PASSWORD", imap_user.password)
    mail_.setup(ctx, {"mail_from": "Alex <alex@example.org>", "mail_smtp_host": "127.0.0.1",
                      "mail_smtp_port": str(smtp_server.port),
                      "mail_smtp_user": smtp_server.user or "", "mail_imap_host": dovecot.host,
                      "mail_imap_port": str(dovecot.imaps_port), "mail_imap_security": "tls",
                      "mail_imap_user": imap_user.name, "mail_sent_copy": "yes"})  # fmt: skip
    with full_read(ctx) as uow:
        rows = [r for a in uow.repo.application_ids(uow.conn)
                for r in uow.repo.actions_of(uow.conn, a)]  # fmt: skip
    action = next(r["id"] for r in rows if r["kind"] == "thank-you" and r["recipient_email"]
                  and r["status"] == "pending")  # fmt: skip
    # one client context trusting both test servers' CAs
    context = smtp_server.client_context()
    context.load_verify_locations(cafile=str(dovecot.ca_file))
    sent = mail_.send(ctx, action, "testing", context)
    assert sent.row["state"] == "sent"
    imap = dovecot.connect(imap_user)
    try:
        imap.select("Sent", readonly=True)
        typ, found = imap.search(None, "HEADER", "Message-ID", sent.row["message_id"])
    finally:
        imap.logout()
    assert typ == "OK"
    assert found[0].split()
