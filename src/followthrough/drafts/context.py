"""The facts a draft template may use, gathered from the user's own records.

This is the contract between the data and the templates (documented in docs/drafts.md): every
key is always present; a fact the user has not recorded is None or an empty list, never absent,
so a template tests for it (`{% if topic %}`) and chooses a phrasing that does not need it.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

from followthrough.domain.model import ApplicationFacts, Contact, Debrief, Interview

#: Which draft an action gets (actions that send nothing have none).
ACTION_DRAFT = {
    "thank-you": "thank-you",
    "recruiter-call": "recruiter-thanks",
    "referee-heads-up": "referee-heads-up",
    "referee-thanks": "referee-thanks",
    "check-in": "check-in",
    "linkedin-recruiter": "linkedin-recruiter",
    "linkedin-interviewer": "linkedin-interviewer",
    "rejection-reply": "rejection-reply",
    "withdraw": "withdraw",
    "keep-in-touch": "value-add",
}
DRAFT_KINDS = (
    "thank-you",
    "recruiter-thanks",
    "referee-heads-up",
    "referee-thanks",
    "check-in",
    "value-add",
    "linkedin-recruiter",
    "linkedin-interviewer",
    "rejection-reply",
    "withdraw",
)
#: Channel of each draft kind.
DRAFT_CHANNEL = {k: ("linkedin" if k.startswith("linkedin") else "email") for k in DRAFT_KINDS}

#: Facts that make each kind of note stronger, with how to add them.
USEFUL_FACTS: dict[str, tuple[tuple[str, str], ...]] = {
    "thank-you": (
        ("topic", "a topic you discussed (debrief: topics)"),
        ("projects", "a project or achievement that fits the role (debrief: projects)"),
    ),
    "recruiter-thanks": (("topic", "a topic you discussed (debrief: topics)"),),
    "check-in": (("topic", "a topic you discussed (debrief: topics)"),),
    "value-add": (("nugget", "a piece of company news or an article (debrief: nuggets)"),),
    "linkedin-interviewer": (("topic", "a topic you discussed (debrief: topics)"),),
    "referee-heads-up": (("interview", "the interview (followthrough interview add)"),),
}
ALWAYS_USEFUL = (("me", "your name (followthrough settings name 'Your Name')"),)


def clean(text: str | None) -> str | None:
    """Return user text with runs of white space folded, or None when nothing is left."""
    if text is None:
        return None
    folded = " ".join(text.split())
    return folded or None


def cleaned(items: Iterable[str]) -> list[str]:
    """Return the non-empty items of a list of user texts, each folded."""
    return [c for c in (clean(i) for i in items) if c]


#: Words that name a mailbox, not a person: never a greeting.
MAILBOXES = frozenset({"hr", "jobs", "job", "careers", "career", "recruitment", "recruiting",
                       "talent", "hiring", "info", "contact", "noreply", "no-reply", "team",
                       "admin", "hello", "office"})  # fmt: skip


def first_name(name: str | None) -> str | None:
    """Return the first word of a name ("Ann Lee" -> "Ann"), or None, also for what is no
    person's name: an address, a mailbox ("hr", "jobs"), a local part ("tom.baker")."""
    parts = (name or "").split()
    if not parts:
        return None
    first = parts[0]
    if "@" in first or "_" in first or first.casefold() in MAILBOXES:
        return None
    if len(parts) == 1 and "." in first.strip("."):
        return None
    return first


def person(contact: Contact | None, name: str | None = None) -> dict[str, Any] | None:
    """Return a person as the templates see them (None when there is no usable name)."""
    full = clean(contact.name if contact is not None else name)
    if full is None:
        return None
    return {
        "name": full,
        "first_name": first_name(full),
        "email": contact.email if contact is not None else None,
    }


def _day(moment: dt.datetime | dt.date | None, zone: ZoneInfo) -> str | None:
    if moment is None:
        return None
    day = moment.astimezone(zone).date() if isinstance(moment, dt.datetime) else moment
    return f"{day.day} {day.strftime('%B')}"


def _interview_of(facts: ApplicationFacts, interview_id: int | None) -> Interview | None:
    if not facts.interviews:
        return None
    for iv in facts.interviews:
        if iv.id == interview_id:
            return iv
    return facts.interviews[-1]


def choose_variant(key: str, count: int, position: int = 0) -> int:
    """Return a stable phrasing index (0-based) among `count` phrasings.

    `key` is the action's key; for the thank-you notes of one panel pass the interview's part of
    the key and each interviewer's `position` on the panel, so that their notes differ.
    """
    if count <= 1:
        return 0
    return (zlib.crc32(key.encode()) + position) % count


def build_context(
    draft_kind: str,
    action: Mapping[str, Any],
    facts: ApplicationFacts,
    me: str | None,
    zone: ZoneInfo,
    variant: int,
) -> dict[str, Any]:
    """Return the template context for the draft of `action` (a stored action row)."""
    app = facts.application
    iv = _interview_of(facts, action.get("interview_id"))
    notes = _debrief_notes(facts.debriefs.get(iv.id) if iv is not None else None)
    recipient_contact = facts.contacts.get(action.get("recipient_contact_id") or -1)
    recruiter = facts.contacts.get(app.recruiter_id) if app.recruiter_id else None
    return {
        "kind": draft_kind,
        "variant": variant,
        "me": person(None, me),
        "recipient": person(recipient_contact, action.get("recipient_name")),
        "about": _about(action, facts),
        "company": clean(app.company),
        "role": clean(app.role),
        "agency": clean(app.agency),
        "recruiter": person(recruiter) if recruiter else None,
        "status": app.status.value,
        "interview": _interview_facts(iv, zone),
        "interviewers": _panel_first_names(facts, iv),
        "topic": notes["topic"],
        "topics": notes["topics"],
        "projects": notes["projects"],
        "better_answer": notes["better_answer"],
        "promises": cleaned(iv.promises) if iv else [],
        "decision_date": _day(iv.decision_date, zone) if iv and iv.decision_date else None,
        "nugget": notes["nugget"],
        "n": _check_in_number(action.get("key", "")),
    }


def _about(action: Mapping[str, Any], facts: ApplicationFacts) -> dict[str, Any] | None:
    """Return the person a note passed on by someone else is about (the interviewer), or None."""
    if not (action.get("via_contact_id") or action.get("via_name")):
        return None
    return person(facts.contacts.get(action.get("via_contact_id") or -1), action.get("via_name"))


def _interview_facts(iv: Interview | None, zone: ZoneInfo) -> dict[str, Any] | None:
    if iv is None:
        return None
    return {
        "weekday": iv.end.astimezone(zone).strftime("%A"),
        "date": _day(iv.end, zone),
        "format": iv.format.value,
        "round": iv.round,
    }


def _panel_first_names(facts: ApplicationFacts, iv: Interview | None) -> list[str]:
    panel = [facts.contacts[c] for c in (iv.interviewer_ids if iv else ()) if c in facts.contacts]
    return [n for n in (first_name(c.name) for c in panel) if n]


def _debrief_notes(debrief: Debrief | None) -> dict[str, Any]:
    """Return the debrief's facts a note may use (empty ones when there is no debrief)."""
    topics = cleaned(debrief.topics) if debrief else []
    nuggets = cleaned(debrief.nuggets) if debrief else []
    better = cleaned(debrief.better_answers) if debrief else []
    return {
        "topic": topics[0] if topics else None,
        "topics": topics,
        "projects": cleaned(debrief.projects)[:2] if debrief else [],
        "better_answer": better[0] if better else None,
        "nugget": nuggets[0] if nuggets else None,
    }


def _check_in_number(key: str) -> int | None:
    if key.startswith("check-in:"):
        tail = key.rsplit(":", 1)[-1]
        return int(tail) if tail.isdigit() else None
    return None


def missing_facts(draft_kind: str, context: Mapping[str, Any]) -> list[str]:
    """Return what the user could record to make this note stronger."""
    wanted = USEFUL_FACTS.get(draft_kind, ()) + ALWAYS_USEFUL
    return [advice for key, advice in wanted if not context.get(key)]
