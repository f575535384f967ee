"""Interviews and their debriefs: record one with its panel, show one, write the debrief."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from followthrough.domain.errors import ValidationError
from followthrough.domain.model import (
    Application,
    Contact,
    Debrief,
    Format,
    Interview,
    Role,
    Status,
)
from followthrough.services.context import Context, UnitOfWork

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


@dataclass(frozen=True)
class InterviewView:
    """An interview with its panel, in the user's zone, and its debrief once written."""

    interview: Interview
    contacts: Mapping[int, Contact]
    zone: Any
    debriefed: bool
    debrief: Debrief | None = None


@dataclass(frozen=True)
class DebriefView:
    """A debrief, in the user's zone."""

    debrief: Debrief
    zone: Any


def _format(fmt: str) -> Format:
    """Return the interview format named `fmt`, or say which exist."""
    try:
        return Format(fmt)
    except ValueError:
        raise ValidationError(
            "format", f"{fmt!r}; use one of {', '.join(f.value for f in Format)}"
        ) from None


def _panel(
    uow: UnitOfWork, app: Application, with_: Sequence[str], direct_contacts: Sequence[str]
) -> list[int]:
    """Return the panel's contact ids (found or created), marking who wrote directly."""
    from followthrough.domain.parse import parse_address
    from followthrough.services.contacts import resolve_contact

    direct = {parse_address(d, "direct-contact")[1] or d for d in direct_contacts}
    panel: list[int] = []
    for who in with_:
        _, email = parse_address(who, "with") if not who.strip().isdigit() else ("", None)
        contact = resolve_contact(
            uow,
            who,
            "with",
            Role.INTERVIEWER,
            direct=email in direct if email else None,
            organisation=app.company,
        )
        panel.append(contact.id)
    for d in direct:  # --direct-contact naming someone not in --with
        c = uow.repo.contact_by_email(uow.conn, d) if "@" in d else None
        if c is None:
            raise ValidationError(
                "direct-contact", f"{d!r} is not on the panel; add them with --with"
            )
        if not c.direct_contact:
            uow.repo.update_contact(uow.conn, c.id, direct_contact=True)
    return panel


def add_interview(
    ctx: Context,
    app_id: int,
    start: dt.datetime,
    end: dt.datetime,
    fmt: str = "in-person",
    with_: Sequence[str] = (),
    direct_contacts: Sequence[str] = (),
    decision_by: dt.date | None = None,
    promises: Sequence[str] = (),
    round_: int | None = None,
    follow_up_with: str | None = None,
    follow_up_how: str = "",
    next_steps: str = "",
) -> InterviewView:
    """Record an interview with its panel and re-plan; return the interview."""
    from followthrough.domain.validate import interview_span
    from followthrough.services.contacts import resolve_contact
    from followthrough.services.planning import replan

    interview_span(start, end)
    format_ = _format(fmt)
    with ctx.write() as uow:
        repo, conn = uow.repo, uow.conn
        app = repo.application(conn, app_id)
        if decision_by is not None and decision_by < start.astimezone(uow.zone).date():
            raise ValidationError("decision-by", "the decision date is before the interview")
        panel = _panel(uow, app, with_, direct_contacts)
        follow_id = None
        if follow_up_with:
            follow_id = resolve_contact(uow, follow_up_with, "follow-up-with").id
        existing = repo.interviews(conn, app_id)
        iid = repo.add_interview(
            conn,
            uow.now,
            panel,
            application_id=app_id,
            start_at=start,
            end_at=end,
            tz=uow.settings["tz"],
            format=format_.value,
            round=round_ or len(existing) + 1,
            decision_date=decision_by,
            follow_up_contact_id=follow_id,
            follow_up_how=follow_up_how,
            promises=list(promises),
            next_steps=next_steps,
        )
        if app.status is Status.APPLIED:
            repo.update_application(conn, app_id, status="interviewing", updated_at=uow.now)
            repo.add_status_event(conn, app_id, "interviewing", uow.now)
        replan(uow, app_id, "a new interview supersedes it")
        uow.describe("interview-add", f"Added interview {iid} with {app.company}", app_id)
        iv = repo.interview(conn, iid)
        contacts = repo.contacts_by_id(conn, list(iv.interviewer_ids))
        return InterviewView(iv, contacts, uow.zone, False)


def show_interview(ctx: Context, interview_id: int) -> InterviewView:
    """Return an interview with its panel and its debrief."""
    with ctx.read() as uow:
        iv = uow.repo.interview(uow.conn, interview_id)
        contacts = uow.repo.contacts_by_id(uow.conn, list(iv.interviewer_ids))
        debrief = uow.repo.debriefs(uow.conn, [interview_id]).get(interview_id)
        return InterviewView(iv, contacts, uow.zone, debrief is not None, debrief)


def record_debrief(ctx: Context, interview_id: int, data: Mapping[str, Any]) -> DebriefView:
    """Validate and store the debrief of an interview, then re-plan; return it."""
    from followthrough.domain.validate import clean_debrief
    from followthrough.services.planning import replan

    clean = clean_debrief(data)
    verdict = clean.pop("verdict", None)
    with ctx.write() as uow:
        iv = uow.repo.interview(uow.conn, interview_id)
        again = interview_id in uow.repo.debriefs(uow.conn, [interview_id])
        uow.repo.save_debrief(uow.conn, interview_id, clean, verdict, uow.now)
        uow.repo.finish_by_key(uow.conn, f"debrief:i{interview_id}", uow.now)
        replan(uow, iv.application_id, "debrief recorded")
        uow.describe("debrief-edit" if again else "debrief",
                     f"{'Edited' if again else 'Recorded'} the debrief of interview"
                     f" {interview_id}", iv.application_id)  # fmt: skip
        return DebriefView(uow.repo.debriefs(uow.conn, [interview_id])[interview_id], uow.zone)
