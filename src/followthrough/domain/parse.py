"""Turning what the user typed into values, with one-line errors that name the field and the fix."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from followthrough.domain.errors import ValidationError
from followthrough.domain.workdays import local_time_problem

_DATE_FORMATS = ("%Y-%m-%d",)
#: RFC 5322 atext: what a local part may hold without quotes (dot-separated, in a dot-atom).
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_EMAIL = re.compile(
    rf"^{_ATEXT}(?:\.{_ATEXT})*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$"
)
_NAMED = re.compile(r"^\s*(?P<name>[^<>]*?)\s*<(?P<email>[^<>]+)>\s*$")


#: Years a job search can plausibly mention (far dates overflow the calendar arithmetic).
YEARS = range(1900, 3000)


def _check_year(year: int, field: str) -> None:
    if year not in YEARS:
        raise ValidationError(field, f"year {year} is out of range; use {YEARS[0]}-{YEARS[-1]}")


def parse_date(text: str, field: str) -> dt.date:
    """Return the calendar date written as YYYY-MM-DD, or raise naming `field`."""
    value = text.strip()
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        pass
    else:
        _check_year(day.year, field)
        return day
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value) or re.fullmatch(
        r"(\d{1,2})/(\d{1,2})/(\d{4})", value
    )
    if m:
        raise ValidationError(field, f"{value!r} is not a real date; check the day and month")
    raise ValidationError(
        field, f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-30"
    )


def _offset_hint(naive: dt.datetime, tz: ZoneInfo) -> tuple[str, str]:
    first = naive.replace(tzinfo=tz, fold=0).strftime("%z")
    second = naive.replace(tzinfo=tz, fold=1).strftime("%z")
    return f"{first[:3]}:{first[3:]}", f"{second[:3]}:{second[3:]}"


def resolve_local(naive: dt.datetime, tz: ZoneInfo, field: str) -> dt.datetime:
    """Return the aware instant of a wall-clock time in `tz`, refusing gaps and ambiguities."""
    problem = local_time_problem(naive, tz)
    shown = naive.strftime("%Y-%m-%d %H:%M")
    if problem == "gap":
        raise ValidationError(
            field,
            f"{shown} does not exist in {tz.key} (the clocks spring forward); "
            "give a time outside the skipped hour",
        )
    if problem == "ambiguous":
        first, second = _offset_hint(naive, tz)
        raise ValidationError(
            field,
            f"{shown} happens twice in {tz.key} (the clocks go back); add the offset: "
            f"'{shown}{first}' for the first or '{shown}{second}' for the second",
        )
    return naive.replace(tzinfo=tz)


def parse_datetime(
    text: str, tz: ZoneInfo, field: str, default_date: dt.date | None = None
) -> dt.datetime:
    """Return an aware datetime from "YYYY-MM-DD HH:MM" (local to `tz`), ISO with an offset,
    or "HH:MM" on `default_date`."""
    value = text.strip()
    if default_date is not None and re.fullmatch(r"\d{1,2}:\d{2}", value):
        hours, minutes = (int(p) for p in value.split(":"))
        if hours > 23 or minutes > 59:
            raise ValidationError(field, f"{value!r} is not a time of day; use HH:MM, e.g. 11:00")
        return resolve_local(dt.datetime.combine(default_date, dt.time(hours, minutes)), tz, field)
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        m = re.fullmatch(r"(\d{4}-\d{1,2}-\d{1,2})[ T](\d{1,2}):(\d{2})", value)
        if m:
            raise ValidationError(
                field, f"{value!r} is not a real date and time; check the day, month and hour"
            ) from None
        raise ValidationError(
            field,
            f"{value!r} is not a date and time; write it as 'YYYY-MM-DD HH:MM', "
            "e.g. '2026-11-23 10:00'",
        ) from None
    _check_year(parsed.year, field)
    if parsed.tzinfo is not None:
        return parsed
    if len(value) == 10:  # a bare date: start of the day is rarely meant; say so
        raise ValidationError(field, f"{value!r} has no time; write 'YYYY-MM-DD HH:MM'")
    return resolve_local(parsed, tz, field)


#: The days a person names a moment by, from today (weekdays in English, full or short).
_WEEKDAYS = {name: n for n, names in enumerate((
    ("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
    ("thursday", "thu", "thur", "thurs"), ("friday", "fri"), ("saturday", "sat"),
    ("sunday", "sun"),
)) for name in names}  # fmt: skip
_RELATIVE = re.compile(
    r"(?P<day>[a-z]+)(?:\s+(?:at\s+)?(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?)?"
)


def parse_moment(
    text: str, now: dt.datetime, tz: ZoneInfo, field: str, default_time: dt.time
) -> dt.datetime:
    """Return the moment a person names by `text`, in `tz`: a date (YYYY-MM-DD, at
    `default_time`), a date and time (as parse_datetime reads them), or a day named from
    `now`: "today", "tomorrow", or a weekday ("monday", "fri": the next one after today),
    each at `default_time` or at the hour given ("tomorrow 9:00", "monday at 14:30",
    "fri 9")."""
    value = " ".join(text.strip().lower().split())
    words = _RELATIVE.fullmatch(value)
    if words is None or words["day"] not in ("today", "tomorrow", *_WEEKDAYS):
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
            day = parse_date(value, field)
            return resolve_local(dt.datetime.combine(day, default_time), tz, field)
        if value[:1].isdigit():  # a date and time: its own messages (a gap, twice, a typo)
            return parse_datetime(text, tz, field)
        raise ValidationError(
            field, f"{text.strip()!r} is not a moment; write a date (2026-12-01), a date and "
            "time ('2026-12-01 09:00'), or 'tomorrow 9:00', 'monday'"
        )
    today = now.astimezone(tz).date()
    name = words["day"]
    if name == "today":
        day = today
    elif name == "tomorrow":
        day = today + dt.timedelta(days=1)
    else:
        day = today + dt.timedelta(days=(_WEEKDAYS[name] - today.weekday() - 1) % 7 + 1)
    clock = default_time
    if words["hour"] is not None:
        hour, minute = int(words["hour"]), int(words["minute"] or 0)
        if hour > 23 or minute > 59:
            raise ValidationError(field, f"{text.strip()!r}: no such time of day; use HH:MM")
        clock = dt.time(hour, minute)
    return resolve_local(dt.datetime.combine(day, clock), tz, field)


#: Every character `str.splitlines()` breaks a line on: none belongs in a one-line value (a
#: name, a company, a subject), least of all in a mail header built from one.
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def check_one_line(text: str, field: str) -> str:
    """Return `text` when it holds no line break or control character, else raise naming
    `field` (a tab is allowed)."""
    for ch in text:
        if ch in LINE_BREAKS or (ch < " " and ch != "\t") or ch == "\x7f":
            kind = "a line break" if ch in LINE_BREAKS else "a control character"
            raise ValidationError(
                field, f"contains {kind} (U+{ord(ch):04X}); keep it on one line"
            )
    return text


def parse_address(text: str, field: str) -> tuple[str, str | None]:
    """Return (name, email) of exactly one person (the name "" when only an address is
    given): "Ann Lee <ann@acme.example>",
    '"Lee, Ann" <ann@acme.example>', "ann@acme.example" or a bare name "Ann Lee". A second
    address anywhere (outside a quoted name) is refused; the name itself may hold anything on
    one line (headers are written with the name quoted)."""
    value = text.strip()
    if not value:
        raise ValidationError(field, "empty; give a name, an e-mail address, or 'Name <email>'")
    check_one_line(value, field)
    if _outside_quotes(value).count("@") > 1:
        raise ValidationError(
            field,
            f"{value!r} holds more than one e-mail address; give exactly one 'Name <email>'",
        )
    m = _QUOTED.match(value)
    if m:
        name = re.sub(r"\\(.)", r"\1", m.group("name")).strip()
        email = check_email(m.group("email").strip(), field)
        return name, email
    m = _NAMED.match(value)
    if m:
        name, email = m.group("name").strip(), m.group("email").strip()
        check_email(email, field)
        return name, email
    if "@" in value or "<" in value or ">" in value:
        check_email(value, field)
        return "", value  # never named after the address's local part: the name stays empty
    return value, None


_QUOTED = re.compile(r'^\s*"(?P<name>(?:[^"\\]|\\.)*)"\s*<(?P<email>[^<>]+)>\s*$')


def _outside_quotes(value: str) -> str:
    """Return `value` without its double-quoted parts (a quoted name may hold anything)."""
    return re.sub(r'"(?:[^"\\]|\\.)*"', "", value)


def check_email(email: str, field: str) -> str:
    """Return `email` if it looks like one deliverable address, else raise naming `field`."""
    if "@" in email and not email.rsplit("@", 1)[0].isascii():
        raise ValidationError(
            field, f"{email!r}: mail programs cannot address non-ASCII characters before the @; "
            "use the person's plain address"
        )
    if not _EMAIL.match(email):
        raise ValidationError(
            field, f"{email!r} is not an e-mail address; write it like ann@acme.example"
        )
    return email


def later(start: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    """Return `start` + `delta` of elapsed time, in `start`'s zone (Python's aware arithmetic
    moves the wall clock: 01:30 + 90 min on the night the clocks go forward would be 30 min)."""
    return (start.astimezone(dt.UTC) + delta).astimezone(start.tzinfo)
