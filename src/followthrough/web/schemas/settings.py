"""The shapes of settings, the calendar feed's address and the CSRF token."""

from __future__ import annotations

from pydantic import Field

from followthrough.web.schemas.common import In, Out, checked


class SettingsIn(In):
    """Settings to change (re-plans everything); null or absent leaves a setting as it is."""

    name: str | None = None
    tz: str | None = Field(default=None, examples=["Europe/Brussels"])
    country: str | None = Field(default=None, examples=["BE"])
    region: str | None = None
    work_start: str | None = Field(default=None, examples=["09:00"])
    work_end: str | None = Field(default=None, examples=["18:00"])
    linkedin_interviewer: str | None = checked(
        ["after-offer", "after-interview", None], default=None
    )
    # bounded: a plan of a million check-ins, or one a million days apart, is nobody's plan
    check_in_interval_days: int | None = Field(default=None, ge=1, le=90)
    max_check_ins: int | None = Field(default=None, ge=1, le=10)
    keep_searching_min_open: int | None = Field(default=None, ge=1, le=100)
    keep_searching_quiet_days: int | None = Field(default=None, ge=1, le=90)


class CalendarFeedOut(Out):
    """The private address of the calendar feed (the token is its password)."""

    path: str = Field(examples=["/calendar/3q2x....ics"])


class CsrfOut(Out):
    token: str
