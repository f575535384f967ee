"""A message as the matcher sees it, and what its headers say about who sent it (pure).

The adapter (`followthrough.mail.parse`) builds a `Mail` from the raw bytes; everything here
reads only that value. Robots are told by their headers first (RFC 3834 `Auto-Submitted`, the
`X-Autoreply` family, `Precedence`, RFC 2369 `List-*`, an empty `Return-Path`, RFC 3464 delivery
reports), and by the subject lines auto-responders put in front of the original subject when a
server sets no header at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

#: The headers a `Mail` keeps (lower case), besides the ones it has fields for.
ROBOT_HEADERS = (
    "auto-submitted",
    "x-autoreply",
    "x-autorespond",
    "x-autoresponse",
    "x-auto-response-suppress",
    "precedence",
    "list-id",
    "list-unsubscribe",
    "list-post",
    "return-path",
    "x-failed-recipients",
    "content-type",
    "feedback-id",
    "x-campaign",
    "x-mailgun-tag",
)


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """An event of an attached invitation (`text/calendar`): when, in which zone, what."""

    start: dt.datetime
    zone: str = ""
    summary: str = ""
    method: str = ""


@dataclass(frozen=True, slots=True)
class Mail:
    """One message: identity, thread, people, time, words (addresses in lower case)."""

    message_id: str
    sender: str
    sender_name: str = ""
    recipients: tuple[str, ...] = ()
    subject: str = ""
    date: dt.datetime | None = None
    in_reply_to: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    #: ROBOT_HEADERS present on the message, lower-case names, values as found
    headers: Mapping[str, str] = field(default_factory=dict)
    #: the body as plain text, and the part the sender wrote (quoted mail cut off)
    text: str = ""
    new_text: str = ""
    #: the events of attached invitations (`text/calendar`)
    events: tuple[CalendarEvent, ...] = ()
    #: the failed addresses of a delivery report
    failed: tuple[str, ...] = ()
    #: True when the message was found in the user's Sent folder
    sent_folder: bool = False


#: Subjects auto-responders write (English, German, French, Dutch, Spanish, Portuguese,
#: Italian, Swedish, Danish, Norwegian, Finnish, Polish, Japanese, Chinese, ...).
_AUTO_SUBJECT = re.compile(
    # words only a robot puts in a subject
    r"^\s*(?:(?:automatic|auto)[- ]?(?:reply|response)|autoreply|autoresponder"
    r"|automatische antwort|abwesenheitsnotiz|r[ée]ponse automatique|automatisch antwoord"
    r"|respuesta autom[áa]tica|resposta autom[áa]tica|risposta automatica|autosvar"
    r"|automaattinen vastaus|automatyczna odpowied[źz]|outomatiese antwoord"
    r"|自動返信|自動応答|自动回复|自動回覆|رد آلي|स्वचालित उत्तर)"
    # words a person may write too, robotic only as a prefix before the original subject
    r"|^\s*(?:out of (?:the )?office|ooo|away from (?:the )?office|abwesend|nicht im b[üu]ro"
    r"|absence du bureau|absent(?:e)?|afwezig|fuera de la oficina|ausente"
    r"|fora do escrit[óo]rio|fuori ufficio|fr[åa]nvarande|fraværende|poissa"
    r"|nieobecno[śs][ćc]|不在|外出中|休假中|خارج المكتب|afwesig)\s*[:：]",
    re.IGNORECASE,
)
_REPORT = re.compile(r"multipart/report\b.*report-type\s*=\s*\"?delivery-status", re.I | re.S)
_DAEMON = re.compile(r"^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon)@", re.I)
_BOUNCE_SUBJECT = re.compile(
    r"undeliver|delivery (?:status notification|has failed|failure|incomplete)"
    r"|mail delivery (?:failed|failure|subsystem)|returned mail|failure notice"
    r"|could not be delivered|non[- ]?remis|unzustellbar|no se puede entregar",
    re.I,
)


def _value(headers: Mapping[str, str], name: str) -> str:
    return headers.get(name, "").strip().lower()


def is_bounce(mail: Mail) -> bool:
    """Return True for a delivery status notification (RFC 3464) or a robot's failure notice."""
    if _REPORT.search(mail.headers.get("content-type", "")):
        return True
    daemon = bool(_DAEMON.match(mail.sender)) or _value(mail.headers, "return-path") in ("<>", "")
    if "x-failed-recipients" in mail.headers:
        return True
    return (
        daemon
        and bool(_BOUNCE_SUBJECT.search(mail.subject))
        and bool(_DAEMON.match(mail.sender) or mail.failed)
    )


def robot_reason(mail: Mail) -> str | None:
    """Return "bounce", "auto-reply" or "list" for mail a robot sent, or None for a person's."""
    headers = mail.headers
    if is_bounce(mail):
        return "bounce"
    if "list-id" in headers or "list-unsubscribe" in headers or "list-post" in headers:
        return "list"
    precedence = _value(headers, "precedence")
    if precedence == "list":
        return "list"
    auto = _value(headers, "auto-submitted")
    if auto and auto != "no":
        return "auto-reply"
    for name in ("x-autoreply", "x-autorespond", "x-autoresponse"):
        if name in headers and _value(headers, name) not in ("no", "false", "0"):
            return "auto-reply"
    if precedence in ("bulk", "junk", "auto_reply"):
        return "auto-reply"
    if "return-path" in headers and _value(headers, "return-path") in ("<>", ""):
        return "auto-reply"
    if _AUTO_SUBJECT.match(mail.subject):
        return "auto-reply"
    return None


#: An absence notice in the sender's own words, near the top: "I am out of the office until",
#: "on annual leave", "travelling ... with limited access to e-mail", in several languages.
_ABSENT = re.compile(
    r"\b(?:i\s+am|i'm|i\s+will\s+be|i'll\s+be)\s+(?:currently\s+|now\s+)?(?:out\s+of\s+(?:the\s+)?"
    r"office|away|on\s+(?:annual\s+|parental\s+|sick\s+|maternity\s+|paternity\s+)?leave"
    r"|on\s+(?:holiday|vacation|a\s+business\s+trip)|travell?ing|out\s+of\s+the\s+country"
    r"|attending|at\s+a\s+conference|off\s+(?:work|sick))"
    r"|\bthis\s+is\s+an\s+auto(?:mated|matic)\s+(?:message|reply|response)"
    r"|\bsono\s+fuori\s+ufficio|\bbin\s+(?:bis|vom|ab|derzeit|zurzeit)?[^.\n]{0,40}\b(?:abwesend"
    r"|nicht\s+im\s+b[üu]ro|im\s+urlaub)|\bje\s+suis\s+(?:actuellement\s+)?absente?"
    r"|\bestoy\s+(?:fuera\s+de\s+la\s+oficina|de\s+vacaciones|ausente)|\bestou\s+(?:fora\s+do"
    r"\s+escrit[óo]rio|de\s+f[ée]rias|ausente)|\bmensagem\s+autom[áa]tica|\bmensaje\s+autom[áa]tico"
    r"|\bben\s+(?:ik\s+)?(?:afwezig|met\s+vakantie|niet\s+op\s+kantoor)|\bär\s+(?:ledig|på\s+semester"
    r"|frånvarande)",
    re.IGNORECASE,
)
_BACK = re.compile(
    r"\b(?:until|till|through|returning|return(?:ing)?\s+on|back\s+on|when\s+i(?:'m|\s+am)?\s+back"
    r"|on\s+my\s+return|upon\s+my\s+return|when\s+i\s+return|limited\s+access|no\s+access"
    r"|intermittent\s+access|fino\s+a|rientro|bis\s+(?:zum|einschlie)|jusqu'au|hasta\s+el|até"
    r"|tot\s+en\s+met|automated|automatic)\b",
    re.IGNORECASE,
)
#: The footer of a bulk mailing: why you get it and how to stop it.
_BULK = re.compile(
    r"\bunsubscribe\b|\byou(?:'re|\s+are)\s+(?:getting|receiving)\s+this\s+(?:e-?mail\s+|message\s+)?"
    r"because\b|\bmanage\s+(?:your\s+)?(?:e-?mail\s+|notification\s+|communication\s+)?preferences"
    r"|\bview\s+(?:this\s+(?:e-?mail\s+)?|it\s+)?in\s+(?:your\s+)?browser|\bno\s+longer\s+wish\s+to"
    r"\s+receive|\bdon'?t\s+want\s+(?:our|these)\s+(?:offers|e-?mails|messages)",
    re.IGNORECASE,
)


def robot_by_words(mail: Mail) -> str | None:
    """Return "auto-reply" for an absence notice and "list" for a bulk mailing that no header
    marks as such, read from what the sender wrote; None for a person's message."""
    text = mail.new_text or mail.text
    head = text[:400]
    if len(text) < 1500 and _ABSENT.search(head) and _BACK.search(text[:700]):
        return "auto-reply"
    if _BULK.search(text[-1200:]):
        return "list"
    return None
