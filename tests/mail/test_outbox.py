"""The outbox against a real SMTP server (aiosmtpd, STARTTLS, AUTH): a message goes exactly
once, 4xx is retried with backoff, 5xx fails with the server's words, a connection that breaks
while the server takes the message leaves it `unknown` and never sent again by itself, and
header injection is refused before anything is queued."""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from followthrough.domain.errors import ValidationError
from followthrough.services import mail as mail_
from followthrough.services import outbox as box
from followthrough.services.context import Context
from followthrough.services.mail_read import full_read
from tests.mail.actions import pending_emails
from tests.mail.servers import SmtpServer

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def ctx(smtp_ctx: Context) -> Context:
    """A demo search whose mail goes to the test's SMTP server (conftest)."""
    return smtp_ctx


def email_action(ctx: Context, kind: str = "thank-you") -> int:
    """Return the id of a pending e-mail action of `kind` whose recipient has an address."""
    return int(pending_emails(ctx, kind)[0]["id"])


def at(ctx: Context, later: dt.timedelta) -> Context:
    return dataclasses.replace(ctx, now=ctx.now + later)


def state_of(ctx: Context, oid: int) -> dict[str, Any]:
    with full_read(ctx) as uow:
        return dict(uow.repo.outbox(uow.conn, ids=[oid])[0])


def test_send_delivers_once_logs_the_exchange_and_marks_the_action_done(
    ctx: Context, smtp_server: SmtpServer
) -> None:
    aid = email_action(ctx)
    sent = mail_.send(ctx, aid, None, smtp_server.client_context())
    assert sent.row["state"] == "sent"
    assert smtp_server.count(f"<{sent.row['message_id']}>") == 1
    again = mail_.send(at(ctx, dt.timedelta(minutes=5)), aid, None, smtp_server.client_context())
    assert again.existing
    assert smtp_server.count(f"<{sent.row['message_id']}>") == 1
    with full_read(ctx) as uow:
        action = uow.repo.action(uow.conn, aid)
        logged = [x for x in uow.repo.interactions(uow.conn, action["application_id"])
                  if x.action_id == aid]  # fmt: skip
    assert action["status"] == "done"
    assert len(logged) == 1
    received = smtp_server.messages[0]
    assert received.tls
    assert received.login == smtp_server.user
    assert received.mail_from == "alex@example.org"


def test_a_4xx_is_retried_after_its_backoff_and_then_sent_once(
    ctx: Context, smtp_server: SmtpServer
) -> None:
    smtp_server.fail_next(451, "4.3.0 try again later")
    first = mail_.send(ctx, email_action(ctx), None, smtp_server.client_context())
    assert first.row["state"] == "queued"
    assert "451" in first.row["last_error"]
    assert mail_.flush(at(ctx, dt.timedelta(seconds=30)), None, smtp_server.client_context()) == []
    done = mail_.flush(at(ctx, box.BACKOFF[0]), None, smtp_server.client_context())
    assert [r["state"] for r in done] == ["sent"]
    assert smtp_server.count(f"<{first.row['message_id']}>") == 1


def test_a_5xx_fails_with_the_servers_reason_and_the_action_stays_pending(
    ctx: Context, smtp_server: SmtpServer
) -> None:
    aid = email_action(ctx)
    smtp_server.fail_next(554, "5.7.1 message refused")
    failed = mail_.send(ctx, aid, None, smtp_server.client_context())
    assert failed.row["state"] == "failed"
    assert "554 5.7.1 message refused" in failed.row["last_error"]
    assert smtp_server.messages == []
    assert mail_.flush(at(ctx, dt.timedelta(days=1)), None, smtp_server.client_context()) == []
    with full_read(ctx) as uow:
        assert uow.repo.action(uow.conn, aid)["status"] == "pending"


def test_a_refused_recipient_fails_before_anything_is_handed_over(
    ctx: Context, smtp_server: SmtpServer
) -> None:
    smtp_server.fail_next(550, "5.1.1 no such user", stage="rcpt")
    failed = mail_.send(ctx, email_action(ctx), None, smtp_server.client_context())
    assert failed.row["state"] == "failed"
    assert "recipient" in failed.row["last_error"]


def test_header_injection_is_refused_before_anything_is_queued(ctx: Context) -> None:
    aid = email_action(ctx)
    with ctx.write() as uow:
        uow.repo.set_action(uow.conn, aid, edited=True, draft_subject="Hi\r\nBcc: all@x.example",
                            draft_body="Dear Ann,\n\nThank you.\n\nBest,\nAlex\n")  # fmt: skip
    with pytest.raises(ValidationError, match="subject: holds a line break"):
        mail_.send(ctx, aid, None)
    with full_read(ctx) as uow:
        assert uow.repo.outbox(uow.conn) == []


@pytest.mark.parametrize("name", ["Alex\nBcc: x@y.example", "Alex\r", "Al\x00ex"])
def test_a_line_break_in_the_senders_name_is_refused_at_setup(ctx: Context, name: str) -> None:
    from followthrough.mail.compose import compose

    with pytest.raises(ValidationError):
        compose(sender_name=name, sender="a@x.example", to_name="", to="b@x.example",
                subject="s", body="b", message_id="m@x", when=NOW)  # fmt: skip


@pytest.fixture
def black_hole() -> Iterator[int]:
    """An SMTP peer that takes the message and closes without answering it: the client cannot
    know whether it was delivered."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()

    def serve() -> None:
        conn, _ = server.accept()
        with conn, conn.makefile("rb") as reader:
            conn.sendall(b"220 hole ESMTP\r\n")
            while line := reader.readline():
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    conn.sendall(b"250 hole\r\n")
                elif verb == b"DATA":
                    conn.sendall(b"354 go on\r\n")
                    while reader.readline() not in (b".\r\n", b""):
                        pass
                    return  # the body is in; the answer never comes
                else:
                    conn.sendall(b"250 ok\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    thread.join(timeout=10)
    server.close()


def test_a_connection_broken_while_the_server_takes_it_is_unknown_and_never_resent(
    ctx: Context, black_hole: int, smtp_server: SmtpServer
) -> None:
    mail_.setup(ctx, {"mail_smtp_port": str(black_hole), "mail_smtp_security": "none",
                      "mail_smtp_user": ""})  # fmt: skip
    gone = mail_.send(ctx, email_action(ctx), None)
    assert gone.row["state"] == "unknown"
    assert "may have been delivered" in gone.row["last_error"]
    mail_.setup(ctx, {"mail_smtp_port": str(smtp_server.port), "mail_smtp_security": "starttls",
                      "mail_smtp_user": smtp_server.user or ""})  # fmt: skip
    assert mail_.flush(at(ctx, dt.timedelta(days=1)), None, smtp_server.client_context()) == []
    assert smtp_server.messages == []
    settled = box.resolve(ctx, gone.row["id"], sent=True)
    assert settled["state"] == "sent"
    with pytest.raises(Exception, match="only an unknown one"):
        box.resolve(ctx, gone.row["id"], sent=False)


def test_two_flushes_at_once_never_send_one_message_twice(
    ctx: Context, smtp_server: SmtpServer
) -> None:
    """While one flush hands message 1 to the server, another flush runs to the end: message
    2 goes once, by whichever claimed it first."""
    from followthrough.mail import smtp

    rows = pending_emails(ctx)
    sender = ("Alex Doe", "alex@example.org")
    queued = [box.queue_action(ctx, r["id"], "testing", sender).row for r in rows[:2]]
    settings = mail_.mail_settings(ctx)
    account = mail_.smtp_account(settings, smtp_server.client_context())

    def real(to: str, raw: bytes) -> object:
        return smtp.deliver(account, "alex@example.org", to, raw)

    nested: list[object] = []

    def with_a_second_flush(to: str, raw: bytes) -> object:
        if not nested:
            nested.append(box.flush(ctx, real))  # another process, in effect, meanwhile
        return real(to, raw)

    box.flush(ctx, with_a_second_flush)
    for row in queued:
        assert smtp_server.count(f"<{row['message_id']}>") == 1
    assert {r["state"] for r in box.listing(ctx)[0]} == {"sent"}
