"""The `followthrough` click group: its global options, and its commands loaded on demand.

`LazyGroup` is the pattern of click's documentation ("Advanced patterns: lazily loading
subcommands"): the group knows each command by the dotted path of its object and imports that
module only when the command runs or a help page lists it, so `followthrough plan 1` does not
import the import/export, draft or web commands. Command modules import from context.py (and
never from here or main.py): no cycle.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable
from typing import Any

import click

from followthrough.cli.context import VALUED_OPTIONS, Ctx

#: Every command, by name, as "module.object" (the help lists them sorted by name).
COMMANDS = {
    "app": "followthrough.cli.commands.apps.app",
    "backup": "followthrough.cli.commands.data.backup",
    "brief": "followthrough.cli.commands.agenda.brief",
    "contact": "followthrough.cli.commands.contacts.contact",
    "debrief": "followthrough.cli.commands.interviews.debrief",
    "demo": "followthrough.cli.commands.serve.demo",
    "digest": "followthrough.cli.commands.mail.digest",
    "doctor": "followthrough.cli.commands.settings.doctor",
    "done": "followthrough.cli.commands.actions.done",
    "draft": "followthrough.cli.commands.drafts.draft",
    "exchange": "followthrough.cli.commands.history.exchange",
    "export": "followthrough.cli.commands.data.export",
    "history": "followthrough.cli.commands.history.history",
    "import": "followthrough.cli.commands.data.import_",
    "inbox": "followthrough.cli.commands.mail.inbox",
    "init": "followthrough.cli.commands.settings.init",
    "insights": "followthrough.cli.commands.insights.insights",
    "interview": "followthrough.cli.commands.interviews.interview",
    "lint": "followthrough.cli.commands.drafts.lint",
    "log": "followthrough.cli.commands.exchanges.log",
    "mail": "followthrough.cli.commands.mail.mail",
    "outbox": "followthrough.cli.commands.mail.outbox",
    "plan": "followthrough.cli.commands.agenda.plan",
    "reopen": "followthrough.cli.commands.actions.reopen",
    "send": "followthrough.cli.commands.mail.send",
    "serve": "followthrough.cli.commands.serve.serve",
    "settings": "followthrough.cli.commands.settings.settings",
    "skip": "followthrough.cli.commands.actions.skip",
    "snooze": "followthrough.cli.commands.actions.snooze",
    "templates": "followthrough.cli.commands.drafts.templates",
    "today": "followthrough.cli.commands.agenda.today",
    "undo": "followthrough.cli.commands.history.undo",
    "words": "followthrough.cli.commands.history.words",
}

#: Each command's line in `followthrough --help`: written to fit 80 columns, so the list is
#: printed without importing a single command's module (a test holds each line to the first
#: sentence of its command's own help).
SUMMARIES = {
    "app": "Applications: add, list, show, status, edit, delete, merge.",
    "backup": "A consistent copy of your database, safe while in use.",
    "brief": "Everything to review before a call about an application.",
    "contact": "Contacts: interviewers, recruiters, hiring managers, referees.",
    "debrief": "Write the debrief of an interview.",
    "demo": "Fill a demo database with a realistic job search.",
    "digest": "Mail yourself today's follow-ups, at most once a day.",
    "doctor": "What would make your plan wrong, and how to fix it.",
    "done": "Mark an action done (a message action also logs the exchange).",
    "draft": "Print the draft of an action with the checker's findings.",
    "exchange": "Logged exchanges: list, edit, delete.",
    "export": "Export your applications, a backup, or your plan as a calendar.",
    "history": "Every change you made (of application APP, or all), newest first.",
    "import": "Import a spreadsheet of applications (CSV or XLSX).",
    "inbox": "Status changes found in your mail, for you to accept or dismiss.",
    "init": "Create your database and store your zone and country.",
    "insights": "Where the search stands: funnel, follow-ups on time, replies.",
    "interview": "Interviews: add, show, edit, delete.",
    "lint": "Check any text as a draft.",
    "log": "Log a call, e-mail or message.",
    "mail": "Your mail account: setup, test, sync, import.",
    "outbox": "Messages to send and sent: list, flush, resolve.",
    "plan": "The full dated plan of an application, with sources.",
    "reopen": "Make a done, skipped or snoozed action pending again.",
    "send": "Send an action's draft by e-mail, exactly once.",
    "serve": "Serve the web app and the JSON API (/api/v1) on this machine.",
    "settings": "Show your settings, one setting, or set KEY to VALUE.",
    "skip": "Skip an action (it stays skipped through re-planning).",
    "snooze": "Put an action off until later.",
    "templates": "Draft templates: list, show, edit.",
    "today": "What is overdue, due today and coming in the next 7 days.",
    "undo": "Take back your last change (again to walk further back).",
    "words": "Your own words: the checker never flags them as misspelt.",
}

#: Commands that may run for minutes or serve for hours: cyclic garbage collection stays on for
#: them (main() turns it off for the short-lived rest).
LONG_RUNNING = frozenset({"serve", "demo", "import", "export", "mail"})

EPILOG = """\b
Times are shown in your time zone (settings: tz) with their UTC offset.
Dates are YYYY-MM-DD; times are 'YYYY-MM-DD HH:MM' in your zone, or ISO 8601
with an offset (needed for the hour that happens twice when clocks go back).
Exit codes: 0 ok, 1 a problem with your input or data (one line on stderr), 2 usage.
Environment: FOLLOWTHROUGH_DB (database file), FOLLOWTHROUGH_NOW (the moment to plan
from, for what-ifs and tests), FOLLOWTHROUGH_LOCK_WAIT (seconds a change waits for another
writer, default 15), NO_COLOR (plain output).
"""


class LazyGroup(click.Group):
    """A click group whose subcommands are imported when first asked for."""

    def __init__(
        self, *args: Any, lazy_subcommands: dict[str, str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_subcommands = lazy_subcommands or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Return every command name, sorted (as click's own group lists them)."""
        return sorted({*super().list_commands(ctx), *self.lazy_subcommands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Return the command called `cmd_name`, importing its module if need be."""
        if cmd_name in self.lazy_subcommands:
            return self._lazy_load(cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Resolve as click does, suggesting the nearest of every command on a typo."""
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            # click (8.4+) draws its "Did you mean" from the commands registered so far, which
            # here is none of them: ask again with every name
            no_such = getattr(click.exceptions, "NoSuchCommand", None)
            if no_such is None or not isinstance(exc, no_such):
                raise
            names = self.list_commands(ctx)
            raise no_such(exc.command_name, possibilities=names, ctx=ctx) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Write the list of commands from SUMMARIES (no command module is imported); a
        command added without a summary is listed as click lists it."""
        rows = []
        for name in self.list_commands(ctx):
            if name in SUMMARIES and name not in self.commands:
                rows.append((name, SUMMARIES[name]))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def _lazy_load(self, cmd_name: str) -> click.Command:
        if cmd_name in LONG_RUNNING:
            gc.enable()
        module_name, object_name = self.lazy_subcommands[cmd_name].rsplit(".", 1)
        command = getattr(importlib.import_module(module_name), object_name)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module_name}.{object_name} is not a click command")
        return command


def _valued(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Return click's option `name` as VALUED_OPTIONS (context.py) describes it."""
    envvar, metavar, text = VALUED_OPTIONS[name]
    return click.option(name, envvar=envvar, metavar=metavar, help=text)


@click.group(
    cls=LazyGroup,
    lazy_subcommands=COMMANDS,
    epilog=EPILOG,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@_valued("--db")
@_valued("--now")
@click.option("--json", "json_out", is_flag=True, help="Print JSON instead of tables.")
@_valued("--tz")
@_valued("--country")
@click.version_option(package_name="followthrough")
@click.pass_context
def cli(
    ctx: click.Context,
    db: str | None,
    now: str | None,
    json_out: bool,
    tz: str | None,
    country: str | None,
) -> None:
    """Followthrough: do the right things after every job interview, and not the wrong ones.

    \b
    Start with:   followthrough demo          (a demo search, today's agenda)
    Your own:     followthrough init --tz Europe/Brussels --country BE
                  followthrough app add --company ACME --role "Data Engineer"
                  followthrough interview add 1 --at "2026-11-23 10:00" --with "Ann Lee"
                  followthrough today
    """
    ctx.obj = Ctx(db, now, json_out, tz, country)
    # `demo` must know whether --db was typed for it or came from FOLLOWTHROUGH_DB
    ctx.obj.db_from_flag = ctx.get_parameter_source("db") is click.core.ParameterSource.COMMANDLINE
