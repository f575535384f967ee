"""Recruiter links: which application holds each recruiter's LinkedIn action (stdlib only)."""

from __future__ import annotations

import dataclasses

from followthrough.domain.model import ActionRecord, ActionStatus, ApplicationFacts

TYPE_CHECKING = False
if TYPE_CHECKING:
    from followthrough.domain.reconcile import Changes

#: The LinkedIn note to a recruiter: its key names the recruiter, not the application, so one
#: application holds it (the first to plan it) and the others see it in recruiter_links_elsewhere.
RECRUITER_LINK = "linkedin-recruiter"


def link_recruiter(key: str) -> int | None:
    """Return the recruiter id in a recruiter-link key ("linkedin-recruiter:c12" -> 12)."""
    head, sep, tail = key.partition(":c")
    return int(tail) if sep and head == RECRUITER_LINK and tail.isdigit() else None


def record_recruiter(record: ActionRecord) -> int:
    """Return the recruiter a recruiter-link action is for."""
    rid = link_recruiter(record.key)
    assert rid is not None, record.key
    return rid


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
            rid = link_recruiter(a.key)
            if rid is not None:
                record = ActionRecord(a.key, a.kind, ActionStatus.PENDING, a.due, planned=a)
                self.held[rid] = (app_id, record)
        for key, reason in changes.cancel:
            rid = link_recruiter(key)
            if rid is not None and rid in self.held:
                record = self.held[rid][1]
                cancelled = dataclasses.replace(
                    record, status=ActionStatus.CANCELLED, reason=reason
                )
                self.held[rid] = (app_id, cancelled)
