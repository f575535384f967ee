"""Fixtures for the CLI tests.

Two ways to run `followthrough`:

* `ft` runs the REAL console entry point (the `followthrough` script installed in the venv) in a
  subprocess, so `main()`'s error handling, exit codes and stderr are the ones a user sees. It is
  slow (a few tenths of a second per call): use it for the contract (exit codes, one-line errors,
  the entry point itself), not for the bulk.
* `cli` runs `followthrough.cli.group.cli` in-process with click's CliRunner: fast, but it does not
  go through `main()` (errors surface as Python exceptions, not as exit code 1 and one line).

Test modules get these helpers through fixtures (`ft`, `cli`, `seeded_ft`, `seeded_cli`, `steps`,
`db_dump`) and import the classes only for type annotations, so they also run where `tests` is not
importable as a package (a bare `pytest tests/cli`).

Both set FOLLOWTHROUGH_DB to a file under the test's tmp_path, FOLLOWTHROUGH_NOW to a fixed moment
and NO_COLOR=1.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from click.testing import CliRunner  # noqa: TID251  (tests drive the CLI)

from followthrough.cli.group import cli as cli_group

#: The console script of the venv that runs the tests.
FOLLOWTHROUGH = Path(sys.executable).parent / "followthrough"

#: Friday 20 November 2026, 09:00 in Brussels: the default "now" of the CLI tests.
NOW = "2026-11-20T09:00+01:00"

#: The documented flow of PRODUCT.md §4.1, as argument lists.
INIT = ["init", "--tz", "Europe/Brussels", "--country", "BE"]
ADD_ACME = [
    "app", "add", "--company", "ACME", "--role", "Data Engineer",
    "--recruiter", "Jane Roe <jane@agency.example>", "--agency", "Agency",
]
ADD_INTERVIEW = [
    "interview", "add", "1", "--at", "2026-11-23 10:00", "--end", "11:00", "--format", "video",
    "--with", "Ann Lee <ann@acme.example>", "--with", "Raj Patel <raj@acme.example>",
    "--direct-contact", "raj@acme.example", "--decision-by", "2026-11-30",
    "--promise", "notice period",
]


class Steps(NamedTuple):
    """The documented first steps, as argument lists (the `steps` fixture)."""

    init: list[str]
    add_acme: list[str]
    add_interview: list[str]


class Run(NamedTuple):
    """What one run of the command printed and returned."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        """Return stdout parsed as JSON (after checking the run succeeded)."""
        assert self.code == 0, f"exit {self.code}: {self.err or self.out}"
        return json.loads(self.out)

    @property
    def err_lines(self) -> list[str]:
        """Return the non-empty lines written to stderr."""
        return [line for line in self.err.splitlines() if line.strip()]


def base_env(db: Path, now: str | None) -> dict[str, str]:
    """Return the environment variables the CLI tests set."""
    env = {"FOLLOWTHROUGH_DB": str(db), "NO_COLOR": "1"}
    if now is not None:
        env["FOLLOWTHROUGH_NOW"] = now
    return env


class Ft:
    """Runs the installed `followthrough` script as a subprocess on one database."""

    def __init__(self, db: Path, now: str = NOW) -> None:
        self.db = db
        self.now = now

    def __call__(
        self, *args: str, now: str | None = None, env: Mapping[str, str] | None = None,
        stdin: str = "",
    ) -> Run:
        full_env = {
            k: v for k, v in os.environ.items()
            if not k.startswith("FOLLOWTHROUGH_") and k not in ("NO_COLOR", "FORCE_COLOR")
        }
        full_env.update(base_env(self.db, now or self.now))
        full_env.update(env or {})
        proc = subprocess.run(
            [str(FOLLOWTHROUGH), *args], env=full_env, input=stdin, capture_output=True,
            text=True, timeout=60, check=False,
        )
        return Run(proc.returncode, proc.stdout, proc.stderr)

    def json(self, *args: str, now: str | None = None) -> Any:
        """Run with --json and return the parsed output (the run must succeed)."""
        return self(*args, "--json", now=now).json()


class Cli:
    """Runs `followthrough.cli.group.cli` in-process (CliRunner) on one database."""

    def __init__(self, db: Path, now: str = NOW) -> None:
        self.db = db
        self.now = now
        self.runner = CliRunner()

    def __call__(self, *args: str, now: str | None = None, env: Mapping[str, str] | None = None,
                 ok: bool = True) -> Run:
        full_env: dict[str, str | None] = {"FOLLOWTHROUGH_DEBUG": None, "FORCE_COLOR": None}
        full_env.update(base_env(self.db, now or self.now))
        full_env.update(env or {})
        result = self.runner.invoke(cli_group, list(args), env=full_env, catch_exceptions=not ok)
        run = Run(result.exit_code, result.stdout, result.stderr)
        if ok:
            assert run.code == 0, f"{args}: exit {run.code}: {run.err or run.out}"
        return run

    def json(self, *args: str, now: str | None = None) -> Any:
        """Run with --json and return the parsed output (the run must succeed)."""
        return json.loads(self(*args, "--json", now=now).out)


@pytest.fixture
def ft(tmp_path: Path) -> Ft:
    """Run the real `followthrough` entry point on a fresh database under tmp_path."""
    assert FOLLOWTHROUGH.exists(), f"the console script is not installed: {FOLLOWTHROUGH}"
    return Ft(tmp_path / "ft.db")


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """Run the click group in-process on a fresh database under tmp_path."""
    return Cli(tmp_path / "ft.db")


@pytest.fixture(scope="session")
def steps() -> Steps:
    """The documented flow of PRODUCT.md §4.1: init, app add, interview add."""
    return Steps(list(INIT), list(ADD_ACME), list(ADD_INTERVIEW))


@pytest.fixture(scope="session")
def db_dump() -> Callable[[Path], str]:
    """Return the function that dumps every table of a database (see `dump`)."""
    return dump


def dump(db: Path) -> str:
    """Return every table's schema and rows (read-only), to compare before and after."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def copy_db(src: Path, dst: Path) -> None:
    """Copy a SQLite database (WAL content included) to a single file."""
    source = sqlite3.connect(src)
    target = sqlite3.connect(dst)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A database with the documented flow done once (built in-process, copied per test).

    Application 1: ACME, recruiter-led, interview 1 on Mon 23 Nov 2026 10:00-11:00 (Ann Lee, Raj
    Patel; Raj has direct contact). Application 2: Initech, direct, interviewed and then rejected
    (so it has cancelled actions).
    """
    folder = tmp_path_factory.mktemp("template")
    runner = Cli(folder / "seed.db")
    runner(*INIT)
    runner(*ADD_ACME)
    runner(*ADD_INTERVIEW)
    runner("app", "add", "--company", "Initech", "--role", "Backend Developer")
    runner("interview", "add", "2", "--at", "2026-11-19 14:00", "--with",
           "Bill Lumbergh <bill@initech.example>")
    runner("app", "status", "2", "rejected")
    single = folder / "template.db"
    copy_db(runner.db, single)
    yield single
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def seeded_ft(ft: Ft, seeded_template: Path) -> Ft:
    """`ft` on a copy of the seeded database."""
    copy_db(seeded_template, ft.db)
    return ft


@pytest.fixture
def seeded_cli(cli: Cli, seeded_template: Path) -> Cli:
    """`cli` on a copy of the seeded database."""
    copy_db(seeded_template, cli.db)
    return cli


# ---------------------------------------------------------------- the routes before click

#: The moment the demo database of `demo_db` is made at (the demo's "now").
DEMO_NOW = "2026-11-25T09:00+01:00"


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """The routes before click freeze the objects left for the process's exit: undo it after
    a test that runs main() in this process."""
    yield
    gc.unfreeze()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database (five applications at different stages), made at DEMO_NOW."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    env = {"FOLLOWTHROUGH_NOW": DEMO_NOW, "FOLLOWTHROUGH_DB": None, "NO_COLOR": "1"}
    result = CliRunner().invoke(cli_group, ["--db", str(db), "demo", "--json"], env=env)
    assert result.exit_code == 0, result.output
    return db


def run_main(
    args: list[str], click_only: bool, patches: Mapping[str, Any] | None = None
) -> tuple[object, bytes, bytes]:
    """Run cli.main.main() in this process on `args` (through click alone with `click_only`,
    cli.main's names in `patches` replaced); return (exit code, stdout bytes, stderr bytes)."""
    import io

    from followthrough.cli import main as entry

    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8")
    stderr = io.TextIOWrapper(err, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "argv", ["followthrough", *args])
        patch.setattr(sys, "stdout", stdout)
        patch.setattr(sys, "stderr", stderr)
        for name, value in (patches or {}).items():
            patch.setattr(entry, name, value)
        if click_only:
            patch.setattr(entry, "_before_click", lambda _args: False)
        code: object = 0
        try:
            entry.main()
        except SystemExit as exc:
            code = exc.code
        stdout.flush()
        stderr.flush()
    return code, out.getvalue(), err.getvalue()
