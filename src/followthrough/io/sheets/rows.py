"""One row of a sheet checked into an application: `parse_row`."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from followthrough.domain.parse import LINE_BREAKS
from followthrough.io.export import unguard_cell
from followthrough.io.sheets import statuses
from followthrough.io.sheets.fields import PARSERS, FieldProblem, Options
from followthrough.io.sheets.records import (
    MAX_SHORT,
    ColumnMap,
    FormulaCell,
    ImportRow,
    RowProblem,
    SkippedRow,
)

_NULLS = frozenset({"n/a", "na", "-", "--", "—", "none", "null", "nil", "#n/a"})
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
_WISHLIST_REASON = "not applied yet (a wishlist entry); not imported"
_REQUIRED = (
    ("company", "give the company's name"),
    ("role", "give the job title, e.g. 'Data Engineer'"),
)
#: Fields that go into the notes, since applications have no such fields.
_NOTED = (("salary", "Salary"), ("location", "Location"))


def parse_row(
    number: int,
    cells: Sequence[str],
    columns: ColumnMap,
    zone: ZoneInfo,
    dayfirst: bool | None = None,
) -> ImportRow | SkippedRow | list[RowProblem]:
    """Check one row; return the application, a skipped (wishlist) row, or every problem in it."""
    labels = columns.labels
    problems: list[RowProblem] = []
    reported: set[str] = set()  # fields already in `problems`: not also "empty"
    values = _values(number, cells, columns, problems, reported)
    status_raw = values.get("status", "")
    status = statuses.classify(status_raw) if status_raw else "applied"
    if status == statuses.WISHLIST:
        return SkippedRow(number, labels.get("status", "status"), status_raw, _WISHLIST_REASON)
    for name, fix in _REQUIRED:
        if name not in values and name not in reported:
            problems.append(RowProblem(number, labels.get(name, name), "", f"empty; {fix}"))
    parsed = _parse(number, values, labels, Options(zone, dayfirst), problems)
    if problems:
        return problems
    return _application(number, values, parsed, status_raw, status)


def _values(
    number: int,
    cells: Sequence[str],
    columns: ColumnMap,
    problems: list[RowProblem],
    reported: set[str],
) -> dict[str, str]:
    """Return the text of each mapped field the row fills; unusable cells go to `problems`."""
    labels = columns.labels
    count = len(cells)
    values: dict[str, str] = {}
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
    for name, limit in _LIMITS:
        text = values.get(name, "")
        if len(text) > limit or not LINE_BREAKS.isdisjoint(text):
            message = (
                f"more than one line or over {limit} characters; is this the right column? "
                "(--map 'Column=-' ignores one)"
            )
            problems.append(RowProblem(number, labels.get(name, name), text, message))
            del values[name]
            reported.add(name)
    return values


def _parse(
    number: int,
    values: Mapping[str, str],
    labels: Mapping[str, str],
    options: Options,
    problems: list[RowProblem],
) -> dict[str, Any]:
    """Return the value of each field with a parser; the cells that hold none go to `problems`."""
    parsed: dict[str, Any] = {}
    for name, parser in PARSERS.items():
        text = values.get(name)
        if not text or (name == "contact" and "recruiter" in values):  # one contact a row
            continue
        label = labels.get(name, name)
        try:
            parsed[name] = parser(text, label, options)
        except FieldProblem as exc:
            problems.append(RowProblem(number, label, text, str(exc)))
    return parsed


def _application(
    number: int,
    values: Mapping[str, str],
    parsed: Mapping[str, Any],
    status_raw: str,
    status: str | None,
) -> ImportRow:
    """Return the checked row as an application, its contact and notes put together."""
    company = values["company"]
    agency = values.get("agency") or None
    who = "recruiter" if "recruiter" in values else "contact"
    name, email = parsed.get(who, (None, None))
    email = parsed.get("email", email)  # an Email cell wins over an address in the name
    phone = values.get("phone")
    name, firm = person_and_firm(name)
    if firm and who == "recruiter" and agency is None:
        agency = firm  # "Hays - Tom Baker": Tom Baker of Hays
    if not name and (email or phone):
        name = "" if email else f"Contact at {company}"  # never the address's local part
    warnings: tuple[str, ...] = ()
    notes = [f"{label}: {values[key]}" for key, label in _NOTED if key in values]
    if status is None:
        warnings = (f"status {status_raw!r} is not one we know; imported as 'applied'",)
        notes.append(f"Status in the sheet: {status_raw}")
    if who == "recruiter" and "contact" in values:
        notes.append(f"Contact: {values['contact']}")
    body = values.get("notes", "")
    if notes:
        body = "\n".join([body, *notes]) if body else "\n".join(notes)
    return ImportRow(
        number=number,
        company=company,
        role=values["role"],
        status=status or "applied",
        status_raw=status_raw,
        applied=parsed.get("applied"),
        interview=parsed.get("interview"),
        contact_name=name,
        contact_email=email,
        contact_phone=phone,
        contact_role="recruiter" if agency or who == "recruiter" else "hiring-manager",
        agency=agency,
        url=parsed.get("url"),
        notes=body,
        interest=parsed.get("interest"),
        warnings=warnings,
    )


_FIRM_DASH = re.compile(r"^\s*(?P<firm>[^()]+?)\s+[-–—|]\s+(?P<name>[^()]+?)\s*$")
_FIRM_PARENS = re.compile(r"^\s*(?P<name>[^()]+?)\s*\((?P<firm>[^()]+)\)\s*$")


def person_and_firm(cell: str | None) -> tuple[str | None, str | None]:
    """Return (the person's name, their firm) from a contact cell that names both: "Hays -
    Tom Baker", "Tom Baker (Hays)", "Hays | Tom Baker"; else (the cell, None). The side that
    reads as a person's name (two to four words, each starting with a capital) is the person."""
    if not cell:
        return cell, None
    for pattern in (_FIRM_PARENS, _FIRM_DASH):
        found = pattern.match(cell)
        if found and _looks_like_a_name(found.group("name")):
            return found.group("name").strip(), found.group("firm").strip()
        if found and pattern is _FIRM_DASH and _looks_like_a_name(found.group("firm")):
            return found.group("firm").strip(), found.group("name").strip()  # "Tom Baker - Hays"
    return cell, None


def _looks_like_a_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and w.replace("-", "").replace(
        "'", "").replace(".", "").isalpha() for w in words)  # fmt: skip
