"""One small parser per field of a row, looked up by field in `PARSERS`.

A parser takes the cell's text (stripped, not empty), the header of its column and the
`Options` of the import, and returns the field's value or raises `FieldProblem` with the
one-line fix the row report shows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from followthrough.domain.errors import ValidationError
from followthrough.domain.parse import check_email, parse_address
from followthrough.io.sheets.dates import parse_date, parse_when

_INTEREST = re.compile(r"([1-5])(?:\.0+)?\s*(?:/\s*5)?")
_PHONE = re.compile(r"\+?[\d\s().\-/]{3,40}(?:\s*(?:x|ext\.?|extension)\s*\d{1,6})?", re.I)
_3_DIGITS = re.compile(r"\d\D*\d\D*\d")
_SPACE = re.compile(r"\s")
_BARE_URL = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:[/?#]\S*)?", re.I)


class FieldProblem(Exception):
    """A cell holds no value its field accepts; the message is the one-line fix."""


@dataclass(frozen=True)
class Options:
    """What every row of one import is read with."""

    zone: ZoneInfo
    dayfirst: bool | None = None


def parse_applied(text: str, label: str, options: Options) -> dt.date:
    """Return the date of application written in `text`."""
    day = parse_date(text, options.dayfirst)
    if isinstance(day, str):
        raise FieldProblem(day)
    return day


def parse_interview(text: str, label: str, options: Options) -> dt.datetime:
    """Return the aware interview time written in `text`, local to the import's zone."""
    when = parse_when(text, options.zone, options.dayfirst)
    if isinstance(when, str):
        raise FieldProblem(when)
    return when


def parse_person(text: str, label: str, options: Options) -> tuple[str | None, str | None]:
    """Return (name, e-mail) of a contact written as "Name", "Name <email>" or "email"."""
    try:
        return parse_address(text, label)
    except ValidationError as exc:
        raise FieldProblem(exc.message.split(": ", 1)[-1]) from None


def parse_email(text: str, label: str, options: Options) -> str:
    """Return the checked e-mail address in `text`."""
    try:
        return check_email(text, "email")
    except ValidationError:
        raise FieldProblem("not an e-mail address; write it like ann@acme.example") from None


def parse_phone(text: str, label: str, options: Options) -> str:
    """Return `text` when it looks like a phone number (three digits at least)."""
    if _PHONE.fullmatch(text) and _3_DIGITS.search(text):
        return text
    raise FieldProblem("not a phone number; write it like +44 20 7946 0000")


def parse_url(text: str, label: str, options: Options) -> str:
    """Return the web address in `text`, "https://" added to a bare one ("acme.example/jobs")."""
    if not text.casefold().startswith(("http://", "https://")):
        if _BARE_URL.fullmatch(text):
            return "https://" + text
        raise FieldProblem("not a web address; give a full address starting with https://")
    if _SPACE.search(text):
        raise FieldProblem("a web address has no spaces; give a full address")
    return text


def parse_interest(text: str, label: str, options: Options) -> int:
    """Return the interest 1-5 written as "4", "4.0" or "4/5"."""
    m = _INTEREST.fullmatch(text)
    if m is None:
        raise FieldProblem("not 1-5; give a whole number from 1 (low) to 5 (high)")
    return int(m[1])


#: The parser of each field that holds more than text, in the order a row reports problems.
PARSERS: dict[str, Callable[[str, str, Options], Any]] = {
    "applied": parse_applied,
    "interview": parse_interview,
    "recruiter": parse_person,
    "contact": parse_person,
    "email": parse_email,
    "phone": parse_phone,
    "url": parse_url,
    "interest": parse_interest,
}
