"""The keep-searching condition: when a search has too few open applications, or none new.

Stdlib only and import-light on purpose: the planner and the `today --json` fast reader
(store/fast.py) both call `keep_searching_reason`, so the rule lives in one place.
"""

from __future__ import annotations

import datetime as dt


def keep_searching_reason(
    open_count: int,
    signed: bool,
    last_added: dt.date | None,
    last_nudge: dt.date | None,
    today: dt.date,
    min_open: int,
    quiet_days: int,
) -> str | None:
    """Return why a keep-searching nudge is due today (local dates), or None when it is not.

    At most one nudge per quiet period, whatever the user did with the last one; none once a
    contract is signed or while nothing is open.
    """
    if open_count == 0 or signed:
        return None
    quiet = dt.timedelta(days=quiet_days)
    too_few = open_count < min_open
    stale = last_added is None or last_added <= today - quiet
    if not (too_few or stale):
        return None
    if last_nudge is not None and last_nudge > today - quiet:
        return None
    if too_few:
        return f"only {open_count} open application(s)"
    return f"no new application in {quiet_days} days"


def keep_searching_over(
    open_count: int,
    signed: bool,
    last_added: dt.date | None,
    today: dt.date,
    min_open: int,
    quiet_days: int,
) -> str | None:
    """Return why a pending keep-searching nudge no longer applies (local dates), or None while
    its condition holds: fewer than `min_open` open applications, or none added in the last
    `quiet_days` days, while any is open and no contract is signed."""
    if signed:
        return "a contract is signed: the search is over"
    if open_count == 0:
        return "no application is open"
    holds = keep_searching_reason(
        open_count, signed, last_added, None, today, min_open, quiet_days
    )  # fmt: skip
    if holds is not None:
        return None
    return (f"no longer needed: {open_count} open applications, the last added within "
            f"{quiet_days} days")  # fmt: skip
