"""`serve` and `demo` start the real web server; `demo` opens a browser only on a desktop."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from followthrough.cli.commands import desktop_session


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_desktop_session_needs_a_display_on_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert desktop_session() is False  # never lynx/w3m in the user's terminal
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert desktop_session() is True
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.delenv("WAYLAND_DISPLAY")
    assert desktop_session() is True


def test_serve_answers_on_loopback_and_stops(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "FOLLOWTHROUGH_DB": str(tmp_path / "s.db"), "XDG_DATA_HOME": str(tmp_path)}
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("followthrough")), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz") as r:
                    assert r.read() == b"ok"
                    break
            except OSError:
                assert proc.poll() is None, "serve exited"
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as r:
            assert b"Today" in r.read()
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in out
