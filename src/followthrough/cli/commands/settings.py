"""`init`, `settings` and `doctor`: where your data lives, your zone, country and rules, and
what would make the plan wrong."""

from __future__ import annotations

from typing import Any

import click

from followthrough.cli import reads
from followthrough.cli.context import Ctx, answer, json_option, pass_ctx


def _render() -> Any:
    """Return the human renderers (imported only when a person reads the output)."""
    from followthrough.cli.render import records

    return records


@click.command()
@json_option
@pass_ctx
def doctor(ctx: Ctx) -> None:
    """What would make your plan wrong, and how to fix it.

    A time zone or country never set, contacts to e-mail without an address, contacts named
    after a mailbox, applications interviewing with no interview, actions more than a week
    overdue. --json: {"ok", "findings": [{"check", "problem", "fix", "ids"}]}.
    """
    answer(reads.doctor, ctx)


@click.command()
@click.option("--tz", "tz_", metavar="ZONE", help="Your time zone, e.g. Europe/Brussels.")
@click.option(
    "--country", "country_", metavar="CC", help="Your country (public holidays), e.g. BE."
)
@click.option("--region", metavar="CODE", help="Region for regional holidays, e.g. CA or BY.")
@json_option
@pass_ctx
def init(ctx: Ctx, tz_: str | None, country_: str | None, region: str | None) -> None:
    """Create your database and store your zone and country."""
    from followthrough.services import validate_setting
    from followthrough.services.settings import update_settings

    values = {k: v for k, v in (("tz", tz_), ("country", country_), ("region", region)) if v}
    for key, value in values.items():
        if key != "region":
            validate_setting(key, value)  # before the database file is created
    svc = ctx.service()
    settings = update_settings(svc, values) if values else svc.settings()
    payload = {"db": str(ctx.db_path), "settings": settings}

    def human() -> None:
        click.echo(f"Database ready: {ctx.db_path}")
        click.echo(f"Time zone {settings['tz']}, holidays of {settings.get('country') or '(none)'}")
        click.echo('Next: followthrough app add --company ACME --role "Data Engineer"')

    ctx.emit(payload, human)


@click.command()
@click.argument("key", required=False)
@click.argument("value", required=False)
@json_option
@pass_ctx
def settings(ctx: Ctx, key: str | None, value: str | None) -> None:
    """Show your settings, one setting, or set KEY to VALUE (re-plans everything).

    \b
    Keys: tz, country, region, work_start, work_end, linkedin_interviewer
    (after-offer | after-interview), check_in_interval_days, max_check_ins,
    keep_searching_min_open, keep_searching_quiet_days.
    """
    svc = ctx.service() if value is not None else ctx.existing()  # showing creates nothing
    if key is not None and value is not None:
        from followthrough.services.settings import update_settings

        current = update_settings(svc, {key: value})
    else:
        current = svc.settings()
        if key is not None:
            from followthrough.services import validate_setting

            validate_setting(key, current.get(key, ""))
            current = {key: current.get(key, "")}
    current.pop("calendar_token", None)
    ctx.emit(current, lambda: _render().settings(current))
