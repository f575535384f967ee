"""`followthrough import`: a spreadsheet in, all rows or none, through the real entry point."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook

if TYPE_CHECKING:
    from tests.cli.conftest import Ft

HEADER = "Company,Position,Stage,Date applied,Interview date,Recruiter,E-mail,Salary,Notes\n"
GOOD = (
    'ACME,Data Engineer,Interviewing,2026-11-02,2026-11-16 10:00,Jane Roe,jane@agency.example,'
    '60k,"Nice team, ""great"" coffee"\n'
    "Globex,Analyst,Applied,2026-11-20,,Jane Roe,JANE@agency.example,,\n"
    "Hooli,SRE,Wishlist,,,,,,\n"
    'Initech,Dev,Ghosted,"Nov 3, 2026",,,,,\n'
)


def _file(tmp_path: Path, text: str, name: str = "sheet.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _init(ft: Ft) -> None:
    assert ft("init", "--tz", "Europe/Brussels", "--country", "BE").code == 0


def test_import_creates_applications_contacts_and_a_plan(ft: Ft, tmp_path: Path) -> None:
    _init(ft)
    report = ft.json("import", str(_file(tmp_path, HEADER + GOOD)))
    assert report["written"] is True
    assert report["imported"] == 3
    assert [s["number"] for s in report["skipped"]] == [4]  # the wishlist row
    assert report["created"]["applications"] == 3
    assert report["created"]["contacts"] == 1  # Jane Roe once: e-mails match whatever the case
    assert report["columns"]["company"] == "Company"
    apps = {a["company"]: a for a in ft.json("app", "list")}
    assert apps["ACME"]["status"] == "interviewing"
    assert apps["ACME"]["channel"] == "recruiter"
    assert apps["ACME"]["applied_on"] == "2026-11-02"
    assert "Salary: 60k" in apps["ACME"]["notes"]
    assert apps["Initech"]["status"] == "closed"
    assert apps["Initech"]["applied_on"] == "2026-11-03"
    plan = ft.json("plan", str(apps["ACME"]["id"]))
    past = [a for a in plan if a["status"] == "skipped"]
    assert past  # the thank-you of an interview four days ago: too late, not overdue noise
    assert all(a["reason"] == "already past when imported" for a in past)
    assert any(a["kind"] == "check-in" and a["status"] == "pending" for a in plan)


def test_one_bad_row_stops_everything_with_a_report(ft: Ft, tmp_path: Path, db_dump) -> None:
    _init(ft)
    before = db_dump(ft.db)
    bad = HEADER + GOOD + "Umbrella,ML,Applied,31/02/2026,,,,,\nStark,,Applied,,,,,,\n"
    run = ft("import", str(_file(tmp_path, bad)), "--json")
    assert run.code == 1
    report = json.loads(run.out)
    assert report["written"] is False
    assert report["bad_rows"] == [6, 7]
    first = report["problems"][0]
    assert (first["number"], first["column"], first["value"]) == (6, "Date applied", "31/02/2026")
    assert run.err.startswith("error: row 6, Date applied:")
    assert "--skip-bad" in run.err
    assert len(run.err.strip().splitlines()) == 1
    assert db_dump(ft.db) == before  # nothing half-imported
    human = ft("import", str(tmp_path / "sheet.csv"))
    assert "2 bad rows" in human.out
    assert "31/02/2026" in human.out


def test_skip_bad_imports_the_rest_and_writes_the_rejects(ft: Ft, tmp_path: Path) -> None:
    _init(ft)
    text = HEADER + GOOD + "Umbrella,ML,Applied,31/02/2026,,,,,\n"
    report = ft.json("import", str(_file(tmp_path, text)), "--skip-bad")
    assert report["written"] is True
    assert report["imported"] == 3
    rejects = Path(report["rejects"])
    assert rejects == tmp_path / "sheet.rejects.csv"
    with rejects.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "row"
    assert rows[0][-1] == "problem"
    assert rows[1][:2] == ["6", "Umbrella"]
    assert "Date applied" in rows[1][-1]


def test_dry_run_writes_nothing_but_counts_everything(ft: Ft, tmp_path: Path, db_dump) -> None:
    _init(ft)
    before = db_dump(ft.db)
    report = ft.json("import", str(_file(tmp_path, HEADER + GOOD)), "--dry-run")
    assert report["dry_run"] is True
    assert report["written"] is False
    assert report["created"]["applications"] == 3
    assert db_dump(ft.db) == before


def test_ambiguous_dates_ask_for_a_flag_without_a_country(ft: Ft, tmp_path: Path) -> None:
    assert ft("init", "--tz", "Europe/Brussels").code == 0  # no country: nothing to go by
    path = _file(tmp_path, "Company,Role,Applied on\nACME,Dev,03/04/2026\n")
    run = ft("import", str(path))
    assert run.code == 1
    assert "--dayfirst" in run.err
    assert ft.json("import", str(path), "--dayfirst")["written"] is True
    assert ft.json("app", "list")[0]["applied_on"] == "2026-04-03"


def test_the_file_s_own_dates_decide_how_the_others_read(ft: Ft, tmp_path: Path) -> None:
    """A date past the 12th in either place says; else the country does (issue 12, item 10)."""
    assert ft("init", "--tz", "America/New_York", "--country", "US").code == 0
    path = _file(tmp_path, "Company,Role,Applied on,Status\nACME,Dev,03/04/2026,Ghosted\n"
                 "Globex,Dev,24/03/2026,Interviewing\n")
    report = ft.json("import", str(path), "--dry-run")
    assert report["dates"] == "day first, as 24/03/2026 in the file"
    assert report["statuses"] == {"Ghosted": "closed", "Interviewing": "interviewing"}
    human = ft("import", str(path))
    assert "Dates read day first, as 24/03/2026 in the file" in human.out
    assert "Statuses: Ghosted → closed" in human.out
    assert {a["company"]: a["applied_on"] for a in ft.json("app", "list", "--all")} == {
        "ACME": "2026-04-03", "Globex": "2026-03-24"}
    only = _file(tmp_path, "Company,Role,Applied on\nInitech,Dev,03/04/2026\n", "only.csv")
    report = ft.json("import", str(only), "--dry-run")
    assert report["dates"] == "month first, as in your country (US)"
    mixed = _file(tmp_path, "Company,Role,Applied on\nA,Dev,24/03/2026\nB,Dev,03/24/2026\n",
                  "mixed.csv")  # fmt: skip
    run = ft("import", str(mixed))
    assert run.code == 1  # read day first from row 2: row 3 is no date, and says so
    assert "row 3" in run.err


def test_map_names_an_unusual_column(ft: Ft, tmp_path: Path) -> None:
    _init(ft)
    path = _file(tmp_path, "Firma,Stelle,Kommentar\nACME,Dev,hello\n")
    assert ft("import", str(path)).code == 1  # no company column found
    report = ft.json("import", str(path), "--map", "Firma=company", "--map", "Stelle=role",
                     "--map", "Kommentar=notes")
    assert report["imported"] == 1
    assert ft.json("app", "list")[0]["notes"] == "hello"
    bad = ft("import", str(path), "--map", "Firma")
    assert bad.code == 1
    assert "COLUMN=FIELD" in bad.err


def test_xlsx_and_cp1252_files(ft: Ft, tmp_path: Path) -> None:
    _init(ft)
    book = Workbook()
    sheet = book.active
    sheet.append(["Employer", "Job title", "Status", "Applied"])
    sheet.append(["Société Générale", "Analyste", "Rejected", "2026-10-01"])
    book.save(tmp_path / "jobs.xlsx")
    assert ft.json("import", str(tmp_path / "jobs.xlsx"))["imported"] == 1
    (tmp_path / "win.csv").write_bytes("Company,Role\nCafé Müller,Barista\n".encode("cp1252"))
    assert ft.json("import", str(tmp_path / "win.csv"))["imported"] == 1
    names = {a["company"] for a in ft.json("app", "list")}
    assert names == {"Société Générale", "Café Müller"}


def test_bad_files_get_one_line_and_write_nothing(ft: Ft, tmp_path: Path, db_dump) -> None:
    _init(ft)
    before = db_dump(ft.db)
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "binary.csv").write_bytes(b"\x00\x01\x02PK\x00\x00")
    (tmp_path / "fake.xlsx").write_bytes(b"not a zip at all")
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    for name in ("empty.csv", "binary.csv", "fake.xlsx", "notes.txt", "missing.csv"):
        run = ft("import", str(tmp_path / name))
        assert run.code == 1, name
        assert run.err.startswith("error: file:"), (name, run.err)
        assert len(run.err.strip().splitlines()) == 1, (name, run.err)
    assert db_dump(ft.db) == before


def test_export_then_import_gives_the_same_applications(ft: Ft, tmp_path: Path) -> None:
    assert ft("--db", str(ft.db), "demo", "--no-serve", "--json").code == 0
    out = tmp_path / "apps.csv"
    assert ft("export", "--format", "csv", "-o", str(out)).code == 0
    other = type(ft)(tmp_path / "other.db", ft.now)
    assert other("init", "--tz", "Europe/Brussels").code == 0
    report = other.json("import", str(out))
    assert report["imported"] == 5, json.dumps(report)[:500]
    mine = {(a["company"], a["role"], a["status"]) for a in ft.json("app", "list")}
    theirs = {(a["company"], a["role"], a["status"]) for a in other.json("app", "list")}
    assert theirs == mine


def test_phone_numbers_and_leading_zeros_are_kept_as_written(ft: Ft, tmp_path: Path) -> None:
    _init(ft)
    path = _file(tmp_path, "Company,Role,Phone,Recruiter,Notes\n"
                           "ACME,Dev,+32 470 12 34 56,Jane Roe,007 agent\n"
                           "Globex,Dev,0470123456,Bob Smith,\n")
    assert ft.json("import", str(path))["imported"] == 2
    phones = {c["name"]: c["phone"] for c in ft.json("contact", "list")}
    assert phones == {"Jane Roe": "+32 470 12 34 56", "Bob Smith": "0470123456"}
    assert any(a["notes"] == "007 agent" for a in ft.json("app", "list"))
