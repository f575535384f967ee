"""The allowed changes of an action's state.

Done and skipped are final: what the user did (or chose not to do) is a fact, so a second
"done" changes nothing and "skip" on a done action is refused, until the user reopens it on
purpose. Cancelled actions belong to the planner: it revives them when they apply again.
"""

from __future__ import annotations

from followthrough.domain.errors import ConflictError, ValidationError
from followthrough.domain.model import ActionStatus

#: What the user can ask for, by the state it leads to (`reopen` leads back to pending).
MOVES = {
    "done": ActionStatus.DONE,
    "skipped": ActionStatus.SKIPPED,
    "snoozed": ActionStatus.SNOOZED,
    "pending": ActionStatus.PENDING,
}

#: state -> the states a user may move it to (a move to the same state is a no-op when final).
ALLOWED: dict[ActionStatus, frozenset[ActionStatus]] = {
    ActionStatus.PENDING: frozenset(
        {ActionStatus.DONE, ActionStatus.SKIPPED, ActionStatus.SNOOZED}
    ),
    ActionStatus.SNOOZED: frozenset(
        {ActionStatus.DONE, ActionStatus.SKIPPED, ActionStatus.SNOOZED, ActionStatus.PENDING}
    ),
    ActionStatus.DONE: frozenset({ActionStatus.PENDING}),
    ActionStatus.SKIPPED: frozenset({ActionStatus.PENDING}),
    ActionStatus.CANCELLED: frozenset(),
}

_VERB = {
    ActionStatus.DONE: "mark it done",
    ActionStatus.SKIPPED: "skip it",
    ActionStatus.SNOOZED: "snooze it",
    ActionStatus.PENDING: "reopen it",
}


def move(
    action_id: int, current: ActionStatus, wanted: str, reason: str | None = None
) -> ActionStatus | None:
    """Return the state `wanted` leads to from `current`, None when nothing changes (done
    twice, skipped twice, reopening an open action), or raise ConflictError naming the way
    out. `reason` is the cancellation reason shown for a cancelled action."""
    target = MOVES.get(wanted)
    if target is None:
        raise ValidationError("status", f"{wanted!r}; use done, skipped, snoozed or pending")
    if current is ActionStatus.CANCELLED:
        why = f" ({reason})" if reason else ""
        raise ConflictError(f"action {action_id} was cancelled{why}; it no longer applies")
    if target is current and target is not ActionStatus.SNOOZED:
        return None
    if target not in ALLOWED[current]:
        raise ConflictError(
            f"action {action_id} is already {current.value}; it stays {current.value} "
            f"(reopen it first if that was a mistake, then {_VERB[target]})"
        )
    return target
