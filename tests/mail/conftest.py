"""Fixtures for the e-mail tests: real servers (tests/mail/servers.py), never mocked protocols.

`dovecot` is the one scripts/test started for the whole run (FOLLOWTHROUGH_TEST_DOVECOT names
its directory); without it, each pytest process (each xdist worker) starts its own.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from followthrough.services.context import Context
from tests.mail.servers import DOVECOT, ENV_VAR, Dovecot, ImapUser, SmtpServer


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A fresh SMTP server: STARTTLS required, then AUTH as `.user` / `.password`."""
    with SmtpServer(tls="starttls", user="sender", password=secrets.token_urlsafe(12)) as server:
        yield server


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    shared = os.environ.get(ENV_VAR)
    if shared:
        server = Dovecot.attach(Path(shared))
        if not server.running():
            raise RuntimeError(f"{ENV_VAR}={shared} names no running Dovecot")
        yield server
        return
    if not Path(DOVECOT).exists():
        if os.environ.get("CI"):
            raise RuntimeError("CI needs Debian's dovecot-imapd: scripts/test installs it")
        pytest.skip("no /usr/sbin/dovecot here (scripts/test installs dovecot-imapd)")
    directory = Path(tempfile.mkdtemp(prefix="followthrough-dovecot-"))
    server = Dovecot(directory).start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def imap_user(dovecot: Dovecot) -> ImapUser:
    """A new user with a random name and password: no test sees another's mail."""
    return dovecot.add_user()


#: The moment of the demo searches the mail tests send from.
DEMO_NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def smtp_ctx(tmp_path: Path, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> Context:
    """A demo search (at DEMO_NOW, in Brussels) whose mail goes to `smtp_server`."""
    from followthrough.services import demo
    from followthrough.services import mail as mail_
    from followthrough.services.context import open_local

    monkeypatch.setenv("FOLLOWTHROUGH_SMTP_PASSWORD", smtp_server.password or "")
    context = Context(open_local(tmp_path / "f.db", DEMO_NOW), DEMO_NOW, {"tz": "Europe/Brussels"})
    demo.fill(context)
    mail_.setup(context, {"mail_from": "Alex Doe <alex@example.org>", "mail_smtp_host": "127.0.0.1",
                          "mail_smtp_port": str(smtp_server.port),
                          "mail_smtp_user": smtp_server.user or ""})  # fmt: skip
    return context
