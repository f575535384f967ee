"""`interview` (add, show) and `debrief`."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from followthrough.cli import reads
from followthrough.cli.commands import edits
from followthrough.cli.context import (
    Ctx,
    answer,
    emit_created,
    json_option,
    local_time,
    pass_ctx,
)


def _render() -> Any:
    """Return the human renderers (imported only when a person reads the output)."""
    from followthrough.cli.render import records

    return records


@click.group()
def interview() -> None:
    """Interviews: add, show, edit, delete."""


interview.add_command(edits.interview_edit)
interview.add_command(edits.interview_delete)


@interview.command("add")
@click.argument("app_id", metavar="APP", type=int)
@click.option("--at", "at", required=True, metavar="'YYYY-MM-DD HH:MM'", help="When it starts.")
@click.option("--end", metavar="HH:MM", help="When it ends (a time, or a full date and time).")
@click.option(
    "--duration",
    type=click.IntRange(1, 720),
    metavar="MINUTES",
    help="Or how long it lasts (default 60).",
)
@click.option(
    "--format", "fmt", default="in-person", type=click.Choice(["in-person", "phone", "video"])
)
@click.option(
    "--with",
    "with_",
    multiple=True,
    metavar="'NAME <EMAIL>'",
    help="An interviewer (repeat for a panel).",
)
@click.option(
    "--direct-contact",
    "direct",
    multiple=True,
    metavar="EMAIL",
    help="An interviewer who has e-mailed you directly.",
)
@click.option("--decision-by", metavar="YYYY-MM-DD", help="When they promised a decision.")
@click.option("--promise", "promises", multiple=True, help="Something you promised to send.")
@click.option("--round", "round_", type=click.IntRange(1, 50), help="Interview round.")
@click.option("--follow-up-with", metavar="'NAME <EMAIL>'", help="Whom to follow up with.")
@click.option("--follow-up-how", default="", help="How they asked you to follow up.")
@click.option("--next-steps", default="", help="What happens next, as they said.")
@json_option
@pass_ctx
def interview_add(
    ctx: Ctx,
    app_id: int,
    at: str,
    end: str | None,
    duration: int | None,
    fmt: str,
    with_: tuple[str, ...],
    direct: tuple[str, ...],
    decision_by: str | None,
    promises: tuple[str, ...],
    round_: int | None,
    follow_up_with: str | None,
    follow_up_how: str,
    next_steps: str,
) -> None:
    """Record an interview of application APP (re-plans its follow-ups)."""
    from followthrough import shapes
    from followthrough.domain.errors import ValidationError
    from followthrough.domain.parse import parse_date
    from followthrough.services import interviews

    if end and duration:
        raise ValidationError("end", "give --end or --duration, not both")
    start = local_time(ctx, at, "at")
    if end:
        stop = local_time(
            ctx, end, "end", default_date=start.astimezone(ctx.service().week().zone).date()
        )
    else:
        from followthrough.domain.parse import later

        stop = later(start, dt.timedelta(minutes=duration or 60))
    decision = parse_date(decision_by, "decision-by") if decision_by else None
    added = interviews.add_interview(
        ctx.service(),
        app_id,
        start,
        stop,
        fmt,
        with_,
        direct,
        decision,
        promises,
        round_,
        follow_up_with,
        follow_up_how,
        next_steps,
    )
    created = shapes.interview_view_json(added, with_debrief=False)
    emit_created(ctx, created, f"Recorded interview {created['id']} ({created['start']})")


@interview.command("show")
@click.argument("interview_id", metavar="INTERVIEW", type=int)
@json_option
@pass_ctx
def interview_show(ctx: Ctx, interview_id: int) -> None:
    """Show an interview and its debrief."""
    answer(reads.interview_show, ctx, interview_id=interview_id)


@click.command()
@click.argument("interview_id", metavar="INTERVIEW", type=int)
@click.option(
    "--from-file",
    "from_file",
    type=click.Path(dir_okay=False),
    help="A TOML file with the debrief (see docs/debrief.example.toml).",
)
@json_option
@pass_ctx
def debrief(ctx: Ctx, interview_id: int, from_file: str | None) -> None:
    """Write the debrief of an interview (prompts you, or reads --from-file)."""
    from followthrough import shapes
    from followthrough.domain.errors import ValidationError
    from followthrough.services import interviews

    svc = ctx.service()
    # fail before prompting on an unknown id; an existing debrief is edited, its answers offered
    shown = interviews.show_interview(svc, interview_id)
    if from_file is not None:
        import tomllib

        try:
            with open(from_file, encoding="utf-8") as text:
                data = tomllib.loads(text.read())
        except FileNotFoundError:
            raise ValidationError("from-file", f"{from_file} does not exist") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ValidationError("from-file", f"{from_file} is not valid TOML: {exc}") from None
    else:
        if not sys.stdin.isatty() and ctx.json:
            raise ValidationError("from-file", "no terminal to ask questions; use --from-file")
        before = None
        if shown.debrief is not None:
            before = shapes.debrief_json(shown.debrief, shown.zone)
        data = _render().ask_debrief(before)
    saved = shapes.debrief_view_json(interviews.record_debrief(svc, interview_id, data))
    ctx.emit(saved, lambda: click.echo(f"Debrief of interview {interview_id} saved; plan updated."))
