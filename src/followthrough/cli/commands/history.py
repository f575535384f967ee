"""`history`, `undo`, `exchange` (list, edit, delete) and `words` (add, list, remove)."""

from __future__ import annotations

from typing import Any

import click

from followthrough.cli import reads
from followthrough.cli.commands.edits import NONE, _done, confirm
from followthrough.cli.context import Ctx, answer, json_option, local_time, page_size, pass_ctx


def _records() -> Any:
    from followthrough.cli.render import records

    return records


@click.command()
@click.argument("app_id", metavar="[APP]", type=int, required=False)
@click.option("--limit", metavar="N", callback=page_size,
              help=f"Show the N newest (default {reads.HISTORY_PAGE}; with --json, all).")
@json_option
@pass_ctx
def history(ctx: Ctx, app_id: int | None, limit: int | None) -> None:
    """Every change you made (of application APP, or all), newest first.

    Each with when, through what (cli, web, api; "system" for the plan kept up to date) and
    what changed; `followthrough undo` takes back the newest one not undone yet.
    """
    answer(reads.history, ctx, app_id=app_id, limit=limit)


@click.command()
@json_option
@pass_ctx
def undo(ctx: Ctx) -> None:
    """Take back your last change (again to walk further back)."""
    from followthrough.services import history as log
    from followthrough.shapes.history import event_json

    svc = ctx.service()
    undone, event = log.undo(svc)
    zone = svc.week().zone
    data = {"undone": event_json(undone, zone), "undo": event_json(event, zone)}
    ctx.emit(data, lambda: _records().undone(data))


# ---------------------------------------------------------------- exchanges


@click.group()
def exchange() -> None:
    """Logged exchanges: list, edit, delete."""


@exchange.command("list")
@click.argument("app_id", metavar="APP", type=int)
@json_option
@pass_ctx
def exchange_list(ctx: Ctx, app_id: int) -> None:
    """List the exchanges of an application, oldest first, with their ids."""
    from followthrough import shapes
    from followthrough.services import exchanges

    found, people, zone = exchanges.list_exchanges(ctx.existing(), app_id)
    items = [shapes.exchange_json(x, people, zone) for x in found]

    def human() -> None:
        from followthrough.cli.render.common import exchanges_table
        from followthrough.cli.render.table import Screen

        scr = Screen()
        if not items:
            scr.write([f"No exchanges logged for application {app_id}."])
            return
        scr.write(exchanges_table(scr, items))

    ctx.emit(items, human)


@exchange.command("edit")
@click.argument("exchange_id", metavar="ID", type=int)
@click.option("--at", "at", metavar="'YYYY-MM-DD HH:MM'", help="When it really happened.")
@click.option("--kind", type=click.Choice(
    ["call", "email-in", "email-out", "message-in", "message-out"]))
@click.option("--with", "with_", metavar="CONTACT", help="Contact id, e-mail or 'Name <email>'"
              " ('none': nobody).")
@click.option("--note", help="What it was about (replaces it).")
@json_option
@pass_ctx
def exchange_edit(
    ctx: Ctx, exchange_id: int, at: str | None, kind: str | None, with_: str | None,
    note: str | None,
) -> None:  # fmt: skip
    """Correct a logged exchange (re-plans: a reply's time moves the check-in clock)."""
    from followthrough import shapes
    from followthrough.domain.errors import ValidationError
    from followthrough.services import exchanges

    changes: dict[str, Any] = {}
    if at:
        changes["at"] = local_time(ctx, at, "at")
    if kind:
        changes["kind"] = kind
    if with_ is not None:
        changes["with"] = None if with_.strip().lower() == NONE else with_
    if note is not None:
        changes["note"] = note
    if not changes:
        raise ValidationError("exchange edit", "nothing to change; give --at, --kind, --with or"
                              " --note")  # fmt: skip
    svc = ctx.service()
    x = exchanges.edit_exchange(svc, exchange_id, changes)
    item = shapes.exchange_json(x, {}, svc.week().zone)
    _done(ctx, item, f"Edited exchange {exchange_id}")


@exchange.command("delete")
@click.argument("exchange_id", metavar="ID", type=int)
@click.option("--yes", is_flag=True, help="Do not ask (for scripts).")
@json_option
@pass_ctx
def exchange_delete(ctx: Ctx, exchange_id: int, yes: bool) -> None:
    """Delete an exchange logged by mistake (a wrong reply stops moving the check-in)."""
    from followthrough.services import exchanges

    confirm(ctx, yes, f"Delete exchange {exchange_id}?")
    x = exchanges.delete_exchange(ctx.service(), exchange_id)
    _done(ctx, {"deleted": {"exchange": exchange_id}},
          f"Deleted exchange {exchange_id} ({x.kind.value})")  # fmt: skip


# ---------------------------------------------------------------- your own words


@click.group()
def words() -> None:
    """Your own words: the checker never flags them as misspelt."""


@words.command("add")
@click.argument("items", metavar="WORD...", nargs=-1, required=True)
@json_option
@pass_ctx
def words_add(ctx: Ctx, items: tuple[str, ...]) -> None:
    """Add words (names, jargon) the checker should accept."""
    from followthrough.services import words as own

    new = own.add_words(ctx.service(), list(items))
    line = f"Added {', '.join(new)}" if new else "Already in your words: nothing added"
    ctx.emit({"added": new}, lambda: click.echo(line))


@words.command("list")
@json_option
@pass_ctx
def words_list(ctx: Ctx) -> None:
    """List your own words."""
    from followthrough.services import words as own

    found = own.list_words(ctx.existing())
    ctx.emit(found, lambda: click.echo("\n".join(found) if found else
                                       "No words of your own yet: followthrough words add WORD"))


@words.command("remove")
@click.argument("items", metavar="WORD...", nargs=-1, required=True)
@json_option
@pass_ctx
def words_remove(ctx: Ctx, items: tuple[str, ...]) -> None:
    """Remove words from your own (the checker may flag them again)."""
    from followthrough.services import words as own

    gone = own.remove_words(ctx.service(), list(items))
    line = f"Removed {', '.join(gone)}" if gone else "None of these were in your words"
    ctx.emit({"removed": gone}, lambda: click.echo(line))
