"""Mail passwords: from the environment (FOLLOWTHROUGH_SMTP_PASSWORD,
FOLLOWTHROUGH_IMAP_PASSWORD) or the OS keyring (`keyring`), never from the database, never
printed. A machine without a keyring backend (a server, CI) uses the environment."""

from __future__ import annotations

import os

SERVICE = "followthrough"
ENV = {"smtp": "FOLLOWTHROUGH_SMTP_PASSWORD", "imap": "FOLLOWTHROUGH_IMAP_PASSWORD"}


def _entry(which: str, user: str) -> tuple[str, str]:
    return f"{SERVICE}-{which}", user


def password(which: str, user: str) -> str | None:
    """Return the password of the `which` ("smtp" or "imap") account of `user`, or None."""
    found = os.environ.get(ENV[which])
    if found:
        return found
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(*_entry(which, user))
        except KeyringError:
            return None
    except Exception:  # no usable backend at all: the environment is the way
        return None


def store_password(which: str, user: str, secret: str) -> bool:
    """Keep a password in the OS keyring; return False when the machine has none."""
    try:
        import keyring
        from keyring.backends import fail

        if isinstance(keyring.get_keyring(), fail.Keyring):
            return False
        keyring.set_password(*_entry(which, user), secret)
        return True
    except Exception:
        return False


def where(which: str) -> str:
    """Return where the user can put the password, for an error message."""
    return f"set {ENV[which]}, or store it with `followthrough mail setup --store-password`"
