"""Re-planning: what the playbook calls for, reconciled with the stored actions.

Every write that changes facts calls `replan` for its application in the same transaction;
a settings change calls `replan_all`, which works in chunks so other commands are not locked
out (QUALITY.md: no "database is locked").
"""

from __future__ import annotations

import dataclasses
import enum
import json
import os

from followthrough.domain.model import PLAN_BASIS, REPLAN_PENDING
from followthrough.services.context import Context, UnitOfWork

TYPE_CHECKING = False
if TYPE_CHECKING:  # the planner and the store's writes load with the first write
    from collections.abc import Sequence
    from typing import Any

    from followthrough.domain.model import ApplicationFacts, PlannedAction
    from followthrough.domain.reconcile import Changes
    from followthrough.store.read.links import RecruiterLinks

#: Applications re-planned per write transaction after a settings change (the note
#: REPLAN_PENDING, domain/validate.py, marks a re-plan under way: `today` finishes it unless
#: the process it names still runs elsewhere).
REPLAN_CHUNK = 500


def plan_for(uow: UnitOfWork, facts: ApplicationFacts) -> list[PlannedAction]:
    """Return what the playbook calls for on these facts, under the user's settings."""
    from followthrough.domain.planner import plan_application

    return plan_application(facts, uow.playbook, uow.week, uow.policy)


def replan(uow: UnitOfWork, app_id: int, reason: str) -> None:
    """Recompute the plan of one application and reconcile it with the stored actions."""
    from followthrough.domain.reconcile import reconcile

    facts = uow.repo.facts(uow.conn, app_id)
    changes = reconcile(facts.actions, plan_for(uow, facts), reason)
    uow.repo.apply(uow.conn, changes, uow.now)


def _version() -> str:
    """Return the installed version (imported here: only a settings change needs it)."""
    import importlib.metadata

    try:
        return importlib.metadata.version("followthrough")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout
        return ""


def _canonical(value: object) -> object:
    """Return `value` as JSON-ready data that does not depend on set order or hash seeds."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value) if f.repr
        }
    if isinstance(value, enum.Enum):
        return _canonical(value.value)
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def plan_basis(uow: UnitOfWork) -> str:
    """Return the fingerprint of what decides which actions a plan holds: the program's
    version, the playbook and the policy options (not the calendar: dates move actions, never
    add or remove one)."""
    import hashlib

    basis = [_version(), _canonical(uow.playbook), _canonical(uow.policy)]
    text = json.dumps(basis, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _ids_to_replan(ctx: Context, repo: Any) -> tuple[str, list[int]]:
    """Return the current plan basis and the applications a re-plan must visit: only the
    unsettled ones when every plan was made on that basis (only dates changed since)."""
    with repo.read() as conn:
        uow = ctx.unit(conn, repo)
        basis = plan_basis(uow)
        if uow.stored.get(PLAN_BASIS) == basis:
            return basis, uow.repo.unsettled_application_ids(uow.conn)
        return basis, uow.repo.application_ids(uow.conn)


def replan_all(ctx: Context, reason: str, chunk: int | None = None) -> int:
    """Re-plan every application, as `replan` one after another would, in chunks: on SQLite
    each is planned from a read snapshot outside the write lock, then written in one short
    write transaction (planned again under the lock if anything was committed meanwhile);
    elsewhere each chunk is planned and written in its write transaction. The last write
    clears REPLAN_PENDING and records the plan basis. Return how many action rows were
    written."""
    from followthrough.store import db

    chunk = chunk or REPLAN_CHUNK
    repo = ctx.repo.writer()
    basis, ids = _ids_to_replan(ctx, repo)
    written = 0
    links: RecruiterLinks | None = None
    with repo.connection() as conn:
        ahead = conn.dialect.name == "sqlite"  # PRAGMA data_version tells what changed
        for start in range(0, max(len(ids), 1), chunk):
            part = ids[start : start + chunk]
            version, planned = None, None
            if ahead:
                with repo.reading_on(conn):
                    version = db.data_version(conn)  # first: it opens the snapshot
                    if links is None:
                        links = repo.recruiter_links(conn)
                    planned = _plan_chunk(ctx.unit(conn, repo), part, links.copy(), reason)
            with repo.writing_on(conn, ctx.now):
                if planned is None or db.data_version(conn) != version:
                    fresh = repo.recruiter_links(conn)  # or someone wrote meanwhile
                    planned = _plan_chunk(ctx.unit(conn, repo), part, fresh, reason)
                changes, after = planned
                written += repo.write_plans(conn, changes, ctx.now)
                if start + chunk >= len(ids):
                    _finish(ctx.unit(conn, repo), basis)
            links = after
    return written


def _finish(uow: UnitOfWork, basis: str) -> None:
    """Clear the re-plan note; record the basis unless a policy changed meanwhile."""
    uow.repo.forget_setting(uow.conn, REPLAN_PENDING)
    if plan_basis(uow) == basis:
        uow.repo.save_settings(uow.conn, {PLAN_BASIS: basis})
    else:
        uow.repo.forget_setting(uow.conn, PLAN_BASIS)


def _plan_chunk(
    uow: UnitOfWork, app_ids: Sequence[int], links: RecruiterLinks, reason: str
) -> tuple[list[Changes], RecruiterLinks]:
    """Return the reconciliations of these applications (in id order) and the links after."""
    from followthrough.domain.reconcile import reconcile

    out = []
    for facts in uow.repo.facts_many(uow.conn, app_ids):
        facts = links.resolve(facts)
        changes = reconcile(facts.actions, plan_for(uow, facts), reason)
        if changes:
            links.note(facts.application.id, changes)
            out.append(changes)
    return out, links


def finish_replan(ctx: Context) -> None:
    """Finish a re-plan that a settings change left undone (see REPLAN_PENDING)."""
    with ctx.read() as uow:
        note = uow.stored.get(REPLAN_PENDING)
    if note is None:
        return
    if note.isdigit() and int(note) != os.getpid():
        try:
            os.kill(int(note), 0)  # still running: it is re-planning right now
            return
        except ProcessLookupError:
            pass
        except (PermissionError, OverflowError):
            return  # alive under another user / not a pid: leave it
    replan_all(ctx, "settings changed")
