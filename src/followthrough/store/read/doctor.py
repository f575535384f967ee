"""What would make the plan wrong, found in one owner's rows (plain SQL, stdlib only).

Each query returns the ids of the records concerned; services/doctor.py words the findings.
"""

from __future__ import annotations

from followthrough.store.insights import bind
from followthrough.store.sql import rows

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from typing import Any

#: What a contact is named when it was named after its mailbox rather than a person.
MAILBOX_WORDS = frozenset({
    "hr", "jobs", "job", "careers", "career", "recruitment", "recruiting", "talent", "hiring",
    "info", "contact", "noreply", "no-reply", "team", "admin",
})  # fmt: skip

_QUERIES = {
    # an e-mail action still to send whose recipient has no address
    "no_address": """
        SELECT DISTINCT a.recipient_contact_id FROM actions a
        LEFT JOIN contacts c ON c.id = a.recipient_contact_id AND c.owner_id = :owner
        WHERE a.owner_id = :owner AND a.status IN ('pending', 'snoozed') AND a.channel = 'email'
          AND a.recipient_contact_id IS NOT NULL AND (c.email IS NULL OR c.email = '')
        ORDER BY 1""",
    # a contact whose address mail came back from (a delivery report read by `mail sync`)
    "bounced": """
        SELECT c.id FROM contacts c JOIN mail_bounces b
          ON b.owner_id = :owner AND b.email = lower(c.email)
        WHERE c.owner_id = :owner
        UNION SELECT e.contact_id FROM contact_emails e JOIN mail_bounces b
          ON b.owner_id = :owner AND b.email = lower(e.email)
        WHERE e.owner_id = :owner
        ORDER BY 1""",
    # an application said to be interviewing that has no interview
    "interviewing_without_interview": """
        SELECT a.id FROM applications a
        WHERE a.owner_id = :owner AND a.status = 'interviewing'
          AND NOT EXISTS (SELECT 1 FROM interviews i
                          WHERE i.application_id = a.id AND i.owner_id = :owner)
        ORDER BY a.id""",
    # an action left more than a week past its due time
    "long_overdue": """
        SELECT id FROM actions
        WHERE owner_id = :owner AND status IN ('pending', 'snoozed') AND due_at < :week_ago
        ORDER BY due_at, id""",
}


def findings(conn: Any, owner: int, now: dt.datetime) -> dict[str, list[int]]:
    """Return {check: ids} for the owner's records each check finds (empty lists included),
    and "mailbox_names": contacts named after a mailbox ("hr", "tom.baker" for
    tom.baker@...), whose drafts would greet a mailbox."""
    import datetime as dt

    params = {"owner": owner, "week_ago": bind(conn, now - dt.timedelta(days=7))}
    found = {name: [int(r[0]) for r in rows(conn, sql, params)] for name, sql in _QUERIES.items()}
    named = []
    for ident, name, email in rows(
        conn, "SELECT id, name, email FROM contacts WHERE owner_id = :owner ORDER BY id",
        {"owner": owner},
    ):  # fmt: skip
        plain = (name or "").strip().casefold()
        local = (email or "").partition("@")[0].casefold()
        mailbox = plain in MAILBOX_WORDS or "@" in plain
        if mailbox or (local and plain == local and " " not in plain):
            named.append(int(ident))
    found["mailbox_names"] = named
    return found
