"""History and undo: every change a user made, what it changed, and taking the last one back.

Each write transaction that changed a record is an event of the change log (store/journal.py),
described by the use case that made it (`UnitOfWork.describe`). `undo` takes back the latest
change that was not undone yet: the rows it inserted are deleted, those it deleted come back
(with their actions in the state they had), each column it updated is set back (unless the
system changed it since), and the applications it touched are re-planned, all as one new
event that says what it undid. Repeated, it walks further back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from followthrough.domain.errors import ConflictError, ValidationError
from followthrough.services.context import Context

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

#: What a row of each table is called in the history.
RECORD = {
    "settings": "setting", "user_words": "word", "contacts": "contact",
    "contact_emails": "contact address", "applications": "application",
    "status_events": "status", "interviews": "interview", "interviewers": "interviewer",
    "debriefs": "debrief", "referees": "referee", "actions": "action",
    "interactions": "exchange", "guard_overrides": "guard override",
    "bulk": "imported rows",
}  # fmt: skip
#: Columns that change with every write and say nothing to a reader.
_QUIET = frozenset({"updated_at", "owner_id"})


@dataclass(frozen=True)
class Change:
    """One row an event changed: its record, key, and the fields before and after (only
    those that changed, for an update; all of them for an insert or a delete)."""

    table: str
    op: str
    key: dict[str, Any]
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def record(self) -> str:
        """Return what the row is, in words ("application")."""
        return RECORD.get(self.table, self.table)


@dataclass(frozen=True)
class Event:
    """One change: what, when, through which interface, and the rows it changed."""

    id: int
    at: dt.datetime
    interface: str
    kind: str
    summary: str
    application_id: int | None
    undoable: bool
    undoes: int | None
    undone_by: int | None
    changes: list[Change] = field(default_factory=list)


def _instants(row: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Return a journaled row with its instants (stored text) as aware datetimes."""
    from followthrough.store.sql import INSTANTS, instant

    if row is None:
        return None
    return {k: instant(v) if k in INSTANTS and isinstance(v, str) else v
            for k, v in row.items()}  # fmt: skip


def change(table: str, op: str, old: Mapping[str, Any] | None,
           new: Mapping[str, Any] | None) -> Change:  # fmt: skip
    """Return a journaled row as a Change (an update keeps only the fields it changed)."""
    from followthrough.store.read.history import KEYS

    old, new = _instants(old), _instants(new)
    image = new or old or {}
    key = {k: image.get(k) for k in KEYS.get(table, ()) if k != "owner_id"}
    if op == "update" and old is not None and new is not None:
        names = [n for n in new if n not in _QUIET and old.get(n) != new[n]]
        return Change(table, op, key, {n: old.get(n) for n in names}, {n: new[n] for n in names})
    def clean(row: Mapping[str, Any] | None) -> dict[str, Any] | None:
        return None if row is None else {k: v for k, v in row.items() if k != "owner_id"}

    return Change(table, op, key, clean(old), clean(new))


def _event(row: Mapping[str, Any]) -> Event:
    return Event(
        id=row["id"], at=row["at"], interface=row["interface"], kind=row["kind"],
        summary=row["summary"], application_id=row["application_id"],
        undoable=row["undoable"], undoes=row["undoes"], undone_by=row["undone_by"],
        changes=[change(*r) for r in row["rows"]],
    )  # fmt: skip


def history(
    ctx: Context, app_id: int | None = None, limit: int | None = None
) -> tuple[list[Event], Any]:
    """Return the changes (of one application, or all), newest first, and the user's zone."""
    with ctx.read() as uow:
        if app_id is not None:
            uow.repo.application(uow.conn, app_id)
        return [_event(r) for r in uow.repo.history(uow.conn, app_id, limit)], uow.zone


def undo(ctx: Context, expected: int | None = None) -> tuple[Event, Event]:
    """Take back the latest change not undone yet; return it and the undo's own event. With
    `expected` (the change a page offered to undo), refuse when that is no longer the latest:
    another tab or the CLI changed something since, and undo must not take that back."""
    from followthrough.services.planning import replan, replan_all
    from followthrough.store import journal

    with ctx.write() as uow:
        target = uow.repo.last_undoable(uow.conn)
        if target is None:
            raise ValidationError("undo", "nothing to undo: no change of yours is left to take"
                                  " back")  # fmt: skip
        if expected is not None and expected != target:
            raise ConflictError(
                f"change {expected} is no longer your last change (change {target} came after"
                " it); see the history, and undo from there"
            )
        undone = _event(uow.repo.history_event(uow.conn, target))
        rows = journal.revert(uow.conn, target)
        alive = set(uow.repo.application_ids(uow.conn))
        for app_id in sorted(journal.touched_applications(rows) & alive):
            replan(uow, app_id, "a change was undone")
        uow.describe("undo", f"Undid: {undone.summary}", undone.application_id,
                     undoable=False, undoes=target)  # fmt: skip
        event_id = uow.conn.info.get("event")
        journal.mark_undone(uow.conn, target, event_id)
        settings = any(c.table == "settings" for c in undone.changes)
    if settings:
        replan_all(ctx, "a change of settings was undone")
    return undone, _undo_event(ctx, event_id, undone)


def _undo_event(ctx: Context, event_id: int | None, undone: Event) -> Event:
    """Return the undo's event as stored (or as it would read, where nothing is journaled)."""
    if event_id is not None:
        with ctx.read() as uow:
            return _event(uow.repo.history_event(uow.conn, event_id))
    return Event(0, ctx.now, ctx.interface, "undo", f"Undid: {undone.summary}",
                 undone.application_id, False, undone.id, None)  # fmt: skip


def changed_fields(event: Event, tables: Sequence[str] = ()) -> list[Change]:
    """Return the record changes of an event worth listing: every table but the plan's
    actions unless `tables` names them."""
    keep = set(tables) or set(RECORD) - {"actions"}
    return [c for c in event.changes if c.table in keep]
