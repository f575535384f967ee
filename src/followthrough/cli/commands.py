"""The commands of PRODUCT.md §4.1. Each parses its options, calls one service, prints."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

import click

from followthrough.cli.main import Ctx, cli, json_option, pass_ctx


def _render() -> Any:
    from followthrough.cli import render

    return render


def _created(ctx: Ctx, obj: dict[str, Any], label: str) -> None:
    """Print a created object: JSON with --json, else a line and the id on the last line."""
    ctx.emit(obj, lambda: (click.echo(label), click.echo(obj["id"])))


def _local(ctx: Ctx, text: str, field: str, default_date: dt.date | None = None) -> dt.datetime:
    from followthrough.domain.parse import parse_datetime

    svc = ctx.service()
    return parse_datetime(text, svc.week().zone, field, default_date)


# ---------------------------------------------------------------- init and settings


@cli.command()
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

    values = {k: v for k, v in (("tz", tz_), ("country", country_), ("region", region)) if v}
    for key, value in values.items():
        if key != "region":
            validate_setting(key, value)  # before the database file is created
    svc = ctx.service()
    settings = svc.update_settings(values) if values else svc.settings()
    payload = {"db": str(ctx.db_path), "settings": settings}

    def human() -> None:
        click.echo(f"Database ready: {ctx.db_path}")
        click.echo(f"Time zone {settings['tz']}, holidays of {settings.get('country') or '(none)'}")
        click.echo('Next: followthrough app add --company ACME --role "Data Engineer"')

    ctx.emit(payload, human)


@cli.command()
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
    svc = ctx.service()
    if key is not None and value is not None:
        current = svc.update_settings({key: value})
    else:
        current = svc.settings()
        if key is not None:
            from followthrough.services import validate_setting

            validate_setting(key, current.get(key, ""))
            current = {key: current.get(key, "")}
    current.pop("calendar_token", None)
    ctx.emit(current, lambda: _render().settings(current))


# ---------------------------------------------------------------- applications


@cli.group()
def app() -> None:
    """Applications: add, list, show, status."""


@app.command("add")
@click.option("--company", required=True, help="The employer.")
@click.option("--role", required=True, help="The job title.")
@click.option(
    "--recruiter", metavar="'NAME <EMAIL>'", help="The recruiter (makes it recruiter-led)."
)
@click.option("--agency", help="The recruitment agency (makes it recruiter-led).")
@click.option("--url", help="The job advert.")
@click.option("--interest", type=click.IntRange(1, 5), help="How much you want it, 1-5.")
@click.option(
    "--referee",
    "referees",
    multiple=True,
    metavar="'NAME <EMAIL>'",
    help="A referee you gave them (repeat for several).",
)
@click.option("--hiring-contact", metavar="'NAME <EMAIL>'", help="Your contact at the company.")
@click.option("--competitor", "competitors", multiple=True, help="A competitor worth a look.")
@click.option("--notes", default="", help="Anything to remember.")
@json_option
@pass_ctx
def app_add(
    ctx: Ctx,
    company: str,
    role: str,
    recruiter: str | None,
    agency: str | None,
    url: str | None,
    interest: int | None,
    referees: tuple[str, ...],
    hiring_contact: str | None,
    competitors: tuple[str, ...],
    notes: str,
) -> None:
    """Add an application."""
    svc = ctx.service()
    created = svc.add_application(
        company,
        role,
        recruiter=recruiter,
        agency=agency,
        url=url,
        interest=interest,
        notes=notes,
        referees=referees,
        competitors=competitors,
        hiring_contact=hiring_contact,
    )
    obj = svc.application_item(created.id)
    _created(ctx, obj, f"Added application {obj['id']}: {company} — {role}")


@app.command("list")
@click.option("--status", help="Only this status.")
@json_option
@pass_ctx
def app_list(ctx: Ctx, status: str | None) -> None:
    """List your applications with their next action."""
    items = ctx.service().list_applications(status)
    ctx.emit(items, lambda: _render().applications(items))


@app.command("show")
@click.argument("app_id", metavar="APP", type=int)
@json_option
@pass_ctx
def app_show(ctx: Ctx, app_id: int) -> None:
    """Show an application: people, interviews, plan and exchanges."""
    item = ctx.service().show_application(app_id)
    ctx.emit(item, lambda: _render().application(item))


@app.command("status")
@click.argument("app_id", metavar="APP", type=int)
@click.argument(
    "status",
    type=click.Choice(
        ["applied", "interviewing", "offer", "accepted", "rejected", "withdrawn", "closed"]
    ),
)
@json_option
@pass_ctx
def app_status(ctx: Ctx, app_id: int, status: str) -> None:
    """Change the status of an application (re-plans: shows what was added and cancelled)."""
    result = ctx.service().set_status(app_id, status)
    ctx.emit(result, lambda: _render().status_change(result))


@app.command("referee")
@click.argument("app_id", metavar="APP", type=int)
@click.argument("who", metavar="'NAME <EMAIL>'")
@json_option
@pass_ctx
def app_referee(ctx: Ctx, app_id: int, who: str) -> None:
    """Record that you gave WHO as a referee for APP."""
    from followthrough.services import contact_json

    contact = contact_json(ctx.service().add_referee(app_id, who))
    _created(ctx, contact, f"Referee {contact['name']} attached to application {app_id}")


# ---------------------------------------------------------------- contacts


@cli.group()
def contact() -> None:
    """Contacts: interviewers, recruiters, hiring managers, referees."""


@contact.command("add")
@click.argument("name", required=False)
@click.option("--name", "name_opt", help="The person's name (or give it as the argument).")
@click.option("--email")
@click.option("--phone")
@click.option("--linkedin", help="LinkedIn profile URL.")
@click.option(
    "--role",
    default="other",
    type=click.Choice(["interviewer", "recruiter", "hiring-manager", "referee", "other"]),
)
@click.option("--org", "organisation", help="Their organisation.")
@click.option("--direct", "direct_contact", is_flag=True, help="They have e-mailed you directly.")
@click.option("--notes", default="", help="What you remember about them.")
@json_option
@pass_ctx
def contact_add(
    ctx: Ctx,
    name: str | None,
    name_opt: str | None,
    email: str | None,
    phone: str | None,
    linkedin: str | None,
    role: str,
    organisation: str | None,
    direct_contact: bool,
    notes: str,
) -> None:
    """Add a contact: NAME, or 'NAME <EMAIL>'."""
    from followthrough.domain.errors import ValidationError
    from followthrough.domain.parse import parse_address
    from followthrough.services import contact_json

    given = name or name_opt
    if not given:
        raise ValidationError("name", "missing; give it as an argument: contact add 'Ann Lee'")
    parsed_name, parsed_email = parse_address(given, "name")
    svc = ctx.service()
    created = svc.add_contact(
        parsed_name,
        email or parsed_email,
        phone,
        linkedin,
        role,
        organisation,
        direct_contact,
        notes,
    )
    obj = contact_json(created)
    _created(ctx, obj, f"Added contact {obj['id']}: {obj['name']}")


@contact.command("list")
@click.option("--role", help="Only this role.")
@json_option
@pass_ctx
def contact_list(ctx: Ctx, role: str | None) -> None:
    """List your contacts."""
    items = ctx.service().list_contacts(role)
    ctx.emit(items, lambda: _render().contacts(items))


@contact.command("show")
@click.argument("contact_id", metavar="CONTACT", type=int)
@json_option
@pass_ctx
def contact_show(ctx: Ctx, contact_id: int) -> None:
    """Show one contact."""
    item = ctx.service().show_contact(contact_id)
    ctx.emit(item, lambda: _render().contacts([item]))


# ---------------------------------------------------------------- interviews and debriefs


@cli.group()
def interview() -> None:
    """Interviews: add, show."""


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
    from followthrough.domain.errors import ValidationError
    from followthrough.domain.parse import parse_date

    if end and duration:
        raise ValidationError("end", "give --end or --duration, not both")
    start = _local(ctx, at, "at")
    if end:
        stop = _local(
            ctx, end, "end", default_date=start.astimezone(ctx.service().week().zone).date()
        )
    else:
        from followthrough.domain.parse import later

        stop = later(start, dt.timedelta(minutes=duration or 60))
    decision = parse_date(decision_by, "decision-by") if decision_by else None
    created = ctx.service().add_interview(
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
    _created(ctx, created, f"Recorded interview {created['id']} ({created['start']})")


@interview.command("show")
@click.argument("interview_id", metavar="INTERVIEW", type=int)
@json_option
@pass_ctx
def interview_show(ctx: Ctx, interview_id: int) -> None:
    """Show an interview and its debrief."""
    item = ctx.service().interview(interview_id)
    ctx.emit(item, lambda: _render().interview(item))


@cli.command()
@click.argument("interview_id", metavar="INTERVIEW", type=int)
@click.option(
    "--from-file",
    "from_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A TOML file with the debrief (see docs/debrief.example.toml).",
)
@json_option
@pass_ctx
def debrief(ctx: Ctx, interview_id: int, from_file: Path | None) -> None:
    """Write the debrief of an interview (prompts you, or reads --from-file)."""
    from followthrough.domain.errors import ValidationError

    svc = ctx.service()
    svc.interview(interview_id)  # fail before prompting on an unknown id
    if from_file is not None:
        import tomllib

        try:
            data = tomllib.loads(from_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ValidationError("from-file", f"{from_file} does not exist") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ValidationError("from-file", f"{from_file} is not valid TOML: {exc}") from None
    else:
        if not sys.stdin.isatty() and ctx.json:
            raise ValidationError("from-file", "no terminal to ask questions; use --from-file")
        data = _render().ask_debrief()
    saved = svc.record_debrief(interview_id, data)
    ctx.emit(saved, lambda: click.echo(f"Debrief of interview {interview_id} saved; plan updated."))


# ---------------------------------------------------------------- the agenda


@cli.command()
@json_option
@pass_ctx
def today(ctx: Ctx) -> None:
    """What is overdue, due today and coming in the next 7 days."""
    if ctx.json:
        from followthrough.store.fast import today_json

        payload = today_json(ctx.db_path, ctx.now, ctx.overrides)
        if payload is not None:
            ctx.emit(payload, lambda: None)
            return
    svc = ctx.service()
    payload = svc.today()
    ctx.emit(payload, lambda: _render().today(payload, svc.prep_checklist()))


@cli.command()
@click.argument("app_id", metavar="APP", type=int)
@json_option
@pass_ctx
def plan(ctx: Ctx, app_id: int) -> None:
    """The full dated plan of an application, with the source of every action."""
    svc = ctx.service()
    items = svc.plan(app_id)
    ctx.emit(items, lambda: _render().plan(items, svc, app_id))


@cli.command()
@click.argument("app_id", metavar="APP", type=int)
@json_option
@pass_ctx
def brief(ctx: Ctx, app_id: int) -> None:
    """Everything to review before a call about an application."""
    item = ctx.service().brief(app_id)
    ctx.emit(item, lambda: _render().brief(item))


@cli.command()
@click.option("--weeks", default=12, show_default=True, type=click.IntRange(1, 104),
              help="Weeks of activity to show.")
@json_option
@pass_ctx
def insights(ctx: Ctx, weeks: int) -> None:
    """Where the search stands: funnel, follow-ups on time, replies, activity, weak questions."""
    data = ctx.service().insights(weeks)
    ctx.emit(data, lambda: _render().insights(data))


def _complete(
    ctx: Ctx,
    action_id: int,
    status: str,
    until: str | None,
    reason: str | None,
    override: str | None = None,
) -> None:
    target = None
    if until:
        svc = ctx.service()
        zone_ = svc.week().zone
        if len(until.strip()) == 10:
            from followthrough.domain.parse import parse_date

            day = parse_date(until, "until")
            current = svc.action(action_id)
            clock = dt.datetime.fromisoformat(current["due"]).astimezone(zone_).time()
            from followthrough.domain.parse import resolve_local

            target = resolve_local(dt.datetime.combine(day, clock), zone_, "until")
        else:
            target = _local(ctx, until, "until")
    item = ctx.service().complete(action_id, status, target, reason, override)
    ctx.emit(item, lambda: _render().completed(item))


@cli.command()
@click.argument("action_id", metavar="ACTION", type=int)
@click.option("--reason", help="A note to keep with it.")
@click.option("--override", metavar="REASON", help="Why you go ahead despite a guard's warning.")
@json_option
@pass_ctx
def done(ctx: Ctx, action_id: int, reason: str | None, override: str | None) -> None:
    """Mark an action done (a message action also logs the exchange)."""
    _complete(ctx, action_id, "done", None, reason, override)


@cli.command()
@click.argument("action_id", metavar="ACTION", type=int)
@click.option("--reason", help="Why you skip it.")
@json_option
@pass_ctx
def skip(ctx: Ctx, action_id: int, reason: str | None) -> None:
    """Skip an action (it stays skipped through re-planning)."""
    _complete(ctx, action_id, "skipped", None, reason)


@cli.command()
@click.argument("action_id", metavar="ACTION", type=int)
@json_option
@pass_ctx
def reopen(ctx: Ctx, action_id: int) -> None:
    """Make a done, skipped or snoozed action pending again (a done message's logged
    exchange is taken back)."""
    _complete(ctx, action_id, "pending", None, None)


@cli.command()
@click.argument("action_id", metavar="ACTION", type=int)
@click.option(
    "--until",
    metavar="DATE",
    help="YYYY-MM-DD (same time of day) or a date and time; default: tomorrow.",
)
@click.option("--reason", help="A note to keep with it.")
@json_option
@pass_ctx
def snooze(ctx: Ctx, action_id: int, until: str | None, reason: str | None) -> None:
    """Put an action off until later."""
    _complete(ctx, action_id, "snoozed", until, reason)


@cli.command()
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
    when = _local(ctx, at, "at") if at else None
    result = ctx.service().log(app_id, kind, with_, when, summary, reply, override)
    ctx.emit(result, lambda: _render().logged(result))


# ---------------------------------------------------------------- demo


def _serve(ctx: Ctx, host: str, port: int, open_browser: bool) -> None:
    """Run the web app on host:port until Ctrl-C."""
    import uvicorn

    from followthrough.domain.workdays import zone
    from followthrough.web.app import WebConfig, create_app

    for key, value in ctx.overrides.items():
        if key == "tz":
            zone(value)
    clock = None
    if ctx.now_arg:
        import time

        start, began = ctx.now, time.monotonic()

        def clock() -> dt.datetime:
            # a what-if server starts at --now and then lets time run, as a real day would
            return start + dt.timedelta(seconds=time.monotonic() - began)

    config = WebConfig(ctx.db_path, overrides=dict(ctx.overrides))
    if clock is not None:
        config.clock = clock
    app = create_app(config)
    shown = "127.0.0.1" if host in ("127.0.0.1", "0.0.0.0") else host  # noqa: S104  (display only)
    url = f"http://{shown}:{port}/"
    click.echo(f"Followthrough is at {url}  (Ctrl-C to stop)")
    if open_browser:
        import threading
        import webbrowser

        # after the server is up; a terminal browser (lynx, w3m) must not take over this terminal
        threading.Timer(1.0, webbrowser.open, [url]).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (keep 127.0.0.1: the app is for this machine).")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--open", "open_browser", is_flag=True, help="Open it in your browser.")
@pass_ctx
def serve(ctx: Ctx, host: str, port: int, open_browser: bool) -> None:
    """Serve the web app and the JSON API (/api/v1) on this machine."""
    _serve(ctx, host, port, open_browser)


@cli.command()
@click.option("--fresh/--keep", default=True, help="Start from a new demo database (default).")
@click.option("--serve/--no-serve", "serve_", default=None,
              help="Then serve the web app (default: yes at a terminal, no with --json).")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--open/--no-open", "open_browser", default=None,
              help="Open it in your browser (default: yes on a desktop session).")
@json_option
@pass_ctx
def demo(
    ctx: Ctx, fresh: bool, serve_: bool | None, port: int, open_browser: bool | None
) -> None:
    """Fill a demo database with a realistic job search and show today's agenda.

    Uses its own file (followthrough-demo.db beside your data) unless --db is given on the
    command line, so your own data is never touched.
    """
    from followthrough.services import demo as demo_data

    if not ctx.db_from_flag:  # FOLLOWTHROUGH_DB names your real data: keep away from it
        ctx.db_arg = str(ctx.db_path.with_name("followthrough-demo.db"))
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{ctx.db_path}{suffix}").unlink(missing_ok=True)
    svc = ctx.service()
    summary = demo_data.fill(svc)
    payload = svc.today()

    def human() -> None:
        click.echo(f"Demo database: {ctx.db_path}  ({summary})")
        _render().today(payload, svc.prep_checklist())
        click.echo(f"\nTry: followthrough --db {ctx.db_path} plan 1")

    ctx.emit(payload, human)
    if serve_ is None:
        serve_ = not ctx.json and sys.stdin.isatty() and sys.stdout.isatty()
    if serve_:
        if open_browser is None:
            open_browser = desktop_session()
        _serve(ctx, "127.0.0.1", port, open_browser=open_browser)


def desktop_session() -> bool:
    """Return True when a graphical browser can open here (never a text browser in this
    terminal: on Linux only with a display)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
