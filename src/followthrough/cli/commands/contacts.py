"""`contact`: add, list and show the people of your search."""

from __future__ import annotations

from typing import Any

import click

from followthrough.cli.context import Ctx, emit_created, json_option, page_size, pass_ctx


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


#: How many contacts a person is shown at once.
PAGE = 50


@contact.command("list")
@click.option("--role", help="Only this role.")
@click.option("--limit", metavar="N", callback=page_size,
              help=f"Show the first N by name (default {PAGE}; with --json, all).")
@click.option("--all", "show_all", is_flag=True, help="Every contact, no limit.")
@json_option
@pass_ctx
def contact_list(ctx: Ctx, role: str | None, limit: int | None, show_all: bool) -> None:
    """List your contacts by name, a page at a time.

    50 at a time, then how many more there are (--all for every one). --json prints every
    contact unless --limit is given.
    """
    from followthrough import shapes
    from followthrough.services import contacts

    if show_all and limit is not None:
        raise click.UsageError("--limit and --all: give one of them (--all shows every one)")
    if limit is None and not (show_all or ctx.json):
        limit = PAGE
    page, total = contacts.contact_page(ctx.service(), role, limit)
    items = [shapes.contact_json(c) for c in page]
    rest = total - len(items)
    footer = f"{rest} more: followthrough contact list --all" if rest > 0 else ""
    ctx.emit(items, lambda: _render().contacts(items, footer))


@contact.command("show")
@click.argument("contact_id", metavar="CONTACT", type=int)
@json_option
@pass_ctx
def contact_show(ctx: Ctx, contact_id: int) -> None:
    """Show one contact."""
    from followthrough import shapes
    from followthrough.services import contacts

    item = shapes.contact_json(contacts.show_contact(ctx.service(), contact_id))
    ctx.emit(item, lambda: _render().contacts([item], ""))
