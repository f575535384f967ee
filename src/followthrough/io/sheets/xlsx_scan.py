"""Checking an XLSX before openpyxl reads it: sizes, counts and formulas, streamed with expat.

openpyxl builds a whole row, and the whole shared-strings table, styles and other parts, in
memory before we see them, and pads a row with empty cells up to the column its last cell names.
A crafted file of a few hundred KB can unpack to a row of a million cells or a table of millions
of strings (minutes of work, a GB of memory). So before openpyxl reads anything:

- `check_parts`: every part but a worksheet unpacks to at most `MAX_PART`; one big enough to
  matter is streamed through expat counting its elements: at most `MAX_STRINGS` shared strings
  and `MAX_ELEMENTS` elements.
- `scan_sheet`: the worksheet about to be read (at most `MAX_SHEET` unpacked) is streamed
  through expat counting cells as openpyxl will (a row is as wide as its farthest cell): at most
  `MAX_COLUMNS` a row, `MAX_CELLS` in all, row numbers up to `MAX_ROWS`. The sheet's own
  `dimension` tag is never trusted. It also returns the formulas saved without a value (files
  written by libraries, not by a spreadsheet program), which the import refuses cell by cell.

Each check stops at the first limit crossed, in constant memory, with a one-line
ValidationError("file", ...). An XML entity declaration is refused as unsafe (as defusedxml
does for openpyxl). A part that is not XML is left to openpyxl, which says what is wrong.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from typing import Any
from xml.parsers import expat

from followthrough.domain.errors import ValidationError

MAX_ROWS = 1_048_576  # Excel's own limits
MAX_COLUMNS = 16_384
MAX_CELLS = 1_000_000
MAX_STRINGS = 1_000_000
MAX_ELEMENTS = 4_000_000
MAX_PART = 64 << 20
MAX_SHEET = 512 << 20
MAX_FORMULAS = 10_000
#: Parts smaller than this cannot hold enough elements to matter; they are not scanned.
_SCAN_FROM = 256 << 10
_CHUNK = 1 << 16
_SAVE_AS_CSV = "is this the right file? If it is, save the sheet as CSV and import that"


def _refuse(name: str, what: str) -> ValidationError:
    return ValidationError("file", f"{name!r} {what}")


def _parse(archive: zipfile.ZipFile, member: str, name: str, parser: Any) -> None:
    """Feed `member` to `parser` in chunks; a part that is not XML is left to openpyxl."""

    def entity(*_: object) -> None:
        raise ValidationError(
            "file",
            f"unsafe XLSX: {name!r} declares XML entities (an entity-expansion bomb?); "
            "re-save it from your spreadsheet program",
        )

    parser.EntityDeclHandler = entity
    try:
        with archive.open(member) as fh:
            while chunk := fh.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        return


def _is_sheet(member: str) -> bool:
    return member.startswith("xl/worksheets/") and member.endswith(".xml")


def check_parts(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse parts too big to load, and shared strings or other whole-loaded parts too dense."""
    for info in archive.infolist():
        mib = info.file_size >> 20
        if _is_sheet(info.filename):
            if info.file_size > MAX_SHEET:
                raise _refuse(
                    name,
                    f"has a worksheet that unpacks to {mib} MiB (over {MAX_SHEET >> 20} MiB); "
                    + _SAVE_AS_CSV,
                )
            continue
        if info.file_size > MAX_PART:
            raise ValidationError(
                "file",
                f"unsafe XLSX: {info.filename} unpacks to {mib} MiB (over {MAX_PART >> 20} MiB); "
                "re-save the workbook from your spreadsheet program",
            )
        if info.file_size >= _SCAN_FROM:
            _count_elements(archive, info.filename, name)


def _count_elements(archive: zipfile.ZipFile, member: str, name: str) -> None:
    elements = strings = 0

    def start(tag: str, _attrs: object) -> None:
        nonlocal elements, strings
        elements += 1
        if elements > MAX_ELEMENTS:
            raise _refuse(
                name,
                f"has more than {MAX_ELEMENTS:,} XML elements in {member}; re-save the workbook "
                "from your spreadsheet program",
            )
        if tag == "si" or tag.endswith(":si"):
            strings += 1
            if strings > MAX_STRINGS:
                raise _refuse(
                    name, f"has more than {MAX_STRINGS:,} shared strings (texts); " + _SAVE_AS_CSV
                )

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    _parse(archive, member, name, parser)


def _column(ref: str) -> int | None:
    """Return the column number of a cell reference like 'AB12' or '$AB$12', or None."""
    letters = ref.rstrip("0123456789").strip("$")
    if not 1 <= len(letters) <= 3 or not letters.isascii() or not letters.isalpha():
        return None
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


def scan_sheet(archive: zipfile.ZipFile, member: str, name: str) -> dict[tuple[int, int], str]:
    """Check the worksheet `member` against the limits; return its formulas saved without a
    value, as {(row, column): "=formula"} (both numbers 1-based, as openpyxl counts them)."""
    parser = expat.ParserCreate()
    scan = _SheetScan(name, parser)
    handler: Callable[[str, dict[str, str]], None] = scan.start
    parser.StartElementHandler = handler
    _parse(archive, member, name, parser)
    if scan.cell is not None:
        scan.close_cell()
    scan.end_row()
    return scan.formulas


class _SheetScan:
    """Where the scan of one worksheet is, and what it has counted so far."""

    __slots__ = (
        "name", "parser", "formulas", "row", "col", "width", "total", "cell", "has_value",
        "text", "collecting",
    )  # fmt: skip

    def __init__(self, name: str, parser: Any) -> None:
        self.name = name
        self.parser = parser
        self.formulas: dict[tuple[int, int], str] = {}
        self.row = self.col = self.width = self.total = 0
        self.cell: tuple[int, int] | None = None  # the cell being read, while it has a formula
        self.has_value = False
        self.text: list[str] = []
        self.collecting = False

    def close_cell(self) -> None:
        """Record the formula of the cell just read if it was saved without a value."""
        if self.cell is not None and not self.has_value:
            if len(self.formulas) >= MAX_FORMULAS:
                raise _refuse(
                    self.name,
                    f"has more than {MAX_FORMULAS:,} formulas saved without their values; open "
                    "it in your spreadsheet program and save it again (that stores them)",
                )
            formula = "".join(self.text).strip()[:1000]
            self.formulas[self.cell] = "=" + formula if formula else "=(a shared formula)"
        self.cell = None

    def end_row(self) -> None:
        """Count the cells of the row just read (as wide as its farthest cell)."""
        self.total += self.width
        if self.total > MAX_CELLS:
            raise _refuse(
                self.name,
                f"has more than {MAX_CELLS:,} cells (near row {self.row}); " + _SAVE_AS_CSV,
            )

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        """Handle the start of an element: a row, a cell, its value or its formula."""
        if self.collecting:
            self.parser.CharacterDataHandler = None
            self.collecting = False
        if tag == "c" or tag[-2:] == ":c":
            self._start_cell(attrs)
        elif tag == "v" or tag[-2:] == ":v":
            self.has_value = True
        elif tag == "f" or tag[-2:] == ":f":
            self.cell = (self.row, self.col)
            self.text.clear()
            self.parser.CharacterDataHandler = self.text.append
            self.collecting = True
        elif tag == "row" or tag[-4:] == ":row":
            self._start_row(attrs)

    def _start_cell(self, attrs: dict[str, str]) -> None:
        if self.cell is not None:
            self.close_cell()
        ref = attrs.get("r")
        found = _column(ref) if ref else None
        self.col = found if found is not None else self.col + 1
        if self.col > self.width:
            self.width = self.col
            if self.width > MAX_COLUMNS:
                raise _refuse(
                    self.name,
                    f"row {self.row} has more than {MAX_COLUMNS:,} cells (Excel's widest row); "
                    + _SAVE_AS_CSV,
                )
            if self.total + self.width > MAX_CELLS:
                self.end_row()
        self.has_value = False

    def _start_row(self, attrs: dict[str, str]) -> None:
        if self.cell is not None:
            self.close_cell()
        self.end_row()
        number = attrs.get("r")
        try:
            self.row = int(float(number)) if number else self.row + 1
        except (ValueError, OverflowError):
            self.row += 1  # openpyxl refuses it when it reads the row
        if self.row > MAX_ROWS:
            raise _refuse(
                self.name, f"has a row numbered {self.row} (more than Excel's {MAX_ROWS:,} rows)"
            )
        self.col = self.width = 0
