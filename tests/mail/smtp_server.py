"""A real SMTP server for the tests (aiosmtpd in a thread), no protocol mocked: it records what
it accepts and can refuse, stall or drop on demand. Import it from tests.mail.servers."""

from __future__ import annotations

import asyncio
import email.parser
import ssl
import tempfile
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Self

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from tests.mail.certs import HOST, Certs, free_ports

Stage = Literal["mail", "rcpt", "data"]


@dataclass(frozen=True)
class Received:
    """One message the SMTP server accepted (answered 250 to its DATA)."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    message_id: str | None
    login: str | None
    tls: bool


class _Handler:
    """aiosmtpd's hooks: refuse when told to, else accept and record."""

    def __init__(self, owner: SmtpServer) -> None:
        self.owner = owner

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if failure := self.owner._take("mail"):
            return failure
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if failure := self.owner._take("rcpt"):
            return failure
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(options)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if failure := self.owner._take("data"):
            return failure
        raw = envelope.original_content or b""
        headers = email.parser.BytesHeaderParser().parsebytes(raw)
        message_id = headers["Message-ID"]
        login = session.login_data
        transport = server.transport
        received = Received(
            mail_from=envelope.mail_from or "",
            rcpt_tos=tuple(envelope.rcpt_tos),
            data=raw,
            message_id=str(message_id).strip() if message_id is not None else None,
            login=login.decode() if isinstance(login, bytes) else None,
            tls=transport is not None and transport.get_extra_info("ssl_object") is not None,
        )
        self.owner._record(received)
        assert isinstance(server, _Smtp)
        server.accepted = received
        return "250 OK: queued"


class _Smtp(SMTP):
    """aiosmtpd's SMTP with a step after the 250 to DATA: the hook, then stall or drop."""

    def __init__(self, owner: SmtpServer, handler: _Handler, **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)
        self.owner = owner
        self.accepted: Received | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        self.owner._live.add(self)

    def connection_lost(self, error: Exception | None) -> None:
        self.owner._live.discard(self)
        super().connection_lost(error)

    async def smtp_DATA(self, arg: str) -> None:
        await super().smtp_DATA(arg)
        received, self.accepted = self.accepted, None
        if received is None:
            return
        if self.owner.on_accepted is not None:
            self.owner.on_accepted(received)
        action = self.owner._take_after()
        if action == "drop" and self.transport is not None:
            self.transport.close()
        elif action == "stall":
            await self.owner._released.wait()  # the event of now: release() makes a new one


class _Controller(Controller):
    def __init__(self, owner: SmtpServer, **kwargs: Any) -> None:
        super().__init__(owner._handler, **kwargs)
        self.owner = owner

    def factory(self) -> SMTP:
        smtp = _Smtp(self.owner, self.handler, loop=self.loop, **self.SMTP_kwargs)
        if self.owner.tls == "implicit":  # the whole connection is TLS: AUTH may go at once
            smtp._auth_require_tls = False
        return smtp


class SmtpServer:
    """An aiosmtpd server on 127.0.0.1 at a free port that records what it accepts.

    tls="starttls" (STARTTLS on the plain port, required before MAIL unless
    require_starttls=False), "implicit" (TLS from the first byte) or "none". With `user` and
    `password`, AUTH LOGIN/PLAIN is required and offered only over TLS, as real servers do.

    A test steers it with fail_next(), stall_after_data(), drop_after_data() and `on_accepted`
    (called on the server's thread right after a 250 to DATA went out: keep it short, the
    server waits for it) and reads `messages`, message_ids(), count() and wait_for().
    """

    def __init__(
        self,
        *,
        tls: Literal["starttls", "implicit", "none"] = "starttls",
        user: str | None = None,
        password: str | None = None,
        require_starttls: bool = True,
        host: str = HOST,
    ) -> None:
        self.tls, self.user, self.password, self.host = tls, user, password, host
        self.port = 0
        self.on_accepted: Callable[[Received], None] | None = None
        self._require_starttls = require_starttls
        self._handler = _Handler(self)
        self._lock = threading.Condition()
        self._received: list[Received] = []
        self._failures: dict[str, deque[str]] = {"mail": deque(), "rcpt": deque(), "data": deque()}
        self._after: deque[str] = deque()
        self._live: set[_Smtp] = set()
        self._released = asyncio.Event()
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._controller: _Controller | None = None
        self.certs: Certs | None = None

    @property
    def ca_file(self) -> Path:
        assert self.certs is not None, "start() the server first"
        return self.certs.ca_file

    def client_context(self) -> ssl.SSLContext:
        assert self.certs is not None, "start() the server first"
        return self.certs.client_context()

    def start(self) -> Self:
        self._tmp = tempfile.TemporaryDirectory(prefix="followthrough-smtp-")
        self.certs = Certs.make(Path(self._tmp.name))
        context = self.certs.server_context()
        kwargs: dict[str, Any] = {"server_hostname": "localhost", "auth_require_tls": True}
        if self.tls == "implicit":
            kwargs["ssl_context"] = context
        elif self.tls == "starttls":
            kwargs.update(tls_context=context, require_starttls=self._require_starttls)
        if self.user is not None:
            kwargs.update(auth_required=True, authenticator=self._authenticate)
        self.port = free_ports(1, self.host)[0]
        self._controller = _Controller(self, hostname=self.host, port=self.port, **kwargs)
        try:
            self._controller.start()
        except BaseException:
            self._controller.loop.close()
            self._controller = None
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Close every open connection, stop the loop and its thread; safe to call twice."""
        controller, self._controller = self._controller, None
        tmp, self._tmp = self._tmp, None
        try:
            if controller is not None:
                try:
                    closing = asyncio.run_coroutine_threadsafe(self._close_all(), controller.loop)
                    closing.result(10)
                finally:
                    controller.stop()
        finally:
            if tmp is not None:
                tmp.cleanup()

    async def _close_all(self) -> None:
        self._release()
        tasks = {s._handler_coroutine for s in self._live if s._handler_coroutine is not None}
        for smtp in list(self._live):
            if smtp.transport is not None:
                smtp.transport.close()
        if tasks:
            await asyncio.wait(tasks, timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = (
            mechanism in ("LOGIN", "PLAIN")
            and isinstance(data, LoginPassword)
            and data == (str(self.user).encode(), str(self.password).encode())
        )
        return AuthResult(success=ok, handled=False, auth_data=data)

    # what the tests see and steer
    @property
    def messages(self) -> list[Received]:
        with self._lock:
            return list(self._received)

    def message_ids(self) -> list[str | None]:
        """The Message-IDs of the accepted messages in order, repeats included."""
        return [m.message_id for m in self.messages]

    def count(self, message_id: str) -> int:
        """How many times a message with this Message-ID was accepted."""
        return self.message_ids().count(message_id)

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Received]:
        """Wait until at least `count` messages were accepted; return them all."""
        with self._lock:
            if not self._lock.wait_for(lambda: len(self._received) >= count, timeout):
                raise TimeoutError(f"{len(self._received)} of {count} messages after {timeout} s")
            return list(self._received)

    def fail_next(self, code: int, text: str, times: int = 1, stage: Stage = "data") -> None:
        """Answer the next `times` MAIL, RCPT or DATA commands with `code text` (queued in order,
        so fail_next(451, ...) then fail_next(554, ...) gives 451 first)."""
        with self._lock:
            self._failures[stage].extend([f"{code} {text}"] * times)

    def stall_after_data(self, times: int = 1) -> None:
        """After the 250 to the next DATA(s), read nothing more until release() or stop()."""
        with self._lock:
            self._after.extend(["stall"] * times)

    def drop_after_data(self, times: int = 1) -> None:
        """Close the connection right after the 250 to the next DATA(s)."""
        with self._lock:
            self._after.extend(["drop"] * times)

    def release(self) -> None:
        """Let the connections stalled so far go on."""
        if self._controller is not None:
            self._controller.loop.call_soon_threadsafe(self._release)

    def _release(self) -> None:
        self._released.set()
        self._released = asyncio.Event()

    def _take(self, stage: str) -> str | None:
        with self._lock:
            queue = self._failures[stage]
            return queue.popleft() if queue else None

    def _take_after(self) -> str | None:
        with self._lock:
            return self._after.popleft() if self._after else None

    def _record(self, received: Received) -> None:
        with self._lock:
            self._received.append(received)
            self._lock.notify_all()
