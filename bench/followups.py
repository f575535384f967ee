"""The follow-ups of a simulated job search: planned actions, what the user did, exchanges.

Actions follow the planner's keys and the packaged playbook's titles, sources and talking points;
their status is what a user leaves behind: most past ones done, skipped or cancelled, a few
overdue or snoozed, future ones pending; those after an application closed, cancelled.
"""

from __future__ import annotations

import datetime as dt
import random

from shapes import (
    DAY,
    HOUR,
    MINUTE,
    TZ,
    App,
    Meeting,
    Person,
    Rule,
    at_local,
    local_day,
    stamp,
    working_day,
)
from vocabulary import DRAFT_BODY, SUMMARIES

EMAIL_KINDS = frozenset({"thank-you", "check-in", "rejection-reply", "keep-in-touch",
                         "referee-heads-up", "referee-thanks", "withdraw"})
STATUS_KINDS = frozenset({"rejection-reply", "keep-in-touch", "referee-thanks", "withdraw"})


class FollowUps:
    """Mixin of Generator: writes the actions and interactions of an application."""

    rng: random.Random
    now: dt.datetime
    owner: int
    rules: dict[str, Rule]
    linked_recruiters: set[int]

    def next_id(self, table: str) -> int:
        raise NotImplementedError

    def add(self, table: str, row: tuple[object, ...]) -> None:
        raise NotImplementedError

    def plan(self, app: App) -> None:
        """Write the actions the planner would have made over the application's life."""
        for meeting in app.interviews:
            self.interview_actions(app, meeting)
        if app.interviews:
            self.check_ins(app)
        if app.status == "rejected" and app.final_at is not None:
            day = working_day(local_day(app.final_at), strictly_after=True)
            chase = app.recruiter or app.hiring
            self.action(app, "rejection-reply", f"rejection-reply:a{app.id}",
                        at_local(day, 10), recipient=chase)
            if app.recruiter:
                later = working_day(local_day(app.final_at) + 30 * DAY)
                self.action(app, "keep-in-touch", f"keep-in-touch:a{app.id}",
                            at_local(later, 10), recipient=app.recruiter)
            for referee in app.referees:
                self.action(app, "referee-thanks", f"referee-thanks:a{app.id}:c{referee.id}",
                            at_local(day, 10), recipient=referee)
        if app.status == "withdrawn" and app.final_at is not None:
            self.action(app, "withdraw", f"withdraw:a{app.id}", app.final_at - 2 * HOUR,
                        recipient=app.recruiter or app.hiring)

    def interview_actions(self, app: App, meeting: Meeting) -> None:
        iid, end = meeting.id, meeting.end
        if meeting.format != "in-person":
            self.action(app, "disconnect-check", f"disconnect-check:i{iid}", end, iid)
        self.action(app, "debrief", f"debrief:i{iid}", end + 2 * HOUR, iid)
        if app.recruiter is not None:
            self.action(app, "recruiter-call", f"recruiter-call:i{iid}", end + 2 * HOUR, iid,
                        recipient=app.recruiter)
            if app.recruiter.id not in self.linked_recruiters:
                self.linked_recruiters.add(app.recruiter.id)
                day = working_day(local_day(end), strictly_after=True)
                self.action(app, "linkedin-recruiter", f"linkedin-recruiter:c{app.recruiter.id}",
                            at_local(day, 10), iid, recipient=app.recruiter)
        ended = end.astimezone(TZ)
        due = (at_local(ended.date(), 18) if ended.hour < 12
               else at_local(ended.date() + DAY, 10))
        for person in meeting.panel:
            via = app.recruiter if person.email is None else None
            self.action(app, "thank-you", f"thank-you:i{iid}:c{person.id}", due, iid,
                        recipient=person, via=via, deadline=end + 24 * HOUR)
        self.action(app, "company-research", f"company-research:i{iid}",
                    at_local(local_day(end) + 2 * DAY, 18), iid)
        if meeting is app.interviews[-1]:
            day = working_day(local_day(end), strictly_after=True)
            for referee in app.referees:
                self.action(app, "referee-heads-up", f"referee-heads-up:a{app.id}:c{referee.id}",
                            at_local(day, 12), iid, recipient=referee)

    def check_ins(self, app: App) -> None:
        iid, end = app.interviews[-1].id, app.interviews[-1].end
        chase = app.recruiter or app.hiring
        day = working_day(local_day(end) + 8 * DAY)
        for n in (1, 2, 3):
            status = self.action(app, "check-in", f"check-in:a{app.id}:{n}", at_local(day, 10),
                                 iid, recipient=chase, n=n)
            if status != "done":
                return
            day = working_day(day + 7 * DAY)
        self.action(app, "move-on", f"move-on:a{app.id}", at_local(day, 10), iid)

    def keep_searching(self, start: dt.datetime) -> None:
        day = local_day(start) + 7 * DAY
        while day < local_day(self.now) - 7 * DAY:
            self.action(None, "keep-searching", f"keep-searching:{day.isoformat()}",
                        at_local(day, 18))
            day += self.rng.randint(7, 21) * DAY

    def outcome(self, app: App | None, kind: str, due: dt.datetime
                ) -> tuple[str, dt.datetime | None, dt.datetime | None, str | None]:
        """Return (status, done_at, snoozed due or None, reason) as a user would have left it."""
        rng, now = self.rng, self.now
        final = app.final_at if app else None
        if final is not None and due > final and kind not in STATUS_KINDS:
            return "cancelled", None, None, f"application {app.status if app else ''}"
        if due > now:
            return "pending", None, None, None
        r = rng.random()
        if now - due <= 14 * DAY:
            if r < 0.15:
                return "pending", None, None, None
            if r < 0.17:
                return "snoozed", None, now + rng.uniform(0.5, 6) * DAY, "snoozed"
        elif r < 0.002:
            return "pending", None, None, None
        if r < 0.88:
            return "done", min(due + rng.expovariate(1 / 8) * HOUR, now - MINUTE), \
                None, None
        if r < 0.97:
            return "skipped", None, None, "not needed"
        return "cancelled", None, None, "replaced by a newer plan"

    def action(self, app: App | None, rule_id: str, key: str, due: dt.datetime,
               iid: int | None = None, *, recipient: Person | None = None,
               via: Person | None = None, deadline: dt.datetime | None = None,
               n: int | None = None) -> str:
        rule = self.rules[rule_id]
        kind = rule.kind
        status, done_at, snoozed_to, reason = self.outcome(app, kind, due)
        name = recipient.name if recipient else "the company"
        title = rule.title.format(recipient=name, company=app.company if app else "", n=n or "")
        channel = rule.channel
        draft = self.rng.random() < 0.3 and channel == "email"
        aid = self.next_id("actions")
        created = stamp(due - self.rng.uniform(1, 72) * HOUR)
        planned, done = stamp(due), stamp(done_at)
        self.add("actions", (
            aid, self.owner, key, app.id if app else None, iid, kind, title, status,
            stamp(snoozed_to) if snoozed_to else planned, stamp(deadline), planned, done,
            recipient.id if recipient else None, recipient.name if recipient else None,
            recipient.email if recipient else None, via.id if via else None,
            via.name if via else None, channel, rule_id, rule.sources,
            "one note per interviewer" if kind == "thank-you" else "", reason,
            rule.talking_points, rule.chases,
            int(self.rng.random() < 0.02),
            f"Re: {title}" if draft else None,
            DRAFT_BODY.format(name=name) if draft else None,
            created, done or planned,
        ))
        if status == "done" and done_at is not None and app is not None:
            self.action_interactions(app, kind, aid, done_at, recipient)
        return status

    def action_interactions(self, app: App, kind: str, aid: int, done_at: dt.datetime,
                            recipient: Person | None) -> None:
        rng = self.rng
        if kind in EMAIL_KINDS:
            self.interaction(app, recipient, "email-out", done_at, aid, kind,
                             follow_up=kind == "check-in")
            if rng.random() < 0.25:
                self.interaction(app, app.recruiter or app.hiring or recipient, "email-in",
                                 done_at + rng.uniform(2, 72) * HOUR)
        elif kind == "recruiter-call":
            self.interaction(app, recipient, "call", done_at, aid, kind)
        elif kind.startswith("linkedin"):
            self.interaction(app, recipient, "message-out", done_at, aid, kind)
            if rng.random() < 0.6:
                self.interaction(app, recipient, "message-in", done_at + rng.uniform(1, 96) * HOUR)

    def interaction(self, app: App, who: Person | None, kind: str, at: dt.datetime,
                    action_id: int | None = None, action_kind: str | None = None,
                    summary: str | None = None, follow_up: bool = False) -> None:
        if at > self.now:
            return
        xid, when = self.next_id("interactions"), stamp(at)
        message_id = f"<ft{xid}.{app.id}@mail.example>" if kind.startswith("email") else None
        self.add("interactions", (
            xid, self.owner, app.id, who.id if who else None, when, kind,
            summary or self.rng.choice(SUMMARIES[kind]), action_id, action_kind, message_id,
            int(follow_up), when,
        ))
