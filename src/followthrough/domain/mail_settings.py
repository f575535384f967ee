"""The mail account's settings (`mail setup`), their checks, and the hosts of well-known
providers filled in from the address's domain (pure). Passwords are never settings: they come
from the OS keyring or the environment."""

from __future__ import annotations

import re
from collections.abc import Mapping
from email.utils import formataddr

from followthrough.domain.errors import ValidationError
from followthrough.domain.parse import check_one_line, parse_address

#: setting key -> the `mail setup` option that sets it
MAIL_KEYS = {
    "mail_from": "--from",
    "mail_also_me": "--also-me",
    "mail_smtp_host": "--smtp-host",
    "mail_smtp_port": "--smtp-port",
    "mail_smtp_security": "--smtp-security",
    "mail_smtp_user": "--smtp-user",
    "mail_imap_host": "--imap-host",
    "mail_imap_port": "--imap-port",
    "mail_imap_security": "--imap-security",
    "mail_imap_user": "--imap-user",
    "mail_sent_folder": "--sent-folder",
    "mail_sent_copy": "--sent-copy",
}
SMTP_SECURITY = ("starttls", "tls", "none")
IMAP_SECURITY = ("tls", "starttls", "none")
SENT_COPY = ("auto", "yes", "no")
#: A host name (labels of letters, digits and hyphens) or an IPv4 address.
_HOST = re.compile(
    r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$"
)
_PORTS = {"starttls": 587, "tls": 465, "none": 25}
_IMAP_PORTS = {"tls": 993, "starttls": 143, "none": 143}

#: Providers' servers (submission with STARTTLS on 587 unless said; IMAP over TLS on 993), and
#: whether the provider files sent mail in Sent by itself (then we append no copy).
PROVIDERS: dict[str, dict[str, str]] = {
    "gmail.com": {
        "smtp": "smtp.gmail.com",
        "imap": "imap.gmail.com",
        "sent": "[Gmail]/Sent Mail",
        "copy": "no",
    },
    "googlemail.com": {
        "smtp": "smtp.gmail.com",
        "imap": "imap.gmail.com",
        "sent": "[Gmail]/Sent Mail",
        "copy": "no",
    },
    "outlook.com": {
        "smtp": "smtp-mail.outlook.com",
        "imap": "outlook.office365.com",
        "sent": "Sent",
        "copy": "no",
    },
    "hotmail.com": {
        "smtp": "smtp-mail.outlook.com",
        "imap": "outlook.office365.com",
        "sent": "Sent",
        "copy": "no",
    },
    "live.com": {
        "smtp": "smtp-mail.outlook.com",
        "imap": "outlook.office365.com",
        "sent": "Sent",
        "copy": "no",
    },
    "yahoo.com": {
        "smtp": "smtp.mail.yahoo.com",
        "imap": "imap.mail.yahoo.com",
        "sent": "Sent",
        "copy": "no",
        "smtp_security": "tls",
    },
    "icloud.com": {
        "smtp": "smtp.mail.me.com",
        "imap": "imap.mail.me.com",
        "sent": "Sent Messages",
        "copy": "yes",
    },
    "me.com": {
        "smtp": "smtp.mail.me.com",
        "imap": "imap.mail.me.com",
        "sent": "Sent Messages",
        "copy": "yes",
    },
    "fastmail.com": {
        "smtp": "smtp.fastmail.com",
        "imap": "imap.fastmail.com",
        "sent": "Sent",
        "copy": "yes",
        "smtp_security": "tls",
    },
    "proton.me": {
        "smtp": "127.0.0.1",
        "imap": "127.0.0.1",
        "sent": "Sent",
        "copy": "no",
        "smtp_port": "1025",
        "imap_port": "1143",
        "smtp_security": "starttls",
        "imap_security": "starttls",
    },
    "gmx.de": {"smtp": "mail.gmx.net", "imap": "imap.gmx.net", "sent": "Gesendet", "copy": "yes"},
    "gmx.net": {"smtp": "mail.gmx.net", "imap": "imap.gmx.net", "sent": "Gesendet", "copy": "yes"},
    "web.de": {"smtp": "smtp.web.de", "imap": "imap.web.de", "sent": "Gesendet", "copy": "yes"},
    "aol.com": {
        "smtp": "smtp.aol.com",
        "imap": "imap.aol.com",
        "sent": "Sent",
        "copy": "no",
        "smtp_security": "tls",
    },
    "zoho.com": {
        "smtp": "smtp.zoho.com",
        "imap": "imap.zoho.com",
        "sent": "Sent",
        "copy": "yes",
        "smtp_security": "tls",
    },
}


def _port(value: str, key: str) -> str:
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= 65535:
        raise ValidationError(MAIL_KEYS[key], f"{value!r}: a port is a whole number 1-65535")
    return str(int(value))


def validate_mail_setting(key: str, value: str) -> str:
    """Return the normalised value of a mail setting, or raise naming its option."""
    option = MAIL_KEYS[key]
    value = check_one_line(value.strip(), option)
    if not value:
        return ""
    if key == "mail_from":
        name, email = parse_address(value, option)
        if not email:
            raise ValidationError(option, f"{value!r} has no address; write 'NAME <ADDR>'")
        return formataddr((name, email)) if name else email
    if key == "mail_also_me":
        found = []
        for part in value.split(","):
            _, email = parse_address(part.strip(), option)
            if not email:
                raise ValidationError(option, f"{part.strip()!r} is not an e-mail address")
            found.append(email)
        return ", ".join(found)
    if key.endswith("_port"):
        return _port(value, key)
    if key == "mail_smtp_security" and value not in SMTP_SECURITY:
        raise ValidationError(option, f"{value!r}; use one of {', '.join(SMTP_SECURITY)}")
    if key == "mail_imap_security" and value not in IMAP_SECURITY:
        raise ValidationError(option, f"{value!r}; use one of {', '.join(IMAP_SECURITY)}")
    if key == "mail_sent_copy" and value not in SENT_COPY:
        raise ValidationError(option, f"{value!r}; use one of {', '.join(SENT_COPY)}")
    if key.endswith("_host") and not _HOST.match(value):
        raise ValidationError(option, f"{value!r} is not a host name; e.g. smtp.example.org")
    return value


def filled(given: Mapping[str, str], current: Mapping[str, str]) -> dict[str, str]:
    """Return the settings to store: what was given, over what is stored, with a known
    provider's hosts, ports and folders filled in from the sender's domain, and each
    security's usual port."""
    out = {k: v for k, v in current.items() if k in MAIL_KEYS}
    out.update({k: validate_mail_setting(k, v) for k, v in given.items()})
    sender = out.get("mail_from", "")
    if not sender:
        raise ValidationError("--from", "missing; give your name and address: 'NAME <ADDR>'")
    address = sender.rpartition("<")[2].rstrip(">").strip()
    known = PROVIDERS.get(address.rpartition("@")[2].lower(), {})
    defaults = {
        "mail_smtp_host": known.get("smtp", ""),
        "mail_imap_host": known.get("imap", ""),
        "mail_smtp_security": known.get("smtp_security", "starttls"),
        "mail_imap_security": known.get("imap_security", "tls"),
        "mail_sent_folder": known.get("sent", "Sent"),
        "mail_sent_copy": known.get("copy", "auto"),
        "mail_smtp_user": address,
        "mail_imap_user": address,
    }
    for key, value in defaults.items():
        if key not in out and value:  # given empty: kept empty (no login, say)
            out[key] = value
    out.setdefault("mail_smtp_port", known.get("smtp_port", str(_PORTS[out["mail_smtp_security"]])))
    out.setdefault(
        "mail_imap_port", known.get("imap_port", str(_IMAP_PORTS[out["mail_imap_security"]]))
    )
    if not out.get("mail_smtp_host"):
        raise ValidationError(
            "--smtp-host",
            f"missing: {address.rpartition('@')[2]} is not a provider we know; "
            "give your provider's SMTP server (e.g. --smtp-host smtp.example.org)",
        )
    return out
