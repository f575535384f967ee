"""XLSX files: checked, then streamed by openpyxl (imported only here, only when needed).

See the package doc for what is refused and why; `xlsx_scan` does the checks that must come
before openpyxl reads anything.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import io
import warnings
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from followthrough.domain.errors import ValidationError
from followthrough.io.sheets import xlsx_scan
from followthrough.io.sheets.records import MAX_CELL, NUL, FormulaCell, os_error

#: Excel's own limits; a sheet claiming more is not a spreadsheet we can use.
MAX_XLSX_ROWS = xlsx_scan.MAX_ROWS
#: The XLSX limits checked before openpyxl reads anything (see `io/sheets/xlsx_scan.py`).
MAX_XLSX_COLUMNS = xlsx_scan.MAX_COLUMNS
MAX_XLSX_CELLS = xlsx_scan.MAX_CELLS
MAX_XLSX_STRINGS = xlsx_scan.MAX_STRINGS
MAX_XLSX_PART = xlsx_scan.MAX_PART


def _check_zip(path: Path) -> None:
    """Refuse what is not an XLSX before openpyxl sees it, and parts too big to load whole."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise os_error(path, exc) from None
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
        raise os_error(path, exc) from None


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


def xlsx_rows(path: Path, sheet: str | None) -> tuple[Iterator[tuple[int, list[str]]], str]:
    """Return the rows of the worksheet `sheet` (else the active one), streamed, and its name."""
    _check_zip(path)
    book, handle = _open_book(path)
    try:
        ws = _pick_sheet(path, book, sheet)
        ws.reset_dimensions()  # some programs write wrong dimensions; read every row
        formulas = _scan_sheet(path, book, ws)
    except BaseException as exc:
        book.close()
        handle.close()
        if isinstance(exc, Exception) and not isinstance(exc, ValidationError):
            raise _xlsx_error(path, exc) from None
        raise
    return _xlsx_iter(path, book, handle, ws, formulas), ws.title


def _open_book(path: Path) -> tuple[Any, io.BufferedReader]:
    """Return the workbook, opened read-only by openpyxl, and the file handle it reads."""
    openpyxl: Any = importlib.import_module("openpyxl")  # lazy: only an XLSX import pays for it

    if not openpyxl.DEFUSEDXML:
        raise ValidationError(
            "file", "XLSX import needs defusedxml for safe XML parsing; install it and try again"
        )
    try:
        # our own handle: openpyxl does not close its file when loading fails
        handle = path.open("rb")
    except OSError as exc:
        raise os_error(path, exc) from None
    try:
        with _quiet():
            book = openpyxl.load_workbook(
                handle, read_only=True, data_only=True, keep_links=False, rich_text=False
            )
    except Exception as exc:  # openpyxl raises a grab-bag of types for a broken file
        handle.close()
        raise _xlsx_error(path, exc) from None
    return book, handle


def _pick_sheet(path: Path, book: Any, sheet: str | None) -> Any:
    """Return the worksheet named `sheet`, or the active one when `sheet` is None."""
    sheets = list(book.worksheets)
    names = [ws.title for ws in sheets]
    if sheet is not None:
        if sheet not in names:
            shown = ", ".join(repr(n) for n in names)
            raise ValidationError("sheet", f"no sheet named {sheet!r}; the sheets are {shown}")
        return sheets[names.index(sheet)]
    if not sheets:
        raise ValidationError("file", f"{path.name!r} has no worksheet")
    active = book.active
    return active if active in sheets else sheets[0]


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


def _xlsx_iter(
    path: Path,
    book: Any,
    handle: io.BufferedReader,
    ws: Any,
    formulas: Mapping[int, list[tuple[int, str]]],
) -> Iterator[tuple[int, list[str]]]:
    """Yield the non-blank rows of `ws` as (row number, cells), then close the workbook."""
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
                    raise ValidationError("file", f"row {number}: {NUL}")
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
