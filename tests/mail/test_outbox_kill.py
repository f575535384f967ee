"""QUALITY.md reliability 8: the sender killed with SIGKILL at 100 random moments, a third of
them exactly between the SMTP server's 250 and our commit, against a real SMTP server (aiosmtpd
with STARTTLS and AUTH) that counts Message-IDs. Nothing is ever delivered twice, and nothing
is lost silently: a message delivered is `sent`, or `unknown` for the user to settle, never
`queued` again.

The sender is `outbox flush` in a forked child (the same code as the CLI's, without paying an
interpreter start per kill); `FOLLOWTHROUGH_KILL_POINTS` sets how many kills (default 100).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import random
import signal
import sys
import threading
import time
import warnings
from pathlib import Path
from typing import Any

import pytest

from followthrough.mail.compose import compose
from followthrough.services import mail as mail_
from followthrough.services import outbox as box
from followthrough.services.context import Context, open_local
from followthrough.services.mail_read import full_read
from tests.budget import examples
from tests.mail.servers import Received, SmtpServer

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
KILLS = int(os.environ.get("FOLLOWTHROUGH_KILL_POINTS", examples(50, 100)))

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL")


def _context(db: Path) -> Context:
    return Context(open_local(db, NOW), NOW, {"tz": "UTC"})


def _queue(ctx: Context, n: int) -> None:
    with ctx.write() as uow:
        for i in range(n):
            mid = f"kill-{uow.now.timestamp():.0f}-{len(uow.repo.outbox(uow.conn))}-{i}@x.example"
            raw = compose(sender_name="Alex", sender="alex@example.org", to_name="Ann",
                          to="ann@acme.example", subject=f"Note {mid}", body="Thank you.\n",
                          message_id=mid, when=NOW)  # fmt: skip
            uow.repo.queue_mail(uow.conn, uow.now, key=f"k:{mid}", message_id=mid,
                                recipient="ann@acme.example", subject=f"Note {mid}",
                                raw=raw.decode(), next_attempt_at=uow.now)  # fmt: skip


def _rows(ctx: Context) -> list[dict[str, Any]]:
    with full_read(ctx) as uow:
        return [dict(r) for r in uow.repo.outbox(uow.conn)]


def _flush_in_child(db: Path, server: SmtpServer) -> int:
    context = server.client_context()
    with warnings.catch_warnings():  # 3.12+ warns of fork with threads: the child uses none
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the sender: flush, then leave without running the parent's cleanup
        code = 0
        try:
            mail_.flush(_context(db), None, context)
        except BaseException:
            code = 1
        os._exit(code)
    return pid


def _check(rows: list[dict[str, Any]], server: SmtpServer) -> None:
    counts: dict[str, int] = {}
    for mid in server.message_ids():
        counts[mid or ""] = counts.get(mid or "", 0) + 1
    assert all(n == 1 for n in counts.values()), counts  # never twice
    for row in rows:
        delivered = counts.get(f"<{row['message_id']}>", 0)
        if row["state"] == "sent":
            assert delivered == 1, row
        elif delivered:  # delivered but not recorded: in doubt, for the user; never queued again
            assert row["state"] in ("sending", "unknown"), row


def test_killing_the_sender_anywhere_never_delivers_twice_nor_loses_silently(
    tmp_path: Path, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWTHROUGH_SMTP_PASSWORD", smtp_server.password or "")
    db = tmp_path / "kill.db"
    ctx = _context(db)
    mail_.setup(ctx, {"mail_from": "Alex <alex@example.org>", "mail_smtp_host": "127.0.0.1",
                      "mail_smtp_port": str(smtp_server.port),
                      "mail_smtp_user": smtp_server.user or ""})  # fmt: skip
    rng = random.Random(20261207)
    child = {"pid": 0}
    known = threading.Event()

    def kill_after_250(_received: Received) -> None:
        if known.wait(timeout=10):  # the pid is this round's child, never a stale one
            os.kill(child["pid"], signal.SIGKILL)

    for point in range(KILLS):
        if not any(r["state"] == "queued" for r in _rows(ctx)):
            _queue(ctx, 3)
        at_250 = point % 3 == 0
        smtp_server.on_accepted = kill_after_250 if at_250 else None
        known.clear()
        child["pid"] = pid = _flush_in_child(db, smtp_server)
        known.set()
        if not at_250:
            time.sleep(rng.uniform(0.0, 0.08))  # a random kill point, not a synchronisation
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        _check(_rows(ctx), smtp_server)
    smtp_server.on_accepted = None
    later = dataclasses.replace(ctx, now=NOW + box.LEASE + dt.timedelta(minutes=1))
    mail_.flush(later, None, smtp_server.client_context())  # a clean run settles the rest
    rows = _rows(ctx)
    _check(rows, smtp_server)
    assert {r["state"] for r in rows} <= {"sent", "unknown"}
    assert sum(r["state"] == "unknown" for r in rows) >= KILLS // 3 // 2  # the 250 kills showed
    assert sum(r["state"] == "sent" for r in rows) >= 1
