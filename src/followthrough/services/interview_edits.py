"""Correcting an interview: move it, change its format, panel, decision date, promises or next
steps, or delete it. Moving an interview moves its thank-you, call and check-ins (what was
done stays done); each is one undoable change of the history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from followthrough.domain.errors import ValidationError
from followthrough.domain.model import Interview
from followthrough.services.context import Context

#: What `interview edit` may change.
FIELDS = ("start", "end", "duration", "format", "with", "direct_contacts", "decision_by",
          "promises", "next_steps")  # fmt: skip


def _span(iv: Interview, changes: Mapping[str, Any]) -> tuple[dt.datetime, dt.datetime]:
    """Return the interview's new start and end: a new start alone keeps its length."""
    from followthrough.domain.validate import interview_span

    if "end" in changes and "duration" in changes:
        raise ValidationError("duration", "give --end or --duration, not both")
    start = changes.get("start") or iv.start
    if changes.get("end") is not None:
        end = changes["end"]
    elif changes.get("duration") is not None:
        end = start + changes["duration"]
    else:
        end = start + (iv.end - iv.start)
    interview_span(start, end)
    return start, end


def edit_interview(ctx: Context, interview_id: int, changes: Mapping[str, Any]) -> Interview:
    """Change some fields of an interview and re-plan; return it."""
    from followthrough.services.app_edits import describe_changes
    from followthrough.services.interviews import _format, _panel
    from followthrough.services.planning import replan

    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise ValidationError(unknown[0], f"cannot be edited; edit one of {', '.join(FIELDS)}")
    with ctx.write() as uow:
        repo, conn = uow.repo, uow.conn
        iv = repo.interview(conn, interview_id)
        app = repo.application(conn, iv.application_id)
        start, end = _span(iv, changes)
        values: dict[str, Any] = {}
        if (start, end) != (iv.start, iv.end):
            values.update(start_at=start, end_at=end)
        if changes.get("format") is not None:
            values["format"] = _format(changes["format"]).value
        decision = changes.get("decision_by", iv.decision_date)
        if decision is not None and decision < start.astimezone(uow.zone).date():
            raise ValidationError("decision-by", "the decision date is before the interview")
        if "decision_by" in changes:
            values["decision_date"] = decision
        if changes.get("promises") is not None:
            values["promises"] = [p.strip() for p in changes["promises"] if p.strip()]
        if changes.get("next_steps") is not None:
            values["next_steps"] = changes["next_steps"]
        if values:
            repo.update_interview(conn, interview_id, **values)
        with_ = changes.get("with")
        direct = changes.get("direct_contacts") or ()
        if with_:
            repo.set_panel(conn, interview_id, _panel(uow, app, with_, direct))
        elif direct:
            panel = [str(c) for c in iv.interviewer_ids]
            _panel(uow, app, panel, direct)
        after = repo.interview(conn, interview_id)
        replan(uow, iv.application_id, "interview edited")
        summary = describe_changes(_fields(iv, uow.zone), _fields(after, uow.zone))
        uow.describe("interview-edit", f"Edited interview {interview_id} with {app.company}:"
                     f" {summary}", iv.application_id)  # fmt: skip
        return after


def _fields(iv: Interview, zone: Any) -> dict[str, Any]:
    """Return an interview's editable fields as the history shows them."""
    def local(moment: dt.datetime) -> str:
        return moment.astimezone(zone).strftime("%a %d %b %H:%M")

    return {
        "start": local(iv.start), "end": local(iv.end), "format": iv.format.value,
        "panel": tuple(iv.interviewer_ids),
        "decision_by": iv.decision_date.isoformat() if iv.decision_date else None,
        "promises": tuple(iv.promises), "next_steps": iv.next_steps,
    }  # fmt: skip


def delete_interview(ctx: Context, interview_id: int) -> Interview:
    """Delete an interview with its panel, debrief and actions, and re-plan; return what it
    was."""
    from followthrough.services.planning import replan

    with ctx.write() as uow:
        iv = uow.repo.interview(uow.conn, interview_id)
        app = uow.repo.application(uow.conn, iv.application_id)
        uow.repo.delete_interview(uow.conn, interview_id)
        replan(uow, iv.application_id, "interview deleted")
        when = iv.start.astimezone(uow.zone).strftime("%a %d %b %H:%M")
        uow.describe("interview-delete", f"Deleted interview {interview_id} with {app.company}"
                     f" ({when})", iv.application_id)  # fmt: skip
        return iv
