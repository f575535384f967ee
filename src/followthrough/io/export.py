"""Spreadsheet export (CSV and XLSX) of the applications, safe against formula injection.

`rows()` turns applications in the shape of `Service.list_applications()` into rows of
`COLUMNS`; `write_csv()` and `write_xlsx()` write them. Nothing here reads the database or the
clock: the caller passes the data in.

Columns (headers chosen so that our own importer's fuzzy header matching maps them back):
ID, Company, Role, Status, Channel, Agency, Recruiter (name), E-mail (the recruiter's),
URL, Interest (1-5), Date applied (the application's `applied_on`, else the local date of
`created_at`), Last exchange (the local date of `last_exchange` when the item has one),
Next action (its title), Next action due (ISO 8601 with the user's UTC offset), Notes.
Competitors and the other contacts are left out: the JSON backup is the complete export.

Formula injection (OWASP "CSV Injection"): a spreadsheet evaluates a cell that starts with
``= + - @``, TAB or CR. Every text cell is passed through `safe_cell()` by the writers, which
prefixes a single quote ``'`` when the text would start a formula:

- when its first character is TAB or CR, or its first character after any leading white
  space is one of ``= + - @`` (or their full-width forms ``＝ ＋ － ＠``): some spreadsheets
  trim white space before deciding, so a leading space or line break is no protection;
- when it already starts with one or more quotes followed by such text, so that
  `unguard_cell()` can always undo the prefix exactly (the importer uses it; a
  round trip export -> import keeps every value as it was, ``'=x`` included).

Numbers (id, interest) stay numbers and dates stay dates in XLSX; text is always stored as a
string cell there (``t="inlineStr"``), never as a formula, and it gets the same prefix as in
CSV so that editing the cell in Excel cannot turn it into one either. XLSX cannot hold the
control characters XML 1.0 forbids (they become U+FFFD) nor more than 32 767 characters in a
cell (longer text is cut, ending with "…"); CSV keeps the text as it is.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, TextIO, overload

__all__ = [
    "COLUMNS",
    "SHEET",
    "XLSX_CELL_LIMIT",
    "Cell",
    "rows",
    "safe_cell",
    "unguard_cell",
    "write_csv",
    "write_xlsx",
]

#: One value of a row: text, a whole number, a date, or nothing.
Cell = str | int | dt.date | None

#: The header row of an export, in order.
COLUMNS: tuple[str, ...] = (
    "ID",
    "Company",
    "Role",
    "Status",
    "Channel",
    "Agency",
    "Recruiter",
    "E-mail",
    "URL",
    "Interest",
    "Date applied",
    "Last exchange",
    "Next action",
    "Next action due",
    "Notes",
)
#: The name of the one worksheet of an XLSX export.
SHEET = "Applications"
#: Excel keeps at most this many characters (UTF-16 code units) in a cell.
XLSX_CELL_LIMIT = 32_767

#: Characters that make a spreadsheet read a cell as a formula when they come first.
_TRIGGERS = frozenset("=+-@＝＋－＠")
#: Characters that trigger a formula only as the very first character.
_FIRST_TRIGGERS = frozenset("\t\r")
#: Characters that XML 1.0 (hence XLSX) cannot hold.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_WIDTHS = (6, 24, 28, 12, 10, 20, 22, 28, 36, 8, 12, 12, 36, 26, 60)


def _starts_formula(text: str) -> bool:
    if text[:1] in _FIRST_TRIGGERS:
        return True
    return text.lstrip()[:1] in _TRIGGERS


def _needs_guard(text: str) -> bool:
    return _starts_formula(text.lstrip("'"))


@overload
def safe_cell(value: str) -> str: ...
@overload
def safe_cell(value: Cell) -> Cell: ...
def safe_cell(value: Cell) -> Cell:
    """Return `value` such that no spreadsheet reads it as a formula (see the module doc)."""
    if isinstance(value, str) and _needs_guard(value):
        return "'" + value
    return value


def unguard_cell(text: str) -> str:
    """Return the text `safe_cell()` was given for `text` (undo its quote, and only its)."""
    if text.startswith("'") and _needs_guard(text[1:]):
        return text[1:]
    return text


def _local_date(value: Any) -> dt.date | None:
    """Return the calendar date of an ISO date / date-time string (its own offset), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.datetime.fromisoformat(str(value)).date()


def rows(applications: Iterable[Mapping[str, Any]]) -> Iterator[list[Cell]]:
    """Yield one row of `COLUMNS` per application (raw values: the writers make them safe)."""
    for app in applications:
        recruiter = app.get("recruiter") or {}
        action = app.get("next_action") or {}
        applied = app.get("applied_on") or app.get("created_at")
        yield [
            app["id"],
            app["company"],
            app["role"],
            app["status"],
            app.get("channel"),
            app.get("agency"),
            recruiter.get("name"),
            recruiter.get("email"),
            app.get("url"),
            app.get("interest"),
            _local_date(applied),
            _local_date(app.get("last_exchange")),
            action.get("title"),
            action.get("due"),
            app.get("notes") or None,
        ]


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(safe_cell(value))


def write_csv(table: Iterable[list[Cell]], out: TextIO, *, bom: bool = True) -> int:
    """Write the header and `table` as CSV to `out`; return the number of data rows.

    `out` must be opened with ``newline=""`` (the csv module writes CRLF row ends itself and
    keeps line breaks inside quoted cells). A UTF-8 byte order mark goes first unless
    ``bom=False``: without it Excel reads the file as cp1252.
    """
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in table:
        writer.writerow([_text(v) for v in row])
        count += 1
    return count


def _xlsx_text(text: str) -> str:
    text = safe_cell(_ILLEGAL_XML.sub("\ufffd", text))
    if len(text) <= XLSX_CELL_LIMIT // 2:
        return text
    units = text.encode("utf-16-le")
    if len(units) <= 2 * XLSX_CELL_LIMIT:
        return text
    cut = units[: 2 * (XLSX_CELL_LIMIT - 1)].decode("utf-16-le", errors="ignore")
    return cut + "…"


def write_xlsx(table: Iterable[list[Cell]], target: str | Path | IO[bytes]) -> int:
    """Write the header and `table` as the sheet "Applications" of a new XLSX workbook.

    `target` is a path or a binary stream. Returns the number of data rows. Streams the rows
    (openpyxl's write-only mode), so memory does not grow with the number of applications.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    sheet.freeze_panes = "A2"
    for i, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    bold = Font(bold=True)

    def cell(value: Cell) -> Any:
        if isinstance(value, str):
            out = WriteOnlyCell(sheet, value=_xlsx_text(value))
            out.data_type = "s"  # a string cell, whatever the text: never a formula
            return out
        if isinstance(value, dt.datetime):
            raise TypeError("export cells hold dates, not date-times")
        out = WriteOnlyCell(sheet, value=value)
        if isinstance(value, dt.date):
            out.number_format = "yyyy-mm-dd"
        return out

    header = []
    for name in COLUMNS:
        head = WriteOnlyCell(sheet, value=name)
        head.font = bold
        header.append(head)
    sheet.append(header)
    count = 0
    for row in table:
        sheet.append([cell(v) for v in row])
        count += 1
    book.save(target)
    return count
