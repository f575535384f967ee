"""Mistakes a review of the mail change found, each held by a test: a done action is not sent,
a failed message can be sent again (once), a host name that cannot be one is refused at setup,
a reply in a thread is credited to the person it went to, one odd message cannot stop a whole
read, a cancelled meeting proposes nothing, a time the clocks skip is not guessed, a proposal
is accepted once, and a huge HTML body is read in linear time."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from followthrough.domain.errors import ConflictError, ValidationError
from followthrough.domain.mail_headers import CalendarEvent, Mail
from followthrough.domain.mail_match import MailApp, Thread, World, match
from followthrough.domain.mail_proposals import propose
from followthrough.domain.mail_when import fixed_moment
from followthrough.mail.parse import html_text, parse
from followthrough.services import actions
from followthrough.services import inbox as inbox_
from followthrough.services import mail as mail_
from followthrough.services.context import Context
from followthrough.services.mail_read import Whole, full_read, read_messages
from tests.mail.actions import pending_emails
from tests.mail.servers import SmtpServer

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def ctx(smtp_ctx: Context) -> Context:
    """A demo search whose mail goes to the test's SMTP server (conftest)."""
    return smtp_ctx


def _email_action(ctx: Context) -> int:
    return int(pending_emails(ctx)[0]["id"])


def test_an_action_already_done_is_not_sent(ctx: Context, smtp_server: SmtpServer) -> None:
    aid = _email_action(ctx)
    actions.mark_done(ctx, aid)
    with pytest.raises(ConflictError, match=f"action {aid} is done"):
        mail_.send(ctx, aid, "x", smtp_server.client_context())
    assert smtp_server.messages == []


def test_a_failed_message_is_sent_again_once_the_same(
    ctx: Context, smtp_server: SmtpServer
) -> None:
    aid = _email_action(ctx)
    smtp_server.fail_next(550, "5.1.1 mailbox unavailable")
    failed = mail_.send(ctx, aid, "x", smtp_server.client_context())
    assert failed.row["state"] == "failed"
    again = mail_.send(ctx, aid, "x", smtp_server.client_context())
    assert again.row["state"] == "sent"
    assert again.row["message_id"] == failed.row["message_id"]
    assert smtp_server.count(f"<{failed.row['message_id']}>") == 1


@pytest.mark.parametrize("host", ["smtp..example.org", "-smtp.example.org", "smtp example.org"])
def test_a_host_name_that_cannot_be_one_is_refused_at_setup(ctx: Context, host: str) -> None:
    with pytest.raises(ValidationError, match="--smtp-host: .* is not a host name"):
        mail_.setup(ctx, {"mail_smtp_host": host})


def test_a_reply_in_a_thread_goes_to_the_person_it_is_addressed_to() -> None:
    app = MailApp(1, True, {"jane@agency.example": 11, "raj@acme.example": 12},
                  frozenset({"acme.example"}))  # fmt: skip
    world = World(frozenset({"me@x.example"}), (app,), {"from-jane@x": Thread(1, 11)})
    reply = Mail("r@x", "me@x.example", recipients=("raj@acme.example",),
                 in_reply_to=("from-jane@x",))  # fmt: skip
    assert match(reply, world).contact_id == 12


def test_one_odd_message_does_not_stop_a_whole_read(ctx: Context) -> None:
    odd = (b"From: spam@stranger.example\r\nTo: me@x.example\r\nSubject: win\r\n"
           b"Message-ID: <odd@stranger.example>\r\nDate: Fri, 31 Dec 9999 23:00:00 -1200\r\n"
           b"\r\nMeet us at 14:00 GMT+24 to claim it.\r\n")  # fmt: skip
    assert parse(odd).date is None
    report = read_messages(ctx, [Whole("INBOX", False, odd)], "import")
    assert report.ignored == [{"message_id": "odd@stranger.example", "reason": "unknown-sender"}]
    assert fixed_moment("on 3 December at 14:00 GMT+24", NOW, "Europe/Brussels") is not None


def test_a_cancelled_meeting_proposes_no_interview() -> None:
    start = dt.datetime(2026, 12, 3, 14, 0, tzinfo=dt.UTC)
    event = CalendarEvent(start, "UTC", "Technical interview", "CANCEL")
    cancelled = Mail("c@x", "hr@acme.example", subject="Canceled: Technical interview",
                     date=NOW, new_text="Technical interview on 3 December at 14:00 CET.",
                     events=(event,))  # fmt: skip
    assert propose(cancelled, "Europe/Brussels") is None


def test_a_time_the_clocks_skip_is_not_guessed() -> None:
    sent = dt.datetime(2027, 3, 20, 9, 0, tzinfo=dt.UTC)
    assert fixed_moment("Interview on 28 March at 02:30", sent, "Europe/Brussels") is None
    assert fixed_moment("Interview on 31 October at 02:30", sent, "Europe/Brussels") is None


def test_a_proposal_is_accepted_once(ctx: Context) -> None:
    reply = (b"From: Tom Weber <tom.weber@globex.example>\r\nTo: alex@example.org\r\n"
             b"Subject: Next step\r\nMessage-ID: <n@globex.example>\r\n"
             b"Date: Mon, 30 Nov 2026 16:00:00 +0100\r\n\r\nWe would like to invite you to a "
             b"final interview on Thursday 3 December at 14:00 CET.\r\n")  # fmt: skip
    (proposed,) = read_messages(ctx, [Whole("INBOX", False, reply)], "import").proposals
    inbox_.accept(ctx, proposed["id"])
    with pytest.raises(ConflictError, match="already"):
        inbox_.accept(ctx, proposed["id"])
    with full_read(ctx) as uow:
        starts = [iv.start for iv in uow.repo.interviews(uow.conn, proposed["application_id"])]
    assert starts.count(dt.datetime(2026, 12, 3, 13, 0, tzinfo=dt.UTC)) == 1


def test_a_huge_html_body_without_closing_tags_is_read_in_linear_time() -> None:
    markup = "<html><script>" + "x<y " * 60_000 + "<style>" + "a" * 200_000
    started = time.process_time()
    html_text(markup)
    html_text("<p>" + "<b>bold</b> text " * 50_000)
    assert time.process_time() - started < 2.0
