"""`serve` and `demo` start the real web server; `demo` opens a browser only on a desktop."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from followthrough.cli.commands.serve import desktop_session


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


#: How long `serve` may take to answer on a loaded machine (a bound on the wait, not a wait).
START_TIMEOUT = 60.0


def _serve(
    tmp_path: Path, port: int, command: tuple[str, ...] = ("serve",), **streams: Any
) -> subprocess.Popen:  # type: ignore[type-arg]
    """Start `followthrough COMMAND` on `port` and return it once /healthz answers."""
    env = {**os.environ, "FOLLOWTHROUGH_DB": str(tmp_path / "s.db"), "XDG_DATA_HOME": str(tmp_path)}
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("followthrough")), *command, "--port", str(port)],
        env=env,
        **streams,
    )
    deadline = time.monotonic() + START_TIMEOUT
    while True:  # ready when it answers: poll the readiness signal
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz") as r:
                assert r.read() == b"ok"
                return proc
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise AssertionError("serve did not start") from None
            time.sleep(0.05)


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
    proc = _serve(tmp_path, port, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as r:
            assert b"Today" in r.read()
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in out


#: What a client tries to post (issue 9 item 2): far more than the app should ever hold.
HUGE = 1536 * 1024 * 1024
#: The peak resident memory `serve` may reach meanwhile.
PEAK_RSS = 150 * 1024 * 1024


def _peak_rss(pid: int) -> int:
    """Return the peak resident set size of process `pid`, in bytes (Linux: VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


def _post_huge(port: int, chunked: bool) -> bytes:
    """Post HUGE bytes (made as they are sent, never held) until the server answers; return
    the answer's status line and headers."""
    head = (
        f"POST /api/v1/lint HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Content-Type: application/json\r\n"
        + ("Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {HUGE}\r\n")
        + "\r\n"
    )
    block = b"x" * (1024 * 1024)
    piece = b"%x\r\n%s\r\n" % (len(block), block) if chunked else block
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(head.encode())
        sent = 0
        try:
            while sent < HUGE:
                readable, _, _ = select.select([s], [], [], 0)
                if readable:
                    break  # the server answered before the end: stop sending
                s.sendall(piece)
                sent += len(block)
        except (BrokenPipeError, ConnectionResetError):
            pass  # it answered and closed the connection: the answer is still to be read
        answer = b""
        while b"\r\n\r\n" not in answer:
            data = s.recv(65536)
            if not data:
                break
            answer += data
    assert sent < HUGE, "the server read the whole body"
    return answer


def test_serve_refuses_a_huge_body_without_holding_it(tmp_path: Path) -> None:
    port = _free_port()
    proc = _serve(tmp_path, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for chunked in (False, True):
            answer = _post_huge(port, chunked)
            assert answer.startswith(b"HTTP/1.1 413 "), (chunked, answer[:200])
            assert proc.poll() is None
        peak = _peak_rss(proc.pid)
        assert peak < PEAK_RSS, f"peak RSS {peak / 2**20:.0f} MiB"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz") as r:  # still serving
            assert r.read() == b"ok"
    finally:
        proc.terminate()
        proc.communicate(timeout=10)


def test_demo_with_no_terminal_still_serves_and_says_where(tmp_path: Path) -> None:
    """The README's first command: demo data, then the web app, with or without a terminal."""
    port = _free_port()
    proc = _serve(tmp_path, port, ("demo", "--no-open"), stdin=subprocess.DEVNULL,
                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as r:
            page = r.read().decode()
        assert "Globex" in page  # the demo's search
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=60)
    text = out.decode()
    assert "Demo database:" in text
    assert f"http://127.0.0.1:{port}/" in text
    assert (tmp_path / "followthrough" / "followthrough-demo.db").exists() or list(
        tmp_path.rglob("followthrough-demo.db")
    )


def test_demo_no_serve_just_prints(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    env.pop("FOLLOWTHROUGH_DB", None)
    done = subprocess.run(
        [str(Path(sys.executable).with_name("followthrough")), "demo", "--no-serve"],
        env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Demo database:" in done.stdout
    assert "127.0.0.1" not in done.stdout
