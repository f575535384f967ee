"""The read route (cli/routes.py): the read commands answered before click is imported.

main() parses the plain command lines of routes.ROUTES itself and calls the body the click
command calls (cli/reads.py). These tests hold ROUTES to the click commands' own declarations,
hold the two routes to the same bytes on stdout and stderr and the same exit code over plain,
odd and wrong command lines, and check which lines the route answers (so that it cannot
quietly decline everything).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
import pytest
from tests.cli.conftest import DEMO_NOW, run_main

from followthrough.cli import context, routes
from followthrough.cli import main as entry
from followthrough.cli.group import cli as cli_group

NOW = DEMO_NOW


@pytest.fixture(autouse=True)
def _unfreeze(unfrozen: None) -> None:
    """Every test here may run main() in this process (conftest.py `unfrozen`)."""


# ---------------------------------------------------------------- ROUTES is what click declares


def click_command(words: tuple[str, ...]) -> click.Command:
    command: click.Command | None = cli_group
    for word in words:
        assert isinstance(command, click.Group)
        command = command.get_command(click.Context(command), word)
        assert command is not None, words
    assert command is not None
    return command


def _is_file(param: click.Parameter) -> bool:
    return isinstance(param, click.Argument) and param.metavar == "FILE|-"


def kind_of(param: click.Parameter) -> routes.Kind:
    """Return the route's kind for a click parameter as click declares it."""
    if isinstance(param, click.Argument):
        assert param.nargs == 1
        if _is_file(param):
            # a path click passes as it is: the body reads it (routes.TextFile), so a file that
            # cannot be read is one error line on both paths
            assert param.required
            assert param.type is click.STRING
            return "file"
        assert param.type is click.INT
        return "int" if param.required else "opt-int"
    assert isinstance(param, click.Option)
    assert not param.secondary_opts
    assert not param.envvar
    assert not param.prompt
    assert not param.required
    if param.is_flag:
        assert param.callback is None
        return "flag"
    if param.callback is context.page_size:
        assert not param.multiple
        assert param.type is click.STRING
        return "limit"
    if param.multiple:
        assert param.callback is not None
        assert param.callback.__name__ == "_statuses"
        return "statuses"
    assert param.callback is None
    if param.type is click.INT:
        return "int"
    if isinstance(param.type, click.IntRange):
        assert param.type.min is not None
        assert param.type.max is not None
        assert not (param.type.min_open)
        assert not (param.type.max_open)
        assert not (param.type.clamp)
        return ("range", int(param.type.min), int(param.type.max))
    assert param.type is click.STRING
    return "text"


@pytest.mark.parametrize("words", sorted(routes.ROUTES), ids=" ".join)
def test_each_route_declares_what_its_click_command_declares(words: tuple[str, ...]) -> None:
    command = click_command(words)
    body, params = routes.ROUTES[words]
    declared = [p for p in command.params if p.name != "json_flag"]
    assert [p.name for p in command.params if p.name == "json_flag"] == ["json_flag"]
    assert [(name, opts, kind) for name, opts, kind, _ in params] == [
        (p.name, tuple(p.opts) if isinstance(p, click.Option) else (), kind_of(p))
        for p in declared
    ]
    # the values click passes when an option is not given are the route's defaults
    arguments = [
        "-" if _is_file(p) else "1"
        for p in declared
        if isinstance(p, click.Argument)
    ]
    obj = context.Ctx(None, None, False, None, None)
    with command.make_context("followthrough", arguments, obj=obj) as ctx:
        passed = ctx.params
    assert {name: default for name, opts, _, default in params if opts} == {
        name: passed[name] for name, opts, _, _ in params if opts
    }
    assert body.__module__ == "followthrough.cli.reads"


def test_the_bodies_are_the_click_commands_bodies() -> None:
    """Each click command of ROUTES calls its route's body (and nothing else reads)."""
    import inspect

    for words, (body, _) in routes.ROUTES.items():
        command = click_command(words)
        source = inspect.getsource(command.callback.__wrapped__)  # type: ignore[union-attr]
        assert f"answer(reads.{body.__name__}, ctx" in source, words


# ---------------------------------------------------------------- the same bytes either way


def run_both(args: list[str], route: bool) -> tuple[object, bytes, bytes, bool]:
    """Run main() in-process; return (exit code, stdout, stderr, answered by the route)."""
    answered: list[bool] = []
    real_read = entry._read

    def spy(*call: Any) -> bool:
        try:
            result = real_read(*call)
        except SystemExit:  # an error reported (main()'s words, exit 1)
            answered.append(True)
            raise
        answered.append(result)
        return result

    code, out, err = run_main(args, not route, {"_read": spy})
    return code, out, err, answered == [True]


#: (the command after the global options, answered by the route)
LINES: list[tuple[list[str], bool]] = [
    (["plan", "1"], True),
    (["plan", "2", "--json"], True),
    (["--json", "plan", "3"], True),
    (["plan", "--json", "4"], True),
    (["brief", "2"], True),
    (["brief", "2", "--json"], True),
    (["app", "list"], True),
    (["app", "list", "--json"], True),
    (["app", "list", "--all"], True),
    (["app", "list", "--limit", "2"], True),
    (["app", "list", "--limit=2", "--json"], True),
    (["app", "list", "--status", "rejected"], True),
    (["app", "list", "--status", "open,rejected", "--status", "offer", "--json"], True),
    (["app", "list", "--status=all", "--all"], True),
    (["app", "list", "--status", "Applied"], True),
    (["app", "show", "1"], True),
    (["app", "show", "5", "--json"], True),
    (["contact", "list"], True),
    (["contact", "list", "--role", "recruiter"], True),
    (["contact", "list", "--limit", "3", "--json"], True),
    (["contact", "list", "--all"], True),
    (["contact", "show", "1"], True),
    (["contact", "show", "1", "--json"], True),
    (["interview", "show", "1"], True),
    (["interview", "show", "2", "--json"], True),
    (["insights"], True),
    (["insights", "--json"], True),
    (["insights", "--weeks", "4"], True),
    (["insights", "--weeks=104", "--json"], True),
    (["doctor"], True),
    (["doctor", "--json"], True),
    # the project's errors: reported by the route as main() reports them
    (["plan", "999"], True),
    (["app", "show", "999", "--json"], True),
    (["interview", "show", "999"], True),
    (["contact", "show", "999"], True),
    # usage errors: left to click (or declined by the route's parser)
    (["app", "list", "--limit", "2", "--all"], False),
    (["contact", "list", "--all", "--limit", "5"], False),
    (["app", "list", "--limit", "0"], False),
    (["app", "list", "--limit", "-3"], False),
    (["app", "list", "--limit", "many"], False),
    (["app", "list", "--limit"], False),
    (["app", "list", "--status", "hired"], False),
    (["app", "list", "--all=yes"], False),
    (["app", "list", "--bogus"], False),
    (["app", "list", "-h"], False),
    (["app", "list", "--help"], False),
    (["insights", "--weeks", "0"], False),
    (["insights", "--weeks", "105"], False),
    (["insights", "--weeks", "+4"], False),
    (["plan"], False),
    (["plan", "one"], False),
    (["plan", "1", "2"], False),
    (["plan", "--", "1"], False),
    (["plan", "١"], False),  # an Arabic-Indic digit: click's to judge
    (["app"], False),
    (["app", "lists"], False),
    (["contact", "list", "--role"], False),
    (["contact", "list", "--role", "--all"], False),
    (["insights", "--weeks", "4", "--weeks", "5"], False),
    (["doctor", "now"], False),
]  # fmt: skip


@pytest.mark.parametrize(("line", "answered"), LINES, ids=lambda x: " ".join(x)
                         if isinstance(x, list) else str(x))  # fmt: skip
def test_main_prints_what_the_click_path_prints(
    line: list[str], answered: bool, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("FOLLOWTHROUGH_DB", "FOLLOWTHROUGH_NOW"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    args = ["--db", str(demo_db), "--now", NOW, *line]
    *routed, by_route = run_both(args, True)
    *clicked, by_click = run_both(args, False)
    assert routed == clicked
    assert by_route is answered
    assert not by_click
    assert routed[1] or routed[2]  # something was said


def test_the_variables_count_as_click_counts_them(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWTHROUGH_DB", str(demo_db))
    monkeypatch.setenv("FOLLOWTHROUGH_NOW", NOW)
    monkeypatch.setenv("NO_COLOR", "1")
    routed = run_both(["app", "list", "--json"], True)
    clicked = run_both(["app", "list", "--json"], False)
    assert routed[:3] == clicked[:3]
    assert routed[3]
    assert b"[" in routed[1]


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "1", "--db", "x.db"],  # a global option after the command: click's error
        ["--db", "--now", "plan", "1"],
        ["--db", "a.db", "--db", "b.db", "plan", "1"],
        ["--version"],
        ["--help"],
        ["today"],  # today's own route
        ["app", "add", "--company", "X", "--role", "Y"],  # a write
        ["done", "1"],
    ],
)
def test_other_lines_are_not_read_routes(args: list[str]) -> None:
    assert routes.parse(args) is None


def test_a_parsed_line_gives_the_bodies_their_values() -> None:
    found = routes.parse(["--db", "x.db", "app", "list", "--status", "closed,offer", "--limit",
                          "7", "--json"])  # fmt: skip
    assert found is not None
    body, resolved, json_out, values = found
    assert body.__name__ == "app_list"
    assert resolved[0] == "x.db"
    assert json_out
    assert values == {"statuses": ("offer", "closed"), "limit": 7, "show_all": False}


NOTE = ("Dear Ann,\n\nThank you for the interview for the Data Engineer role. I enjoyed the "
        "talk about Kafka consumers and would love to join. Has a decision been made yet?\n\n"
        "Best,\nSam\n")


@pytest.mark.parametrize(
    ("tail", "answered"),
    [
        ([], True),
        (["--kind", "thank-you"], True),
        (["--json"], True),
        (["--kind", "check-in", "--app", "1", "--json"], True),
        (["--app", "99"], True),  # no such application: the body's one-line error
        (["--kind", "love-letter"], True),  # an unknown kind: the body's one-line error
        (["--app", "one"], False),
        (["--kind"], False),
        (["--kind", "check-in", "--kind", "thank-you"], False),
        (["extra"], False),
    ],
)
# click.File opens FILE before it reports the extra argument, and leaves it to the collector
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_lint_prints_what_the_click_path_prints(
    tail: list[str], answered: bool, demo_db: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("FOLLOWTHROUGH_DB", "FOLLOWTHROUGH_NOW"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    args = ["--db", str(demo_db), "--now", NOW, "lint", str(note), *tail]
    *routed, by_route = run_both(args, True)
    *clicked, by_click = run_both(args, False)
    assert routed == clicked
    assert by_route is answered
    assert not by_click
    assert routed[1] or routed[2]


def test_lint_of_stdin_and_of_a_missing_file(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setenv("NO_COLOR", "1")
    outs = []
    for route in (True, False):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(NOTE.encode())))
        outs.append(run_both(["--db", str(demo_db), "lint", "-", "--json"], route))
    assert outs[0][:3] == outs[1][:3]
    assert outs[0][3]  # answered by the route
    assert b'"pushy"' in outs[0][1]
    # a file that cannot be read: one line naming FILE and the fix, exit 1, on both paths
    for bad in (tmp_path / "nope.txt", tmp_path):
        args = ["--db", str(demo_db), "lint", str(bad)]
        code, out, err, answered = run_both(args, True)
        assert (code, out, err) == run_both(args, False)[:3]
        assert answered
        assert code == 1
        assert out == b""
        assert err.decode().count("\n") == 1
        assert err.startswith(b"error: FILE: ")
        assert b"standard input" in err
