"""`mail sync` against a real Dovecot (IMAPS, a fresh user per test), seeded over IMAP APPEND
with one of the corpus's mailboxes: the first sync reads 60 days back, a second reads nothing,
a new reply is read and logged once, headers come first, and a stale UIDVALIDITY re-reads
without logging anything twice."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
from pathlib import Path
from typing import Any

import pytest

from followthrough.services import mail as mail_
from followthrough.services.mail_read import full_read
from tests.mail.servers import Dovecot, ImapUser
from tests.mail_corpus import harness

SET = "eu"


@pytest.fixture
def synced(
    tmp_path: Path, dovecot: Dovecot, imap_user: ImapUser, monkeypatch: pytest.MonkeyPatch
) -> tuple[Any, list[tuple[dt.datetime, str]]]:
    """The corpus set's world, with its mailbox seeded into Dovecot and mail set up on it;
    return the context and each seeded message's (date, folder)."""
    ctx, _ids = harness.build_copy(SET, tmp_path / "sync.db")
    seeded = []
    for label in harness.labels(SET):
        raw = (harness.HERE / SET / label["file"]).read_bytes()
        folder = "Sent" if label.get("folder") == "Sent" else "INBOX"
        when = email.utils.parsedate_to_datetime(_date(raw))
        dovecot.append(imap_user, folder, raw, flags=["\\Seen"], when=when)
        seeded.append((when, folder))
    monkeypatch.setenv("FOLLOWTHROUGH_IMAP_PASSWORD", imap_user.password)
    mail_.setup(ctx, {"mail_imap_host": dovecot.host, "mail_imap_port": str(dovecot.imaps_port),
                      "mail_imap_security": "tls", "mail_imap_user": imap_user.name,
                      "mail_sent_folder": "Sent"})  # fmt: skip
    return ctx, seeded


def _date(raw: bytes) -> str:
    for line in raw.split(b"\n"):
        if line.lower().startswith(b"date:"):
            return line[5:].decode().strip()
    raise AssertionError("no Date header")


def _exchanges(ctx: Any) -> int:
    with full_read(ctx) as uow:
        return sum(
            len(uow.repo.interactions(uow.conn, a)) for a in uow.repo.application_ids(uow.conn)
        )


def test_a_first_sync_reads_sixty_days_then_only_what_is_new(
    synced: tuple[Any, list[tuple[dt.datetime, str]]], dovecot: Dovecot, imap_user: ImapUser
) -> None:
    ctx, seeded = synced
    since = (ctx.now - mail_.FIRST_SYNC).date()
    first = mail_.sync(ctx, dovecot.client_context())
    assert first.report.scanned == sum(1 for when, _ in seeded if when.date() >= since)
    assert first.report.logged
    assert 0 < first.fetched <= first.total  # headers of all, bodies only of those that need them
    logged = _exchanges(ctx)
    later = dataclasses.replace(ctx, now=ctx.now + dt.timedelta(hours=1))
    again = mail_.sync(later, dovecot.client_context())
    assert again.report.scanned == 0
    assert _exchanges(ctx) == logged


def test_a_new_reply_is_read_and_logged_once(
    synced: tuple[Any, list[tuple[dt.datetime, str]]], dovecot: Dovecot, imap_user: ImapUser
) -> None:
    ctx, _seeded = synced
    mail_.sync(ctx, dovecot.client_context())
    world = harness.world(SET)
    ours = world["sent"][-1]
    contact = ours["to"]
    reply = (
        f"From: {contact}\r\nTo: {world['me'][0]}\r\nSubject: Re: {ours.get('subject', 'hi')}\r\n"
        f"Date: {email.utils.format_datetime(ctx.now)}\r\nMessage-ID: <new-reply@x.example>\r\n"
        f"In-Reply-To: {ours['message_id']}\r\n\r\nThanks, we will be in touch soon.\r\n"
    ).encode()
    dovecot.append(imap_user, "INBOX", reply, when=ctx.now)
    later = dataclasses.replace(ctx, now=ctx.now + dt.timedelta(hours=1))
    before = _exchanges(ctx)
    got = mail_.sync(later, dovecot.client_context())
    assert got.report.scanned == 1
    assert [x["message_id"] for x in got.report.logged] == ["new-reply@x.example"]
    assert _exchanges(ctx) == before + 1


def test_a_stale_uidvalidity_reads_again_and_logs_nothing_twice(
    synced: tuple[Any, list[tuple[dt.datetime, str]]], dovecot: Dovecot
) -> None:
    ctx, seeded = synced
    since = (ctx.now - mail_.FIRST_SYNC).date()
    mail_.sync(ctx, dovecot.client_context())
    logged = _exchanges(ctx)
    with ctx.write() as uow:
        mark = uow.repo.folder_mark(uow.conn, "INBOX")
        assert mark is not None
        uow.repo.set_folder_mark(uow.conn, "INBOX", mark["uidvalidity"] + 1, 0, uow.now)
    again = mail_.sync(ctx, dovecot.client_context())
    inbox = sum(1 for when, folder in seeded if folder == "INBOX" and when.date() >= since)
    assert again.report.scanned == inbox  # INBOX read again from the date, Sent not
    assert again.report.logged == []
    assert {i["reason"] for i in again.report.ignored} == {"duplicate"}
    assert _exchanges(ctx) == logged


def test_a_wrong_password_is_one_line_naming_authentication(
    synced: tuple[Any, list[tuple[dt.datetime, str]]], dovecot: Dovecot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    ctx, _seeded = synced
    monkeypatch.setenv("FOLLOWTHROUGH_IMAP_PASSWORD", "wrong")
    with pytest.raises(Exception, match="^imap: authentication: ") as caught:
        mail_.sync(ctx, dovecot.client_context())
    assert "\n" not in str(caught.value)
