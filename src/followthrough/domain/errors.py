"""One error type per failure; adapters turn them into exit codes and HTTP statuses."""

from __future__ import annotations

import errno
from collections.abc import Mapping


class FollowthroughError(Exception):
    """Base of every error the user may see; `str()` is one line naming the fix.

    `topic` names the kind of record the user could look up to fix it ("application",
    "contact", ...): each adapter words its own pointer to it (`hinted`), a command in the CLI,
    a page in the web app, a path in the API, so no adapter's wording reaches another's users.
    """

    exit_code = 1
    http_status = 400
    topic: str | None = None

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def hinted(self, hints: Mapping[str, str]) -> str:
        """Return the message with the adapter's pointer for this error's topic, if it has one."""
        hint = hints.get(self.topic or "")
        return f"{self.message}; {hint}" if hint else self.message


class ValidationError(FollowthroughError):
    """A value the user gave is wrong; the message names the field and the fix."""

    http_status = 422

    def __init__(self, field: str, message: str, topic: str | None = None) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.topic = topic


class NotFoundError(FollowthroughError):
    """An id that does not exist (or belongs to someone else)."""

    http_status = 404

    def __init__(self, what: str, ident: object, hint: str = "") -> None:
        tail = f"; {hint}" if hint else ""
        super().__init__(f"{what} {ident} not found{tail}")
        self.what = what
        self.ident = ident
        # an explicit hint is the raising adapter's own; otherwise each adapter adds one
        self.topic = None if hint else what


class PlaybookError(FollowthroughError):
    """The playbook TOML is malformed; the message names the rule and the key."""


class ConflictError(FollowthroughError):
    """The request contradicts the current state (e.g. done on a cancelled action)."""

    http_status = 409


class DiskFullError(FollowthroughError):
    """The device holding the database (or a file being written) has no space left."""

    http_status = 507


class EnvironmentProblem(FollowthroughError):
    """The machine refused a file operation (permissions, a read-only disk, a missing folder)."""

    http_status = 503


def from_os_error(exc: OSError) -> FollowthroughError:
    """Return the user's one-line error for an OSError that reached an adapter (the machine's
    state, not a bug): a full disk names the file's device, anything else the file and reason."""
    where = exc.filename if exc.filename is not None else "the file being written"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(
            f"no space left on the device holding {where}; free some space and try again"
        )
    return EnvironmentProblem(f"{where}: {exc.strerror or exc}")


class BusyError(FollowthroughError):
    """Another command held the database's write lock for longer than we wait; retry soon."""

    http_status = 503
    #: seconds a client should wait before retrying (HTTP Retry-After)
    retry_after = 2
