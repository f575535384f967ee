"""Found in review: bad offsets, guarded cells, unwritable files, restored values, history."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.cli.conftest import Ft


def _init(ft: Ft) -> None:
    assert ft("init", "--tz", "Europe/Brussels", "--country", "BE").code == 0


def test_an_impossible_utc_offset_is_a_row_problem(ft: Ft, tmp_path: Path) -> None:
    _init(ft)
    path = tmp_path / "off.csv"
    path.write_text("Company,Role,Interview\nACME,Dev,2026-11-23 10:00 +25:00\n", encoding="utf-8")
    run = ft("import", str(path))
    assert run.code == 1, run.err
    assert "row 2, Interview" in run.err
    assert "UTC offset" in run.err


def test_export_then_import_gives_back_guarded_text(ft: Ft, tmp_path: Path) -> None:
    _init(ft)
    assert ft("app", "add", "--company", "@Home Labs", "--role", "-Ops-").code == 0
    out = tmp_path / "rt.csv"
    assert ft("export", "--format", "csv", "-o", str(out)).code == 0
    assert "'@Home Labs" in out.read_text(encoding="utf-8-sig")
    other = type(ft)(tmp_path / "other.db", ft.now)
    assert other("init").code == 0
    assert other.json("import", str(out))["imported"] == 1
    app = other.json("app", "list")[0]
    assert (app["company"], app["role"]) == ("@Home Labs", "-Ops-")


def test_unwritable_places_are_refused_before_anything_is_written(ft: Ft, tmp_path: Path,
                                                                  db_dump) -> None:
    _init(ft)
    sheet = tmp_path / "s.csv"
    sheet.write_text("Company,Role,Date applied\nACME,Dev,2026-11-02\nBad,Dev,31/02/2026\n",
                     encoding="utf-8")
    before = db_dump(ft.db)
    run = ft("import", str(sheet), "--skip-bad", "--rejects", str(tmp_path / "no" / "r.csv"))
    assert run.code == 1
    assert run.err.startswith("error: rejects:")
    assert db_dump(ft.db) == before
    run = ft("export", "--format", "csv", "-o", str(tmp_path / "no" / "x.csv"))
    assert run.code == 1
    assert run.err.startswith("error: output:"), run.err
    assert ft("export", "--format", "csv", "-o", str(tmp_path)).code == 2  # a folder: usage
    run = ft("backup", "-o", str(tmp_path / "no" / "b.db"))
    assert run.code == 1
    assert run.err.startswith("error: output:")


def _backup(ft: Ft, tmp_path: Path) -> dict:
    assert ft("--db", str(ft.db), "demo", "--no-serve", "--json").code == 0
    out = tmp_path / "b.json"
    assert ft("export", "--format", "json", "-o", str(out)).code == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_a_backup_with_impossible_values_is_refused_whole(ft: Ft, tmp_path: Path) -> None:
    good = _backup(ft, tmp_path)
    cases = {
        "status": lambda d: d["tables"]["applications"][0].update(status="bogus"),
        "url": lambda d: d["tables"]["applications"][0].update(url="javascript:alert(1)"),
        "tz": lambda d: [r.update(value="Mars/Phobos") for r in d["tables"]["settings"]
                         if r["key"] == "tz"],
        "id": lambda d: d["tables"]["contacts"][0].update(id=2**70),
        "kind": lambda d: d["tables"]["interactions"][0].update(kind="smoke-signal"),
    }
    for name, spoil in cases.items():
        data = json.loads(json.dumps(good))
        spoil(data)
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        empty = type(ft)(tmp_path / f"{name}.db", ft.now)
        run = empty("import", str(path))
        assert run.code == 1, (name, run.err)
        assert run.err.startswith("error: file:"), (name, run.err)
        assert empty.json("app", "list") == [], name  # nothing half-restored
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000, encoding="utf-8")
    run = ft("import", str(deep))
    assert run.code == 1
    assert run.err.startswith("error: file:")


def test_imported_history_is_not_counted_as_missed(ft: Ft, tmp_path: Path) -> None:
    _init(ft)
    sheet = tmp_path / "old.csv"
    sheet.write_text("Company,Role,Status,Interview date\n"
                     "ACME,Dev,Interviewing,2026-01-12 10:00\n"
                     "Globex,Dev,Interviewing,2026-02-09 10:00\n", encoding="utf-8")
    assert ft.json("import", str(sheet))["imported"] == 2
    total = ft.json("insights")["follow_ups"]["total"]
    assert total["missed"] == 0
    assert total["late"] == 0


def test_a_csv_cell_starting_with_equals_is_text(ft: Ft, tmp_path: Path) -> None:
    _init(ft)
    path = tmp_path / "eq.csv"
    path.write_text("Company,Role,Notes\n=Acme Labs,=Dev,=ask about the visa\n", encoding="utf-8")
    assert ft.json("import", str(path))["imported"] == 1
    app = ft.json("app", "list")[0]
    assert (app["company"], app["role"]) == ("=Acme Labs", "=Dev")
    assert app["notes"] == "=ask about the visa"
    out = tmp_path / "out.csv"  # the export keeps neutralising it
    assert ft("export", "--format", "csv", "-o", str(out)).code == 0
    assert "'=Acme Labs" in out.read_text(encoding="utf-8-sig")
