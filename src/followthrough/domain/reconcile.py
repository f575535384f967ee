"""Reconcile a fresh plan with what the store holds, without losing what the user did."""

from __future__ import annotations

from dataclasses import dataclass, field

from followthrough.domain.model import ActionRecord, ActionStatus, PlannedAction

#: Statuses the user chose; re-planning never changes them.
SETTLED = frozenset({ActionStatus.DONE, ActionStatus.SKIPPED})


@dataclass(frozen=True, slots=True)
class Changes:
    """What the store must do to bring its actions in line with a plan."""

    insert: list[PlannedAction] = field(default_factory=list)
    update: list[PlannedAction] = field(default_factory=list)
    keep_due: list[PlannedAction] = field(default_factory=list)
    revive: list[PlannedAction] = field(default_factory=list)
    cancel: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.insert or self.update or self.keep_due or self.revive or self.cancel)


def reconcile(
    existing: dict[str, ActionRecord], planned: list[PlannedAction], reason: str
) -> Changes:
    """Return the changes that turn `existing` into `planned`.

    Done and skipped actions are never touched. A snoozed action keeps its snoozed due time
    unless the plan now puts it later (a snooze means "not before"); it stays snoozed.
    Pending or snoozed actions the plan no longer contains are cancelled with `reason`; a
    cancelled action that the plan calls for again comes back as pending.
    """
    changes = Changes()
    wanted = {a.key: a for a in planned}
    for key, action in wanted.items():
        record = existing.get(key)
        if record is None:
            changes.insert.append(action)
        elif record.status in SETTLED:
            continue
        elif record.status is ActionStatus.CANCELLED:
            changes.revive.append(action)
        elif (
            record.status is ActionStatus.SNOOZED
            and record.due is not None
            and action.due > record.due
        ):
            changes.update.append(action)  # the plan moved past the snooze: it stays snoozed
        elif record.planned == action:
            continue  # nothing moved: re-planning twice is the same as once
        elif record.status is ActionStatus.SNOOZED:
            changes.keep_due.append(action)
        else:
            changes.update.append(action)
    for key, record in existing.items():
        if key not in wanted and record.status in (ActionStatus.PENDING, ActionStatus.SNOOZED):
            changes.cancel.append((key, reason))
    return changes
