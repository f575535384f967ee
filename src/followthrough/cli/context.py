"""What every command shares: `Ctx` (the database, the moment, the output format), `pass_ctx`,
`json_option` and two small helpers.

Stdlib only at import: the `today --json` fast path in main.py builds a `Ctx` before click is
imported, so click is imported inside the decorators, which only command modules call.
"""

from __future__ import annotations

import datetime as dt
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import Any, TypeVar

    from followthrough.services.context import Context

    F = TypeVar("F", bound=Callable[..., Any])


#: The group's options that take a value, in --help order: name -> (environment variable,
#: metavar, help). click's group (group.py) and the `today --json` fast path (main.py) both
#: read this one table, so they cannot disagree on an option or where its default comes from.
#: (--json, a flag, sits between --now and --tz in the help.)
VALUED_OPTIONS: dict[str, tuple[str | None, str, str]] = {
    "--db": ("FOLLOWTHROUGH_DB", "PATH", "SQLite database file (default: your user data folder)."),
    "--now": ("FOLLOWTHROUGH_NOW", "ISO-DATETIME", "Plan as if it were this moment."),
    "--tz": (None, "ZONE", "Time zone for this run (IANA name)."),
    "--country": (None, "CC", "Country for public holidays, this run."),
}


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
        #: Whether the command has begun to print its answer (the read route's cue: an error
        #: before it may go to click, one after it is reported).
        self.printed = False
        self._service: Context | None = None

    @property
    def db_path(self) -> Path:
        """Return the SQLite file to use."""
        from pathlib import Path

        if self.db_arg:
            return Path(self.db_arg).expanduser()
        from followthrough.paths import user_dir

        return user_dir("data") / "followthrough.db"

    def db_file(self) -> str:
        """Return str(self.db_path); without importing pathlib unless --db needs tidying."""
        if self.db_arg and os.name != "nt" and _tidy(self.db_arg):
            return self.db_arg
        if not self.db_arg:  # the default file, named without pathlib (paths.user_path)
            from followthrough.paths import user_path

            return os.path.join(user_path("data"), "followthrough.db")
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

    def service(self) -> Context:
        """Return the use cases' context on the database: read with the stdlib sqlite3 module,
        created, migrated or written through the full store when needed (services.context)."""
        if self._service is None:
            from followthrough.services.context import Context, open_local

            now = self.now
            # validate this run's overrides before a database file is created or touched
            # (zoneinfo and the holiday tables are imported only then: not on `lint`'s path)
            if self.overrides.get("tz") or self.overrides.get("country"):
                from followthrough.domain.workdays import check_country, zone

                if self.overrides.get("tz"):
                    zone(self.overrides["tz"])
                if self.overrides.get("country"):
                    check_country(self.overrides["country"])
            self._service = Context(open_local(self.db_file(), now), now, dict(self.overrides))
        return self._service

    def existing(self) -> Context:
        """Return the use cases' context on a database that is there already: a command that
        only reads says so when there is none (it never creates an empty one)."""
        if self._service is None:
            path = self.db_file()
            if not os.path.exists(path):
                from followthrough.domain.errors import ValidationError

                if self.db_arg:
                    import shlex

                    raise ValidationError(
                        "--db", f"no database at {path!r}; check the path, or create one there "
                        f"with `followthrough --db {shlex.quote(self.db_arg)} init`"
                    )
                raise ValidationError(
                    "database", f"none yet at {path!r}; start with `followthrough init --tz "
                    "Europe/Brussels --country BE` (your zone and country), or try "
                    "`followthrough demo`"
                )
        return self.service()

    def emit(self, payload: Any, human: Callable[[], None]) -> None:
        """Print `payload` as JSON when asked, else call the human renderer."""
        self.printed = True
        if self.json:
            import json

            # indented for a person at a terminal; compact (and ~3x faster) for a pipe
            indent = 2 if sys.stdout.isatty() else None
            text = json.dumps(payload, indent=indent, ensure_ascii=False, default=str)
            if plain_stdout():  # what click.echo writes there (JSON holds no ANSI escape)
                sys.stdout.write(text + "\n")
                sys.stdout.flush()
                return
            import click

            click.echo(text)
        else:
            human()


def plain_stdout() -> bool:
    """Return True when click.echo would write to sys.stdout as it is: a text stream, not a
    terminal, in an encoding that is not ASCII."""
    import codecs
    import io

    out = sys.stdout
    if out.__class__ is not io.TextIOWrapper or sys.platform == "win32" or out.isatty():
        return False
    try:
        return out.errors is not None and codecs.lookup(out.encoding).name != "ascii"
    except LookupError:
        return False


def _tidy(path: str) -> bool:
    """Return True when str(pathlib.Path(path).expanduser()) is `path` itself (POSIX): no "~" to
    expand, no empty or "." part to drop (a leading "//" is kept as it is)."""
    root = "//" if path[:2] == "//" and path[2:3] != "/" else "/" if path[:1] == "/" else ""
    return path[:1] != "~" and all(part not in ("", ".") for part in path[len(root) :].split("/"))


def pass_ctx(f: F) -> F:
    """Pass the run's `Ctx` to a command as its first argument."""
    import click

    return click.make_pass_decorator(Ctx)(f)  # type: ignore[return-value]


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


def emit_created(ctx: Ctx, obj: dict[str, Any], label: str) -> None:
    """Print a created object: JSON with --json, else a line and the id on the last line."""
    import click

    def human() -> None:
        click.echo(label)
        click.echo(obj["id"])

    ctx.emit(obj, human)


def local_time(
    ctx: Ctx, text: str, field: str, default_date: dt.date | None = None
) -> dt.datetime:
    """Return `text` read as a time in the user's zone (or with its own offset)."""
    from followthrough.domain.parse import parse_datetime

    svc = ctx.service()
    return parse_datetime(text, svc.week().zone, field, default_date)


def page_size(_ctx: Any, _param: Any, value: str | None) -> int | None:
    """Return --limit as a number of rows to show (1 or more); None when not given (click
    calls it: a bad value is a usage error naming the option)."""
    import click

    from followthrough.cli import reads

    try:
        return reads.page_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def answer(body: Callable[..., None], ctx: Ctx, **values: Any) -> None:
    """Run a read command's body (cli/reads.py) under click: its usage errors as click's."""
    import click

    from followthrough.cli import reads

    try:
        body(ctx, **values)
    except reads.Usage as exc:
        raise click.UsageError(str(exc)) from None
