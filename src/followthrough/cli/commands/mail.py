"""Mail: `mail setup|test|sync|import`, `send`, `outbox`, `inbox` and `digest`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from followthrough.cli.context import Ctx, json_option, local_time, pass_ctx


def _screen() -> Any:
    from followthrough.cli.render.table import Screen

    return Screen()


def _say(lines: list[str]) -> None:
    _screen().write(lines)


@click.group()
def mail() -> None:
    """Your mail account: setup, test, sync, import."""


_SETUP = [
    ("from_", "--from", "NAME <ADDR>", "Your name and address (the From of what you send)."),
    ("smtp_host", "--smtp-host", "HOST", "SMTP server (filled in for known providers)."),
    ("smtp_port", "--smtp-port", "PORT", "SMTP port (587 starttls, 465 tls)."),
    ("smtp_security", "--smtp-security", "starttls|tls|none", "How SMTP is secured."),
    ("smtp_user", "--smtp-user", "USER", "SMTP login (default: your address)."),
    ("imap_host", "--imap-host", "HOST", "IMAP server, to read replies (optional)."),
    ("imap_port", "--imap-port", "PORT", "IMAP port (993 tls, 143 starttls)."),
    ("imap_security", "--imap-security", "tls|starttls|none", "How IMAP is secured."),
    ("imap_user", "--imap-user", "USER", "IMAP login (default: your address)."),
    ("sent_folder", "--sent-folder", "NAME", "Your Sent folder (default: the one flagged Sent)."),
    ("also_me", "--also-me", "ADDR,...", "Other addresses of yours (mail from them is yours)."),
    ("sent_copy", "--sent-copy", "auto|yes|no", "File a copy of what you send in Sent."),
]


def _setup_options(f: Any) -> Any:
    for dest, flag, metavar, text in reversed(_SETUP):
        f = click.option(flag, dest, metavar=metavar, help=text)(f)
    return f


@mail.command("setup")
@_setup_options
@click.option(
    "--store-password",
    is_flag=True,
    help="Ask for the passwords and keep them in your system's keyring.",
)
@json_option
@pass_ctx
def mail_setup(ctx: Ctx, store_password: bool, **given: str | None) -> None:
    """Set up the account Followthrough sends and reads mail with.

    Any provider works over SMTP and IMAP with an app password; known providers' servers
    are filled in from your address. Passwords never go into the database: they come from
    your keyring (--store-password) or FOLLOWTHROUGH_SMTP_PASSWORD and
    FOLLOWTHROUGH_IMAP_PASSWORD.
    """
    from followthrough.services import mail as mail_

    values = {f"mail_{k.rstrip('_')}": v for k, v in given.items() if v is not None}
    stored = mail_.setup(ctx.service(), values)
    kept = []
    if store_password:
        from followthrough.mail.passwords import store_password as keep

        for which in ("smtp", "imap"):
            user = stored.get(f"mail_{which}_user")
            if user and stored.get(f"mail_{which}_host"):
                secret = click.prompt(f"{which.upper()} password for {user}", hide_input=True)
                if not keep(which, user, secret):
                    raise click.ClickException(
                        "no keyring on this machine; set FOLLOWTHROUGH_SMTP_PASSWORD and "
                        "FOLLOWTHROUGH_IMAP_PASSWORD instead"
                    )
                kept.append(which)
    data = {"settings": stored, "passwords_stored": kept}
    ctx.emit(
        data,
        lambda: _say(
            [f"{k.removeprefix('mail_')}: {v}" for k, v in stored.items()]
            + ["Next: followthrough mail test"]
        ),
    )


@mail.command("test")
@json_option
@pass_ctx
def mail_test(ctx: Ctx) -> None:
    """Connect to SMTP and IMAP and say what works, and what does not in one line each."""
    from followthrough.services import mail as mail_

    found = mail_.check_account(ctx.existing())
    data = [{"check": c.check, "ok": c.ok, "detail": c.detail} for c in found]

    def human() -> None:
        scr = _screen()
        scr.write(
            [
                f"{scr.paint('ok  ' if c.ok else 'FAIL', 'green' if c.ok else 'red')} "
                f"{c.check}: {c.detail}"
                for c in found
            ]
        )

    ctx.emit(data, human)
    if not all(c.ok for c in found):
        raise SystemExit(1)


@contextmanager
def _reading(ctx: Ctx, verb: str) -> Iterator[Callable[..., None] | None]:
    """Yield a per-message callback that counts the messages read on stderr (at a terminal,
    without --json), with how many were logged so far."""
    if ctx.json or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = [
        SpinnerColumn(),
        TextColumn(f"{verb} {{task.completed}} messages, {{task.fields[logged]}} logged"),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(verb, total=None, logged=0)
        seen = logged = 0

        def step(_mail: object, outcome: object, _proposal: object) -> None:
            nonlocal seen, logged
            seen += 1
            logged += bool(getattr(outcome, "logged", False))
            if seen % 100 == 0:
                bar.update(task, completed=seen, logged=logged)

        yield step


def _read_report(ctx: Ctx, data: dict[str, Any], extra: list[str]) -> None:
    def human() -> None:
        lines = [
            f"{data['scanned']} messages read: {len(data['logged'])} logged, "
            f"{len(data['ignored'])} ignored, {len(data['proposals'])} proposals.",
            *extra,
        ]
        if data["proposals"]:
            lines.append("See them with `followthrough inbox`.")
        _say(lines)

    ctx.emit(data, human)


@mail.command("sync")
@json_option
@pass_ctx
def mail_sync(ctx: Ctx) -> None:
    """Read new mail in INBOX and Sent: log replies, mark sent notes done, propose changes."""
    from followthrough.services import mail as mail_

    with _reading(ctx, "syncing") as each:
        found = mail_.sync(ctx.existing(), each=each)
    shown = f"{found.fetched} of {found.total} bytes fetched (headers first)."
    _read_report(ctx, found.report.as_json(), [shown])


@mail.command("import")
@click.argument("path", metavar="FILE.mbox|MAILDIR", type=click.Path(path_type=Path))
@json_option
@pass_ctx
def mail_import(ctx: Ctx, path: Path) -> None:
    """Read an exported mailbox (an mbox file or a Maildir) as a sync would."""
    from followthrough.services import mail as mail_

    with _reading(ctx, "reading") as each:
        report = mail_.import_file(ctx.existing(), path, each)
    _read_report(ctx, report.as_json(), [])


@click.command()
@click.argument("action_id", metavar="ACTION", type=int)
@click.option("--override", metavar="REASON", help="Why you send despite a guard's warning.")
@json_option
@pass_ctx
def send(ctx: Ctx, action_id: int, override: str | None) -> None:
    """Send an action's draft by e-mail, exactly once."""
    from followthrough.services import mail as mail_
    from followthrough.services.outbox import outbox_json

    svc = ctx.existing()
    queued = mail_.send(svc, action_id, override)
    item = outbox_json(queued.row, svc.week().zone)
    item["warnings"] = [{"guard": w.guard, "reason": w.reason} for w in queued.warnings]
    item["already"] = queued.existing

    def human() -> None:
        said = {
            "sent": "Sent",
            "queued": "Queued (the server put it off; it is retried)",
            "failed": "Failed",
            "unknown": "Unknown (it may have gone)",
        }[item["state"]]
        lines = [f"{said}: {item['subject']} to {item['recipient']} (outbox {item['id']})."]
        if item["last_error"]:
            lines.append(item["last_error"])
        if queued.existing:
            lines.insert(0, "This message was already in the outbox; nothing new was sent.")
        _say(lines)

    ctx.emit(item, human)
    if item["state"] == "failed":
        raise SystemExit(1)


def _outbox_table(items: list[dict[str, Any]]) -> list[str]:
    from followthrough.cli.render.common import when
    from followthrough.cli.render.table import Column

    scr = _screen()
    if not items:
        return ["The outbox is empty."]
    columns = [
        Column("id", align="right", wrap=False),
        Column("state", wrap=False),
        Column("to"),
        Column("subject", weight=2),
        Column("when", wrap=False),
        Column("note", weight=2),
    ]
    rows = [
        [
            str(i["id"]),
            i["state"],
            i["recipient"],
            i["subject"],
            when(i["sent_at"] or i["created_at"]),
            i["last_error"] or "",
        ]
        for i in items
    ]
    return scr.table(columns, rows)


@click.group(invoke_without_command=True)
@json_option
@pass_ctx
@click.pass_context
def outbox(click_ctx: click.Context, ctx: Ctx) -> None:
    """Messages to send and sent: list, flush, resolve."""
    if click_ctx.invoked_subcommand is None:
        from followthrough.services import outbox as box

        rows, zone = box.listing(ctx.existing())
        items = [box.outbox_json(r, zone) for r in rows]
        ctx.emit(items, lambda: _say(_outbox_table(items)))


@outbox.command("flush")
@json_option
@pass_ctx
def outbox_flush(ctx: Ctx) -> None:
    """Send what waits in the outbox (retries whose time has come)."""
    from followthrough.services import mail as mail_
    from followthrough.services.outbox import outbox_json

    svc = ctx.existing()
    done = mail_.flush(svc)
    items = [outbox_json(r, svc.week().zone) for r in done]
    ctx.emit(items, lambda: _say(_outbox_table(items) if items else ["Nothing to send."]))


@outbox.command("resolve")
@click.argument("outbox_id", metavar="ID", type=int)
@click.option(
    "--sent/--not-sent",
    "sent",
    default=None,
    help="Whether it reached them (look in your Sent folder or ask).",
)
@json_option
@pass_ctx
def outbox_resolve(ctx: Ctx, outbox_id: int, sent: bool | None) -> None:
    """Settle a message whose sending was interrupted (state unknown)."""
    from followthrough.services import outbox as box

    if sent is None:
        raise click.UsageError("say --sent or --not-sent")
    svc = ctx.existing()
    row = box.resolve(svc, outbox_id, sent)
    item = box.outbox_json(row, svc.week().zone)
    ctx.emit(item, lambda: _say([f"Outbox {outbox_id} is now {item['state']}."]))


def _inbox_table(items: list[dict[str, Any]]) -> list[str]:
    from followthrough.cli.render.table import Column

    if not items:
        return ["Nothing to review: no status change found in your mail."]
    columns = [
        Column("id", align="right", wrap=False),
        Column("app", wrap=False),
        Column("proposal", wrap=False),
        Column("sure", wrap=False),
        Column("message", weight=3),
    ]
    rows = []
    for i in items:
        what = i["proposal"] + (f" at {i['details']['at']}" if i["details"].get("at") else "")
        rows.append(
            [
                str(i["id"]),
                str(i["application_id"]),
                what,
                f"{i['confidence']:.0%}",
                f"{i['from']}: {i['subject']}",
            ]
        )
    return [
        *_screen().table(columns, rows),
        "",
        "Accept with `followthrough inbox accept ID`, or `inbox dismiss ID`.",
    ]


@click.group(invoke_without_command=True)
@click.option("--all", "every", is_flag=True, help="Also those accepted or dismissed.")
@json_option
@pass_ctx
@click.pass_context
def inbox(click_ctx: click.Context, ctx: Ctx, every: bool) -> None:
    """Status changes found in your mail, for you to accept or dismiss."""
    if click_ctx.invoked_subcommand is None:
        from followthrough.services import inbox as box

        items, _zone = box.pending(ctx.existing(), every)
        ctx.emit(items, lambda: _say(_inbox_table(items)))


@inbox.command("accept")
@click.argument("proposal_id", metavar="ID", type=int)
@click.option("--edit", is_flag=True, help="Correct the interview's time before it is added.")
@click.option("--at", "at", metavar="'YYYY-MM-DD HH:MM'", help="The interview's start.")
@json_option
@pass_ctx
def inbox_accept(ctx: Ctx, proposal_id: int, edit: bool, at: str | None) -> None:
    """Do what a proposal says: set the status, or add the interview."""
    from followthrough.services import inbox as box

    svc = ctx.existing()
    start = local_time(ctx, at, "at") if at else None
    if edit and start is None:
        items, _zone = box.pending(svc, True)
        found = next((i for i in items if i["id"] == proposal_id), None)
        default = (found or {}).get("details", {}).get("local_at", "")  # in the user's zone
        typed = click.prompt(
            "Interview start (YYYY-MM-DD HH:MM)", default=default[:16].replace("T", " ")
        )
        start = local_time(ctx, typed, "at")
    item = box.accept(svc, proposal_id, start)
    ctx.emit(
        item,
        lambda: _say([f"Accepted: {item['proposal']} for application {item['application_id']}."]),
    )


@inbox.command("dismiss")
@click.argument("proposal_id", metavar="ID", type=int)
@json_option
@pass_ctx
def inbox_dismiss(ctx: Ctx, proposal_id: int) -> None:
    """Put a proposal aside: nothing changes."""
    from followthrough.services import inbox as box

    item = box.dismiss(ctx.existing(), proposal_id)
    ctx.emit(item, lambda: _say([f"Dismissed proposal {proposal_id}."]))


@click.command()
@json_option
@pass_ctx
def digest(ctx: Ctx) -> None:
    """Mail yourself today's follow-ups, at most once a day."""
    from followthrough.services.digest import digest as send_digest

    data = send_digest(ctx.existing())
    ctx.emit(data, lambda: _say([data["message"] + "."]))
