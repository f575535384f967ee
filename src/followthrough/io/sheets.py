"""Reading the user's spreadsheet (CSV or XLSX) into rows that `followthrough import` can store.

This module parses; it never touches the database. The pipeline is

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
  1,000,000 shared strings (`io/xlsx_scan.py` counts them streaming; the sheet's dimension tag
  is not trusted), or a cell over 1 MiB characters. Dates become `YYYY-MM-DD` (or
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
  cell). Only an XLSX formula saved without its value (see `io/xlsx_scan.py`) in a column we use
  is a problem. A one-line field that is multi-line or too long (company 300 characters, a date
  64, a status 100, a URL 2048) is a problem too: the column is probably the wrong one, and the
  limits keep every regular expression linear and the caches small.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import difflib
import functools
import importlib
import io
import re
import warnings
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any
from zoneinfo import ZoneInfo

from followthrough.domain.errors import ValidationError
from followthrough.domain.parse import (
    LINE_BREAKS,
    YEARS,
    check_email,
    parse_address,
    resolve_local,
)
from followthrough.io import xlsx_scan
from followthrough.io.export import unguard_cell

FIELDS = (
    "company", "role", "status", "applied", "interview", "contact", "recruiter", "agency",
    "email", "phone", "url", "notes", "salary", "location", "interest",
)  # fmt: skip

#: The longest cell and the longest physical line we read (characters).
MAX_CELL = 1 << 20
MAX_LINE = 1 << 20
#: How many non-blank rows may come before the header.
HEADER_SCAN = 10
#: Excel's own limits; a sheet claiming more is not a spreadsheet we can use.
MAX_XLSX_ROWS = xlsx_scan.MAX_ROWS
#: The XLSX limits checked before openpyxl reads anything (see `io/xlsx_scan.py`).
MAX_XLSX_COLUMNS = xlsx_scan.MAX_COLUMNS
MAX_XLSX_CELLS = xlsx_scan.MAX_CELLS
MAX_XLSX_STRINGS = xlsx_scan.MAX_STRINGS
MAX_XLSX_PART = xlsx_scan.MAX_PART
#: The longest value we accept in a one-line field (company, role, names, e-mail...).
MAX_SHORT = 300
#: Spreadsheet serial dates we accept: 1970-01-01 .. 2999-12-31 (1900 date system).
SERIALS = range(25569, 401769)
FUZZY_CUTOFF = 0.85

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_CSV_SNIFF = 64 * 1024
_DELIMITERS = (",", ";", "\t", "|")
_NULLS = frozenset({"n/a", "na", "-", "--", "—", "none", "null", "nil", "#n/a"})
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Table:
    """A streamed table: the header, its row number, and the rows after it.

    `rows` yields (row number in the file, 1-based; cells as text) and skips blank rows. It holds
    the file open until exhausted; `close()` (or `with table:`) releases it early.
    """

    header: list[str]
    header_row: int
    rows: Iterator[tuple[int, list[str]]]
    #: the encoding a CSV was read with (detected or given); None for XLSX
    encoding: str | None = None
    #: the CSV delimiter; None for XLSX
    delimiter: str | None = None
    #: the worksheet an XLSX was read from; None for CSV
    sheet: str | None = None

    def close(self) -> None:
        """Stop reading and release the file."""
        close = getattr(self.rows, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> Table:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


@dataclass(frozen=True)
class ColumnMap:
    """Which column holds which of our fields."""

    fields: dict[str, int]  # our field -> column index
    unmapped: list[str]  # header cells we ignore
    source: str  # "generic" | "jobsync" | "huntr"
    #: our field -> the header text of its column (for messages)
    labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportRow:
    """One application read from a row, with everything checked."""

    number: int
    company: str
    role: str
    status: str
    status_raw: str
    applied: dt.date | None
    interview: dt.datetime | None  # aware, in `zone`
    contact_name: str | None
    contact_email: str | None
    contact_phone: str | None
    contact_role: str  # "recruiter" | "hiring-manager"
    agency: str | None
    url: str | None
    notes: str
    interest: int | None
    #: things the user should see in the report that do not stop the import
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class RowProblem:
    """Why one cell stops its row from being imported; `problem` is one line naming the fix."""

    number: int
    column: str
    value: str
    problem: str

    def __str__(self) -> str:
        value = self.value if len(self.value) <= 60 else self.value[:57] + "..."
        return f"row {self.number}, {self.column} {value!r}: {self.problem}"


@dataclass(frozen=True)
class SkippedRow:
    """A row that is not an application yet (e.g. on a wishlist); it is not imported."""

    number: int
    column: str
    value: str
    reason: str


# --------------------------------------------------------------------------- columns


def _aliases(**groups: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for field_name, names in groups.items():
        for name in names.split("|"):
            out[_norm(name)] = field_name
    return out


_NON_WORD = re.compile(r"[\W_]+")


def _norm(text: str) -> str:
    """Casefold and drop everything but letters and digits: 'E-mail ' -> 'email'."""
    return _NON_WORD.sub("", text.casefold())


#: Column names we know, normalised with `_norm`, and the field each means.
ALIASES = _aliases(
    company="company|company name|employer|employer name|organisation|organization|"
    "organisation name|organization name|org|firm|business|hiring company|companyName",
    role="role|position|title|job title|job|job role|job name|position title|role title|"
    "vacancy|post|opening|job position|position name|role name|JobTitle|position applied for",
    status="status|stage|application status|current status|progress|outcome|result|"
    "job status|pipeline stage|listName|list name",
    applied="date applied|applied date|applied on|applied at|application date|"
    "date of application|date submitted|submitted on|submission date|apply date|appliedDate|"
    "applied date time",
    interview="interview|interview date|interview time|interview date time|"
    "interview date and time|interview on|interview at|next interview|interview scheduled|"
    "date of interview|interview datetime",
    contact="contact|contact name|contact person|hiring manager|hiring manager name|"
    "hiring contact|point of contact|poc|hr contact|person",
    recruiter="recruiter|recruiter name|recruiter contact|headhunter|talent partner|"
    "talent acquisition|agent",
    agency="agency|agency name|recruitment agency|recruiting agency|staffing agency|"
    "recruiter agency|recruiter company",
    email="email|e-mail|email address|e-mail address|mail|contact email|recruiter email|"
    "hiring manager email|contact e-mail",
    phone="phone|phone number|telephone|tel|mobile|cell|contact phone|recruiter phone|"
    "phone no|contact number",
    url="url|link|job url|job link|posting|posting url|job posting|listing|listing url|"
    "application link|apply link|advert|job advert|ad url|job posting url|posting link",
    notes="notes|note|comments|comment|remarks|details|additional notes|memo",
    salary="salary|salary range|pay|compensation|comp|rate|day rate|expected salary|wage|"
    "package|base salary|salary expectation|pay range",
    location="location|city|place|job location|office|work location|office location",
    interest="interest|excitement|interest level|excitement level|rating|desire|how excited|"
    "enthusiasm",
)
#: Names that usually but not always mean the field: they lose to an exact name.
WEAK_ALIASES = _aliases(applied="applied|date|submitted", status="list")
#: Names that look like ours but are something else; never fuzzy-matched.
_IGNORED_NAMES = (
    "contract|contract type|job type|type|source|job source|index|id|no|number|created|"
    "created at|updated at|modified|date saved|date added|added|creator user email|"
    "creator first name|creator last name|creator user id|company domain|root domain|"
    "company id|board id|list id|last moved at|deadline|html description|description|"
    "job description|requirements|tags|workplace|workplace type|remote|industry|sector|"
    "department|team|level|seniority|experience|skills|resume|cv|cover letter|state|"
    "country|region|follow up|follow up date|follow-up|reply|response|response date|"
    "last contact|last contacted|next action|next step|next steps|interviewer|"
    "interviewers|interviewer name|company url|company website|website|company size|"
    "applied via|applied through|referral|referred by|date posted|posted|posted on|"
    "currency|timezone|time zone"
)
IGNORED = frozenset(_norm(n) for n in _IGNORED_NAMES.split("|"))
_ALL_ALIASES = {**WEAK_ALIASES, **ALIASES}
_ALIAS_KEYS = sorted(_ALL_ALIASES)

_JOBSYNC = frozenset(
    _norm(n) for n in ("appliedDate", "JobTitle", "JobSource", "Status", "Company")
)
_HUNTR = frozenset(_norm(n) for n in ("companyName", "listName", "title"))


def _match(key: str) -> tuple[str, int] | None:
    """Return (field, rank) for a normalised column name: 3 exact, 2 weak, 1 close spelling."""
    if not key or len(key) > 64:  # a data cell, not a column name; keeps the cache small
        return None
    return _match_cached(key)


@functools.lru_cache(maxsize=4096)
def _match_cached(key: str) -> tuple[str, int] | None:
    found = ALIASES.get(key)
    if found:
        return found, 3
    found = WEAK_ALIASES.get(key)
    if found:
        return found, 2
    if key in IGNORED or not 4 <= len(key) <= 40:
        return None
    close = difflib.get_close_matches(key, _ALIAS_KEYS, n=1, cutoff=FUZZY_CUTOFF)
    if close:
        return _ALL_ALIASES[close[0]], 1
    return None


def _parse_overrides(overrides: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for column, target in overrides.items():
        key = _norm(column)
        wanted = target.strip().casefold()
        if not key:
            raise ValidationError("map", f"{column!r}=... names no column; write 'Column=field'")
        if wanted != "-" and wanted not in FIELDS:
            raise ValidationError(
                "map",
                f"{target!r} is not a field; use one of {', '.join(FIELDS)}, "
                "or '-' to ignore the column",
            )
        out[key] = wanted
    return out


def _build_map(header: Sequence[str], overrides: Mapping[str, str]) -> ColumnMap:
    best: dict[str, tuple[int, int]] = {}  # field -> (rank, column index)
    for index, cell in enumerate(header):
        key = _norm(cell)
        if not key:
            continue
        if key in overrides:
            target = overrides[key]
            if target == "-":
                continue
            hit: tuple[str, int] | None = (target, 4)
        else:
            hit = _match(key)
        if hit is None:
            continue
        name, rank = hit
        current = best.get(name)
        if current is None or rank > current[0]:
            best[name] = (rank, index)
    fields = {name: index for name, (_, index) in best.items()}
    used = set(fields.values())
    unmapped = [c.strip() for i, c in enumerate(header) if c.strip() and i not in used]
    keys = {_norm(c) for c in header}
    source = "jobsync" if keys >= _JOBSYNC else "huntr" if keys >= _HUNTR else "generic"
    labels = {name: header[index].strip() for name, index in fields.items()}
    return ColumnMap(fields=fields, unmapped=unmapped, source=source, labels=labels)


def _is_header(columns: ColumnMap) -> bool:
    names = columns.fields
    return len(names) >= 2 and ("company" in names or "role" in names)


def map_columns(header: Sequence[str], overrides: Mapping[str, str] = {}) -> ColumnMap:  # noqa: B006
    """Map header cells to our fields; `overrides` maps a column header to a field or "-".

    Raises ValidationError("map", ...) for an override naming a field we do not have or a column
    the header does not have, and ValidationError("file", ...) when no column holds the company
    or the role.
    """
    wanted = _parse_overrides(overrides)
    keys = {_norm(c) for c in header}
    for column in overrides:
        if _norm(column) not in keys:
            shown = ", ".join(repr(c.strip()) for c in header if c.strip())
            raise ValidationError("map", f"no column {column!r} in the header; it has {shown}")
    columns = _build_map(header, wanted)
    for needed, example in (("company", "Company"), ("role", "Role")):
        if needed not in columns.fields:
            shown = ", ".join(repr(c) for c in columns.unmapped) or "none"
            raise ValidationError(
                "file",
                f"no column holds the {needed}; name it with --map '{example} column={needed}' "
                f"(columns not used: {shown})",
            )
    return columns


# --------------------------------------------------------------------------- statuses

_WISHLIST = "wishlist"

_STATUS_WORDS: dict[str, str] = {}
for _status, _words in {
    "applied": "applied|apply|submitted|application submitted|application sent|sent|"
    "applied online|in review|under review|reviewing|in progress|pending|waiting|"
    "awaiting response|awaiting reply|screening|cv sent|resume sent|acknowledged|"
    "application received|received|new|open|active|on hold",
    "interviewing": "interview|interviewing|interviewed|phone screen|phone interview|screen|"
    "screened|recruiter screen|onsite|on site|on-site|final round|final interview|"
    "technical interview|video interview|first interview|second interview|third interview|"
    "1st interview|2nd interview|3rd interview|assessment|take home|coding challenge|"
    "test|case study|interview scheduled|interview stage|in process|shortlisted",
    "offer": "offer|offered|offer received|offer extended|negotiating|negotiation|"
    "verbal offer|written offer",
    "accepted": "accepted|hired|offer accepted|signed|joined|started|accepted offer",
    "rejected": "rejected|rejection|declined by company|declined by employer|not selected|"
    "unsuccessful|no|not progressing|position filled|filled|turned down|"
    "no longer considered|not moving forward|denied|failed|rejected by company",
    "withdrawn": "withdrawn|withdrew|withdraw|declined|offer declined|declined offer|"
    "not interested|i declined|withdrawn by me|pulled out|retracted",
    "closed": "closed|ghosted|archived|archive|no response|no reply|expired|position closed|"
    "job closed|cancelled|canceled|dead|stale|role closed|posting closed|offer rescinded",
    _WISHLIST: "wishlist|wish list|bookmarked|bookmark|saved|save|draft|to apply|not applied|"
    "not yet applied|interested|researching|research|considering|planned|prospect|lead|"
    "idea|watching|watchlist|todo|to do|backlog|favourite|favorite|found",
}.items():
    for _word in _words.split("|"):
        _STATUS_WORDS[" ".join(_NON_WORD.sub(" ", _word.casefold()).split())] = _status

_STATUS_KEYWORDS = (
    (("offer",), ("accept",), "accepted"),
    (("offer",), ("declin", "turned down", "refused"), "withdrawn"),
    (("offer",), ("rescind", "withdrawn by", "pulled"), "closed"),
    (("offer",), (), "offer"),
    (("declin", "reject"), ("company", "employer", "them", "they"), "rejected"),
    (("reject", "unsuccessful", "not selected", "turned down"), (), "rejected"),
    (("withdr", "declin"), (), "withdrawn"),
    (("hired", "accept"), (), "accepted"),
    (("ghost", "archiv", "expire", "no response", "no reply", "closed", "cancel"), (), "closed"),
    (("interview", "screen", "onsite", "on site", "assessment", "round", "challenge"), (),
     "interviewing"),
    (("wish", "bookmark", "saved", "draft", "to apply", "not applied"), (), _WISHLIST),
    (("appl", "submit", "sent"), (), "applied"),
)  # fmt: skip


def _classify(text: str) -> str | None:
    """Return a Status value, _WISHLIST, or None for a status written in the sheet."""
    if len(text) > 100:  # not a status; keeps the cache small
        return None
    return _classify_cached(text)


@functools.lru_cache(maxsize=1024)
def _classify_cached(text: str) -> str | None:
    words = " ".join(_NON_WORD.sub(" ", text.casefold()).split())
    if not words:
        return None
    found = _STATUS_WORDS.get(words)
    if found:
        return found
    for any_of, and_any_of, status in _STATUS_KEYWORDS:
        if any(k in words for k in any_of) and (
            not and_any_of or any(k in words for k in and_any_of)
        ):
            return status
    return None


def map_status(text: str) -> str | None:
    """Return our Status value for a status written in a sheet, or None when we do not know it.

    Wishlist-like words ("Wishlist", "Bookmarked", "Draft") also give None: such a row is not
    an application (see `is_wishlist`).
    """
    found = _classify(text)
    return None if found == _WISHLIST else found


def is_wishlist(text: str) -> bool:
    """Return True for a status meaning "not applied yet" (Huntr's Wishlist, JobSync's Draft...)."""
    return _classify(text) == _WISHLIST


# --------------------------------------------------------------------------- dates

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "jan|january", "feb|february", "mar|march", "apr|april", "may", "jun|june",
            "jul|july", "aug|august", "sep|sept|september", "oct|october", "nov|november",
            "dec|december",
        ),
        start=1,
    )
    for name in names.split("|")
}  # fmt: skip
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_YMD = re.compile(
    r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_DMY = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})")
_NAME_MDY = re.compile(_WEEKDAY + r"([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
_NAME_DMY = re.compile(
    _WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?\.?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4}|\d{2})", re.I
)
_SERIAL = re.compile(r"(\d{5,6})(?:\.(\d+))?")
_TIME_TAIL = re.compile(
    r"(.+?)(?:\s+at\s+|[T\s,]+)(\d{1,2})(?:[:.h](\d{2}))?(?::(\d{2})(?:\.\d+)?)?"
    r"\s*([ap])?(?(5)\.?m\.?)\s*(z|utc|gmt|[+-]\d{2}:?\d{2})?",
    re.I,
)
_DATE_FIX = "write it as YYYY-MM-DD, e.g. 2026-11-30 (or 30/11/2026, Nov 30, 2026)"
_WHEN_FIX = "write it as 'YYYY-MM-DD HH:MM', e.g. '2026-11-23 10:00'"


def _year_problem(year: int) -> str:
    return f"year {year} is out of range; use {YEARS[0]}-{YEARS[-1]}"


def _make_date(year: int, month: int, day: int, how: str = "") -> dt.date | str:
    if year not in YEARS:
        return _year_problem(year)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return f"not a real date{how}; check the day and month"


def _parse_date(text: str, dayfirst: bool | None) -> dt.date | str:
    """Return the date written in `text`, or a one-line problem."""
    if len(text) == 10 and text[4] == "-":
        try:
            day: dt.date | None = dt.date.fromisoformat(text)
        except ValueError:
            day = None
        if day is not None:
            return day if day.year in YEARS else _year_problem(day.year)
    m = _YMD.fullmatch(text)
    if m:
        return _make_date(int(m[1]), int(m[3]), int(m[4]))
    m = _DMY.fullmatch(text)
    if m:
        a, sep, b, y = int(m[1]), m[2], int(m[3]), m[4]
        year = int(y) + 2000 if len(y) == 2 else int(y)
        if sep == ".":
            return _make_date(year, b, a)
        if dayfirst is not None:
            how = " read day first (--dayfirst)" if dayfirst else " read month first (--monthfirst)"
            return _make_date(year, b, a, how) if dayfirst else _make_date(year, a, b, how)
        if a > 12 >= b or a == b:
            return _make_date(year, b, a)
        if b > 12 >= a:
            return _make_date(year, a, b)
        if a > 12 and b > 12:
            return "not a real date; check the day and month"
        first = dt.date(2000, b, 1).strftime("%B")
        second = dt.date(2000, a, 1).strftime("%B")
        return (
            f"ambiguous: {a} {first} or {second} {b}; pass --dayfirst or --monthfirst "
            "for the whole file"
        )
    m = _NAME_MDY.fullmatch(text)
    if m and m[1].casefold() in _MONTHS:
        return _make_date(int(m[3]), _MONTHS[m[1].casefold()], int(m[2]))
    m = _NAME_DMY.fullmatch(text)
    if m and m[2].casefold() in _MONTHS:
        y = m[3]
        year = int(y) + 2000 if len(y) == 2 else int(y)
        return _make_date(year, _MONTHS[m[2].casefold()], int(m[1]))
    m = _SERIAL.fullmatch(text)
    if m:
        serial = int(m[1])
        if serial in SERIALS:
            return _EXCEL_EPOCH + dt.timedelta(days=serial)
        return f"not a date: as a spreadsheet date number it is outside 1970-2999; {_DATE_FIX}"
    return f"not a date; {_DATE_FIX}"


def _parse_when(text: str, zone: ZoneInfo, dayfirst: bool | None) -> dt.datetime | str:
    """Return the aware interview time written in `text` (local to `zone`), or a problem."""
    naive: dt.datetime | None = None
    offset: dt.tzinfo | None = None
    if len(text) >= 16 and text[4] == "-" and text[:4].isdigit():
        try:
            parsed: dt.datetime | None = dt.datetime.fromisoformat(text)
        except ValueError:
            parsed = None
        if parsed is not None:
            if parsed.year not in YEARS:
                return _year_problem(parsed.year)
            if parsed.tzinfo is not None:
                return parsed.astimezone(zone)
            naive = parsed
    if naive is None:
        m = _SERIAL.fullmatch(text)
        if m and m[2] and int(m[1]) in SERIALS:
            fraction = round(float("0." + m[2]) * 86400)
            day = _EXCEL_EPOCH + dt.timedelta(days=int(m[1]))
            naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=fraction)
            naive = naive.replace(second=0) if naive.second < 30 else naive
        else:
            m = _TIME_TAIL.fullmatch(text)
            if m is None or (m[3] is None and m[5] is None):
                day_only = _parse_date(text, dayfirst)
                if isinstance(day_only, str):
                    return day_only.replace(_DATE_FIX, _WHEN_FIX)
                return f"has no time; {_WHEN_FIX}, or leave the interview out with --map 'Column=-'"
            day_part = _parse_date(m[1].strip().rstrip(","), dayfirst)
            if isinstance(day_part, str):
                return day_part.replace(_DATE_FIX, _WHEN_FIX)
            hour, minute, second = int(m[2]), int(m[3] or 0), int(m[4] or 0)
            if m[5]:
                if not 1 <= hour <= 12:
                    return f"not a time of day; {_WHEN_FIX}"
                hour = hour % 12 + (12 if m[5].casefold() == "p" else 0)
            if hour > 23 or minute > 59 or second > 59:
                return f"not a time of day; {_WHEN_FIX}"
            naive = dt.datetime.combine(day_part, dt.time(hour, minute, second))
            if m[6]:
                offset = _offset(m[6])
                if offset is None:
                    return f"{m[6]!r} is not a UTC offset (from -23:59 to +23:59); {_WHEN_FIX}"
    if offset is not None:
        return naive.replace(tzinfo=offset).astimezone(zone)
    try:
        return resolve_local(naive, zone, "interview")
    except ValidationError as exc:
        return exc.message.removeprefix("interview: ")


def _offset(text: str) -> dt.tzinfo | None:
    """Return the zone of a written UTC offset, or None when it is not one (e.g. +25:00)."""
    if text.casefold() in ("z", "utc", "gmt"):
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        return None
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


# --------------------------------------------------------------------------- rows

_INTEREST = re.compile(r"([1-5])(?:\.0+)?\s*(?:/\s*5)?")
_PHONE = re.compile(r"\+?[\d\s().\-/]{3,40}(?:\s*(?:x|ext\.?|extension)\s*\d{1,6})?", re.I)
_3_DIGITS = re.compile(r"\d\D*\d\D*\d")
_SPACE = re.compile(r"\s")
_BARE_URL = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:[/?#]\S*)?", re.I)
#: The longest one-line value per field; longer is a problem (and keeps regexes linear).
_LIMITS = tuple(
    {
        "company": MAX_SHORT, "role": MAX_SHORT, "status": 100, "applied": 64,
        "interview": 64, "contact": MAX_SHORT, "recruiter": MAX_SHORT, "agency": MAX_SHORT,
        "email": MAX_SHORT, "phone": MAX_SHORT, "url": 2048, "interest": 20,
    }.items()
)  # fmt: skip
_FORMULA = (
    "a formula saved without its value; open the file in your spreadsheet program and save it "
    "again, or copy the column and paste it as values"
)


def parse_row(
    number: int,
    cells: Sequence[str],
    columns: ColumnMap,
    zone: ZoneInfo,
    dayfirst: bool | None = None,
) -> ImportRow | SkippedRow | list[RowProblem]:
    """Check one row; return the application, a skipped (wishlist) row, or every problem in it."""
    labels = columns.labels
    count = len(cells)
    values: dict[str, str] = {}
    problems: list[RowProblem] = []
    reported: set[str] = set()
    for name, index in columns.fields.items():
        if index >= count:
            continue
        text = cells[index].strip()
        if not text or (len(text) <= 4 and text.casefold() in _NULLS):
            continue
        if isinstance(cells[index], FormulaCell):  # CSV has no formulas: "=" there is text
            problems.append(RowProblem(number, labels.get(name, name), text, _FORMULA))
            reported.add(name)
            continue
        if text[0] == "'":  # our own export's guard against formulas ("'@Home" is "@Home")
            text = unguard_cell(text)
        values[name] = text

    def problem(name: str, text: str, message: str) -> None:
        problems.append(RowProblem(number, labels.get(name, name), text, message))

    for name, limit in _LIMITS:
        text = values.get(name, "")
        if len(text) > limit or not LINE_BREAKS.isdisjoint(text):
            problem(name, text, f"more than one line or over {limit} characters; is this the "
                    "right column? (--map 'Column=-' ignores one)")  # fmt: skip
            del values[name]
            reported.add(name)  # not also "empty"

    warns: list[str] = []
    notes: list[str] = []
    status_raw = values.get("status", "")
    status = "applied"
    if status_raw:
        found = _classify(status_raw)
        if found == _WISHLIST:
            return SkippedRow(
                number,
                labels.get("status", "status"),
                status_raw,
                "not applied yet (a wishlist entry); not imported",
            )
        if found is None:
            warns.append(f"status {status_raw!r} is not one we know; imported as 'applied'")
            notes.append(f"Status in the sheet: {status_raw}")
        else:
            status = found

    company = values.get("company", "")
    role = values.get("role", "")
    if not company and "company" not in reported:
        problem("company", "", "empty; give the company's name")
    if not role and "role" not in reported:
        problem("role", "", "empty; give the job title, e.g. 'Data Engineer'")
    applied: dt.date | None = None
    raw = values.get("applied")
    if raw:
        day = _parse_date(raw, dayfirst)
        if isinstance(day, str):
            problem("applied", raw, day)
        else:
            applied = day

    interview: dt.datetime | None = None
    raw = values.get("interview")
    if raw:
        when = _parse_when(raw, zone, dayfirst)
        if isinstance(when, str):
            problem("interview", raw, when)
        else:
            interview = when

    agency = values.get("agency") or None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_role = "recruiter" if agency else "hiring-manager"
    who_field = "recruiter" if "recruiter" in values else "contact"
    who = values.get(who_field)
    if who_field == "recruiter":
        contact_role = "recruiter"
        if "contact" in values:
            notes.append(f"Contact: {values['contact']}")
    if who:
        try:
            contact_name, contact_email = parse_address(who, labels.get(who_field, who_field))
        except ValidationError as exc:
            problem(who_field, who, exc.message.split(": ", 1)[-1])
    raw = values.get("email")
    if raw:
        try:
            contact_email = check_email(raw, "email")
        except ValidationError:
            problem("email", raw, "not an e-mail address; write it like ann@acme.example")
    contact_phone = values.get("phone")
    if contact_phone and not (_PHONE.fullmatch(contact_phone) and _3_DIGITS.search(contact_phone)):
        problem("phone", contact_phone, "not a phone number; write it like +44 20 7946 0000")
    if contact_name is None and (contact_email or contact_phone):
        contact_name = contact_email.split("@")[0] if contact_email else f"Contact at {company}"

    url = values.get("url")
    if url and not url.casefold().startswith(("http://", "https://")):
        if _BARE_URL.fullmatch(url):
            url = "https://" + url
        else:
            problem("url", url, "not a web address; give a full address starting with https://")
    elif url and _SPACE.search(url):
        problem("url", url, "a web address has no spaces; give a full address")

    interest: int | None = None
    raw = values.get("interest")
    if raw:
        m = _INTEREST.fullmatch(raw)
        if m:
            interest = int(m[1])
        else:
            problem("interest", raw, "not 1-5; give a whole number from 1 (low) to 5 (high)")

    if problems:
        return problems
    body = values.get("notes", "")
    extra = []
    if "salary" in values:
        extra.append(f"Salary: {values['salary']}")
    if "location" in values:
        extra.append(f"Location: {values['location']}")
    extra.extend(notes)
    if extra:
        body = "\n".join([body, *extra]) if body else "\n".join(extra)
    return ImportRow(
        number=number,
        company=company,
        role=role,
        status=status,
        status_raw=status_raw,
        applied=applied,
        interview=interview,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        contact_role=contact_role,
        agency=agency,
        url=url,
        notes=body,
        interest=interest,
        warnings=tuple(warns),
    )


# --------------------------------------------------------------------------- reading


def read_table(
    path: Path,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    overrides: Mapping[str, str] = {},  # noqa: B006
) -> Table:
    """Open a .csv or .xlsx, find its header, and return the rows after it, streamed.

    `overrides` are the `--map` pairs: they count when looking for the header. Every failure is a
    ValidationError naming "file" (or "encoding", "sheet", "map") with a one-line fix.
    """
    path = Path(path)
    suffix = path.suffix.casefold()
    if suffix not in (".csv", ".xlsx"):
        hint = {
            ".xls": "an old Excel file; save it as .xlsx or CSV",
            ".ods": "an OpenDocument sheet; save it as .xlsx or CSV",
            ".numbers": "a Numbers file; export it as .xlsx or CSV",
            ".json": "a Followthrough backup is restored by `followthrough import FILE.json`",
        }.get(suffix, "save the spreadsheet as .csv or .xlsx")
        raise ValidationError("file", f"{path.name!r} is not a .csv or .xlsx file; {hint}")
    wanted = _parse_overrides(overrides)
    try:
        if not path.is_file():
            what = "is a folder" if path.is_dir() else "does not exist"
            raise ValidationError("file", f"{str(path)!r} {what}; give the spreadsheet's path")
    except OSError as exc:
        raise ValidationError("file", f"cannot read {str(path)!r}: {exc.strerror}") from None
    if suffix == ".csv":
        if encoding is not None:
            try:
                encoding = codecs.lookup(encoding).name
            except LookupError:
                raise ValidationError(
                    "encoding", f"{encoding!r} is not an encoding; try utf-8, cp1252 or latin-1"
                ) from None
        else:
            encoding = _detect_encoding(path)
        delimiter = _sniff_delimiter(path, encoding)
        rows = _csv_rows(path, encoding, delimiter)
        return _with_header(path, rows, wanted, encoding=encoding, delimiter=delimiter)
    rows, name = _xlsx_rows(path, sheet)
    return _with_header(path, rows, wanted, sheet=name)


def _with_header(
    path: Path,
    rows: Iterator[tuple[int, list[str]]],
    overrides: Mapping[str, str],
    **extra: Any,
) -> Table:
    seen = 0
    try:
        for number, cells in rows:
            seen += 1
            if _is_header(_build_map(cells, overrides)):
                return Table(header=cells, header_row=number, rows=rows, **extra)
            if seen >= HEADER_SCAN:
                break
    except BaseException:
        _close(rows)
        raise
    _close(rows)
    if seen == 0:
        raise ValidationError("file", f"{path.name!r} is empty: it has no rows to import")
    raise ValidationError(
        "file",
        f"no header row in the first {min(seen, HEADER_SCAN)} rows of {path.name!r}: one needs "
        "a company or role column and one more we know (e.g. 'Company,Role,Status'); add one, "
        "or name the columns with --map 'Column=field'",
    )


def _close(rows: Iterator[tuple[int, list[str]]]) -> None:
    close = getattr(rows, "close", None)
    if close is not None:
        close()


def _os_error(path: Path, exc: OSError) -> ValidationError:
    return ValidationError("file", f"cannot read {path.name!r}: {exc.strerror or exc}")


def _detect_encoding(path: Path) -> str:
    """Return the encoding of a CSV: one streaming pass, constant memory."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
            if head.startswith((b"\xff\xfe", b"\xfe\xff")):
                return "utf-16"
            if head.startswith(b"PK\x03\x04"):
                raise ValidationError(
                    "file", f"{path.name!r} is an XLSX (ZIP) file, not CSV; rename it to .xlsx"
                )
            if head.startswith(b"\xd0\xcf\x11\xe0"):
                raise ValidationError(
                    "file",
                    f"{path.name!r} is an old Excel (.xls) or password-protected file, not CSV; "
                    "save it as CSV or .xlsx without a password",
                )
            bom = head.startswith(codecs.BOM_UTF8)
            fh.seek(0)
            decoder = codecs.getincrementaldecoder("utf-8")()
            utf8 = True
            undefined = False
            offset = 0
            while chunk := fh.read(1 << 18):
                nul = chunk.find(b"\0")
                if nul >= 0:
                    raise ValidationError(
                        "file",
                        f"{path.name!r} is not a text file (a NUL byte at byte {offset + nul}); "
                        "export the spreadsheet as CSV",
                    )
                if utf8:
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError:
                        utf8 = False
                if not utf8 and not undefined:
                    undefined = any(b in chunk for b in _CP1252_UNDEFINED)
                offset += len(chunk)
            if utf8:
                try:
                    decoder.decode(b"", final=True)
                except UnicodeDecodeError:
                    utf8 = False
    except OSError as exc:
        raise _os_error(path, exc) from None
    if utf8:
        return "utf-8-sig" if bom else "utf-8"
    return "latin-1" if undefined else "cp1252"


def _sniff_delimiter(path: Path, encoding: str) -> str:
    """Return the delimiter of `, ; TAB |` that gives the most rows of one width > 1."""
    try:
        with path.open(encoding=encoding, errors="replace", newline="") as fh:
            sample = fh.read(_CSV_SNIFF)
    except OSError as exc:
        raise _os_error(path, exc) from None
    if len(sample) == _CSV_SNIFF:
        cut = max(sample.rfind("\n"), sample.rfind("\r"))
        sample = sample[:cut] if cut > 0 else sample
    best, best_score = ",", 0
    for delimiter in _DELIMITERS:
        widths: dict[int, int] = {}
        try:
            reader = csv.reader(io.StringIO(sample), delimiter=delimiter)
            for i, row in enumerate(reader):
                if i >= 30:
                    break
                if len(row) > 1:
                    widths[len(row)] = widths.get(len(row), 0) + 1
        except csv.Error:
            continue
        score = max(widths.values(), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


_NUL = "it contains NUL characters: not a text file; export the spreadsheet as CSV"


class _LineTooLong(Exception):
    pass


def _lines(fh: io.TextIOBase) -> Iterator[str]:
    readline = fh.readline
    while line := readline(MAX_LINE):
        if len(line) >= MAX_LINE and line[-1] not in "\r\n":
            raise _LineTooLong
        yield line


def _csv_rows(path: Path, encoding: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    csv.field_size_limit(MAX_CELL)
    number = 0
    try:
        with path.open(encoding=encoding, newline="") as fh:
            for row in csv.reader(_lines(fh), delimiter=delimiter):
                number += 1
                joined = "".join(row)
                if joined.strip():
                    if "\0" in joined:
                        raise ValidationError("file", f"row {number}: {_NUL}")
                    yield number, row
    except csv.Error as exc:
        text = str(exc)
        if "field larger" in text:
            text = f"a cell is longer than {MAX_CELL} characters; is this the right file?"
        elif "NUL" in text:
            text = _NUL
        raise ValidationError("file", f"row {number + 1}: {text}") from None
    except _LineTooLong:
        raise ValidationError(
            "file",
            f"row {number + 1}: a line longer than {MAX_LINE} characters; a spreadsheet row is "
            "never this long: is this the right file?",
        ) from None
    except UnicodeDecodeError as exc:
        raise ValidationError(
            "file",
            f"near row {number + 1}: byte 0x{exc.object[exc.start]:02x} is not {encoding} text; "
            "give the right --encoding, or save the file as 'CSV UTF-8'",
        ) from None
    except OSError as exc:
        raise _os_error(path, exc) from None


def _check_zip(path: Path) -> None:
    """Refuse what is not an XLSX before openpyxl sees it, and parts too big to load whole."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise _os_error(path, exc) from None
    if not head:
        raise ValidationError("file", f"{path.name!r} is empty: it has no rows to import")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(
            "file",
            f"{path.name!r} is an old Excel (.xls) or password-protected file; save it as .xlsx "
            "without a password",
        )
    if not head.startswith(b"PK\x03\x04"):
        raise ValidationError(
            "file",
            f"{path.name!r} is not an XLSX file (not a ZIP archive); save it as .xlsx or CSV",
        )
    try:
        with zipfile.ZipFile(path) as archive:
            xlsx_scan.check_parts(archive, path.name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise ValidationError("file", f"{path.name!r} is a damaged XLSX file ({exc})") from None
    except OSError as exc:
        raise _os_error(path, exc) from None


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Ignore openpyxl's own warnings (unsupported styles, extensions) while it works."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\.|$)")
        yield


def _xlsx_error(path: Path, exc: Exception) -> ValidationError:
    chain: list[BaseException] = []
    link: BaseException | None = exc
    while link is not None and link not in chain:  # openpyxl re-raises as IOError
        chain.append(link)
        link = link.__cause__ or link.__context__
    if any(
        c.__module__.startswith("defusedxml") or "amplification" in str(e)
        for e in chain
        for c in type(e).__mro__
    ):
        return ValidationError(
            "file",
            f"unsafe XLSX: {path.name!r} declares XML entities (an entity-expansion bomb?); "
            "re-save it from your spreadsheet program",
        )
    reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
    return ValidationError("file", f"{path.name!r} is not a readable XLSX file ({reason})")


def _xlsx_rows(path: Path, sheet: str | None) -> tuple[Iterator[tuple[int, list[str]]], str]:
    _check_zip(path)
    openpyxl: Any = importlib.import_module("openpyxl")  # lazy: only an XLSX import pays for it

    if not openpyxl.DEFUSEDXML:
        raise ValidationError(
            "file", "XLSX import needs defusedxml for safe XML parsing; install it and try again"
        )
    try:
        # our own handle: openpyxl does not close its file when loading fails
        handle = path.open("rb")
    except OSError as exc:
        raise _os_error(path, exc) from None
    try:
        with _quiet():
            book = openpyxl.load_workbook(
                handle, read_only=True, data_only=True, keep_links=False, rich_text=False
            )
    except Exception as exc:  # openpyxl raises a grab-bag of types for a broken file
        handle.close()
        raise _xlsx_error(path, exc) from None
    try:
        sheets = list(book.worksheets)
        names = [ws.title for ws in sheets]
        if sheet is not None:
            if sheet not in names:
                shown = ", ".join(repr(n) for n in names)
                raise ValidationError("sheet", f"no sheet named {sheet!r}; the sheets are {shown}")
            ws = sheets[names.index(sheet)]
        else:
            if not sheets:
                raise ValidationError("file", f"{path.name!r} has no worksheet")
            active = book.active
            ws = active if active in sheets else sheets[0]
        ws.reset_dimensions()  # some programs write wrong dimensions; read every row
        formulas = _scan_sheet(path, book, ws)
    except BaseException as exc:
        book.close()
        handle.close()
        if isinstance(exc, Exception) and not isinstance(exc, ValidationError):
            raise _xlsx_error(path, exc) from None
        raise
    return _xlsx_iter(path, book, handle, ws, formulas), ws.title


def _scan_sheet(path: Path, book: Any, ws: Any) -> dict[int, list[tuple[int, str]]]:
    """Check the worksheet `ws` against the limits before openpyxl reads it (see xlsx_scan);
    return its formulas saved without a value, by row: {row: [(column, "=formula")]}."""
    archive = book._archive  # openpyxl's own open archive of the file
    member = getattr(ws, "_worksheet_path", None)
    if not isinstance(member, str) or member not in archive.namelist():
        raise ValidationError("file", f"{path.name!r} is not a readable XLSX file (no worksheet)")
    if archive.getinfo(member).file_size > xlsx_scan.MAX_SHEET:  # a sheet outside xl/worksheets
        xlsx_scan.check_parts(archive, path.name)
    by_row: dict[int, list[tuple[int, str]]] = {}
    for (row, column), formula in xlsx_scan.scan_sheet(archive, member, path.name).items():
        by_row.setdefault(row, []).append((column, formula))
    return by_row


class FormulaCell(str):
    """The text of an XLSX formula saved without its value ("=SUM(A1:A3)"): not a value."""

    __slots__ = ()


def _xlsx_iter(
    path: Path,
    book: Any,
    handle: io.BufferedReader,
    ws: Any,
    formulas: Mapping[int, list[tuple[int, str]]],
) -> Iterator[tuple[int, list[str]]]:
    try:
        values = ws.iter_rows(values_only=True)
        number = 0
        while True:
            with _quiet():
                row = next(values, None)
            if row is None:
                return
            number += 1
            if number > MAX_XLSX_ROWS:
                raise ValidationError(
                    "file", f"{path.name!r} has more than {MAX_XLSX_ROWS} rows; not a real sheet"
                )
            cells = [_cell_text(v) for v in row]
            for column, formula in formulas.get(number, ()):
                cells.extend([""] * (column - len(cells)))
                cells[column - 1] = FormulaCell(formula)
            joined = "".join(cells)
            if joined.strip():
                if "\0" in joined:
                    raise ValidationError("file", f"row {number}: {_NUL}")
                if len(joined) > MAX_CELL and any(len(c) > MAX_CELL for c in cells):
                    raise ValidationError(
                        "file",
                        f"row {number}: a cell is longer than {MAX_CELL} characters; "
                        "is this the right file?",
                    )
                yield number, cells
    except ValidationError:
        raise
    except Exception as exc:  # a broken part shows only when it is read
        raise _xlsx_error(path, exc) from None
    finally:
        book.close()
        handle.close()


def _cell_text(value: object) -> str:
    """Return an XLSX cell value as the text a person would see, dates in ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.microsecond:
            value = (value + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
        if value.tzinfo is None and value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if not value.second else "seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes" if not value.second else "seconds")
    return str(value)
