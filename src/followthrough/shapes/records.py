"""The JSON shapes of applications, contacts, interviews, debriefs, exchanges and the guards'
warnings, from domain values and the services' records (stdlib only at run time)."""

from __future__ import annotations

from followthrough.shapes.actions import action_json, iso

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any
    from zoneinfo import ZoneInfo

    from followthrough.domain.guards import Verdict
    from followthrough.domain.model import (
        Application,
        Contact,
        Debrief,
        Interaction,
        Interview,
        Reminder,
    )
    from followthrough.services.actions import ActionView
    from followthrough.services.agenda import Brief, Prep
    from followthrough.services.applications import (
        ApplicationDetail,
        ApplicationItem,
        ApplicationView,
        StatusChange,
    )
    from followthrough.services.exchanges import Logged
    from followthrough.services.interviews import DebriefView, InterviewView
    from followthrough.services.settings import PolicyOption


def contact_json(c: Contact) -> dict[str, Any]:
    """Return the JSON shape of a contact."""
    return {
        "id": c.id,
        "name": c.name,
        "email": c.email,
        "phone": c.phone,
        "linkedin": c.linkedin,
        "role": c.role.value,
        "organisation": c.organisation,
        "direct_contact": c.direct_contact,
        "notes": c.notes,
        "other_emails": list(c.other_emails),
    }


def application_json(app: Application, recruiter: Contact | None, zone: ZoneInfo) -> dict[str, Any]:
    """Return the JSON shape of an application (as `app list` shows each)."""
    return {
        "id": app.id,
        "company": app.company,
        "role": app.role,
        "status": app.status.value,
        "channel": app.channel.value,
        "agency": app.agency,
        "recruiter": contact_json(recruiter) if recruiter else None,
        "url": app.url,
        "interest": app.interest,
        "notes": app.notes,
        "competitors": list(app.competitors),
        "applied_on": app.applied_on.isoformat() if app.applied_on else None,
        "salary": app.salary,
        "location": app.location,
        "created_at": iso(app.created_at, zone),
    }


def interview_json(
    iv: Interview, contacts: Mapping[int, Contact], zone: ZoneInfo, debriefed: bool
) -> dict[str, Any]:
    """Return the JSON shape of an interview."""
    return {
        "id": iv.id,
        "application_id": iv.application_id,
        "start": iso(iv.start, zone),
        "end": iso(iv.end, zone),
        "format": iv.format.value,
        "round": iv.round,
        "interviewers": [contact_json(contacts[c]) for c in iv.interviewer_ids if c in contacts],
        "decision_date": iv.decision_date.isoformat() if iv.decision_date else None,
        "follow_up_contact_id": iv.follow_up_contact_id,
        "follow_up_how": iv.follow_up_how,
        "promises": list(iv.promises),
        "next_steps": iv.next_steps,
        "debriefed": debriefed,
    }


def debrief_json(d: Debrief, zone: ZoneInfo) -> dict[str, Any]:
    """Return the JSON shape of a debrief."""
    from followthrough.domain.model import DEBRIEF_TEXT_FIELDS

    out: dict[str, Any] = {"interview_id": d.interview_id, "recorded_at": iso(d.recorded_at, zone)}
    for name, _ in DEBRIEF_TEXT_FIELDS:
        out[name] = list(getattr(d, name))
    out["fit"] = {k: {"score": a.score, "note": a.note} for k, a in d.fit.items()}
    out["fit_average"] = d.fit_average()
    out["verdict"] = d.verdict.value if d.verdict else None
    return out


def exchange_json(
    i: Interaction, contacts: Mapping[int, Contact], zone: ZoneInfo
) -> dict[str, Any]:
    """Return the JSON shape of a logged exchange (as `app show` lists them)."""
    return {
        "id": i.id,
        "at": iso(i.at, zone),
        "kind": i.kind.value,
        "contact": None
        if i.contact_id is None or i.contact_id not in contacts
        else contacts[i.contact_id].name,
        "summary": i.summary,
        "follow_up": i.follow_up,
    }


def verdict_json(v: Verdict) -> dict[str, Any]:
    """Return the JSON shape of a guard's warning."""
    return {"guard": v.guard, "level": v.level, "reason": v.reason, "sources": list(v.sources)}


def reminder_json(r: Reminder) -> dict[str, Any]:
    """Return the JSON shape of a playbook reminder."""
    return {"id": r.id, "text": r.text, "sources": list(r.sources)}


def dump_json(value: Any) -> str:
    """Return `value` as stable, readable JSON."""
    import json

    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


# ---------------------------------------------------------------- the services' records


def application_view_json(v: ApplicationView) -> dict[str, Any]:
    """Return the JSON shape of an application with its recruiter (`app add --json`)."""
    return application_json(v.app, v.recruiter, v.zone)


def application_item_json(v: ApplicationItem) -> dict[str, Any]:
    """Return an application as `app list --json` shows it: with its next action."""
    out = application_json(v.app, v.recruiter, v.zone)
    out["next_action"] = action_json(v.next_action, v.zone) if v.next_action else None
    out["last_exchange"] = iso(v.last_exchange, v.zone)
    return out


def application_detail_json(v: ApplicationDetail) -> dict[str, Any]:
    """Return an application with its people, interviews, exchanges and plan (`app show`)."""
    facts, zone = v.facts, v.zone
    out = application_json(v.app, v.recruiter, zone)
    out["interviews"] = [
        interview_json(iv, facts.contacts, zone, iv.id in facts.debriefs) for iv in facts.interviews
    ]
    out["referees"] = [contact_json(facts.contacts[r]) for r in facts.referee_ids]
    out["contacts"] = [contact_json(c) for c in facts.contacts.values()]
    out["interactions"] = [exchange_json(i, facts.contacts, zone) for i in facts.interactions]
    out["plan"] = [action_json(r, zone) for r in v.plan]
    return out


def status_change_json(v: StatusChange) -> dict[str, Any]:
    """Return a status change: the application, the actions added and cancelled."""
    return {
        "application": application_json(v.app, v.recruiter, v.zone),
        "added": [action_json(r, v.zone) for r in v.added],
        "cancelled": [action_json(r, v.zone) for r in v.cancelled],
    }


def interview_view_json(v: InterviewView, with_debrief: bool = True) -> dict[str, Any]:
    """Return an interview with its panel (and its debrief, as `interview show` prints it)."""
    out = interview_json(v.interview, v.contacts, v.zone, v.debriefed)
    if with_debrief:
        out["debrief"] = debrief_json(v.debrief, v.zone) if v.debrief else None
    return out


def debrief_view_json(v: DebriefView) -> dict[str, Any]:
    """Return the JSON shape of a debrief record."""
    return debrief_json(v.debrief, v.zone)


def logged_json(v: Logged) -> dict[str, Any]:
    """Return an exchange just logged, with the guards' warnings (`log --json`)."""
    return {
        "id": v.id,
        "application_id": v.application_id,
        "kind": v.kind.value,
        "at": iso(v.at, v.zone),
        "contact_id": v.contact_id,
        "follow_up": v.follow_up,
        "warnings": [verdict_json(w) for w in v.warnings],
        "override": v.override,
    }


def action_view_json(v: ActionView, with_warnings: bool = True) -> dict[str, Any]:
    """Return an action (with the warnings of the change that led to it)."""
    out = action_json(v.row, v.zone)
    if with_warnings:
        out["warnings"] = [verdict_json(w) for w in v.warnings]
    return out


def brief_json(v: Brief) -> dict[str, Any]:
    """Return what to review before a call (`brief --json`)."""
    facts, zone = v.facts, v.zone
    last = sorted(facts.interactions, key=lambda i: i.at)[-5:]
    pending = [r for r in v.actions if r["status"] in ("pending", "snoozed")]
    latest = facts.interviews[-1] if facts.interviews else None
    return {
        "application": application_json(v.app, v.recruiter, zone),
        "stage": v.app.status.value,
        "people": [contact_json(c) for c in facts.contacts.values() if c.role.value != "referee"],
        "interviews": [
            interview_json(iv, facts.contacts, zone, iv.id in facts.debriefs)
            for iv in facts.interviews
        ],
        "debriefs": [debrief_json(d, zone) for d in facts.debriefs.values()],
        "last_exchanges": [
            {k: x[k] for k in ("at", "kind", "contact", "summary")}
            for x in (exchange_json(i, facts.contacts, zone) for i in reversed(last))
        ],
        "promises": [
            {"interview_id": iv.id, "promise": p} for iv in facts.interviews for p in iv.promises
        ],
        "decision_date": latest.decision_date.isoformat()
        if latest and latest.decision_date
        else None,
        "next_step": action_json(pending[0], zone) if pending else None,
        "reminders": [reminder_json(r) for r in v.reminders],
        "call_points": next(
            (list(action_json(r, zone)["talking_points"]) for r in pending
             if r["kind"] == "recruiter-call"), [],
        ),
    }  # fmt: skip


def prep_json(p: Prep) -> dict[str, Any]:
    """Return an upcoming interview's checklist."""
    return {
        "interview_id": p.interview.id,
        "application_id": p.interview.application_id,
        "company": p.company,
        "start": iso(p.interview.start, p.zone),
        "checklist": [reminder_json(r) for r in p.checklist],
    }


def policy_json(p: PolicyOption) -> dict[str, Any]:
    """Return a policy option with its choices and the rules and sources behind each."""
    return {
        "key": p.key,
        "value": p.value,
        "options": [
            {"value": c.value, "rules": list(c.rules), "sources": list(c.sources)}
            for c in p.choices
        ],
        "disagree": p.disagree,
    }
