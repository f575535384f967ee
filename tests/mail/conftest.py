"""Fixtures for the e-mail tests: real servers (tests/mail/servers.py), never mocked protocols.

`dovecot` is the one scripts/test started for the whole run (FOLLOWTHROUGH_TEST_DOVECOT names
its directory); without it, each pytest process (each xdist worker) starts its own.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

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
