"""`app`: add, list, show an application; change its status; record a referee."""

from __future__ import annotations

from typing import Any

import click

from followthrough.cli.context import Ctx, emit_created, json_option, pass_ctx


def _render() -> Any:
    """Return the human renderers (Rich is imported only when a person reads the output)."""
    from followthrough.cli.render import records

    return records


@click.group()
def app() -> None:
    """Applications: add, list, show, status."""


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


@app.command("list")
@click.option("--status", help="Only this status.")
@json_option
@pass_ctx
def app_list(ctx: Ctx, status: str | None) -> None:
    """List your applications with their next action."""
    from followthrough import shapes
    from followthrough.services import applications

    items = [
        shapes.application_item_json(a)
        for a in applications.list_applications(ctx.service(), status)
    ]
    ctx.emit(items, lambda: _render().applications(items))


@app.command("show")
@click.argument("app_id", metavar="APP", type=int)
@json_option
@pass_ctx
def app_show(ctx: Ctx, app_id: int) -> None:
    """Show an application: people, interviews, plan and exchanges."""
    from followthrough import shapes
    from followthrough.services import applications

    item = shapes.application_detail_json(applications.show_application(ctx.service(), app_id))
    ctx.emit(item, lambda: _render().application(item))


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
