"""`insights`: where the search stands."""

from __future__ import annotations

from typing import Any

import click

from followthrough.cli.context import Ctx, json_option, pass_ctx


def _render() -> Any:
    """Return the human renderers (imported only when a person reads the output)."""
    from followthrough.cli.render import insights

    return insights


@click.command()
@click.option("--weeks", default=12, show_default=True, type=click.IntRange(1, 104),
              help="Weeks of activity to show.")
@json_option
@pass_ctx
def insights(ctx: Ctx, weeks: int) -> None:
    """Where the search stands: funnel, follow-ups on time, replies, activity, weak questions."""
    from followthrough.services import insights as search

    data: dict[str, Any] = search.insights(ctx.service(), weeks).as_json()
    ctx.emit(data, lambda: _render().insights(data))
