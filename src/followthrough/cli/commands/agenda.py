"""The agenda: `today`, an application's `plan`, the pre-call `brief`."""

from __future__ import annotations

from typing import Any

import click

from followthrough.cli import reads
from followthrough.cli.context import Ctx, answer, json_option, pass_ctx


def _render() -> Any:
    """Return the human renderers (imported only when a person reads the output)."""
    from followthrough.cli.render import agenda

    return agenda


def _prep(svc: Any, agenda: Any) -> list[Any]:
    """Return the checklists `today` shows: the first 3 interviews of the next 7 days."""
    import datetime as dt

    horizon = svc.now + dt.timedelta(days=7, microseconds=1)  # render.today: start <= now + 7d
    return agenda.prep_checklist(svc, horizon, 3)  # type: ignore[no-any-return]


@click.command()
@click.option("--all", "show_all", is_flag=True, help="Show every action, not 10 of each group.")
@json_option
@pass_ctx
def today(ctx: Ctx, show_all: bool) -> None:
    """What is overdue, due today and coming in the next 7 days.

    Shows 10 of each group (the latest overdue, the soonest others) and how many more there
    are; --all shows every one, as --json always does.
    """
    if ctx.json:
        from followthrough.store.fast import today_json

        payload = today_json(ctx.db_path, ctx.now, ctx.overrides)
        if payload is not None:
            ctx.emit(payload, lambda: None)
            return
    from followthrough import shapes
    from followthrough.services import agenda

    svc = ctx.existing()
    if ctx.json:
        ctx.emit(agenda.today_until(svc)[0], lambda: None)
        return
    rows, zone = agenda.today_rows(svc)
    _render().today(  # the rows grouped; only those shown are shaped
        shapes.split(rows, svc.now, zone),
        [shapes.prep_json(p) for p in _prep(svc, agenda)],
        show_all,
        lambda row: shapes.action_json(row, zone),
    )


@click.command()
@click.argument("app_id", metavar="APP", type=int)
@json_option
@pass_ctx
def plan(ctx: Ctx, app_id: int) -> None:
    """The full dated plan of an application, with the source of every action."""
    answer(reads.plan, ctx, app_id=app_id)


@click.command()
@click.argument("app_id", metavar="APP", type=int)
@json_option
@pass_ctx
def brief(ctx: Ctx, app_id: int) -> None:
    """Everything to review before a call about an application."""
    answer(reads.brief, ctx, app_id=app_id)
