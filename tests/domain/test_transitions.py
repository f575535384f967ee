"""The allowed changes of an action's state (domain/transitions.py), as a table."""

from __future__ import annotations

import pytest

from followthrough.domain.errors import ConflictError, ValidationError
from followthrough.domain.model import ActionStatus as S
from followthrough.domain.transitions import move

# (current, asked for, the state it leads to; None = nothing changes; ConflictError = refused)
CASES = [
    (S.PENDING, "done", S.DONE),
    (S.PENDING, "skipped", S.SKIPPED),
    (S.PENDING, "snoozed", S.SNOOZED),
    (S.PENDING, "pending", None),
    (S.SNOOZED, "done", S.DONE),
    (S.SNOOZED, "skipped", S.SKIPPED),
    (S.SNOOZED, "snoozed", S.SNOOZED),  # a new date
    (S.SNOOZED, "pending", S.PENDING),
    (S.DONE, "done", None),  # idempotent: one exchange per action
    (S.DONE, "skipped", ConflictError),
    (S.DONE, "snoozed", ConflictError),
    (S.DONE, "pending", S.PENDING),  # reopen, on purpose
    (S.SKIPPED, "skipped", None),
    (S.SKIPPED, "done", ConflictError),
    (S.SKIPPED, "snoozed", ConflictError),
    (S.SKIPPED, "pending", S.PENDING),
    (S.CANCELLED, "done", ConflictError),
    (S.CANCELLED, "skipped", ConflictError),
    (S.CANCELLED, "snoozed", ConflictError),
    (S.CANCELLED, "pending", ConflictError),
]


@pytest.mark.parametrize(("current", "wanted", "expected"), CASES)
def test_move(current: S, wanted: str, expected: object) -> None:
    if expected is ConflictError:
        with pytest.raises(ConflictError) as info:
            move(7, current, wanted, "status changed to rejected")
        message = str(info.value)
        assert "action 7" in message
        assert "\n" not in message
        if current is not S.CANCELLED:
            assert "reopen" in message  # the way out is named
        else:
            assert "status changed to rejected" in message
    else:
        assert move(7, current, wanted) is expected


def test_every_state_is_covered() -> None:
    assert {(c, w) for c, w, _ in CASES} == {
        (c, w) for c in S for w in ("done", "skipped", "snoozed", "pending")
    }


def test_unknown_move_names_the_field() -> None:
    with pytest.raises(ValidationError, match="status"):
        move(1, S.PENDING, "finished")
