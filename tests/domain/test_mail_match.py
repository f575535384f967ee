"""The pure mail matcher: trust order (thread, contact, domain), never a guess between two
applications, public domains never match, robots sorted by their headers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followthrough.domain.mail_domains import company_domain, is_public, registrable
from followthrough.domain.mail_headers import Mail, robot_reason
from followthrough.domain.mail_match import (
    MailApp,
    OpenAction,
    Thread,
    World,
    action_done_by,
    match,
)

ME = frozenset({"me@proton.me"})
ACME = MailApp(1, True, {"ann@acme.example": 11, "jane@agency.example": 12},
               frozenset({"acme.example"}))  # fmt: skip
GLOBEX = MailApp(2, True, {"tom@globex.example": 21, "jane@agency.example": 12},
                 frozenset({"globex.example"}))  # fmt: skip
OLD = MailApp(3, False, {"sam@initech.example": 31}, frozenset({"initech.example"}))
WORLD = World(ME, (ACME, GLOBEX, OLD), {"ours-1@proton.me": Thread(1, 11)}, {"ours-1@proton.me"})


def mail(sender: str, **kw: object) -> Mail:
    return Mail(message_id=str(kw.pop("message_id", "m@x")), sender=sender, **kw)  # type: ignore[arg-type]


def test_our_message_id_in_the_thread_wins_over_everything() -> None:
    got = match(mail("someone@gmail.com", in_reply_to=("ours-1@proton.me",)), WORLD)
    assert (got.reason, got.application_id, got.via) == (None, 1, "thread")


def test_references_are_read_newest_first() -> None:
    threads = {"a@x": Thread(1), "b@x": Thread(2)}
    world = World(ME, (ACME, GLOBEX), threads)
    assert match(mail("x@gmail.com", references=("a@x", "b@x")), world).application_id == 2


def test_a_contact_of_one_open_application_matches_it() -> None:
    got = match(mail("tom@globex.example"), WORLD)
    assert (got.application_id, got.contact_id, got.via) == (2, 21, "contact")


def test_a_contact_of_two_open_applications_is_ambiguous_never_a_guess() -> None:
    got = match(mail("jane@agency.example", subject="About the ACME role"), WORLD)
    assert (got.reason, got.application_id, set(got.candidates)) == ("ambiguous", None, {1, 2})


def test_the_company_domain_matches_a_new_address() -> None:
    got = match(mail("new.recruiter@acme.example"), WORLD)
    assert (got.application_id, got.contact_id, got.via) == (1, None, "domain")


def test_a_subdomain_of_the_company_matches() -> None:
    assert match(mail("hr@mail.acme.example"), WORLD).application_id == 1


@pytest.mark.parametrize("sender", ["ann.lee@gmail.com", "x@outlook.com", "y@yahoo.co.uk",
                                    "z@hotmail.fr", "q@gmx.de", "w@qq.com"])  # fmt: skip
def test_public_mail_domains_never_match_by_domain(sender: str) -> None:
    world = World(ME, (MailApp(1, True, {}, frozenset({registrable(sender.split("@")[1])})),))
    assert match(mail(sender), world).reason == "unknown-sender"


def test_a_closed_application_matches_only_when_no_open_one_does() -> None:
    assert match(mail("sam@initech.example"), WORLD).application_id == 3


def test_outbound_mail_matches_on_its_recipients() -> None:
    got = match(mail("me@proton.me", recipients=("tom@globex.example",)), WORLD)
    assert (got.direction, got.application_id, got.contact_id) == ("out", 2, 21)


def test_a_message_seen_before_is_a_duplicate() -> None:
    assert match(mail("tom@globex.example", message_id="ours-1@proton.me"), WORLD).reason == (
        "duplicate"
    )


@pytest.mark.parametrize(
    ("headers", "subject", "reason"),
    [
        ({"auto-submitted": "auto-replied"}, "Re: thanks", "auto-reply"),
        ({"auto-submitted": "no"}, "Re: thanks", None),
        ({"x-autoreply": "yes"}, "Re: thanks", "auto-reply"),
        ({"precedence": "bulk"}, "News", "auto-reply"),
        ({"precedence": "list"}, "News", "list"),
        ({"list-unsubscribe": "<mailto:u@x>"}, "Jobs for you", "list"),
        ({"return-path": "<>"}, "Re: thanks", "auto-reply"),
        ({}, "Automatic reply: Thank you", "auto-reply"),
        ({}, "Abwesenheitsnotiz: Danke", "auto-reply"),
        ({}, "Out of Office: Re: interview", "auto-reply"),
        ({}, "Out of office next week - can we move the call?", None),
        ({"content-type": "multipart/report; report-type=delivery-status; boundary=x"},
         "Undeliverable", "bounce"),
    ],
)  # fmt: skip
def test_robots_are_known_by_their_headers(
    headers: dict[str, str], subject: str, reason: str | None
) -> None:
    assert robot_reason(mail("a@acme.example", headers=headers, subject=subject)) == reason


def test_registrable_domains() -> None:
    assert registrable("careers.acme.example") == "acme.example"
    assert registrable("mail.hays.co.uk") == "hays.co.uk"
    assert registrable("not a host") == ""
    assert is_public("googlemail.com")
    assert is_public("yahoo.co.jp")
    assert not is_public("acme.example")
    assert company_domain("boards.greenhouse.io") == ""
    assert company_domain("jobs.acme.example") == "acme.example"


NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


THANKS = "Thank you for your time today."
CHASE = "I wanted to check in: is there an update on the timeline?"


def test_a_note_sent_after_the_interview_is_its_thank_you() -> None:
    actions = [OpenAction(1, "thank-you", 11, None, NOW + dt.timedelta(hours=5), NOW),
               OpenAction(2, "check-in", 11, None, NOW + dt.timedelta(days=7))]  # fmt: skip
    assert action_done_by(NOW + dt.timedelta(hours=2), 11, actions, THANKS) == 1
    assert action_done_by(NOW - dt.timedelta(hours=2), 11, actions, THANKS) is None  # too soon
    assert action_done_by(NOW + dt.timedelta(hours=2), 99, actions, THANKS) is None  # not them
    assert action_done_by(NOW + dt.timedelta(hours=2), 11, actions, "Here is my CV.") is None


def test_a_thank_you_weeks_after_its_deadline_is_another_message() -> None:
    late = OpenAction(1, "thank-you", 11, None, NOW, NOW, deadline=NOW + dt.timedelta(days=1))
    assert action_done_by(NOW + dt.timedelta(days=14), 11, [late], THANKS) is None


def test_a_check_in_sent_a_little_early_to_anyone_of_the_application_is_that_check_in() -> None:
    check_in = OpenAction(2, "check-in", 11, None, NOW + dt.timedelta(days=7))
    assert action_done_by(NOW + dt.timedelta(days=5), 11, [check_in], CHASE) == 2
    assert action_done_by(NOW + dt.timedelta(days=5), 12, [check_in], CHASE) == 2
    assert action_done_by(NOW + dt.timedelta(days=2), 11, [check_in], CHASE) is None
    assert action_done_by(NOW + dt.timedelta(days=5), 11, [check_in], THANKS) is None


def test_an_answer_to_their_message_is_no_check_in() -> None:
    check_in = OpenAction(2, "check-in", 11, None, NOW)
    assert action_done_by(NOW, 11, [check_in], CHASE, answers_them=True) is None


@given(st.lists(st.sampled_from([ACME, GLOBEX, OLD]), max_size=3, unique_by=lambda a: a.id),
       st.sampled_from(["ann@acme.example", "jane@agency.example", "x@gmail.com",
                        "tom@globex.example", "n@acme.example"]))  # fmt: skip
def test_a_match_is_always_one_of_the_applications_that_names_the_sender(
    apps: list[MailApp], sender: str
) -> None:
    got = match(mail(sender), World(ME, tuple(apps)))
    if got.logged:
        app = next(a for a in apps if a.id == got.application_id)
        assert sender in app.contacts or registrable(sender.split("@")[1]) in app.domains
    else:
        assert got.application_id is None
