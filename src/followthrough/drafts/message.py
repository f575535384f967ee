"""A draft as an e-mail message: one recipient, one-line headers, or a clear refusal."""

from __future__ import annotations

from collections.abc import Mapping
from email.headerregistry import Address
from email.message import EmailMessage
from typing import Any

from followthrough.domain.parse import check_email, check_one_line


def draft_message(draft: Mapping[str, Any]) -> EmailMessage:
    """Return `draft` (subject, body, recipient) as an unsent e-mail for the user's mail
    program; raise ValidationError naming the field when a header value is not one line or
    the address is not exactly one (stored data may predate those checks)."""
    message = EmailMessage()
    recipient = draft.get("recipient")
    if recipient and recipient.get("email"):
        name = check_one_line(recipient.get("name") or "", "recipient")
        email = check_email(recipient["email"], "recipient")
        # Address quotes the name: "Lee, Ann" stays one person, whatever it holds
        message["To"] = Address(display_name=name, addr_spec=email)
    message["Subject"] = check_one_line(draft["subject"], "subject")
    message["X-Unsent"] = "1"  # mail programs open it as a draft to send
    message.set_content(draft["body"])
    return message
