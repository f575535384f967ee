"""The names that belong to each application (company, role, agency, recruiter, panel,
referees): the checker tells a name of this application from one of another."""

from __future__ import annotations

from sqlalchemy import Connection

from followthrough.store.schema import applications, contacts, interviewers, interviews, referees
from followthrough.store.scope import Owner


def names_by_application(owner: Owner, conn: Connection) -> dict[int, set[str]]:
    """Return, per application id of the owner, every name that belongs to it."""
    by_app: dict[int, set[str]] = {}
    apps = owner.select(
        applications,
        applications.c.id,
        applications.c.company,
        applications.c.role,
        applications.c.agency,
        contacts.c.name,
    ).select_from(applications.outerjoin(contacts, contacts.c.id == applications.c.recruiter_id))
    for aid, company, role, agency, recruiter in conn.execute(apps):
        by_app.setdefault(aid, set()).update(n for n in (company, role, agency, recruiter) if n)
    panels = owner.select(interviews, interviews.c.application_id, contacts.c.name).select_from(
        interviewers.join(interviews, interviews.c.id == interviewers.c.interview_id).join(
            contacts, contacts.c.id == interviewers.c.contact_id
        )
    )
    refs = owner.select(referees, referees.c.application_id, contacts.c.name).select_from(
        referees.join(contacts, contacts.c.id == referees.c.contact_id)
    )
    for aid, name in [*conn.execute(panels).all(), *conn.execute(refs).all()]:
        by_app.setdefault(aid, set()).add(name)
    return by_app
