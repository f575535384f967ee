"""The "don'ts": pure checks of an outgoing message against the guidance.

Each guard returns a Verdict: `ok`, or `warn` with a reason and the sources behind it. A guard
never blocks by itself; the caller shows the warning and records an override with its reason.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from followthrough.domain.model import (
    ApplicationFacts,
    Contact,
    Role,
    Status,
)
from followthrough.domain.planner import Policy
from followthrough.domain.workdays import Workweek

#: Action kinds whose messages are follow-ups (chasing) for the cadence guard.
CHASING_KINDS = frozenset({"check-in", "value-add"})
#: Messages the cadence guard never counts.
NOT_FOLLOW_UPS = frozenset(
    {
        "thank-you",
        "recruiter-thanks",
        "referee-heads-up",
        "referee-thanks",
        "rejection-reply",
        "withdraw",
        "linkedin-recruiter",
        "linkedin-interviewer",
        "keep-in-touch",
    }
)
_FEEDBACK = re.compile(
    r"\b(feedback|decision|decided|news|update|outcome|next steps?|timeline|hear back|heard)\b",
    re.IGNORECASE,
)
#: Questions about the process (where it stands, when, what else helps) are not new questions.
_PROCESS_WORDS = re.compile(
    r"\b(feedback|decision|decided|news|update|outcome|next steps?|timeline|hear back|heard"
    r"|process|stands?|status|progress|schedule|when|anything else|further information|help)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A message about to be drafted, queued or logged."""

    at: dt.datetime
    kind: str | None = None
    recipient_id: int | None = None
    channel: str = "email"
    text: str = ""
    reply: bool = False

    @property
    def follow_up(self) -> bool:
        """Return True when this message counts as chasing for the cadence guard."""
        if self.reply:
            return False
        if self.kind is not None:
            return self.kind in CHASING_KINDS
        return self.channel != "phone"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The answer of one guard."""

    guard: str
    level: str
    reason: str = ""
    sources: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Return True when the guard has nothing to say."""
        return self.level == "ok"


def _ok(guard: str) -> Verdict:
    return Verdict(guard, "ok")


def same_day_chase(out: Outgoing, facts: ApplicationFacts, week: Workweek) -> Verdict:
    """Warn about a message asking for feedback or a decision on the day of an interview."""
    asks = out.kind in CHASING_KINDS or bool(_FEEDBACK.search(out.text))
    if out.kind in NOT_FOLLOW_UPS or out.reply or not (asks or out.follow_up):
        return _ok("same-day-chase")
    day = week.local_date(out.at)
    for iv in facts.interviews:
        if week.local_date(iv.end) == day:
            return Verdict(
                "same-day-chase",
                "warn",
                "you were interviewed today: asking for feedback or a decision the same day "
                "looks impatient; wait and send a thank-you note instead",
                ("mining-people",),
            )
    return _ok("same-day-chase")


def cadence(out: Outgoing, facts: ApplicationFacts, week: Workweek, policy: Policy) -> Verdict:
    """Warn when another follow-up went out for this application within the interval.

    Counted by calendar dates in the user's zone: a follow-up on day D blocks D+1 ... D+6.
    """
    if not out.follow_up:
        return _ok("cadence")
    day = week.local_date(out.at)
    window = policy.check_in_interval_days
    earlier = [
        i.at
        for i in facts.interactions
        if i.follow_up and 0 <= (day - week.local_date(i.at)).days < window and i.at <= out.at
    ]
    if not earlier:
        return _ok("cadence")
    last = week.local_date(max(earlier))
    free = last + dt.timedelta(days=window)
    return Verdict(
        "cadence",
        "warn",
        f"you already followed up on {last.isoformat()}; one follow-up a week at most, "
        f"next from {free.isoformat()}",
        ("stafffinders", "brightcareer"),
    )


def _is_interviewer(facts: ApplicationFacts, contact_id: int | None) -> Contact | None:
    if contact_id is None:
        return None
    contact = facts.contacts.get(contact_id)
    panel = {c for iv in facts.interviews for c in iv.interviewer_ids}
    if contact_id in panel or (contact and contact.role in (Role.INTERVIEWER, Role.HIRING_MANAGER)):
        return contact
    return None


def channel(out: Outgoing, facts: ApplicationFacts) -> Verdict:
    """Warn about a direct message to an interviewer in a recruiter-led process."""
    app = facts.application
    if not app.recruiter_led or app.status in (Status.OFFER, Status.ACCEPTED):
        return _ok("channel")
    if out.kind in ("thank-you", "linkedin-interviewer") or out.reply:
        return _ok("channel")
    person = _is_interviewer(facts, out.recipient_id)
    if person is None:
        return _ok("channel")
    return Verdict(
        "channel",
        "warn",
        f"{person.name} is an interviewer in a recruiter-led process: until an offer, go "
        "through your recruiter (only the thank-you note goes to the interviewer)",
        ("hays",),
    )


_QUESTION = re.compile(r"[^.!?\n]*\?")


def new_questions(out: Outgoing) -> Verdict:
    """Warn when a follow-up asks new questions about the role (the sources disagree)."""
    if out.kind not in CHASING_KINDS and out.kind is not None:
        return _ok("new-questions")
    role_questions = [
        q.strip() for q in _QUESTION.findall(out.text) if not _PROCESS_WORDS.search(q)
    ]
    if not role_questions:
        return _ok("new-questions")
    return Verdict(
        "new-questions",
        "warn",
        f"this follow-up asks about the role ({role_questions[0][:60]!r}): Mining People warns "
        "it suggests you could not think on your feet; BrightCareer allows questions that came "
        "up afterwards",
        ("mining-people", "brightcareer"),
    )


def linkedin_interviewer(out: Outgoing, facts: ApplicationFacts, policy: Policy) -> Verdict:
    """Warn about a LinkedIn request to an interviewer that the policy says is too early."""
    if out.channel != "linkedin" and out.kind != "linkedin-interviewer":
        return _ok("linkedin-interviewer")
    if _is_interviewer(facts, out.recipient_id) is None and out.kind != "linkedin-interviewer":
        return _ok("linkedin-interviewer")
    if policy.linkedin_interviewer == "after-interview":
        return _ok("linkedin-interviewer")
    if facts.application.status in (Status.OFFER, Status.ACCEPTED):
        return _ok("linkedin-interviewer")
    return Verdict(
        "linkedin-interviewer",
        "warn",
        "your policy is to connect with interviewers after an offer (Hays); BrightCareer "
        "would connect right after the interview: change it with "
        "`followthrough settings linkedin_interviewer after-interview`",
        ("hays", "brightcareer"),
    )


def check_outgoing(
    out: Outgoing, facts: ApplicationFacts, week: Workweek, policy: Policy
) -> list[Verdict]:
    """Return the warnings of every guard for `out` (empty when all are happy)."""
    verdicts = [
        same_day_chase(out, facts, week),
        cadence(out, facts, week, policy),
        channel(out, facts),
        new_questions(out),
        linkedin_interviewer(out, facts, policy),
    ]
    return [v for v in verdicts if not v.ok]
