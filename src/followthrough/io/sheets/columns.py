"""Header detection: which column of a sheet holds which of our fields (see the package doc)."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping, Sequence

from followthrough.domain.errors import ValidationError
from followthrough.io.sheets.records import ColumnMap

FIELDS = (
    "company", "role", "status", "applied", "interview", "contact", "recruiter", "agency",
    "email", "phone", "url", "notes", "salary", "location", "interest",
)  # fmt: skip
FUZZY_CUTOFF = 0.85


def _aliases(**groups: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for field_name, names in groups.items():
        for name in names.split("|"):
            out[_norm(name)] = field_name
    return out


NON_WORD = re.compile(r"[\W_]+")


def _norm(text: str) -> str:
    """Casefold and drop everything but letters and digits: 'E-mail ' -> 'email'."""
    return NON_WORD.sub("", text.casefold())


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
    notes="notes|note|comments|comment|remarks|details|additional notes|memo|thoughts|"
    "my notes|my thoughts|observations|impressions|misc|miscellaneous|other",
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


#: What joins two names in one header cell: "Notes / thoughts", "Salary & benefits".
_JOINS = re.compile(r"\s*(?:[/&+|,;]|\band\b|\bor\b)\s*", re.IGNORECASE)


def _match_parts(cell: str) -> tuple[str, int] | None:
    """Return (field, 2) when the names joined in a header cell ("Notes / thoughts") name
    exactly one of our fields among them, else None."""
    parts = [_norm(p) for p in _JOINS.split(cell) if _norm(p)]
    if len(parts) < 2:
        return None
    found = {ALIASES[p] for p in parts if p in ALIASES}
    return (found.pop(), 2) if len(found) == 1 else None


def parse_overrides(overrides: Mapping[str, str]) -> dict[str, str]:
    """Return the `--map` pairs as {normalised column name: field or "-"}, each one checked."""
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


def build_map(header: Sequence[str], overrides: Mapping[str, str]) -> ColumnMap:
    """Return the map of a header row, the best-ranked column winning each field."""
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
            hit = _match(key) or _match_parts(cell)
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


def is_header(columns: ColumnMap) -> bool:
    """Return True when a row maps two fields, one of them the company or the role."""
    names = columns.fields
    return len(names) >= 2 and ("company" in names or "role" in names)


def map_columns(header: Sequence[str], overrides: Mapping[str, str] = {}) -> ColumnMap:  # noqa: B006
    """Map header cells to our fields; `overrides` maps a column header to a field or "-".

    Raises ValidationError("map", ...) for an override naming a field we do not have or a column
    the header does not have, and ValidationError("file", ...) when no column holds the company
    or the role.
    """
    wanted = parse_overrides(overrides)
    keys = {_norm(c) for c in header}
    for column in overrides:
        if _norm(column) not in keys:
            shown = ", ".join(repr(c.strip()) for c in header if c.strip())
            raise ValidationError("map", f"no column {column!r} in the header; it has {shown}")
    columns = build_map(header, wanted)
    for needed, example in (("company", "Company"), ("role", "Role")):
        if needed not in columns.fields:
            shown = ", ".join(repr(c) for c in columns.unmapped) or "none"
            raise ValidationError(
                "file",
                f"no column holds the {needed}; name it with --map '{example} column={needed}' "
                f"(columns not used: {shown})",
            )
    return columns
