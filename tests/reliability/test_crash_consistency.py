"""QUALITY.md reliability 1 and 3: kill -9 mid-write, and many writers at once (SQLite)."""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.budget import examples

WRITER = Path(__file__).with_name("writer.py")
#: How long a child may take to import and migrate on a loaded machine (a bound, not a wait).
READY_TIMEOUT = 120.0
KILLS = int(os.environ.get("FOLLOWTHROUGH_KILLS", examples(40, 100)))


def _spawn(*args: str, text: bool = False) -> subprocess.Popen:  # type: ignore[type-arg]
    return subprocess.Popen(
        [sys.executable, str(WRITER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=text,
        cwd=Path(__file__).resolve().parents[2],
    )


def _read_until(fd: int, marker: bytes, timeout: float) -> bytes:
    """Return what the child wrote up to and including `marker` (fail after `timeout` s)."""
    seen = b""
    end = time.monotonic() + timeout
    while marker not in seen:
        left = end - time.monotonic()
        assert left > 0, f"the child never said {marker!r}: {seen[-200:]!r}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            data = os.read(fd, 65536)
            assert data, f"the child exited before {marker!r}: {seen[-200:]!r}"
            seen += data
    return seen


@pytest.mark.slow
def test_kill_minus_nine_never_half_applies(tmp_path: Path) -> None:
    """KILLS writers, each a fresh process forked from a zygote that imported everything once
    (writer.py), each SIGKILLed at a random moment while it commits."""
    path = tmp_path / "crash.db"
    rng = random.Random(20261124)
    acked: set[int] = set()
    log = (tmp_path / "zygote.log").open("wb")  # a file: a full pipe would stall the writers
    zygote = subprocess.Popen(
        [sys.executable, str(WRITER), "zygote", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    zygote_in = zygote.stdin.fileno()  # type: ignore[union-attr]
    out = zygote.stdout.fileno()  # type: ignore[union-attr]
    _read_until(out, b"zygote\n", READY_TIMEOUT)
    try:
        for k in range(KILLS):
            fifo = tmp_path / f"writer-{k}.fifo"
            os.mkfifo(fifo)
            os.write(zygote_in, f"{k * 1000} {fifo}\n".encode())
            pid = int(_read_until(out, b"\n", READY_TIMEOUT).decode())
            fd = os.open(fifo, os.O_RDONLY)  # until the child opens its end
            # wait for the child's readiness line (its database open, however busy the
            # machine is), then kill it at a random moment while it commits
            chunks: list[bytes] = [_read_until(fd, b"ready\n", READY_TIMEOUT)]
            deadline = time.monotonic() + rng.random() * 0.3
            while (left := deadline - time.monotonic()) > 0:
                ready, _, _ = select.select([fd], [], [], left)
                if ready:
                    data = os.read(fd, 65536)
                    if not data:
                        break
                    chunks.append(data)
            os.kill(pid, signal.SIGKILL)
            while data := os.read(fd, 65536):  # end of file once the child is gone
                chunks.append(data)
            os.close(fd)
            fifo.unlink()
            # only complete lines are acknowledgements
            buffer = b"".join(chunks).decode()
            if not buffer.endswith("\n"):
                buffer = buffer.rsplit("\n", 1)[0] if "\n" in buffer else ""
            for line in buffer.splitlines():
                if line.strip().isdigit():
                    acked.add(int(line))
    finally:
        zygote.kill()
        zygote.wait()
        zygote.stdin.close()  # type: ignore[union-attr]
        zygote.stdout.close()  # type: ignore[union-attr]
        log.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        apps = {row[0] for row in conn.execute("SELECT id FROM applications")}
        assert acked <= apps, f"acknowledged but lost: {sorted(acked - apps)[:5]}"
        # all or nothing: every application has its status event, its recruiter and its plan
        events = {r[0] for r in conn.execute("SELECT application_id FROM status_events")}
        planned = {r[0] for r in conn.execute("SELECT DISTINCT application_id FROM actions")}
        recruiters = conn.execute(
            "SELECT COUNT(*) FROM applications WHERE recruiter_id IS NULL"
        ).fetchone()[0]
        assert apps == events
        assert recruiters == 0
        # a fresh application has no interview yet, so its plan may be empty; the nudge is
        # user-wide. What must hold: no action points at a missing application.
        assert planned <= apps
    finally:
        conn.close()
    assert len(acked) >= KILLS // 2, "the writer barely committed anything; the test is not testing"


@pytest.mark.slow
def test_eight_concurrent_writers(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    # create the database first so the writers do not race on the migration
    subprocess.run(
        [sys.executable, str(WRITER), "contacts", str(path), "0", "init"],
        check=True,
        capture_output=True,
    )
    children = [_spawn("contacts", str(path), "500", f"w{i}", text=True) for i in range(8)]
    outputs = [c.communicate(timeout=300) for c in children]
    for child, (out, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err[-2000:]
        assert "locked" not in err
        assert out.strip() == "ok"
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT COUNT(*) FROM contacts").fetchone()[0] == 4000
        assert conn.execute("SELECT COUNT(DISTINCT email) FROM contacts").fetchone()[0] == 4000
    finally:
        conn.close()
