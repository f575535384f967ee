"""Loopback ports and TLS for the test mail servers: a trustme CA the clients can trust."""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass
from pathlib import Path

import trustme

HOST = "127.0.0.1"


def free_ports(count: int = 1, host: str = HOST) -> list[int]:
    """Ports free on `host` right now: bound to port 0 together (so distinct), then closed."""
    socks = [socket.socket() for _ in range(count)]
    try:
        for s in socks:
            s.bind((host, 0))
        return [int(s.getsockname()[1]) for s in socks]
    finally:
        for s in socks:
            s.close()


@dataclass(frozen=True)
class Certs:
    """A trustme CA and a certificate for localhost and 127.0.0.1 it signed, as PEM files."""

    ca_file: Path
    cert_file: Path
    key_file: Path

    @classmethod
    def make(cls, directory: Path) -> Certs:
        ca = trustme.CA()
        cert = ca.issue_cert("localhost", HOST)
        certs = cls(directory / "ca.pem", directory / "cert.pem", directory / "key.pem")
        ca.cert_pem.write_to_path(str(certs.ca_file))
        certs.cert_file.write_bytes(b"".join(pem.bytes() for pem in cert.cert_chain_pems))
        cert.private_key_pem.write_to_path(str(certs.key_file))
        certs.key_file.chmod(0o600)
        return certs

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context

    def client_context(self) -> ssl.SSLContext:
        """A client context that trusts the test CA (and checks the host name)."""
        return ssl.create_default_context(cafile=str(self.ca_file))
