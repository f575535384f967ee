"""A real IMAP server for the tests: Debian's Dovecot (dovecot-imapd) with a throwaway
configuration, ports, users and maildirs in one directory. Import it from tests.mail.servers."""

from __future__ import annotations

import datetime as dt
import grp
import imaplib
import json
import os
import pwd
import re
import secrets
import signal
import socket
import ssl
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from tests.mail.certs import HOST, Certs, free_ports

DOVECOT = "/usr/sbin/dovecot"


@dataclass(frozen=True)
class ImapUser:
    name: str
    password: str


CONFIG = """\
# A throwaway Dovecot for Followthrough's tests; nothing of /etc/dovecot is read.
instance_name = followthrough-test-{token}
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = {host}
ssl = required
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = yes
auth_mechanisms = plain login
auth_verbose = yes
auth_failure_delay = 0
first_valid_uid = 1
mail_location = maildir:~/Maildir
# One passwd-file per user: Dovecot re-reads a changed passwd-file at most once a second, but
# opens a file it has not seen at once, so a user added now can log in now.
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {d}/passwd.d/%u
}}
userdb {{
  driver = passwd-file
  args = {d}/passwd.d/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
protocol imap {{
  mail_max_userip_connections = 50
}}
service imap-login {{
  inet_listener imap {{
    port = {imap_port}
  }}
  inet_listener imaps {{
    port = {imaps_port}
    ssl = yes
  }}{chroot}
}}
# No growing delay for 127.0.0.1 after failed logins: a test's wrong password would slow down
# the logins of every other test of the run.
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}{chroot}
}}
{rootless}"""

ROOTLESS = """\
default_login_user = {user}
default_internal_user = {user}
default_internal_group = {group}
"""


class Dovecot:
    """Debian's Dovecot with its own configuration, ports, users and mail under `directory`."""

    def __init__(self, directory: Path, *, host: str = HOST) -> None:
        self.directory = directory.resolve()
        self.host = host
        self.imap_port = self.imaps_port = 0
        self.startup_seconds = 0.0
        d = self.directory
        self.config_file, self.passwd_dir = d / "dovecot.conf", d / "passwd.d"
        self.log_file, self.ca_file = d / "dovecot.log", d / "ca.pem"
        self.info_file, self.pid_file = d / "instance.json", d / "run" / "master.pid"

    @classmethod
    def attach(cls, directory: Path) -> Dovecot:
        """The instance another process started in `directory` (see instance.json)."""
        info = json.loads((Path(directory) / "instance.json").read_text())
        dovecot = cls(Path(directory), host=info["host"])
        dovecot.imap_port, dovecot.imaps_port = info["imap_port"], info["imaps_port"]
        dovecot.startup_seconds = info["startup_seconds"]
        return dovecot

    def start(self, timeout: float = 30.0) -> Self:
        if not Path(DOVECOT).exists():
            raise RuntimeError(f"{DOVECOT} is missing: apt-get install dovecot-imapd")
        if self.running():
            raise RuntimeError(f"a dovecot already runs in {self.directory}")
        started = time.monotonic()
        self._prepare()
        self.pid_file.unlink(missing_ok=True)  # left by a killed one: only the new one's counts
        for _ in range(3):  # another process may take a port between our check and dovecot's
            self.imap_port, self.imaps_port = free_ports(2, self.host)
            self._write_config()
            with (self.directory / "startup.log").open("w+b") as err:
                run = subprocess.run(
                    [DOVECOT, "-c", str(self.config_file)],
                    stdin=subprocess.DEVNULL, stdout=err, stderr=err, timeout=timeout, check=False,
                )
                err.seek(0)
                output = err.read().decode(errors="replace")
            if run.returncode == 0:
                break
            if "Address already in use" not in output:
                raise RuntimeError(f"dovecot failed ({run.returncode}):\n{output}")
        else:
            raise RuntimeError(f"dovecot found no free ports:\n{output}")
        try:
            self._wait_ready(started + timeout)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - started
        info = {"host": self.host, "imap_port": self.imap_port, "imaps_port": self.imaps_port,
                "ca_file": str(self.ca_file), "passwd_file": f"{self.passwd_dir}/%u",
                "log_file": str(self.log_file), "startup_seconds": self.startup_seconds}
        self.info_file.write_text(json.dumps(info, indent=2) + "\n")
        return self

    def _prepare(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        mail = self.directory / "mail"
        mail.mkdir(exist_ok=True)
        if os.geteuid() == 0:  # the mail processes run as nobody and must reach their homes
            self.directory.chmod(0o711)
            for parent in self.directory.parents:
                if not parent.stat().st_mode & 0o001:
                    raise RuntimeError(f"{parent} is not searchable by others: use another DIR")
            os.chown(mail, *self._mail_ids())
        mail.chmod(0o700)
        Certs.make(self.directory)
        self.passwd_dir.mkdir(exist_ok=True)
        self.passwd_dir.chmod(0o755)  # read by the auth process (user dovecot)

    def _mail_ids(self) -> tuple[int, int]:
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            return nobody.pw_uid, nobody.pw_gid
        return os.getuid(), os.getgid()

    def _write_config(self) -> None:
        chroot, rootless = "", ""
        if os.geteuid() != 0:  # Dovecot's rootless mode: every process runs as this user
            chroot = "\n  chroot ="
            user, group = pwd.getpwuid(os.getuid()).pw_name, grp.getgrgid(os.getgid()).gr_name
            rootless = ROOTLESS.format(user=user, group=group)
        self.config_file.write_text(CONFIG.format(
            token=secrets.token_hex(4), d=self.directory, host=self.host, chroot=chroot,
            imap_port=self.imap_port, imaps_port=self.imaps_port, rootless=rootless))

    def _wait_ready(self, deadline: float) -> None:
        """Poll both ports until each answers with the IMAP greeting (imaps after TLS)."""
        context = self.client_context()
        for port, tls in ((self.imap_port, False), (self.imaps_port, True)):
            while True:
                try:
                    with socket.create_connection((self.host, port), timeout=2) as raw:
                        sock = context.wrap_socket(raw, server_hostname=self.host) if tls else raw
                        with sock:
                            if sock.recv(200).startswith(b"* OK"):
                                break
                except OSError:
                    pass
                gone = self.pid_file.exists() and not self.running()  # the daemon writes it late
                if gone or time.monotonic() > deadline:
                    raise RuntimeError(f"dovecot did not come up:\n{self.log_tail()}")
                time.sleep(0.02)

    def _master_pid(self) -> int | None:
        """The master's pid while it runs (zombies and reused pids count as gone)."""
        try:
            pid = int(self.pid_file.read_text().split()[0])
            stat = Path(f"/proc/{pid}/stat").read_text()
        except (OSError, ValueError, IndexError):
            return None
        name, rest = stat[stat.index("(") + 1 :].rsplit(")", 1)
        return pid if name == "dovecot" and rest.split()[0] != "Z" else None

    def running(self) -> bool:
        return self._master_pid() is not None

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM to the master, then wait until it is gone; removes no file. Idempotent."""
        pid = self._master_pid()
        if pid is None:
            return
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self._master_pid() is not None:
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                raise RuntimeError(f"dovecot did not stop in {timeout} s:\n{self.log_tail()}")
            time.sleep(0.02)

    def log_tail(self, lines: int = 30) -> str:
        text = ""
        for path in (self.directory / "startup.log", self.log_file):
            if path.exists():
                text += "".join(path.read_text(errors="replace").splitlines(True)[-lines:])
        return text

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca_file))

    def add_user(self, name: str | None = None, password: str | None = None) -> ImapUser:
        """A new user, usable at once by every process; it has INBOX and Sent (\\Sent)."""
        user = ImapUser(name or f"u{secrets.token_hex(6)}", password or secrets.token_urlsafe(12))
        bad_name = not re.fullmatch(r"\w[\w.@-]*", user.name, re.ASCII)
        if bad_name or re.search(r"[:\s]", user.password):
            raise ValueError(f"unusable user name or password: {user.name!r}")
        uid, gid = self._mail_ids()
        home = self.directory / "mail" / user.name
        tmp = self.passwd_dir / f".{user.name}.{secrets.token_hex(4)}"
        tmp.write_text(f"{user.name}:{{PLAIN}}{user.password}:{uid}:{gid}::{home}::\n")
        tmp.chmod(0o644)
        try:
            os.link(tmp, self.passwd_dir / user.name)  # complete, and never over another's
        except FileExistsError:
            raise ValueError(f"user {user.name} exists") from None
        finally:
            tmp.unlink()
        return user

    def connect(self, user: ImapUser, *, implicit_tls: bool = False) -> imaplib.IMAP4:
        """An imaplib client logged in as `user` over STARTTLS (or implicit TLS)."""
        context = self.client_context()
        if implicit_tls:
            imap: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                self.host, self.imaps_port, ssl_context=context, timeout=30
            )
        else:
            imap = imaplib.IMAP4(self.host, self.imap_port, timeout=30)
        try:
            if not implicit_tls:
                imap.starttls(ssl_context=context)
            imap.login(user.name, user.password)
        except BaseException:
            imap.shutdown()
            raise
        return imap

    def append(
        self,
        user: ImapUser,
        folder: str,
        raw: bytes,
        flags: Iterable[str] = (),
        when: dt.datetime | None = None,
    ) -> int:
        """Seed `raw` into `folder` with IMAP APPEND; return its UID (UIDPLUS)."""
        imap = self.connect(user)
        try:
            quoted = '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'
            flag_list = " ".join(flags)
            date = imaplib.Time2Internaldate(when) if when is not None else None
            typ, data = imap.append(quoted, f"({flag_list})" if flag_list else None, date, raw)
            found = re.search(rb"APPENDUID \d+ (\d+)", data[0] or b"")
            if typ != "OK" or found is None:
                raise RuntimeError(f"APPEND to {folder} failed: {typ} {data}")
            return int(found[1])
        finally:
            imap.logout()
