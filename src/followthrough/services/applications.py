"""Applications: add one, attach a referee, change its status, list them, show one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from followthrough.domain.errors import ValidationError
from followthrough.domain.model import Application, ApplicationFacts, Channel, Contact, Role, Status
from followthrough.services.context import Context, UnitOfWork

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    #: An action as the store reads it (the columns of shapes.COLUMNS, by name).
    ActionRow = Mapping[str, Any]


@dataclass(frozen=True)
class ApplicationView:
    """An application with its recruiter, in the user's zone."""

    app: Application
    recruiter: Contact | None
    zone: Any


@dataclass(frozen=True)
class ApplicationItem(ApplicationView):
    """An application as a list shows it: with its next action and its last exchange."""

    next_action: ActionRow | None = None
    last_exchange: dt.datetime | None = None


@dataclass(frozen=True)
class ApplicationDetail(ApplicationView):
    """An application with everything known about it and its whole plan."""

    facts: ApplicationFacts
    plan: Sequence[ActionRow]


@dataclass(frozen=True)
class StatusChange(ApplicationView):
    """An application after a status change, with the actions it added and cancelled."""

    added: Sequence[ActionRow]
    cancelled: Sequence[ActionRow]


def view(uow: UnitOfWork, app: Application) -> ApplicationView:
    """Return an application with its recruiter."""
    recruiter = uow.repo.contact(uow.conn, app.recruiter_id) if app.recruiter_id else None
    return ApplicationView(app, recruiter, uow.zone)


def _check_application(
    company: str, role: str, agency: str | None, interest: int | None, url: str | None
) -> None:
    """Refuse an application's fields that cannot be stored, naming the field and the fix."""
    from followthrough.domain.parse import check_one_line
    from followthrough.domain.validate import interest as check_interest

    if not company.strip():
        raise ValidationError("company", "empty; give the company's name")
    if not role.strip():
        raise ValidationError("role", "empty; give the job title, e.g. 'Data Engineer'")
    check_one_line(company, "company")
    check_one_line(role, "role")
    check_one_line(agency or "", "agency")
    if interest is not None:
        check_interest(interest)
    if url and not url.startswith(("http://", "https://")):
        raise ValidationError("url", f"{url!r}; give a full address starting with https://")


def add_application(
    ctx: Context,
    company: str,
    role: str,
    recruiter: str | None = None,
    agency: str | None = None,
    url: str | None = None,
    interest: int | None = None,
    notes: str = "",
    referees: Sequence[str] = (),
    competitors: Sequence[str] = (),
    hiring_contact: str | None = None,
) -> Application:
    """Create an application (recruiter-led when a recruiter or agency is given); return it."""
    from followthrough.services.contacts import resolve_contact
    from followthrough.services.planning import replan

    _check_application(company, role, agency, interest, url)
    with ctx.write() as uow:
        recruiter_id = hiring_id = None
        if recruiter:
            recruiter_id = resolve_contact(
                uow, recruiter, "recruiter", Role.RECRUITER, organisation=agency
            ).id
        if hiring_contact:
            hiring_id = resolve_contact(
                uow, hiring_contact, "hiring-contact", Role.HIRING_MANAGER, organisation=company
            ).id
        channel = Channel.RECRUITER if (recruiter or agency) else Channel.DIRECT
        app_id = uow.repo.add_application(
            uow.conn,
            uow.now,
            company=company.strip(),
            role=role.strip(),
            url=url,
            channel=channel.value,
            agency=agency,
            recruiter_id=recruiter_id,
            hiring_contact_id=hiring_id,
            interest=interest,
            notes=notes,
            competitors="\n".join(competitors),
            applied_on=uow.now.astimezone(uow.zone).date(),
        )
        for ref in referees:
            rid = resolve_contact(uow, ref, "referee", Role.REFEREE).id
            uow.repo.add_referee(uow.conn, app_id, rid)
        replan(uow, app_id, "application added")
        uow.describe("app-add", f"Added {company.strip()} — {role.strip()}", app_id)
        return uow.repo.application(uow.conn, app_id)


def add_referee(ctx: Context, app_id: int, who: str) -> Contact:
    """Attach a referee to an application and re-plan; return the referee."""
    from followthrough.services.contacts import resolve_contact
    from followthrough.services.planning import replan

    with ctx.write() as uow:
        uow.repo.application(uow.conn, app_id)
        contact = resolve_contact(uow, who, "referee", Role.REFEREE)
        uow.repo.add_referee(uow.conn, app_id, contact.id)
        replan(uow, app_id, "referee added")
        uow.describe("referee-add", f"Added referee {contact.name or contact.email}", app_id)
        return contact


def _status(status: str) -> Status:
    """Return the status named `status`, or say which exist."""
    try:
        return Status(status)
    except ValueError:
        raise ValidationError(
            "status", f"{status!r}; use one of {', '.join(s.value for s in Status)}"
        ) from None


def set_status(ctx: Context, app_id: int, status: str) -> StatusChange:
    """Change an application's status and re-plan; return it with the actions added and
    cancelled."""
    from followthrough.services.planning import replan

    new = _status(status)
    with ctx.write() as uow:
        repo, conn = uow.repo, uow.conn
        app = repo.application(conn, app_id)
        before = {r["key"]: r["status"] for r in repo.actions_of(conn, app_id)}
        if app.status is not new:
            repo.update_application(conn, app_id, status=new.value, updated_at=uow.now)
            repo.add_status_event(conn, app_id, new.value, uow.now)
            replan(uow, app_id, f"status changed to {new.value}")
            uow.describe("status", f"{app.company}: status {app.status.value} → {new.value}",
                         app_id)  # fmt: skip
        after = repo.actions_of(conn, app_id)
        added = [r for r in after if r["key"] not in before]
        cancelled = [
            r
            for r in after
            if r["status"] == "cancelled" and before.get(r["key"]) not in (None, "cancelled")
        ]
        now = view(uow, repo.application(conn, app_id))
        return StatusChange(now.app, now.recruiter, now.zone, added, cancelled)


def list_applications(
    ctx: Context,
    status: str | None = None,
    *,
    statuses: tuple[str, ...] = (),
    limit: int | None = None,
) -> list[ApplicationItem]:
    """Return the applications (of `status` or `statuses`, else every one), newest first, at
    most `limit`, each with its next action."""
    with ctx.read() as uow:
        return _items(uow, status, statuses, limit)


def application_page(
    ctx: Context, statuses: tuple[str, ...] = (), limit: int | None = None
) -> tuple[list[ApplicationItem], dict[str, int]]:
    """Return a page of applications (as list_applications) and how many the user has in each
    status (for "N more")."""
    with ctx.read() as uow:
        return _items(uow, None, statuses, limit), uow.repo.status_counts(uow.conn)


def _items(
    uow: UnitOfWork, status: str | None, statuses: tuple[str, ...], limit: int | None
) -> list[ApplicationItem]:
    """Return the applications asked for, each with its recruiter, next action and last
    exchange (read for these applications only: a page costs the same at any size)."""
    apps = uow.repo.applications(uow.conn, status, statuses=statuses, limit=limit)
    ids = [app.id for app in apps]
    nexts = uow.repo.next_actions(uow.conn, ids)
    lasts = uow.repo.last_exchanges(uow.conn, ids)
    people = uow.repo.contacts_by_id(uow.conn, [a.recruiter_id for a in apps if a.recruiter_id])
    return [
        ApplicationItem(
            app,
            people.get(app.recruiter_id) if app.recruiter_id else None,
            uow.zone,
            nexts.get(app.id),
            lasts.get(app.id),
        )
        for app in apps
    ]


def application_item(ctx: Context, app_id: int) -> ApplicationView:
    """Return one application with its recruiter."""
    with ctx.read() as uow:
        return view(uow, uow.repo.application(uow.conn, app_id))


def show_application(ctx: Context, app_id: int) -> ApplicationDetail:
    """Return an application with its contacts, interviews, plan and exchanges."""
    with ctx.read() as uow:
        base = view(uow, uow.repo.application(uow.conn, app_id))
        facts = uow.repo.facts(uow.conn, app_id)
        plan = uow.repo.actions_of(uow.conn, app_id)
        return ApplicationDetail(base.app, base.recruiter, base.zone, facts, plan)


def plan(ctx: Context, app_id: int) -> tuple[list[ActionRow], Any]:
    """Return the full dated plan of an application (cancelled actions included) and the
    user's zone."""
    with ctx.read() as uow:
        uow.repo.application(uow.conn, app_id)
        return list(uow.repo.actions_of(uow.conn, app_id)), uow.zone
