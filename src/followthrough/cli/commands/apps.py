"""`app`: add, list, show an application; change its status; record a referee."""

from __future__ import annotations

from typing import Any

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


def _render() -> Any:
    """Return the human renderers (imported only when a person reads the output)."""
    from followthrough.cli.render import records

    return records


@click.group()
def app() -> None:
    """Applications: add, list, show, status, edit, delete, merge."""


app.add_command(edits.app_edit)
app.add_command(edits.app_delete)
app.add_command(edits.app_merge)


@app.command("add")
@click.option("--company", required=True, help="The employer.")
@click.option("--role", required=True, help="The job title.")
@click.option(
    "--recruiter", metavar="'NAME <EMAIL>'", help="The recruiter (makes it recruiter-led)."
)
@click.option("--agency", help="The recruitment agency (makes it recruiter-led).")
@click.option("--url", help="The job advert.")
@click.option("--interest", type=click.IntRange(1, 5), help="How much you want it, 1-5.")
@click.option(
    "--referee",
    "referees",
    multiple=True,
    metavar="'NAME <EMAIL>'",
    help="A referee you gave them (repeat for several).",
)
@click.option("--hiring-contact", metavar="'NAME <EMAIL>'", help="Your contact at the company.")
@click.option("--competitor", "competitors", multiple=True, help="A competitor worth a look.")
@click.option("--notes", default="", help="Anything to remember.")
@json_option
@pass_ctx
def app_add(
    ctx: Ctx,
    company: str,
    role: str,
    recruiter: str | None,
    agency: str | None,
    url: str | None,
    interest: int | None,
    referees: tuple[str, ...],
    hiring_contact: str | None,
    competitors: tuple[str, ...],
    notes: str,
) -> None:
    """Add an application."""
    from followthrough import shapes
    from followthrough.services import applications

    svc = ctx.service()
    created = applications.add_application(
        svc,
        company,
        role,
        recruiter=recruiter,
        agency=agency,
        url=url,
        interest=interest,
        notes=notes,
        referees=referees,
        competitors=competitors,
        hiring_contact=hiring_contact,
    )
    obj = shapes.application_view_json(applications.application_item(svc, created.id))
    emit_created(ctx, obj, f"Added application {obj['id']}: {company} — {role}")


def _statuses(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> Any:
    """Return the statuses asked for (reads.statuses); a bad one is a usage error."""
    try:
        return reads.statuses(values)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@app.command("list")
@click.option("--status", "statuses", multiple=True, metavar="STATUS", callback=_statuses,
              help="Only this status: open (applied, interviewing, offer: the default), "
              "applied, interviewing, offer, accepted, rejected, withdrawn, closed, or all. "
              "Repeat it or separate with commas.")
@click.option("--limit", metavar="N", callback=page_size,
              help=f"Show the N most recent (default {reads.APP_PAGE}; with --json, all).")
@click.option("--all", "show_all", is_flag=True,
              help="Every application (of every status, or of --status), no limit.")
@json_option
@pass_ctx
def app_list(
    ctx: Ctx, statuses: tuple[str, ...] | None, limit: int | None, show_all: bool
) -> None:
    """List your open applications, most recent first.

    Each with its next action, 20 at a time, then how many more there are:

    \b
      followthrough app list                     the 20 most recent open ones
      followthrough app list --status rejected   the 20 most recent rejected ones
      followthrough app list --limit 50          the 50 most recent open ones
      followthrough app list --all               every one, every status

    --json prints every application unless --status, --limit or --all is given.
    """
    answer(reads.app_list, ctx, statuses=statuses, limit=limit, show_all=show_all)


@app.command("show")
@click.argument("app_id", metavar="APP", type=int)
@json_option
@pass_ctx
def app_show(ctx: Ctx, app_id: int) -> None:
    """Show an application: people, interviews, plan and exchanges."""
    answer(reads.app_show, ctx, app_id=app_id)


@app.command("status")
@click.argument("app_id", metavar="APP", type=int)
@click.argument(
    "status",
    type=click.Choice(
        ["applied", "interviewing", "offer", "accepted", "rejected", "withdrawn", "closed"]
    ),
)
@json_option
@pass_ctx
def app_status(ctx: Ctx, app_id: int, status: str) -> None:
    """Change the status of an application (re-plans: shows what was added and cancelled)."""
    from followthrough import shapes
    from followthrough.services import applications

    result = shapes.status_change_json(applications.set_status(ctx.service(), app_id, status))
    ctx.emit(result, lambda: _render().status_change(result))


@app.command("referee")
@click.argument("app_id", metavar="APP", type=int)
@click.argument("who", metavar="'NAME <EMAIL>'")
@json_option
@pass_ctx
def app_referee(ctx: Ctx, app_id: int, who: str) -> None:
    """Record that you gave WHO as a referee for APP."""
    from followthrough import shapes
    from followthrough.services import applications

    contact = shapes.contact_json(applications.add_referee(ctx.service(), app_id, who))
    emit_created(ctx, contact, f"Referee {contact['name']} attached to application {app_id}")
