"""QUALITY.md security 16 for mail: any bytes, and any mangling of real messages, parse into a
`Mail` and go through the matcher and the proposals without an exception; a DSN names its
failed address; quoted mail is cut from what the sender wrote."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followthrough.domain.mail_headers import robot_by_words, robot_reason
from followthrough.domain.mail_match import World, match
from followthrough.domain.mail_proposals import propose
from followthrough.mail.parse import cut_quoted, parse
from tests.mail_corpus import harness

SAMPLES = [
    (harness.HERE / name / label["file"]).read_bytes()
    for name in harness.sets()
    for label in harness.labels(name)[:25]
]
WORLD = World(frozenset({"me@x.example"}), ())


def _through(raw: bytes) -> None:
    mail = parse(raw)
    match(mail, WORLD)
    robot_reason(mail)
    robot_by_words(mail)
    propose(mail, "Europe/Brussels")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=4000))
def test_any_bytes_parse(raw: bytes) -> None:
    _through(raw)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.sampled_from(SAMPLES), st.integers(0, 10_000), st.integers(0, 400), st.binary(max_size=40)
)
def test_mangled_real_messages_parse(raw: bytes, at: int, cut: int, junk: bytes) -> None:
    at %= len(raw) + 1
    _through(raw[:at] + junk + raw[at + cut :])


def test_a_delivery_report_names_the_failed_address() -> None:
    raw = (
        b"From: Mail Delivery System <MAILER-DAEMON@mx.acme.example>\r\nTo: me@x.example\r\n"
        b"Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <dsn1@mx.acme.example>\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status;"
        b' boundary="B"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nI could not deliver it.\r\n'
        b"--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.acme.example"
        b"\r\n\r\nFinal-Recipient: rfc822; ann.lee@acme.example\r\nAction: failed\r\n"
        b"Status: 5.1.1\r\n\r\n--B--\r\n"
    )
    mail = parse(raw)
    assert robot_reason(mail) == "bounce"
    assert mail.failed == ("ann.lee@acme.example",)


def test_quoted_mail_is_cut_from_what_the_sender_wrote() -> None:
    text = ("Sounds good, see you then.\n\nOn Tue, 1 Dec 2026 at 10:02, Ann Lee <ann@x.example> "
            "wrote:\n> We have decided to move forward with other candidates.\n")  # fmt: skip
    assert cut_quoted(text) == "Sounds good, see you then."
    outlook = "Thanks!\n\nFrom: Ann Lee\nSent: Tuesday\nTo: me\nSubject: x\n\nold text"
    assert cut_quoted(outlook) == "Thanks!"
    german = "Danke!\n\nAm 1. Dezember 2026 um 10:02 schrieb Ann Lee <ann@x.example>:\n> alt"
    assert cut_quoted(german) == "Danke!"


def test_a_message_without_a_date_or_a_message_id_still_parses() -> None:
    mail = parse(b"From: a@b.example\r\nSubject: hi\r\n\r\nbody")
    assert mail.date is None
    assert mail.message_id == ""
    assert mail.sender == "a@b.example"


def test_8bit_bytes_in_a_parts_disposition_still_parse_and_skip_the_attachment() -> None:
    """Found by the fuzz test above on a clean clone: a Content-Disposition with 8-bit bytes
    comes back from the stdlib as a Header object, not a str ("'Header' object has no attribute
    'lower'")."""
    raw = (
        b"From: Ann Lee <ann@x.example>\r\nTo: me@x.example\r\nSubject: notes\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=BB\r\n\r\n"
        b"--BB\r\nContent-Type: text/plain\r\nContent-Disposition: inline; filename=\"\xe9.txt\""
        b"\r\n\r\nSee you Tuesday.\r\n"
        b"--BB\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"r\xe9"
        b"sum\xe9.txt\"\r\n\r\nMY WHOLE CV\r\n--BB--\r\n"
    )
    mail = parse(raw)
    _through(raw)
    assert "See you Tuesday." in mail.text
    assert "MY WHOLE CV" not in mail.text
