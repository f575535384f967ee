"""The agenda query as SQL text, and the schema head it is written for: stdlib only.

One source for both readers of the agenda: the `today --json` fast reader (store/fast.py, the
stdlib sqlite3 module, no SQLAlchemy import) and the store's own `actions.agenda` (SQLAlchemy,
any engine). Each picks its columns and its parameter markers; the rows and their order are
the same.
"""

from __future__ import annotations

#: The Alembic revision the database must be at for this SQL (store.db.HEAD is this one).
HEAD = "0007"

#: Columns that come from the application, not the action.
_JOINED = {"company": "ap.company AS company", "job_role": "ap.role AS job_role"}

# Pending and snoozed actions due before :until, by due time then id: the rows of status IN
# (...) ORDER BY a.due_at, a.id, read as two index-ordered runs merged (no sort of the rows).
_TEMPLATE = """
SELECT {columns}
FROM actions a LEFT JOIN applications ap ON ap.id = a.application_id
WHERE a.owner_id = {owner} AND a.status = 'pending' AND a.due_at < {until}
UNION ALL
SELECT {columns}
FROM actions a LEFT JOIN applications ap ON ap.id = a.application_id
WHERE a.owner_id = {owner} AND a.status = 'snoozed' AND a.due_at < {until}
ORDER BY {due}, {ident}
"""


def agenda_query(columns: tuple[str, ...], owner: str = ":owner", until: str = ":until") -> str:
    """Return the SQL of the owner's pending and snoozed actions due before `until`, by due
    time then id, selecting `columns` (action columns, and "company", "job_role" from its
    application); `owner` and `until` are the parameter markers (":owner", or "?1" for sqlite3)."""
    return _TEMPLATE.format(
        columns=", ".join(_JOINED.get(c, f"a.{c}") for c in columns),
        owner=owner,
        until=until,
        due=columns.index("due_at") + 1,
        ident=columns.index("id") + 1,
    )
