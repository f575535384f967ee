"""Marking an action: `done`, `skip`, `snooze`, `reopen`."""

from __future__ import annotations

from typing import Any

import click

from followthrough.cli.context import Ctx, json_option, local_time, pass_ctx


def _render() -> Any:
    """Return the human renderers (imported only when a person reads the output)."""
    from followthrough.cli.render import agenda

    return agenda


def _complete(
    ctx: Ctx,
    action_id: int,
    status: str,
    until: str | None,
    reason: str | None,
    override: str | None = None,
    at: str | None = None,
) -> None:
    from followthrough import shapes
    from followthrough.services import actions

    happened = local_time(ctx, at, "at") if at else None
    target = actions.snooze_target(ctx.service(), action_id, until)
    changed = actions.complete(ctx.service(), action_id, status, target, reason, override, happened)
    item = shapes.action_view_json(changed)
    ctx.emit(item, lambda: _render().completed(item))


@click.command()
@click.argument("action_id", metavar="ACTION", type=int)
@click.option("--reason", help="A note to keep with it.")
@click.option("--override", metavar="REASON", help="Why you go ahead despite a guard's warning.")
@click.option("--at", "at", metavar="'YYYY-MM-DD HH:MM'",
              help="When you really did it (default: now), e.g. a thank-you sent last night.")
@json_option
@pass_ctx
def done(
    ctx: Ctx, action_id: int, reason: str | None, override: str | None, at: str | None
) -> None:
    """Mark an action done (a message action also logs the exchange).

    With --at, it counts from that moment: the logged exchange, the next check-in, the
    on-time figure of insights.
    """
    _complete(ctx, action_id, "done", None, reason, override, at)


@click.command()
@click.argument("action_id", metavar="ACTION", type=int)
@click.option("--reason", help="Why you skip it.")
@json_option
@pass_ctx
def skip(ctx: Ctx, action_id: int, reason: str | None) -> None:
    """Skip an action (it stays skipped through re-planning)."""
    _complete(ctx, action_id, "skipped", None, reason)


@click.command()
@click.argument("action_id", metavar="ACTION", type=int)
@json_option
@pass_ctx
def reopen(ctx: Ctx, action_id: int) -> None:
    """Make a done, skipped or snoozed action pending again (a done message's logged
    exchange is taken back)."""
    _complete(ctx, action_id, "pending", None, None)


@click.command()
@click.argument("action_id", metavar="ACTION", type=int)
@click.option(
    "--until",
    metavar="WHEN",
    help="A date (YYYY-MM-DD: same time of day), a date and time, 'tomorrow 9:00', "
    "'monday' (the next one) or 'fri 14:30'; default: a day later.",
)
@click.option("--reason", help="A note to keep with it.")
@json_option
@pass_ctx
def snooze(ctx: Ctx, action_id: int, until: str | None, reason: str | None) -> None:
    """Put an action off until later."""
    _complete(ctx, action_id, "snoozed", until, reason)
