"""/api/v1/contacts: list, add, show."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from followthrough import shapes
from followthrough.domain.parse import parse_address
from followthrough.services import Service, contacts
from followthrough.web.deps import service
from followthrough.web.errors import ApiRoute
from followthrough.web.schemas.common import ContactId, ContactRole
from followthrough.web.schemas.contacts import ContactIn, ContactOut

router = APIRouter(prefix="/contacts", route_class=ApiRoute)


@router.get("", response_model=list[ContactOut])
def list_contacts(
    role: ContactRole | None = Query(default=None, description="Only this role"),
    svc: Service = Depends(service),
) -> list[dict[str, Any]]:
    """Your contacts, by name (as `contact list --json`)."""
    return [shapes.contact_json(c) for c in contacts.list_contacts(svc, role)]


@router.post("", response_model=ContactOut, status_code=201)
def add_contact(body: ContactIn, svc: Service = Depends(service)) -> dict[str, Any]:
    """Add a contact (as `contact add --json`); the name may be 'Name <email>'."""
    name, email = parse_address(body.name, "name")
    created = contacts.add_contact(
        svc,
        name,
        body.email or email,
        body.phone,
        body.linkedin,
        body.role,
        body.organisation,
        body.direct_contact,
        body.notes,
    )
    return shapes.contact_json(created)


@router.get("/{contact_id}", response_model=ContactOut)
def show_contact(contact_id: ContactId, svc: Service = Depends(service)) -> dict[str, Any]:
    """One contact (as `contact show --json`)."""
    return shapes.contact_json(contacts.show_contact(svc, contact_id))
