"""Real mail servers for the e-mail tests, no protocol mocked: an aiosmtpd SMTP server in a
thread (`SmtpServer`, smtp_server.py) and Debian's Dovecot IMAP server in a throwaway directory
(`Dovecot`, imap_server.py). Import them from here.

scripts/test starts one Dovecot for the whole pytest run (tests/mail/conftest.py uses it):
    python -m tests.mail.servers dovecot-start DIR   # prints FOLLOWTHROUGH_TEST_DOVECOT=DIR
    python -m tests.mail.servers dovecot-stop DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.mail.certs import HOST, Certs, free_ports
from tests.mail.imap_server import DOVECOT, Dovecot, ImapUser
from tests.mail.smtp_server import Received, SmtpServer, Stage

__all__ = [
    "DOVECOT", "ENV_VAR", "HOST", "Certs", "Dovecot", "ImapUser", "Received", "SmtpServer",
    "Stage", "free_ports", "main",
]

ENV_VAR = "FOLLOWTHROUGH_TEST_DOVECOT"


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("dovecot-start", "dovecot-stop"):
        print("usage: python -m tests.mail.servers dovecot-start|dovecot-stop DIR", file=sys.stderr)
        return 2
    directory = Path(argv[1]).resolve()
    if argv[0] == "dovecot-start":
        dovecot = Dovecot(directory).start()
        print(f"dovecot ready in {dovecot.startup_seconds:.2f} s: imap {dovecot.imap_port}, "
              f"imaps {dovecot.imaps_port}, log {dovecot.log_file}", file=sys.stderr)
        print(f"{ENV_VAR}={directory}")
    elif (directory / "instance.json").exists():
        Dovecot.attach(directory).stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
