"""Mail in the browser and the API (TestClient on the demo search, a real SMTP server): the Mail
page saves and tests the account, Send on the draft editor goes once and asks why when a guard
warns, the Outbox lists it, the Inbox accepts and dismisses, the API answers the CLI's shapes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from followthrough.services import Service, demo
from followthrough.services.mail_read import Whole, full_read, read_messages
from followthrough.store import db
from followthrough.store.repo import Repo
from followthrough.web.app import WebConfig, create_app
from tests.mail.actions import warned_and_clean
from tests.mail.servers import SmtpServer

NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
BASE = "http://127.0.0.1:8765"


@pytest.fixture
def site(tmp_path: Path, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setenv("FOLLOWTHROUGH_SMTP_PASSWORD", smtp_server.password or "")
    monkeypatch.setenv("SSL_CERT_FILE", str(smtp_server.ca_file))
    path = tmp_path / "web.db"
    engine = db.open_database(db.sqlite_url(path), NOW)
    demo.fill(Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, NOW)), NOW))
    client = TestClient(create_app(WebConfig(path, clock=lambda: NOW)), base_url=BASE)
    client.get("/")
    post(client, "/mail/settings", mail_from="Alex Doe <alex@example.org>",
         mail_smtp_host="127.0.0.1", mail_smtp_port=str(smtp_server.port),
         mail_smtp_user=smtp_server.user or "")  # fmt: skip
    return client


def post(site: TestClient, url: str, **data: str) -> object:
    token = site.cookies.get("ft_csrf")
    assert token
    return site.post(url, data={"csrf_token": token, **data}, follow_redirects=True)


def svc(site: TestClient) -> Service:
    app = site.app
    return Service(Repo(app.state.engine, app.state.owner), NOW)  # type: ignore[attr-defined]


def actions_by_warning(site: TestClient) -> tuple[int, int]:
    """Return an e-mail action a guard warns about, and one it does not (0 when none)."""
    return warned_and_clean(svc(site))


def test_the_mail_page_keeps_the_account_and_tests_it(site: TestClient) -> None:
    page = site.get("/mail").text
    assert 'value="Alex Doe &lt;alex@example.org&gt;"' in page
    tested = post(site, "/mail/test")
    assert "ok · smtp: 127.0.0.1:" in tested.text  # type: ignore[attr-defined]
    assert "imap: not set up" in tested.text  # type: ignore[attr-defined]


def test_send_from_the_draft_goes_once_and_shows_in_the_outbox(
    site: TestClient, smtp_server: SmtpServer
) -> None:
    warned, clean = actions_by_warning(site)
    draft = site.get(f"/actions/{clean}/draft").text
    assert f'action="/actions/{clean}/send"' in draft
    sent = post(site, f"/actions/{clean}/send")
    assert sent.url.path == "/outbox"  # type: ignore[attr-defined]
    assert "sent" in sent.text  # type: ignore[attr-defined]
    post(site, f"/actions/{clean}/send")
    assert len(smtp_server.messages) == 1
    if warned:
        asked = post(site, f"/actions/{warned}/send")
        assert asked.status_code == 409  # type: ignore[attr-defined]
        assert 'name="override"' in asked.text  # type: ignore[attr-defined]
        post(site, f"/actions/{warned}/send", override="she asked me to write")
        assert len(smtp_server.messages) == 2
        assert "sent despite a warning: she asked me to write" in site.get("/outbox").text


def test_the_api_sends_and_lists_in_the_clis_shapes(site: TestClient) -> None:
    token = site.get("/api/v1/csrf").json()["token"]
    headers = {"X-CSRF-Token": token}
    _warned, clean = actions_by_warning(site)
    sent = site.post(f"/api/v1/actions/{clean}/send", headers=headers)
    assert sent.status_code == 200, sent.text
    assert sent.json()["state"] == "sent"
    listed = site.get("/api/v1/outbox").json()
    assert [m["id"] for m in listed] == [sent.json()["id"]]
    wrong = site.post(f"/api/v1/outbox/{listed[0]['id']}/resolve", json={"sent": True},
                      headers=headers)  # fmt: skip
    assert wrong.status_code == 409
    assert site.get("/api/v1/mail/settings").json()["mail_from"] == "Alex Doe <alex@example.org>"
    bad = site.put("/api/v1/mail/settings", json={"smtp_port": "0"}, headers=headers)
    assert bad.status_code == 422
    assert "--smtp-port" in bad.text


def test_the_inbox_page_accepts_and_dismisses(site: TestClient) -> None:
    s = svc(site)
    with full_read(s) as uow:
        app = uow.repo.application(uow.conn, 2)  # Globex: Tom Weber is its hiring contact
    reply = (b"From: Tom Weber <tom.weber@globex.example>\r\nTo: alex@example.org\r\n"
             b"Subject: Platform Engineer\r\nMessage-ID: <r1@globex.example>\r\n"
             b"Date: Thu, 19 Nov 2026 16:00:00 +0100\r\n\r\n"
             b"Thank you for your patience. We have decided to move forward with another "
             b"candidate whose experience is closer to what we need.\r\n")  # fmt: skip
    offer = (b"From: Tom Weber <tom.weber@globex.example>\r\nTo: alex@example.org\r\n"
             b"Subject: Second thoughts\r\nMessage-ID: <r2@globex.example>\r\n"
             b"Date: Thu, 19 Nov 2026 17:00:00 +0100\r\n\r\n"
             b"We would like to offer you the Platform Engineer position!\r\n")  # fmt: skip
    read_messages(s, [Whole("INBOX", False, reply), Whole("INBOX", False, offer)], "import")
    page = site.get("/inbox").text
    ids = re.findall(r'id="proposal-(\d+)"', page)
    assert len(ids) == 2
    assert "<strong>rejected</strong>" in page
    post(site, f"/inbox/{ids[1]}/dismiss")
    post(site, f"/inbox/{ids[0]}/accept")
    assert site.get("/inbox").text.count('class="proposal') == 0
    with full_read(svc(site)) as uow:
        assert uow.repo.application(uow.conn, 2).status.value == "rejected"
    assert app.company == "Globex"


def test_the_served_app_flushes_the_outbox_in_the_background(
    tmp_path: Path, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followthrough.services import mail as mail_
    from followthrough.services import outbox as box

    monkeypatch.setenv("FOLLOWTHROUGH_SMTP_PASSWORD", smtp_server.password or "")
    monkeypatch.setenv("SSL_CERT_FILE", str(smtp_server.ca_file))
    path = tmp_path / "bg.db"
    engine = db.open_database(db.sqlite_url(path), NOW)
    s = Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, NOW)), NOW)
    demo.fill(s)
    mail_.setup(s, {"mail_from": "Alex <alex@example.org>", "mail_smtp_host": "127.0.0.1",
                    "mail_smtp_port": str(smtp_server.port),
                    "mail_smtp_user": smtp_server.user or ""})  # fmt: skip
    smtp_server.fail_next(451, "4.7.0 greylisted")
    with TestClient(create_app(WebConfig(path, clock=lambda: NOW))) as plain:
        plain.get("/healthz")
    _warned, clean = warned_and_clean(s)
    queued = mail_.send(s, clean, None)
    assert queued.row["state"] == "queued"  # the 451: retried after its backoff
    later = NOW + box.BACKOFF[0]
    config = WebConfig(path, clock=lambda: later, outbox_every=0.05)
    with TestClient(create_app(config)) as served:
        served.get("/healthz")
        got = smtp_server.wait_for(1)  # the readiness signal: the server has it
    assert got[0].message_id == f"<{queued.row['message_id']}>"
