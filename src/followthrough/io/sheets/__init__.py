"""Reading the user's spreadsheet (CSV or XLSX) into rows that `followthrough import` can store.

This package parses; it never touches the database. The pipeline is

    table = read_table(path)                    # streamed rows, header found
    columns = map_columns(table.header, overrides)
    for number, cells in table.rows:
        result = parse_row(number, cells, columns, zone, dayfirst)
        # ImportRow: store it; SkippedRow: count it; list[RowProblem]: report it

What it does, and what it decided:

- **Files.** `.csv` and `.xlsx` by extension, nothing else. Every failure to read is a
  `ValidationError("file", one line)`; a bad `--encoding`, `--sheet` or `--map` names that option.
- **CSV encoding.** Without `--encoding`, one streaming pass over the bytes (constant memory)
  checks for NUL bytes (a binary file) and for valid UTF-8: a UTF-8 BOM is dropped, UTF-16 with a
  BOM is read as UTF-16, valid UTF-8 is UTF-8, anything else is Windows-1252 (what Excel writes
  for "CSV" on Windows), or Latin-1 when the file holds one of the five bytes cp1252 leaves
  undefined. A file that is mostly UTF-8 with one bad byte is read as cp1252 as a whole.
- **CSV dialect.** The delimiter is the one of `, ; TAB |` that splits the first rows into the
  most rows of the same width (Excel in many European locales writes `;`). Quotes, doubled quotes
  and line breaks inside quoted cells are the `csv` module's. A cell over 1 MiB or a line over
  1 MiB characters stops the import with its row number (a 50 MB line is not a spreadsheet).
- **Row numbers** are the numbers a spreadsheet program shows: the n-th record of a CSV (a cell
  with line breaks does not add rows) or the sheet row of an XLSX. Blank rows are skipped.
- **XLSX.** openpyxl, imported only here and only when an .xlsx is read, in read-only mode (rows
  are streamed) with `data_only=True` (a formula gives its cached value). Its XML goes through
  defusedxml, which refuses entity declarations: a "billion laughs" file is "unsafe XLSX". We
  refuse to read an XLSX at all if defusedxml is not active. A part other than a worksheet that
  unpacks to more than 64 MiB is refused too (openpyxl loads those whole), and so, before
  openpyxl reads it, is a sheet with a row over 16,384 cells, over 1,000,000 cells, over
  1,000,000 shared strings (`io/sheets/xlsx_scan.py` counts them streaming; the sheet's
  dimension tag is not trusted), or a cell over 1 MiB characters. Dates become `YYYY-MM-DD` (or
  `YYYY-MM-DD HH:MM` with a time), whole numbers lose their `.0`. A formula saved without a
  cached value (files written by libraries, not by Excel) is a problem in a column we use.
- **Header.** The first of the first 10 non-blank rows that maps two known fields, one of them
  company or role. Title rows above it are ignored.
- **Column names** are normalised (casefold, punctuation and spaces removed) and looked up in
  `ALIASES`; failing that, a close spelling (difflib ratio >= 0.85, names of 4-40 characters)
  of an alias matches, except names in `IGNORED` that look like ours but mean something else
  ("Contract" is not "Contact", "Interviewer" is not "Interview"). When two columns claim one
  field, an exact name beats a weak one ("Date", "Applied", "List") beats a misspelling; then
  the leftmost wins. `--map "Column=field"` overrides, `--map "Column=-"` ignores a column.
- **JobSync** (github.com/Gsync/jobsync, src/app/api/jobs/export/route.ts) exports `index,
  createdAt, applied, appliedDate, Company, JobTitle, jobType, Location, JobSource, Status`;
  we take appliedDate, Company, JobTitle, Location and Status ("N/A" is empty).
  **Huntr**'s full data download (USER_JOBS_USER_FULL_DATA_DOWNLOAD*.csv) has camelCase columns
  (`title, companyName, listName, url, location, salary, createdAt, ...`); we take title,
  companyName, listName, url, location and salary. Its `createdAt` is when the job was saved,
  not when the user applied, so it is not the applied date.
- **Statuses** map to ours with `map_status`. Empty means applied. A status we do not know is
  imported as applied, with a warning on the row and "Status in the sheet: ..." in the notes.
  A row that is not an application yet (Wishlist, Bookmarked, Saved, Draft, To apply, ...) is
  not imported: `parse_row` returns a `SkippedRow`, because an application planned as "applied"
  would start chasing a company the user never wrote to.
- **Dates**: ISO (a date-time in the applied column counts by its date as written),
  `24/11/2026`, `11/24/2026` (2-digit years are 20xx), `24.11.2026` (always day first),
  "Nov 24, 2026", "24 Nov 2026", spreadsheet serial numbers 25569-401768 (1970-2999), years
  1900-2999. Day and month both 12 or less and different is ambiguous: a problem asking for
  `--dayfirst` or `--monthfirst`, unless `dayfirst` is given, which then applies to every slash
  date (a date impossible in that order is a problem, never silently swapped).
- **Interview** needs a time: a date alone is a problem (say when, or ignore the column), as a
  wrong guessed time would misplace the thank-you and check-in. A time is local to `zone`;
  inside a DST gap or repeated hour it is a problem worded like `parse.resolve_local`. An
  explicit offset (`+01:00`, `Z`) is kept as that instant.
- **Contact.** One contact per row. A Recruiter column wins (role "recruiter"); otherwise the
  Contact column (role "recruiter" when the row names an agency, else "hiring-manager", the
  only other person an application links to). When both are filled, the contact goes into the
  notes. "Name <email>" is split; the Email/Phone columns belong to that contact (an Email
  cell wins over an address in the name cell); a contact with only an e-mail is named after
  it, with only a phone "Contact at <company>". No contact at all: contact_name is None.
- **Salary and location** go into the notes ("Salary: ...", "Location: ..."), since
  applications have no such fields. Interest is a whole number 1-5 ("4", "4.0", "4/5").
- A cell starting with "=" is text the user typed (CSV has no formulas; in an XLSX it is a text
  cell). Only an XLSX formula saved without its value (see `io/sheets/xlsx_scan.py`) in a
  column we use is a problem. A one-line field that is multi-line or too long (company 300
  characters, a date 64, a status 100, a URL 2048) is a problem too: the column is probably
  the wrong one, and the limits keep every regular expression linear and the caches small.

Where each part lives: `reader` (read_table), `csvfile`, `xlsx` and `xlsx_scan` (the files),
`columns` (header detection, map_columns), `statuses` (map_status), `dates`, `fields` (one
parser per field, in a table), `rows` (parse_row), `records` (the values above).
"""

from __future__ import annotations

from followthrough.io.sheets.columns import (
    ALIASES,
    FIELDS,
    FUZZY_CUTOFF,
    IGNORED,
    WEAK_ALIASES,
    map_columns,
)
from followthrough.io.sheets.dates import SERIALS
from followthrough.io.sheets.reader import HEADER_SCAN, read_table
from followthrough.io.sheets.records import (
    MAX_CELL,
    MAX_LINE,
    MAX_SHORT,
    ColumnMap,
    FormulaCell,
    ImportRow,
    RowProblem,
    SkippedRow,
    Table,
)
from followthrough.io.sheets.rows import _FORMULA, parse_row
from followthrough.io.sheets.statuses import is_wishlist, map_status
from followthrough.io.sheets.xlsx import (
    MAX_XLSX_CELLS,
    MAX_XLSX_COLUMNS,
    MAX_XLSX_PART,
    MAX_XLSX_ROWS,
    MAX_XLSX_STRINGS,
)

__all__ = [
    "ALIASES",
    "FIELDS",
    "FUZZY_CUTOFF",
    "HEADER_SCAN",
    "IGNORED",
    "MAX_CELL",
    "MAX_LINE",
    "MAX_SHORT",
    "MAX_XLSX_CELLS",
    "MAX_XLSX_COLUMNS",
    "MAX_XLSX_PART",
    "MAX_XLSX_ROWS",
    "MAX_XLSX_STRINGS",
    "SERIALS",
    "WEAK_ALIASES",
    "ColumnMap",
    "FormulaCell",
    "ImportRow",
    "RowProblem",
    "SkippedRow",
    "Table",
    "_FORMULA",
    "is_wishlist",
    "map_columns",
    "map_status",
    "parse_row",
    "read_table",
]
