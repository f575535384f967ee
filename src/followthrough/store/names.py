"""The names that belong to each application (company, role, agency, recruiter, panel,
referees): the checker tells a name of this application from one of another."""

from __future__ import annotations

from sqlalchemy import Connection, select

from followthrough.store.schema import applications, contacts, interviewers, interviews, referees


def names_by_application(conn: Connection, owner: int) -> dict[int, set[str]]:
    """Return, per application id of `owner`, every name that belongs to it."""
    by_app: dict[int, set[str]] = {}
    rows = conn.execute(
        select(
            applications.c.id,
            applications.c.company,
            applications.c.role,
            applications.c.agency,
            contacts.c.name,
        )
        .select_from(applications.outerjoin(contacts, contacts.c.id == applications.c.recruiter_id))
        .where(applications.c.owner_id == owner)
    )
    for aid, company, role, agency, recruiter in rows:
        by_app.setdefault(aid, set()).update(n for n in (company, role, agency, recruiter) if n)
    people = conn.execute(
        select(interviews.c.application_id, contacts.c.name)
        .select_from(
            interviewers.join(interviews, interviews.c.id == interviewers.c.interview_id).join(
                contacts, contacts.c.id == interviewers.c.contact_id
            )
        )
        .where(interviews.c.owner_id == owner)
    ).all()
    people += conn.execute(
        select(referees.c.application_id, contacts.c.name)
        .select_from(referees.join(contacts, contacts.c.id == referees.c.contact_id))
        .where(referees.c.owner_id == owner)
    ).all()
    for aid, name in people:
        by_app.setdefault(aid, set()).add(name)
    return by_app
