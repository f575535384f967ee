"""The board's read (the Pipeline page): a page of the applications in one status, most
recently changed first. Plain SQL, stdlib only (store/sql.py). The counts per status and each
card's next action are the Reader's (store/read/records.py, store/read/actions.py).
"""

from __future__ import annotations

from followthrough.store import sql

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Most recently changed first: a card moved to another column is on top of it. The rows of one
# status come from ix_applications_owner_status; only they are sorted, and only the top kept.
CARDS = """
SELECT id, company, role, status FROM applications
WHERE owner_id = :owner AND status = :status
ORDER BY updated_at DESC, id DESC LIMIT :limit OFFSET :offset
"""


def cards(
    conn: Any, owner: int, status: str, limit: int, offset: int = 0
) -> list[tuple[int, str, str, str]]:
    """Return (id, company, role, status) of the owner's applications in `status`, most
    recently changed first, `limit` of them from `offset`."""
    params = {"owner": owner, "status": status, "limit": limit, "offset": offset}
    return sql.rows(conn, CARDS, params)  # type: ignore[return-value]
