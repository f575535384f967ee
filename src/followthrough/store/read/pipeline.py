"""The keep-searching numbers: how many applications are open, when the last was added, whether
a contract is signed, when the last nudge was due (plain SQL; stdlib only and no domain import:
the `today --json` fast reader runs these too)."""

from __future__ import annotations

from followthrough.store.sql import instant, one

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from typing import Any


def pipeline(conn: Any, owner: int) -> tuple[int, dt.datetime | None, bool]:
    """Return (open applications, when the last was added, whether a contract is signed)."""
    params = {"owner": owner}
    opened = one(
        conn, "SELECT COUNT(*) FROM applications WHERE owner_id = :owner "
        "AND status IN ('applied', 'interviewing', 'offer')", params,
    )  # fmt: skip
    # one step down ix_applications_owner_created
    last = one(conn, "SELECT MAX(created_at) FROM applications WHERE owner_id = :owner", params)
    signed = one(
        conn, "SELECT 1 FROM applications WHERE owner_id = :owner AND status = 'accepted' "
        "LIMIT 1", params,
    )  # fmt: skip
    return int(opened[0] if opened else 0), instant(last[0] if last else None), bool(signed)


def last_nudge(conn: Any, owner: int) -> dt.datetime | None:
    """Return the due time of the latest keep-searching nudge."""
    sql = (
        "SELECT MAX(planned_due_at) FROM actions WHERE owner_id = :owner "
        "AND kind = 'keep-searching'"
    )
    found = one(conn, sql, {"owner": owner})
    return instant(found[0] if found else None)


def open_nudge(conn: Any, owner: int) -> int | None:
    """Return the id of the keep-searching nudge still open (pending or snoozed), if any."""
    found = one(
        conn, "SELECT MAX(id) FROM actions WHERE owner_id = :owner AND kind = 'keep-searching' "
        "AND status IN ('pending', 'snoozed')", {"owner": owner},
    )  # fmt: skip
    return int(found[0]) if found and found[0] is not None else None
