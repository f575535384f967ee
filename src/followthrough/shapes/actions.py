"""The JSON shape of actions and the today grouping, shared by every path that shows them.

Light on purpose (stdlib only, and only what the `today --json` fast path needs at start-up: no
json, typing or zoneinfo import here): that path imports it without SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from typing import Any
    from zoneinfo import ZoneInfo

try:  # the C string encoder json.dumps(..., ensure_ascii=False) uses, without importing json
    from _json import encode_basestring as _quote
except ImportError:  # pragma: no cover - CPython always has _json
    from json.encoder import encode_basestring as _quote

UTC = dt.UTC
#: How far ahead `today` looks.
UPCOMING_DAYS = 7
#: The columns `action_json` reads, in the order `today_text` takes them.
COLUMNS = (
    "id", "kind", "title", "status", "due_at", "deadline_at", "application_id", "interview_id",
    "company", "job_role", "recipient_name", "recipient_email", "recipient_contact_id",
    "via_name", "channel", "rule", "sources", "why", "reason", "talking_points", "done_at",
    "edited", "key",
)  # fmt: skip


def aware(value: Any) -> dt.datetime | None:
    """Return a stored instant as an aware UTC datetime (SQLite keeps naive UTC text)."""
    if value is None:
        return None
    moment: dt.datetime = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def iso(value: Any, zone: ZoneInfo) -> str | None:
    """Return an instant as ISO 8601 with the UTC offset of `zone`, to the second."""
    moment = aware(value)
    if moment is None:
        return None
    return moment.astimezone(zone).isoformat(timespec="seconds")


def _loads(text: str) -> Any:
    import json

    return json.loads(text)


def action_json(row: Mapping[str, Any], zone: ZoneInfo) -> dict[str, Any]:
    """Return the documented JSON shape of one action row."""
    recipient = None
    if row["recipient_name"]:
        recipient = {
            "name": row["recipient_name"],
            "email": row["recipient_email"],
            "contact_id": row["recipient_contact_id"],
            "forward_to": row["via_name"],
        }
    return {
        "id": row["id"],
        "kind": row["kind"],
        "title": row["title"],
        "status": row["status"],
        "due": iso(row["due_at"], zone),
        "deadline": iso(row["deadline_at"], zone),
        "application_id": row["application_id"],
        "interview_id": row["interview_id"],
        "company": row["company"],
        "role": row["job_role"],
        "recipient": recipient,
        "channel": row["channel"],
        "rule": row["rule"],
        "sources": row["sources"].split() if row["sources"] else [],
        "why": row["why"] or "",
        "reason": row["reason"],
        "talking_points": _loads(row["talking_points"] or "[]"),
        "done_at": iso(row["done_at"], zone),
        "edited": bool(row["edited"]),
        "key": row["key"],
    }


def day_bounds(now: dt.datetime, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """Return the start of tomorrow and the end of the upcoming window, in the user's zone."""
    today = now.astimezone(zone).date()
    tomorrow = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    horizon = dt.datetime.combine(
        today + dt.timedelta(days=UPCOMING_DAYS + 1), dt.time(0), tzinfo=zone
    )
    return tomorrow, horizon


def window_end(now: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """Return the end of what `today` shows: midnight after the 7th day from today."""
    return day_bounds(now, zone)[1]


def next_change(rows: Iterable[Mapping[str, Any]], now: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """Return the first moment after `now` at which `group` would sort these rows differently:
    just after the next due time passes (due today -> overdue), or midnight (a new day)."""
    until = day_bounds(now, zone)[0]
    for row in rows:
        due = aware(row["due_at"])
        if due is not None and now <= due < until:
            until = due + dt.timedelta(microseconds=1)
    return until


def split(rows: Iterable[Mapping[str, Any]], now: dt.datetime, zone: ZoneInfo) -> dict[str, Any]:
    """Return {"now", "overdue", "due_today", "upcoming"} with the rows themselves in each
    group (as `group` sorts them; a reader that shows a few shapes only those)."""
    tomorrow, horizon = day_bounds(now, zone)
    overdue: list[Mapping[str, Any]] = []
    today: list[Mapping[str, Any]] = []
    upcoming: list[Mapping[str, Any]] = []
    for row in rows:
        due = aware(row["due_at"])
        assert due is not None
        if due < now:
            overdue.append(row)
        elif due < tomorrow:
            today.append(row)
        elif due < horizon:
            upcoming.append(row)
    stamp = now.astimezone(zone).isoformat(timespec="seconds")
    return {"now": stamp, "overdue": overdue, "due_today": today, "upcoming": upcoming}


def group(rows: Iterable[Mapping[str, Any]], now: dt.datetime, zone: ZoneInfo) -> dict[str, Any]:
    """Return {"now", "overdue", "due_today", "upcoming"} for pending/snoozed action rows.

    Overdue: due before now. Due today: from now to midnight. Upcoming: the next 7 days.
    """
    out = split(rows, now, zone)
    for key in ("overdue", "due_today", "upcoming"):
        out[key] = [action_json(row, zone) for row in out[key]]
    return out


# ---------------------------------------------------------------- group() as JSON text


_EMPTY = '""'  # "" as JSON


def _dumps(value: Any) -> str:
    """Return `value` as json.dumps(..., ensure_ascii=False, default=str) writes it."""
    import json

    return json.dumps(value, ensure_ascii=False, default=str)


def _value(value: Any) -> str:
    """Return one plain value (str, int, None, anything SQLite returns) as a JSON fragment."""
    if value.__class__ is str:
        return _quote(value)
    if value is None:
        return "null"
    if value.__class__ is int:
        return int.__repr__(value)
    return _dumps(value)


def _string_list(text: str) -> str:
    """Return the fragment of json.loads(text) for a talking_points cell (a JSON list).

    What the store writes (json.dumps of plain ASCII lines) is already that fragment, and is
    recognised without the json module; anything else is decoded and encoded again.
    """
    if text == "[]":
        return text
    if (
        len(text) >= 4 and text[:2] == '["' and text[-2:] == '"]'
        and text.isascii() and "\\" not in text
        and all('"' not in item and item.isprintable() for item in text[2:-2].split('", "'))
    ):  # fmt: skip
        return text
    return _dumps(_loads(text))


def _words(text: str | None) -> str:
    """Return the fragment of the "sources" list: the words of `text`."""
    return "[" + ", ".join(map(_quote, text.split())) + "]" if text else "[]"


class _TodayWriter:
    """Writes action rows as the JSON text of action_json, converting repeated cells (due
    times, sources, talking points) once."""

    def __init__(self, now: dt.datetime, zone: ZoneInfo) -> None:
        self.now, self.zone = now, zone
        self.tomorrow, self.horizon = day_bounds(now, zone)
        self.overdue: list[str] = []
        self.due_today: list[str] = []
        self.upcoming: list[str] = []
        self.slots: dict[Any, tuple[list[str] | None, str]] = {}
        self.stamps: dict[Any, str] = {None: "null"}
        self.lists: dict[Any, str] = {}
        self.words: dict[Any, str] = {}

    def slot(self, due_at: Any) -> tuple[list[str] | None, str]:
        """Return the group a due time falls in (None: past the window) and its JSON text."""
        due = aware(due_at)
        assert due is not None
        if due < self.now:
            bucket: list[str] | None = self.overdue
        elif due < self.tomorrow:
            bucket = self.due_today
        elif due < self.horizon:
            bucket = self.upcoming
        else:
            bucket = None
        # iso(due_at, zone), as a JSON string
        stamp = (
            "" if bucket is None else _quote(due.astimezone(self.zone).isoformat("T", "seconds"))
        )
        slot = self.slots[due_at] = (bucket, stamp)
        return slot

    def stamp(self, value: Any) -> str:
        """Return an instant as JSON text in the user's zone (or null)."""
        text = self.stamps.get(value)
        if text is None:
            text = self.stamps[value] = _value(iso(value, self.zone))
        return text

    def add(self, row: Sequence[Any]) -> None:
        """Append one row's JSON text to its group (rows past the window are left out)."""
        (id_, kind, title, status, due_at, deadline_at, application_id, interview_id, company,
         job_role, recipient_name, recipient_email, recipient_contact_id, via_name, channel,
         rule, sources, why, reason, points, done_at, edited, key) = row  # fmt: skip
        bucket, due_text = self.slots.get(due_at) or self.slot(due_at)
        if bucket is None:
            return
        listed = self.lists.get(points)
        if listed is None:
            listed = self.lists[points] = _string_list(points or "[]")
        source_list = self.words.get(sources)
        if source_list is None:
            source_list = self.words[sources] = _words(sources)
        if recipient_name:
            recipient = (
                f'{{"name": {_value(recipient_name)}, "email": {_value(recipient_email)}, '
                f'"contact_id": {_value(recipient_contact_id)}, "forward_to": {_value(via_name)}}}'
            )
        else:
            recipient = "null"
        # action_json(row) as json.dumps writes it: the same keys in the same order, each value
        # a JSON fragment (an int as it is, a str quoted; anything else through _value)
        bucket.append(
            f'{{"id": {id_ if id_.__class__ is int else _value(id_)}, "kind": {_quote(kind)}, '
            f'"title": {_quote(title)}, "status": {_quote(status)}, "due": {due_text}, '
            f'"deadline": {self.stamp(deadline_at)}, "application_id": '
            f"{application_id if application_id.__class__ is int else _value(application_id)}, "
            f'"interview_id": '
            f"{interview_id if interview_id.__class__ is int else _value(interview_id)}, "
            f'"company": {_quote(company) if company.__class__ is str else _value(company)}, '
            f'"role": {_quote(job_role) if job_role.__class__ is str else _value(job_role)}, '
            f'"recipient": {recipient}, "channel": {_quote(channel)}, "rule": {_quote(rule)}, '
            f'"sources": {source_list}, "why": {_quote(why) if why else _EMPTY}, '
            f'"reason": {"null" if reason is None else _value(reason)}, '
            f'"talking_points": {listed}, "done_at": {self.stamp(done_at)}, '
            f'"edited": {"true" if edited else "false"}, "key": {_quote(key)}}}'
        )

    def text(self) -> str:
        """Return the whole grouping as JSON text."""
        return "".join((
            '{"now": ', _quote(self.now.astimezone(self.zone).isoformat(timespec="seconds")),
            ', "overdue": [', ", ".join(self.overdue),
            '], "due_today": [', ", ".join(self.due_today),
            '], "upcoming": [', ", ".join(self.upcoming), "]}",
        ))  # fmt: skip


def today_text(rows: Iterable[Sequence[Any]], now: dt.datetime, zone: ZoneInfo) -> str:
    """Return json.dumps(group(rows, now, zone), ensure_ascii=False, default=str), byte for byte,
    without building the dictionaries: the `today --json` fast path, where most of the work is
    turning rows into text. `rows` hold the COLUMNS, in that order.

    It never returns a different text; where a cell has a type the store never writes (bytes,
    a number where text belongs) it may raise instead (TypeError, AttributeError), and the
    caller then takes group() and json.dumps, which read such rows (or fail) their own way.
    """
    writer = _TodayWriter(now, zone)
    add = writer.add
    for row in rows:
        add(row)
    return writer.text()
