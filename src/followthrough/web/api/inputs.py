"""Request values turned into what the services take, with the CLI's messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from followthrough.domain.errors import ValidationError
from followthrough.domain.parse import parse_date, parse_datetime
from followthrough.domain.workdays import zone
from followthrough.web.schemas.common import MAX_ID


def moment(text: str, zone: ZoneInfo, field: str, default_date: dt.date | None = None
           ) -> dt.datetime:
    """Return the instant written as the CLI accepts it (local or with an offset; the core
    refuses years outside 1900-2999 with the CLI's message)."""
    return parse_datetime(text, zone, field, default_date)


def day(text: str, field: str) -> dt.date:
    """Return the date written as YYYY-MM-DD (in range, as the core checks)."""
    return parse_date(text, field)


def person(text: str | None, field: str) -> str | None:
    """Return a reference to a contact (an id, an e-mail, 'Name <email>' or a name) as given,
    refusing "ids" the store cannot look up (non-ASCII digits such as '¹', or too big)."""
    if text is None:
        return None
    value = text.strip()
    if value.isdigit() and (not value.isascii() or int(value) > MAX_ID):
        raise ValidationError(
            field, f"{value!r} is not a contact id; give an id, an e-mail or 'Name <email>'"
        )
    return text


def people(texts: Sequence[str], field: str) -> list[str]:
    """Return several contact references, each checked as by `person`."""
    return [person(t, field) or "" for t in texts]


def zone_name(value: str) -> str:
    """Return a time zone name the store can use, with the CLI's message when it cannot
    (workdays.zone misses the OSError of a name too long to be a file)."""
    try:
        zone(value)
    except OSError:
        raise ValidationError(
            "tz", f"unknown time zone {value!r}; use an IANA name such as Europe/Brussels"
        ) from None
    return value
