"""The values an import reads: a streamed table, its column map, and each row's outcome."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from followthrough.domain.errors import ValidationError

#: The longest cell and the longest physical line we read (characters).
MAX_CELL = 1 << 20
MAX_LINE = 1 << 20
#: The longest value we accept in a one-line field (company, role, names, e-mail...).
MAX_SHORT = 300
NUL = "it contains NUL characters: not a text file; export the spreadsheet as CSV"


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


class FormulaCell(str):
    """The text of an XLSX formula saved without its value ("=SUM(A1:A3)"): not a value."""

    __slots__ = ()


def os_error(path: Path, exc: OSError) -> ValidationError:
    """Return the one-line error for a file the system would not let us read."""
    return ValidationError("file", f"cannot read {path.name!r}: {exc.strerror or exc}")
