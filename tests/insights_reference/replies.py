"""Reply rates after thank-you notes and check-ins.

A send is an outgoing interaction carrying that `action_kind`, or a done action of that kind
with no such interaction within a minute of its `done_at` (so the same send is never counted
twice). It is *replied* when an inbound interaction (e-mail or message in) on the same
application follows within `REPLY_WINDOW` (14 days). Sends whose window is still open without a
reply are *waiting* and left out of the denominator, so a fresh thank-you does not drag the rate
down.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from followthrough.domain.model import ActionStatus, ApplicationFacts

#: The sends whose reply rate is reported.
REPLY_KINDS = ("thank-you", "check-in")
#: An inbound message this soon after a send counts as its reply.
REPLY_WINDOW = dt.timedelta(days=14)
#: A done action and a logged interaction this close together are the same send.
_SAME_SEND = dt.timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class ReplyRate:
    """Of `sent` sends of `kind` whose reply window is over or answered, `replied` got an answer."""

    kind: str
    replied: int
    sent: int
    waiting: int

    @property
    def rate(self) -> float | None:
        """Return replied / sent, or None when nothing was sent."""
        return self.replied / self.sent if self.sent else None


def sends(facts: ApplicationFacts, kind: str, now: dt.datetime) -> list[dt.datetime]:
    """Return the moments (at or before `now`) a message of `kind` went out, oldest first."""
    logged = [
        i.at for i in facts.interactions if not i.inbound and i.action_kind == kind and i.at <= now
    ]
    done = [
        r.done_at
        for r in facts.actions.values()
        if r.kind == kind
        and r.status is ActionStatus.DONE
        and r.done_at is not None
        and r.done_at <= now
        and not any(abs(r.done_at - at) <= _SAME_SEND for at in logged)
    ]
    return sorted(logged + done)


def reply_rate(
    facts: Sequence[ApplicationFacts],
    kind: str,
    now: dt.datetime,
    window: dt.timedelta = REPLY_WINDOW,
) -> ReplyRate:
    """Return how many sends of `kind` got an inbound message on their application in `window`."""
    replied = sent = waiting = 0
    for f in facts:
        inbound = [i.at for i in f.interactions if i.inbound and i.at <= now]
        for at in sends(f, kind, now):
            if any(at < reply <= at + window for reply in inbound):
                replied += 1
                sent += 1
            elif now < at + window:
                waiting += 1
            else:
                sent += 1
    return ReplyRate(kind=kind, replied=replied, sent=sent, waiting=waiting)
