"""Actions: the planned follow-ups of the owner, their state, and the reconciliations written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam

from followthrough.domain.model import PlannedAction
from followthrough.domain.reconcile import Changes
from followthrough.store.rows import planned_values
from followthrough.store.schema import actions
from followthrough.store.scope import Owner

_OPEN = ("pending", "snoozed")


def finish_by_key(owner: Owner, conn: Connection, key: str, now: dt.datetime) -> None:
    """Mark the pending or snoozed action with `key` done; return nothing."""
    conn.execute(
        owner.update(actions, actions.c.key == key, actions.c.status.in_(_OPEN)).values(
            status="done", done_at=now, updated_at=now
        )
    )


def set_action(owner: Owner, conn: Connection, action_id: int, **values: Any) -> None:
    """Change some fields of an action; return nothing."""
    conn.execute(owner.update(actions, actions.c.id == action_id).values(**values))


def new_action(a: PlannedAction, now: dt.datetime) -> dict[str, Any]:
    """Return the columns of a new pending action for the planner's decision `a`."""
    return {
        "key": a.key,
        "status": "pending",
        "due_at": a.due,
        "created_at": now,
        "updated_at": now,
        **planned_values(a),
    }


def insert_action(owner: Owner, conn: Connection, a: PlannedAction, now: dt.datetime) -> int:
    """Insert one planned action (user-wide nudges); return its id."""
    result = conn.execute(owner.insert(actions, **new_action(a, now)))
    return int(result.inserted_primary_key[0])


def _update_by_key(owner: Owner, conn: Connection, key: str, **values: Any) -> None:
    """Change some fields of the action with `key`; return nothing."""
    conn.execute(owner.update(actions, actions.c.key == key).values(**values))


def apply(owner: Owner, conn: Connection, changes: Changes, now: dt.datetime) -> None:
    """Write a reconciliation: inserts, updates, revivals and cancellations; return nothing."""
    for a in changes.insert:
        conn.execute(owner.insert(actions, **new_action(a, now)))
    for a in changes.update:
        _update_by_key(owner, conn, a.key, due_at=a.due, updated_at=now, **planned_values(a))
    for a in changes.revive:
        _update_by_key(
            owner,
            conn,
            a.key,
            status="pending",
            reason=None,
            due_at=a.due,
            updated_at=now,
            **planned_values(a),
        )
    for a in changes.keep_due:
        _update_by_key(owner, conn, a.key, updated_at=now, **planned_values(a))
    for key, reason in changes.cancel:
        _update_by_key(owner, conn, key, status="cancelled", reason=reason, updated_at=now)


def _merged(changes: Sequence[Changes], now: dt.datetime) -> dict[str, tuple[bool, dict[str, Any]]]:
    """Return the rows that `changes` write, by key: (new?, values); two changes to one key
    merge into one, the later winning."""
    rows: dict[str, tuple[bool, dict[str, Any]]] = {}

    def put(key: str, new: bool, values: dict[str, Any]) -> None:
        """Merge `values` into the row of `key`; return nothing."""
        if key in rows:
            was_new, before = rows[key]
            if new:
                raise RuntimeError(f"action {key} inserted twice in one re-plan")
            rows[key] = (was_new, {**before, **values})
        else:
            rows[key] = (new, values)

    for c in changes:
        for a in c.insert:
            put(a.key, True, new_action(a, now))
        for a in c.update:
            put(a.key, False, {"due_at": a.due, "updated_at": now, **planned_values(a)})
        for a in c.revive:
            revived = {"status": "pending", "reason": None, "due_at": a.due, "updated_at": now}
            put(a.key, False, {**revived, **planned_values(a)})
        for a in c.keep_due:
            put(a.key, False, {"updated_at": now, **planned_values(a)})
        for key, reason in c.cancel:
            put(key, False, {"status": "cancelled", "reason": reason, "updated_at": now})
    return rows


def write_plans(
    owner: Owner, conn: Connection, changes: Sequence[Changes], now: dt.datetime
) -> int:
    """Write many reconciliations as `apply` would one after another, in a few batched
    statements; return how many rows they touch.

    Two changes to the same key (a recruiter's link cancelled by one application and
    revived by the next) merge into one, the later winning, as if run in order.
    """
    rows = _merged(changes, now)
    inserts = [v for new, v in rows.values() if new]
    if inserts:
        owner.insert_all(conn, actions, inserts)
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for key, (new, values) in rows.items():
        if not new:
            groups.setdefault(tuple(values), []).append({**values, "k_key": key})
    statement = owner.update(actions, actions.c.key == bindparam("k_key"))
    for params in groups.values():
        conn.execute(statement, params)
    return len(rows)
