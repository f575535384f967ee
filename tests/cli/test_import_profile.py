"""Issue 11: the import profile of every read command shows no module it does not use.

Each command below runs as a person types it (human output, NO_COLOR=1, a pipe), through the
installed script under `python -X importtime`, on a demo database; its profile must not show
the modules listed for it. The lists say what each command must do without: Rich (the tables
are plain text, cli/render/table.py; Rich is left to the import progress bar) for now; the
read path's other bars (no ORM, no other countries' holidays) add their modules here.

The control: a command's own renderer shows up in its profile, so an empty profile cannot pass.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FOLLOWTHROUGH = Path(sys.executable).parent / "followthrough"
DEMO_NOW = "2026-11-25T09:00+01:00"

#: No Rich where a plain table will do.
PLAIN = ("rich",)

#: Each read command: its arguments, the module that must show it ran, and the top-level
#: modules it must not import.
READ_COMMANDS: dict[str, tuple[list[str], str | None, tuple[str, ...]]] = {
    "today": (["today"], "followthrough.cli.render.agenda", PLAIN),
    "today --all": (["today", "--all"], "followthrough.cli.render.agenda", PLAIN),
    "plan": (["plan", "1"], "followthrough.cli.render.agenda", PLAIN),
    "brief": (["brief", "1"], "followthrough.cli.render.agenda", PLAIN),
    "app list": (["app", "list"], "followthrough.cli.render.records", PLAIN),
    "app list --all": (["app", "list", "--all"], "followthrough.cli.render.records", PLAIN),
    "app show": (["app", "show", "1"], "followthrough.cli.render.records", PLAIN),
    "contact list": (["contact", "list"], "followthrough.cli.render.records", PLAIN),
    "contact show": (["contact", "show", "1"], "followthrough.cli.render.records", PLAIN),
    "interview show": (["interview", "show", "1"], "followthrough.cli.render.records", PLAIN),
    "insights": (["insights"], "followthrough.cli.render.insights", PLAIN),
    "settings": (["settings"], "followthrough.cli.render.records", PLAIN),
    "draft": (["draft", "5"], "followthrough.cli.render.drafts", PLAIN),
    "--help": (["--help"], None, PLAIN),
    "app list --help": (["app", "list", "--help"], None, PLAIN),
}


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWTHROUGH_")}
    env.update({"FOLLOWTHROUGH_NOW": DEMO_NOW, "NO_COLOR": "1"})
    return env


def imported(db: Path, args: list[str]) -> set[str]:
    """Return every module `followthrough --db DB ARGS` imports (the installed script under
    -X importtime; its output goes to a pipe)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", str(FOLLOWTHROUGH), "--db", str(db), *args],
        env=_env(), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "followthrough.cli.main" in modules, "the import profile was not captured"
    return modules


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("import-profile") / "demo.db"
    proc = subprocess.run(
        [str(FOLLOWTHROUGH), "--db", str(db), "demo", "--json"], env=_env(),
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return db


@pytest.mark.parametrize("name", sorted(READ_COMMANDS))
def test_a_read_command_imports_only_what_it_uses(demo_db: Path, name: str) -> None:
    args, renderer, forbidden = READ_COMMANDS[name]
    modules = imported(demo_db, args)
    if renderer is not None:
        assert renderer in modules  # the command printed for a person
        assert "followthrough.cli.render.table" in modules
    assert sorted(m for m in modules if m.split(".")[0] in forbidden) == []


def test_the_renderers_import_only_the_standard_library() -> None:
    """cli/render/table.py imports nothing a run has not already imported (os, sys), and the
    renderers nothing outside the standard library: printing a table costs no import."""
    code = (
        "import sys; before = set(sys.modules); "
        "import followthrough.cli.render.table as t; "
        "table = set(sys.modules) - before; "
        "import followthrough.cli.render.agenda, followthrough.cli.render.records, "
        "followthrough.cli.render.insights, followthrough.cli.render.drafts, "
        "followthrough.cli.render.imports; "
        "print(sorted(table), sorted(set(sys.modules) - before), sep='\\n')"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=60)  # fmt: skip
    table, renderers = (line.strip("[]").replace("'", "").split(", ")
                        for line in proc.stdout.splitlines())  # fmt: skip
    ours = ("followthrough", "__future__")
    assert [m for m in table if not m.startswith(ours)] == []
    outside = [m for m in renderers if m.split(".")[0] not in sys.stdlib_module_names]
    assert [m for m in outside if not m.startswith(ours)] == []
