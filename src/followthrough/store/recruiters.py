"""Recruiter links: one LinkedIn note per recruiter, held by the first application to plan it."""

from __future__ import annotations

import dataclasses

from sqlalchemy import Connection

from followthrough.domain.model import ActionRecord, ActionStatus, ApplicationFacts
from followthrough.domain.reconcile import Changes
from followthrough.store.rows import record_from_row
from followthrough.store.schema import actions
from followthrough.store.scope import Owner

#: The LinkedIn note to a recruiter: its key names the recruiter, not the application, so one
#: application holds it (the first to plan it) and the others see it in recruiter_links_elsewhere.
RECRUITER_LINK = "linkedin-recruiter"


def _link_recruiter(key: str) -> int | None:
    """Return the recruiter id in a recruiter-link key ("linkedin-recruiter:c12" -> 12)."""
    head, sep, tail = key.partition(":c")
    return int(tail) if sep and head == RECRUITER_LINK and tail.isdigit() else None


class RecruiterLinks:
    """Which application holds each recruiter's LinkedIn action, and in what state.

    A cancelled link still holds its key (unique per owner), so an application that plans the
    link again must revive that row (moving it to itself), never insert a second one.
    """

    def __init__(self, held: dict[int, tuple[int | None, ActionRecord]]) -> None:
        self.held = held

    def copy(self) -> RecruiterLinks:
        """Return an independent copy (a pass that may be redone starts from one)."""
        return RecruiterLinks(dict(self.held))

    def resolve(self, facts: ApplicationFacts) -> ApplicationFacts:
        """Return `facts` with its recruiter's link settled: held by another application and
        not cancelled -> in recruiter_links_elsewhere; cancelled under another application ->
        among this application's actions, so a plan that calls for it revives it here."""
        app = facts.application
        held = self.held.get(app.recruiter_id) if app.recruiter_id is not None else None
        elsewhere: frozenset[int] = frozenset()
        found = facts.actions
        if held is not None and held[0] != app.id:
            record = held[1]
            if record.status is ActionStatus.CANCELLED:
                found = {**facts.actions, record.key: record}
            else:
                elsewhere = frozenset({record_recruiter(record)})
        if elsewhere == facts.recruiter_links_elsewhere and found is facts.actions:
            return facts
        return dataclasses.replace(facts, actions=found, recruiter_links_elsewhere=elsewhere)

    def note(self, app_id: int, changes: Changes) -> None:
        """Record what a reconciliation of application `app_id` did to recruiter links; return
        nothing."""
        for a in (*changes.insert, *changes.revive):
            rid = _link_recruiter(a.key)
            if rid is not None:
                record = ActionRecord(a.key, a.kind, ActionStatus.PENDING, a.due, planned=a)
                self.held[rid] = (app_id, record)
        for key, reason in changes.cancel:
            rid = _link_recruiter(key)
            if rid is not None and rid in self.held:
                record = self.held[rid][1]
                cancelled = dataclasses.replace(
                    record, status=ActionStatus.CANCELLED, reason=reason
                )
                self.held[rid] = (app_id, cancelled)


def record_recruiter(record: ActionRecord) -> int:
    """Return the recruiter a recruiter-link action is for."""
    rid = _link_recruiter(record.key)
    assert rid is not None, record.key
    return rid


def recruiter_links_elsewhere(
    owner: Owner, conn: Connection, app_id: int | None = None
) -> frozenset[int]:
    """Return recruiter ids whose LinkedIn action belongs to another application than
    `app_id` (to any application when it is None)."""
    query = owner.select(actions, actions.c.key).where(
        actions.c.kind == "linkedin-recruiter", actions.c.status != "cancelled"
    )
    if app_id is not None:
        query = query.where(actions.c.application_id != app_id)
    rows = conn.execute(query).scalars()
    return frozenset(int(k.split(":c", 1)[1]) for k in rows if ":c" in k)


def recruiter_links(owner: Owner, conn: Connection, only: int | None = None) -> RecruiterLinks:
    """Return who holds the LinkedIn action of every recruiter (of recruiter `only`)."""
    query = owner.select(actions)
    if only is None:
        query = query.where(actions.c.kind == RECRUITER_LINK)
    else:
        query = query.where(actions.c.key == f"{RECRUITER_LINK}:c{only}")
    held: dict[int, tuple[int | None, ActionRecord]] = {}
    for r in conn.execute(query).mappings():
        rid = _link_recruiter(r["key"])
        if rid is not None:
            held[rid] = (r["application_id"], record_from_row(r))
    return RecruiterLinks(held)
