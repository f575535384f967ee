"""Importing a spreadsheet: parsed rows (io/sheets/) into the store, all or nothing.

One write transaction for the whole file: rows are parsed as they stream in and written in
batches; a bad row stops the writing but not the checking, so the report lists every problem,
and then the transaction rolls back (unless `skip_bad`). A dry run does everything and rolls
back at the end, so what it reports is exactly what a real run would create.

Speed: rows go in with one multi-row INSERT per table and batch; an open application with an
interview is planned in memory from what the row says (no read-back). Actions whose deadline had
already passed when the file was imported are stored as skipped ("already past when imported"):
the plan carries on from today instead of flooding Today with last year's thank-you notes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from followthrough.domain.errors import FollowthroughError
from followthrough.domain.model import (
    FINAL_STATUSES,
    IMPORTED_PAST,
    Application,
    ApplicationFacts,
    Channel,
    Contact,
    Interview,
    Role,
    Status,
    StatusEvent,
)
from followthrough.domain.planner import Policy, plan_application
from followthrough.domain.workdays import Workweek
from followthrough.io.sheets import (
    ColumnMap,
    ImportRow,
    RowProblem,
    SkippedRow,
    Table,
    map_status,
    parse_row,
)
from followthrough.services.context import Context as Service
from followthrough.store import journal
from followthrough.store.repo import planned_values
from followthrough.store.schema import (
    actions,
    applications,
    interviewers,
    interviews,
    status_events,
)

#: Rows written per batch (one INSERT per table each).
BATCH = 500
#: How long an imported interview lasts (the sheet gives a start only).
INTERVIEW_LENGTH = dt.timedelta(hours=1)
#: Why an action planned from imported history is not pending.
PAST = IMPORTED_PAST
#: How long after its due time an action without a deadline counts as past.
GRACE = dt.timedelta(hours=24)


@dataclass
class ImportResult:
    """What an import did (or, in a dry run or on failure, would have done)."""

    rows: int = 0
    created: Counter[str] = field(default_factory=Counter)
    problems: list[RowProblem] = field(default_factory=list)
    bad_rows: list[int] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    unknown_statuses: Counter[str] = field(default_factory=Counter)
    #: each status as written in the file -> ours (the mapping used, for the user to check)
    statuses: dict[str, str] = field(default_factory=dict)
    #: how slash dates were read: "day first, as 24/11/2026 in the file", ... (None: no choice
    #: was made, each ambiguous date is a problem; or --dayfirst/--monthfirst was given)
    dates: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)
    source: str = "generic"
    dry_run: bool = False
    written: bool = False

    def as_json(self) -> dict[str, Any]:
        """Return the documented JSON shape of the report."""
        return {
            "rows": self.rows,
            "imported": self.rows - len(self.bad_rows) - len(self.skipped),
            "skipped": [dataclasses.asdict(s) for s in self.skipped],
            "created": dict(sorted(self.created.items())),
            "problems": [dataclasses.asdict(p) for p in self.problems],
            "bad_rows": self.bad_rows,
            "unknown_statuses": dict(self.unknown_statuses.most_common()),
            "statuses": dict(sorted(self.statuses.items())),
            "dates": self.dates,
            "columns": self.columns,
            "unmapped": self.unmapped,
            "source": self.source,
            "dry_run": self.dry_run,
            "written": self.written,
        }


class ImportProblemsError(FollowthroughError):
    """Some rows are wrong: nothing was written (the report lists every problem)."""

    def __init__(self, result: ImportResult) -> None:
        first = result.problems[0]
        more = len(result.bad_rows) - 1
        tail = f" (and {more} more row{'s' * (more != 1)})" if more > 0 else ""
        super().__init__(
            f"row {first.number}, {first.column}: {first.problem}{tail}; nothing was imported: "
            "fix the file, map the column with --map, or use --skip-bad"
        )
        self.result = result


class _Rollback(Exception):
    """Ends a dry run: the transaction rolls back."""


def run_import(
    svc: Service,
    table: Table,
    columns: ColumnMap,
    *,
    dry_run: bool = False,
    skip_bad: bool = False,
    dayfirst: bool | None = None,
    dates: str | None = None,
    on_row: Callable[[int], None] | None = None,
    on_bad: Callable[[int, list[str], list[RowProblem]], None] | None = None,
) -> ImportResult:
    """Import every row of `table`; raise ImportProblemsError (nothing written) when a row is
    wrong and `skip_bad` is not set. Returns the report. `dates` says how `dayfirst` was
    chosen when it was inferred (`infer_dates`), for the report."""
    result = ImportResult(dry_run=dry_run, source=columns.source, unmapped=list(columns.unmapped))
    result.columns = dict(sorted(columns.labels.items()))
    week, policy = svc.week(), svc.policy()
    result.dates = dates
    try:
        repo = svc.repo.writer()
        with repo.write(svc.now, svc.interface) as conn, repo.bulk_load(conn):
            writer = _Writer(svc, conn, week, policy, result)
            for number, cells in table.rows:
                result.rows += 1
                parsed = parse_row(number, cells, columns, week.zone, dayfirst)
                if on_row is not None:
                    on_row(number)
                if isinstance(parsed, SkippedRow):
                    result.skipped.append(parsed)
                    continue
                if isinstance(parsed, list):
                    result.problems.extend(parsed)
                    result.bad_rows.append(number)
                    if on_bad is not None:
                        on_bad(number, list(cells), parsed)
                    continue
                written = parsed.status_raw.strip()
                if written and map_status(parsed.status_raw) is None:
                    result.unknown_statuses[written] += 1
                elif written:
                    result.statuses.setdefault(written, parsed.status)
                if result.problems and not skip_bad:
                    continue  # keep checking; nothing of this file will be kept
                writer.add(parsed)
            if result.problems and not skip_bad:
                raise ImportProblemsError(result)
            writer.flush()
            if dry_run:
                raise _Rollback
            journal.describe(conn, conn.info.get("event"), "import",
                             f"Imported {result.created['applications']} applications"
                             f" ({columns.source} spreadsheet)")  # fmt: skip
    except _Rollback:
        return result
    result.written = True
    return result


class _Writer:
    """Buffers parsed rows and writes them in batches inside the import's transaction."""

    def __init__(
        self, svc: Service, conn: Connection, week: Workweek, policy: Policy, result: ImportResult
    ) -> None:
        self.svc = svc
        self.repo = svc.repo.writer()
        self.conn = conn
        self.week = week
        self.policy = policy
        self.result = result
        self.tz = svc.settings(conn)["tz"]
        self.by_email, self.by_name = self.repo.contact_keys(conn)
        self.contacts: dict[int, Contact] = {}
        self.linked = set(self.repo.recruiter_links_elsewhere(conn))
        self.pending: list[ImportRow] = []

    def add(self, row: ImportRow) -> None:
        """Queue a row; write the queue when it is full."""
        self.pending.append(row)
        if len(self.pending) >= BATCH:
            self.flush()

    # -------------------------------------------------------------- contacts

    def contact(self, row: ImportRow, company: str) -> Contact | None:
        """Return the row's contact: the one with the same e-mail (or, without an e-mail, the
        same name), else a new one."""
        if not row.contact_name and not row.contact_email:
            return None
        email = (row.contact_email or "").lower()
        name = row.contact_name or row.contact_email or ""
        ident = self.by_email.get(email) if email else self.by_name.get(name.lower())
        role = Role(row.contact_role)
        if ident is None:
            organisation = row.agency if role is Role.RECRUITER else company
            ident = self.repo.add_contact(
                self.conn,
                self.svc.now,
                name=name,
                email=row.contact_email,
                phone=row.contact_phone,
                role=role.value,
                organisation=organisation,
            )
            self.result.created["contacts"] += 1
            if email:
                self.by_email[email] = ident
            self.by_name.setdefault(name.lower(), ident)
            self.contacts[ident] = Contact(
                ident,
                name,
                row.contact_email,
                row.contact_phone,
                role=role,
                organisation=organisation,
            )
        elif ident not in self.contacts:
            self.contacts[ident] = self.repo.contact(self.conn, ident)
        return self.contacts[ident]

    # -------------------------------------------------------------- batches

    def flush(self) -> None:
        """Write the queued rows: applications, status events, interviews, panels, plans."""
        rows, self.pending = self.pending, []
        if not rows:
            return
        now = self.svc.now
        fields: list[dict[str, Any]] = []
        for row in rows:
            contact = self.contact(row, row.company)
            recruiter = contact if contact and contact.role is Role.RECRUITER else None
            hiring = contact if contact and contact.role is not Role.RECRUITER else None
            status = Status(row.status)
            if row.interview is not None and status is Status.APPLIED:
                status = Status.INTERVIEWING  # as recording the interview would
            created = self._created(row)
            channel = Channel.RECRUITER if recruiter or row.agency else Channel.DIRECT
            fields.append(
                {
                    "company": row.company,
                    "role": row.role,
                    "channel": channel,
                    "status": status,
                    "created_at": created,
                    "url": row.url,
                    "agency": row.agency,
                    "recruiter_id": recruiter.id if recruiter else None,
                    "hiring_contact_id": hiring.id if hiring else None,
                    "interest": row.interest,
                    "notes": row.notes,
                    "applied_on": row.applied,
                }
            )
        values = [
            {
                **f,
                "channel": f["channel"].value,
                "status": f["status"].value,
                "competitors": "",
                "updated_at": now,
            }
            for f in fields
        ]
        ids = self.repo.insert_many(self.conn, applications, values)
        apps = [Application(id=i, **f) for i, f in zip(ids, fields, strict=True)]
        self.result.created["applications"] += len(apps)
        self._status_events(rows, apps)
        planned = self._interviews(rows, apps)
        self._plans(planned)

    def _created(self, row: ImportRow) -> dt.datetime:
        """Return when the application was made: the day applied (noon, local), else now."""
        if row.applied is None:
            return self.svc.now
        noon = dt.datetime.combine(row.applied, dt.time(12), self.week.zone)
        return min(noon.astimezone(dt.UTC), self.svc.now)

    def _status_events(self, rows: list[ImportRow], apps: list[Application]) -> None:
        events = []
        for row, app in zip(rows, apps, strict=True):
            assert app.created_at is not None
            events.append({"application_id": app.id, "status": "applied", "at": app.created_at})
            if app.status is not Status.APPLIED:
                seen = row.interview.astimezone(dt.UTC) if row.interview else None
                later = seen if seen and seen < self.svc.now else None
                events.append(
                    {
                        "application_id": app.id,
                        "status": app.status.value,
                        "at": max(later or app.created_at, app.created_at),
                    }
                )
        self.repo.insert_many(self.conn, status_events, events)

    def _interviews(
        self, rows: list[ImportRow], apps: list[Application]
    ) -> list[tuple[Application, Interview | None]]:
        """Write the rows' interviews; return the applications that need a plan."""
        with_interview = [(r, a) for r, a in zip(rows, apps, strict=True) if r.interview]
        values = [
            {
                "application_id": a.id,
                "start_at": r.interview,
                "end_at": r.interview + INTERVIEW_LENGTH,
                "tz": self.tz,
                "format": "in-person",
                "round": 1,
                "promises": "[]",
                "created_at": self.svc.now,
            }
            for r, a in with_interview
            if r.interview is not None
        ]
        ids = self.repo.insert_many(self.conn, interviews, values)
        self.result.created["interviews"] += len(ids)
        panels = []
        planned: list[tuple[Application, Interview | None]] = []
        for (row, app), iid in zip(with_interview, ids, strict=True):
            assert row.interview is not None
            panel = (app.hiring_contact_id,) if app.hiring_contact_id else ()
            panels += [{"interview_id": iid, "contact_id": c, "position": 0} for c in panel]
            interview = Interview(
                iid,
                app.id,
                row.interview,
                row.interview + INTERVIEW_LENGTH,
                interviewer_ids=panel,
            )
            if app.status not in FINAL_STATUSES:
                planned.append((app, interview))
        self.repo.insert_many(self.conn, interviewers, panels)
        return planned

    def _plans(self, planned: Iterable[tuple[Application, Interview | None]]) -> None:
        """Plan each application in memory and store its actions (past ones as skipped)."""
        now = self.svc.now
        values = []
        for app, interview in planned:
            ids = {c for c in (app.recruiter_id, app.hiring_contact_id) if c}
            facts = ApplicationFacts(
                application=app,
                contacts={i: self.contacts[i] for i in ids if i in self.contacts},
                interviews=(interview,) if interview else (),
                status_events=(StatusEvent(app.status, app.created_at or now),),
                recruiter_links_elsewhere=frozenset(self.linked),
            )
            for a in plan_application(facts, self.svc.playbook, self.week, self.policy):
                if a.kind == "linkedin-recruiter" and a.recipient and a.recipient.contact_id:
                    self.linked.add(a.recipient.contact_id)
                past = (a.deadline or a.due + GRACE) < now
                values.append(
                    {
                        "key": a.key,
                        "status": "skipped" if past else "pending",
                        "reason": PAST if past else None,
                        "due_at": a.due,
                        "created_at": now,
                        "updated_at": now,
                        **planned_values(a),
                    }
                )
        self.repo.insert_many(self.conn, actions, values)
        self.result.created["actions"] += sum(v["status"] == "pending" for v in values)
