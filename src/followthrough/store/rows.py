"""Rows to domain values and back: what every aggregate module reads and writes."""

from __future__ import annotations

import json
from collections.abc import Sequence

from followthrough.domain.model import (
    ActionRecord,
    ActionStatus,
    Application,
    Channel,
    Contact,
    Debrief,
    FitAnswer,
    FitVerdict,
    Format,
    Interaction,
    InteractionKind,
    Interview,
    MessageChannel,
    PlannedAction,
    Recipient,
    Role,
    Status,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    #: A row by column name (an SQLAlchemy RowMapping, or a dict from sql.records).
    Row = Mapping[str, Any]


def contact_from_row(row: Row) -> Contact:
    """Return the Contact stored in a contacts row."""
    return Contact(
        id=row["id"],
        name=row["name"],
        email=row["email"],
        phone=row["phone"],
        linkedin=row["linkedin"],
        role=Role(row["role"]),
        organisation=row["organisation"],
        direct_contact=bool(row["direct_contact"]),
        notes=row["notes"] or "",
    )


def application_from_row(row: Row) -> Application:
    """Return the Application stored in an applications row."""
    return Application(
        id=row["id"],
        company=row["company"],
        role=row["role"],
        channel=Channel(row["channel"]),
        status=Status(row["status"]),
        created_at=row["created_at"],
        url=row["url"],
        agency=row["agency"],
        recruiter_id=row["recruiter_id"],
        hiring_contact_id=row["hiring_contact_id"],
        interest=row["interest"],
        notes=row["notes"] or "",
        competitors=tuple(c for c in (row["competitors"] or "").split("\n") if c),
        applied_on=row["applied_on"],
        salary=row.get("salary"),
        location=row.get("location"),
    )


def interview_from_row(row: Row, panel: Sequence[int]) -> Interview:
    """Return the Interview stored in an interviews row, with its panel's contact ids."""
    return Interview(
        id=row["id"],
        application_id=row["application_id"],
        start=row["start_at"],
        end=row["end_at"],
        format=Format(row["format"]),
        round=row["round"],
        interviewer_ids=tuple(panel),
        decision_date=row["decision_date"],
        follow_up_contact_id=row["follow_up_contact_id"],
        follow_up_how=row["follow_up_how"] or "",
        promises=tuple(json.loads(row["promises"] or "[]")),
        next_steps=row["next_steps"] or "",
    )


def debrief_from_row(row: Row) -> Debrief:
    """Return the Debrief stored in a debriefs row."""
    data = json.loads(row["data"])
    fit = {k: FitAnswer(v.get("score"), v.get("note", "")) for k, v in data.pop("fit", {}).items()}
    fields = {k: tuple(v) for k, v in data.items() if isinstance(v, list)}
    return Debrief(
        interview_id=row["interview_id"],
        recorded_at=row["recorded_at"],
        fit=fit,
        verdict=FitVerdict(row["verdict"]) if row["verdict"] else None,
        **fields,
    )


def interaction_from_row(row: Row) -> Interaction:
    """Return the Interaction stored in an interactions row."""
    return Interaction(
        id=row["id"],
        application_id=row["application_id"],
        at=row["at"],
        kind=InteractionKind(row["kind"]),
        contact_id=row["contact_id"],
        summary=row["summary"] or "",
        action_id=row["action_id"],
        action_kind=row["action_kind"],
        follow_up=bool(row["follow_up"]),
    )


def record_from_row(r: Row) -> ActionRecord:
    """Return what the store knows about an action row."""
    return ActionRecord(
        r["key"],
        r["kind"],
        ActionStatus(r["status"]),
        r["due_at"],
        r["done_at"],
        bool(r["edited"]),
        planned_from_row(r),
        r["reason"],
    )


def planned_values(a: PlannedAction) -> dict[str, Any]:
    """Return the columns of an actions row that hold the planner's decision."""
    r = a.recipient
    return {
        "kind": a.kind,
        "title": a.title,
        "application_id": a.application_id,
        "interview_id": a.interview_id,
        "deadline_at": a.deadline,
        "planned_due_at": a.due,
        "recipient_contact_id": r.contact_id if r else None,
        "recipient_name": r.name if r else None,
        "recipient_email": r.email if r else None,
        "via_contact_id": r.via_contact_id if r else None,
        "via_name": r.via_name if r else None,
        "channel": a.channel.value,
        "rule": a.rule,
        "sources": " ".join(a.sources),
        "why": a.reason,
        "talking_points": json.dumps(list(a.talking_points)),
        "chases": a.chases,
    }


def planned_from_row(row: Row) -> PlannedAction:
    """Return the planner's decision as stored in an actions row (the inverse of the above)."""
    recipient = None
    if row["recipient_name"]:
        recipient = Recipient(
            row["recipient_contact_id"],
            row["recipient_name"],
            row["recipient_email"],
            row["via_contact_id"],
            row["via_name"],
        )
    return PlannedAction(
        key=row["key"],
        kind=row["kind"],
        title=row["title"],
        due=row["planned_due_at"],
        rule=row["rule"],
        sources=tuple(row["sources"].split()),
        channel=MessageChannel(row["channel"]),
        application_id=row["application_id"],
        interview_id=row["interview_id"],
        recipient=recipient,
        deadline=row["deadline_at"],
        reason=row["why"] or "",
        talking_points=tuple(json.loads(row["talking_points"] or "[]")),
        chases=bool(row["chases"]),
    )
