"""The facts a draft template may use, gathered from the user's own records.

This is the contract between the data and the templates (documented in docs/drafts.md): every
key is always present; a fact the user has not recorded is None or an empty list, never absent,
so a template tests for it (`{% if topic %}`) and chooses a phrasing that does not need it.
"""

from __future__ import annotations

import datetime as dt
import functools
import zlib
from collections.abc import Iterable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

from followthrough.domain.model import (
    ActionStatus,
    ApplicationFacts,
    Contact,
    Debrief,
    Interview,
    Role,
)
from followthrough.drafts import phrasing

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
    extras: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Return the template context for the draft of `action` (a stored action row). `extras`
    are what the user gives for this draft: `link` and `note` (what a value-add shares) and
    `attached` (what was promised is attached)."""
    extras = extras or {}
    app = facts.application
    iv = _interview_of(facts, action.get("interview_id"))
    recipient_contact = facts.contacts.get(action.get("recipient_contact_id") or -1)
    reader = facts.contacts.get(action.get("via_contact_id") or -1) or recipient_contact
    to_company = draft_kind in TO_COMPANY and reader is not None and reader.role in INSIDE
    notes = _debrief_notes(facts.debriefs.get(iv.id) if iv is not None else None,
                           _seat(facts, iv, reader), app.company, to_company)  # fmt: skip
    recruiter = facts.contacts.get(app.recruiter_id) if app.recruiter_id else None
    promises = [p for p in (q.rstrip(" .") for q in cleaned(iv.promises)) if p] if iv else []
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
        **notes,
        "promises": promises,
        "promised": phrasing.listing(promises) or None,
        "attached": bool(extras.get("attached")) and bool(promises),
        "decision_date": _day(iv.decision_date, zone) if iv and iv.decision_date else None,
        "n": _check_in_number(action.get("key", ""), facts),
        "signoff": _signoff(_seat(facts, iv, reader)[0], variant_count=3),
        "link": clean(extras.get("link")),
        "note": clean(extras.get("note")),
        "vary": functools.partial(vary, f"{action.get('key', '')}:{reader.id if reader else ''}"),
    }


def vary(seed: str, slot: str, count: int) -> int:
    """Return a stable choice (0-based) among `count` wordings of one sentence (`slot`) of a
    template: the same draft always reads the same, and two drafts rarely share a sentence
    even when they share a template (the choices of a note's sentences are independent)."""
    return zlib.crc32(f"{seed}:{slot}".encode()) % count if count > 1 else 0


#: The kinds of note read by someone at the company (the others go to a recruiter or referee).
TO_COMPANY = frozenset({"thank-you", "check-in", "value-add", "linkedin-interviewer", "withdraw",
                        "rejection-reply"})  # fmt: skip
#: The roles of the people who work at the company.
INSIDE = frozenset({Role.INTERVIEWER, Role.HIRING_MANAGER})


#: Sign-offs for the fourth and later members of a panel, whose phrasings repeat the first three.
SIGNOFFS = ("Best wishes", "All the best", "Many thanks", "Best regards", "Thanks again",
            "Sincerely")  # fmt: skip


def _signoff(position: int, variant_count: int) -> str | None:
    """Return the sign-off of a panel member's note when their phrasing repeats an earlier
    member's (the template's own otherwise): two notes of one panel never read the same."""
    lap = position // variant_count
    return SIGNOFFS[(lap - 1) % len(SIGNOFFS)] if lap else None


def _seat(facts: ApplicationFacts, iv: Interview | None, reader: Contact | None) -> tuple[
        int, list[str]]:  # fmt: skip
    """Return the reader's place on the interview's panel (0 when not on it) and the panel's
    first names, in panel order."""
    panel = [facts.contacts[c] for c in (iv.interviewer_ids if iv else ()) if c in facts.contacts]
    names = [first_name(c.name) or "" for c in panel]
    ids = [c.id for c in panel]
    return (ids.index(reader.id) if reader is not None and reader.id in ids else 0), names


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


def _debrief_notes(
    debrief: Debrief | None, seat: tuple[int, list[str]], company: str, to_company: bool
) -> dict[str, Any]:
    """Return the debrief's facts a note may use (empty ones when there is no debrief), turned
    to the reader: on a panel, each member's own topic and project first; spoken to the company
    when the reader works there ("your move to streaming")."""
    topics = cleaned(debrief.topics) if debrief else []
    nuggets = cleaned(debrief.nuggets) if debrief else []
    better = cleaned(debrief.better_answers) if debrief else []
    projects = cleaned(debrief.projects)[:2] if debrief else []
    reactions = cleaned(debrief.reactions) if debrief else []
    position, panel = seat
    if topics:
        first = phrasing.allocate(panel or [""], topics, reactions)[position if panel else 0]
        topics = topics[first:] + topics[:first]
    if projects:
        turn = position % len(projects)
        projects = projects[turn:] + projects[:turn]
    spoken = [
        phrasing.second_person(t, company) if to_company else phrasing.third_person(t, company)
        for t in topics
    ]
    phrased = [phrasing.noun_phrase(t) for t in spoken]
    return {
        "topic": phrased[0] if phrased else None,
        "topics": phrased,
        "projects": projects,
        "better_answer": better[0] if better else None,
        "nugget": nuggets[0] if nuggets else None,
        "news": phrasing.news_clause(nuggets[0], company, to_company) if nuggets else None,
    }


def _check_in_number(key: str, facts: ApplicationFacts) -> int | None:
    """Return which check-in this is, counting those actually sent: a skipped first check-in
    does not make the second one say "once more"."""
    if not key.startswith("check-in:"):
        return None
    tail = key.rsplit(":", 1)[-1]
    if not tail.isdigit():
        return None
    head = key.rsplit(":", 1)[0] + ":"
    sent = sum(
        1
        for k, record in facts.actions.items()
        if k.startswith(head)
        and k.rsplit(":", 1)[-1].isdigit()
        and int(k.rsplit(":", 1)[-1]) < int(tail)
        and record.status is ActionStatus.DONE
    )
    return sent + 1


def missing_facts(draft_kind: str, context: Mapping[str, Any]) -> list[str]:
    """Return what the user could record to make this note stronger."""
    wanted = USEFUL_FACTS.get(draft_kind, ()) + ALWAYS_USEFUL
    return [advice for key, advice in wanted if not context.get(key)]
