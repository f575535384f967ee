"""Reading the user's mailbox over IMAP (`imapclient`), headers first.

A folder is read from the UID after the last one read, while its UIDVALIDITY is the one
recorded (otherwise, and on the first sync, from a date: 60 days back). Only the headers of new
messages are fetched at first; the matcher asks for a body only when it needs the words (a
reply to propose from, a bounce to read the failed address from), so a sync of thousands of
newsletters moves little more than their headers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

#: How long one IMAP command may wait on the server (seconds).
TIMEOUT = 60.0
#: Messages fetched per FETCH command.
BATCH = 500


@dataclass(frozen=True)
class ImapAccount:
    """Where and how to read: host, port, security (tls, starttls or none), login."""

    host: str
    port: int
    security: str = "tls"
    user: str = ""
    password: str = ""
    context: ssl.SSLContext | None = None


@dataclass
class Fetched:
    """One new message: its folder, UID, headers, size, and its body once asked for."""

    folder: str
    sent: bool
    uid: int
    head: bytes
    size: int
    client: Any = field(repr=False, default=None)
    _raw: bytes | None = field(default=None, repr=False)

    @property
    def fetched(self) -> int:
        """Return the bytes fetched for this message: its headers, and its body if asked for."""
        return len(self._raw) if self._raw is not None else len(self.head)

    def full(self) -> bytes:
        """Return the whole message, fetching its body (the headers are here) once."""
        if self._raw is None:
            data = self.client.fetch([self.uid], [b"BODY.PEEK[TEXT]"])
            self._raw = self.head + (data.get(self.uid, {}).get(b"BODY[TEXT]") or b"")
        return self._raw


def connect(account: ImapAccount) -> Any:
    """Return a logged-in IMAPClient, or raise the library's or the network's error."""
    from imapclient import IMAPClient

    context = account.context or ssl.create_default_context()
    client = IMAPClient(
        account.host,
        port=account.port,
        ssl=account.security == "tls",
        ssl_context=context,
        timeout=TIMEOUT,
    )
    try:
        if account.security == "starttls":
            client.starttls(context)
        client.login(account.user, account.password)
    except BaseException:
        _logout(client)
        raise
    return client


def _logout(client: Any) -> None:
    try:
        client.logout()
    except Exception:
        with contextlib.suppress(Exception):
            client.shutdown()


def explain(exc: BaseException, account: ImapAccount, folder: str | None = None) -> str:
    """Return one line saying what failed: DNS, connection, TLS, authentication or folder."""
    from imapclient.exceptions import IMAPClientError, LoginError

    where = f"{account.host}:{account.port}"
    if isinstance(exc, socket.gaierror):
        return f"DNS: {account.host} does not resolve ({exc.strerror}); check --imap-host"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS: the certificate of {where} is not trusted ({exc.verify_message})"
    if isinstance(exc, ssl.SSLError):
        return (
            f"TLS: {where} did not complete a TLS handshake ({exc.reason}); check --imap-security"
        )
    if isinstance(exc, LoginError):
        return f"authentication: {where} refused the login; check the user and the app password"
    if isinstance(exc, ConnectionRefusedError):
        return f"connection: nothing listens on {where}; check --imap-host and --imap-port"
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"connection: {where} did not answer in {TIMEOUT:.0f} s"
    if folder is not None and isinstance(exc, IMAPClientError):
        return f"folder: {where} has no folder {folder!r} ({exc}); check --sent-folder"
    return f"connection: {where}: {exc.__class__.__name__}: {exc}"


def sent_folder(client: Any, configured: str | None) -> str | None:
    """Return the Sent folder: the configured one if it exists, else the one the server
    flags `\\Sent`, else None."""
    names = {name for _flags, _sep, name in client.list_folders()}
    if configured and configured in names:
        return configured
    try:
        return client.find_special_folder(b"\\Sent")  # type: ignore[no-any-return]
    except Exception:
        return None


def new_messages(
    client: Any,
    folder: str,
    sent: bool,
    mark: tuple[int, int] | None,
    since: dt.date,
) -> tuple[int, int, Iterator[Fetched]]:
    """Select `folder` read-only; return its UIDVALIDITY, its highest UID, and the new
    messages (headers only) after `mark` ((uidvalidity, last uid)), or since `since` when the
    mark is missing or stale."""
    info = client.select_folder(folder, readonly=True)
    validity = int(info.get(b"UIDVALIDITY", 0))
    if mark is not None and mark[0] == validity:
        uids = [u for u in client.search(["UID", f"{mark[1] + 1}:*"]) if u > mark[1]]
    else:
        uids = client.search(["SINCE", since])
    uids = sorted(uids)
    top = max(uids) if uids else (mark[1] if mark and mark[0] == validity else 0)

    def fetch() -> Iterator[Fetched]:
        for start in range(0, len(uids), BATCH):
            chunk = uids[start : start + BATCH]
            data = client.fetch(chunk, [b"BODY.PEEK[HEADER]", b"RFC822.SIZE"])
            for uid in chunk:
                item = data.get(uid, {})
                head = item.get(b"BODY[HEADER]", b"")
                yield Fetched(folder, sent, uid, head, int(item.get(b"RFC822.SIZE", 0)), client)

    return validity, top, fetch()


def append_sent(client: Any, folder: str, raw: bytes, when: dt.datetime) -> None:
    """File a copy of a message the user sent in their Sent folder, marked read."""
    client.append(folder, raw, flags=[b"\\Seen"], msg_time=when)
