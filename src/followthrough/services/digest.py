"""`followthrough digest`: today's follow-ups (overdue, due today, tomorrow) mailed to the user
through the outbox, at most once per local day (the outbox key is the day)."""

from __future__ import annotations

import datetime as dt
import ssl
from typing import Any

from followthrough import shapes
from followthrough.services.context import Context


def _lines(title: str, rows: list[Any], zone: Any) -> list[str]:
    if not rows:
        return []
    out = [f"{title}:"]
    for r in rows:
        due = shapes.aware(r["due_at"])
        when = due.astimezone(zone).strftime("%a %d %b %H:%M") if due else ""
        out.append(f"  - [{r['id']}] {r['title']} ({when})")
    return [*out, ""]


def content(ctx: Context) -> tuple[str, str, str, int]:
    """Return the digest's local day, subject, body and how many actions it lists."""
    from followthrough.services.agenda import today_rows

    rows, zone = today_rows(ctx)
    local = ctx.now.astimezone(zone)
    today, tomorrow = local.date(), local.date() + dt.timedelta(days=1)
    start = dt.datetime.combine(today, dt.time(), zone)
    groups: dict[str, list[Any]] = {"overdue": [], "today": [], "tomorrow": []}
    for r in rows:
        due = shapes.aware(r["due_at"])
        if due is None:
            continue
        day = due.astimezone(zone).date()
        if due < start:
            groups["overdue"].append(r)
        elif day == today:
            groups["today"].append(r)
        elif day == tomorrow:
            groups["tomorrow"].append(r)
    count = sum(len(v) for v in groups.values())
    body = [f"Your follow-ups for {local.strftime('%A %d %B')}.", ""]
    body += _lines("Overdue", groups["overdue"], zone)
    body += _lines("Due today", groups["today"], zone)
    body += _lines("Tomorrow", groups["tomorrow"], zone)
    if count == 0:
        body += ["Nothing is due: a good day to apply somewhere new.", ""]
    body += ["Mark one done with `followthrough done ID`; see them all with `followthrough today`."]
    subject = (
        f"Followthrough: {count} follow-up{'s' * (count != 1)} for {local.strftime('%a %d %b')}"
    )
    return today.isoformat(), subject, "\n".join(body) + "\n", count


def digest(ctx: Context, context: ssl.SSLContext | None = None) -> dict[str, Any]:
    """Mail today's digest to the user once per local day; return what happened."""
    from followthrough.services import mail
    from followthrough.services.outbox import queue_message

    settings = mail.mail_settings(ctx)
    name, address = mail.sender(settings)
    day, subject, body, count = content(ctx)
    key = f"digest:{day}"
    with ctx.write() as uow:
        found = uow.repo.outbox(uow.conn, key=key)
        if found and found[0]["state"] != "queued":
            return {
                "day": day,
                "sent": False,
                "state": found[0]["state"],
                "actions": count,
                "message": f"today's digest is already {found[0]['state']}; one a day",
            }
        if not found:
            queue_message(uow, key, (name, address), (name, address), subject, body)
        oid = uow.repo.outbox(uow.conn, key=key)[0]["id"]
    done = mail.flush(ctx, [oid], context)
    state = done[0]["state"] if done else "queued"
    return {
        "day": day,
        "sent": state == "sent",
        "state": state,
        "actions": count,
        "message": f"digest of {count} follow-up{'s' * (count != 1)} {state}",
    }
