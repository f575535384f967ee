"""The command group loads each command's module on demand, and the CLI's modules import one way:
main -> group -> commands -> context (and render), never back (issue 10)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import click
import pytest

from followthrough.cli import group

CLI = Path(group.__file__).parent


@pytest.mark.parametrize("name", sorted(group.COMMANDS))
def test_each_lazy_entry_is_the_command_of_that_name(name: str) -> None:
    command = group.cli.get_command(click.Context(group.cli), name)
    assert isinstance(command, click.Command)
    assert command.name == name


def imported_by(path: Path) -> set[str]:
    """Return every module `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize(
    "path",
    sorted([*CLI.glob("commands/*.py"), *CLI.glob("render/*.py"), CLI / "context.py"]),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_no_module_imports_the_entry_point_or_the_group(path: Path) -> None:
    bad = {"followthrough.cli.main", "followthrough.cli.group"}
    imports = imported_by(path)
    assert imports & bad == set()
    if path.parent.name == "render":  # renderers print: they call no command
        assert not any(m.startswith("followthrough.cli.commands") for m in imports)


def run_python(code: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return proc.stdout.strip()


def test_entry_point_and_context_import_no_click() -> None:
    """The `today --json` fast path runs on these two modules alone."""
    loaded = run_python(
        "import sys, followthrough.cli.main; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'rich')))"
    )
    assert loaded == "[]"


def test_one_command_imports_only_its_own_module() -> None:
    loaded = run_python(
        "import sys, click; from followthrough.cli.group import cli; "
        "cli.get_command(click.Context(cli), 'plan'); "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('followthrough.cli.'))))"
    )
    assert loaded.split() == [
        "followthrough.cli.commands",
        "followthrough.cli.commands.agenda",
        "followthrough.cli.context",
        "followthrough.cli.group",
        "followthrough.cli.reads",  # the bodies of the read commands (no click)
    ]


def test_the_fast_path_and_click_read_one_table_of_options() -> None:
    """The `today --json` parser and click's group take their valued options (names, order,
    environment variables) from VALUED_OPTIONS: nothing to keep equal by hand."""
    from followthrough.cli.context import VALUED_OPTIONS
    from followthrough.cli.group import cli

    valued = [p for p in cli.params if not getattr(p, "is_flag", False)]
    assert [p.opts[0] for p in valued] == list(VALUED_OPTIONS)
    assert [p.envvar for p in valued] == [v[0] for v in VALUED_OPTIONS.values()]


@pytest.mark.parametrize("name", sorted(group.COMMANDS))
def test_each_command_has_a_summary_that_fits_and_matches_its_help(name: str) -> None:
    summary = group.SUMMARIES[name]
    widest = max(len(n) for n in group.COMMANDS)
    assert len(summary) <= 80 - 2 - widest - 2
    assert summary.endswith(".")
    command = group.cli.get_command(click.Context(group.cli), name)
    assert command is not None
    assert command.help
    first = " ".join(command.help.split()).lower()
    assert first.startswith(" ".join(summary.split()[:3]).lower().rstrip(".")), (summary, first)


def test_the_help_lists_every_command_without_importing_one() -> None:
    probe = (
        "import sys\n"
        "from followthrough.cli.main import main\n"
        "sys.argv = ['followthrough', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('followthrough.cli.commands.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"
    for name in group.COMMANDS:
        assert f"  {name} " in done.stdout
