"""Spreadsheet import, the parsing half: `followthrough.io.sheets`.

Every fixture is made here: CSV text and bytes written to tmp_path, XLSX workbooks written with
openpyxl, and hand-made XLSX archives (a formula with a cached value, a "billion laughs"
sharedStrings.xml, broken parts) zipped from XML strings. What is checked:

- header detection and column mapping (aliases, misspellings, decoys, --map), JobSync and Huntr;
- every date and interview format, ambiguity, --dayfirst/--monthfirst, DST gaps and overlaps;
- statuses, wishlist rows, contacts, notes, interest, formulas;
- every bad input named in issue 5, each a ValidationError naming the field with a useful message;
- Hypothesis: random bytes and random CSV text through read_table + parse_row raise nothing but
  FollowthroughError; random cells through parse_row always give one of its three results;
- memory stays flat (tracemalloc peak at 10k vs 100k rows) and openpyxl is imported lazily.
"""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followthrough.domain.errors import FollowthroughError, ValidationError
from followthrough.io import sheets
from followthrough.io.sheets import (
    FIELDS,
    ColumnMap,
    ImportRow,
    RowProblem,
    SkippedRow,
    is_wishlist,
    map_columns,
    map_status,
    parse_row,
    read_table,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def rows_of(path: Path, **kwargs: object) -> tuple[list[str], list[tuple[int, list[str]]]]:
    with read_table(path, **kwargs) as table:  # type: ignore[arg-type]
        return table.header, list(table.rows)


def one(cells: dict[str, str], **kwargs: object) -> ImportRow | SkippedRow | list[RowProblem]:
    """Parse one row given as {header: value}."""
    header = list(cells)
    columns = map_columns(header)
    return parse_row(7, list(cells.values()), columns, LONDON, **kwargs)  # type: ignore[arg-type]


def ok(cells: dict[str, str], **kwargs: object) -> ImportRow:
    row = one({"Company": "Acme", "Role": "Data Engineer", **cells}, **kwargs)
    assert isinstance(row, ImportRow), row
    return row


def problems(cells: dict[str, str], **kwargs: object) -> list[RowProblem]:
    row = one({"Company": "Acme", "Role": "Data Engineer", **cells}, **kwargs)
    assert isinstance(row, list), row
    return row


def only_problem(cells: dict[str, str], **kwargs: object) -> RowProblem:
    found = problems(cells, **kwargs)
    assert len(found) == 1, found
    return found[0]


def fail(call: Callable[[], object], field: str = "file") -> str:
    """Run `call`, expect a ValidationError naming `field`; return its message."""
    with pytest.raises(ValidationError) as info:
        call()
    assert info.value.field == field, str(info.value)
    text = str(info.value)
    assert "\n" not in text, text
    assert text.startswith(f"{field}: "), text
    return text


# --------------------------------------------------------------------------- XLSX by hand

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def handmade_xlsx(path: Path, sheet_xml: str, shared_xml: str | None = None) -> Path:
    """Zip a minimal workbook: one sheet (and a sharedStrings part) from the XML given."""
    shared_ct = (
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT}.sharedStrings+xml"/>'
        if shared_xml is not None
        else ""
    )
    shared_rel = (
        f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        if shared_xml is not None
        else ""
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{CT}.worksheet+xml"/>'
            f"{shared_ct}</Types>"
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL}">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f"{shared_rel}</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    if shared_xml is not None:
        parts["xl/sharedStrings.xml"] = shared_xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet(*rows: str) -> str:
    body = "".join(f'<row r="{i}">{cells}</row>' for i, cells in enumerate(rows, start=1))
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>{body}</sheetData></worksheet>'  # noqa: E501


HEADER_XML = inline("A1", "Company") + inline("B1", "Role")
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


# --------------------------------------------------------------------------- columns


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["Company", "Role"], {"company": 0, "role": 1}),
        (["Employer", "Position", "Stage"], {"company": 0, "role": 1, "status": 2}),
        (["Organisation", "Job Title", "Date Applied"], {"company": 0, "role": 1, "applied": 2}),
        (["organization", "title", "Applied on"], {"company": 0, "role": 1, "applied": 2}),
        (
            ["COMPANY NAME", "job-title", "Interview Date"],
            {"company": 0, "role": 1, "interview": 2},
        ),
        (["Company", "Role", "E-mail", "Phone Number"], {"email": 2, "phone": 3}),
        (["Company", "Role", "URL"], {"url": 2}),
        (["Company", "Role", "Link"], {"url": 2}),
        (["Company", "Role", "Job Link"], {"url": 2}),
        (["Company", "Role", "Contact"], {"contact": 2}),
        (["Company", "Role", "Recruiter", "Agency"], {"recruiter": 2, "agency": 3}),
        (
            ["Company", "Role", "Notes", "Salary", "Location"],
            {"notes": 2, "salary": 3, "location": 4},
        ),
        (["Company", "Role", "Interest"], {"interest": 2}),
        (["Company", "Role", "Excitement"], {"interest": 2}),
        (["  Company ", "Role:", "Status?"], {"company": 0, "role": 1, "status": 2}),
        (["Comapny", "Postion", "Intreview date"], {"company": 0, "role": 1, "interview": 2}),
        (["Company", "Role", "Reqruiter"], {"recruiter": 2}),
        # issue 12, item 10: names joined in one cell, and the usual words for notes
        (["Company", "Role", "Notes / thoughts"], {"notes": 2}),
        (["Company", "Role", "My thoughts"], {"notes": 2}),
        (["Company", "Role", "Salary & benefits"], {"salary": 2}),
        (["Company", "Role", "Location, remote?"], {"location": 2}),
    ],
)
def test_header_aliases_and_spellings(header: list[str], expected: dict[str, int]) -> None:
    columns = map_columns(header)
    assert expected.items() <= columns.fields.items()
    assert columns.source == "generic"


@pytest.mark.parametrize(
    "decoy", ["Contract", "Interviewer", "Company size", "Company URL", "State", "Job type", "Id",
              "Contract / job type", "Email or phone"],  # joined: none or two of ours
)
def test_look_alike_columns_are_not_mapped(decoy: str) -> None:
    columns = map_columns(["Company", "Role", decoy])
    assert columns.fields == {"company": 0, "role": 1}
    assert columns.unmapped == [decoy]


def test_unknown_and_empty_header_cells() -> None:
    columns = map_columns(["Company", "", "Role", "Favourite colour"])
    assert columns.fields == {"company": 0, "role": 2}
    assert columns.unmapped == ["Favourite colour"]
    assert columns.labels == {"company": "Company", "role": "Role"}


def test_exact_names_beat_weak_ones_and_misspellings() -> None:
    columns = map_columns(["Date", "Company", "Role", "Date applied", "Comapny"])
    assert columns.fields["applied"] == 3
    assert columns.fields["company"] == 1
    assert columns.unmapped == ["Date", "Comapny"]
    # a weak name alone is taken
    assert map_columns(["Company", "Role", "Date"]).fields["applied"] == 2


def test_overrides_map_and_ignore_columns() -> None:
    columns = map_columns(
        ["Firma", "Stelle", "Notes", "Date"],
        {"firma": "company", "STELLE": "role", "Notes": "-", "Date": "interview"},
    )
    assert columns.fields == {"company": 0, "role": 1, "interview": 3}
    assert columns.unmapped == ["Notes"]


def test_override_errors_name_the_option() -> None:
    assert "is not a field; use one of company, role" in fail(
        lambda: map_columns(["Company", "Role"], {"Company": "employer"}), "map"
    )
    message = fail(lambda: map_columns(["Company", "Role"], {"Firma": "company"}), "map")
    assert "no column 'Firma' in the header; it has 'Company', 'Role'" in message
    assert "names no column" in fail(lambda: map_columns(["Company"], {" ": "role"}), "map")


def test_missing_company_or_role_is_one_clear_error() -> None:
    message = fail(lambda: map_columns(["Company", "Status", "Whatever"]))
    assert "no column holds the role; name it with --map 'Role column=role'" in message
    assert "'Whatever'" in message
    assert "company" in fail(lambda: map_columns(["Role", "Status"]))


JOBSYNC_CSV = (
    "index,createdAt,applied,appliedDate,Company,JobTitle,jobType,Location,JobSource,Status\r\n"
    "1,2026-11-02,Yes,2026-11-03,Acme,Data Engineer,Full Time,London,LinkedIn,Applied\r\n"
    "2,2026-11-04,No,N/A,Beta,Analyst,Contract,N/A,Indeed,Draft\r\n"
    "3,2026-10-01,Yes,2026-10-02,Gamma,SRE,Part Time,Remote,N/A,Offer Declined\r\n"
    "4,2026-10-05,Yes,2026-10-06,Delta,Dev,Unknown,N/A,N/A,Interview\r\n"
    "5,2026-10-05,Yes,2026-10-07,Eps,Dev,Unknown,Paris,N/A,Expired\r\n"
)


def test_jobsync_export(tmp_path: Path) -> None:
    header, rows = rows_of(write(tmp_path, "jobs.csv", JOBSYNC_CSV))
    columns = map_columns(header)
    assert columns.source == "jobsync"
    assert columns.fields == {
        "applied": 3, "company": 4, "role": 5, "location": 7, "status": 9,
    }  # fmt: skip
    assert columns.unmapped == ["index", "createdAt", "applied", "jobType", "JobSource"]
    parsed = [parse_row(n, cells, columns, LONDON) for n, cells in rows]
    first, draft, declined, interview, expired = parsed
    assert isinstance(first, ImportRow)
    assert (first.company, first.role, first.status) == ("Acme", "Data Engineer", "applied")
    assert first.applied == dt.date(2026, 11, 3)
    assert first.notes == "Location: London"
    assert isinstance(draft, SkippedRow)
    assert draft.value == "Draft"
    assert isinstance(declined, ImportRow)
    assert declined.status == "withdrawn"
    assert isinstance(interview, ImportRow)
    assert interview.status == "interviewing"
    assert interview.notes == ""  # "N/A" is empty
    assert isinstance(expired, ImportRow)
    assert expired.status == "closed"


HUNTR_CSV = (
    "createdAt,title,salary,location,url,rootDomain,htmlDescription,deadline,lastMovedAt,"
    "boardID,listID,listName,companyId,companyName,companyDomain,creatorUserId,"
    "creatorFirstName,creatorLastName,creatorUserEmail\n"
    "2026-11-01T10:00:00.000Z,Data Engineer,90000,London,https://acme.example/j/1,acme.example,"
    '"<p>About the job</p>",,2026-11-02,1,2,Applied,c1,Acme,acme.example,u1,Sam,Lee,'
    "sam@me.example\n"
    "2026-11-01T10:00:00.000Z,PM,,,https://beta.example/j,beta.example,,,,1,1,Wishlist,c2,"
    "Beta,beta.example,u1,Sam,Lee,sam@me.example\n"
)


def test_huntr_full_data_download(tmp_path: Path) -> None:
    header, rows = rows_of(write(tmp_path, "USER_JOBS_USER_FULL_DATA_DOWNLOAD.csv", HUNTR_CSV))
    columns = map_columns(header)
    assert columns.source == "huntr"
    assert columns.fields == {
        "role": 1, "salary": 2, "location": 3, "url": 4, "status": 11, "company": 13,
    }  # fmt: skip
    assert "creatorUserEmail" in columns.unmapped
    assert "createdAt" in columns.unmapped
    applied, wishlist = (parse_row(n, cells, columns, LONDON) for n, cells in rows)
    assert isinstance(applied, ImportRow)
    assert (applied.company, applied.role, applied.status) == ("Acme", "Data Engineer", "applied")
    assert applied.applied is None  # createdAt is when the job was saved, not applied
    assert applied.contact_email is None  # the creator is the user, not a contact
    assert applied.notes == "Salary: 90000\nLocation: London"
    assert isinstance(wishlist, SkippedRow)


# --------------------------------------------------------------------------- header rows


def test_header_below_title_rows(tmp_path: Path) -> None:
    text = (
        "My job search 2026,,\n,,\nUpdated weekly,,\nEmployer,Position,Status\nAcme,Dev,Applied\n"
    )
    with read_table(write(tmp_path, "t.csv", text)) as table:
        assert table.header == ["Employer", "Position", "Status"]
        assert table.header_row == 4
        assert list(table.rows) == [(5, ["Acme", "Dev", "Applied"])]


def test_header_needs_company_or_role(tmp_path: Path) -> None:
    text = "Status,Date applied\nApplied,2026-11-24\n"
    message = fail(lambda: read_table(write(tmp_path, "t.csv", text)))
    assert "no header row in the first 2 rows" in message
    assert "--map" in message
    # an override makes it a header
    with read_table(write(tmp_path, "t.csv", "Firma,Status\nAcme,Applied\n"),
                    overrides={"Firma": "company"}) as table:  # fmt: skip
        assert table.header_row == 1


def test_header_beyond_ten_rows_is_not_searched(tmp_path: Path) -> None:
    text = "".join(f"title {i}\n" for i in range(10)) + "Company,Role\nAcme,Dev\n"
    assert "first 10 rows" in fail(lambda: read_table(write(tmp_path, "t.csv", text)))


def test_blank_rows_are_skipped_and_numbers_are_record_numbers(tmp_path: Path) -> None:
    text = 'Company,Role,Notes\n\nAcme,Dev,"two\nlines"\n,,\nBeta,PM,x\n'
    _, rows = rows_of(write(tmp_path, "t.csv", text))
    assert rows == [(3, ["Acme", "Dev", "two\nlines"]), (5, ["Beta", "PM", "x"])]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-24", dt.date(2026, 11, 24)),
        ("2026-1-5", dt.date(2026, 1, 5)),
        ("2026/11/24", dt.date(2026, 11, 24)),
        ("2026-11-24 00:00:00", dt.date(2026, 11, 24)),
        ("2026-11-24T09:30:00Z", dt.date(2026, 11, 24)),
        ("24/11/2026", dt.date(2026, 11, 24)),
        ("11/24/2026", dt.date(2026, 11, 24)),
        ("11/24/26", dt.date(2026, 11, 24)),
        ("24-11-2026", dt.date(2026, 11, 24)),
        ("24.11.2026", dt.date(2026, 11, 24)),
        ("03.04.2026", dt.date(2026, 4, 3)),
        ("05/05/2026", dt.date(2026, 5, 5)),
        ("Nov 24, 2026", dt.date(2026, 11, 24)),
        ("November 24 2026", dt.date(2026, 11, 24)),
        ("Tue, Nov 24, 2026", dt.date(2026, 11, 24)),
        ("Sept. 3rd, 2026", dt.date(2026, 9, 3)),
        ("24 Nov 2026", dt.date(2026, 11, 24)),
        ("24-Nov-2026", dt.date(2026, 11, 24)),
        ("24-nov-26", dt.date(2026, 11, 24)),
        ("1st December 2026", dt.date(2026, 12, 1)),
        ("46350", dt.date(2026, 11, 24)),
        ("46350.0", dt.date(2026, 11, 24)),
        ("25569", dt.date(1970, 1, 1)),
        ("N/A", None),
        ("-", None),
        ("", None),
    ],
)
def test_applied_date_formats(text: str, expected: dt.date | None) -> None:
    assert ok({"Date applied": text}).applied == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("03/04/2026", "ambiguous: 3 April or March 4; pass --dayfirst or --monthfirst"),
        ("31/02/2026", "not a real date; check the day and month"),
        ("2026-02-30", "not a real date; check the day and month"),
        ("24/13/2026", "not a real date; check the day and month"),
        ("1800-01-01", "year 1800 is out of range; use 1900-2999"),
        ("3026-01-01", "year 3026 is out of range; use 1900-2999"),
        ("12345", "as a spreadsheet date number it is outside 1970-2999"),
        ("2026", "not a date; write it as YYYY-MM-DD"),
        ("next Tuesday", "not a date; write it as YYYY-MM-DD"),
        ("Smarch 3, 2026", "not a date; write it as YYYY-MM-DD"),
    ],
)
def test_bad_applied_dates(text: str, message: str) -> None:
    found = only_problem({"Date applied": text})
    assert (found.number, found.column, found.value) == (7, "Date applied", text)
    assert message in found.problem


def test_dayfirst_and_monthfirst() -> None:
    assert ok({"Date applied": "03/04/2026"}, dayfirst=True).applied == dt.date(2026, 4, 3)
    assert ok({"Date applied": "03/04/2026"}, dayfirst=False).applied == dt.date(2026, 3, 4)
    # the flag is for the whole file: a date impossible in that order is reported, not swapped
    found = only_problem({"Date applied": "11/24/2026"}, dayfirst=True)
    assert found.problem == "not a real date read day first (--dayfirst); check the day and month"
    found = only_problem({"Date applied": "24/11/2026"}, dayfirst=False)
    assert "read month first (--monthfirst)" in found.problem
    # ISO and month names do not depend on it
    assert ok({"Date applied": "2026-03-04"}, dayfirst=True).applied == dt.date(2026, 3, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-24 10:00", dt.datetime(2026, 11, 24, 10, 0)),
        ("2026-11-24T10:00:00", dt.datetime(2026, 11, 24, 10, 0)),
        ("24/11/2026 10:00", dt.datetime(2026, 11, 24, 10, 0)),
        ("11/24/2026 2:30 PM", dt.datetime(2026, 11, 24, 14, 30)),
        ("11/24/2026 12:15 am", dt.datetime(2026, 11, 24, 0, 15)),
        ("Nov 24, 2026 10:00 AM", dt.datetime(2026, 11, 24, 10, 0)),
        ("Nov 24, 2026 at 3pm", dt.datetime(2026, 11, 24, 15, 0)),
        ("24 Nov 2026 14.30", dt.datetime(2026, 11, 24, 14, 30)),
        ("46350.4375", dt.datetime(2026, 11, 24, 10, 30)),
    ],
)
def test_interview_formats_are_local(text: str, expected: dt.datetime) -> None:
    got = ok({"Interview": text}).interview
    assert got == expected.replace(tzinfo=LONDON)
    assert got is not None
    assert got.tzinfo is LONDON


def test_interview_with_an_offset_keeps_its_instant() -> None:
    got = ok({"Interview": "2026-11-24T10:00:00+01:00"}).interview
    assert got == dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)
    assert got is not None
    assert got.tzinfo is LONDON
    got = ok({"Interview": "24/11/2026 10:00 Z"}).interview
    assert got == dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-11-24", "has no time; write it as 'YYYY-MM-DD HH:MM'"),
        ("Nov 24, 2026", "has no time"),
        ("46350", "has no time"),
        ("2026-11-24 25:00", "not a time of day"),
        ("11/24/2026 13:00 pm", "not a time of day"),
        ("31/02/2026 10:00", "not a real date; check the day and month"),
        ("03/04/2026 10:00", "ambiguous"),
        ("soon", "not a date; write it as 'YYYY-MM-DD HH:MM'"),
        (
            "2026-03-29 01:30",
            "2026-03-29 01:30 does not exist in Europe/London (the clocks spring forward); "
            "give a time outside the skipped hour",
        ),
        (
            "2026-10-25 01:30",
            "2026-10-25 01:30 happens twice in Europe/London (the clocks go back); add the "
            "offset: '2026-10-25 01:30+01:00' for the first or '2026-10-25 01:30+00:00' for the "
            "second",
        ),
    ],
)
def test_bad_interview_times(text: str, message: str) -> None:
    found = only_problem({"Interview date": text})
    assert found.column == "Interview date"
    assert found.value == text
    assert message in found.problem


def test_the_offset_the_ambiguity_message_suggests_is_accepted() -> None:
    got = ok({"Interview": "2026-10-25 01:30+00:00"}).interview
    assert got is not None
    # the second 01:30 in London: fold=1, which only compares equal once converted
    assert got.fold == 1
    assert got.astimezone(dt.UTC) == dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC)


def test_zone_is_the_users() -> None:
    columns = map_columns(["Company", "Role", "Interview"])
    row = parse_row(2, ["Acme", "Dev", "2026-11-24 10:00"], columns, NEW_YORK)
    assert isinstance(row, ImportRow)
    assert row.interview == dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.UTC)


# --------------------------------------------------------------------------- statuses


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Applied", "applied"), ("submitted", "applied"), ("Application sent", "applied"),
        ("In review", "applied"), ("Interview", "interviewing"), ("interviewing", "interviewing"),
        ("Phone screen", "interviewing"), ("Onsite", "interviewing"), ("On-site", "interviewing"),
        ("2nd interview", "interviewing"), ("Final round", "interviewing"),
        ("Take-home", "interviewing"), ("Offer", "offer"), ("Offered", "offer"),
        ("Offer received!", "offer"), ("Accepted", "accepted"), ("Hired", "accepted"),
        ("Offer Accepted", "accepted"), ("Rejected", "rejected"),
        ("Declined by company", "rejected"), ("No", "rejected"), ("Unsuccessful", "rejected"),
        ("Rejected after onsite", "rejected"), ("Withdrawn", "withdrawn"),
        ("Declined", "withdrawn"), ("Offer Declined", "withdrawn"),
        ("Not interested", "withdrawn"), ("Closed", "closed"), ("Ghosted", "closed"),
        ("Archived", "closed"), ("Expired", "closed"), ("No response", "closed"),
        ("Applied - no response", "closed"), ("  APPLIED  ", "applied"),
    ],
)  # fmt: skip
def test_map_status(text: str, expected: str) -> None:
    assert map_status(text) == expected


@pytest.mark.parametrize("text", ["Wishlist", "Bookmarked", "Saved", "Draft", "To apply", ""])
def test_wishlist_words_are_not_statuses(text: str) -> None:
    assert map_status(text) is None
    assert is_wishlist(text) is bool(text)


def test_unknown_status_is_applied_with_a_warning() -> None:
    assert map_status("Purple") is None
    row = ok({"Status": "Purple", "Notes": "met at a fair"})
    assert row.status == "applied"
    assert row.status_raw == "Purple"
    assert row.warnings == ("status 'Purple' is not one we know; imported as 'applied'",)
    assert row.notes == "met at a fair\nStatus in the sheet: Purple"
    empty = ok({"Status": ""})
    assert (empty.status, empty.status_raw, empty.warnings) == ("applied", "", ())


def test_wishlist_row_is_skipped_even_with_bad_cells() -> None:
    row = one({"Company": "", "Role": "PM", "Stage": "Wishlist", "Date applied": "soon"})
    assert row == SkippedRow(
        7, "Stage", "Wishlist", "not applied yet (a wishlist entry); not imported"
    )


# --------------------------------------------------------------------------- other fields


def test_recruiter_with_agency_and_contact_details() -> None:
    row = ok({
        "Recruiter": "Ann Lee", "Agency": "Hays", "Email": "ann@hays.example",
        "Phone": "+44 (0)20 7946 0000",
    })  # fmt: skip
    assert (row.contact_name, row.contact_email, row.contact_phone) == (
        "Ann Lee", "ann@hays.example", "+44 (0)20 7946 0000",
    )  # fmt: skip
    assert (row.contact_role, row.agency) == ("recruiter", "Hays")


def test_contact_column_roles() -> None:
    row = ok({"Contact": "Bo Chen <bo@acme.example>"})
    assert (row.contact_name, row.contact_email, row.contact_role) == (
        "Bo Chen", "bo@acme.example", "hiring-manager",
    )  # fmt: skip
    assert ok({"Contact": "Ann", "Agency": "Hays"}).contact_role == "recruiter"
    both = ok({"Recruiter": "Ann", "Contact": "Bo Chen"})
    assert (both.contact_name, both.contact_role) == ("Ann", "recruiter")
    assert both.notes == "Contact: Bo Chen"


def test_contact_without_a_name() -> None:
    row = ok({"Email": "jobs@acme.example"})
    assert (row.contact_name, row.contact_email) == ("", "jobs@acme.example")
    row = ok({"Phone": "07700 900123"})
    assert (row.contact_name, row.contact_phone) == ("Contact at Acme", "07700 900123")
    row = ok({})
    assert (row.contact_name, row.contact_email, row.contact_phone) == (None, None, None)


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ({"Email": "ann@"}, "Email", "not an e-mail address; write it like ann@acme.example"),
        ({"Contact": "Ann <ann@>"}, "Contact", "is not an e-mail address"),
        ({"Phone": "call me"}, "Phone", "not a phone number"),
        ({"Phone": "12"}, "Phone", "not a phone number"),
        ({"URL": "see LinkedIn"}, "URL", "not a web address; give a full address starting"),
        ({"URL": "https://acme.example/a b"}, "URL", "a web address has no spaces"),
        ({"Interest": "6"}, "Interest", "not 1-5; give a whole number from 1 (low) to 5"),
        ({"Interest": "very"}, "Interest", "not 1-5"),
        ({"Interest": "3.5"}, "Interest", "not 1-5"),
        ({"Agency": "x" * 301}, "Agency", "over 300 characters; is this the right column?"),
        ({"Recruiter": "Ann\nLee"}, "Recruiter", "more than one line"),
    ],
)
def test_bad_field_values(cells: dict[str, str], column: str, message: str) -> None:
    found = only_problem(cells)
    assert found.column == column
    assert message in found.problem


def test_huge_cells_are_problems_quickly() -> None:
    spaces = "1" + " " * 500_000 + "1"  # quadratic for a naive date-and-time regex
    found = problems({"Interview": spaces, "Status": "x" * 5000, "Date applied": "2" * 100})
    assert [(p.column, p.problem[:41]) for p in found] == [
        ("Status", "more than one line or over 100 characters"),
        ("Date applied", "more than one line or over 64 characters;"),
        ("Interview", "more than one line or over 64 characters;"),
    ]  # fmt: skip


def test_url_interest_and_leading_zeros() -> None:
    row = ok({"Link": "www.acme.example/jobs/1", "Interest": "4/5", "Phone": "0044 20 7946 0000"})
    assert row.url == "https://www.acme.example/jobs/1"
    assert row.interest == 4
    assert row.contact_phone == "0044 20 7946 0000"
    assert ok({"URL": "http://acme.example"}).url == "http://acme.example"
    assert ok({"Interest": "5.0"}).interest == 5


def test_salary_and_location_go_into_notes() -> None:
    row = ok({"Notes": "Referred by Kim", "Salary": "£70-80k", "Location": "Leeds (hybrid)"})
    assert row.notes == "Referred by Kim\nSalary: £70-80k\nLocation: Leeds (hybrid)"
    assert ok({"Salary": "£70k"}).notes == "Salary: £70k"


def test_every_problem_in_a_row_is_reported() -> None:
    row = one({"Company": "", "Role": "", "Date applied": "soon", "Interest": "9"})
    assert isinstance(row, list)
    assert [(p.number, p.column) for p in row] == [
        (7, "Company"), (7, "Role"), (7, "Date applied"), (7, "Interest"),
    ]  # fmt: skip
    assert str(row[2]) == (
        "row 7, Date applied 'soon': not a date; write it as YYYY-MM-DD, e.g. 2026-11-30 "
        "(or 30/11/2026, Nov 30, 2026)"
    )


def test_text_starting_with_equals_is_text() -> None:
    # CSV has no formulas: "=" there (or in an XLSX text cell) is what the user typed
    row = ok({"Company": '=HYPERLINK("x")', "Notes": "=1+1 (ask them)"})
    assert (row.company, row.notes) == ('=HYPERLINK("x")', "=1+1 (ask them)")
    assert ok({"Phone": "+44 20 7946 0000", "Notes": "- ask about visa"}).notes == (
        "- ask about visa"
    )
    formula = sheets.FormulaCell("=SUM(A1:A2)")  # an XLSX formula saved without its value
    found = problems({"Company": formula})
    assert [(p.column, p.value) for p in found] == [("Company", "=SUM(A1:A2)")]
    assert "a formula saved without its value" in found[0].problem


def test_short_rows_are_padded() -> None:
    columns = map_columns(["Company", "Role", "Status", "Notes"])
    row = parse_row(3, ["Acme", "Dev"], columns, LONDON)
    assert isinstance(row, ImportRow)
    assert row.status == "applied"
    assert row.notes == ""


# --------------------------------------------------------------------------- CSV input


def test_utf8_bom_and_cp1252_and_utf16(tmp_path: Path) -> None:
    text = "Company;Role;Notes\r\nSociété Générale;Ingénieur;“smart” quotes – £5\r\n"
    for name, data, encoding in [
        ("bom.csv", b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-sig"),
        ("plain.csv", text.encode("utf-8"), "utf-8"),
        ("win.csv", text.encode("cp1252"), "cp1252"),
        ("u16.csv", text.encode("utf-16"), "utf-16"),
    ]:
        with read_table(write(tmp_path, name, data)) as table:
            assert (table.encoding, table.delimiter) == (encoding, ";"), name
            assert table.header == ["Company", "Role", "Notes"], name
            assert list(table.rows) == [
                (2, ["Société Générale", "Ingénieur", "“smart” quotes – £5"])
            ], name


def test_latin1_when_cp1252_cannot_decode(tmp_path: Path) -> None:
    data = "Company,Role\nCafé,Dev\n".encode("latin-1") + b"X\x81Y,Z\n"
    with read_table(write(tmp_path, "t.csv", data)) as table:
        assert table.encoding == "latin-1"
        assert [cells for _, cells in table.rows] == [["Café", "Dev"], ["X\x81Y", "Z"]]


def test_explicit_encoding(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", "Company,Role\nCafé,Dev\n".encode("cp1252"))
    _, rows = rows_of(path, encoding="cp1252")
    assert rows == [(2, ["Café", "Dev"])]
    message = fail(lambda: rows_of(path, encoding="utf-8"))
    assert "byte 0xe9 is not utf-8 text; give the right --encoding" in message
    assert "is not an encoding" in fail(lambda: rows_of(path, encoding="klingon"), "encoding")


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Company,Role\nAcme,Dev\n", ","),
        ("Company;Role;Salary\nAcme;Dev;1,5k\nBeta;PM;2,5k\n", ";"),
        ("Company\tRole\nAcme, Inc.\tDev\n", "\t"),
        ("Company|Role\nAcme|Dev\n", "|"),
        ('"Company","Role"\n"Acme, Inc.","Dev; Ops"\n', ","),
    ],
)
def test_delimiters(tmp_path: Path, text: str, delimiter: str) -> None:
    with read_table(write(tmp_path, "t.csv", text)) as table:
        assert table.delimiter == delimiter
        assert len(next(table.rows)[1]) == len(table.header)


def test_quotes_and_newlines_inside_cells(tmp_path: Path) -> None:
    text = 'Company,Role,Notes\r\n"Acme, ""the"" best",Dev,"line 1\r\nline 2\nline 3"\r\nB,C,D'
    _, rows = rows_of(write(tmp_path, "t.csv", text))
    assert rows == [
        (2, ['Acme, "the" best', "Dev", "line 1\r\nline 2\nline 3"]),
        (3, ["B", "C", "D"]),
    ]


def test_leading_zeros_and_plus_are_kept(tmp_path: Path) -> None:
    _, rows = rows_of(write(tmp_path, "t.csv", "Company,Role,Phone\nAcme,Dev,+4407700900123\n"))
    assert rows[0][1][2] == "+4407700900123"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.csv", b"", "'empty.csv' is empty: it has no rows to import"),
        ("bom.csv", b"\xef\xbb\xbf", "is empty"),
        ("blank.csv", b"\r\n\n  \n,,,\n", "is empty"),
        ("nul.csv", b"Company,Role\nAcme\x00,Dev\n", "not a text file (a NUL byte at byte 17)"),
        ("png.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        ("zip.csv", b"PK\x03\x04rest", "is an XLSX (ZIP) file, not CSV; rename it to .xlsx"),
        ("ole.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Excel (.xls) or password-protected"),
        ("u16.csv", "Company,Role\nA\x00,B\n".encode("utf-16"), "contains NUL characters"),
    ],
)
def test_bad_csv_files(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    assert message in fail(lambda: rows_of(write(tmp_path, name, data)))


def test_a_50_mb_line_is_a_row_numbered_error(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as fh:
        fh.write(b"Company,Role\nAcme,Dev\n")
        chunk = b"x," * (1 << 19)
        for _ in range(50):
            fh.write(chunk)
        fh.write(b"\n")
    message = fail(lambda: rows_of(path))
    assert message.startswith("file: row 3: a line longer than 1048576 characters")


def test_a_huge_quoted_cell_is_a_row_numbered_error(tmp_path: Path) -> None:
    cell = ("y" * 1000 + "\n") * 1100  # short lines, one 1.1 MB cell
    path = write(tmp_path, "cell.csv", f'Company,Role,Notes\nAcme,Dev,ok\nB,C,"{cell}"\n')
    assert "row 3: a cell is longer than 1048576 characters" in fail(lambda: rows_of(path))


def test_unclosed_quote_runs_to_the_end(tmp_path: Path) -> None:
    _, rows = rows_of(write(tmp_path, "t.csv", 'Company,Role\nAcme,"Dev\nBeta,PM\n'))
    assert rows == [(2, ["Acme", "Dev\nBeta,PM\n"])]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("apps.xls", "'apps.xls' is not a .csv or .xlsx file; an old Excel file; save it as"),
        ("apps.ods", "an OpenDocument sheet"),
        ("apps.txt", "save the spreadsheet as .csv or .xlsx"),
        ("apps", "is not a .csv or .xlsx file"),
    ],
)
def test_wrong_extensions(tmp_path: Path, name: str, message: str) -> None:
    assert message in fail(lambda: read_table(write(tmp_path, name, "Company,Role\nA,B\n")))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "does not exist" in fail(lambda: read_table(tmp_path / "nope.csv"))
    (tmp_path / "dir.csv").mkdir()
    assert "is a folder" in fail(lambda: read_table(tmp_path / "dir.csv"))


def test_table_closes_its_file(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", "Company,Role\n" + "Acme,Dev\n" * 100)
    table = read_table(path)
    assert next(table.rows) == (2, ["Acme", "Dev"])
    table.close()
    assert list(table.rows) == []


# --------------------------------------------------------------------------- XLSX input


def test_xlsx_written_by_openpyxl(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Tracker"
    ws.append(["Applications 2026"])
    ws.append([])
    ws.append(["Company", "Role", "Status", "Date applied", "Interview", "Phone", "Interest",
               "Salary", "Notes"])  # fmt: skip
    ws.append(["Acme", "Dev", "Interview", dt.datetime(2026, 11, 24),
               dt.datetime(2026, 11, 30, 10, 30), "+447700900123", 4, 85000.5, "=A4"])  # fmt: skip
    ws.append(["Beta", "PM", "Applied", dt.date(2026, 11, 25), None, "07700 900123", 3.0, 70000])
    other = book.create_sheet("Old")
    other.append(["Company", "Role"])
    other.append(["Gamma", "SRE"])
    path = tmp_path / "apps.xlsx"
    book.save(path)

    with read_table(path) as table:
        assert (table.sheet, table.header_row, table.encoding) == ("Tracker", 3, None)
        rows = list(table.rows)
    assert [n for n, _ in rows] == [4, 5]
    assert rows[0][1] == ["Acme", "Dev", "Interview", "2026-11-24", "2026-11-30 10:30",
                          "+447700900123", "4", "85000.5", ""]  # fmt: skip
    columns = map_columns(table.header)
    first, second = (parse_row(n, cells, columns, LONDON) for n, cells in rows)
    assert isinstance(first, ImportRow)
    assert isinstance(second, ImportRow)
    assert first.applied == dt.date(2026, 11, 24)
    assert first.interview == dt.datetime(2026, 11, 30, 10, 30, tzinfo=LONDON)
    assert (first.interest, first.contact_phone) == (4, "+447700900123")
    assert first.notes == "Salary: 85000.5"  # a formula without a cached value is empty
    assert (second.applied, second.interest, second.contact_phone) == (
        dt.date(2026, 11, 25), 3, "07700 900123",
    )  # fmt: skip

    _, old = rows_of(path, sheet="Old")
    assert old == [(2, ["Gamma", "SRE"])]
    assert "no sheet named 'Nope'; the sheets are 'Tracker', 'Old'" in fail(
        lambda: read_table(path, sheet="Nope"), "sheet"
    )


def test_xlsx_formulas_use_cached_values_and_only_valueless_ones_are_problems(
    tmp_path: Path,
) -> None:
    path = handmade_xlsx(
        tmp_path / "f.xlsx",
        sheet(
            '<c r="A1" t="s"><v>0</v></c>' + inline("B1", "Role"),
            inline("A2", "Acme") + '<c r="B2" t="str"><f>UPPER("dev")</f><v>DEV</v></c>',
            inline("A3", "=SUM(A1:A2)") + inline("B3", "PM"),
            '<c r="A4"><v>1</v></c><c r="B4" t="b"><v>1</v></c>',
            '<c r="A5"><f>CONCAT("Be","ta")</f></c>' + inline("B5", "QA"),
            inline("A6", "Gamma") + inline("B6", "SRE") + '<c r="D6"><f>NOW()</f></c>',
        ),
        f'<?xml version="1.0"?><sst xmlns="{NS}" count="1" uniqueCount="1"><si><t>Company</t>'
        "</si></sst>",
    )
    header, rows = rows_of(path)
    assert header == ["Company", "Role"]
    assert rows == [
        (2, ["Acme", "DEV"]), (3, ["=SUM(A1:A2)", "PM"]), (4, ["1", "TRUE"]),
        (5, ['=CONCAT("Be","ta")', "QA"]), (6, ["Gamma", "SRE", "", "=NOW()"]),
    ]  # fmt: skip
    columns = map_columns(header)
    # a text cell that starts with "=" is text; a formula with its saved value gives the value
    assert isinstance(parse_row(2, rows[0][1], columns, LONDON), ImportRow)
    assert parse_row(3, rows[1][1], columns, LONDON).company == "=SUM(A1:A2)"  # type: ignore[union-attr]
    # a formula saved without its value is a problem where it matters, ignored elsewhere
    assert parse_row(5, rows[3][1], columns, LONDON) == [
        RowProblem(5, "Company", '=CONCAT("Be","ta")', sheets._FORMULA)
    ]
    assert isinstance(parse_row(6, rows[4][1], columns, LONDON), ImportRow)


def test_xlsx_rows_keep_sheet_numbers_across_gaps(tmp_path: Path) -> None:
    body = (
        f'<?xml version="1.0"?><worksheet xmlns="{NS}"><dimension ref="A1:B1"/><sheetData>'
        f'<row r="3">{inline("A3", "Company")}{inline("B3", "Role")}</row>'
        f'<row r="9">{inline("A9", "Acme")}{inline("B9", "Dev")}</row>'
        "</sheetData></worksheet>"
    )
    _, rows = rows_of(handmade_xlsx(tmp_path / "g.xlsx", body))
    assert rows == [(9, ["Acme", "Dev"])]  # the wrong <dimension> does not hide row 9


@pytest.mark.parametrize("where", ["shared", "sheet"])
def test_billion_laughs_is_refused(tmp_path: Path, where: str) -> None:
    bomb_shared = (
        f'<?xml version="1.0"?>{LAUGHS}<sst xmlns="{NS}" count="1" uniqueCount="1">'
        "<si><t>&lol9;</t></si></sst>"
    )
    bomb_sheet = (
        f'<?xml version="1.0"?>{LAUGHS}<worksheet xmlns="{NS}"><sheetData><row r="1">'
        f"{inline('A1', '&lol9;')}</row></sheetData></worksheet>"
    )
    if where == "shared":
        path = handmade_xlsx(tmp_path / "b.xlsx", sheet(HEADER_XML), bomb_shared)
    else:
        path = handmade_xlsx(tmp_path / "b.xlsx", bomb_sheet)
    message = fail(lambda: rows_of(path))
    assert "unsafe XLSX: 'b.xlsx' declares XML entities" in message


def test_external_entities_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Company")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        f'<worksheet xmlns="{NS}"><sheetData><row r="1">{inline("A1", "&xxe;")}'
        f"{inline('B1', 'Role')}</row></sheetData></worksheet>"
    )
    assert "unsafe XLSX" in fail(lambda: rows_of(handmade_xlsx(tmp_path / "x.xlsx", body)))


def test_a_huge_xml_part_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "z.xlsx"
    handmade_xlsx(path, sheet(HEADER_XML))
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/styles.xml", "w") as part,
    ):
        block = b" " * (1 << 20)
        for _ in range(257):
            part.write(block)
    message = fail(lambda: rows_of(path))
    assert "unsafe XLSX: xl/styles.xml unpacks to 257 MiB" in message


@pytest.mark.parametrize(
    ("maker", "message"),
    [
        (lambda p: p.write_bytes(b""), "is empty"),
        (
            lambda p: p.write_bytes(b"Company,Role\nA,B\n"),
            "is not an XLSX file (not a ZIP archive)",
        ),
        (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100), "old Excel"),
        (lambda p: p.write_bytes(b"PK\x03\x04" + b"\0" * 100), "is a damaged XLSX file"),
        (
            lambda p: zipfile.ZipFile(p, "w").writestr("a.txt", "hello"),
            "is not a readable XLSX file",
        ),
        (
            lambda p: handmade_xlsx(p, "<worksheet><sheetData><row"),
            "is not a readable XLSX file",
        ),
        (
            lambda p: handmade_xlsx(p, sheet('<c r="A1" t="s"><v>5</v></c>'), "<sst/>"),
            "is not a readable XLSX file",
        ),
    ],
)
def test_bad_xlsx_files(tmp_path: Path, maker: Callable[[Path], object], message: str) -> None:
    path = tmp_path / "bad.xlsx"
    maker(path)
    assert message in fail(lambda: rows_of(path))


def test_openpyxl_is_imported_only_for_xlsx(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", "Company,Role\nAcme,Dev\n")
    code = (
        "import sys; from pathlib import Path; from zoneinfo import ZoneInfo\n"
        "from followthrough.io import sheets\n"
        f"t = sheets.read_table(Path({str(path)!r})); c = sheets.map_columns(t.header)\n"
        "[sheets.parse_row(n, r, c, ZoneInfo('UTC')) for n, r in t.rows]\n"
        "assert 'openpyxl' not in sys.modules and 'defusedxml' not in sys.modules, 'eager'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# --------------------------------------------------------------------------- properties


def consume(path: Path) -> None:
    """Everything the importer does with a file; raises nothing but FollowthroughError."""
    message = ""
    try:
        with read_table(path) as table:
            columns = map_columns(table.header)
            for number, cells in table.rows:
                result = parse_row(number, cells, columns, LONDON)
                assert isinstance(result, (ImportRow, SkippedRow, list))
    except FollowthroughError as exc:
        message = str(exc)
    assert "\n" not in message


@FUZZ
@given(
    st.binary(max_size=2000), st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"PK\x03\x04"])
)
def test_fuzz_random_bytes(tmp_path: Path, data: bytes, prefix: bytes) -> None:
    for suffix in (".csv", ".xlsx"):
        consume(write(tmp_path, "fuzz" + suffix, prefix + data))


CSV_TEXT = st.lists(
    st.sampled_from(
        list('abcAZ09 ,;\t|"\'\r\n=+-@/.:') + ["é", "—", "\ufeff", "\x00", "Company", "Role",
                                             "Status", "2026-11-24", "24/11/2026", "Applied"]
    ),
    max_size=120,
).map("".join)  # fmt: skip


@FUZZ
@given(CSV_TEXT, st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_fuzz_random_csv_text(tmp_path: Path, text: str, encoding: str) -> None:
    consume(write(tmp_path, "fuzz.csv", text.encode(encoding, errors="replace")))
    consume(
        write(tmp_path, "fuzz.csv", ("Company,Role,Interview\n" + text).encode(encoding, "replace"))
    )


XML_BITS = st.lists(
    st.sampled_from([
        "<row>", "</row>", '<row r="2">', '<row r="1048577">', "<c>", "</c>", '<c r="A1">',
        '<c r="ZZZ1" t="s">', '<c t="s">', '<c t="b">', '<c t="d">', '<c t="n" s="1">', "<v>",
        "</v>", "0", "1", "-1", "x", "1e400", "<f>A1</f>", '<is><t>=1</t></is>',
        '<c t="inlineStr">', "<!DOCTYPE a>", "&amp;", "&bad;",
    ]),
    max_size=40,
)  # fmt: skip


@settings(FUZZ, max_examples=80)
@given(XML_BITS)
def test_fuzz_random_sheet_xml(tmp_path: Path, bits: list[str]) -> None:
    body = f'<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData><row r="1">{HEADER_XML}</row>'
    consume(
        handmade_xlsx(tmp_path / "fuzz.xlsx", body + "".join(bits) + "</sheetData></worksheet>")
    )


CELL = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", "N/A", "=A1", "2026-11-24", "03/04/2026", "46350.5", "Nov 24, 2026 3pm",
                     "2026-03-29 01:30", "a@b.example", "Ann <ann@x.example>", "+44 1", "5",
                     "Wishlist", "Offer declined", "www.x.example", "\n", "x" * 400]),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(CELL, min_size=0, max_size=len(FIELDS)), st.sampled_from([None, True, False]))
def test_fuzz_parse_row(cells: list[str], dayfirst: bool | None) -> None:
    columns = ColumnMap(fields={f: i for i, f in enumerate(FIELDS)}, unmapped=[], source="generic")
    result = parse_row(2, cells, columns, LONDON, dayfirst)
    if isinstance(result, list):
        assert result
        assert all("\n" not in p.problem for p in result)
    elif isinstance(result, ImportRow):
        assert result.company
        assert result.role
        assert result.status in (
            "applied",
            "interviewing",
            "offer",
            "accepted",
            "rejected",
            "withdrawn",
            "closed",
        )
        assert result.interview is None or result.interview.tzinfo is LONDON
        assert result.interest is None or 1 <= result.interest <= 5
    else:
        assert isinstance(result, SkippedRow)


# --------------------------------------------------------------------------- memory


def generated_csv(path: Path, count: int) -> Path:
    statuses = ["Applied", "Interview", "Rejected", "Offer", "Ghosted"]
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["Company", "Role", "Status", "Date applied", "Notes"])
        for i in range(count):
            out.writerow(
                [f"Company {i}", "Data Engineer", statuses[i % 5], f"2026-{1 + i % 12:02d}-14",
                 f"note {i}"]
            )  # fmt: skip
    return path


def peak_memory(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        count = 0
        with read_table(path) as table:
            columns = map_columns(table.header)
            for number, cells in table.rows:
                row = parse_row(number, cells, columns, LONDON)
                assert isinstance(row, ImportRow)
                count += 1
        return tracemalloc.get_traced_memory()[1], count
    finally:
        tracemalloc.stop()


def test_memory_is_flat_in_the_number_of_rows(tmp_path: Path) -> None:
    small, n_small = peak_memory(generated_csv(tmp_path / "10k.csv", 10_000))
    large, n_large = peak_memory(generated_csv(tmp_path / "100k.csv", 100_000))
    assert (n_small, n_large) == (10_000, 100_000)
    # streamed: 10x the rows may not cost anywhere near 10x the memory
    assert large < 2 * small + 256 * 1024, (small, large)
