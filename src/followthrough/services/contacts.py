"""Contacts: interviewers, recruiters, hiring managers and referees, found or created from what
a user types (an id, an e-mail, 'Name <email>' or a name)."""

from __future__ import annotations

from followthrough.domain.errors import ValidationError
from followthrough.domain.model import Contact, Role
from followthrough.domain.parse import check_email, check_one_line, parse_address
from followthrough.services.context import Context, UnitOfWork

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def resolve_contact(
    uow: UnitOfWork,
    text: str,
    field: str,
    role: Role | None = None,
    direct: bool | None = None,
    organisation: str | None = None,
) -> Contact:
    """Return the contact meant by `text` (an id, an e-mail, 'Name <email>' or a name),
    creating it when it is new."""
    repo, conn = uow.repo, uow.conn
    value = text.strip()
    if value.isascii() and value.isdigit():
        if len(value) > 15:
            raise ValidationError(field, f"{value!r} is not a contact id", topic="contact")
        return repo.contact(conn, int(value))
    name, email = parse_address(value, field)
    found = repo.contact_by_email(conn, email) if email else repo.contact_by_name(conn, name)
    if found is not None:
        return _promote(uow, found, role, direct)
    cid = repo.add_contact(
        conn,
        uow.now,
        name=name,
        email=email,
        role=(role or Role.OTHER).value,
        direct_contact=bool(direct),
        organisation=organisation,
        notes="",
    )
    return repo.contact(conn, cid)


def _promote(uow: UnitOfWork, found: Contact, role: Role | None, direct: bool | None) -> Contact:
    """Return a known contact, with what this mention teaches (a role for an "other", the
    fact that they wrote directly) recorded."""
    changes: dict[str, Any] = {}
    if direct and not found.direct_contact:
        changes["direct_contact"] = True
    if role and found.role is Role.OTHER:
        changes["role"] = role.value
    if not changes:
        return found
    uow.repo.update_contact(uow.conn, found.id, **changes)
    return uow.repo.contact(uow.conn, found.id)


def _role(role: str) -> Role:
    """Return the role named `role`, or say which roles exist."""
    try:
        return Role(role)
    except ValueError:
        raise ValidationError(
            "role", f"{role!r}; use one of {', '.join(r.value for r in Role)}"
        ) from None


def add_contact(
    ctx: Context,
    name: str,
    email: str | None = None,
    phone: str | None = None,
    linkedin: str | None = None,
    role: str = "other",
    organisation: str | None = None,
    direct_contact: bool = False,
    notes: str = "",
) -> Contact:
    """Create a contact; return it."""
    if not name.strip():
        raise ValidationError("name", "empty; give the person's name")
    check_one_line(name, "name")
    check_one_line(organisation or "", "organisation")
    if email:
        check_email(email, "email")
    role_value = _role(role)
    with ctx.write() as uow:
        if email and uow.repo.contact_by_email(uow.conn, email):
            raise ValidationError("email", f"{email} is already a contact", topic="contact")
        cid = uow.repo.add_contact(
            uow.conn,
            uow.now,
            name=name.strip(),
            email=email,
            phone=phone,
            linkedin=linkedin,
            role=role_value.value,
            organisation=organisation,
            direct_contact=direct_contact,
            notes=notes,
        )
        return uow.repo.contact(uow.conn, cid)


def list_contacts(ctx: Context, role: str | None = None) -> list[Contact]:
    """Return the contacts (of one role, or all), by name."""
    with ctx.read() as uow:
        return list(uow.repo.contacts(uow.conn, role))


def contact_page(
    ctx: Context, role: str | None = None, limit: int | None = None
) -> tuple[list[Contact], int]:
    """Return the first `limit` contacts (of one role, or all) by name, and how many there
    are in all."""
    with ctx.read() as uow:
        found = list(uow.repo.contacts(uow.conn, role, limit))
        total = len(found) if limit is None else uow.repo.count_contacts(uow.conn, role)
        return found, total


def show_contact(ctx: Context, contact_id: int) -> Contact:
    """Return one contact."""
    with ctx.read() as uow:
        return uow.repo.contact(uow.conn, contact_id)
