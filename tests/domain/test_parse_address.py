"""One person per address field: parse_address returns exactly one name and one address or
refuses; one-line values refuse every line break str.splitlines() knows."""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import getaddresses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followthrough.domain.errors import ValidationError
from followthrough.domain.parse import (
    LINE_BREAKS,
    check_email,
    check_one_line,
    parse_address,
)

GOOD = [
    ("Ann Lee <ann@acme.example>", ("Ann Lee", "ann@acme.example")),
    ('"Lee, Ann" <ann@acme.example>', ("Lee, Ann", "ann@acme.example")),
    ('"Ann \\"the boss\\" Lee" <ann@acme.example>', ('Ann "the boss" Lee', "ann@acme.example")),
    ("ann@acme.example", ("", "ann@acme.example")),
    ("<ann@acme.example>", ("", "ann@acme.example")),
    ("Ann Lee", ("Ann Lee", None)),
    ("Lee, Ann <ann@acme.example>", ("Lee, Ann", "ann@acme.example")),
    ("'; alert(1); // <jane@agency.example>", ("'; alert(1); //", "jane@agency.example")),
    ("Zoë Ångström <zoe@acme.example>", ("Zoë Ångström", "zoe@acme.example")),
]

REFUSED = [
    ("spy@evil.example, Carl <carl@agency.example>", "more than one"),
    ("Carl <carl@agency.example>, spy@evil.example", "more than one"),
    ("ann@acme.example; bob@acme.example", "more than one"),
    ("Ann <ann@acme.example, bob@acme.example>", "more than one"),
    ("zoë@acme.example", "non-ASCII"),
    ("ann@acme", "not an e-mail address"),
]


@pytest.mark.parametrize(("text", "expected"), GOOD)
def test_one_person(text: str, expected: tuple[str, str | None]) -> None:
    assert parse_address(text, "with") == expected


@pytest.mark.parametrize(("text", "needle"), REFUSED)
def test_refused(text: str, needle: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_address(text, "recruiter")
    assert str(info.value).startswith("recruiter: ")
    assert needle in str(info.value)


def test_line_breaks_are_exactly_what_splitlines_knows() -> None:
    assert {chr(c) for c in range(0x110000) if len(f"a{chr(c)}b".splitlines()) > 1} == set(
        LINE_BREAKS
    )


@pytest.mark.parametrize("ch", sorted(LINE_BREAKS | {"\x00", "\x1f", "\x7f"}))
def test_every_line_break_and_control_character_is_refused(ch: str) -> None:
    for text in (f"Ann{ch}Lee <ann@acme.example>", f"Ann{ch}Lee", f"ann{ch}x@acme.example"):
        with pytest.raises(ValidationError, match="^with: "):
            parse_address(text, "with")
    with pytest.raises(ValidationError, match="^subject: .*U\\+"):
        check_one_line(f"Thanks{ch}Bcc: spy@evil.example", "subject")


def test_a_tab_is_not_a_line_break() -> None:
    assert check_one_line("Data\tEngineer", "role") == "Data\tEngineer"


def _one_recipient_or_error(text: str) -> None:
    """What parse_address returns always makes a To header naming exactly one mailbox."""
    name, email = "", None
    try:
        name, email = parse_address(text, "with")
    except ValidationError as exc:
        message = str(exc)
    else:
        message = ""
    if message:
        assert "\n" not in message
        return
    assert name or email  # a bare address leaves the name empty, never its local part
    assert LINE_BREAKS.isdisjoint(name)
    if email is None:
        return
    assert check_email(email, "with") == email
    message = EmailMessage()
    message["To"] = Address(display_name=name, addr_spec=email)
    header = message.as_bytes().split(b"\n")[0].decode()
    assert header.startswith("To: ")
    parsed = getaddresses([header[4:]])
    assert [addr for _, addr in parsed] == [email], header


ADDRESSY = st.lists(
    st.sampled_from(["Ann", "Lee", ",", ";", "@", "<", ">", '"', " ", "a@b.example", "\u2028",
                     "\x85", "x", "\\"]),
    max_size=12,
).map("".join)


@given(st.text(max_size=60))
def test_any_text_gives_one_recipient_or_a_validation_error(text: str) -> None:
    _one_recipient_or_error(text)


@given(ADDRESSY)
def test_address_shaped_text_gives_one_recipient_or_a_validation_error(text: str) -> None:
    _one_recipient_or_error(text)
