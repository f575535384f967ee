"""Factories for pure domain tests: build facts in local time, plan them, read the result.

Nothing here touches a database or the file system (the playbook is read from the installed
package with importlib.resources). Every factory takes keyword overrides, so a test states only
what matters to it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from followthrough.domain.model import (
    ActionRecord,
    ActionStatus,
    Application,
    ApplicationFacts,
    Channel,
    Contact,
    Debrief,
    FitVerdict,
    Format,
    Interaction,
    InteractionKind,
    Interview,
    PlannedAction,
    Role,
    Status,
    StatusEvent,
)
from followthrough.domain.planner import Policy, plan_application
from followthrough.domain.playbook import Playbook, load_playbook
from followthrough.domain.workdays import Workweek

#: The default zone, country and region of the factories (a Brussels job seeker).
TZ = "Europe/Brussels"
COUNTRY = "BE"

#: Fixed ids of the people the factories create.
APP_ID = 1
INTERVIEWER_ID = 10
SECOND_INTERVIEWER_ID = 11
THIRD_INTERVIEWER_ID = 12
RECRUITER_ID = 20
REFEREE_ID = 30
SECOND_REFEREE_ID = 31


def default_toml() -> str:
    """Return the text of the packaged default playbook."""
    return (
        resources.files("followthrough.playbooks").joinpath("default.toml").read_text("utf-8")
    )


@functools.cache
def _default_playbook() -> Playbook:
    return load_playbook(default_toml())


#: The packaged default playbook, loaded once.
PLAYBOOK: Playbook = _default_playbook()


def local(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    *,
    tz: str = TZ,
    fold: int = 0,
) -> dt.datetime:
    """Return an aware datetime at the given wall-clock time in `tz`."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz), fold=fold)


def iso(moment: dt.datetime | None) -> str | None:
    """Return `moment` as ISO 8601 with its UTC offset (minutes precision), or None."""
    if moment is None:
        return None
    return moment.isoformat(timespec="minutes")


def make_app(**overrides: Any) -> Application:
    """Return an Application (direct, interviewing) with `overrides` applied."""
    values: dict[str, Any] = {
        "id": APP_ID,
        "company": "ACME",
        "role": "Data Engineer",
        "channel": Channel.DIRECT,
        "status": Status.INTERVIEWING,
        "created_at": local(2026, 11, 2, 9, 0),
    }
    values.update(overrides)
    return Application(**values)


def make_recruiter_app(**overrides: Any) -> Application:
    """Return a recruiter-led Application whose recruiter is contact RECRUITER_ID."""
    values: dict[str, Any] = {
        "channel": Channel.RECRUITER,
        "agency": "Talent Agency",
        "recruiter_id": RECRUITER_ID,
    }
    values.update(overrides)
    return make_app(**values)


_NAMES = {
    INTERVIEWER_ID: ("Ann Lee", Role.INTERVIEWER),
    SECOND_INTERVIEWER_ID: ("Bob Stone", Role.INTERVIEWER),
    THIRD_INTERVIEWER_ID: ("Chloe Dubois", Role.INTERVIEWER),
    RECRUITER_ID: ("Jane Roe", Role.RECRUITER),
    REFEREE_ID: ("Rita Ref", Role.REFEREE),
    SECOND_REFEREE_ID: ("Rob Ref", Role.REFEREE),
}


def make_contact(id: int = INTERVIEWER_ID, **overrides: Any) -> Contact:
    """Return a Contact; the well-known ids get a fixed name and role."""
    name, role = _NAMES.get(id, (f"Person {id}", Role.OTHER))
    values: dict[str, Any] = {
        "id": id,
        "name": name,
        "email": f"{name.split()[0].lower()}{id}@example.com",
        "role": role,
    }
    values.update(overrides)
    return Contact(**values)


def make_interview(
    end: dt.datetime | None = None,
    *,
    start: dt.datetime | None = None,
    duration: int = 60,
    **overrides: Any,
) -> Interview:
    """Return an Interview ending at `end` (default Monday 2026-11-23 11:00 in Brussels)."""
    end = end or local(2026, 11, 23, 11, 0)
    start = start or end - dt.timedelta(minutes=duration)
    values: dict[str, Any] = {
        "id": 100,
        "application_id": APP_ID,
        "start": start,
        "end": end,
        "format": Format.IN_PERSON,
        "interviewer_ids": (INTERVIEWER_ID,),
    }
    values.update(overrides)
    return Interview(**values)


def make_interaction(
    at: dt.datetime,
    kind: InteractionKind = InteractionKind.EMAIL_OUT,
    *,
    id: int = 500,
    contact_id: int | None = INTERVIEWER_ID,
    **overrides: Any,
) -> Interaction:
    """Return a logged exchange of application APP_ID."""
    return Interaction(
        id=id, application_id=APP_ID, at=at, kind=kind, contact_id=contact_id, **overrides
    )


def make_debrief(
    interview_id: int, recorded_at: dt.datetime, verdict: FitVerdict | None = None
) -> Debrief:
    """Return a Debrief of `interview_id` with the given verdict."""
    return Debrief(interview_id=interview_id, recorded_at=recorded_at, verdict=verdict)


def make_record(
    key: str,
    status: ActionStatus = ActionStatus.DONE,
    *,
    due: dt.datetime | None = None,
    done_at: dt.datetime | None = None,
    kind: str | None = None,
) -> ActionRecord:
    """Return what the store knows of action `key` (kind taken from the key's prefix)."""
    return ActionRecord(
        key=key, kind=kind or key.split(":")[0], status=status, due=due, done_at=done_at
    )


def make_facts(
    app: Application | None = None,
    *,
    interviews: Iterable[Interview] | None = None,
    contacts: Iterable[Contact] | None = None,
    referees: Iterable[int] = (),
    interactions: Iterable[Interaction] = (),
    debriefs: Iterable[Debrief] = (),
    status_events: Iterable[StatusEvent] = (),
    actions: Iterable[ActionRecord] = (),
    recruiter_links_elsewhere: Iterable[int] = (),
) -> ApplicationFacts:
    """Return ApplicationFacts; contacts default to every person the facts mention."""
    app = app or make_app()
    ivs = (make_interview(),) if interviews is None else tuple(interviews)
    referee_ids = tuple(referees)
    if contacts is None:
        ids = {cid for iv in ivs for cid in iv.interviewer_ids} | set(referee_ids)
        if app.recruiter_id is not None:
            ids.add(app.recruiter_id)
        contacts = [make_contact(cid) for cid in sorted(ids)]
    return ApplicationFacts(
        application=app,
        contacts={c.id: c for c in contacts},
        interviews=ivs,
        debriefs={d.interview_id: d for d in debriefs},
        interactions=tuple(interactions),
        referee_ids=referee_ids,
        status_events=tuple(status_events),
        actions={r.key: r for r in actions},
        recruiter_links_elsewhere=frozenset(recruiter_links_elsewhere),
    )


@functools.cache
def workweek(tz: str = TZ, country: str = COUNTRY, subdiv: str | None = None) -> Workweek:
    """Return a (cached) Workweek with the default working hours 09:00-18:00."""
    return Workweek(tz=tz, country=country, subdiv=subdiv)


def policy_from_playbook(**overrides: Any) -> Policy:
    """Return the default policy of the playbook with `overrides` applied."""
    options: dict[str, object] = dict(PLAYBOOK.policies)
    options.update(overrides)
    return Policy.from_options(options)


def plan(
    facts: ApplicationFacts,
    *,
    tz: str = TZ,
    country: str = COUNTRY,
    subdiv: str | None = None,
    policy: Policy | str | None = None,
) -> list[PlannedAction]:
    """Return the planned actions of `facts` under the default playbook.

    `policy` may be a Policy or just the value of `linkedin_interviewer`.
    """
    if policy is None:
        policy = policy_from_playbook()
    elif isinstance(policy, str):
        policy = policy_from_playbook(linkedin_interviewer=policy)
    return plan_application(facts, PLAYBOOK, workweek(tz, country, subdiv), policy)


def of_kind(actions: Iterable[PlannedAction], kind: str) -> list[PlannedAction]:
    """Return the actions of `kind`, in plan order."""
    return [a for a in actions if a.kind == kind]


def dues(actions: Iterable[PlannedAction], kind: str) -> list[str | None]:
    """Return the ISO due times of the actions of `kind`, in plan order."""
    return [iso(a.due) for a in of_kind(actions, kind)]


def existing_from(
    actions: Iterable[PlannedAction], status: ActionStatus = ActionStatus.PENDING
) -> dict[str, ActionRecord]:
    """Return store records for `actions` as the store would hold them after inserting them."""
    return {a.key: ActionRecord(a.key, a.kind, status, a.due, planned=a) for a in actions}
