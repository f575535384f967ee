"""One recipient per address over HTTP, and a draft's .eml whose headers are always one line
(issue 9, item 5): refused values are 422, never 500, and never a second recipient."""

from __future__ import annotations

import sqlite3
from email import message_from_bytes
from email.utils import getaddresses
from typing import TYPE_CHECKING

import pytest

from followthrough.domain.parse import LINE_BREAKS

if TYPE_CHECKING:
    from tests.web.conftest import Api

TWO = "spy@evil.example, Carl <carl@agency.example>"


def test_api_refuses_two_addresses_and_line_breaks(web: Api) -> None:
    assert "more than one" in web.error("POST", "/contacts", 422, {"name": TWO})
    for ch in sorted(LINE_BREAKS):
        message = web.error(
            "POST", "/applications", 422, {"company": f"ACME{ch}Bcc: x@y.example", "role": "Dev"}
        )
        assert message.startswith("company: ")
    assert web.get("/applications") == []
    assert web.get("/contacts") == []


def _thank_you(demo: Api) -> dict:
    for app in demo.get("/applications"):
        for action in demo.get(f"/applications/{app['id']}/plan"):
            wanted = action["kind"] == "thank-you" and action["status"] == "pending"
            if wanted and action["recipient"] and action["recipient"]["email"]:
                return action
    raise AssertionError("the demo has a pending thank-you to someone with an address")


def _rename(demo: Api, email: str, name: str) -> None:
    """Store a name as an older version or a hand-edited backup could have left it."""
    conn = sqlite3.connect(demo.db)
    try:
        with conn:
            conn.execute("UPDATE contacts SET name = ? WHERE email = ?", (name, email))
            conn.execute("UPDATE actions SET recipient_name = ? WHERE recipient_email = ?",
                         (name, email))
    finally:
        conn.close()


def test_eml_has_exactly_one_recipient_even_with_a_comma_in_the_name(demo: Api) -> None:
    action = _thank_you(demo)
    email = action["recipient"]["email"]
    _rename(demo, email, "spy@evil.example, Carl")
    response = demo.client.get(f"/actions/{action['id']}/draft.eml")
    assert response.status_code == 200
    message = message_from_bytes(response.content)
    assert [addr for _, addr in getaddresses(message.get_all("To"))] == [email]


@pytest.mark.parametrize("ch", ["\u2028", "\x85", "\x0b", "\r"])
def test_eml_with_a_stored_line_break_is_a_422_not_a_500(demo: Api, ch: str) -> None:
    action = _thank_you(demo)
    _rename(demo, action["recipient"]["email"], f"Ann{ch}Bcc: spy@evil.example")
    response = demo.client.get(f"/actions/{action['id']}/draft.eml")
    assert response.status_code == 422, response.text[:200]
    assert "recipient" in response.text
