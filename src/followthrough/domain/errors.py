"""One error type per failure; adapters turn them into exit codes and HTTP statuses."""

from __future__ import annotations


class FollowthroughError(Exception):
    """Base of every error the user may see; `str()` is one line naming the fix."""

    exit_code = 1
    http_status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(FollowthroughError):
    """A value the user gave is wrong; the message names the field and the fix."""

    http_status = 422

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class NotFoundError(FollowthroughError):
    """An id that does not exist (or belongs to someone else)."""

    http_status = 404

    def __init__(self, what: str, ident: object, hint: str = "") -> None:
        tail = f"; {hint}" if hint else ""
        super().__init__(f"{what} {ident} not found{tail}")
        self.what = what


class PlaybookError(FollowthroughError):
    """The playbook TOML is malformed; the message names the rule and the key."""


class ConflictError(FollowthroughError):
    """The request contradicts the current state (e.g. done on a cancelled action)."""

    http_status = 409


class BusyError(FollowthroughError):
    """Another command held the database's write lock for longer than we wait; retry soon."""

    http_status = 503
    #: seconds a client should wait before retrying (HTTP Retry-After)
    retry_after = 2
