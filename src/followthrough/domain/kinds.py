"""The names Followthrough's records use: statuses, kinds, channels, formats, and a few
program constants, as enums and plain values (pure, stdlib only).

They live apart from the records themselves (model.py, which re-exports every one of them) so
that code that needs a name but no record, such as the insights or a unit of work, does not
pay for building the record classes (a twelfth of a read command's time).
"""

from __future__ import annotations

import enum

#: A stored setting that is the program's, not the user's: a settings change whose re-plan has
#: not finished (its value: the id of the process re-planning). Never exported or restored.
REPLAN_PENDING = "replan_pending"
#: Also the program's: the fingerprint (version, playbook, policy) every plan was last made on,
#: written when a re-plan of everything ends. While it holds, a settings change re-plans only
#: the applications whose plan is not settled. Never exported or restored.
PLAN_BASIS = "plan_basis"


class Status(enum.StrEnum):
    """Where an application stands."""

    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"


#: Statuses in which the process is still running and chasing makes sense.
OPEN_STATUSES = frozenset({Status.APPLIED, Status.INTERVIEWING, Status.OFFER})
#: Statuses after which no chasing action may be planned.
FINAL_STATUSES = frozenset({Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN, Status.CLOSED})


class Channel(enum.StrEnum):
    """How the candidate came to the application."""

    DIRECT = "direct"
    RECRUITER = "recruiter"


class Role(enum.StrEnum):
    """What a contact is to the candidate."""

    INTERVIEWER = "interviewer"
    RECRUITER = "recruiter"
    HIRING_MANAGER = "hiring-manager"
    REFEREE = "referee"
    OTHER = "other"


class Format(enum.StrEnum):
    """How an interview takes place."""

    IN_PERSON = "in-person"
    PHONE = "phone"
    VIDEO = "video"


REMOTE_FORMATS = frozenset({Format.PHONE, Format.VIDEO})


class ActionStatus(enum.StrEnum):
    """The life of a planned action."""

    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"
    SNOOZED = "snoozed"
    CANCELLED = "cancelled"


class MessageChannel(enum.StrEnum):
    """How an action reaches its recipient."""

    EMAIL = "email"
    PHONE = "phone"
    LINKEDIN = "linkedin"
    NONE = "none"


class InteractionKind(enum.StrEnum):
    """One logged exchange."""

    CALL = "call"
    EMAIL_IN = "email-in"
    EMAIL_OUT = "email-out"
    MESSAGE_IN = "message-in"
    MESSAGE_OUT = "message-out"


INBOUND = frozenset({InteractionKind.EMAIL_IN, InteractionKind.MESSAGE_IN})


class FitVerdict(enum.StrEnum):
    """The candidate's overall answer to "is this job for me?" after a debrief."""

    YES = "yes"
    UNSURE = "unsure"
    NOT_FOR_ME = "not-for-me"


ACTION_KINDS = (
    "disconnect-check",
    "debrief",
    "recruiter-call",
    "thank-you",
    "referee-heads-up",
    "company-research",
    "linkedin-recruiter",
    "linkedin-interviewer",
    "check-in",
    "keep-searching",
    "referee-thanks",
    "rejection-reply",
    "keep-in-touch",
    "withdraw",
    "move-on",
)

#: The reason on actions an import planned for history that was already past: the user was never
#: asked to do them, so they are neither done nor missed.
IMPORTED_PAST = "already past when imported"
