"""Opening a sheet: `read_table` finds the header of a .csv or .xlsx and streams the rest."""

from __future__ import annotations

import codecs
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from followthrough.domain.errors import ValidationError
from followthrough.io.sheets.columns import build_map, is_header, parse_overrides
from followthrough.io.sheets.csvfile import csv_rows, detect_encoding, sniff_delimiter
from followthrough.io.sheets.records import Table
from followthrough.io.sheets.xlsx import xlsx_rows

#: How many non-blank rows may come before the header.
HEADER_SCAN = 10


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
    wanted = parse_overrides(overrides)
    try:
        if not path.is_file():
            what = "is a folder" if path.is_dir() else "does not exist"
            raise ValidationError("file", f"{str(path)!r} {what}; give the spreadsheet's path")
    except OSError as exc:
        raise ValidationError("file", f"cannot read {str(path)!r}: {exc.strerror}") from None
    if suffix == ".csv":
        return _csv_table(path, encoding, wanted)
    rows, name = xlsx_rows(path, sheet)
    return _with_header(path, rows, wanted, sheet=name)


def _csv_table(path: Path, encoding: str | None, wanted: Mapping[str, str]) -> Table:
    """Return the table of a CSV read with `encoding` (detected when None)."""
    if encoding is not None:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise ValidationError(
                "encoding", f"{encoding!r} is not an encoding; try utf-8, cp1252 or latin-1"
            ) from None
    else:
        encoding = detect_encoding(path)
    delimiter = sniff_delimiter(path, encoding)
    rows = csv_rows(path, encoding, delimiter)
    return _with_header(path, rows, wanted, encoding=encoding, delimiter=delimiter)


def _with_header(
    path: Path,
    rows: Iterator[tuple[int, list[str]]],
    overrides: Mapping[str, str],
    **extra: Any,
) -> Table:
    """Return the table whose header is the first of the first rows that maps as one."""
    seen = 0
    try:
        for number, cells in rows:
            seen += 1
            if is_header(build_map(cells, overrides)):
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
