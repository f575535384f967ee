"""`contact`: add, list and show the people of your search."""

from __future__ import annotations

from typing import Any

import click

from followthrough.cli.context import Ctx, emit_created, json_option, pass_ctx


def _render() -> Any:
    """Return the human renderers (imported only when a person reads the output)."""
    from followthrough.cli.render import records

    return records


@click.group()
def contact() -> None:
    """Contacts: interviewers, recruiters, hiring managers, referees."""


@contact.command("add")
@click.argument("name", required=False)
@click.option("--name", "name_opt", help="The person's name (or give it as the argument).")
@click.option("--email")
@click.option("--phone")
@click.option("--linkedin", help="LinkedIn profile URL.")
@click.option(
    "--role",
    default="other",
    type=click.Choice(["interviewer", "recruiter", "hiring-manager", "referee", "other"]),
)
@click.option("--org", "organisation", help="Their organisation.")
@click.option("--direct", "direct_contact", is_flag=True, help="They have e-mailed you directly.")
@click.option("--notes", default="", help="What you remember about them.")
@json_option
@pass_ctx
def contact_add(
    ctx: Ctx,
    name: str | None,
    name_opt: str | None,
    email: str | None,
    phone: str | None,
    linkedin: str | None,
    role: str,
    organisation: str | None,
    direct_contact: bool,
    notes: str,
) -> None:
    """Add a contact: NAME, or 'NAME <EMAIL>'."""
    from followthrough import shapes
    from followthrough.domain.errors import ValidationError
    from followthrough.domain.parse import parse_address
    from followthrough.services import contacts

    given = name or name_opt
    if not given:
        raise ValidationError("name", "missing; give it as an argument: contact add 'Ann Lee'")
    parsed_name, parsed_email = parse_address(given, "name")
    created = contacts.add_contact(
        ctx.service(),
        parsed_name,
        email or parsed_email,
        phone,
        linkedin,
        role,
        organisation,
        direct_contact,
        notes,
    )
    obj = shapes.contact_json(created)
    emit_created(ctx, obj, f"Added contact {obj['id']}: {obj['name']}")


@contact.command("list")
@click.option("--role", help="Only this role.")
@json_option
@pass_ctx
def contact_list(ctx: Ctx, role: str | None) -> None:
    """List your contacts."""
    from followthrough import shapes
    from followthrough.services import contacts

    items = [shapes.contact_json(c) for c in contacts.list_contacts(ctx.service(), role)]
    ctx.emit(items, lambda: _render().contacts(items))


@contact.command("show")
@click.argument("contact_id", metavar="CONTACT", type=int)
@json_option
@pass_ctx
def contact_show(ctx: Ctx, contact_id: int) -> None:
    """Show one contact."""
    from followthrough import shapes
    from followthrough.services import contacts

    item = shapes.contact_json(contacts.show_contact(ctx.service(), contact_id))
    ctx.emit(item, lambda: _render().contacts([item]))
