"""`contact`: add, list and show the people of your search."""

from __future__ import annotations

import click

from followthrough.cli import reads
from followthrough.cli.commands import edits
from followthrough.cli.context import (
    Ctx,
    answer,
    emit_created,
    json_option,
    page_size,
    pass_ctx,
)


@click.group()
def contact() -> None:
    """Contacts: interviewers, recruiters, hiring managers, referees."""


contact.add_command(edits.contact_edit)
contact.add_command(edits.contact_delete)
contact.add_command(edits.contact_merge)


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
@click.option("--limit", metavar="N", callback=page_size,
              help=f"Show the first N by name (default {reads.CONTACT_PAGE}; with --json, all).")
@click.option("--all", "show_all", is_flag=True, help="Every contact, no limit.")
@json_option
@pass_ctx
def contact_list(ctx: Ctx, role: str | None, limit: int | None, show_all: bool) -> None:
    """List your contacts by name, a page at a time.

    50 at a time, then how many more there are (--all for every one). --json prints every
    contact unless --limit is given.
    """
    answer(reads.contact_list, ctx, role=role, limit=limit, show_all=show_all)


@contact.command("show")
@click.argument("contact_id", metavar="CONTACT", type=int)
@json_option
@pass_ctx
def contact_show(ctx: Ctx, contact_id: int) -> None:
    """Show one contact."""
    answer(reads.contact_show, ctx, contact_id=contact_id)
