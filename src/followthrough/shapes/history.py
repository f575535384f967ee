"""The JSON shape of the history: each change with what it changed, before and after."""

from __future__ import annotations

from followthrough.shapes.actions import iso

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from followthrough.services.history import Change, Event


def _values(row: dict[str, Any] | None, zone: Any) -> dict[str, Any] | None:
    """Return a journaled row with its instants in ISO 8601 in the user's zone."""
    import datetime as dt

    if row is None:
        return None
    return {k: iso(v, zone) if isinstance(v, dt.datetime) else v for k, v in row.items()}


def change_json(c: Change, zone: Any) -> dict[str, Any]:
    """Return the JSON shape of one row a change touched."""
    return {"record": c.record, "table": c.table, "op": c.op, "key": c.key,
            "before": _values(c.before, zone), "after": _values(c.after, zone)}  # fmt: skip


def event_json(e: Event, zone: Any) -> dict[str, Any]:
    """Return the JSON shape of one change (as `history --json` lists them)."""
    return {
        "id": e.id,
        "at": iso(e.at, zone),
        "interface": e.interface,
        "kind": e.kind,
        "summary": e.summary,
        "application_id": e.application_id,
        "undoable": e.undoable and e.undone_by is None,
        "undone_by": e.undone_by,
        "undoes": e.undoes,
        "changes": [change_json(c, zone) for c in e.changes],
    }
