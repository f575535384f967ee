"""Contacts: interviewers, recruiters, hiring managers and referees, found or created from what
a user types (an id, an e-mail, 'Name <email>' or a name)."""

from __future__ import annotations

from followthrough.domain.errors import ValidationError
from followthrough.domain.model import Contact, Role
from followthrough.domain.parse import check_email, check_one_line, parse_address
from followthrough.services.context import Context, UnitOfWork

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
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
        found = uow.repo.contact_by_email(uow.conn, email) if email else None
        if found is not None:
            raise ValidationError(
                "email", f"{email} is already contact {found.id} ({found.name or 'no name'})",
                topic="contact-edit",
            )
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
        uow.describe("contact-add", f"Added contact {name.strip()}")
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


#: What `contact edit` may change.
FIELDS = ("name", "email", "phone", "linkedin", "role", "organisation", "notes",
          "direct_contact", "add_email", "remove_email")  # fmt: skip


def _check_contact(uow: UnitOfWork, contact_id: int, changes: Mapping[str, Any]) -> None:
    """Refuse a contact edit's values that could not be stored, naming the field and the fix."""
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise ValidationError(unknown[0], f"cannot be edited; edit one of {', '.join(FIELDS)}")
    for name in ("name", "phone", "organisation", "linkedin"):
        if changes.get(name):
            check_one_line(changes[name], name)
    if "role" in changes:
        _role(changes["role"])
    for name in ("email", "add_email"):
        email = changes.get(name)
        if not email:
            continue
        check_email(email, name.replace("_", "-"))
        found = uow.repo.contact_by_email(uow.conn, email)
        if found is not None and found.id != contact_id:
            raise ValidationError(
                name.replace("_", "-"), f"{email} is contact {found.id} ({found.name});"
                f" merge them with `followthrough contact merge {contact_id} {found.id}`",
            )


def edit_contact(ctx: Context, contact_id: int, changes: Mapping[str, Any]) -> Contact:
    """Change some fields of a contact and re-plan the applications they appear in (drafts and
    actions carry their name and address); return them."""
    from followthrough.services.app_edits import describe_changes
    from followthrough.services.planning import replan

    with ctx.write() as uow:
        repo, conn = uow.repo, uow.conn
        before = repo.contact(conn, contact_id)
        _check_contact(uow, contact_id, changes)
        values = {k: v for k, v in changes.items() if k not in ("add_email", "remove_email")}
        if "name" in values:
            values["name"] = (values["name"] or "").strip()
        if "notes" in values:
            values["notes"] = values["notes"] or ""
        for name in ("email", "phone", "linkedin", "organisation"):
            if name in values and not values[name]:
                values[name] = None
        if values:
            repo.update_contact(conn, contact_id, **values)
        if changes.get("add_email"):
            repo.add_contact_email(conn, contact_id, changes["add_email"])
        if changes.get("remove_email"):
            if changes["remove_email"].lower() not in {e.lower() for e in before.other_emails}:
                raise ValidationError("remove-email", f"{changes['remove_email']} is not one of"
                                      f" {before.name}'s other addresses")  # fmt: skip
            repo.remove_contact_email(conn, changes["remove_email"])
        after = repo.contact(conn, contact_id)
        for app_id in repo.contact_uses(conn, contact_id)["applications"]:
            replan(uow, app_id, "contact edited")
        summary = describe_changes(_fields(before), _fields(after))
        uow.describe("contact-edit", f"Edited contact {after.name or contact_id}: {summary}")
        return after


def _fields(c: Contact) -> dict[str, Any]:
    """Return a contact's editable fields as the history shows them."""
    return {
        "name": c.name, "email": c.email, "other addresses": c.other_emails, "phone": c.phone,
        "linkedin": c.linkedin, "role": c.role.value, "organisation": c.organisation,
        "notes": c.notes, "direct contact": c.direct_contact,
    }  # fmt: skip


def contact_uses(ctx: Context, contact_id: int) -> tuple[Contact, dict[str, list[int]]]:
    """Return a contact and where they appear (interviews, applications)."""
    with ctx.read() as uow:
        person = uow.repo.contact(uow.conn, contact_id)
        return person, uow.repo.contact_uses(uow.conn, contact_id)


def delete_contact(ctx: Context, contact_id: int) -> tuple[Contact, dict[str, list[int]]]:
    """Delete a contact (off every panel; the applications they were recruiter of keep no
    recruiter) and re-plan where they appeared; return who they were and where."""
    from followthrough.services.planning import replan

    with ctx.write() as uow:
        person = uow.repo.contact(uow.conn, contact_id)
        uses = uow.repo.contact_uses(uow.conn, contact_id)
        uow.repo.delete_contact(uow.conn, contact_id)
        for app_id in uses["applications"]:
            replan(uow, app_id, "contact deleted")
        uow.describe("contact-delete", f"Deleted contact {person.name or person.email}")
        return person, uses


def merge_contacts(ctx: Context, keep: int, other: int) -> Contact:
    """Merge contact `other` into `keep` (the same person entered twice, or writing from a new
    address): every interview, action and exchange of `other` moves to `keep`, its addresses
    become `keep`'s other addresses, its empty fields filled; then `other` is deleted. Return
    `keep`."""
    from followthrough.services.planning import replan

    if keep == other:
        raise ValidationError("other", "is the contact to keep; name two different ones")
    with ctx.write() as uow:
        repo, conn = uow.repo, uow.conn
        kept, gone = repo.contact(conn, keep), repo.contact(conn, other)
        apps = set(repo.contact_uses(conn, other)["applications"])
        repo.move_contact_emails(conn, other, keep)
        repo.update_contact(conn, other, email=None)
        fill: dict[str, Any] = {}
        if gone.email and not kept.email:
            fill["email"] = gone.email
        elif gone.email and gone.email.lower() != (kept.email or "").lower():
            repo.add_contact_email(conn, keep, gone.email)
        for name in ("phone", "linkedin", "organisation"):
            if not getattr(kept, name) and getattr(gone, name):
                fill[name] = getattr(gone, name)
        if not kept.name and gone.name:
            fill["name"] = gone.name
        if gone.notes and gone.notes not in kept.notes:
            fill["notes"] = f"{kept.notes}\n\n{gone.notes}".strip()
        if gone.direct_contact and not kept.direct_contact:
            fill["direct_contact"] = True
        repo.merge_contacts(conn, keep, other)
        if fill:
            repo.update_contact(conn, keep, **fill)
        for app_id in sorted(apps | set(repo.contact_uses(conn, keep)["applications"])):
            replan(uow, app_id, "contacts merged")
        uow.describe("contact-merge", f"Merged contact {gone.name or gone.email} (contact"
                     f" {other}) into {kept.name or kept.email} (contact {keep})")  # fmt: skip
        return repo.contact(conn, keep)
