"""The board's reads (the Pipeline page): per status, how many applications there are, and a
page of them, most recently changed first, each with its next action. Plain SQL, stdlib only
(store/sql.py); a fixed number of statements however many applications there are.
"""

from __future__ import annotations

from followthrough.store import sql

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

COUNTS = "SELECT status, COUNT(*) FROM applications WHERE owner_id = :owner GROUP BY status"

# Most recently changed first: a card moved to another column is on top of it. The rows of one
# status come from ix_applications_owner_status; only they are sorted, and only the top kept.
CARDS = """
SELECT id, company, role, status FROM applications
WHERE owner_id = :owner AND status = :status
ORDER BY updated_at DESC, id DESC LIMIT :limit OFFSET :offset
"""

# The earliest pending or snoozed action of each card, by due time then id (ties as the
# store's next_actions reads them). `owner_id + 0`: SQLite then finds the rows through
# ix_actions_application (a few per card), not through every open action of the owner.
NEXT = """
SELECT application_id, title, due_at FROM actions
WHERE owner_id + 0 = :owner AND application_id IN ({ids}) AND status IN ('pending', 'snoozed')
ORDER BY application_id, due_at, id
"""


def counts(conn: Any, owner: int) -> dict[str, int]:
    """Return how many applications the owner has in each status (statuses with none left
    out)."""
    return {status: n for status, n in sql.rows(conn, COUNTS, {"owner": owner})}


def cards(
    conn: Any, owner: int, status: str, limit: int, offset: int = 0
) -> list[tuple[int, str, str, str]]:
    """Return (id, company, role, status) of the owner's applications in `status`, most
    recently changed first, `limit` of them from `offset`."""
    params = {"owner": owner, "status": status, "limit": limit, "offset": offset}
    return sql.rows(conn, CARDS, params)  # type: ignore[return-value]


def next_actions(conn: Any, owner: int, app_ids: Sequence[int]) -> dict[int, tuple[str, Any]]:
    """Return, per application of `app_ids` that has one, the title and due time (aware, UTC)
    of its earliest pending or snoozed action."""
    if not app_ids:
        return {}
    params: dict[str, Any] = {f"a{i}": app_id for i, app_id in enumerate(app_ids)}
    query = NEXT.format(ids=", ".join(f":{name}" for name in params))
    params["owner"] = owner
    out: dict[int, tuple[str, Any]] = {}
    for app_id, title, due in sql.rows(conn, query, params):
        if app_id not in out:
            out[app_id] = (title, sql.instant(due))
    return out
