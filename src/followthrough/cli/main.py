"""The `followthrough` command: parse -> service -> print (a table for people, JSON for scripts).

Start-up matters: people type read commands all day, and a script may call `today --json`
every few minutes. `main()` answers the command lines that only read before click is even
imported: `today` (as JSON to a pipe, or for a person) with the stdlib-only reader
(store/fast.py), and the read commands of routes.ROUTES with the very bodies their click
commands run (cli/reads.py). Everything else, and whatever those routes decline, goes through
click exactly as before. So this module imports only the stdlib and click-free modules at
import time: the click group (group.py) is imported by `main()` once the routes have declined,
and it imports each command's module on demand.
"""

from __future__ import annotations

import os
import sys


class _Deferred(type(sys)):  # type: ignore[misc]  # the module type, without importing types
    """A stand-in for a stdlib module that imports the real one on its first attribute use.

    dataclasses imports inspect (and with it ast, dis and tokenize: about 10 ms, a tenth of a
    short command) only to describe a class that has no docstring; ours all have one. Python's
    own importlib.util.LazyLoader does not help here: the import statement itself looks at the
    module's `__spec__`, which loads it."""

    def __getattr__(self, attr: str) -> object:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        import importlib

        return getattr(importlib.import_module(self.__name__), attr)


def _defer(name: str) -> None:
    """Put a `_Deferred` stand-in for `name` in place unless the module is loaded already."""
    sys.modules.setdefault(name, _Deferred(name))


_defer("inspect")

from followthrough.cli import reads, routes  # noqa: E402 - after _defer
from followthrough.cli.context import Ctx, plain_stdout  # noqa: E402
from followthrough.cli.routes import split_globals  # noqa: E402

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, NoReturn

#: Where a person at a terminal finds the records an error is about (each adapter words its own).
HINTS = {
    "application": "see `followthrough app list`",
    "contact": "see `followthrough contact list`",
    "interview": "see `followthrough app show APP`",
    "action": "see `followthrough today` for ids",
    "contact-edit": "change that contact with `followthrough contact edit ID`",
}

# ---------------------------------------------------------------- `today --json`, before click


def _today_parts(args: list[str]) -> tuple[tuple[str | None, ...], bool, list[str]] | None:
    """Return ((db, now, tz, country) as click would resolve them, whether --json came before
    `today`, the arguments after `today`) when `args` (the command line after the program
    name) is global options (routes.split_globals) then `today`; None for anything else."""
    split = split_globals(args)
    if split is None or split[2][:1] != ["today"]:
        return None
    resolved, json_out, rest = split
    return resolved, json_out, rest[1:]


def today_json_args(args: list[str]) -> tuple[str | None, ...] | None:
    """Return (db, now, tz, country) when `args` ask for `today --json` and nothing else
    (--json before or after `today`, at least once); None for anything else."""
    parts = _today_parts(args)
    if parts is None:
        return None
    resolved, json_out, rest = parts
    if any(arg != "--json" for arg in rest) or not (json_out or rest):
        return None
    return resolved


def today_human_args(args: list[str]) -> tuple[tuple[str | None, ...], bool] | None:
    """Return ((db, now, tz, country), --all given) when `args` ask for `today` for a person
    (no --json; `--all` at most once after it); None for anything else."""
    parts = _today_parts(args)
    if parts is None:
        return None
    resolved, json_out, rest = parts
    if json_out or rest not in ([], ["--all"]):
        return None
    return resolved, bool(rest)


def _before_click(args: list[str]) -> bool:
    """Answer `today` (as JSON, or for a person) and the read commands of routes.ROUTES when
    `args` ask for just that, without click; return False when the click path must run
    instead (other commands, anything click must judge, JSON to a terminal, a database the
    `today` reader cannot answer for, an error `today` meets before printing anything:
    click's path then does it again, and fails the way it always has)."""
    if os.name == "nt":
        return False  # click expands wildcards in the arguments there
    found = today_json_args(args)
    human = today_human_args(args) if found is None else None
    read = routes.parse(args) if found is None and human is None else None
    if found is None and human is None and read is None:
        return False
    import gc

    # A process that lives some 40 ms: no cycle collection while the rows are read (they hold no
    # cycles: reference counting frees them), nor over every object left when it exits (freeze,
    # once answered: the collections at interpreter exit then skip them). About 3 ms.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if found is not None:
            answered = _today_json(found)
        elif human is not None:
            answered = _today_human(*human)
        else:
            answered = _read(*read)  # type: ignore[misc]
    except KeyboardInterrupt:  # what click and main() print
        import click

        click.echo(file=sys.stderr)
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except Exception:
        answered = False
    finally:
        if collecting:
            gc.enable()
    if answered:
        gc.freeze()
    return answered


def _read(
    body: Callable[..., None],
    found: tuple[str | None, ...],
    json_out: bool,
    values: dict[str, Any],
) -> bool:
    """Run a read command's body (the one its click command runs) on the parsed values; its
    errors reported as main() reports them; False, with nothing printed, on a usage error
    (click reports those)."""
    db, now, tz, country = found
    ctx = Ctx(db, now, json_out, tz, country)
    try:
        body(ctx, **values)
        sys.stdout.flush()
    except reads.Usage:
        if ctx.printed:
            raise
        return False
    except Exception as exc:
        _report(exc)
    return True


def _today_json(found: tuple[str | None, ...]) -> bool:
    """Write `today --json` from the stdlib reader to a pipe; False when it cannot answer."""
    if not plain_stdout():
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
    return True


def _today_human(found: tuple[str | None, ...], show_all: bool) -> bool:
    """Print `today` for a person from the stdlib reader (the renderer of the click path);
    False, with nothing printed, when the reader cannot answer."""
    from followthrough.store import fast

    db, now, tz, country = found
    ctx = Ctx(db, now, False, tz, country)
    parts = fast.today_parts(ctx.db_file(), ctx.now, ctx.overrides)
    if parts is None:
        return False
    from followthrough.cli.render import agenda

    grouped, prep, shape = parts
    try:
        agenda.today(grouped, prep, show_all, shape)
        sys.stdout.flush()
    except Exception as exc:  # printing has begun: no second route
        _report(exc)
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
    if _before_click(sys.argv[1:]):
        return
    import gc

    # Most commands live a tenth of a second and make no garbage cycles worth collecting: no
    # cycle collection while their modules load and they run (about a tenth of their time),
    # and none over every object left at exit (freeze). A command that may run long (serve,
    # demo, import: group.LONG_RUNNING) turns collection back on when it is loaded.
    gc.disable()
    try:
        _run()
    finally:
        if not gc.isenabled():
            gc.freeze()


def _run() -> None:
    """Run click's group; turn the project's errors into one line and exit code 1."""
    import click

    from followthrough.cli.group import cli

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
        _report(exc)


def _report(exc: Exception) -> NoReturn:
    """Print the project's error as one line (exit 1), anything else as an internal error
    (exit 3; the traceback with FOLLOWTHROUGH_DEBUG=1)."""
    import click

    from followthrough.domain.errors import FollowthroughError, from_os_error

    if isinstance(exc, OSError):
        exc = from_os_error(exc)
    if isinstance(exc, FollowthroughError):
        click.echo(f"error: {exc.hinted(HINTS)}", err=True)
        sys.exit(exc.exit_code)
    if os.environ.get("FOLLOWTHROUGH_DEBUG"):
        raise
    click.echo(
        f"internal error: {exc.__class__.__name__}: {exc} "
        "(set FOLLOWTHROUGH_DEBUG=1 for the traceback, and please report it)",
        err=True,
    )
    sys.exit(3)
