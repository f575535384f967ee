"""`insights`: where the search stands."""

from __future__ import annotations

import click

from followthrough.cli import reads
from followthrough.cli.context import Ctx, answer, json_option, pass_ctx


@click.command()
@click.option("--weeks", default=12, show_default=True, type=click.IntRange(1, 104),
              help="Weeks of activity to show.")
@json_option
@pass_ctx
def insights(ctx: Ctx, weeks: int) -> None:
    """Where the search stands: funnel, follow-ups on time, replies, activity, weak questions."""
    answer(reads.insights, ctx, weeks=weeks)
