"""The one date and time a message fixes for an interview, read from its words (pure).

"Thursday 10th at 14:30 GMT", "12/10 at 2pm ET", "next Tuesday 9.30 CET", "le jeudi 10 décembre
à 14h30", "am 10. Dezember um 14:30 Uhr": a time (with minutes, am/pm or "h"), the nearest date
in the same sentence (a day and month in several languages, a weekday, "tomorrow", a numeric
day/month read the way the message's zone writes it), and a zone when one is named (else the
user's). Several different moments offered ("Tuesday 10am or Wednesday 2pm") fix none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

#: Zone abbreviations and place names people write after a time, to IANA zones.
ZONES = {
    "gmt": "Europe/London",
    "bst": "Europe/London",
    "uk": "Europe/London",
    "london": "Europe/London",
    "utc": "UTC",
    "z": "UTC",
    "wet": "Europe/Lisbon",
    "west": "Europe/Lisbon",
    "lisbon": "Europe/Lisbon",
    "cet": "Europe/Paris",
    "cest": "Europe/Paris",
    "paris": "Europe/Paris",
    "berlin": "Europe/Berlin",
    "amsterdam": "Europe/Amsterdam",
    "madrid": "Europe/Madrid",
    "brussels": "Europe/Brussels",
    "stockholm": "Europe/Stockholm",
    "rome": "Europe/Rome",
    "eet": "Europe/Athens",
    "eest": "Europe/Athens",
    "msk": "Europe/Moscow",
    "et": "America/New_York",
    "est": "America/New_York",
    "edt": "America/New_York",
    "eastern": "America/New_York",
    "ct": "America/Chicago",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "central": "America/Chicago",
    "mt": "America/Denver",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "mountain": "America/Denver",
    "pt": "America/Los_Angeles",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles",
    "brt": "America/Sao_Paulo",
    "art": "America/Argentina/Buenos_Aires",
    "ist": "Asia/Kolkata",
    "sgt": "Asia/Singapore",
    "singapore": "Asia/Singapore",
    "hkt": "Asia/Hong_Kong",
    "jst": "Asia/Tokyo",
    "kst": "Asia/Seoul",
    "pht": "Asia/Manila",
    "wib": "Asia/Jakarta",
    "ict": "Asia/Bangkok",
    "pkt": "Asia/Karachi",
    "gst": "Asia/Dubai",
    "uae": "Asia/Dubai",
    "dubai": "Asia/Dubai",
    "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
    "sydney": "Australia/Sydney",
    "melbourne": "Australia/Melbourne",
    "acst": "Australia/Adelaide",
    "awst": "Australia/Perth",
    "perth": "Australia/Perth",
    "nzst": "Pacific/Auckland",
    "nzdt": "Pacific/Auckland",
    "nz": "Pacific/Auckland",
    "sast": "Africa/Johannesburg",
    "wat": "Africa/Lagos",
    "eat": "Africa/Nairobi",
    "cat": "Africa/Maputo",
    "gulf": "Asia/Dubai",
    "gulf standard": "Asia/Dubai",
    "india": "Asia/Kolkata",
    "india standard": "Asia/Kolkata",
    "german": "Europe/Berlin",
    "germany": "Europe/Berlin",
    "french": "Europe/Paris",
    "dutch": "Europe/Amsterdam",
    "copenhagen": "Europe/Copenhagen",
    "oslo": "Europe/Oslo",
    "warsaw": "Europe/Warsaw",
    "dublin": "Europe/Dublin",
    "irish": "Europe/Dublin",
    "central european": "Europe/Paris",
    "toronto": "America/Toronto",
    "new york": "America/New_York",
    "chicago": "America/Chicago",
    "vancouver": "America/Vancouver",
    "los angeles": "America/Los_Angeles",
    "mexico city": "America/Mexico_City",
    "são paulo": "America/Sao_Paulo",
    "sao paulo": "America/Sao_Paulo",
    "brasília": "America/Sao_Paulo",
    "buenos aires": "America/Argentina/Buenos_Aires",
    "mumbai": "Asia/Kolkata",
    "delhi": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "bengaluru": "Asia/Kolkata",
    "hong kong": "Asia/Hong_Kong",
    "tokyo": "Asia/Tokyo",
    "japan": "Asia/Tokyo",
    "seoul": "Asia/Seoul",
    "shanghai": "Asia/Shanghai",
    "beijing": "Asia/Shanghai",
    "china": "Asia/Shanghai",
    "auckland": "Pacific/Auckland",
    "johannesburg": "Africa/Johannesburg",
    "lagos": "Africa/Lagos",
    "nairobi": "Africa/Nairobi",
    "abu dhabi": "Asia/Dubai",
}
_MONTHS = {
    1: "jan january janvier januar enero gennaio januari janeiro styczeń stycznia",
    2: "feb february février fevrier februar febrero febbraio februari fevereiro lutego",
    3: "mar march mars märz maerz marzo maart março marca",
    4: "apr april avril abril aprile kwietnia",
    5: "may mai mayo maggio mei maio maja",
    6: "jun june juin juni junio giugno junho czerwca",
    7: "jul july juillet juli julio luglio julho lipca",
    8: "aug august août aout agosto augustus sierpnia",
    9: "sep sept september septembre septiembre settembre setembro września",
    10: "oct october octobre oktober octubre ottobre outubro października",
    11: "nov november novembre noviembre novembro listopada",
    12: "dec december décembre decembre dezember diciembre dicembre dezembro grudnia",
}
MONTHS = {w: n for n, words in _MONTHS.items() for w in words.split()}
_DAYS = {
    0: "monday mon lundi montag lunes lunedì lunedi maandag segunda poniedziałek",
    1: "tuesday tue tues mardi dienstag martes martedì martedi dinsdag terça wtorek",
    2: "wednesday wed mercredi mittwoch miércoles miercoles mercoledì mercoledi woensdag quarta"
    " środa",
    3: "thursday thu thur thurs jeudi donnerstag jueves giovedì giovedi donderdag quinta czwartek",
    4: "friday fri vendredi freitag viernes venerdì venerdi vrijdag sexta piątek",
    5: "saturday sat samedi samstag sábado sabato zaterdag",
    6: "sunday sun dimanche sonntag domingo domenica zondag",
}
WEEKDAYS = {w: n for n, words in _DAYS.items() for w in words.split()}

_MONTH = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_DAY = "|".join(sorted(map(re.escape, WEEKDAYS), key=len, reverse=True))
_ZONE = "|".join(
    sorted((re.escape(z).replace(r"\ ", r"\s+") for z in ZONES), key=len, reverse=True)
)
_TIME = re.compile(
    r"(?<![\d/.:])(?P<h>[01]?\d|2[0-3])(?:(?P<sep>[:.h])(?P<m>[0-5]\d))?\s*"
    r"(?:(?P<ampm>[ap])\.?\s?m\b\.?|(?P<uhr>uhr|h\b|hrs\b|horas\b|heures\b)"
    r"|(?=(?P<lead>)))"
    rf"(?:\s*\(?\s*(?:(?:gmt|utc)\s*(?P<off>[+-]\d{{1,2}}(?::?\d{{2}})?)|(?P<zone>{_ZONE})\b"
    r")(?:\s*time)?\)?)?",
    re.IGNORECASE,
)
_DATE = re.compile(
    rf"(?P<iso>\b20\d\d-[01]\d-[0-3]\d\b)"
    rf"|\b(?P<d1>[0-3]?\d)(?:st|nd|rd|th|er|\.|º)?\s+(?:of\s+|de\s+)?(?P<m1>{_MONTH})\b\.?"
    rf"(?:,?\s+(?P<y1>20\d\d))?"
    rf"|\b(?P<m2>{_MONTH})\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>20\d\d))?"
    r"|(?<![\d:.])(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)(?:[/.](?P<y3>(?:20)?\d\d))?(?![\d:])"
    rf"|\b(?P<next>next|this|coming)?\s*(?P<wd>{_DAY})\b\.?"
    rf"(?P<span>\s*(?:-|–|to|through|thru|till|until|bis|à|a|al)\s*(?:{_DAY})\b)?(?:,?\s+(?:the\s+)?"
    r"(?P<d4>[0-3]?\d)(?:st|nd|rd|th|er|\.)?(?![\d:.h]|\s*(?:[ap]\.?m\b|[:.h]\d|uhr)))?"
    r"|\b(?P<rel>tomorrow|demain|morgen|mañana|domani)\b",
    re.IGNORECASE,
)
_AMERICAS = ("America/",)


@dataclass(frozen=True, slots=True)
class Moment:
    """A date and time read from text, with the zone it was said in ("" when unsaid)."""

    at: dt.datetime
    zone: str


def _zone_of(m: re.Match[str], default: str) -> tuple[ZoneInfo | dt.timezone, str]:
    if m.group("zone"):
        name = ZONES[" ".join(m.group("zone").lower().split())]
        return ZoneInfo(name), name
    if m.group("off"):
        raw = m.group("off").replace(":", "")
        sign = -1 if raw[0] == "-" else 1
        digits = raw[1:]
        hours, minutes = (
            (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
        )
        if hours <= 14 and minutes < 60:  # "GMT+24" is no zone: the user's is taken
            return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes)), ""
    return ZoneInfo(default), ""


def _time(m: re.Match[str]) -> dt.time | None:
    hour = int(m.group("h"))
    minute = int(m.group("m") or 0)
    ampm = (m.group("ampm") or "").lower()
    if not (ampm or m.group("uhr") or m.group("m")):
        return None
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "p" else 0)
    return dt.time(hour, minute)


def _day(m: re.Match[str], ref: dt.date, american: bool) -> dt.date | None:
    """Return the date a date match names, on or after `ref` (the message's day)."""
    try:
        if m.group("iso"):
            return dt.date.fromisoformat(m.group("iso"))
        if m.group("m1") or m.group("m2"):
            month = MONTHS[(m.group("m1") or m.group("m2")).lower()]
            day = int(m.group("d1") or m.group("d2"))
            year = m.group("y1") or m.group("y2")
            return _ahead(ref, month, day, int(year) if year else None)
        if m.group("a"):
            a, b = int(m.group("a")), int(m.group("b"))
            month, day = (a, b) if american else (b, a)
            if not 1 <= month <= 12:
                month, day = day, month
            year = m.group("y3")
            return _ahead(ref, month, day, (2000 + int(year) % 100) if year else None)
        if m.group("wd"):
            weekday = WEEKDAYS[m.group("wd").lower()]
            if m.group("d4"):
                return _weekday_dom(ref, weekday, int(m.group("d4")))
            if len(m.group("wd")) <= 4:  # "sun", "sat", "wed" alone are words, not days
                return None
            if m.group("span"):  # "Monday to Friday": working days, not a date
                return None
            ahead = (weekday - ref.weekday()) % 7 or 7
            return ref + dt.timedelta(days=ahead)
        if m.group("rel"):
            return ref + dt.timedelta(days=1)
    except ValueError:
        return None
    return None


def _ahead(ref: dt.date, month: int, day: int, year: int | None) -> dt.date:
    if year is not None:
        return dt.date(year, month, day)
    found = dt.date(ref.year, month, day)
    return found if found >= ref - dt.timedelta(days=7) else dt.date(ref.year + 1, month, day)


def _weekday_dom(ref: dt.date, weekday: int, dom: int) -> dt.date | None:
    """Return the first date from `ref` on that is day `dom` of its month and `weekday`."""
    year, month = ref.year, ref.month
    for _ in range(14):
        try:
            day = dt.date(year, month, dom)
        except ValueError:
            day = None
        if day is not None and day >= ref and day.weekday() == weekday:
            return day
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return None


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"(?<!\d)[.!?](?:\s+|$)(?=[A-Z]|$)|\n\s*\n|\n[-*•]", text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


_RANGE = re.compile(r"\s*(?:-|–|—|to|until|till|bis|à|a|al|hasta|até|→|~)\s*$", re.IGNORECASE)


def _overlap(a: re.Match[str], b: re.Match[str]) -> bool:
    return a.start() < b.end() and b.start() < a.end()


def _starts(times: list[re.Match[str]], chunk: str) -> list[tuple[re.Match[str], re.Match[str]]]:
    """Return the times that start something, each with the match that names its zone: the
    end of a range ("14:00-15:30 CET", "from 3 to 4pm") is left out but lends its zone; so is a
    time given again in the reader's zone ("6pm your time")."""
    kept: list[tuple[re.Match[str], re.Match[str]]] = []
    for t in times:
        if kept and _RANGE.match(chunk[kept[-1][0].end() : t.start()]):
            start, zoned = kept[-1]
            if not (zoned.group("zone") or zoned.group("off")):
                kept[-1] = (start, t)
            continue
        if re.match(r"\s*\(?\s*(?:your|you|local|ur)\s+time", chunk[t.end() : t.end() + 20], re.I):
            continue
        kept.append((t, t))
    return kept


def _exists_once(at: dt.datetime) -> bool:
    """Return True when a wall-clock time happens exactly once in its zone (not in the hour the
    clocks skip in spring, nor the one they repeat in autumn)."""
    back = at.astimezone(dt.UTC).astimezone(at.tzinfo)
    if back.replace(tzinfo=None) != at.replace(tzinfo=None):
        return False
    return at.replace(fold=1).utcoffset() == at.replace(fold=0).utcoffset()


def moments(text: str, sent: dt.datetime, default_zone: str) -> list[Moment]:
    """Return every distinct (date, time) pair of `text`, each time with the nearest date of
    its sentence; `sent` is when the message was written (relative dates count from it)."""
    found: list[Moment] = []
    local = sent  # "tomorrow" is the sender's: their day, in the offset their Date header gives
    for start, end in _sentences(text):
        chunk = text[start:end]
        every = [m for m in _TIME.finditer(chunk) if _time(m) is not None]
        times = _starts(every, chunk)
        if not times:
            continue
        dates = [d for d in _DATE.finditer(chunk) if not any(_overlap(d, t) for t in every)]
        for t, zoned in times:
            zone, name = _zone_of(zoned, default_zone)
            american = (name or default_zone).startswith(_AMERICAS)
            near = sorted(
                dates,
                key=lambda d: min(abs(d.end() - t.start()), abs(t.end() - d.start())),
            )
            day = next((x for x in (_day(d, local.date(), american) for d in near) if x), None)
            clock = _time(t)
            if day is None or clock is None:
                continue
            at = dt.datetime.combine(day, clock).replace(tzinfo=zone)
            if not _exists_once(at):
                continue  # a time the clocks skip or repeat that night: the user types it
            moment = Moment(at, name)
            if all(x.at != at for x in found):
                found.append(moment)
    return found


def fixed_moment(text: str, sent: dt.datetime, default_zone: str) -> Moment | None:
    """Return the one moment `text` fixes, or None (none, or several offered)."""
    found = moments(text, sent, default_zone)
    return found[0] if len(found) == 1 else None
