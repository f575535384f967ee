"""Reading mail (PRODUCT.md §4.3): each message matched to an application or ignored with its
reason, a reply logged as an exchange (so chasing stops by itself), a note found in Sent marking
its action done, status changes proposed, bounces remembered. `mail sync` and `mail import` both
hand their messages here; the whole batch is one change of the history (undo takes it back).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from followthrough.domain.mail_domains import company_domain, is_public, registrable
from followthrough.domain.mail_headers import Mail, robot_by_words
from followthrough.domain.mail_match import (
    MailApp,
    OpenAction,
    Outcome,
    Thread,
    World,
    action_done_by,
    match,
)
from followthrough.domain.mail_proposals import Proposal, propose
from followthrough.domain.model import OPEN_STATUSES, InteractionKind
from followthrough.services.context import Context, UnitOfWork
from followthrough.services.exchanges import Exchange, record_exchange
from followthrough.services.planning import replan

#: Settings of the mail account (`mail setup`): the user's address, and more of theirs.
FROM = "mail_from"
ALSO_ME = "mail_also_me"


@dataclass
class ReadReport:
    """What a sync or an import did, in the shape `mail sync --json` prints."""

    scanned: int = 0
    logged: list[dict[str, Any]] = field(default_factory=list)
    ignored: list[dict[str, Any]] = field(default_factory=list)
    proposals: list[dict[str, Any]] = field(default_factory=list)
    #: ignored messages read but not written yet (written in batches)
    pending: list[dict[str, Any]] = field(default_factory=list, repr=False)

    def as_json(self) -> dict[str, Any]:
        """Return the report as `mail sync --json` / `mail import --json` print it."""
        return {
            "scanned": self.scanned,
            "logged": self.logged,
            "ignored": self.ignored,
            "proposals": self.proposals,
        }


@contextmanager
def full_read(ctx: Context) -> Iterator[UnitOfWork]:
    """Open a read unit on the full store: the mail tables are not on the stdlib read path."""
    repo = ctx.repo.writer()
    with repo.read() as conn:
        yield ctx.unit(conn, repo)


def my_addresses(settings: dict[str, str]) -> frozenset[str]:
    """Return the user's own addresses: the sender of `mail setup` and any others they gave."""
    from email.utils import getaddresses

    raw = [settings.get(FROM, ""), settings.get(ALSO_ME, "")]
    return frozenset(a.lower() for _, a in getaddresses([r for r in raw if r]) if "@" in a)


def build_world(
    uow: UnitOfWork, me: frozenset[str], inbound: dict[str, dt.datetime]
) -> tuple[World, dict[str, Thread], set[str]]:
    """Return what the matcher knows, and the thread map and seen set it reads (the caller
    adds to both as it goes); fill `inbound` with when each message they sent was written."""
    conn, repo = uow.conn, uow.repo
    emails: dict[int, list[str]] = {}
    for contact_id, email in repo.mail_addresses(conn):
        emails.setdefault(contact_id, []).append(email)
    people: dict[int, dict[str, int]] = {}
    for app_id, contact_id in _links(repo.mail_links(conn)):
        for email in emails.get(contact_id, ()):
            people.setdefault(app_id, {})[email] = contact_id
    apps = []
    for row in repo.mail_applications(conn):
        contacts = people.get(row["id"], {})
        domains = {registrable(e.rpartition("@")[2]) for e in contacts if e not in me}
        domains = {d for d in domains if d and not is_public(d)}
        if row["url"]:
            from urllib.parse import urlsplit

            host = urlsplit(row["url"] if "//" in row["url"] else f"//{row['url']}").hostname
            found = company_domain(host or "")
            if found:
                domains.add(found)
        is_open = row["status"] in {s.value for s in OPEN_STATUSES}
        apps.append(MailApp(row["id"], is_open, contacts, frozenset(domains)))
    threads: dict[str, Thread] = {}
    seen: set[str] = set()
    for row in repo.known_messages(conn):
        seen.add(row["message_id"])
        if row["direction"] == "in" and row["sent_at"] is not None:
            inbound[row["message_id"]] = _aware(row["sent_at"])
        if row["application_id"] is not None and row["outcome"] == "logged":
            threads[row["message_id"]] = Thread(row["application_id"], row["contact_id"])
    return World(me, tuple(apps), threads, seen), threads, seen


def _links(found: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    """Return the (application, contact) links to match on: a person linked to an application
    by name (recruiter, panel, ...) belongs to those; one linked only by their organisation
    belongs to it only when it names a single application."""
    named = {c for _, c, by_org in found if not by_org}
    by_org: dict[int, set[int]] = {}
    for app, contact, org in found:
        if org and contact not in named:
            by_org.setdefault(contact, set()).add(app)
    kept = [(a, c) for a, c, org in found if not org]
    kept += [(next(iter(apps)), c) for c, apps in by_org.items() if len(apps) == 1]
    return kept


def synthetic_id(raw: bytes) -> str:
    """Return a stable Message-ID for a message without one (its bytes' digest)."""
    return f"sha256.{hashlib.sha256(raw).hexdigest()[:32]}@followthrough.invalid"


class Source(Protocol):
    """A message to read: where it sits, its headers, and the whole of it when asked for."""

    folder: str
    sent: bool
    head: bytes

    def full(self) -> bytes:
        """Return the whole message (fetched when first asked for, if it is remote)."""
        ...


def header_block(raw: bytes) -> bytes:
    """Return the headers of a raw message (up to its first empty line)."""
    crlf, lf = raw.find(b"\r\n\r\n"), raw.find(b"\n\n")
    ends = [i + 2 for i in (crlf,) if i >= 0] + [i + 1 for i in (lf,) if i >= 0]
    return raw[: min(ends)] if ends else raw


@dataclass
class Whole:
    """A message already read in full (an export's): its headers first, like a sync's."""

    folder: str
    sent: bool
    raw: bytes
    head: bytes = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.head = header_block(self.raw)

    def full(self) -> bytes:
        """Return the whole message."""
        return self.raw


def read_messages(
    ctx: Context,
    items: Iterable[Source],
    source: str,
    each: Callable[[Mail, Outcome, Proposal | None], None] | None = None,
) -> ReadReport:
    """Match, log and propose from `items`; return what was done (and tell `each` of every
    message as it goes: for a progress bar, or a measure). Headers decide most messages; the
    body is read only for a reply from an application (its words may propose a status change)
    and a bounce (it names the failed address). One transaction: a failure writes nothing."""
    from followthrough.mail.parse import parse

    report = ReadReport()
    with ctx.write() as uow:
        me = my_addresses(uow.settings)
        inbound: dict[str, dt.datetime] = {}
        world, threads, seen = build_world(uow, me, inbound)
        touched: set[int] = set()
        for item in items:
            mail = parse(item.head, item.sent)
            if not mail.message_id:
                mail = _with_id(mail, synthetic_id(item.head))
            outcome = match(mail, world)
            if outcome.reason == "bounce" or outcome.logged:
                raw = item.full()
                if raw is not item.head:
                    mail = _with_id(parse(raw, item.sent), mail.message_id)
                robot = robot_by_words(mail) if outcome.direction == "in" else None
                if outcome.logged and robot is not None:
                    outcome = Outcome(robot, direction=outcome.direction)
            answers = _answers(mail, inbound)
            proposal = _apply(uow, mail, item.folder, outcome, report, touched, answers)
            if outcome.logged and outcome.direction == "in" and mail.date is not None:
                inbound[mail.message_id] = mail.date
            seen.add(mail.message_id)
            if outcome.logged and outcome.application_id is not None:
                threads[mail.message_id] = Thread(outcome.application_id, outcome.contact_id)
            report.scanned += 1
            if len(report.pending) >= BATCH:
                uow.repo.add_mail_messages(uow.conn, uow.now, report.pending)
                report.pending.clear()
            if each is not None:
                each(mail, outcome, proposal)
        uow.repo.add_mail_messages(uow.conn, uow.now, report.pending)
        report.pending.clear()
        for app_id in sorted(touched):
            replan(uow, app_id, f"mail {source}")
        if (
            report.logged
            or report.proposals
            or any(i["reason"] == "bounce" for i in report.ignored)
        ):
            uow.describe(
                f"mail-{source}",
                f"Mail {source}: {len(report.logged)} logged, {len(report.proposals)} "
                f"proposed, {len(report.ignored)} ignored of {report.scanned}",
            )
    return report


#: Ignored messages written per statement.
BATCH = 500
#: An answer within this time of their message is a conversation, not a chase.
ANSWER = dt.timedelta(days=7)


def _answers(mail: Mail, inbound: dict[str, dt.datetime]) -> bool:
    """Return True when `mail` answers a message they sent shortly before."""
    if mail.date is None:
        return False
    return any(
        ref in inbound and dt.timedelta(0) <= mail.date - inbound[ref] <= ANSWER
        for ref in (*mail.in_reply_to, *mail.references[-1:])
    )


def _with_id(mail: Mail, message_id: str) -> Mail:
    from dataclasses import replace

    return replace(mail, message_id=message_id)


def _apply(
    uow: UnitOfWork, mail: Mail, folder: str, outcome: Outcome, report: ReadReport,
    touched: set[int], answers: bool = False,
) -> Proposal | None:  # fmt: skip
    """Write what `outcome` says about `mail` (`answers`: it answers their message of the
    last days); add it to `report`; return the status change it proposes, if any."""
    at = mail.date or uow.now
    row = {"message_id": mail.message_id, "folder": folder, "direction": outcome.direction,
           "outcome": "logged" if outcome.logged else "ignored", "reason": outcome.reason,
           "via": outcome.via, "application_id": outcome.application_id,
           "contact_id": outcome.contact_id, "sender": mail.sender[:320],
           "subject": mail.subject[:2000], "sent_at": at}  # fmt: skip
    if not outcome.logged:
        report.ignored.append({"message_id": mail.message_id, "reason": outcome.reason})
        if outcome.reason != "duplicate":
            report.pending.append(row)  # written together: one statement for many
        if outcome.reason == "bounce":
            for address in mail.failed:
                uow.repo.add_bounce(uow.conn, address, mail.message_id, at)
        return None
    app_id = outcome.application_id
    assert app_id is not None
    interaction_id, action_id = _log(uow, mail, outcome, app_id, min(at, uow.now), answers)
    mid = uow.repo.add_mail_message(uow.conn, uow.now, interaction_id=interaction_id,
                                    action_id=action_id, **row)  # fmt: skip
    touched.add(app_id)
    report.logged.append({"message_id": mail.message_id, "application_id": app_id,
                          "contact_id": outcome.contact_id, "direction": outcome.direction,
                          "action_id": action_id})  # fmt: skip
    found = propose(mail, str(uow.settings["tz"])) if outcome.direction == "in" else None
    if found is not None:
        pid = uow.repo.add_proposal(uow.conn, uow.now, mail_message_id=mid,
                                    application_id=app_id, proposal=found.proposal,
                                    confidence=found.confidence,
                                    details=json.dumps(found.details))  # fmt: skip
        report.proposals.append({"id": pid, "message_id": mail.message_id,
                                 "application_id": app_id, "proposal": found.proposal,
                                 "confidence": found.confidence,
                                 "details": found.details})  # fmt: skip
    return found


def _log(
    uow: UnitOfWork, mail: Mail, outcome: Outcome, app_id: int, when: dt.datetime,
    answers: bool,
) -> tuple[int, int | None]:  # fmt: skip
    """Log the exchange a matched message is (marking the action a sent note does done);
    return the exchange's id and the action's."""
    action_id = None
    if outcome.direction == "out":
        action_id = _completed(uow, app_id, outcome, when, mail.new_text or mail.text, answers)
    kind = InteractionKind.EMAIL_IN if outcome.direction == "in" else InteractionKind.EMAIL_OUT
    subject = mail.subject[:500]
    if action_id is not None:
        action = uow.repo.action(uow.conn, action_id)
        uow.repo.set_action(uow.conn, action_id, status="done", done_at=when,
                            reason="found in your sent mail", updated_at=uow.now)  # fmt: skip
        exchange = Exchange(kind, outcome.contact_id, when, subject, action_id=action_id,
                            action_kind=action["kind"])  # fmt: skip
    else:
        exchange = Exchange(kind, outcome.contact_id, when, subject,
                            reply=outcome.via == "thread")  # fmt: skip
    logged = record_exchange(uow, app_id, exchange, None, mail.message_id)
    return logged.id, action_id


def _completed(
    uow: UnitOfWork, app_id: int, outcome: Outcome, at: dt.datetime, text: str, answers: bool
) -> int | None:
    """Return the pending action a message the user sent does, or None."""
    if outcome.contact_id is None:
        return None
    ends = {i.id: i.end for i in uow.repo.interviews(uow.conn, app_id)}
    open_actions = [
        OpenAction(
            r["id"],
            r["kind"],
            r["recipient_contact_id"],
            r["via_contact_id"],
            _aware(r["due_at"]),
            ends.get(r["interview_id"]),
            _aware(r["deadline_at"]) if r["deadline_at"] else None,
        )
        for r in uow.repo.actions_of(uow.conn, app_id)
        if r["status"] in ("pending", "snoozed") and r["channel"] == "email"
    ]
    return action_done_by(at, outcome.contact_id, open_actions, text, answers)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
