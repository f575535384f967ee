"""The one moment a message fixes for an interview: dates and times in several languages and
zones, read relative to when the message was written; several moments fix none."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from followthrough.domain.mail_when import fixed_moment

SENT = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)  # a Monday


@pytest.mark.parametrize(
    ("text", "zone", "want"),
    [
        ("Could you do Thursday 10th at 14:30 GMT?", "Europe/Amsterdam",
         dt.datetime(2026, 12, 10, 14, 30, tzinfo=ZoneInfo("Europe/London"))),
        ("We'd like to see you 12/10 at 2pm ET.", "Europe/Amsterdam",
         dt.datetime(2026, 12, 10, 14, 0, tzinfo=ZoneInfo("America/New_York"))),
        ("How about next Tuesday 9.30 CET", "Europe/London",
         dt.datetime(2026, 12, 8, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))),
        ("le jeudi 10 décembre à 14h30", "Europe/Paris",
         dt.datetime(2026, 12, 10, 14, 30, tzinfo=ZoneInfo("Europe/Paris"))),
        ("am 10. Dezember um 14:30 Uhr", "Europe/Berlin",
         dt.datetime(2026, 12, 10, 14, 30, tzinfo=ZoneInfo("Europe/Berlin"))),
        ("el jueves 10 de diciembre a las 16:00", "Europe/Madrid",
         dt.datetime(2026, 12, 10, 16, 0, tzinfo=ZoneInfo("Europe/Madrid"))),
        ("Monday, December 14 at 1:00 PM PT", "America/New_York",
         dt.datetime(2026, 12, 14, 13, 0, tzinfo=ZoneInfo("America/Los_Angeles"))),
        ("Call at 10:00 AEDT on Friday 11 December", "Australia/Perth",
         dt.datetime(2026, 12, 11, 10, 0, tzinfo=ZoneInfo("Australia/Sydney"))),
        ("Interview: 2027-01-05 at 09:00 (UTC+05:30)", "Asia/Kolkata",
         dt.datetime(2027, 1, 5, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30)))),
        ("See you on 5 January at 10am", "Europe/London",
         dt.datetime(2027, 1, 5, 10, 0, tzinfo=ZoneInfo("Europe/London"))),
    ],
)  # fmt: skip
def test_one_moment_is_read_with_its_zone(text: str, zone: str, want: dt.datetime) -> None:
    found = fixed_moment(text, SENT, zone)
    assert found is not None
    assert found.at == want
    assert found.at.utcoffset() == want.utcoffset()


@pytest.mark.parametrize(
    "text",
    [
        "Would Tuesday 10am or Wednesday 2pm suit you?",
        "Please send us your availability for next week.",
        "We have 3 rounds and 2 panels.",
        "The sun was out at 5",
    ],
)
def test_no_single_moment_fixes_nothing(text: str) -> None:
    assert fixed_moment(text, SENT, "Europe/London") is None


def test_a_time_across_the_spring_change_keeps_its_wall_clock() -> None:
    sent = dt.datetime(2027, 3, 20, 9, 0, tzinfo=dt.UTC)
    found = fixed_moment("Interview on 29 March at 10:00", sent, "Europe/Brussels")
    assert found is not None
    assert found.at.utcoffset() == dt.timedelta(hours=2)  # CEST after 28 March
