"""The mail commands as a user runs them (the installed script, a real SMTP server, a real
SQLite file): setup and test in one line each, send after the guards, the outbox, an mbox
import with its JSON shape, the inbox, the digest once a day."""

from __future__ import annotations

import json
import mailbox
from pathlib import Path

import pytest

from followthrough.services.context import Context, open_local
from tests.cli.conftest import Ft
from tests.mail.actions import warned_and_clean
from tests.mail.servers import SmtpServer
from tests.mail_corpus import harness

NOW = "2026-12-01T10:00+01:00"


@pytest.fixture
def ft(tmp_path: Path) -> Ft:
    return Ft(tmp_path / "ft.db", NOW)


@pytest.fixture
def mailer(ft: Ft, smtp_server: SmtpServer) -> dict[str, str]:
    """A demo database set up to send through `smtp_server`; return the environment."""
    assert ft("--db", str(ft.db), "demo", "--no-serve").code == 0
    setup = ft("mail", "setup", "--from", "Alex Doe <alex@example.org>", "--smtp-host",
               "127.0.0.1", "--smtp-port", str(smtp_server.port), "--smtp-user",
               smtp_server.user or "")  # fmt: skip
    assert setup.code == 0, setup.err
    return {"FOLLOWTHROUGH_SMTP_PASSWORD": smtp_server.password or "",
            "SSL_CERT_FILE": str(smtp_server.ca_file)}  # fmt: skip


def test_setup_fills_a_known_provider_and_never_stores_a_password(ft: Ft) -> None:
    assert ft("init", "--tz", "Europe/Brussels", "--country", "BE").code == 0
    got = ft("mail", "setup", "--from", "Alex Doe <alex@gmail.com>", "--json",
             env={"FOLLOWTHROUGH_SMTP_PASSWORD": "s3cret-pw"}).json()  # fmt: skip
    settings = got["settings"]
    assert settings["mail_smtp_host"] == "smtp.gmail.com"
    assert settings["mail_imap_host"] == "imap.gmail.com"
    assert settings["mail_smtp_port"] == "587"
    assert b"s3cret-pw" not in ft.db.read_bytes()


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--from", "Alex <a@x.example>", "--smtp-host", "h", "--smtp-security", "ssl"],
         "--smtp-security"),
        (["--from", "Alex <a@x.example>", "--smtp-host", "h", "--smtp-port", "99999"],
         "--smtp-port"),
        (["--from", "nobody"], "--from"),
        (["--from", "Alex <alex@unknown-provider.example>"], "--smtp-host"),
    ],
)  # fmt: skip
def test_bad_settings_are_one_line_naming_the_option(ft: Ft, args: list[str], field: str) -> None:
    assert ft("init", "--tz", "UTC").code == 0
    run = ft("mail", "setup", *args)
    assert run.code == 1
    assert run.err_lines[0].startswith(f"error: {field}: ")
    assert len(run.err_lines) == 1


def test_mail_test_says_what_works_and_what_fails_in_one_line_each(
    ft: Ft, mailer: dict[str, str], smtp_server: SmtpServer
) -> None:
    good = ft("mail", "test", "--json", env=mailer).json()
    assert good[0] == {"check": "smtp", "ok": True,
                       "detail": f"127.0.0.1:{smtp_server.port} accepted the login"}  # fmt: skip
    wrong = ft("mail", "test", env={**mailer, "FOLLOWTHROUGH_SMTP_PASSWORD": "nope"})
    assert wrong.code == 1
    assert "FAIL smtp: authentication: " in wrong.out
    untrusted = ft("mail", "test", env={**mailer, "SSL_CERT_FILE": "/nonexistent.pem"})
    assert "FAIL smtp: TLS: " in untrusted.out
    assert ft("mail", "setup", "--smtp-port", "1").code == 0
    closed = ft("mail", "test", env=mailer)
    assert "FAIL smtp: connection: nothing listens on 127.0.0.1:1" in closed.out


def _warned_and_clean(ft: Ft) -> tuple[int, int]:
    import datetime as dt

    now = dt.datetime.fromisoformat(NOW)
    return warned_and_clean(Context(open_local(ft.db, now), now))


def test_send_goes_once_and_a_guards_warning_needs_a_reason(
    ft: Ft, mailer: dict[str, str], smtp_server: SmtpServer
) -> None:
    warned, clean = _warned_and_clean(ft)
    sent = ft("send", str(clean), "--json", env=mailer).json()
    assert sent["state"] == "sent"
    assert smtp_server.count(f"<{sent['message_id']}>") == 1
    again = ft("send", str(clean), "--json", env=mailer).json()
    assert again["already"] is True
    assert smtp_server.count(f"<{sent['message_id']}>") == 1
    if warned:
        refused = ft("send", str(warned), env=mailer)
        assert refused.code == 1
        assert refused.err_lines[0].startswith("error: override: ")
        assert "--override REASON" in refused.err_lines[0]
        forced = ft("send", str(warned), "--override", "she asked me to", "--json", env=mailer)
        assert forced.json()["override"] == "she asked me to"
    listed = ft("outbox", "--json").json()
    assert {r["state"] for r in listed} == {"sent"}
    not_unknown = ft("outbox", "resolve", str(listed[0]["id"]), "--sent")
    assert not_unknown.code == 1
    assert "only an unknown one needs resolving" in not_unknown.err


def test_a_subject_with_a_line_break_is_refused_before_queueing(
    ft: Ft, mailer: dict[str, str]
) -> None:
    _warned, clean = _warned_and_clean(ft)
    import datetime as dt

    now = dt.datetime.fromisoformat(NOW)
    ctx = Context(open_local(ft.db, now), now)
    with ctx.write() as uow:
        uow.repo.set_action(uow.conn, clean, edited=True, draft_subject="Hi\nBcc: all@x.example",
                            draft_body="Dear Ann,\n\nThank you.\n\nBest,\nAlex\n")  # fmt: skip
    run = ft("send", str(clean), env=mailer)
    assert run.code == 1
    assert run.err_lines == ["error: subject: holds a line break or a control character, which "
                             "would let it add mail headers; write it on one line"]  # fmt: skip
    assert ft("outbox", "--json").json() == []


@pytest.fixture
def imported(tmp_path: Path) -> tuple[Ft, Path, dict[str, int]]:
    """A corpus set's world, and its mailbox exported as an mbox file."""
    name = "am"
    ctx, ids = harness.build_copy(name, tmp_path / "world.db")
    box = mailbox.mbox(tmp_path / "export.mbox")
    for label in harness.labels(name):
        msg = mailbox.mboxMessage((harness.HERE / name / label["file"]).read_bytes())
        if label.get("folder") == "Sent":
            msg["X-Gmail-Labels"] = "Sent"
        box.add(msg)
    box.close()
    return Ft(tmp_path / "world.db", harness.world(name)["now"]), tmp_path / "export.mbox", ids


def test_an_mbox_import_prints_the_documented_shape_and_a_second_one_logs_nothing(
    imported: tuple[Ft, Path, dict[str, int]],
) -> None:
    ft, path, _ids = imported
    got = ft("mail", "import", str(path), "--json").json()
    assert set(got) == {"scanned", "logged", "ignored", "proposals"}
    assert got["scanned"] == len(harness.labels("am"))
    assert set(got["logged"][0]) == {"message_id", "application_id", "contact_id", "direction",
                                     "action_id"}  # fmt: skip
    reasons = {"auto-reply", "list", "unknown-sender", "ambiguous", "bounce", "duplicate"}
    assert {i["reason"] for i in got["ignored"]} <= reasons
    assert set(got["proposals"][0]) == {"id", "message_id", "application_id", "proposal",
                                        "confidence", "details"}  # fmt: skip
    again = ft("mail", "import", str(path), "--json").json()
    assert again["logged"] == []
    assert {i["reason"] for i in again["ignored"]} == {"duplicate"}
    missing = ft("mail", "import", str(path.with_name("nope.mbox")))
    assert missing.code == 1
    assert missing.err_lines[0].startswith("error: FILE: ")


def test_the_inbox_accepts_and_dismisses_what_mail_proposed(
    imported: tuple[Ft, Path, dict[str, int]],
) -> None:
    ft, path, ids = imported
    assert ft("mail", "import", str(path)).code == 0
    waiting = ft("inbox", "--json").json()
    rejection = next(p for p in waiting if p["proposal"] == "rejected")
    app = rejection["application_id"]
    before = next(a for a in ft("app", "list", "--all", "--json").json() if a["id"] == app)
    accepted = ft("inbox", "accept", str(rejection["id"]), "--json").json()
    assert accepted["state"] == "accepted"
    after = next(a for a in ft("app", "list", "--all", "--json").json() if a["id"] == app)
    assert after["status"] == "rejected" or before["status"] == "rejected"
    other = next(p for p in waiting if p["id"] != rejection["id"])
    assert ft("inbox", "dismiss", str(other["id"]), "--json").json()["state"] == "dismissed"
    left = {p["id"] for p in ft("inbox", "--json").json()}
    assert rejection["id"] not in left
    assert other["id"] not in left
    twice = ft("inbox", "accept", str(rejection["id"]))
    assert twice.code == 1
    assert "already accepted" in twice.err
    assert json.loads(ft("inbox", "--all", "--json").out)


def test_the_digest_goes_once_a_day(
    ft: Ft, mailer: dict[str, str], smtp_server: SmtpServer
) -> None:
    first = ft("digest", "--json", env=mailer).json()
    assert first["sent"] is True
    second = ft("digest", "--json", env=mailer).json()
    assert second["sent"] is False
    assert "one a day" in second["message"]
    assert len(smtp_server.messages) == 1
    tomorrow = ft("digest", "--json", now="2026-12-02T10:00+01:00", env=mailer).json()
    assert tomorrow["sent"] is True


def test_an_interview_is_accepted_at_the_time_typed_with_edit(
    imported: tuple[Ft, Path, dict[str, int]],
) -> None:
    ft, path, _ids = imported
    assert ft("mail", "import", str(path)).code == 0
    interview = next(p for p in ft("inbox", "--json").json() if p["proposal"] == "interview")
    run = ft("inbox", "accept", str(interview["id"]), "--edit", stdin="2026-12-18 09:30\n")
    assert run.code == 0, run.err
    plan = ft("app", "show", str(interview["application_id"]), "--json").json()
    starts = [iv["start"] for iv in plan["interviews"]]
    assert any(s.startswith("2026-12-18T09:30") for s in starts), starts


def test_a_maildir_with_its_sent_folder_reads_like_the_mbox(
    imported: tuple[Ft, Path, dict[str, int]], tmp_path: Path
) -> None:
    ft, mbox_path, _ids = imported
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    sent = box.add_folder("Sent")
    for label in harness.labels("am"):
        raw = (harness.HERE / "am" / label["file"]).read_bytes()
        (sent if label.get("folder") == "Sent" else box).add(mailbox.MaildirMessage(raw))
    got = ft("mail", "import", str(tmp_path / "Maildir"), "--json").json()
    assert got["scanned"] == len(harness.labels("am"))
    outbound = {x["message_id"] for x in got["logged"] if x["direction"] == "out"}
    assert outbound
    again = ft("mail", "import", str(mbox_path), "--json").json()
    assert again["logged"] == []
    not_a_box = ft("mail", "import", str(tmp_path))
    assert not_a_box.code == 1
    assert "not a Maildir" in not_a_box.err
