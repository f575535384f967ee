"""The names the draft checker tells apart: those of one application (company, role, agency,
recruiter, panel, referees) and those of all the owner's other applications. Plain SQL, stdlib
only (store/sql.py): four statements, whose rows are names, not one set per application.

The other applications' names are read in two scans (the applications; the links of panels and
referees), done by SQLite: a name is recognised in the text by its words
(domain/checker_names.py), which no index on the stored names can answer.
"""

from __future__ import annotations

from followthrough.store import sql

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# {mine}: the owner test on applications; `owner_id + 0` for the other applications makes SQLite
# read the table through once rather than row by row through the owner's index. The panels
# and referees are found from the application (`= :app`: its index) or by scanning the links
# (`<> :app`); `owner_id + 0` keeps the owner's indexes (ix_interviews_owner_start) from
# steering the plan to every interview of the owner. An interviewer row belongs to the owner
# of its interview (as in store/read/records.py).
_APPS = """
SELECT a.company, a.role, a.agency, c.name FROM applications a
LEFT JOIN contacts c ON c.id = a.recruiter_id AND c.owner_id + 0 = :owner
WHERE a.{mine} AND a.id {op} :app
"""
_PEOPLE = """
SELECT c.name FROM interviews i
JOIN interviewers v ON v.interview_id = i.id
JOIN contacts c ON c.id = v.contact_id
WHERE i.owner_id + 0 = :owner AND c.owner_id + 0 = :owner AND i.application_id {op} :app
UNION
SELECT c.name FROM referees r JOIN contacts c ON c.id = r.contact_id
WHERE r.owner_id + 0 = :owner AND c.owner_id + 0 = :owner AND r.application_id {op} :app
"""
OWN = (_APPS.format(mine="owner_id = :owner", op="="), _PEOPLE.format(op="="))
OTHERS = (_APPS.format(mine="owner_id + 0 = :owner", op="<>"), _PEOPLE.format(op="<>"))


def _names(conn: Any, statements: tuple[str, ...], params: dict[str, Any]) -> set[str]:
    found = {n for query in statements for row in sql.rows(conn, query, params) for n in row}
    found.discard(None)  # no agency, no recruiter
    found.discard("")
    return found


def names_around(conn: Any, owner: int, app_id: int | None) -> tuple[set[str], set[str]]:
    """Return (the names of application `app_id`, the names of the owner's other applications);
    with no application, (nothing, the names of all of them)."""
    params = {"owner": owner, "app": app_id or 0}  # ids start at 1: 0 is no application
    own = _names(conn, OWN, params) if app_id is not None else set()
    return own, _names(conn, OTHERS, params)


_BY_APP = (
    """
SELECT a.id, a.company, a.role, a.agency, c.name FROM applications a
LEFT JOIN contacts c ON c.id = a.recruiter_id AND c.owner_id + 0 = :owner
WHERE a.owner_id = :owner
""",
    """
SELECT i.application_id, c.name FROM interviews i
JOIN interviewers v ON v.interview_id = i.id
JOIN contacts c ON c.id = v.contact_id
WHERE i.owner_id + 0 = :owner AND c.owner_id + 0 = :owner
UNION
SELECT r.application_id, c.name FROM referees r JOIN contacts c ON c.id = r.contact_id
WHERE r.owner_id + 0 = :owner AND c.owner_id + 0 = :owner
""",
)


def by_application(conn: Any, owner: int) -> dict[int, set[str]]:
    """Return the names of each of the owner's applications (for `lint` without `--app`)."""
    found: dict[int, set[str]] = {}
    for query in _BY_APP:
        for app_id, *names in sql.rows(conn, query, {"owner": owner}):
            found.setdefault(app_id, set()).update(n for n in names if n)
    return found


_DEBRIEFS = """
SELECT d.data FROM debriefs d JOIN interviews i ON i.id = d.interview_id
WHERE i.owner_id = :owner AND i.application_id = :app ORDER BY i.start_at, i.id
"""


def debrief_words(conn: Any, owner: int, app_id: int) -> tuple[list[str], list[str]]:
    """Return the topics and the projects of the debriefs of application `app_id`, in the
    order of its interviews (what the checker reads of them, without building the facts)."""
    import json

    topics: list[str] = []
    projects: list[str] = []
    for (data,) in sql.rows(conn, _DEBRIEFS, {"owner": owner, "app": app_id}):
        answers = json.loads(data)
        topics += answers.get("topics", [])
        projects += answers.get("projects", [])
    return topics, projects
