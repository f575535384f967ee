"""The test mail servers work, proved with the standard clients (smtplib, imaplib, imapclient)."""

from __future__ import annotations

import datetime as dt
import email.policy
import imaplib
import json
import smtplib
import socket
import ssl
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import imapclient
import pytest

from tests.mail.servers import ENV_VAR, Dovecot, ImapUser, Received, SmtpServer

ROOT = Path(__file__).resolve().parents[2]


def _message(to: str = "hr@example.com", body: str = "Thanks for today.") -> EmailMessage:
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"], msg["To"], msg["Subject"] = "me@example.com", to, "Thank you"
    msg["Message-ID"] = make_msgid(domain="followthrough.test")
    msg.set_content(body + "\n")
    return msg


@contextmanager
def _client(server: SmtpServer, timeout: float = 10) -> Iterator[smtplib.SMTP]:
    """smtplib after STARTTLS (trusting the test CA) and AUTH."""
    with smtplib.SMTP(server.host, server.port, timeout=timeout) as client:
        client.starttls(context=server.client_context())
        client.login(server.user or "", server.password or "")
        yield client


# -- SMTP -----------------------------------------------------------------------------------


@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN"])
def test_starttls_then_auth_delivers_once(smtp_server: SmtpServer, mechanism: str) -> None:
    msg = _message()
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=10) as client:
        client.ehlo()
        assert client.has_extn("starttls")
        assert not client.has_extn("auth")
        client.starttls(context=smtp_server.client_context())
        client.ehlo()
        assert set(client.esmtp_features["auth"].split()) == {"LOGIN", "PLAIN"}
        client.user, client.password = "sender", smtp_server.password or ""
        code, _ = client.auth(mechanism, getattr(client, f"auth_{mechanism.lower()}"))
        assert code == 235
        client.send_message(msg)
    [received] = smtp_server.messages
    assert received == Received(
        mail_from="me@example.com", rcpt_tos=("hr@example.com",), data=received.data,
        message_id=msg["Message-ID"], login="sender", tls=True,
    )
    assert b"Thanks for today." in received.data
    assert smtp_server.count(msg["Message-ID"]) == 1


def test_nothing_before_starttls_and_no_wrong_password(smtp_server: SmtpServer) -> None:
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=10) as client:
        client.ehlo()
        assert client.mail("me@example.com")[0] == 530
        assert client.docmd("AUTH", "PLAIN AHNlbmRlcgB4")[0] == 530
        client.starttls(context=smtp_server.client_context())
        client.ehlo()
        assert client.mail("me@example.com")[0] == 530  # TLS, but no AUTH yet
        with pytest.raises(smtplib.SMTPAuthenticationError):
            client.login("sender", "wrong")
    assert smtp_server.messages == []


def test_auth_only_over_tls_even_when_starttls_is_optional() -> None:
    with SmtpServer(user="me", password="pw", require_starttls=False) as server:
        with smtplib.SMTP(server.host, server.port, timeout=10) as client:
            client.ehlo()
            assert not client.has_extn("auth")
            assert client.docmd("AUTH", "PLAIN AG1lAHB3")[0] == 538
            assert client.mail("me@example.com")[0] == 530
            client.starttls(context=server.client_context())
            client.login("me", "pw")
            client.send_message(_message())
        assert [m.tls for m in server.messages] == [True]


def test_451_then_success(smtp_server: SmtpServer) -> None:
    msg = _message()
    smtp_server.fail_next(451, "4.3.0 Try again later")
    with _client(smtp_server) as client:
        with pytest.raises(smtplib.SMTPDataError) as refused:
            client.send_message(msg)
        assert refused.value.smtp_code == 451
        assert refused.value.smtp_error == b"4.3.0 Try again later"
        assert smtp_server.messages == []
        client.send_message(msg)
    assert smtp_server.message_ids() == [msg["Message-ID"]]


def test_554_and_rcpt_failures_in_order(smtp_server: SmtpServer) -> None:
    first, second = _message(), _message()
    smtp_server.fail_next(451, "4.7.1 Slow down")
    smtp_server.fail_next(554, "5.7.1 Looks like spam")
    with _client(smtp_server) as client:
        codes = []
        for _ in range(2):
            with pytest.raises(smtplib.SMTPDataError) as refused:
                client.send_message(first)
            codes.append(refused.value.smtp_code)
        assert codes == [451, 554]
        smtp_server.fail_next(550, "5.1.1 No such user", stage="rcpt")
        with pytest.raises(smtplib.SMTPRecipientsRefused) as no_user:
            client.send_message(second)
        assert no_user.value.recipients == {"hr@example.com": (550, b"5.1.1 No such user")}
        client.send_message(second)
        client.send_message(second)
    assert smtp_server.message_ids() == [second["Message-ID"]] * 2
    assert smtp_server.count(second["Message-ID"]) == 2
    assert smtp_server.count(first["Message-ID"]) == 0


def test_implicit_tls_with_auth() -> None:
    msg = _message()
    with SmtpServer(tls="implicit", user="me", password="pw") as server:
        with pytest.raises(ssl.SSLCertVerificationError):  # a client that does not trust the CA
            smtplib.SMTP_SSL(server.host, server.port, context=ssl.create_default_context())
        with smtplib.SMTP_SSL(
            server.host, server.port, context=server.client_context(), timeout=10
        ) as client:
            client.login("me", "pw")
            client.send_message(msg)
        assert [(m.message_id, m.tls, m.login) for m in server.messages] == [
            (msg["Message-ID"], True, "me")
        ]


def test_drop_after_250_calls_the_hook_first(smtp_server: SmtpServer) -> None:
    msg = _message()
    seen: list[Received] = []
    smtp_server.on_accepted = seen.append
    smtp_server.drop_after_data()
    with _client(smtp_server) as client:
        client.send_message(msg)  # the 250 arrives ...
        with pytest.raises(smtplib.SMTPServerDisconnected):  # ... then the connection is gone
            client.noop()
    assert [r.message_id for r in seen] == [msg["Message-ID"]]
    assert smtp_server.count(msg["Message-ID"]) == 1


def test_stall_after_250_until_release(smtp_server: SmtpServer) -> None:
    smtp_server.stall_after_data()
    with _client(smtp_server, timeout=0.5) as client:
        client.send_message(_message())
        with pytest.raises(smtplib.SMTPServerDisconnected, match="timed out"):
            client.noop()
        smtp_server.release()
        assert len(smtp_server.wait_for(1)) == 1
    with _client(smtp_server) as client:  # the next message is not stalled
        client.send_message(_message())
        assert client.noop()[0] == 250


def test_stop_is_idempotent() -> None:
    server = SmtpServer(tls="none").start()
    port = server.port
    server.stop()
    server.stop()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((server.host, port), timeout=5).close()


# -- IMAP -----------------------------------------------------------------------------------


def _login(dovecot: Dovecot, user: ImapUser) -> imaplib.IMAP4:
    """imaplib after STARTTLS (trusting the test CA) and LOGIN."""
    imap = imaplib.IMAP4(dovecot.host, dovecot.imap_port, timeout=10)
    try:
        imap.starttls(ssl_context=dovecot.client_context())
        imap.login(user.name, user.password)
    except BaseException:
        imap.shutdown()
        raise
    return imap


def test_imaplib_starttls_append_search_fetch(dovecot: Dovecot, imap_user: ImapUser) -> None:
    msg, sent = _message(), _message(body="Sent earlier.")
    when = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
    assert dovecot.append(imap_user, "INBOX", msg.as_bytes()) == 1
    assert dovecot.append(imap_user, "Sent", sent.as_bytes(), flags=[r"\Seen"], when=when) == 1
    imap = _login(dovecot, imap_user)
    try:
        listed = imap.list()[1]
        assert rb'(\HasNoChildren \Sent) "/" Sent' in listed
        assert imap.select("INBOX", readonly=True) == ("OK", [b"1"])
        uidvalidity = int(imap.response("UIDVALIDITY")[1][0])
        status = imap.status("INBOX", "(UIDVALIDITY MESSAGES)")[1][0]
        assert status == f"INBOX (MESSAGES 1 UIDVALIDITY {uidvalidity})".encode()
        found = imap.uid("SEARCH", "HEADER", "Message-ID", f'"{msg["Message-ID"]}"')
        assert found == ("OK", [b"1"])
        _, data = imap.uid("FETCH", "1", "(RFC822)")
        assert data[0][1] == msg.as_bytes()
        imap.select("Sent", readonly=True)
        _, data = imap.uid("FETCH", "1", "(FLAGS INTERNALDATE)")
        assert imaplib.ParseFlags(data[0]) == (rb"\Seen", rb"\Recent")
        assert b'INTERNALDATE "25-Nov-2026 09:00:00 +0000"' in data[0]
    finally:
        imap.logout()


def test_imapclient_implicit_tls(dovecot: Dovecot, imap_user: ImapUser) -> None:
    msg = _message()
    uid = dovecot.append(imap_user, "INBOX", msg.as_bytes())
    with pytest.raises(ssl.SSLCertVerificationError):  # a client that does not trust the CA
        imaplib.IMAP4_SSL(
            dovecot.host, dovecot.imaps_port, ssl_context=ssl.create_default_context()
        )
    with imapclient.IMAPClient(
        dovecot.host, port=dovecot.imaps_port, ssl=True, ssl_context=dovecot.client_context()
    ) as client:
        client.login(imap_user.name, imap_user.password)
        assert client.find_special_folder(rb"\Sent") == "Sent"
        selected = client.select_folder("INBOX")
        assert selected[b"UIDVALIDITY"] > 0
        assert selected[b"EXISTS"] == 1
        assert client.search(["HEADER", "Message-ID", msg["Message-ID"]]) == [uid]
        fetched = client.fetch([uid], ["RFC822"])
        assert fetched[uid][b"RFC822"] == msg.as_bytes()


def test_plaintext_login_refused_without_tls(dovecot: Dovecot, imap_user: ImapUser) -> None:
    """Dovecot trusts a connection whose two ends have one address, so come from 127.0.0.2."""

    class FromElsewhere(imaplib.IMAP4):
        def _create_socket(self, timeout: float | None) -> socket.socket:
            return socket.create_connection(
                (self.host, self.port), timeout, source_address=("127.0.0.2", 0)
            )

    imap = FromElsewhere(dovecot.host, dovecot.imap_port, timeout=10)
    try:
        assert "LOGINDISABLED" in imap.capabilities
        with pytest.raises(imaplib.IMAP4.error, match="PRIVACYREQUIRED"):
            imap.login(imap_user.name, imap_user.password)
    finally:
        imap.shutdown()


def test_users_do_not_see_each_other(dovecot: Dovecot, imap_user: ImapUser) -> None:
    other = dovecot.add_user()
    dovecot.append(imap_user, "INBOX", _message().as_bytes())
    dovecot.append(imap_user, "Sent", _message().as_bytes())
    with pytest.raises(imaplib.IMAP4.error, match="AUTHENTICATIONFAILED"):
        _login(dovecot, ImapUser(other.name, imap_user.password))
    imap = _login(dovecot, other)
    try:
        for folder in ("INBOX", "Sent"):
            assert imap.select(folder, readonly=True) == ("OK", [b"0"])
            assert imap.search(None, "ALL") == ("OK", [b""])
    finally:
        imap.logout()


def test_command_line_starts_and_stops_one_dovecot() -> None:
    directory = Path(tempfile.mkdtemp(prefix="followthrough-cli-"))
    run = [sys.executable, "-m", "tests.mail.servers"]
    started = subprocess.run(
        [*run, "dovecot-start", str(directory)], cwd=ROOT, capture_output=True, text=True
    )
    assert started.returncode == 0, started.stderr
    try:
        assert started.stdout == f"{ENV_VAR}={directory.resolve()}\n"
        info = json.loads((directory / "instance.json").read_text())
        assert Path(info["ca_file"]).exists()
        assert info["passwd_file"] == f"{directory.resolve()}/passwd.d/%u"
        server = Dovecot.attach(directory)
        _login(server, server.add_user()).logout()
    finally:
        subprocess.run([*run, "dovecot-stop", str(directory)], cwd=ROOT, check=True)
    assert not server.running()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((server.host, server.imap_port), timeout=5).close()
    subprocess.run(["rm", "-rf", str(directory)], check=True)
