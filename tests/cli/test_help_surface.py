"""The help the CLI prints, byte for byte: every command and group, their `--help`, and the
usage errors a typo gets (issue 10 moved every command into its own module behind a lazily
loading group; nothing a user reads may change with it).

The expected text lives in tests/cli/help/ (one file per argument list). Regenerate after a
deliberate change with `FOLLOWTHROUGH_UPDATE_GOLDEN=1 pytest tests/cli/test_help_surface.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner  # noqa: TID251  (tests drive the CLI)

from followthrough.cli.group import cli as cli_group

HERE = Path(__file__).parent / "help"
UPDATE = os.environ.get("FOLLOWTHROUGH_UPDATE_GOLDEN") == "1"

#: Every command path of the CLI (groups first, then their subcommands).
PATHS = [
    [], ["app"], ["app", "add"], ["app", "list"], ["app", "referee"], ["app", "show"],
    ["app", "status"], ["backup"], ["brief"], ["contact"], ["contact", "add"],
    ["contact", "list"], ["contact", "show"], ["debrief"], ["demo"], ["doctor"], ["done"],
    ["draft"],
    ["export"], ["import"], ["init"], ["insights"], ["interview"], ["interview", "add"],
    ["interview", "show"], ["lint"], ["log"], ["plan"], ["reopen"], ["serve"], ["settings"],
    ["skip"], ["snooze"], ["templates"], ["templates", "edit"], ["templates", "list"],
    ["templates", "show"], ["today"],
    ["app", "edit"], ["app", "delete"], ["app", "merge"], ["interview", "edit"],
    ["interview", "delete"], ["contact", "edit"], ["contact", "delete"], ["contact", "merge"],
    ["exchange"], ["exchange", "list"], ["exchange", "edit"], ["exchange", "delete"],
    ["history"], ["undo"], ["words"], ["words", "add"], ["words", "list"], ["words", "remove"],
    ["mail"], ["mail", "setup"], ["mail", "test"], ["mail", "sync"], ["mail", "import"],
    ["send"], ["outbox"], ["outbox", "flush"], ["outbox", "resolve"], ["inbox"],
    ["inbox", "accept"], ["inbox", "dismiss"], ["digest"],
]  # fmt: skip
#: Argument lists that end in a usage error (or the bare group's usage).
ERRORS = [
    [], ["nosuch"], ["app"], ["app", "nosuch"], ["tod"], ["plan"], ["plan", "x"],
    ["snooze", "1", "--until"], ["app", "status", "1", "hired"], ["--json", "nosuch"],
]  # fmt: skip
CASES = [[*path, "--help"] for path in PATHS] + ERRORS


def name_of(args: list[str]) -> str:
    """Return the golden file name of an argument list."""
    return "_".join(a.strip("-") for a in args).replace(" ", "-") or "bare"


def test_every_command_path_is_listed() -> None:
    """The table above covers the whole command tree (a new command needs its line)."""
    from click import Context, Group

    def walk(group: Group, prefix: list[str]) -> list[list[str]]:
        found = [prefix]
        ctx = Context(group)
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if isinstance(command, Group):
                found += walk(command, [*prefix, name])
            else:
                found.append([*prefix, name])
        return found

    assert sorted(walk(cli_group, [])) == sorted(PATHS)


@pytest.mark.parametrize("args", CASES, ids=name_of)
def test_help_is_byte_identical(args: list[str]) -> None:
    result = CliRunner().invoke(
        cli_group, args, prog_name="followthrough", env={"NO_COLOR": "1", "COLUMNS": "80"}
    )
    got = f"exit {result.exit_code}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
    golden = HERE / f"{name_of(args)}.txt"
    if UPDATE:
        HERE.mkdir(exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")
