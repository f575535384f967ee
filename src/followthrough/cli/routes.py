"""The read route: the commands that only read, answered before click is imported.

Click costs a short command about 20 ms of imports (a fifth of a read command's time), and the
read commands are what people type most. `main()` asks `parse()` first: when the command line
is global options, one of the read commands of ROUTES and arguments written the plain way, it
calls that command's body (cli/reads.py: the very function the click command calls) with the
values click would have passed. Anything else (help, a misspelt or repeated option, a value
click would have to judge, short options, `--`) returns None and click parses it as ever; a
test holds ROUTES to the click commands' own declarations, so they cannot drift apart.

Stdlib only at import.
"""

from __future__ import annotations

import os

from followthrough.cli import reads
from followthrough.cli.context import VALUED_OPTIONS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

#: What a parameter takes: "int" (a whole number; for an argument, "opt-int" when it may be
#: left out), "file" (an argument: a UTF-8 text file, or "-" for standard input: a `TextFile`),
#: "text", "flag" (True when
#: given), "limit" (a positive whole number: reads.page_size), "statuses" (repeatable:
#: reads.statuses), ("range", lo, hi) (a whole number in [lo, hi]).
Kind = str | tuple[str, int, int]
#: One parameter: (the body's keyword, its option names, or () for an argument; kind; default).
Param = tuple[str, tuple[str, ...], Kind, object]

#: Each read command (its words) -> (its body in reads.py, its parameters but --json, which
#: every one of them takes).
ROUTES: dict[tuple[str, ...], tuple[Callable[..., None], tuple[Param, ...]]] = {
    ("plan",): (reads.plan, (("app_id", (), "int", None),)),
    ("brief",): (reads.brief, (("app_id", (), "int", None),)),
    ("app", "list"): (reads.app_list, (
        ("statuses", ("--status",), "statuses", None),
        ("limit", ("--limit",), "limit", None),
        ("show_all", ("--all",), "flag", False),
    )),
    ("app", "show"): (reads.app_show, (("app_id", (), "int", None),)),
    ("contact", "list"): (reads.contact_list, (
        ("role", ("--role",), "text", None),
        ("limit", ("--limit",), "limit", None),
        ("show_all", ("--all",), "flag", False),
    )),
    ("contact", "show"): (reads.contact_show, (("contact_id", (), "int", None),)),
    ("interview", "show"): (reads.interview_show, (("interview_id", (), "int", None),)),
    ("insights",): (reads.insights, (("weeks", ("--weeks",), ("range", 1, 104), 12),)),
    ("doctor",): (reads.doctor, ()),
    ("history",): (reads.history, (
        ("app_id", (), "opt-int", None),
        ("limit", ("--limit",), "limit", None),
    )),
    ("lint",): (reads.lint, (
        ("source", (), "file", None),
        ("kind", ("--kind",), "text", None),
        ("app_id", ("--app",), "int", None),
    )),
}  # fmt: skip


def split_globals(args: list[str]) -> tuple[tuple[str | None, ...], bool, list[str]] | None:
    """Return ((db, now, tz, country) as click would resolve them, whether the global --json
    was given, the arguments from the command's name on) when `args` (the command line after
    the program's name) starts with global options written the plain way; None otherwise.

    Plain: --db, --now, --tz, --country, each at most once, with a value that does not start
    with "-" (as the next argument or after "="), and --json. FOLLOWTHROUGH_DB and
    FOLLOWTHROUGH_NOW count when set and not empty, and lose to the option.
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
        if name not in VALUED_OPTIONS:
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
    resolved = []
    for name, (envvar, _, _) in VALUED_OPTIONS.items():  # click: the option, else its variable
        resolved.append(values.get(name) or (os.environ.get(envvar) if envvar else None) or None)
    return tuple(resolved), json_out, args[at:]


def _whole(text: str) -> int:
    """Return `text` as a whole number when it is plain ASCII digits (what click reads the
    same way); a ValueError otherwise (click then judges it)."""
    if not (text.isascii() and text.isdigit()):
        raise ValueError(text)
    return int(text)


class TextFile:
    """A file argument read as UTF-8 with universal newlines (stdin for "-"), read only when the
    body reads it; a path that cannot be read raises OSError there, which the body reports as
    a one-line error (exit 1), on the route and under click alike."""

    def __init__(self, path: str) -> None:
        self.path = path

    def read(self) -> str:
        """Return the text, decoded as UTF-8 with universal newlines."""
        import io
        import sys

        if self.path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(self.path, "rb") as f:
                data = f.read()
        return io.StringIO(data.decode("utf-8"), newline=None).read()


def _value(kind: Kind, text: str) -> Any:
    """Return an option's or argument's `text` as click would pass it; ValueError when click
    would refuse it or read it some other way."""
    if kind in ("int", "opt-int"):
        return _whole(text)
    if kind == "file":
        return TextFile(text)
    if kind == "limit":
        return reads.page_size(str(_whole(text)))
    if isinstance(kind, tuple):
        number = _whole(text)
        if not kind[1] <= number <= kind[2]:
            raise ValueError(text)
        return number
    return text


def parse(args: list[str]) -> tuple[Callable[..., None], tuple[str | None, ...], bool,
                                    dict[str, Any]] | None:
    """Return (the body, (db, now, tz, country), --json given, the body's keywords) when
    `args` ask for one of ROUTES the plain way; None for anything else (click's to parse)."""
    if os.name == "nt":
        return None  # click expands wildcards in the arguments there
    split = split_globals(args)
    if split is None:
        return None
    resolved, json_out, rest = split
    route = ROUTES.get(tuple(rest[:2])) or ROUTES.get(tuple(rest[:1]))
    if route is None:
        return None
    body, params = route
    tokens = rest[2:] if tuple(rest[:2]) in ROUTES else rest[1:]
    values: dict[str, Any] = {name: default for name, _, _, default in params}
    options = {opt: (name, kind) for name, opts, kind, _ in params for opt in opts}
    arguments = [(name, kind) for name, opts, kind, _ in params if not opts]
    given: dict[str, list[str]] = {}
    at = 0
    try:
        while at < len(tokens):
            word = tokens[at]
            at += 1
            if word == "--json":
                json_out = True
            elif word[:1] == "-" and word != "-":  # "-" alone: a file argument (stdin)
                option, eq, text = word.partition("=")
                if option not in options:
                    return None
                name, kind = options[option]
                if kind == "flag":
                    if eq:
                        return None
                    values[name] = True
                    continue
                if not eq:
                    if at == len(tokens):
                        return None
                    text = tokens[at]
                    at += 1
                if text[:1] == "-" or (name in given and kind != "statuses"):
                    return None
                given.setdefault(name, []).append(text)
                if kind != "statuses":  # repeatable: read once all are known
                    values[name] = _value(kind, text)
            elif arguments:
                name, kind = arguments.pop(0)
                values[name] = _value(kind, word)
            else:
                return None
        if any(kind != "opt-int" for _, kind in arguments):
            return None
        for name, _, kind, _ in params:
            if kind == "statuses" and name in given:
                values[name] = reads.statuses(given[name])
    except ValueError:
        return None
    return body, resolved, json_out, values
