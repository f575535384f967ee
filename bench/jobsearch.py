"""A simulated job search: the rows one user's two years of applications leave in the store.

`Generator` walks N applications in time order (companies, people, interviews with panels,
status changes) and, through its FollowUps part, the actions the planner would have made, what
the user did with them and the exchanges they logged. Rows are shaped like shapes.COLUMNS and
flushed in batches with executemany. Values follow what the store writes: instants as naive UTC
text, dates as "YYYY-MM-DD", booleans as 0/1.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3

from followups import FollowUps
from shapes import (
    DAY,
    FLUSH_EVERY,
    HOUR,
    SPAN_DAYS,
    TABLE_ORDER,
    TZ_NAME,
    App,
    Meeting,
    Person,
    Statements,
    at_local,
    load_rules,
    local_day,
    stamp,
    working_day,
)
from vocabulary import AGENCIES, FIRST, LAST, ROLES, SUFFIXES, SYLLABLES

#: An interview's promises as JSON, by whether the candidate promised references.
PROMISES = {False: json.dumps([]), True: json.dumps(["send references"])}
#: A debrief's data as JSON, by (a weak answer noted, the fit score).
DEBRIEFS = {(weak, score): json.dumps({
    "went_well": ["Explained the pipeline design clearly"],
    "weak_answers": ["Salary expectations"] if weak else [],
    "fit": {"fit_role": {"score": score, "note": ""}}}) for weak in (False, True)
    for score in range(1, 6)}


class Generator(FollowUps):
    """Builds the rows table by table and flushes them in batches into one transaction."""

    def __init__(self, conn: sqlite3.Connection, statements: Statements, owner: int,
                 now: dt.datetime, seed: int, applications: int) -> None:
        self.conn, self.owner, self.now = conn, owner, now
        self.rng = random.Random(seed)
        self.n = applications
        self.rules = load_rules()
        self.rows: dict[str, list[tuple[object, ...]]] = {t: [] for t in TABLE_ORDER}
        self.ids: dict[str, int] = dict.fromkeys(TABLE_ORDER, 0)
        self.counts: dict[str, int] = dict.fromkeys(TABLE_ORDER, 0)
        self.linked_recruiters: set[int] = set()
        self.sql, self.tail = statements
        self.companies = self._companies(max(20, applications // 3))
        self.recruiters = [self._recruiter() for _ in range(max(5, applications // 40))]
        self.referee_pool = [self._contact("referee", "Former employer", email=True)
                             for _ in range(4)]

    # ------------------------------------------------------------ plumbing

    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def add(self, table: str, row: tuple[object, ...]) -> None:
        self.rows[table].append(row)

    def flush(self) -> None:
        for table in TABLE_ORDER:
            rows = self.rows[table]
            if rows:
                tail = self.tail[table]
                self.conn.executemany(self.sql[table], (r + tail for r in rows) if tail else rows)
                self.counts[table] += len(rows)
                rows.clear()

    # ------------------------------------------------------------ people and companies

    def _companies(self, count: int) -> list[str]:
        names: set[str] = set()
        while len(names) < count:
            stem = "".join(self.rng.choices(SYLLABLES, k=self.rng.choice((2, 3)))).capitalize()
            names.add(f"{stem} {self.rng.choice(SUFFIXES)}")
        return sorted(names)

    def _name(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def _contact(self, role: str, org: str | None, email: bool, created: dt.datetime | None = None,
                 direct: bool = False) -> Person:
        cid, name = self.next_id("contacts"), self._name()
        domain = (org or "mail").lower().replace(" ", "-") + ".example"
        address = f"{name.lower().replace(' ', '.')}.{cid}@{domain}" if email else None
        linkedin = (f"https://www.linkedin.com/in/{name.lower().replace(' ', '-')}-{cid}"
                    if self.rng.random() < 0.5 else None)
        phone = f"+32 4{self.rng.randrange(10**7, 10**8)}" if role == "recruiter" else None
        created = created or self.now - SPAN_DAYS * DAY
        self.add("contacts", (cid, self.owner, name, address, phone, linkedin, role, org,
                              int(direct), "", stamp(created)))
        return Person(cid, name, address, org)

    def _recruiter(self) -> Person:
        return self._contact("recruiter", self.rng.choice(AGENCIES), email=True, direct=True)

    # ------------------------------------------------------------ applications

    def run(self) -> dict[str, int]:
        """Generate everything; return the row counts per table."""
        self.flush()
        start = self.now - SPAN_DAYS * DAY
        offsets = sorted(self.rng.random() for _ in range(self.n))
        for i, frac in enumerate(offsets):
            created = start + (self.now - start) * frac
            if i >= self.n - 5:  # a pipeline that is alive: the newest ones are days old
                created = self.now - (self.n - i) * 0.4 * DAY
            self.application(created)
            if (i + 1) % FLUSH_EVERY == 0:
                self.flush()
        self.keep_searching(start)
        self.flush()
        return self.counts

    def application(self, created: dt.datetime) -> None:
        rng = self.rng
        company = rng.choice(self.companies)
        recruiter = rng.choice(self.recruiters) if rng.random() < 0.3 else None
        hiring = (self._contact("hiring-manager", company, rng.random() < 0.8, created,
                                rng.random() < 0.3) if rng.random() < 0.4 else None)
        app = App(self.next_id("applications"), company, created, recruiter, hiring)
        self.schedule(app)
        self.write_application(app, recruiter)
        for meeting in app.interviews:
            self.write_interview(app, meeting)
        self.plan(app)

    def schedule(self, app: App) -> None:
        """Decide the interviews, the status and when it became final."""
        rng, now = self.rng, self.now
        rounds = rng.choices(range(8), weights=(16, 12, 14, 16, 14, 12, 9, 7))[0]
        age = (now - app.created) / DAY
        final = rng.random() < min(0.95, age / 60)
        limit = now - DAY if final else now + 14 * DAY
        moment = app.created + rng.uniform(6, 25) * DAY
        pool = [self._contact("interviewer", app.company, rng.random() < 0.7, app.created)
                for _ in range(rng.randint(1, 4))] if rounds else []
        for _ in range(rounds):
            day = working_day(local_day(moment))
            begin = at_local(day, rng.randint(9, 16), rng.choice((0, 30)))
            end = begin + rng.choice((30, 45, 60, 90)) * dt.timedelta(minutes=1)
            if end > limit:
                break
            size = min(len(pool), rng.choices((1, 2, 3), weights=(60, 30, 10))[0])
            fmt = rng.choices(("in-person", "video", "phone"), (40, 45, 15))[0]
            app.interviews.append(Meeting(self.next_id("interviews"), len(app.interviews) + 1,
                                          begin, end, fmt, rng.sample(pool, size)))
            moment = end + rng.uniform(4, 15) * DAY
        past = [iv for iv in app.interviews if iv.end < now]
        if final:
            app.status = rng.choices(("rejected", "closed", "withdrawn"), (60, 25, 15))[0]
            anchor = past[-1].end if past else app.created
            app.final_at = min(anchor + rng.uniform(2, 25) * DAY,
                               now - rng.uniform(1, 24) * HOUR)
        elif len(past) >= 2 and rng.random() < 0.04:
            app.status = "offer"
        elif past:
            app.status = "interviewing"
        if len(app.interviews) >= 2 and rng.random() < 0.25:
            app.referees = rng.sample(self.referee_pool, rng.randint(1, 2))

    def write_application(self, app: App, recruiter: Person | None) -> None:
        rng = self.rng
        agency = recruiter.org if recruiter else None
        updated = app.final_at or (app.interviews[-1].end if app.interviews else app.created)
        slug = app.company.lower().replace(" ", "-")
        self.add("applications", (
            app.id, self.owner, app.company, rng.choice(ROLES),
            f"https://jobs.{slug}.example/{app.id}" if rng.random() < 0.7 else None,
            "recruiter" if recruiter else "direct", agency,
            recruiter.id if recruiter else None, app.hiring.id if app.hiring else None,
            app.status, rng.choice((None, 2, 3, 3, 4, 4, 5)),
            local_day(app.created).isoformat(),
            "Referred by a former colleague." if rng.random() < 0.1 else "",
            rng.choice(self.companies) if rng.random() < 0.2 else "",
            stamp(app.created), stamp(min(updated, self.now)),
        ))
        self.status_event(app.id, "applied", app.created)
        past = [iv for iv in app.interviews if iv.end < self.now]
        if past:
            self.status_event(app.id, "interviewing", past[0].begin - 5 * DAY)
        if app.status == "offer":
            self.status_event(app.id, "offer", past[-1].end + 3 * DAY)
        if app.final_at is not None:
            self.status_event(app.id, app.status, app.final_at)
        for referee in app.referees:
            self.add("referees", (app.id, referee.id, self.owner))

    def status_event(self, app_id: int, status: str, at: dt.datetime) -> None:
        self.add("status_events", (self.next_id("status_events"), self.owner, app_id, status,
                                   stamp(min(at, self.now))))

    def write_interview(self, app: App, meeting: Meeting) -> None:
        rng = self.rng
        iid, begin, end, panel = meeting.id, meeting.begin, meeting.end, meeting.panel
        decision = (local_day(end) + rng.randint(5, 15) * DAY).isoformat() \
            if rng.random() < 0.3 else None
        promises = PROMISES[rng.random() < 0.2]
        self.add("interviews", (
            iid, self.owner, app.id, stamp(begin), stamp(end), TZ_NAME, meeting.format,
            meeting.round, decision,
            panel[0].id if rng.random() < 0.5 else None,
            "Email the panel lead" if rng.random() < 0.3 else "",
            promises, "Next round with the team" if rng.random() < 0.4 else "",
            stamp(min(begin - rng.uniform(2, 10) * DAY, self.now)),
        ))
        for position, person in enumerate(panel):
            self.add("interviewers", (iid, person.id, position))
        if end < self.now and rng.random() < 0.7:
            weak = rng.random() < 0.4
            data = DEBRIEFS[weak, rng.randint(1, 5)]
            verdict = rng.choices((None, "yes", "unsure", "not-for-me"), (40, 35, 20, 5))[0]
            self.add("debriefs", (iid, self.owner, stamp(end + 3 * HOUR), data, verdict))
        if rng.random() < 0.6:
            self.interaction(app, app.recruiter or app.hiring, "email-in",
                             begin - rng.uniform(3, 8) * DAY, summary="Invitation to interview")
