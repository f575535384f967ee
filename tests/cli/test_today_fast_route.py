"""`today --json` before click: main() answers the plain argument lists with the stdlib reader.

QUALITY.md "CLI cold start": `followthrough today --json` must not pay for click (about 20 ms of
imports) nor for the dictionaries and json.dumps of a long agenda. main() recognises the argument
lists that mean exactly that (cli/main.py today_json_args) and prints store/fast.py's text; every
other list, a terminal, a database the reader cannot answer for, and every error go through click
as before. These tests hold the two routes to the same bytes on stdout and stderr and the same
exit code, and check that the argument lists are read the way click reads them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner  # noqa: TID251  (tests drive the CLI)
from tests.cli.conftest import DEMO_NOW, run_main

from followthrough.cli import context
from followthrough.cli import main as entry
from followthrough.cli.group import cli as cli_group
from followthrough.store import fast

FOLLOWTHROUGH = Path(sys.executable).parent / "followthrough"
HEAVY = ("click", "sqlalchemy", "alembic", "rich", "jinja2", "fastapi", "pydantic", "openpyxl",
         "llm", "platformdirs")  # fmt: skip
NOW = DEMO_NOW


@pytest.fixture(autouse=True)
def _unfreeze(unfrozen: None) -> None:
    """Every test here may run main() in this process (conftest.py `unfrozen`)."""


def copy_of(db: Path, target: Path) -> Path:
    """Copy a SQLite database (WAL content included) to `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    source, copy = sqlite3.connect(db), sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return target


def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, env: dict[str, str]) -> None:
    for name in [n for n in os.environ if n.startswith("FOLLOWTHROUGH_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # where no --db points
    monkeypatch.setenv("NO_COLOR", "1")
    for name, value in env.items():
        monkeypatch.setenv(name, value)


# ---------------------------------------------------------------- the argument lists

D = "data/ft.db"
RECOGNISED: list[tuple[list[str], dict[str, str]]] = [
    (["today", "--json"], {"FOLLOWTHROUGH_DB": D, "FOLLOWTHROUGH_NOW": NOW}),
    (["--json", "today"], {"FOLLOWTHROUGH_DB": D, "FOLLOWTHROUGH_NOW": NOW}),
    (["--db", D, "--now", NOW, "today", "--json"], {}),
    (["--db=" + D, "--now=" + NOW, "today", "--json", "--json"], {}),
    (["--json", "--db", D, "--json", "--now", NOW, "today"], {}),
    (["--now", NOW, "--tz", "America/New_York", "--db", D, "--json", "today"], {}),
    (["--country", "BE", "--now", NOW, "--db", D, "today", "--json"], {}),
    (["--db", "today", "--now", NOW, "today", "--json"], {}),
    (["--db", D, "today", "--json"], {"FOLLOWTHROUGH_DB": "other.db", "FOLLOWTHROUGH_NOW": NOW}),
    (["--now", NOW, "today", "--json"], {"FOLLOWTHROUGH_DB": D}),
    (["--now", NOW, "today", "--json"], {"FOLLOWTHROUGH_DB": ""}),  # empty: not set
    (["--db", "~/ft.db", "--now", NOW, "today", "--json"], {}),
    (["--db", "./data//ft.db", "--now", NOW, "today", "--json"], {}),
    (["--db", "a=b.db", "--now", "2026-11-25 09:00", "today", "--json"], {}),
]
REFUSED: list[list[str]] = [
    [], ["today"], ["--json"], ["today", "--help"], ["--help"], ["-h"], ["--version"],
    ["--db", D, "--db", D, "today", "--json"], ["--db", "-x.db", "today", "--json"],
    ["--db=", "today", "--json"], ["--db"], ["today", "--json", "extra"],
    ["today", "--json=1"], ["--", "today", "--json"], ["--dbx", D, "today", "--json"],
    ["plan", "1", "--json"], ["--now", NOW, "--json", "tod"], ["--json", "today", "--tz", "UTC"],
    ["--json", "Today"], ["--JSON", "today"], ["today", "-h", "--json"],
]  # fmt: skip


@pytest.mark.parametrize(("args", "env"), RECOGNISED)
def test_recognised_lists_resolve_as_click_resolves_them(
    args: list[str], env: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clean_env(monkeypatch, tmp_path, env)
    found = entry.today_json_args(args)
    assert found is not None
    mine = entry.Ctx(found[0], found[1], True, found[2], found[3])

    seen: list[tuple[str, dt.datetime, dict[str, str]]] = []

    def record(path: Any, now: dt.datetime, overrides: dict[str, str]) -> dict[str, Any]:
        seen.append((os.fspath(path), now, dict(overrides)))
        return {}

    monkeypatch.setattr(fast, "today_json", record)
    result = CliRunner().invoke(cli_group, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert seen == [(mine.db_file(), mine.now, mine.overrides)]


@pytest.mark.parametrize("args", REFUSED)
def test_other_lists_are_left_to_click(args: list[str]) -> None:
    assert entry.today_json_args(args) is None


@pytest.mark.parametrize(
    "path",
    ["ft.db", "/tmp/ft.db", "//host/ft.db", "///ft.db", "./ft.db", "a/./b.db", "a//b.db", "a/b/",
     "~", "~/ft.db", "a/~b.db", "a/../b.db", ".", "..", "/", "a b/ü.db", "a\0b"],
)  # fmt: skip
def test_db_file_is_the_db_paths_text(path: str) -> None:
    ctx = entry.Ctx(path, None, True, None, None)
    assert ctx.db_file() == str(ctx.db_path)
    if context._tidy(path):
        assert ctx.db_file() is path  # taken as it is: pathlib not needed


# ---------------------------------------------------------------- what main() prints


LATER = "2026-12-03T10:00+01:00"  # a week on: the search has gone quiet, a nudge is due
SHAPES: list[tuple[list[str], dict[str, str], bool]] = [
    # (arguments, environment, answered by the fast route)
    (["--db", "ft.db", "--now", NOW, "today", "--json"], {}, True),
    (["--json", "today"], {"FOLLOWTHROUGH_DB": "ft.db", "FOLLOWTHROUGH_NOW": NOW}, True),
    (["--db", "ft.db", "--now", "2026-11-24T18:30+01:00", "--json", "today", "--json"], {}, True),
    (["--db=ft.db", "--now=2026-11-25 23:59", "today", "--json"], {}, True),
    (["--db", "ft.db", "--now", NOW, "--tz", "America/New_York", "today", "--json"], {}, True),
    (["--db", "ft.db", "--now", LATER, "today", "--json"], {}, False),
    (["--db", "ft.db", "--now", NOW, "--country", "BE", "today", "--json"], {}, False),
    (["--db", "ft.db", "--now", NOW, "--country", "XX", "today", "--json"], {}, False),
    (["--db", "ft.db", "--now", NOW, "--tz", "Mars/Olympus", "today", "--json"], {}, False),
    (["--db", "ft.db", "--now", "garbage", "today", "--json"], {}, False),
    (["today", "--json"], {"FOLLOWTHROUGH_DB": "ft.db", "FOLLOWTHROUGH_NOW": "next tuesday"},
     False),
    (["--db", "new/ft.db", "--now", NOW, "today", "--json"], {}, False),
    (["--db", "ft.db", "--now", NOW, "today", "--json", "--bogus"], {}, False),
    (["--db", "ft.db", "--now", NOW, "today"], {}, False),
    (["--db", "ft.db", "--now", NOW, "today", "--help"], {}, False),
    (["--now", NOW, "today", "--json"], {}, False),  # no default database yet: says so
]  # fmt: skip


@pytest.mark.parametrize(("args", "env", "answered"), SHAPES)
def test_main_prints_what_the_click_path_prints(
    args: list[str],
    env: dict[str, str],
    answered: bool,
    demo_db: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    texts: list[str | None] = []
    today_text = fast.today_text

    def spy(*call: Any) -> str | None:
        texts.append(today_text(*call))
        return texts[-1]

    runs = []
    for click_only in (True, False):  # each on its own copy of the same data
        folder = tmp_path / ("click" if click_only else "fast")
        copy_of(demo_db, folder / "ft.db")
        monkeypatch.chdir(folder)
        clean_env(monkeypatch, folder, env)
        monkeypatch.setattr(fast, "today_text", spy)
        code, out, err = run_main(args, click_only)
        here = str(folder).encode()  # where the default database would be differs per run
        runs.append((code, out.replace(here, b"HERE"), err.replace(here, b"HERE")))
    assert runs[1] == runs[0]
    assert bool(texts and texts[-1] is not None) is answered
    if answered:
        json.loads(runs[1][1])


# ---------------------------------------------------------------- the reader itself


def test_fast_text_is_the_fast_payload_across_the_week(demo_db: Path, tmp_path: Path) -> None:
    """Every 5 hours for 10 days, in the user's zone and another: where the reader refuses (a
    nudge to store), the click path stores it, and the reader answers again."""
    db = copy_of(demo_db, tmp_path / "ft.db")
    start = dt.datetime.fromisoformat(NOW) - dt.timedelta(days=2)
    answered = 0
    for hours in range(0, 24 * 10, 5):
        now = start + dt.timedelta(hours=hours)
        for overrides in ({}, {"tz": "Asia/Kathmandu"}):
            if fast.today_text(db, now, overrides) is None:
                args = ["--db", str(db), "--now", now.isoformat(), "today", "--json"]
                if overrides:
                    args[:0] = ["--tz", overrides["tz"]]
                assert CliRunner().invoke(cli_group, args).exit_code == 0
            text = fast.today_text(db, now, overrides)
            payload = fast.today_json(db, now, overrides)
            assert payload is not None, now
            assert text == json.dumps(payload, ensure_ascii=False, default=str), now
            answered += 1
    assert answered == 2 * 48


ONE_QUERY = """
SELECT a.id FROM actions a LEFT JOIN applications ap ON ap.id = a.application_id
WHERE a.owner_id = ? AND a.status IN ('pending', 'snoozed') AND a.due_at < ?
ORDER BY a.due_at, a.id
"""


def test_agenda_rows_come_in_the_one_query_order(demo_db: Path, tmp_path: Path) -> None:
    """Pending and snoozed runs merged by (due, id): ties across the two included."""
    db = copy_of(demo_db, tmp_path / "ft.db")
    conn = sqlite3.connect(db)
    try:
        ids = [r[0] for r in conn.execute("SELECT id FROM actions ORDER BY id DESC")]
        due = conn.execute("SELECT MIN(due_at) FROM actions").fetchone()[0]
        for n, action in enumerate(ids[:8]):  # ties: pending and snoozed at the same moment
            conn.execute(
                "UPDATE actions SET status = ?, due_at = ? WHERE id = ?",
                ("snoozed" if n % 2 else "pending", due, action),
            )
        conn.commit()
        until = "2099-01-01 00:00:00.000000"
        expected = [r[0] for r in conn.execute(ONE_QUERY, (1, until))]
        got = [r[0] for r in conn.execute(fast._AGENDA, (1, until))]
    finally:
        conn.close()
    assert got == expected
    assert len(expected) > 8


@pytest.mark.parametrize(
    ("column", "value"),
    [("why", b"5"), ("title", b"\xff\x00"), ("sources", b"a b"), ("talking_points", '["\\u00e9"]'),
     ("talking_points", '["a","b"]'), ("application_id", "n/a"), ("edited", 2.5),
     ("interview_id", 1.5), ("deadline_at", "2026-11-30T10:00:00+01:00")],
)  # fmt: skip
def test_odd_cells_read_the_general_way(
    column: str, value: object, demo_db: Path, tmp_path: Path
) -> None:
    db = copy_of(demo_db, tmp_path / "ft.db")
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute(f"UPDATE actions SET {column} = ?", (value,))  # noqa: S608
        conn.commit()
    finally:
        conn.close()
    now = dt.datetime.fromisoformat(NOW)
    payload = fast.today_json(db, now, {})
    assert payload is not None
    assert fast.today_text(db, now, {}) == json.dumps(payload, ensure_ascii=False, default=str)


# ---------------------------------------------------------------- the real entry point


def test_entry_point_answers_without_click(demo_db: Path, tmp_path: Path) -> None:
    """The installed script, as a script calls it: nothing heavy imported, click included."""
    db = copy_of(demo_db, tmp_path / "ft.db")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWTHROUGH_")}
    env.update({"FOLLOWTHROUGH_NOW": NOW, "NO_COLOR": "1"})
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", str(FOLLOWTHROUGH), "--db", str(db), "today",
         "--json"],
        env=env, capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in proc.stderr.decode().splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "followthrough.store.fast" in modules  # the profile was captured, and the reader ran
    assert {m for m in modules if m.split(".")[0] in HEAVY} == set()
    via_click = CliRunner().invoke(
        cli_group, ["--db", str(db), "today", "--json"], env={"FOLLOWTHROUGH_NOW": NOW}
    )
    assert proc.stdout == via_click.stdout_bytes


# ---------------------------------------------------------------- `today` for a person

HUMAN_RECOGNISED: list[tuple[list[str], bool]] = [
    (["today"], False),
    (["today", "--all"], True),
    (["--db", D, "--now", NOW, "today"], False),
    (["--tz", "America/New_York", "today", "--all"], True),
]
HUMAN_REFUSED: list[list[str]] = [
    ["today", "--json"], ["--json", "today"], ["today", "--all", "--all"], ["today", "--al"],
    ["today", "--all", "--json"], ["today", "--help"], ["today", "-h"], ["plan", "1"],
    ["--db", D, "--db", D, "today"], ["today", "x"],
]  # fmt: skip


@pytest.mark.parametrize(("args", "show_all"), HUMAN_RECOGNISED)
def test_today_for_a_person_is_recognised(args: list[str], show_all: bool) -> None:
    found = entry.today_human_args(args)
    assert found is not None
    assert found[1] is show_all
    assert entry.today_json_args(args) is None


@pytest.mark.parametrize("args", HUMAN_REFUSED)
def test_other_lists_are_not_today_for_a_person(args: list[str]) -> None:
    assert entry.today_human_args(args) is None


HUMAN_SHAPES: list[tuple[list[str], bool]] = [
    # (arguments after --db ft.db, answered by the fast route)
    (["--now", NOW, "today"], True),
    (["--now", NOW, "today", "--all"], True),
    (["--now", "2026-11-23T07:00+01:00", "today"], True),  # the checklists of the week ahead
    (["--now", NOW, "--tz", "Asia/Kathmandu", "today", "--all"], True),
    (["--now", LATER, "today"], False),  # a nudge to store: the full path writes it
    (["--now", NOW, "--country", "BE", "today"], False),
    (["--now", "garbage", "today"], False),
]


@pytest.mark.parametrize(("args", "answered"), HUMAN_SHAPES)
def test_today_for_a_person_prints_what_the_click_path_prints(
    args: list[str], answered: bool, demo_db: Path, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    parts: list[object] = []
    today_parts = fast.today_parts

    def spy(*call: Any) -> Any:
        parts.append(today_parts(*call))
        return parts[-1]

    runs = []
    for click_only in (True, False):
        folder = tmp_path / ("click" if click_only else "fast")
        copy_of(demo_db, folder / "ft.db")
        monkeypatch.chdir(folder)
        clean_env(monkeypatch, folder, {})
        monkeypatch.setattr(fast, "today_parts", spy)
        runs.append(run_main(["--db", "ft.db", *args], click_only))
    assert runs[1] == runs[0]
    assert bool(parts and parts[-1] is not None) is answered
    if answered:
        assert b"Mark progress" in runs[1][1]


def test_today_for_a_person_at_the_demo_s_interview_week_shows_its_checklists(
    demo_db: Path, tmp_path: Path
) -> None:
    db = copy_of(demo_db, tmp_path / "ft.db")
    found = fast.today_parts(db, dt.datetime.fromisoformat("2026-11-23T07:00+01:00"), {})
    assert found is not None
    grouped, prep, _shape = found
    assert 1 <= len(prep) <= 3
    assert all(p["checklist"] for p in prep)
    assert [p["start"] for p in prep] == sorted(p["start"] for p in prep)
