"""Raw RFC 5322 bytes -> the `Mail` value the matcher reads (stdlib `email`).

Nothing here trusts the message: a header that does not parse is read as empty, a body in an
unknown charset is decoded with replacement characters, and only the headers the matcher uses
are kept. The body becomes plain text (HTML without its tags), and the part the sender wrote is
cut from the mail they quote ("On Tue, ... wrote:", "-----Original Message-----", "> ").
"""

from __future__ import annotations

import contextlib
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
    r"|ha scritto|escreveu|skrev|kirjoitti|napisał)[^\n]{0,120}?:[ \t]*$"
    r"|_{10,}"
    r"|(?:from|von|de|van|da|från|fra|送信者|发件人)\s*:.*\n(?:.*\n){0,3}?"
    r"(?:sent|gesendet|envoyé|enviado|verzonden|inviato|skickat|sendt|送信日時|发送时间)\s*:"
    r")",
    re.IGNORECASE | re.MULTILINE,
)
_TAG = re.compile(r"<[^<>]*>")
_HIDDEN = re.compile(r"<(script|style)\b", re.IGNORECASE)
#: The most of a body read as text: what a person writes is well within it, and no message
#: may hold a read for long.
MOST_TEXT = 256 * 1024
_BREAK = re.compile(r"<(?:br|/p|/div|/tr|/li|/h\d)\b[^>]*>", re.IGNORECASE)
_BLANKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def ids(value: str) -> tuple[str, ...]:
    """Return the Message-IDs in a header value, in order, without angle brackets."""
    found = _ID.findall(value or "")
    if not found and value and value.strip() and " " not in value.strip():
        found = [value.strip().strip("<>")]
    return tuple(dict.fromkeys(found))


#: The longest Message-ID kept as it is (RFC 5322 lines stop at 998 characters); a longer one
#: is kept as its digest.
LONGEST_ID = 400


def message_id(value: str) -> str:
    """Return one Message-ID without angle brackets ("" when there is none)."""
    found = ids(value)
    if not found:
        return ""
    if len(found[0]) > LONGEST_ID:
        import hashlib

        return f"sha256.{hashlib.sha256(found[0].encode()).hexdigest()[:32]}@followthrough.invalid"
    return found[0]


def _fields(msg: Message) -> dict[str, str]:
    """Return every header by its lower-case name, values of a repeated one joined (one pass
    over the headers: asking the message name by name costs a scan of them each time)."""
    found: dict[str, list[str]] = {}
    try:
        for name, value in msg.items():
            found.setdefault(name.lower(), []).append(str(value))
    except Exception:  # a header the policy cannot parse reads as empty
        return {}
    return {k: " ".join(v) for k, v in found.items()}


_ADDR = r"[^<>\s,;\"()]+@[^<>\s,;\"()]+"
_SIMPLE = re.compile(rf"^\s*(?:([^<>,;\"()\\:]*?)\s*<({_ADDR})>|({_ADDR}))\s*$")


def _addresses(fields: dict[str, str], *names: str) -> list[tuple[str, str]]:
    """Return the (name, lower-case address) pairs of some address headers: the usual forms
    ("Ann Lee <ann@x>", "ann@x", lists of them) read directly, anything else (quotes, comments,
    groups) by the stdlib's full parser."""
    found: list[tuple[str, str]] = []
    for raw in (fields[n] for n in names if fields.get(n)):
        simple = [_SIMPLE.match(part) for part in raw.split(",")]
        if all(simple):
            for m in simple:
                assert m is not None
                found.append(((m.group(1) or "").strip(), (m.group(2) or m.group(3)).lower()))
            continue
        with contextlib.suppress(Exception):  # a header past repair names nobody
            pairs = email.utils.getaddresses([raw])
            found += [(n.strip(), a.strip().lower()) for n, a in pairs if "@" in a]
    return found


def _date(fields: dict[str, str]) -> dt.datetime | None:
    value = fields.get("date", "")
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None or not 1970 <= when.year <= 2200:  # a spammer's year 9999 is no date
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _unhidden(markup: str) -> str:
    """Return `markup` without its script and style elements (found with str.find: linear)."""
    out, at = [], 0
    lower = markup.lower()
    for m in _HIDDEN.finditer(markup):
        if m.start() < at:
            continue
        out.append(markup[at : m.start()])
        end = lower.find(f"</{m.group(1).lower()}", m.end())
        if end < 0:
            return "".join(out)
        close = lower.find(">", end)
        at = len(markup) if close < 0 else close + 1
    out.append(markup[at:])
    return "".join(out)


def html_text(markup: str) -> str:
    """Return the text of an HTML body: tags dropped, breaks kept, entities decoded."""
    text = _BREAK.sub("\n", _unhidden(markup[:MOST_TEXT]))
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
        if ctype in ("message/delivery-status", "message/global-delivery-status"):
            reports.append(_delivery_status(part))
            continue
        if part.is_multipart():
            continue
        # a header with 8-bit bytes comes back as an email.header.Header, not a str
        disposition = str(part.get("content-disposition") or "").lower()
        if ctype == "text/calendar" or (
            ctype == "application/ics" or str(part.get_filename() or "").lower().endswith(".ics")
        ):
            calendars.append(_decoded(part))
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


_HEADER_LINE = re.compile(rb"^([!-9;-~]+)[ \t]*:[ \t]*(.*)$")


def head_fields(raw: bytes) -> dict[str, str]:
    """Return the headers of a message that is headers only, by lower-case name (a repeated
    one joined), lines unfolded: what the stdlib's parser gives, for a fraction of its time."""
    names: list[str] = []
    parts: list[list[bytes]] = []
    for line in raw.splitlines():
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t") and parts:
            parts[-1].append(line.strip())
            continue
        m = _HEADER_LINE.match(line)
        if m is not None:
            names.append(m.group(1).decode("ascii").lower())
            parts.append([m.group(2).rstrip()])
    found: dict[str, list[str]] = {}
    for name, value in zip(names, parts, strict=True):
        found.setdefault(name, []).append(b" ".join(value).decode("utf-8", "replace"))
    return {k: " ".join(v) for k, v in found.items()}


_BLANK = re.compile(rb"\r?\n[ \t]*\r?\n")


def parse(raw: bytes, sent_folder: bool = False) -> Mail:
    """Return the `Mail` of one raw message (never raises on malformed input); headers alone
    (a sync's first fetch, an export's first look) are read by `head_fields`."""
    if not _BLANK.search(raw.rstrip()):
        return _from_fields(head_fields(raw), sent_folder)
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    return _from_fields(_fields(msg), sent_folder, msg)


def _from_fields(fields: dict[str, str], sent_folder: bool, msg: Message | None = None) -> Mail:
    senders = _addresses(fields, "from") or _addresses(fields, "sender")
    sender_name, sender = senders[0] if senders else ("", "")
    recipients = tuple(a for _, a in _addresses(fields, "to", "cc", "bcc"))
    headers = {name: fields[name] for name in ROBOT_HEADERS if name in fields}
    plain, markup, calendars, reports = _walk(msg) if msg is not None else ("", "", [], [])
    text = plain[:MOST_TEXT].strip() or html_text(markup)
    subject = _decoded_header(fields.get("subject", ""))
    return Mail(
        message_id=message_id(fields.get("message-id", "")),
        sender=sender,
        sender_name=_decoded_header(sender_name),
        recipients=recipients,
        subject=" ".join(subject.split()),
        date=_date(fields),
        in_reply_to=ids(fields.get("in-reply-to", "")),
        references=ids(fields.get("references", "")),
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
    if "=?" not in value:
        return value
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
