"""`export`, `backup` and restoring a JSON backup with `import`, through the real entry point."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from icalendar import Calendar
from openpyxl import load_workbook

if TYPE_CHECKING:
    from tests.cli.conftest import Ft


def _demo(ft: Ft) -> None:
    run = ft("--db", str(ft.db), "demo", "--no-serve", "--json")
    assert run.code == 0, run.err


def test_csv_export_lists_every_application_with_its_next_action(ft: Ft) -> None:
    _demo(ft)
    run = ft("export", "--format", "csv")
    assert run.code == 0, run.err
    rows = list(csv.DictReader(io.StringIO(run.out)))
    assert {r["Company"] for r in rows} == {
        "ACME Analytics", "Globex", "Initech", "Umbrella Health", "Stark Industries"}
    assert all(r["Next action due"] == "" or r["Next action due"][10] == "T" for r in rows)
    acme = next(r for r in rows if r["Company"] == "ACME Analytics")
    assert acme["Recruiter"] == "Jane Roe"
    assert acme["Date applied"]


def test_xlsx_export_is_a_real_workbook_and_needs_a_file(ft: Ft, tmp_path: Path) -> None:
    _demo(ft)
    assert "-o FILE.xlsx" in ft("export", "--format", "xlsx").err
    target = tmp_path / "apps.xlsx"
    run = ft("export", "--format", "xlsx", "-o", str(target))
    assert run.code == 0, run.err
    book = load_workbook(target, read_only=True)
    try:  # a read-only workbook holds its file open until closed
        values = list(book["Applications"].values)
    finally:
        book.close()
    assert values[0][1] == "Company"
    assert len(values) == 6
    assert not list(tmp_path.glob(".*partial"))  # written through a temporary file


def test_formula_text_never_becomes_a_formula(ft: Ft, tmp_path: Path) -> None:
    assert ft("app", "add", "--company", "=HYPERLINK(\"http://evil\")", "--role", "+1").code == 0
    out = ft("export", "--format", "csv").out
    row = list(csv.reader(io.StringIO(out)))[1]
    assert row[1] == "'=HYPERLINK(\"http://evil\")"
    assert row[2] == "'+1"
    target = tmp_path / "x.xlsx"
    assert ft("export", "--format", "xlsx", "-o", str(target)).code == 0
    cell = load_workbook(target)["Applications"]["B2"]
    assert cell.data_type == "s"
    assert cell.value == "'=HYPERLINK(\"http://evil\")"


def test_json_backup_restores_exactly_into_an_empty_database(ft: Ft, tmp_path: Path) -> None:
    _demo(ft)
    first = tmp_path / "backup.json"
    assert ft("export", "--format", "json", "-o", str(first)).code == 0
    empty = type(ft)(tmp_path / "empty.db", ft.now)
    run = empty("import", str(first), "--json")
    assert run.code == 0, run.err
    assert run.json()["restored"]["applications"] == 5
    again = empty("export", "--format", "json")
    assert json.loads(again.out) == json.loads(first.read_text(encoding="utf-8"))
    assert empty.json("today") == ft.json("today")
    # restoring twice is refused: it would mix two copies of the same search
    twice = empty("import", str(first))
    assert twice.code == 1
    assert "empty database" in twice.err


def test_a_broken_backup_is_refused_with_one_line(ft: Ft, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    run = ft("import", str(bad))
    assert run.code == 1
    assert run.err.startswith("error: file:")
    assert len(run.err.strip().splitlines()) == 1


def test_ics_export_has_the_open_actions(ft: Ft, tmp_path: Path) -> None:
    _demo(ft)
    target = tmp_path / "plan.ics"
    assert ft("export", "--format", "ics", "-o", str(target)).code == 0
    cal = Calendar.from_ical(target.read_bytes())
    assert len(cal.walk("VEVENT")) >= 5
    todos = Calendar.from_ical(ft("export", "--format", "ics", "--todo").out.encode())
    assert len(todos.walk("VTODO")) == len(cal.walk("VEVENT"))


def test_backup_is_a_consistent_copy(ft: Ft, tmp_path: Path) -> None:
    _demo(ft)
    run = ft("backup", "--json")
    assert run.code == 0, run.err
    copy = Path(run.json()["backup"])
    assert copy.parent == ft.db.parent / "backups"
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM applications").fetchone() == (5,)
    # never over an existing file
    again = ft("backup", "-o", str(copy))
    assert again.code == 1
    assert "output" in again.err


def test_a_restored_backup_has_the_derived_debrief_items(ft: Ft, tmp_path: Path) -> None:
    """debrief_items (kept by triggers) is left out of a backup and rebuilt as it is restored."""
    from followthrough.store import insights

    _demo(ft)
    backup = tmp_path / "backup.json"
    assert ft("export", "--format", "json", "-o", str(backup)).code == 0
    assert "debrief_items" not in backup.read_text(encoding="utf-8")
    empty = type(ft)(tmp_path / "empty.db", ft.now)
    assert empty("import", str(backup), "--json").code == 0
    before, after = (sqlite3.connect(p) for p in (ft.db, tmp_path / "empty.db"))
    try:
        items = sorted(insights.weak_items(after, 1))
        assert items
        assert items == sorted(insights.weak_items(before, 1))
        assert items == sorted(insights._parsed_items(after, 1))
    finally:
        before.close()
        after.close()
    assert empty.json("insights") == ft.json("insights")
