"""Corrections at the command line: `app edit|delete|merge`, `interview edit|delete`,
`contact edit|delete|merge` (registered on their groups by apps.py, interviews.py and
contacts.py). Each prints what changed and is one step of `undo`."""

from __future__ import annotations

import sys
from typing import Any

import click

from followthrough.cli.context import Ctx, json_option, local_time, pass_ctx

#: The word that empties an optional field (`--url none`).
NONE = "none"


def _given(**values: Any) -> dict[str, Any]:
    """Return the options that were given (None and empty tuples are "not given")."""
    return {k: v for k, v in values.items() if v is not None and v != ()}


def _emptied(value: str | None) -> Any:
    """Return an option's value, None for the word that empties it, absent when not given."""
    return None if value is not None and value.strip().lower() == NONE else value


def confirm(ctx: Ctx, yes: bool, question: str) -> None:
    """Go on when `--yes` was given or a person at a terminal says yes; else stop (exit 1)."""
    from followthrough.domain.errors import ValidationError

    if yes:
        return
    if not sys.stdin.isatty():
        raise ValidationError("yes", f"{question} Add --yes to confirm (no terminal to ask)")
    if not click.confirm(question, default=False, err=True):
        raise click.exceptions.Exit(1)


def _done(ctx: Ctx, payload: Any, line: str) -> None:
    """Print the result: JSON, or one line and where `undo` comes in."""
    def human() -> None:
        click.echo(line)
        click.secho("  (followthrough undo takes it back)", dim=True)

    ctx.emit(payload, human)


# ---------------------------------------------------------------- applications


@click.command("edit")
@click.argument("app_id", metavar="APP", type=int)
@click.option("--company", help="The employer.")
@click.option("--role", help="The job title.")
@click.option("--url", help="The job advert ('none' empties it).")
@click.option("--agency", help="The recruitment agency ('none' empties it).")
@click.option("--recruiter", metavar="'NAME <EMAIL>'", help="The recruiter ('none': no recruiter).")
@click.option("--notes", help="Your notes (replaces them; '' empties them).")
@click.option("--interest", metavar="1-5", help="How much you want it, 1-5 ('none' empties it).")
@click.option("--competitor", "competitors", multiple=True,
              help="A competitor (repeat; replaces the list; 'none' empties it).")
@click.option("--salary", help="The salary or range ('none' empties it).")
@click.option("--location", help="Where the job is ('none' empties it).")
@click.option("--applied-on", metavar="YYYY-MM-DD", help="The day you applied ('none' empties it).")
@json_option
@pass_ctx
def app_edit(ctx: Ctx, app_id: int, **options: Any) -> None:
    """Correct an application (re-plans what depends on it)."""
    from followthrough import shapes
    from followthrough.domain.errors import ValidationError
    from followthrough.services import app_edits, applications

    changes = {k: _emptied(v) if isinstance(v, str) else v for k, v in _given(**options).items()}
    if "competitors" in changes:
        given = [c for c in changes["competitors"] if c.strip().lower() != NONE]
        changes["competitors"] = given
    if "interest" in changes and changes["interest"] is not None:
        text = changes["interest"].strip()
        if not (text.isdigit() and 1 <= int(text) <= 5):
            raise ValidationError("interest", f"{text!r}; give a whole number from 1 to 5, or none")
        changes["interest"] = int(text)
    if "applied_on" in changes:
        changes["applied_on"] = app_edits.parse_applied_on(changes["applied_on"])
    if not changes:
        raise ValidationError("app edit", "nothing to change; give an option, e.g. --role"
                              " 'Data Engineer'")  # fmt: skip
    svc = ctx.service()
    app_edits.edit_application(svc, app_id, changes)
    obj = shapes.application_view_json(applications.application_item(svc, app_id))
    _done(ctx, obj, f"Edited application {app_id}: {obj['company']} — {obj['role']}")


@click.command("delete")
@click.argument("app_id", metavar="APP", type=int)
@click.option("--yes", is_flag=True, help="Do not ask (for scripts).")
@json_option
@pass_ctx
def app_delete(ctx: Ctx, app_id: int, yes: bool) -> None:
    """Delete an application with its interviews, exchanges and plan (undo brings it back)."""
    from followthrough.services import app_edits, applications

    svc = ctx.service()
    app = applications.application_item(svc, app_id).app
    confirm(ctx, yes, f"Delete application {app_id}, {app.company} — {app.role}, with its"
            " interviews, exchanges and plan?")  # fmt: skip
    app_edits.delete_application(svc, app_id)
    _done(ctx, {"deleted": {"application": app_id}},
          f"Deleted application {app_id}: {app.company} — {app.role}")  # fmt: skip


@click.command("merge")
@click.argument("keep", metavar="KEEP", type=int)
@click.argument("other", metavar="OTHER", type=int)
@click.option("--yes", is_flag=True, help="Do not ask (for scripts).")
@json_option
@pass_ctx
def app_merge(ctx: Ctx, keep: int, other: int, yes: bool) -> None:
    """Merge a duplicated application OTHER into KEEP (its interviews, exchanges and what was
    done move over; OTHER is deleted)."""
    from followthrough import shapes
    from followthrough.services import app_edits, applications

    svc = ctx.service()
    gone = applications.application_item(svc, other).app
    kept = applications.application_item(svc, keep).app
    confirm(ctx, yes, f"Merge application {other} ({gone.company} — {gone.role}) into {keep}"
            f" ({kept.company} — {kept.role})?")  # fmt: skip
    app_edits.merge_applications(svc, keep, other)
    obj = shapes.application_view_json(applications.application_item(svc, keep))
    _done(ctx, obj, f"Merged application {other} into {keep}: {obj['company']} — {obj['role']}")


# ---------------------------------------------------------------- interviews


@click.command("edit")
@click.argument("interview_id", metavar="INTERVIEW", type=int)
@click.option("--at", "at", metavar="'YYYY-MM-DD HH:MM'", help="When it starts (moves it).")
@click.option("--end", metavar="HH:MM", help="When it ends (a time, or a full date and time).")
@click.option("--duration", type=click.IntRange(1, 720), metavar="MINUTES", help="Or how long.")
@click.option("--format", "fmt", type=click.Choice(["in-person", "phone", "video"]))
@click.option("--with", "with_", multiple=True, metavar="'NAME <EMAIL>'",
              help="An interviewer (repeat; replaces the panel).")
@click.option("--direct-contact", "direct", multiple=True, metavar="EMAIL",
              help="An interviewer who has e-mailed you directly.")
@click.option("--decision-by", metavar="YYYY-MM-DD|none", help="When they promised a decision.")
@click.option("--promise", "promises", multiple=True,
              help="Something you promised to send (repeat; replaces the list).")
@click.option("--next-steps", help="What happens next, as they said.")
@json_option
@pass_ctx
def interview_edit(ctx: Ctx, interview_id: int, **o: Any) -> None:
    """Correct an interview: moving it moves its thank-you, call and check-ins (what you did
    stays done)."""
    import datetime as dt

    from followthrough import shapes
    from followthrough.domain.errors import ValidationError
    from followthrough.domain.parse import parse_date
    from followthrough.services import interview_edits, interviews

    svc = ctx.service()
    changes: dict[str, Any] = {}
    if o["at"]:
        changes["start"] = local_time(ctx, o["at"], "at")
    if o["end"]:
        start = changes.get("start") or interviews.show_interview(svc, interview_id).interview.start
        day = start.astimezone(svc.week().zone).date()
        changes["end"] = local_time(ctx, o["end"], "end", default_date=day)
    if o["duration"]:
        changes["duration"] = dt.timedelta(minutes=o["duration"])
    for name, key in (("fmt", "format"), ("next_steps", "next_steps")):
        if o[name] is not None:
            changes[key] = o[name]
    for name, key in (("with_", "with"), ("direct", "direct_contacts"), ("promises", "promises")):
        if o[name]:
            changes[key] = list(o[name])
    if o["decision_by"] is not None:
        text = o["decision_by"].strip()
        changes["decision_by"] = None if text.lower() == NONE else parse_date(text, "decision-by")
    if not changes:
        raise ValidationError("interview edit", "nothing to change; give an option, e.g. --at"
                              " '2026-12-01 10:00'")  # fmt: skip
    interview_edits.edit_interview(svc, interview_id, changes)
    item = shapes.interview_view_json(interviews.show_interview(svc, interview_id))
    _done(ctx, item, f"Edited interview {interview_id}")


@click.command("delete")
@click.argument("interview_id", metavar="INTERVIEW", type=int)
@click.option("--yes", is_flag=True, help="Do not ask (for scripts).")
@json_option
@pass_ctx
def interview_delete(ctx: Ctx, interview_id: int, yes: bool) -> None:
    """Delete an interview with its panel, debrief and actions (undo brings them back)."""
    from followthrough.services import interview_edits, interviews

    svc = ctx.service()
    iv = interviews.show_interview(svc, interview_id).interview
    confirm(ctx, yes, f"Delete interview {interview_id} of application {iv.application_id},"
            " with its debrief and follow-ups?")  # fmt: skip
    interview_edits.delete_interview(svc, interview_id)
    _done(ctx, {"deleted": {"interview": interview_id}}, f"Deleted interview {interview_id}")


# ---------------------------------------------------------------- contacts


@click.command("edit")
@click.argument("contact_id", metavar="CONTACT", type=int)
@click.option("--name", help="Their name ('' for none: drafts then greet 'Hello,').")
@click.option("--email", help="Their address ('none' empties it).")
@click.option("--add-email", metavar="EMAIL", help="Another address they write from.")
@click.option("--remove-email", metavar="EMAIL", help="Forget one of their other addresses.")
@click.option("--phone", help="Their phone number ('none' empties it).")
@click.option("--linkedin", help="Their LinkedIn profile ('none' empties it).")
@click.option("--role", type=click.Choice(
    ["interviewer", "recruiter", "hiring-manager", "referee", "other"]))
@click.option("--org", "organisation", help="Their company or agency ('none' empties it).")
@click.option("--notes", help="Your notes on them (replaces them).")
@click.option("--direct-contact/--no-direct-contact", "direct_contact", default=None,
              help="Whether they e-mailed you directly.")
@json_option
@pass_ctx
def contact_edit(ctx: Ctx, contact_id: int, **options: Any) -> None:
    """Correct a contact (their phone before the call, a misspelt name, a new address)."""
    from followthrough import shapes
    from followthrough.domain.errors import ValidationError
    from followthrough.services import contacts

    changes = {k: _emptied(v) if isinstance(v, str) and k in (
        "email", "phone", "linkedin", "organisation") else v
        for k, v in _given(**options).items()}  # fmt: skip
    if not changes:
        raise ValidationError("contact edit", "nothing to change; give an option, e.g. --phone"
                              " '+44 20 7946 0000'")  # fmt: skip
    item = shapes.contact_json(contacts.edit_contact(ctx.service(), contact_id, changes))
    _done(ctx, item, f"Edited contact {contact_id}: {item['name'] or item['email']}")


@click.command("delete")
@click.argument("contact_id", metavar="CONTACT", type=int)
@click.option("--yes", is_flag=True, help="Do not ask (for scripts).")
@json_option
@pass_ctx
def contact_delete(ctx: Ctx, contact_id: int, yes: bool) -> None:
    """Delete a contact (says which interviews and applications they appear in first)."""
    from followthrough.services import contacts

    svc = ctx.service()
    person, uses = contacts.contact_uses(svc, contact_id)
    where = []
    if uses["interviews"]:
        where.append("the panel of interview " + ", ".join(map(str, uses["interviews"])))
    if uses["applications"]:
        where.append("application " + ", ".join(map(str, uses["applications"])))
    used = f" They appear in {' and '.join(where)}." if where else ""
    confirm(ctx, yes, f"Delete contact {contact_id}, {person.name or person.email}?{used}")
    contacts.delete_contact(svc, contact_id)
    _done(ctx, {"deleted": {"contact": contact_id}, **uses},
          f"Deleted contact {contact_id}: {person.name or person.email}.{used}")  # fmt: skip


@click.command("merge")
@click.argument("keep", metavar="KEEP", type=int)
@click.argument("other", metavar="OTHER", type=int)
@json_option
@pass_ctx
def contact_merge(ctx: Ctx, keep: int, other: int) -> None:
    """Merge contact OTHER into KEEP (the same person twice, or a new address): their
    interviews, actions and exchanges move to KEEP, their address becomes one of KEEP's."""
    from followthrough import shapes
    from followthrough.services import contacts

    item = shapes.contact_json(contacts.merge_contacts(ctx.service(), keep, other))
    _done(ctx, item, f"Merged contact {other} into {keep}: {item['name'] or item['email']}")
