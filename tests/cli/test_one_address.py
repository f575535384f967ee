"""One address per recipient, through every door: CLI options, the importer, the API, and the
.eml the draft editor hands to a mail program (issue 9, item 5)."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.cli.conftest import Ft

TWO = "spy@evil.example, Carl <carl@agency.example>"


@pytest.mark.parametrize(
    "args",
    [
        ["app", "add", "--company", "ACME", "--role", "Dev", "--recruiter", TWO],
        ["contact", "add", TWO],
        ["app", "add", "--company", "ACME\u2028Bcc: spy@evil.example", "--role", "Dev"],
        ["app", "add", "--company", "ACME", "--role", "Dev\x85"],
    ],
    ids=["recruiter", "contact", "company-u2028", "role-x85"],
)
def test_cli_refuses_two_people_in_one_field(ft: Ft, args: list[str], db_dump) -> None:
    assert ft("init", "--tz", "Europe/Brussels").code == 0
    before = db_dump(ft.db)
    run = ft(*args)
    assert run.code == 1, run.err
    assert len(run.err_lines) == 1
    assert "more than one e-mail address" in run.err or "line break" in run.err
    assert db_dump(ft.db) == before


def test_import_makes_a_recruiter_cell_with_two_addresses_a_row_problem(
    ft: Ft, tmp_path: Path, db_dump
) -> None:
    assert ft("init", "--tz", "Europe/Brussels").code == 0
    sheet = tmp_path / "jobs.csv"
    with sheet.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Company", "Role", "Recruiter"])
        writer.writerow(["ACME", "Data Engineer", "Jane Roe <jane@agency.example>"])
        writer.writerow(["Globex", "Analyst", TWO])
    before = db_dump(ft.db)
    run = ft("import", str(sheet))
    assert run.code == 1
    assert db_dump(ft.db) == before  # all or nothing
    report = ft.json("import", str(sheet), "--skip-bad")
    assert report["imported"] == 1
    with Path(report["rejects"]).open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[1][1] == "Globex"
    assert "more than one e-mail address" in rows[1][-1]
    conn = sqlite3.connect(ft.db)
    try:
        emails = {e for (e,) in conn.execute("SELECT email FROM contacts")}
    finally:
        conn.close()
    assert emails == {"jane@agency.example"}
