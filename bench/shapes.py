"""What the generator's rows look like: the columns it fills, time arithmetic, its values."""

from __future__ import annotations

import datetime as dt
import functools
import json
import tomllib
from dataclasses import dataclass, field
from typing import NamedTuple
from zoneinfo import ZoneInfo

TZ_NAME = "Europe/Brussels"
TZ = ZoneInfo(TZ_NAME)
UTC = dt.UTC
FMT = "%Y-%m-%d %H:%M:%S.%f"  # SQLAlchemy's SQLite DateTime storage format
SPAN_DAYS = 730
FLUSH_EVERY = 2000  # applications per executemany batch (keeps memory flat at 100k)
MINUTE = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)

COLUMNS = {
    "contacts": ("id owner_id name email phone linkedin role organisation direct_contact notes "
                 "created_at"),
    "applications": ("id owner_id company role url channel agency recruiter_id hiring_contact_id "
                     "status interest applied_on notes competitors created_at updated_at"),
    "status_events": "id owner_id application_id status at",
    "interviews": ("id owner_id application_id start_at end_at tz format round decision_date "
                   "follow_up_contact_id follow_up_how promises next_steps created_at"),
    "interviewers": "interview_id contact_id position",
    "debriefs": "interview_id owner_id recorded_at data verdict",
    "referees": "application_id contact_id owner_id",
    "actions": ("id owner_id key application_id interview_id kind title status due_at deadline_at "
                "planned_due_at done_at recipient_contact_id recipient_name recipient_email "
                "via_contact_id via_name channel rule sources why reason talking_points chases "
                "edited draft_subject draft_body created_at updated_at"),
    "interactions": ("id owner_id application_id contact_id at kind summary action_id action_kind "
                     "message_id follow_up created_at"),
}
TABLE_ORDER = tuple(COLUMNS)  # parents before children (foreign keys are checked)
#: an INSERT per table, and values to append to every row (see generate.insert_statements)
Statements = tuple[dict[str, str], dict[str, tuple[object, ...]]]


def stamp(moment: dt.datetime | None) -> str | None:
    """Return an aware instant as the store's naive-UTC text (FMT), or None.

    isoformat with microseconds writes what strftime(FMT) writes, a third of the time (1.3M
    stamps at 10k applications)."""
    if moment is None:
        return None
    if moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    return moment.isoformat(" ", "microseconds")[:26]


@functools.lru_cache(maxsize=8192)
def at_local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """Return the UTC instant of `day` at HH:MM in Brussels."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ).astimezone(UTC)


def local_day(moment: dt.datetime) -> dt.date:
    """Return the Brussels calendar date of an instant."""
    return moment.astimezone(TZ).date()


def working_day(day: dt.date, strictly_after: bool = False) -> dt.date:
    """Return `day` (or the day after) rolled forward to a weekday."""
    if strictly_after:
        day += DAY
    while day.weekday() >= 5:
        day += DAY
    return day


class Rule(NamedTuple):
    """What an action takes from its playbook rule, in the form its row stores it."""

    kind: str
    title: str  # a str.format template: {recipient}, {company}, {n}
    channel: str
    sources: str
    talking_points: str  # JSON
    chases: int


def load_rules() -> dict[str, Rule]:
    """Return the packaged playbook's rules by id (titles, sources, talking points, channel)."""
    from followthrough import playbooks

    data = tomllib.loads(playbooks.default_text())
    return {rule["id"]: Rule(str(rule["kind"]), str(rule["title"]), str(rule["channel"]),
                             " ".join(rule["sources"]),
                             json.dumps(rule.get("talking_points", [])),
                             int(bool(rule.get("chases", False))))
            for rule in data["rule"]}


@dataclass
class Person:
    """A contact as the generator needs it for recipients."""

    id: int
    name: str
    email: str | None
    org: str | None = None


@dataclass
class Meeting:
    """One interview being generated."""

    id: int
    round: int
    begin: dt.datetime
    end: dt.datetime
    format: str
    panel: list[Person]


@dataclass
class App:
    """One application being generated (what its actions need to know)."""

    id: int
    company: str
    created: dt.datetime
    recruiter: Person | None
    hiring: Person | None
    status: str = "applied"
    final_at: dt.datetime | None = None
    interviews: list[Meeting] = field(default_factory=list)
    referees: list[Person] = field(default_factory=list)
