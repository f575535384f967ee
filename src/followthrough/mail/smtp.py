"""Handing one message to the user's SMTP server (stdlib `smtplib`), step by step, so that what
went wrong says whether the message may have been delivered:

- before DATA (DNS, connection, TLS, login, sender or recipient refused): nothing was handed
  over; a 4xx or a network failure is worth retrying, a 5xx is final;
- the server's answer to DATA: 250 is sent, 4xx retry, 5xx failed;
- anything that breaks *during* DATA (the connection drops, no answer): the server may have
  taken it, so the outcome is `unknown` and it is never sent again by itself.
"""

from __future__ import annotations

import contextlib
import re
import smtplib
import socket
import ssl
from dataclasses import dataclass

#: How long one SMTP conversation may wait on the server (seconds).
TIMEOUT = 30.0


@dataclass(frozen=True)
class SmtpAccount:
    """Where and how to send: host, port, security (starttls, tls or none), login."""

    host: str
    port: int
    security: str = "starttls"
    user: str | None = None
    password: str | None = None
    #: trust anchors for TLS (tests pass their own CA); None: the system's
    context: ssl.SSLContext | None = None


@dataclass(frozen=True)
class Delivery:
    """The outcome of one attempt: "sent", "retry", "failed" or "unknown", and why."""

    state: str
    code: int | None = None
    reason: str = ""


def _reply(code: int, text: bytes | str) -> str:
    raw = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(raw.split())}".strip()


def _refused(code: int, text: bytes | str, what: str) -> Delivery:
    state = "retry" if 400 <= code < 500 else "failed"
    return Delivery(state, code, f"{what}: {_reply(code, text)}")


def connect(account: SmtpAccount) -> smtplib.SMTP:
    """Return a logged-in SMTP connection, or raise the stdlib's error (see `explain`)."""
    context = account.context or ssl.create_default_context()
    if account.security == "tls":
        conn: smtplib.SMTP = smtplib.SMTP_SSL(
            account.host, account.port, timeout=TIMEOUT, context=context
        )
    else:
        conn = smtplib.SMTP(account.host, account.port, timeout=TIMEOUT)
    try:
        conn.ehlo()
        if account.security == "starttls":
            conn.starttls(context=context)
            conn.ehlo()
        if account.user:
            conn.login(account.user, account.password or "")
    except BaseException:
        conn.close()
        raise
    return conn


def explain(exc: BaseException, account: SmtpAccount) -> str:
    """Return one line saying what failed: DNS, connection, TLS, authentication, or the
    server's own words."""
    where = f"{account.host}:{account.port}"
    if isinstance(exc, socket.gaierror):
        return f"DNS: {account.host} does not resolve ({exc.strerror}); check --smtp-host"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS: the certificate of {where} is not trusted ({exc.verify_message})"
    if isinstance(exc, ssl.SSLError):
        return (
            f"TLS: {where} did not complete a TLS handshake ({exc.reason}); check --smtp-security"
        )
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        said = _reply(exc.smtp_code, exc.smtp_error)
        return f"authentication: {where} refused the login ({said}); check the user and password"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return f"{where}: {exc}; check --smtp-security"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{where} answered {_reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, ConnectionRefusedError):
        return f"connection: nothing listens on {where}; check --smtp-host and --smtp-port"
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"connection: {where} did not answer in {TIMEOUT:.0f} s"
    return f"connection: {where}: {exc.__class__.__name__}: {exc}"


def deliver(account: SmtpAccount, sender: str, recipient: str, raw: bytes) -> Delivery:
    """Hand `raw` to the server for `recipient`; return what became of it (never raises for
    what the network or the server does)."""
    code = 0
    try:
        conn = connect(account)
    except smtplib.SMTPResponseException as exc:
        return _refused(exc.smtp_code, exc.smtp_error, explain(exc, account))
    except (OSError, smtplib.SMTPException) as exc:
        state = "failed" if isinstance(exc, ssl.SSLCertVerificationError) else "retry"
        return Delivery(state, None, explain(exc, account))
    except ValueError as exc:  # a host name that cannot be one ("smtp..example.org")
        return Delivery("failed", None, f"{account.host!r} is not a host name ({exc}); check "
                        "--smtp-host")  # fmt: skip
    try:
        code, text = conn.mail(sender)
        if code != 250:
            return _refused(code, text, "the sender was refused")
        code, text = conn.rcpt(recipient)
        if code not in (250, 251):
            return _refused(code, text, "the recipient was refused")
        code, text = conn.docmd("DATA")
        if code != 354:
            return _refused(code, text, "the server would not take the message")
    except smtplib.SMTPResponseException as exc:
        return _refused(exc.smtp_code, exc.smtp_error, explain(exc, account))
    except (OSError, smtplib.SMTPException) as exc:
        return Delivery("retry", None, explain(exc, account))
    finally:
        if code != 354:  # refused or broken before the message: nothing handed over
            _quit(conn)
    return _data(conn, account, raw)


def _data(conn: smtplib.SMTP, account: SmtpAccount, raw: bytes) -> Delivery:
    """Send the message body and read the answer: the step after which it may be delivered."""
    try:
        conn.send(dot_stuffed(raw))
        code, text = conn.getreply()
    except (OSError, smtplib.SMTPException) as exc:
        _close(conn)
        why = explain(exc, account)
        return Delivery(
            "unknown",
            None,
            f"the connection broke while the server was taking the message "
            f"({why}); it may have been delivered",
        )
    _quit(conn)
    if code == 250:
        return Delivery("sent", code, _reply(code, text))
    return _refused(code, text, "the server refused the message")


def dot_stuffed(raw: bytes) -> bytes:
    """Return `raw` as DATA carries it: CRLF line ends, a leading dot doubled, the final dot
    line added (RFC 5321 4.5.2)."""
    body = re.sub(rb"\r\n|\r|\n", b"\r\n", raw)
    body = re.sub(rb"(?m)^\.", b"..", body)
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    return body + b".\r\n"


def _quit(conn: smtplib.SMTP) -> None:
    try:
        conn.quit()
    except (OSError, smtplib.SMTPException):
        _close(conn)


def _close(conn: smtplib.SMTP) -> None:
    with contextlib.suppress(OSError):
        conn.close()
