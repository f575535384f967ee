"""Raw RFC 5322 bytes -> the `Mail` value the matcher reads (stdlib `email`).

Nothing here trusts the message: a header that does not parse is read as empty, a body in an
unknown charset is decoded with replacement characters, and only the headers the matcher uses
are kept. The body becomes plain text (HTML without its tags), and the part the sender wrote is
cut from the mail they quote ("On Tue, ... wrote:", "-----Original Message-----", "> ").
"""

from __future__ import annotations

import datetime as dt
import email
import email.header
import email.policy
import email.utils
import html
import re
from email.message import Message

from followthrough.domain.mail_headers import ROBOT_HEADERS, CalendarEvent, Mail

_ID = re.compile(r"<([^<>\s]+)>")
#: Where quoted mail starts: attribution lines in many languages, forwarded/original markers,
#: Outlook's header block.
_QUOTE_START = re.compile(
    r"^(?:"
    r"-{2,}\s*(?:original message|forwarded message|mensaje original|message d'origine"
    r"|ursprüngliche nachricht|oorspronkelijk bericht|messaggio originale|mensagem original"
    r"|ursprungligt meddelande|原始邮件|元のメッセージ)\s*-{2,}"
    r"|(?:on|am|le|el|op|il|em|den|på)\s.{4,200}?(?:wrote|schrieb|a écrit|escribió|schreef"
    r"|ha scritto|escreveu|skrev|kirjoitti|napisał)\s*:"
    r"|_{10,}"
    r"|(?:from|von|de|van|da|från|fra|送信者|发件人)\s*:.*\n(?:.*\n){0,3}?"
    r"(?:sent|gesendet|envoyé|enviado|verzonden|inviato|skickat|sendt|送信日時|发送时间)\s*:"
    r")",
    re.IGNORECASE | re.MULTILINE,
)
_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<(?:br|/p|/div|/tr|/li|/h\d)\b[^>]*>", re.IGNORECASE)
_BLANKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def ids(value: str) -> tuple[str, ...]:
    """Return the Message-IDs in a header value, in order, without angle brackets."""
    found = _ID.findall(value or "")
    if not found and value and value.strip() and " " not in value.strip():
        found = [value.strip().strip("<>")]
    return tuple(dict.fromkeys(found))


def message_id(value: str) -> str:
    """Return one Message-ID without angle brackets ("" when there is none)."""
    found = ids(value)
    return found[0] if found else ""


def _header(msg: Message, name: str) -> str:
    try:
        values = msg.get_all(name) or []
        return " ".join(str(v) for v in values)
    except Exception:  # a header the policy cannot parse reads as empty
        return ""


def _addresses(msg: Message, *names: str) -> list[tuple[str, str]]:
    raw = [_header(msg, n) for n in names]
    try:
        pairs = email.utils.getaddresses([r for r in raw if r])
    except Exception:
        return []
    return [(name.strip(), addr.strip().lower()) for name, addr in pairs if "@" in addr]


def _date(msg: Message) -> dt.datetime | None:
    value = _header(msg, "date")
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def html_text(markup: str) -> str:
    """Return the text of an HTML body: tags dropped, breaks kept, entities decoded."""
    text = _BREAK.sub("\n", markup)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def _decoded(part: Message) -> str:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        return ""
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode("utf-8", errors="replace")


def _walk(msg: Message) -> tuple[str, str, list[str], list[str]]:
    """Return the plain body, the HTML body, calendar parts and delivery-status parts."""
    plain: list[str] = []
    markup: list[str] = []
    calendars: list[str] = []
    reports: list[str] = []
    for part in msg.walk():
        ctype = part.get_content_type()
        if part.is_multipart():
            continue
        disposition = (part.get("content-disposition") or "").lower()
        if ctype == "text/calendar" or (
            ctype == "application/ics" or (part.get_filename() or "").lower().endswith(".ics")
        ):
            calendars.append(_decoded(part))
        elif ctype in ("message/delivery-status", "message/global-delivery-status"):
            reports.append(_delivery_status(part))
        elif "attachment" in disposition:
            continue
        elif ctype == "text/plain":
            plain.append(_decoded(part))
        elif ctype == "text/html":
            markup.append(_decoded(part))
    return "\n\n".join(plain), "\n\n".join(markup), calendars, reports


def _delivery_status(part: Message) -> str:
    """Return a delivery-status part as text (the stdlib parses it as header blocks)."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return "\n\n".join(
            "\n".join(f"{k}: {v}" for k, v in block.items())
            for block in payload
            if isinstance(block, Message)
        )
    return _decoded(part)


_FINAL = re.compile(
    r"^(?:final|original)-recipient:\s*(?:rfc822;)?\s*<?([^\s<>;]+@[^\s<>;]+)>?", re.I | re.M
)
_ACTION = re.compile(r"^action:\s*(\w+)", re.I | re.M)
_FAILED_TEXT = re.compile(r"<?([A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})>?")


def failed_addresses(reports: list[str], header: str, text: str, me: str) -> tuple[str, ...]:
    """Return the addresses a delivery report says failed."""
    found: list[str] = []
    for report in reports:
        for block in re.split(r"\n\s*\n", report):
            action = _ACTION.search(block)
            if action and action.group(1).lower() not in ("failed", "delayed"):
                continue
            found += [m.lower() for m in _FINAL.findall(block)]
    found += [a.strip().lower() for a in header.split(",") if "@" in a]
    if not found:
        found = [a.lower() for a in _FAILED_TEXT.findall(text)][:3]
    return tuple(a for a in dict.fromkeys(found) if a != me)


def cut_quoted(text: str) -> str:
    """Return what the sender wrote: `text` before the first quoted message, without "> "
    lines."""
    m = _QUOTE_START.search(text)
    if m:
        text = text[: m.start()]
    kept = [line for line in text.splitlines() if not line.lstrip().startswith(">")]
    return "\n".join(kept).strip()


def parse(raw: bytes, sent_folder: bool = False) -> Mail:
    """Return the `Mail` of one raw message (never raises on malformed input)."""
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    senders = _addresses(msg, "from") or _addresses(msg, "sender")
    sender_name, sender = senders[0] if senders else ("", "")
    recipients = tuple(a for _, a in _addresses(msg, "to", "cc", "bcc"))
    headers = {}
    for name in ROBOT_HEADERS:
        if name in msg:
            headers[name] = _header(msg, name)
    plain, markup, calendars, reports = _walk(msg)
    text = plain.strip() or html_text(markup)
    subject = _decoded_header(_header(msg, "subject"))
    return Mail(
        message_id=message_id(_header(msg, "message-id")),
        sender=sender,
        sender_name=_decoded_header(sender_name),
        recipients=recipients,
        subject=" ".join(subject.split()),
        date=_date(msg),
        in_reply_to=ids(_header(msg, "in-reply-to")),
        references=ids(_header(msg, "references")),
        headers=headers,
        text=text,
        new_text=cut_quoted(text),
        events=tuple(e for c in calendars for e in calendar_events(c)),
        failed=failed_addresses(reports, headers.get("x-failed-recipients", ""), text, sender)
        if reports
        or "x-failed-recipients" in headers
        or sender.startswith(("mailer-daemon@", "postmaster@"))
        else (),
        sent_folder=sent_folder,
    )


def _decoded_header(value: str) -> str:
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except Exception:
        return value


def calendar_events(text: str) -> list[CalendarEvent]:
    """Return the timed events of an invitation (RFC 5545); none when it does not parse."""
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(text)
        method = str(cal.get("method", "")).upper()
        found = []
        for event in cal.walk("VEVENT"):
            prop = event.get("dtstart")
            start = prop.dt if prop is not None else None
            if not isinstance(start, dt.datetime):
                continue
            zone = str(prop.params.get("TZID", "")) if start.tzinfo else ""
            if start.tzinfo is None:
                continue  # a floating time says nothing of its zone: the text decides
            key = getattr(start.tzinfo, "key", "")
            found.append(CalendarEvent(start, key or zone, str(event.get("summary", "")), method))
        return found
    except Exception:  # a broken attachment is no invitation
        return []
