"""The dates and interview times written in sheets, read as the package doc lays out."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from followthrough.domain.errors import ValidationError
from followthrough.domain.parse import YEARS, resolve_local

TYPE_CHECKING = False
if TYPE_CHECKING:
    from followthrough.io.sheets.records import ColumnMap, Table

#: Spreadsheet serial dates we accept: 1970-01-01 .. 2999-12-31 (1900 date system).
SERIALS = range(25569, 401769)
EXCEL_EPOCH = dt.date(1899, 12, 30)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "jan|january", "feb|february", "mar|march", "apr|april", "may", "jun|june",
            "jul|july", "aug|august", "sep|sept|september", "oct|october", "nov|november",
            "dec|december",
        ),
        start=1,
    )
    for name in names.split("|")
}  # fmt: skip
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_YMD = re.compile(
    r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_DMY = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})")
_NAME_MDY = re.compile(_WEEKDAY + r"([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
_NAME_DMY = re.compile(
    _WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?\.?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4}|\d{2})", re.I
)
_SERIAL = re.compile(r"(\d{5,6})(?:\.(\d+))?")
_TIME_TAIL = re.compile(
    r"(.+?)(?:\s+at\s+|[T\s,]+)(\d{1,2})(?:[:.h](\d{2}))?(?::(\d{2})(?:\.\d+)?)?"
    r"\s*([ap])?(?(5)\.?m\.?)\s*(z|utc|gmt|[+-]\d{2}:?\d{2})?",
    re.I,
)
_DATE_FIX = "write it as YYYY-MM-DD, e.g. 2026-11-30 (or 30/11/2026, Nov 30, 2026)"
_WHEN_FIX = "write it as 'YYYY-MM-DD HH:MM', e.g. '2026-11-23 10:00'"


def _year_problem(year: int) -> str:
    return f"year {year} is out of range; use {YEARS[0]}-{YEARS[-1]}"


def _make_date(year: int, month: int, day: int, how: str = "") -> dt.date | str:
    if year not in YEARS:
        return _year_problem(year)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return f"not a real date{how}; check the day and month"


def parse_date(text: str, dayfirst: bool | None) -> dt.date | str:
    """Return the date written in `text`, or a one-line problem."""
    if len(text) == 10 and text[4] == "-":
        try:
            day: dt.date | None = dt.date.fromisoformat(text)
        except ValueError:
            day = None
        if day is not None:
            return day if day.year in YEARS else _year_problem(day.year)
    m = _YMD.fullmatch(text)
    if m:
        return _make_date(int(m[1]), int(m[3]), int(m[4]))
    m = _DMY.fullmatch(text)
    if m:
        return _numeric_date(int(m[1]), m[2], int(m[3]), m[4], dayfirst)
    m = _NAME_MDY.fullmatch(text)
    if m and m[1].casefold() in _MONTHS:
        return _make_date(int(m[3]), _MONTHS[m[1].casefold()], int(m[2]))
    m = _NAME_DMY.fullmatch(text)
    if m and m[2].casefold() in _MONTHS:
        y = m[3]
        year = int(y) + 2000 if len(y) == 2 else int(y)
        return _make_date(year, _MONTHS[m[2].casefold()], int(m[1]))
    m = _SERIAL.fullmatch(text)
    if m:
        serial = int(m[1])
        if serial in SERIALS:
            return EXCEL_EPOCH + dt.timedelta(days=serial)
        return f"not a date: as a spreadsheet date number it is outside 1970-2999; {_DATE_FIX}"
    return f"not a date; {_DATE_FIX}"


def _numeric_date(a: int, sep: str, b: int, y: str, dayfirst: bool | None) -> dt.date | str:
    """Return the date of `a/b/y` (or `a.b.y`, always day first), or why it is not one."""
    year = int(y) + 2000 if len(y) == 2 else int(y)
    if sep == ".":
        return _make_date(year, b, a)
    if dayfirst is not None:
        how = " read day first (--dayfirst)" if dayfirst else " read month first (--monthfirst)"
        return _make_date(year, b, a, how) if dayfirst else _make_date(year, a, b, how)
    if a > 12 >= b or a == b:
        return _make_date(year, b, a)
    if b > 12 >= a:
        return _make_date(year, a, b)
    if a > 12 and b > 12:
        return "not a real date; check the day and month"
    first = dt.date(2000, b, 1).strftime("%B")
    second = dt.date(2000, a, 1).strftime("%B")
    return (
        f"ambiguous: {a} {first} or {second} {b}; pass --dayfirst or --monthfirst "
        "for the whole file"
    )


def parse_when(text: str, zone: ZoneInfo, dayfirst: bool | None) -> dt.datetime | str:
    """Return the aware interview time written in `text` (local to `zone`), or a problem."""
    when = _iso_when(text)
    if when is None:
        when = _serial_when(text)
    if when is None:
        when = _written_when(text, dayfirst)
    if isinstance(when, str):
        return when
    if when.tzinfo is not None:  # an explicit offset is kept as that instant
        return when.astimezone(zone)
    try:
        return resolve_local(when, zone, "interview")
    except ValidationError as exc:
        return exc.message.removeprefix("interview: ")


def _iso_when(text: str) -> dt.datetime | str | None:
    """Return the ISO date-time in `text` (naive or aware), a problem, or None if not ISO."""
    if len(text) >= 16 and text[4] == "-" and text[:4].isdigit():
        try:
            parsed = dt.datetime.fromisoformat(text)
        except ValueError:
            return None
        if parsed.year not in YEARS:
            return _year_problem(parsed.year)
        return parsed
    return None


def _serial_when(text: str) -> dt.datetime | None:
    """Return the naive time of a spreadsheet serial number with a fraction, or None."""
    m = _SERIAL.fullmatch(text)
    if not (m and m[2] and int(m[1]) in SERIALS):
        return None
    fraction = round(float("0." + m[2]) * 86400)
    day = EXCEL_EPOCH + dt.timedelta(days=int(m[1]))
    naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=fraction)
    return naive.replace(second=0) if naive.second < 30 else naive


def _written_when(text: str, dayfirst: bool | None) -> dt.datetime | str:
    """Return a date followed by a time of day (aware with an offset), or a problem."""
    m = _TIME_TAIL.fullmatch(text)
    if m is None or (m[3] is None and m[5] is None):
        day_only = parse_date(text, dayfirst)
        if isinstance(day_only, str):
            return day_only.replace(_DATE_FIX, _WHEN_FIX)
        return f"has no time; {_WHEN_FIX}, or leave the interview out with --map 'Column=-'"
    day_part = parse_date(m[1].strip().rstrip(","), dayfirst)
    if isinstance(day_part, str):
        return day_part.replace(_DATE_FIX, _WHEN_FIX)
    hour, minute, second = int(m[2]), int(m[3] or 0), int(m[4] or 0)
    if m[5]:
        if not 1 <= hour <= 12:
            return f"not a time of day; {_WHEN_FIX}"
        hour = hour % 12 + (12 if m[5].casefold() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return f"not a time of day; {_WHEN_FIX}"
    naive = dt.datetime.combine(day_part, dt.time(hour, minute, second))
    if not m[6]:
        return naive
    offset = _offset(m[6])
    if offset is None:
        return f"{m[6]!r} is not a UTC offset (from -23:59 to +23:59); {_WHEN_FIX}"
    return naive.replace(tzinfo=offset)


def _offset(text: str) -> dt.tzinfo | None:
    """Return the zone of a written UTC offset, or None when it is not one (e.g. +25:00)."""
    if text.casefold() in ("z", "utc", "gmt"):
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        return None
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


#: Countries that write the month first (11/24/2026): the United States and the places that
#: follow its usage, and the Philippines, Micronesia, the Marshall Islands, Palau. Elsewhere a
#: slash date is read day first when the file itself does not say.
MONTH_FIRST_COUNTRIES = frozenset(
    {"US", "PR", "GU", "VI", "AS", "MP", "UM", "PH", "FM", "MH", "PW"}
)


def infer_dayfirst(
    cells: Iterable[str], country: str | None
) -> tuple[bool | None, str]:
    """Return (day first?, why) for the slash dates of a file's date columns (`cells`): the
    first date whose first number is over 12 (24/11/2026) says day first, whose second is
    (11/24/2026) says month first (a later date that says otherwise is then not a real date,
    a problem on its row); when the file says neither, the user's `country` decides; without
    a country, None (each ambiguous date is then a problem to settle)."""
    day_first = month_first = None
    for cell in cells:
        text = cell.strip()
        m = _DMY.match(text)  # from the start: an ISO date (2026-11-24) is not one of these
        if m is None or m[2] == "." or text[m.end() : m.end() + 1] not in ("", " ", "T", ","):
            continue
        a, b = int(m[1]), int(m[3])
        if a > 12 >= b:
            day_first = m[0]
            break  # the first that says decides (a later date read the other way is a problem)
        if b > 12 >= a:
            month_first = m[0]
            break
    if day_first:
        return True, f"day first, as {day_first} in the file"
    if month_first:
        return False, f"month first, as {month_first} in the file"
    if country:
        if country.upper() in MONTH_FIRST_COUNTRIES:
            return False, f"month first, as in your country ({country.upper()})"
        return True, f"day first, as in your country ({country.upper()})"
    return None, "no date in the file says, and no country is set"


def infer_dates(
    table: Table, columns: ColumnMap, country: str | None
) -> tuple[bool | None, str | None]:
    """Return (day first?, why) for the slash dates of a file, from a read of `table` (a
    second reading of the file: the import streams its own) up to the first date that says
    (infer_dayfirst); (None, None) when neither the file nor `country` does."""
    at = [columns.fields[f] for f in ("applied", "interview") if f in columns.fields]
    with table:
        dated = (row[i] for _, row in table.rows for i in at if i < len(row))
        dayfirst, why = infer_dayfirst(dated, country)
    return dayfirst, why if dayfirst is not None else None
