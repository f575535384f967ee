"""The draft commands: `draft`, `lint`, `templates` (PRODUCT.md §3)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from followthrough.cli import reads
from followthrough.cli.context import Ctx, answer, json_option, pass_ctx


def _drafts(ctx: Ctx) -> Any:
    from followthrough.drafts import render
    from followthrough.services.drafts import Drafts

    return Drafts(ctx.service(), render.user_template_dir())


def _editor(text: str, suffix: str = ".txt") -> str:
    """Open $VISUAL/$EDITOR on `text`; return what the user saved."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False, encoding="utf-8") as f:
        f.write(text)
        path = f.name
    try:
        subprocess.run([*shlex.split(editor), path], check=True)
        return Path(path).read_text(encoding="utf-8")
    except (OSError, subprocess.CalledProcessError) as exc:
        from followthrough.domain.errors import FollowthroughError

        raise FollowthroughError(f"editor: could not run {editor!r}: {exc}") from None
    finally:
        Path(path).unlink(missing_ok=True)


@click.command()
@click.argument("action_id", metavar="ACTION", type=int)
@click.option("--edit", is_flag=True, help="Open $EDITOR on the draft, then check and keep it.")
@click.option(
    "--as",
    "as_kind",
    metavar="KIND",
    help="Render another kind for this action (e.g. value-add for a check-in).",
)
@click.option(
    "--polish",
    is_flag=True,
    help="Rewrite it with your language model (extra [llm]); checked again after.",
)
@click.option("--model", "model_id", metavar="NAME", help="The llm model for --polish.")
@click.option("--link", metavar="URL", help="What a value-add shares: the article or event.")
@click.option("--note", metavar="TEXT", help="What the link is, in a few words.")
@click.option("--attached", is_flag=True, help="What you promised is attached to this message.")
@json_option
@pass_ctx
def draft(
    ctx: Ctx,
    action_id: int,
    edit: bool,
    as_kind: str | None,
    polish: bool,
    model_id: str | None,
    link: str | None,
    note: str | None,
    attached: bool,
) -> None:
    """Print the draft of an action with the checker's findings beneath."""
    from followthrough.services.drafts import split_message

    drafts = _drafts(ctx)
    extras = {"link": link, "note": note, "attached": attached}
    if polish:
        result = drafts.polish(action_id, model_id, as_kind, extras)
    else:
        result = drafts.draft(action_id, as_kind, extras)
    if edit:
        text = (f"Subject: {result['subject']}\n\n" if result["subject"] else "") + result["body"]
        subject, body = split_message(_editor(text))
        result = drafts.save(action_id, subject, body)
    ctx.emit(_public(result), lambda: _show(result))


def _public(result: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "action_id",
        "kind",
        "channel",
        "recipient",
        "subject",
        "body",
        "findings",
        "words",
        "missing",
        "template",
        "edited",
        "notice",
        "polished_by",
    )
    return {k: result[k] for k in keys if k in result}


def _show(result: dict[str, Any]) -> None:
    from followthrough.cli.render import drafts as out

    out.draft(result)


@click.command()
@click.argument("source", metavar="FILE|-")
@click.option("--kind", help="Check it as this kind of draft (e.g. thank-you, check-in).")
@click.option("--app", "app_id", type=int, help="Check it as a message about this application.")
@json_option
@pass_ctx
def lint(ctx: Ctx, source: Any, kind: str | None, app_id: int | None) -> None:
    """Check any text as a draft. Exits 0 even when there are findings.

    Without --app the text is checked as the application whose names it uses (said above the
    findings); names of two applications mixed in one text are reported.
    """
    from followthrough.cli.routes import TextFile

    answer(reads.lint, ctx, source=TextFile(source), kind=kind, app_id=app_id)


@click.group()
def templates() -> None:
    """Draft templates: list, show, edit (your copies override the packaged ones)."""


@templates.command("list")
@json_option
@pass_ctx
def templates_list(ctx: Ctx) -> None:
    """List every template and whether you have your own version."""
    from followthrough.drafts import context, render

    user = render.user_template_dir()
    items = [
        {"kind": kind, "template": name, "overridden": render.overridden(name, user)}
        for kind in context.DRAFT_KINDS
        for name in render.phrasings(kind, user)
    ]

    def human() -> None:
        for item in items:
            mark = "  (yours)" if item["overridden"] else ""
            click.echo(f"{item['template']}{mark}")
        click.echo(f"\nYour templates live in {user}")

    ctx.emit(items, human)


def _template_name(name: str) -> str:
    from followthrough.domain.errors import ValidationError

    name = name.removesuffix(".txt")
    kind, _, number = name.partition("/")
    from followthrough.drafts import context

    if kind not in context.DRAFT_KINDS or not number.isdigit():
        raise ValidationError("template", f"{name!r}; write KIND/N, e.g. thank-you/1")
    return f"{kind}/{int(number)}.txt"


@templates.command("show")
@click.argument("name", metavar="KIND/N")
@pass_ctx
def templates_show(ctx: Ctx, name: str) -> None:
    """Print a template as it will be used."""
    import jinja2

    from followthrough.drafts import render

    template = _template_name(name)
    try:
        click.echo(render.source(template, render.user_template_dir()), nl=False)
    except jinja2.TemplateNotFound as exc:
        from followthrough.domain.errors import NotFoundError

        raise NotFoundError("template", name, "see `followthrough templates list`") from exc


@templates.command("edit")
@click.argument("name", metavar="KIND/N")
@pass_ctx
def templates_edit(ctx: Ctx, name: str) -> None:
    """Copy a template into your folder (once) and open it in $EDITOR."""
    from followthrough.drafts import render

    target_name = _template_name(name)
    user = render.user_template_dir()
    target = user / target_name
    if not target.exists():
        try:
            text = render.source(target_name, None)
        except Exception:  # a new phrasing of your own
            text = "Subject: \n\n"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    edited = _editor(target.read_text(encoding="utf-8"))
    target.write_text(edited, encoding="utf-8")
    render.environment.cache_clear()
    click.echo(f"Saved {target}", err=not sys.stdout.isatty())
