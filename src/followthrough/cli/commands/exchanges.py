"""`log`: a call, e-mail or message with the people of an application."""

from __future__ import annotations

from typing import Any

import click

from followthrough.cli.context import Ctx, json_option, local_time, pass_ctx


def _render() -> Any:
    """Return the human renderers (imported only when a person reads the output)."""
    from followthrough.cli.render import agenda

    return agenda


@click.command()
@click.argument("app_id", metavar="APP", type=int)
@click.option("--call", "kind", flag_value="call", help="A phone call.")
@click.option("--email-in", "kind", flag_value="email-in", help="An e-mail from them.")
@click.option("--email-out", "kind", flag_value="email-out", help="An e-mail you sent.")
@click.option("--message-in", "kind", flag_value="message-in", help="A message from them.")
@click.option("--message-out", "kind", flag_value="message-out", help="A message you sent.")
@click.option("--with", "with_", metavar="CONTACT", help="Contact id, e-mail or 'Name <email>'.")
@click.option("--at", "at", metavar="'YYYY-MM-DD HH:MM'", help="When (default: now).")
@click.option("--summary", default="", help="What it was about.")
@click.option("--reply", is_flag=True, help="It answers their message (not a follow-up).")
@click.option("--override", metavar="REASON", help="Why you went ahead despite a guard.")
@json_option
@pass_ctx
def log(
    ctx: Ctx,
    app_id: int,
    kind: str | None,
    with_: str | None,
    at: str | None,
    summary: str,
    reply: bool,
    override: str | None,
) -> None:
    """Log a call, e-mail or message (the basis of the once-a-week rule)."""
    if kind is None:
        raise click.UsageError("say what happened: --call, --email-in or --email-out")
    from followthrough import shapes
    from followthrough.services import exchanges

    when = local_time(ctx, at, "at") if at else None
    logged = exchanges.log(ctx.service(), app_id, kind, with_, when, summary, reply, override)
    result = shapes.logged_json(logged)
    ctx.emit(result, lambda: _render().logged(result))
