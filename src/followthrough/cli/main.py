"""The `followthrough` command: parse -> service -> print (a table for people, JSON for scripts).

Start-up matters (a script may call `today --json` every few minutes): this module imports only
click; the store, SQLAlchemy and Rich are imported inside the commands that need them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from followthrough.services import Service

F = TypeVar("F", bound=Callable[..., Any])

EPILOG = """\b
Times are shown in your time zone (settings: tz) with their UTC offset.
Dates are YYYY-MM-DD; times are 'YYYY-MM-DD HH:MM' in your zone, or ISO 8601
with an offset (needed for the hour that happens twice when clocks go back).
Exit codes: 0 ok, 1 a problem with your input or data (one line on stderr), 2 usage.
Environment: FOLLOWTHROUGH_DB (database file), FOLLOWTHROUGH_NOW (the moment to plan
from, for what-ifs and tests), NO_COLOR (plain output).
"""


class Ctx:
    """What every command needs: where the data is, what time it is, how to print."""

    def __init__(
        self, db: str | None, now: str | None, json_out: bool, tz: str | None, country: str | None
    ) -> None:
        self.db_arg = db
        self.now_arg = now
        self.json = json_out
        self.overrides = {k: v for k, v in (("tz", tz), ("country", country)) if v}
        self.db_from_flag = bool(db)
        self._service: Service | None = None

    @property
    def db_path(self) -> Path:
        """Return the SQLite file to use."""
        if self.db_arg:
            return Path(self.db_arg).expanduser()
        from platformdirs import user_data_dir

        return Path(user_data_dir("followthrough", appauthor=False)) / "followthrough.db"

    @property
    def now(self) -> dt.datetime:
        """Return the moment to plan from (--now / FOLLOWTHROUGH_NOW, else the clock)."""
        if not self.now_arg:
            return dt.datetime.now(dt.UTC)
        from followthrough.domain.errors import ValidationError

        try:
            parsed = dt.datetime.fromisoformat(self.now_arg.strip())
        except ValueError:
            raise ValidationError(
                "now", f"{self.now_arg!r} is not ISO 8601; write e.g. 2026-11-24T09:00+01:00"
            ) from None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=self._zone_for_naive_now())
        return parsed

    def _zone_for_naive_now(self) -> dt.tzinfo:
        from followthrough.domain.workdays import zone

        if self.overrides.get("tz"):
            return zone(self.overrides["tz"])
        path = self.db_path
        if path.exists():
            import sqlite3

            try:
                conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
                row = conn.execute("SELECT value FROM settings WHERE key = 'tz' LIMIT 1").fetchone()
                conn.close()
                if row:
                    return zone(row[0])
            except sqlite3.DatabaseError:
                pass
        return dt.UTC

    def service(self) -> Service:
        """Return the service on the database (created and migrated if needed)."""
        if self._service is None:
            from followthrough.domain.workdays import check_country, zone
            from followthrough.services import Service
            from followthrough.store import db
            from followthrough.store.repo import Repo

            now = self.now
            # validate this run's overrides before a database file is created or touched
            if self.overrides.get("tz"):
                zone(self.overrides["tz"])
            if self.overrides.get("country"):
                check_country(self.overrides["country"])
            engine = db.open_database(db.sqlite_url(self.db_path), now)
            owner = db.ensure_user(engine, db.LOCAL_USER, now)
            self._service = Service(Repo(engine, owner), now, dict(self.overrides))
        return self._service

    def emit(self, payload: Any, human: Callable[[], None]) -> None:
        """Print `payload` as JSON when asked, else call the human renderer."""
        if self.json:
            # indented for a person at a terminal; compact (and ~3x faster) for a pipe
            indent = 2 if sys.stdout.isatty() else None
            click.echo(json.dumps(payload, indent=indent, ensure_ascii=False, default=str))
        else:
            human()


def json_option(f: F) -> F:
    """Add a per-command --json flag (the global one works too)."""

    def callback(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value:
            ctx.find_object(Ctx).json = True  # type: ignore[union-attr]

    return click.option(
        "--json",
        "json_flag",
        is_flag=True,
        expose_value=False,
        callback=callback,
        help="Print JSON (stable shape, see the README).",
    )(f)


pass_ctx = click.make_pass_decorator(Ctx)


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="FOLLOWTHROUGH_DB",
    metavar="PATH",
    help="SQLite database file (default: your user data folder).",
)
@click.option(
    "--now",
    envvar="FOLLOWTHROUGH_NOW",
    metavar="ISO-DATETIME",
    help="Plan as if it were this moment.",
)
@click.option("--json", "json_out", is_flag=True, help="Print JSON instead of tables.")
@click.option("--tz", metavar="ZONE", help="Time zone for this run (IANA name).")
@click.option("--country", metavar="CC", help="Country for public holidays, this run.")
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


def main() -> None:
    """Run the CLI; turn the project's errors into one line and exit code 1."""
    from followthrough.cli import commands, data, drafting  # noqa: F401  (registers commands)

    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:
        from followthrough.domain.errors import FollowthroughError

        if isinstance(exc, FollowthroughError):
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        if os.environ.get("FOLLOWTHROUGH_DEBUG"):
            raise
        click.echo(
            f"internal error: {exc.__class__.__name__}: {exc} "
            "(set FOLLOWTHROUGH_DEBUG=1 for the traceback, and please report it)",
            err=True,
        )
        sys.exit(3)
