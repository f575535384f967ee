"""A draft -> the exact bytes of an RFC 5322 message (stdlib `email`), built once when it is
queued so that every attempt sends the same message with the same Message-ID.

Header injection is refused before anything is built: a line break (or any other control
character) in a name, an address or the subject is a one-line error naming the field.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
import re
import secrets
from email.headerregistry import Address
from email.message import EmailMessage

from followthrough.domain.errors import ValidationError
from followthrough.domain.parse import check_email

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]")


def check_header(value: str, field: str) -> str:
    """Return `value` when it is safe in a header: no line break or control character."""
    if _CONTROL.search(value):
        raise ValidationError(
            field,
            "holds a line break or a control character, which would let it add mail "
            "headers; write it on one line",
        )
    return value


def new_message_id(sender: str, action_id: int | None, now: dt.datetime) -> str:
    """Return a fresh Message-ID (without angle brackets) on the sender's domain."""
    domain = sender.rpartition("@")[2] or "followthrough.invalid"
    tag = f"a{action_id}" if action_id is not None else "d"
    return f"ft.{tag}.{now.strftime('%Y%m%d%H%M%S')}.{secrets.token_hex(6)}@{domain}"


def compose(
    *,
    sender_name: str,
    sender: str,
    to_name: str,
    to: str,
    subject: str,
    body: str,
    message_id: str,
    when: dt.datetime,
    in_reply_to: str | None = None,
) -> bytes:
    """Return the bytes of a plain-text message (UTF-8, CRLF line ends, 78-column folding)."""
    check_header(sender_name, "from")
    check_header(to_name, "to")
    check_header(subject, "subject")
    check_email(sender, "from")
    check_email(to, "to")
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = Address(display_name=sender_name, addr_spec=sender)
    msg["To"] = Address(display_name=to_name, addr_spec=to)
    msg["Subject"] = subject
    msg["Date"] = email.utils.format_datetime(when)
    msg["Message-ID"] = f"<{message_id}>"
    if in_reply_to:
        msg["In-Reply-To"] = f"<{in_reply_to}>"
        msg["References"] = f"<{in_reply_to}>"
    msg["X-Mailer"] = "Followthrough"
    msg.set_content(body, charset="utf-8")
    return msg.as_bytes()
