"""The `followthrough` command: parse -> service -> print (a table for people, JSON for scripts).

Start-up matters (a script may call `today --json` every few minutes). `main()` recognises the
argument lists that mean `today --json` written to a pipe and answers them with the stdlib-only
reader (store/fast.py) before click is even imported; everything else, and whatever that reader
cannot answer or fails on, goes through click exactly as before. So this module does not import
click at import time either: `cli` and `pass_ctx` are built on first use (the module's
__getattr__), and the store, SQLAlchemy and Rich are imported inside the commands that need them.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import Any, TypeVar

    import click

    from followthrough.services import Service

    F = TypeVar("F", bound=Callable[..., Any])
    #: The click group of every command (built on first use).
    cli: click.Group
    #: The decorator that passes the Ctx to a command (built on first use).
    pass_ctx: Callable[[Callable[..., Any]], Callable[..., Any]]

EPILOG = """\b
Times are shown in your time zone (settings: tz) with their UTC offset.
Dates are YYYY-MM-DD; times are 'YYYY-MM-DD HH:MM' in your zone, or ISO 8601
with an offset (needed for the hour that happens twice when clocks go back).
Exit codes: 0 ok, 1 a problem with your input or data (one line on stderr), 2 usage.
Environment: FOLLOWTHROUGH_DB (database file), FOLLOWTHROUGH_NOW (the moment to plan
from, for what-ifs and tests), FOLLOWTHROUGH_LOCK_WAIT (seconds a change waits for another
writer, default 15), NO_COLOR (plain output).
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
        from pathlib import Path

        if self.db_arg:
            return Path(self.db_arg).expanduser()
        from platformdirs import user_data_dir

        return Path(user_data_dir("followthrough", appauthor=False)) / "followthrough.db"

    def db_file(self) -> str:
        """Return str(self.db_path); without importing pathlib when --db needs no tidying."""
        if self.db_arg and os.name != "nt" and _tidy(self.db_arg):
            return self.db_arg
        return str(self.db_path)

    @property
    def now(self) -> dt.datetime:
        """Return the moment to plan from (--now / FOLLOWTHROUGH_NOW, else the clock)."""
        if not self.now_arg:
            return dt.datetime.now(dt.UTC)
        try:
            parsed = dt.datetime.fromisoformat(self.now_arg.strip())
        except ValueError:
            from followthrough.domain.errors import ValidationError

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
            from followthrough.services import Service, open_store

            now = self.now
            # validate this run's overrides before a database file is created or touched
            if self.overrides.get("tz"):
                zone(self.overrides["tz"])
            if self.overrides.get("country"):
                check_country(self.overrides["country"])
            self._service = Service.on(open_store(self.db_path, now), now, self.overrides)
        return self._service

    def emit(self, payload: Any, human: Callable[[], None]) -> None:
        """Print `payload` as JSON when asked, else call the human renderer."""
        if self.json:
            import json

            import click

            # indented for a person at a terminal; compact (and ~3x faster) for a pipe
            indent = 2 if sys.stdout.isatty() else None
            click.echo(json.dumps(payload, indent=indent, ensure_ascii=False, default=str))
        else:
            human()


def _tidy(path: str) -> bool:
    """Return True when str(pathlib.Path(path).expanduser()) is `path` itself (POSIX): no "~" to
    expand, no empty or "." part to drop (a leading "//" is kept as it is)."""
    root = "//" if path[:2] == "//" and path[2:3] != "/" else "/" if path[:1] == "/" else ""
    return path[:1] != "~" and all(part not in ("", ".") for part in path[len(root) :].split("/"))


def json_option(f: F) -> F:
    """Add a per-command --json flag (the global one works too)."""
    import click

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


def __getattr__(name: str) -> Any:
    """Build `cli` and `pass_ctx` (and import click) on first use."""
    if name == "cli":
        value: Any = _group()
    elif name == "pass_ctx":
        import click

        value = click.make_pass_decorator(Ctx)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def _group() -> click.Group:
    import click

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
        ctx.obj.db_from_flag = (
            ctx.get_parameter_source("db") is click.core.ParameterSource.COMMANDLINE
        )

    return cli


# ---------------------------------------------------------------- `today --json`, before click

#: The group's options that take a value, as click parses them (--opt VALUE or --opt=VALUE).
_VALUED = ("--db", "--now", "--tz", "--country")


def today_json_args(args: list[str]) -> tuple[str | None, ...] | None:
    """Return (db, now, tz, country) as click would resolve them when `args` (the command line
    after the program name) asks for `today --json` and nothing else; None for anything else.

    Only the plain shapes are recognised: global options (--db, --now, --tz, --country, each at
    most once with a value that does not start with "-", and --json), then `today`, then --json
    flags, with --json at least once. FOLLOWTHROUGH_DB and FOLLOWTHROUGH_NOW count when set and
    not empty, and lose to the option. Help, --version, anything unknown, misspelt or repeated
    returns None: click parses it, and answers or complains as ever.
    """
    values: dict[str, str] = {}
    json_out = False
    at = 0
    while at < len(args):
        arg = args[at]
        if arg == "--json":
            json_out = True
            at += 1
            continue
        name, eq, value = arg.partition("=")
        if name not in _VALUED:
            break
        if not eq:
            at += 1
            if at == len(args):
                return None
            value = args[at]
        if not value or value[0] == "-" or name in values:
            return None
        values[name] = value
        at += 1
    if args[at : at + 1] != ["today"] or any(arg != "--json" for arg in args[at + 1 :]):
        return None
    if not json_out and len(args) == at + 1:
        return None  # `today` for people: a table
    return (
        values.get("--db") or os.environ.get("FOLLOWTHROUGH_DB") or None,
        values.get("--now") or os.environ.get("FOLLOWTHROUGH_NOW") or None,
        values.get("--tz"),
        values.get("--country"),
    )


def _plain_stdout() -> bool:
    """Return True when click.echo would write to sys.stdout as it is and `emit` would print the
    compact JSON: a text stream, not a terminal, in an encoding that is not ASCII."""
    out = sys.stdout
    if out.__class__ is not io.TextIOWrapper or sys.platform == "win32" or out.isatty():
        return False
    try:
        return out.errors is not None and codecs.lookup(out.encoding).name != "ascii"
    except LookupError:
        return False


def _today_json_fast(args: list[str]) -> bool:
    """Print `today --json` with the stdlib reader when `args` ask for just that; return False
    when the click path must run instead (other commands, a terminal, a database the reader
    cannot answer for, or any error: click's path then does it again, and fails the way it
    always has)."""
    if os.name == "nt":
        return False  # click expands wildcards in the arguments there
    found = today_json_args(args)
    if found is None:
        return False
    import gc

    # A process that lives some 40 ms: no cycle collection while the rows are read (they hold no
    # cycles: reference counting frees them), nor over every object left when it exits (freeze,
    # once answered: the collections at interpreter exit then skip them). About 3 ms.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if not _plain_stdout():
            return False
        from followthrough.store import fast

        db, now, tz, country = found
        ctx = Ctx(db, now, True, tz, country)
        text = fast.today_text(ctx.db_file(), ctx.now, ctx.overrides)
        if text is None:
            return False
        sys.stdout.write(text)  # what click.echo writes (the JSON holds no ANSI escapes)
        sys.stdout.write("\n")
        sys.stdout.flush()
    except KeyboardInterrupt:  # what click and main() print
        import click

        click.echo(file=sys.stderr)
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except Exception:
        return False
    finally:
        if collecting:
            gc.enable()
    gc.freeze()
    return True


#: The environment variables whose text reaches the database or the output.
ENV_TEXT = ("DB", "NOW")


def undecodable(args: list[str]) -> str | None:
    """Return a one-line error for the first argument (or FOLLOWTHROUGH_* variable) that is not
    valid text in the locale's encoding (Python keeps such bytes as lone surrogates, which no
    database or JSON document can hold), naming the option it belongs to; None when all are."""
    named = [(f"FOLLOWTHROUGH_{k}", os.environ.get(f"FOLLOWTHROUGH_{k}", "")) for k in ENV_TEXT]
    for at, arg in enumerate(args):
        field = args[at - 1] if at and args[at - 1].startswith("--") else f"argument {at + 1}"
        if arg.startswith("--") and "=" in arg:
            field, arg = arg.split("=", 1)
        named.append((field, arg))
    for field, value in named:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raw = value.encode("utf-8", "surrogateescape")
            return (
                f"{field}: {raw!r} is not valid {sys.getfilesystemencoding()} text; "
                "retype it, or set a UTF-8 locale (e.g. LANG=C.UTF-8)"
            )
    return None


def main() -> None:
    """Run the CLI; turn the project's errors into one line and exit code 1."""
    problem = undecodable(sys.argv[1:])
    if problem is not None:
        sys.stderr.write(f"error: {problem}\n")
        sys.exit(1)
    if _today_json_fast(sys.argv[1:]):
        return
    import click

    from followthrough.cli import commands, data, drafting  # noqa: F401  (registers commands)
    from followthrough.cli.main import cli

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
        from followthrough.domain.errors import FollowthroughError, from_os_error

        if isinstance(exc, OSError):
            exc = from_os_error(exc)
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
