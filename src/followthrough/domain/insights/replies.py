"""Reply rates after thank-you notes and check-ins.

A send is an outgoing interaction (any exchange that is not an e-mail or message in; calls
count) carrying that `action_kind`, or a done action of that kind with no such interaction
within `SAME_SEND` (a minute) of its `done_at` (so the same send is never counted twice). It is
*replied* when an inbound interaction (e-mail or message in) on the same application follows
within `REPLY_WINDOW` (14 days). Sends whose window is still open without a reply are *waiting*
and left out of the denominator, so a fresh thank-you does not drag the rate down. Only what
happened at or before `now` counts, and only exchanges and actions of an application.

The store counts (`store.insights.reply_counts`); `ReplyRate` holds the figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: The sends whose reply rate is reported.
REPLY_KINDS = ("thank-you", "check-in")
#: An inbound message this soon after a send counts as its reply.
REPLY_WINDOW = dt.timedelta(days=14)
#: A done action and a logged interaction this close together are the same send.
SAME_SEND = dt.timedelta(minutes=1)


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
