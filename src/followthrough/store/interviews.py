"""Interviews, their panels of interviewers and their debriefs."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from followthrough.store.schema import debriefs, interviewers, interviews
from followthrough.store.scope import Owner


def add_interview(
    owner: Owner, conn: Connection, now: dt.datetime, panel: Sequence[int], **values: Any
) -> int:
    """Insert an interview with its panel; return its id."""
    values["promises"] = json.dumps(list(values.get("promises", ())))
    result = conn.execute(owner.insert(interviews, created_at=now, **values))
    iid = int(result.inserted_primary_key[0])
    set_panel(owner, conn, iid, panel)
    return iid


def set_panel(owner: Owner, conn: Connection, interview_id: int, panel: Sequence[int]) -> None:
    """Replace the interviewers of an interview; return nothing."""
    conn.execute(owner.delete(interviewers, interviewers.c.interview_id == interview_id))
    for pos, cid in enumerate(dict.fromkeys(panel)):
        conn.execute(
            owner.insert(interviewers, interview_id=interview_id, contact_id=cid, position=pos)
        )


def update_interview(owner: Owner, conn: Connection, interview_id: int, **values: Any) -> None:
    """Change some fields of an interview; return nothing."""
    if "promises" in values:
        values["promises"] = json.dumps(list(values["promises"]))
    conn.execute(owner.update(interviews, interviews.c.id == interview_id).values(**values))


def save_debrief(
    owner: Owner,
    conn: Connection,
    interview_id: int,
    data: dict[str, Any],
    verdict: str | None,
    at: dt.datetime,
) -> None:
    """Store (insert or replace) the debrief of an interview; return nothing."""
    conn.execute(owner.delete(debriefs, debriefs.c.interview_id == interview_id))
    conn.execute(
        owner.insert(
            debriefs,
            interview_id=interview_id,
            recorded_at=at,
            data=json.dumps(data, ensure_ascii=False),
            verdict=verdict,
        )
    )
