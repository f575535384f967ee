"""CSV files: the encoding, the delimiter, and the rows, streamed (see the package doc)."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from followthrough.domain.errors import ValidationError
from followthrough.io.sheets.records import MAX_CELL, MAX_LINE, NUL, os_error

_CSV_SNIFF = 64 * 1024
_DELIMITERS = (",", ";", "\t", "|")
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")


def detect_encoding(path: Path) -> str:
    """Return the encoding of a CSV: one streaming pass, constant memory."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
            if head.startswith((b"\xff\xfe", b"\xfe\xff")):
                return "utf-16"
            _refuse_binary(path, head)
            bom = head.startswith(codecs.BOM_UTF8)
            fh.seek(0)
            utf8, undefined = _scan_bytes(path, fh)
    except OSError as exc:
        raise os_error(path, exc) from None
    if utf8:
        return "utf-8-sig" if bom else "utf-8"
    return "latin-1" if undefined else "cp1252"


def _refuse_binary(path: Path, head: bytes) -> None:
    """Refuse a file whose first bytes say it is an XLSX or an old Excel file, not CSV."""
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


def _scan_bytes(path: Path, fh: BinaryIO) -> tuple[bool, bool]:
    """Return (valid UTF-8, holds a byte cp1252 leaves undefined) for the rest of `fh`."""
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
    return utf8, undefined


def sniff_delimiter(path: Path, encoding: str) -> str:
    """Return the delimiter of `, ; TAB |` that gives the most rows of one width > 1."""
    try:
        with path.open(encoding=encoding, errors="replace", newline="") as fh:
            sample = fh.read(_CSV_SNIFF)
    except OSError as exc:
        raise os_error(path, exc) from None
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


class _LineTooLong(Exception):
    pass


def _lines(fh: io.TextIOBase) -> Iterator[str]:
    readline = fh.readline
    while line := readline(MAX_LINE):
        if len(line) >= MAX_LINE and line[-1] not in "\r\n":
            raise _LineTooLong
        yield line


def csv_rows(path: Path, encoding: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Yield the non-blank records of a CSV as (record number, cells), checked as they come."""
    csv.field_size_limit(MAX_CELL)
    number = 0
    try:
        with path.open(encoding=encoding, newline="") as fh:
            for row in csv.reader(_lines(fh), delimiter=delimiter):
                number += 1
                joined = "".join(row)
                if joined.strip():
                    if "\0" in joined:
                        raise ValidationError("file", f"row {number}: {NUL}")
                    yield number, row
    except csv.Error as exc:
        text = str(exc)
        if "field larger" in text:
            text = f"a cell is longer than {MAX_CELL} characters; is this the right file?"
        elif "NUL" in text:
            text = NUL
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
        raise os_error(path, exc) from None
