"""Which application a message belongs to, or why it is ignored (pure; PRODUCT.md §4.3).

A message is first sorted by what its headers say about it: seen before (`duplicate`), a
delivery failure (`bounce`), sent by a robot (`auto-reply`), a mailing (`list`). Then it is
matched, in order of trust: our own Message-ID in its thread headers, the thread of a message
already matched, an address that is a contact of exactly one application (open ones first), the
company's domain for exactly one application. Evidence that points at two applications is never
a guess: the message is `ambiguous`. Nothing at all: `unknown-sender`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field

from followthrough.domain.mail_domains import is_public, registrable
from followthrough.domain.mail_headers import Mail, robot_reason

#: The reasons a message is ignored (`mail sync --json` "ignored"[].reason).
REASONS = ("auto-reply", "list", "unknown-sender", "ambiguous", "bounce", "duplicate")


@dataclass(frozen=True, slots=True)
class MailApp:
    """What the matcher knows of one application: its people's addresses and its domains."""

    id: int
    open: bool
    #: address (lower case) -> contact id, for every contact of the application
    contacts: Mapping[str, int]
    #: registrable domains of the company (its contacts' and its URL's), public ones left out
    domains: frozenset[str]


@dataclass(frozen=True, slots=True)
class Thread:
    """A message already known: one we sent, or one matched before."""

    application_id: int
    contact_id: int | None = None


@dataclass(frozen=True, slots=True)
class World:
    """The user's side: their own addresses, applications and known messages."""

    me: frozenset[str]
    apps: tuple[MailApp, ...]
    #: Message-ID -> the application it belongs to (ours, and those matched before)
    threads: Mapping[str, Thread] = field(default_factory=dict)
    #: every Message-ID seen before (matched or ignored), ours included
    seen: Set[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Outcome:
    """What to do with a message: log it (application, contact, direction) or ignore it."""

    reason: str | None = None
    application_id: int | None = None
    contact_id: int | None = None
    direction: str = "in"
    #: how it was matched: "thread", "contact" or "domain" (None when ignored)
    via: str | None = None
    #: the applications in question when `ambiguous`
    candidates: tuple[int, ...] = ()

    @property
    def logged(self) -> bool:
        """Return True when the message is to be logged."""
        return self.reason is None


def direction_of(mail: Mail, me: frozenset[str]) -> str:
    """Return "out" when the user sent the message, else "in"."""
    return "out" if mail.sender in me or (mail.sent_folder and not mail.sender) else "in"


def others(mail: Mail, me: frozenset[str]) -> tuple[str, ...]:
    """Return the other party's addresses: the sender of an inbound message, the recipients of
    an outbound one (the user's own addresses left out)."""
    if direction_of(mail, me) == "in":
        return (mail.sender,) if mail.sender else ()
    return tuple(a for a in dict.fromkeys(mail.recipients) if a not in me)


def match(mail: Mail, world: World) -> Outcome:
    """Return what to do with `mail`."""
    direction = direction_of(mail, world.me)
    if mail.message_id and mail.message_id in world.seen:
        return Outcome("duplicate", direction=direction)
    robot = robot_reason(mail)
    if robot is not None:
        return Outcome(robot, direction=direction)
    parties = others(mail, world.me)
    found = _by_thread(mail, world)
    if found is not None:  # the people of this message first: a reply may go to someone else
        contact = _contact_in(parties, found.application_id, world)
        if contact is None and direction == "in":
            contact = found.contact_id
        return Outcome(None, found.application_id, contact, direction, "thread")
    for step in (_by_contact, _by_domain):
        apps, contact, via = step(parties, world)
        if len(apps) == 1:
            return Outcome(None, apps[0], contact, direction, via)
        if len(apps) > 1:
            return Outcome("ambiguous", direction=direction, candidates=tuple(apps))
    return Outcome("unknown-sender", direction=direction)


def _by_thread(mail: Mail, world: World) -> Thread | None:
    """Return the known message this one answers: In-Reply-To first, then References from the
    newest; None when the thread headers name none or name two applications."""
    for ref in (*mail.in_reply_to, *reversed(mail.references)):
        found = world.threads.get(ref)
        if found is not None:
            return found
    return None


def _contact_in(parties: Iterable[str], app_id: int, world: World) -> int | None:
    for app in world.apps:
        if app.id == app_id:
            for address in parties:
                if address in app.contacts:
                    return app.contacts[address]
    return None


def _by_contact(parties: tuple[str, ...], world: World) -> tuple[list[int], int | None, str]:
    """Return the applications whose contacts are among `parties` (open ones, else closed)."""
    for want_open in (True, False):
        apps: list[int] = []
        contact: int | None = None
        for app in world.apps:
            if app.open != want_open:
                continue
            hit = next((app.contacts[a] for a in parties if a in app.contacts), None)
            if hit is not None:
                apps.append(app.id)
                contact = hit
        if apps:
            return apps, contact if len(apps) == 1 else None, "contact"
    return [], None, "contact"


def _by_domain(parties: tuple[str, ...], world: World) -> tuple[list[int], int | None, str]:
    """Return the applications whose company domain one of `parties` writes from (open ones,
    else closed); public mail domains never count."""
    domains = {registrable(a.rpartition("@")[2]) for a in parties if "@" in a}
    domains = {d for d in domains if d and not is_public(d)}
    if not domains:
        return [], None, "domain"
    for want_open in (True, False):
        apps = [a.id for a in world.apps if a.open == want_open and a.domains & domains]
        if apps:
            return apps, None, "domain"
    return [], None, "domain"


@dataclass(frozen=True, slots=True)
class OpenAction:
    """A pending e-mail action, as the Sent folder's messages are matched to it."""

    id: int
    kind: str
    recipient_id: int | None
    via_id: int | None
    due: dt.datetime
    #: the end of the interview it follows (a thank-you), when it has one
    interview_end: dt.datetime | None = None
    deadline: dt.datetime | None = None


#: How early a note may go and still be the action planned for later (a check-in sent on the
#: Friday before the Monday it was planned for is that check-in).
EARLY = dt.timedelta(days=3)
#: How late a thank-you may go and still be one (past its deadline, it is another message).
LATE = dt.timedelta(days=2)
#: What each kind of note says, in its writer's words (several languages): a thank-you thanks,
#: a check-in asks where things stand.
SAYS = {
    "thank-you": re.compile(
        r"\b(?:thank|thanks|grateful|appreciat\w*|merci|danke|vielen\s+dank|gracias|obrigad[oa]"
        r"|grazie|bedankt|dank\s+je|dank\s+u|tack|takk|tak\s+for|kiitos|dziękuję|spasibo"
        r"|ありがとう|谢谢|感谢|謝謝|shukran|asante|dankie)",
        re.IGNORECASE,
    ),
    "check-in": re.compile(
        r"\b(?:update|news|timeline|time\s*frame|status|progress|decision|next\s+steps|follow(?:ing)?"
        r"[\s-]+up|check(?:ing)?[\s-]+in|touch\s+base|hear(?:d)?\s+back|any\s+word|where\s+things"
        r"\s+stand|still\s+(?:very\s+)?(?:keen|interested|excited)|neuigkeiten|stand\s+der"
        r"|nouvelles|avancement|novedades|novidades|aggiornament|stand\s+van\s+zaken)",
        re.IGNORECASE,
    ),
}


def action_done_by(
    sent: dt.datetime,
    contact_id: int,
    actions: Iterable[OpenAction],
    text: str = "",
    answers_them: bool = False,
) -> int | None:
    """Return the id of the pending action that a message the user sent to `contact_id` at
    `sent`, saying `text`, does: one addressed to that person (or through them) whose time has
    come and that the words fit (a thank-you thanks, once its interview is over and not long
    past its deadline; a check-in asks where things stand, from three days before it is due;
    anything else from three days before it is due), the earliest due first; None when no
    action fits. A check-in may go to anyone of the application, but an answer to what they
    just wrote (`answers_them`) is a conversation, not a check-in."""
    fits = []
    for a in actions:
        if a.kind == "check-in":
            if answers_them:
                continue
        elif contact_id not in (a.recipient_id, a.via_id):
            continue
        says = SAYS.get(a.kind)
        if says is not None and not says.search(text):
            continue
        if a.kind == "thank-you" and a.interview_end is not None:
            last = (a.deadline or a.interview_end + dt.timedelta(days=1)) + LATE
            if not a.interview_end <= sent <= last:
                continue
        elif sent < a.due - EARLY:
            continue
        fits.append(a)
    if not fits:
        return None
    return min(fits, key=lambda a: (a.due, a.id)).id
