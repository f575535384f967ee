"""Repositories: rows in, domain values out. Every query is scoped by the owner id."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    String,
    Table,
    and_,
    bindparam,
    cast,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)

from followthrough.domain.errors import NotFoundError
from followthrough.domain.model import (
    FINAL_STATUSES,
    ActionRecord,
    ActionStatus,
    Application,
    ApplicationFacts,
    Channel,
    Contact,
    Debrief,
    FitAnswer,
    FitVerdict,
    Format,
    Interaction,
    InteractionKind,
    Interview,
    MessageChannel,
    PlannedAction,
    Recipient,
    Role,
    Status,
    StatusEvent,
)
from followthrough.domain.reconcile import Changes
from followthrough.store import db
from followthrough.store.schema import (
    actions,
    applications,
    contacts,
    debriefs,
    guard_overrides,
    interactions,
    interviewers,
    interviews,
    referees,
    settings,
    status_events,
)

Row = Mapping[str, Any]


def _contact(row: Row) -> Contact:
    return Contact(
        id=row["id"],
        name=row["name"],
        email=row["email"],
        phone=row["phone"],
        linkedin=row["linkedin"],
        role=Role(row["role"]),
        organisation=row["organisation"],
        direct_contact=bool(row["direct_contact"]),
        notes=row["notes"] or "",
    )


def _application(row: Row) -> Application:
    return Application(
        id=row["id"],
        company=row["company"],
        role=row["role"],
        channel=Channel(row["channel"]),
        status=Status(row["status"]),
        created_at=row["created_at"],
        url=row["url"],
        agency=row["agency"],
        recruiter_id=row["recruiter_id"],
        hiring_contact_id=row["hiring_contact_id"],
        interest=row["interest"],
        notes=row["notes"] or "",
        competitors=tuple(c for c in (row["competitors"] or "").split("\n") if c),
        applied_on=row["applied_on"],
    )


def _interview(row: Row, panel: Sequence[int]) -> Interview:
    return Interview(
        id=row["id"],
        application_id=row["application_id"],
        start=row["start_at"],
        end=row["end_at"],
        format=Format(row["format"]),
        round=row["round"],
        interviewer_ids=tuple(panel),
        decision_date=row["decision_date"],
        follow_up_contact_id=row["follow_up_contact_id"],
        follow_up_how=row["follow_up_how"] or "",
        promises=tuple(json.loads(row["promises"] or "[]")),
        next_steps=row["next_steps"] or "",
    )


def debrief_from_row(row: Row) -> Debrief:
    """Return the Debrief stored in a debriefs row."""
    data = json.loads(row["data"])
    fit = {k: FitAnswer(v.get("score"), v.get("note", "")) for k, v in data.pop("fit", {}).items()}
    fields = {k: tuple(v) for k, v in data.items() if isinstance(v, list)}
    return Debrief(
        interview_id=row["interview_id"],
        recorded_at=row["recorded_at"],
        fit=fit,
        verdict=FitVerdict(row["verdict"]) if row["verdict"] else None,
        **fields,
    )


def _interaction(row: Row) -> Interaction:
    return Interaction(
        id=row["id"],
        application_id=row["application_id"],
        at=row["at"],
        kind=InteractionKind(row["kind"]),
        contact_id=row["contact_id"],
        summary=row["summary"] or "",
        action_id=row["action_id"],
        action_kind=row["action_kind"],
        follow_up=bool(row["follow_up"]),
    )


def _bulk_insert(conn: Connection, table: Table, values: Sequence[Mapping[str, Any]]) -> None:
    """Insert many rows with one executemany, each column's value converted once per distinct
    value (an import repeats "now", the zone, the owner thousands of times)."""
    defaults = {
        c.name: c.default.arg
        for c in table.c
        if c.name not in values[0] and c.default is not None and c.default.is_scalar
    }
    names = [*values[0], *defaults]
    dialect = conn.dialect
    pick = operator.itemgetter(*values[0])  # the same order for every row, whatever its own
    extra = list(defaults.values())
    rows = [[*(pick(v) if len(values[0]) > 1 else (pick(v),)), *extra] for v in values]
    for index, name in enumerate(names):
        column_type = table.c[name].type.dialect_impl(dialect)  # KeyError: not a column
        process = column_type.bind_processor(dialect)
        if process is None:
            continue  # ints and strings go to the driver as they are
        memo: dict[Any, Any] = {}
        for row in rows:
            value = row[index]
            if value is None:
                continue
            try:
                row[index] = memo[value]
            except KeyError:
                row[index] = memo[value] = process(value)
            except TypeError:  # unhashable: convert every time
                row[index] = process(value)
    columns = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join("?" for _ in names)
    statement = f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})'  # noqa: S608  (schema names)
    conn.exec_driver_sql(statement, [tuple(r) for r in rows])


def _instant(value: Any) -> dt.datetime | None:
    """Return a stored instant read without SQLAlchemy's processing (a SQLite string or a
    driver's datetime) as an aware UTC datetime, as UTCDateTime would."""
    if value.__class__ is str:  # SQLite's text, the common case first
        if value[-6:-5] not in ("+", "-"):  # naive, as SQLite keeps them: UTC
            return _from_iso(value + "+00:00")  # 7x faster than .replace()
        value = _from_iso(value)
    elif value is None:
        return None
    elif isinstance(value, str):
        value = _from_iso(value)
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)  # type: ignore[no-any-return]
    return value.astimezone(dt.UTC)  # type: ignore[no-any-return]


_from_iso = dt.datetime.fromisoformat


#: Enum members by value: a dict lookup costs a twentieth of calling the enum.
_ACTION_STATUS = {s.value: s for s in ActionStatus}
_INTERACTION_KIND = {k.value: k for k in InteractionKind}
_STATUS = {s.value: s for s in Status}
_CHANNEL = {c.value: c for c in Channel}
_FORMAT = {f.value: f for f in Format}
_ROLE = {r.value: r for r in Role}
_MESSAGE_CHANNEL = {c.value: c for c in MessageChannel}


def _at(value: Any) -> dt.datetime:
    """Return a stored instant of a NOT NULL column (see _instant)."""
    found = _instant(value)
    assert found is not None
    return found


def _day(value: Any) -> dt.date | None:
    """Return a stored date read without SQLAlchemy's processing (SQLite's "YYYY-MM-DD" text
    or a driver's date), as Date would."""
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value  # type: ignore[no-any-return]


def _json_tuple(text: str | None) -> tuple[Any, ...]:
    """Return a stored JSON list (promises, talking points) as a tuple."""
    return () if not text or text == "[]" else tuple(json.loads(text))


# ------------------------------------------------------------ plain reads (re-planning)
#
# Re-planning reads every row of thousands of applications. Through SQLAlchemy, each read
# costs a compilation (the IN list of ids differs every time) and a result processor per
# value (the UTCDateTime and Date type decorators): some 60% of a re-plan. These reads are
# written once as Core statements, `build(member)`, where `member(column)` is the test "the
# column is one of :ids" and :owner is the owner; `_plain` runs them.

_Build = Callable[[Callable[[Any], Any]], Any]
#: SQLite's text of each read, compiled once per process: (SQL, its parameters' names, their
#: values other than :owner and :ids).
_SQLITE_SQL: dict[_Build, tuple[str, tuple[str, ...], dict[str, Any]]] = {}


def _listed(column: Any) -> Any:
    """Return `column IN (:ids)`, the ids bound as a list (expanded by SQLAlchemy)."""
    return column.in_(bindparam("ids", expanding=True))


def _json_listed(column: Any) -> Any:
    """Return `column IN (SELECT value FROM json_each(:ids))`, the ids bound as one JSON array:
    the same SQL text for any number of ids, and no limit on their number (SQLite)."""
    each = func.json_each(bindparam("ids", "[]", type_=String)).table_valued("value")
    return column.in_(select(each.c.value))


def _plain(
    conn: Connection, build: _Build, owner: int, ids: Sequence[int]
) -> Sequence[Sequence[Any]]:
    """Return the rows of the read `build(member)` for this owner and these ids, their values
    as the driver gives them. On SQLite the statement is compiled once per process and run as
    its SQL text (instants and dates come as text: see _instant, _day); elsewhere it is run
    through SQLAlchemy as usual (instants and dates come processed, which those accept too).
    Either way it goes through the Connection (its events see it)."""
    if conn.dialect.name != "sqlite":
        return conn.execute(build(_listed), {"owner": owner, "ids": list(ids)}).all()
    compiled = _SQLITE_SQL.get(build)
    if compiled is None:
        done = build(_json_listed).compile(
            dialect=conn.dialect, compile_kwargs={"render_postcompile": True}
        )
        compiled = (done.string, tuple(done.positiontup or ()), done.construct_params())
        _SQLITE_SQL[build] = compiled
    sql, names, values = compiled
    given = {**values, "owner": owner, "ids": json.dumps(list(ids))}
    result = conn.exec_driver_sql(sql, tuple(given[n] for n in names))
    try:
        return result.cursor.fetchall()  # the driver's tuples: no Row objects
    finally:
        result.close()


def _mine(table: Table) -> Any:
    """Return `owner_id + 0 = :owner` (see Repo._owned)."""
    return (table.c.owner_id + 0) == bindparam("owner", 0)


def _q_applications(member: Callable[[Any], Any]) -> Any:
    """Read the applications (by id)."""
    c = applications.c
    return (
        select(c.id, c.company, c.role, c.channel, c.status, c.created_at, c.url, c.agency,
               c.recruiter_id, c.hiring_contact_id, c.interest, c.notes, c.competitors,
               c.applied_on)
        .where(_mine(applications), member(c.id))
        .order_by(c.id)
    )  # fmt: skip


def _q_interviews(member: Callable[[Any], Any]) -> Any:
    """Read the interviews of the applications, by start."""
    c = interviews.c
    return (
        select(c.id, c.application_id, c.start_at, c.end_at, c.format, c.round, c.decision_date,
               c.follow_up_contact_id, c.follow_up_how, c.promises, c.next_steps)
        .where(_mine(interviews), member(c.application_id))
        .order_by(c.start_at, c.id)
    )  # fmt: skip


def _q_panels(member: Callable[[Any], Any]) -> Any:
    """Read the interviewers of the interviews (by interview id), in panel order."""
    c = interviewers.c
    return (
        select(c.interview_id, c.contact_id)
        .where(_mine(interviewers), member(c.interview_id))
        .order_by(c.interview_id, c.position)
    )


def _q_debriefs(member: Callable[[Any], Any]) -> Any:
    """Read what the planner reads of the debriefs of the interviews (by interview id)."""
    c = debriefs.c
    return select(c.interview_id, c.recorded_at, c.verdict).where(
        _mine(debriefs), member(c.interview_id)
    )


def _q_interactions(member: Callable[[Any], Any]) -> Any:
    """Read the interactions of the applications, in time order."""
    c = interactions.c
    return (
        select(c.id, c.application_id, c.at, c.kind, c.contact_id, c.summary, c.action_id,
               c.action_kind, c.follow_up)
        .where(_mine(interactions), member(c.application_id))
        .order_by(c.at, c.id)
    )  # fmt: skip


def _q_status_events(member: Callable[[Any], Any]) -> Any:
    """Read the status events of the applications, in time order."""
    c = status_events.c
    return (
        select(c.application_id, c.status, c.at)
        .where(_mine(status_events), member(c.application_id))
        .order_by(c.at, c.id)
    )


def _q_referees(member: Callable[[Any], Any]) -> Any:
    """Read the referees of the applications."""
    c = referees.c
    return (
        select(c.application_id, c.contact_id)
        .where(_mine(referees), member(c.application_id))
        .order_by(c.application_id, c.contact_id)
    )


def _q_contacts(member: Callable[[Any], Any]) -> Any:
    """Read the contacts (by id)."""
    c = contacts.c
    return select(
        c.id, c.name, c.email, c.phone, c.linkedin, c.role, c.organisation, c.direct_contact,
        c.notes,
    ).where(_mine(contacts), member(c.id))


#: The actions reconcile compares with the planner's decision (it needs that decision).
_OPEN = (ActionStatus.PENDING.value, ActionStatus.SNOOZED.value)
_ACTION_RECORD = ("id", "application_id", "key", "kind", "status", "due_at", "done_at",
                  "edited", "reason")  # fmt: skip
_ACTION_PLANNED = ("title", "planned_due_at", "rule", "sources", "channel",
                   "recipient_contact_id", "recipient_name", "recipient_email", "via_contact_id",
                   "via_name", "interview_id", "deadline_at", "why", "talking_points",
                   "chases")  # fmt: skip


def _q_settled_actions(member: Callable[[Any], Any]) -> Any:
    """Read the record of the actions of the applications that are neither pending nor
    snoozed."""
    c = actions.c
    return select(*(c[n] for n in _ACTION_RECORD)).where(
        _mine(actions), member(c.application_id), c.status.not_in(_OPEN)
    )


def _q_open_actions(member: Callable[[Any], Any]) -> Any:
    """Read the record and the planner's last decision of the pending and snoozed actions of
    the applications."""
    c = actions.c
    return select(*(c[n] for n in (*_ACTION_RECORD, *_ACTION_PLANNED))).where(
        _mine(actions), member(c.application_id), c.status.in_(_OPEN)
    )


def _record(r: Row) -> ActionRecord:
    """Return what the store knows about an action row."""
    return ActionRecord(
        r["key"],
        r["kind"],
        ActionStatus(r["status"]),
        r["due_at"],
        r["done_at"],
        bool(r["edited"]),
        _planned_from_row(r),
        r["reason"],
    )


def planned_values(a: PlannedAction) -> dict[str, Any]:
    """Return the columns of an actions row that hold the planner's decision."""
    r = a.recipient
    return {
        "kind": a.kind,
        "title": a.title,
        "application_id": a.application_id,
        "interview_id": a.interview_id,
        "deadline_at": a.deadline,
        "planned_due_at": a.due,
        "recipient_contact_id": r.contact_id if r else None,
        "recipient_name": r.name if r else None,
        "recipient_email": r.email if r else None,
        "via_contact_id": r.via_contact_id if r else None,
        "via_name": r.via_name if r else None,
        "channel": a.channel.value,
        "rule": a.rule,
        "sources": " ".join(a.sources),
        "why": a.reason,
        "talking_points": json.dumps(list(a.talking_points)),
        "chases": a.chases,
    }


def _planned_from_row(row: Row) -> PlannedAction:
    """Return the planner's decision as stored in an actions row (the inverse of the above)."""
    recipient = None
    if row["recipient_name"]:
        recipient = Recipient(
            row["recipient_contact_id"],
            row["recipient_name"],
            row["recipient_email"],
            row["via_contact_id"],
            row["via_name"],
        )
    return PlannedAction(
        key=row["key"],
        kind=row["kind"],
        title=row["title"],
        due=row["planned_due_at"],
        rule=row["rule"],
        sources=tuple(row["sources"].split()),
        channel=MessageChannel(row["channel"]),
        application_id=row["application_id"],
        interview_id=row["interview_id"],
        recipient=recipient,
        deadline=row["deadline_at"],
        reason=row["why"] or "",
        talking_points=tuple(json.loads(row["talking_points"] or "[]")),
        chases=bool(row["chases"]),
    )


#: The LinkedIn note to a recruiter: its key names the recruiter, not the application, so one
#: application holds it (the first to plan it) and the others see it in recruiter_links_elsewhere.
RECRUITER_LINK = "linkedin-recruiter"


def _link_recruiter(key: str) -> int | None:
    """Return the recruiter id in a recruiter-link key ("linkedin-recruiter:c12" -> 12)."""
    head, sep, tail = key.partition(":c")
    return int(tail) if sep and head == RECRUITER_LINK and tail.isdigit() else None


class RecruiterLinks:
    """Which application holds each recruiter's LinkedIn action, and in what state.

    A cancelled link still holds its key (unique per owner), so an application that plans the
    link again must revive that row (moving it to itself), never insert a second one.
    """

    def __init__(self, held: dict[int, tuple[int | None, ActionRecord]]) -> None:
        self.held = held

    def copy(self) -> RecruiterLinks:
        """Return an independent copy (a pass that may be redone starts from one)."""
        return RecruiterLinks(dict(self.held))

    def resolve(self, facts: ApplicationFacts) -> ApplicationFacts:
        """Return `facts` with its recruiter's link settled: held by another application and
        not cancelled -> in recruiter_links_elsewhere; cancelled under another application ->
        among this application's actions, so a plan that calls for it revives it here."""
        app = facts.application
        held = self.held.get(app.recruiter_id) if app.recruiter_id is not None else None
        elsewhere: frozenset[int] = frozenset()
        found = facts.actions
        if held is not None and held[0] != app.id:
            record = held[1]
            if record.status is ActionStatus.CANCELLED:
                found = {**facts.actions, record.key: record}
            else:
                elsewhere = frozenset({record_recruiter(record)})
        if elsewhere == facts.recruiter_links_elsewhere and found is facts.actions:
            return facts
        return dataclasses.replace(facts, actions=found, recruiter_links_elsewhere=elsewhere)

    def note(self, app_id: int, changes: Changes) -> None:
        """Record what a reconciliation of application `app_id` did to recruiter links."""
        for a in (*changes.insert, *changes.revive):
            rid = _link_recruiter(a.key)
            if rid is not None:
                record = ActionRecord(a.key, a.kind, ActionStatus.PENDING, a.due, planned=a)
                self.held[rid] = (app_id, record)
        for key, reason in changes.cancel:
            rid = _link_recruiter(key)
            if rid is not None and rid in self.held:
                record = self.held[rid][1]
                cancelled = dataclasses.replace(
                    record, status=ActionStatus.CANCELLED, reason=reason
                )
                self.held[rid] = (app_id, cancelled)


def record_recruiter(record: ActionRecord) -> int:
    """Return the recruiter a recruiter-link action is for."""
    rid = _link_recruiter(record.key)
    assert rid is not None, record.key
    return rid


class Repo:
    """The data of one owner in one database."""

    def __init__(self, engine: Engine, owner_id: int) -> None:
        self.engine = engine
        self.owner = owner_id

    # ------------------------------------------------------------ transactions

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """Yield a connection in one write transaction."""
        with db.writing(self.engine) as conn:
            yield conn

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """Yield a connection for reading."""
        with db.busy_as_error(), self.engine.connect() as conn:
            yield conn

    @contextlib.contextmanager
    def connection(self) -> Iterator[Connection]:
        """Yield one connection for several transactions (`reading_on`, `writing_on`)."""
        with db.busy_as_error(), self.engine.connect() as conn:
            yield conn

    @contextlib.contextmanager
    def reading_on(self, conn: Connection) -> Iterator[Connection]:
        """Run the block in one read transaction (one snapshot) on `conn`."""
        conn.execution_options(write=False)
        with conn.begin():
            yield conn

    @contextlib.contextmanager
    def writing_on(self, conn: Connection) -> Iterator[Connection]:
        """Run the block in one write transaction on `conn` (BEGIN IMMEDIATE, bounded wait)."""
        conn.execution_options(write=True)
        with db.busy_as_error(), db.begin_write(conn):
            yield conn

    # ------------------------------------------------------------ owner-scoped basics

    def _one(self, conn: Connection, table: Table, ident: int) -> Row | None:
        """Return the row `ident` of `table` if it belongs to this owner (the isolation rule)."""
        return (
            conn.execute(select(table).where(table.c.id == ident, table.c.owner_id == self.owner))
            .mappings()
            .first()
        )

    def _owned(self, table: Table) -> Any:
        """Return `owner_id = me` for a query that picks rows by an IN list of ids: written
        `owner_id + 0` so that SQLite (no statistics) looks the ids up in their index rather
        than scanning all the owner's rows through an index that starts with owner_id."""
        return (table.c.owner_id + 0) == self.owner

    def _update(self, conn: Connection, table: Table, ident: int, values: Any) -> None:
        """Change row `ident` of `table` if it belongs to this owner."""
        conn.execute(
            update(table)
            .where(table.c.id == ident, table.c.owner_id == self.owner)
            .values(**values)
        )

    def insert_many(
        self, conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]
    ) -> list[int]:
        """Insert rows of `table` for this owner in one batch; return their ids in order (an
        empty list for tables without an id column). Every row has the same keys."""
        if not rows:
            return []
        values = [{**r, "owner_id": self.owner} for r in rows]
        has_id = "id" in table.c
        if conn.dialect.name != "sqlite":
            if not has_id:
                conn.execute(insert(table), values)
                return []
            statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            return [int(i) for i in conn.execute(statement, values).scalars()]
        # SQLite: RETURNING in input order makes SQLAlchemy send one INSERT per row. Under the
        # write lock (BEGIN IMMEDIATE) the new rowids are max(id)+1, +2, ... (no AUTOINCREMENT
        # table here); checked below rather than assumed.
        first = 1
        if has_id:
            first = int(conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one())
            first += 1
        _bulk_insert(conn, table, values)
        if not has_id:
            return []
        count, low, high = conn.execute(
            select(func.count(), func.min(table.c.id), func.max(table.c.id)).where(
                table.c.id >= first
            )
        ).one()
        if (count, low, high) != (len(values), first, first + len(values) - 1):
            raise RuntimeError(f"{table.name}: unexpected ids after a bulk insert")
        return list(range(first, first + len(values)))

    def contact_keys(self, conn: Connection) -> tuple[dict[str, int], dict[str, int]]:
        """Return the owner's contact ids by lower-case e-mail and by lower-case name."""
        by_email: dict[str, int] = {}
        by_name: dict[str, int] = {}
        rows = conn.execute(
            select(contacts.c.id, contacts.c.email, contacts.c.name)
            .where(contacts.c.owner_id == self.owner)
            .order_by(contacts.c.id)
        )
        for ident, email, name in rows:
            if email:
                by_email.setdefault(email.lower(), ident)
            by_name.setdefault(name.lower(), ident)
        return by_email, by_name

    # ------------------------------------------------------------ settings

    def settings(self, conn: Connection) -> dict[str, str]:
        """Return the owner's stored settings."""
        rows = conn.execute(
            select(settings.c.key, settings.c.value).where(settings.c.owner_id == self.owner)
        )
        return {k: v for k, v in rows}

    def save_settings(self, conn: Connection, values: Mapping[str, str]) -> None:
        """Store (insert or replace) settings."""
        for key, value in values.items():
            conn.execute(
                delete(settings).where(settings.c.owner_id == self.owner, settings.c.key == key)
            )
            conn.execute(insert(settings).values(owner_id=self.owner, key=key, value=str(value)))

    def forget_setting(self, conn: Connection, key: str) -> None:
        """Remove a stored setting (if any)."""
        conn.execute(
            delete(settings).where(settings.c.owner_id == self.owner, settings.c.key == key)
        )

    # ------------------------------------------------------------ contacts

    def add_contact(self, conn: Connection, now: dt.datetime, **values: Any) -> int:
        """Insert a contact; return its id."""
        result = conn.execute(
            insert(contacts).values(owner_id=self.owner, created_at=now, **values)
        )
        return int(result.inserted_primary_key[0])

    def update_contact(self, conn: Connection, contact_id: int, **values: Any) -> None:
        """Change some fields of a contact."""
        self._update(conn, contacts, contact_id, values)

    def contact(self, conn: Connection, contact_id: int) -> Contact:
        """Return contact `contact_id` or raise NotFoundError."""
        row = self._one(conn, contacts, contact_id)
        if row is None:
            raise NotFoundError("contact", contact_id, "see `followthrough contact list`")
        return _contact(row)

    def contact_by_email(self, conn: Connection, email: str) -> Contact | None:
        """Return the contact with this e-mail address (case-insensitive), if any."""
        return self._contact_where(conn, contacts.c.email, email)

    def contact_by_name(self, conn: Connection, name: str) -> Contact | None:
        """Return the first contact with exactly this name (case-insensitive), if any."""
        return self._contact_where(conn, contacts.c.name, name)

    def _contact_where(self, conn: Connection, column: Any, value: str) -> Contact | None:
        row = (
            conn.execute(
                select(contacts)
                .where(contacts.c.owner_id == self.owner, func.lower(column) == value.lower())
                .order_by(contacts.c.id)
            )
            .mappings()
            .first()
        )
        return _contact(row) if row else None

    def contacts(self, conn: Connection, role: str | None = None) -> list[Contact]:
        """Return the owner's contacts, by name."""
        query = select(contacts).where(contacts.c.owner_id == self.owner)
        if role:
            query = query.where(contacts.c.role == role)
        return [_contact(r) for r in conn.execute(query.order_by(contacts.c.name)).mappings()]

    def contacts_by_id(self, conn: Connection, ids: Sequence[int]) -> dict[int, Contact]:
        """Return the owner's contacts with these ids."""
        if not ids:
            return {}
        rows = conn.execute(
            select(contacts).where(self._owned(contacts), contacts.c.id.in_(set(ids)))
        ).mappings()
        return {r["id"]: _contact(r) for r in rows}

    # ------------------------------------------------------------ applications

    def add_application(self, conn: Connection, now: dt.datetime, **values: Any) -> int:
        """Insert an application and its first status event; return its id."""
        status = values.setdefault("status", Status.APPLIED.value)
        result = conn.execute(
            insert(applications).values(
                owner_id=self.owner, created_at=now, updated_at=now, **values
            )
        )
        app_id = int(result.inserted_primary_key[0])
        self.add_status_event(conn, app_id, status, now)
        return app_id

    def add_status_event(self, conn: Connection, app_id: int, status: str, at: dt.datetime) -> None:
        """Record that application `app_id` reached `status` at `at`."""
        conn.execute(
            insert(status_events).values(
                owner_id=self.owner, application_id=app_id, status=status, at=at
            )
        )

    def update_application(self, conn: Connection, app_id: int, **values: Any) -> None:
        """Change some fields of an application."""
        self._update(conn, applications, app_id, values)

    def application(self, conn: Connection, app_id: int) -> Application:
        """Return application `app_id` or raise NotFoundError."""
        row = self._one(conn, applications, app_id)
        if row is None:
            raise NotFoundError("application", app_id, "see `followthrough app list`")
        return _application(row)

    def applications(self, conn: Connection, status: str | None = None) -> list[Application]:
        """Return the owner's applications, newest first."""
        query = select(applications).where(applications.c.owner_id == self.owner)
        if status:
            query = query.where(applications.c.status == status)
        query = query.order_by(applications.c.created_at.desc(), applications.c.id.desc())
        return [_application(r) for r in conn.execute(query).mappings()]

    def application_ids(self, conn: Connection) -> list[int]:
        """Return the ids of all the owner's applications."""
        return list(
            conn.execute(
                select(applications.c.id)
                .where(applications.c.owner_id == self.owner)
                .order_by(applications.c.id)
            ).scalars()
        )

    def next_actions(self, conn: Connection) -> dict[int, Row]:
        """Return, per application, its earliest pending or snoozed action."""
        rows = conn.execute(
            self._action_query()
            .where(
                actions.c.status.in_(("pending", "snoozed")),
                actions.c.application_id.is_not(None),
            )
            .order_by(actions.c.due_at)
        ).mappings()
        out: dict[int, Row] = {}
        for r in rows:
            out.setdefault(r["application_id"], r)
        return out

    def last_exchanges(self, conn: Connection) -> dict[int, dt.datetime]:
        """Return, per application, when the latest exchange (call, e-mail, message) was."""
        rows = conn.execute(
            select(interactions.c.application_id, func.max(interactions.c.at))
            .where(interactions.c.owner_id == self.owner)
            .group_by(interactions.c.application_id)
        )
        return {a: at for a, at in rows}  # max() keeps the column's type: aware UTC

    def referee_ids(self, conn: Connection, app_id: int) -> list[int]:
        """Return the contact ids of the referees given for `app_id`."""
        return list(
            conn.execute(
                select(referees.c.contact_id).where(
                    referees.c.application_id == app_id, referees.c.owner_id == self.owner
                )
            ).scalars()
        )

    def add_referee(self, conn: Connection, app_id: int, contact_id: int) -> None:
        """Attach a referee to an application (idempotent)."""
        if contact_id in self.referee_ids(conn, app_id):
            return
        conn.execute(
            insert(referees).values(
                application_id=app_id, contact_id=contact_id, owner_id=self.owner
            )
        )

    def pipeline(self, conn: Connection) -> tuple[int, dt.datetime | None, bool]:
        """Return (open applications, when the last was added, whether a contract is signed)."""
        open_count = conn.execute(
            select(func.count()).where(
                applications.c.owner_id == self.owner,
                applications.c.status.in_(("applied", "interviewing", "offer")),
            )
        ).scalar_one()
        last = conn.execute(
            select(func.max(applications.c.created_at)).where(applications.c.owner_id == self.owner)
        ).scalar()
        signed = conn.execute(
            select(func.count()).where(
                applications.c.owner_id == self.owner, applications.c.status == "accepted"
            )
        ).scalar_one()
        if isinstance(last, str | dt.datetime):
            last = applications.c.created_at.type.process_result_value(last, conn.dialect)
        return int(open_count), last, bool(signed)

    # ------------------------------------------------------------ interviews

    def add_interview(
        self, conn: Connection, now: dt.datetime, panel: Sequence[int], **values: Any
    ) -> int:
        """Insert an interview with its panel; return its id."""
        values["promises"] = json.dumps(list(values.get("promises", ())))
        result = conn.execute(
            insert(interviews).values(owner_id=self.owner, created_at=now, **values)
        )
        iid = int(result.inserted_primary_key[0])
        self.set_panel(conn, iid, panel)
        return iid

    def set_panel(self, conn: Connection, interview_id: int, panel: Sequence[int]) -> None:
        """Replace the interviewers of an interview."""
        conn.execute(delete(interviewers).where(interviewers.c.interview_id == interview_id))
        for pos, cid in enumerate(dict.fromkeys(panel)):
            conn.execute(
                insert(interviewers).values(
                    interview_id=interview_id, contact_id=cid, owner_id=self.owner, position=pos
                )
            )

    def update_interview(self, conn: Connection, interview_id: int, **values: Any) -> None:
        """Change some fields of an interview."""
        if "promises" in values:
            values["promises"] = json.dumps(list(values["promises"]))
        self._update(conn, interviews, interview_id, values)

    def _panels(self, conn: Connection, ids: Sequence[int]) -> dict[int, list[int]]:
        panels: dict[int, list[int]] = {i: [] for i in ids}
        if not ids:
            return panels
        rows = conn.execute(
            select(interviewers.c.interview_id, interviewers.c.contact_id)
            .where(interviewers.c.interview_id.in_(list(ids)))
            .order_by(interviewers.c.interview_id, interviewers.c.position)
        )
        for iid, cid in rows:
            panels[iid].append(cid)
        return panels

    def interview(self, conn: Connection, interview_id: int) -> Interview:
        """Return interview `interview_id` or raise NotFoundError."""
        row = self._one(conn, interviews, interview_id)
        if row is None:
            raise NotFoundError("interview", interview_id, "see `followthrough app show APP`")
        return _interview(row, self._panels(conn, [interview_id])[interview_id])

    def interview_tz(self, conn: Connection, interview_id: int) -> str:
        """Return the zone an interview was recorded in."""
        return str(
            conn.execute(
                select(interviews.c.tz).where(
                    interviews.c.id == interview_id, interviews.c.owner_id == self.owner
                )
            ).scalar_one()
        )

    def interviews(self, conn: Connection, app_id: int) -> list[Interview]:
        """Return the interviews of an application, by start."""
        rows = list(
            conn.execute(
                select(interviews)
                .where(interviews.c.application_id == app_id, interviews.c.owner_id == self.owner)
                .order_by(interviews.c.start_at, interviews.c.id)
            ).mappings()
        )
        panels = self._panels(conn, [r["id"] for r in rows])
        return [_interview(r, panels[r["id"]]) for r in rows]

    def upcoming_interviews(self, conn: Connection, now: dt.datetime) -> list[Interview]:
        """Return the owner's interviews that have not started yet."""
        rows = list(
            conn.execute(
                select(interviews)
                .where(interviews.c.owner_id == self.owner, interviews.c.start_at > now)
                .order_by(interviews.c.start_at)
            ).mappings()
        )
        panels = self._panels(conn, [r["id"] for r in rows])
        return [_interview(r, panels[r["id"]]) for r in rows]

    # ------------------------------------------------------------ debriefs

    def save_debrief(
        self,
        conn: Connection,
        interview_id: int,
        data: dict[str, Any],
        verdict: str | None,
        at: dt.datetime,
    ) -> None:
        """Store (insert or replace) the debrief of an interview."""
        conn.execute(
            delete(debriefs).where(
                debriefs.c.interview_id == interview_id, debriefs.c.owner_id == self.owner
            )
        )
        conn.execute(
            insert(debriefs).values(
                interview_id=interview_id,
                owner_id=self.owner,
                recorded_at=at,
                data=json.dumps(data, ensure_ascii=False),
                verdict=verdict,
            )
        )

    def debriefs(self, conn: Connection, interview_ids: Sequence[int]) -> dict[int, Debrief]:
        """Return the debriefs of these interviews."""
        if not interview_ids:
            return {}
        rows = conn.execute(
            select(debriefs).where(
                debriefs.c.owner_id == self.owner, debriefs.c.interview_id.in_(list(interview_ids))
            )
        ).mappings()
        return {r["interview_id"]: debrief_from_row(r) for r in rows}

    # ------------------------------------------------------------ interactions

    def add_interaction(self, conn: Connection, now: dt.datetime, **values: Any) -> int:
        """Insert an interaction; return its id."""
        result = conn.execute(
            insert(interactions).values(owner_id=self.owner, created_at=now, **values)
        )
        return int(result.inserted_primary_key[0])

    def interactions(self, conn: Connection, app_id: int) -> list[Interaction]:
        """Return the interactions of an application, oldest first."""
        rows = conn.execute(
            select(interactions)
            .where(interactions.c.application_id == app_id, interactions.c.owner_id == self.owner)
            .order_by(interactions.c.at, interactions.c.id)
        ).mappings()
        return [_interaction(r) for r in rows]

    def delete_logged_by(self, conn: Connection, action_id: int) -> None:
        """Delete the exchanges that marking action `action_id` done logged."""
        conn.execute(
            delete(interactions).where(
                interactions.c.owner_id == self.owner, interactions.c.action_id == action_id
            )
        )

    def add_override(self, conn: Connection, at: dt.datetime, **values: Any) -> None:
        """Record that the user overrode a guard, and why."""
        conn.execute(insert(guard_overrides).values(owner_id=self.owner, at=at, **values))

    # ------------------------------------------------------------ actions

    def action_records(self, conn: Connection, app_id: int | None) -> dict[str, ActionRecord]:
        """Return the stored actions of an application (or the user-wide ones), by key."""
        cond = (
            actions.c.application_id == app_id
            if app_id is not None
            else actions.c.application_id.is_(None)
        )
        rows = conn.execute(
            select(actions).where(actions.c.owner_id == self.owner, cond)
        ).mappings()
        return {r["key"]: _record(r) for r in rows}

    def unsettled_application_ids(self, conn: Connection) -> list[int]:
        """Return, in one query, the ids of the applications a change of dates may re-plan.

        Settled (left out): a final status, at least one action, none pending or snoozed,
        and its recruiter's LinkedIn note not pending, snoozed or cancelled under another
        application. Its plan's keys do not depend on dates, so a re-plan would insert, revive
        or cancel nothing (and update nothing: only pending and snoozed actions move). An
        application without actions may never have been planned (the importer does not plan
        one in a final status); a recruiter's note another application may give up or hold
        cancelled may come back here: those are re-planned.
        """
        mine = actions.c.application_id == applications.c.id
        link = actions.alias("link")
        link_key = literal(f"{RECRUITER_LINK}:c") + cast(applications.c.recruiter_id, String)
        moving = (
            select(link.c.id)
            .where(
                link.c.owner_id == self.owner,
                link.c.key == link_key,
                link.c.status.in_(("pending", "snoozed", "cancelled")),
                link.c.application_id.is_distinct_from(applications.c.id),
            )
            .exists()
        )
        unsettled = or_(
            applications.c.status.not_in([s.value for s in FINAL_STATUSES]),
            ~select(actions.c.id).where(mine).exists(),
            applications.c.id.in_(  # one pass over the open actions (ix_actions_agenda), not
                select(actions.c.application_id).where(  # a look at each action of each app
                    actions.c.owner_id == self.owner, actions.c.status.in_(("pending", "snoozed"))
                )
            ),
            and_(applications.c.recruiter_id.is_not(None), moving),
        )
        return list(
            conn.execute(
                select(applications.c.id)
                .where(applications.c.owner_id == self.owner, unsettled)
                .order_by(applications.c.id)
            ).scalars()
        )

    def recruiter_links_elsewhere(
        self, conn: Connection, app_id: int | None = None
    ) -> frozenset[int]:
        """Return recruiter ids whose LinkedIn action belongs to another application than
        `app_id` (to any application when it is None)."""
        query = select(actions.c.key).where(
            actions.c.owner_id == self.owner,
            actions.c.kind == "linkedin-recruiter",
            actions.c.status != "cancelled",
        )
        if app_id is not None:
            query = query.where(actions.c.application_id != app_id)
        rows = conn.execute(query).scalars()
        return frozenset(int(k.split(":c", 1)[1]) for k in rows if ":c" in k)

    def recruiter_links(self, conn: Connection, only: int | None = None) -> RecruiterLinks:
        """Return who holds the LinkedIn action of every recruiter (of recruiter `only`)."""
        query = select(actions).where(actions.c.owner_id == self.owner)
        if only is None:
            query = query.where(actions.c.kind == RECRUITER_LINK)
        else:
            query = query.where(actions.c.key == f"{RECRUITER_LINK}:c{only}")
        held: dict[int, tuple[int | None, ActionRecord]] = {}
        for r in conn.execute(query).mappings():
            rid = _link_recruiter(r["key"])
            if rid is not None:
                held[rid] = (r["application_id"], _record(r))
        return RecruiterLinks(held)

    def facts_many(self, conn: Connection, app_ids: Sequence[int]) -> list[ApplicationFacts]:
        """Return what `facts` returns for each of these applications (by id), in a fixed
        number of queries, for re-planning: the recruiter links are left to
        `RecruiterLinks.resolve`, only pending and snoozed actions carry `planned`, and
        debriefs hold only their verdict and time (what the planner reads). The rows are read
        plain (`_plain`): no per-value processing by SQLAlchemy."""
        ids = sorted(set(app_ids))
        if not ids:
            return []
        apps = [
            Application(
                id=r[0], company=r[1], role=r[2], channel=_CHANNEL[r[3]], status=_STATUS[r[4]],
                created_at=_at(r[5]), url=r[6], agency=r[7], recruiter_id=r[8],
                hiring_contact_id=r[9], interest=r[10], notes=r[11] or "",
                competitors=tuple(c for c in (r[12] or "").split("\n") if c),
                applied_on=_day(r[13]),
            )
            for r in _plain(conn, _q_applications, self.owner, ids)
        ]
        iv_rows: dict[int, list[Sequence[Any]]] = {}
        for r in _plain(conn, _q_interviews, self.owner, ids):
            iv_rows.setdefault(r[1], []).append(r)
        iv_ids = [r[0] for rows in iv_rows.values() for r in rows]
        panels: dict[int, list[int]] = {i: [] for i in iv_ids}
        if iv_ids:
            for iid, cid in _plain(conn, _q_panels, self.owner, iv_ids):
                panels[iid].append(cid)
        notes = {  # the planner reads a debrief's verdict and when it was written, no more
            i: Debrief(interview_id=i, recorded_at=_at(at), verdict=FitVerdict(v) if v else None)
            for i, at, v in (_plain(conn, _q_debriefs, self.owner, iv_ids) if iv_ids else ())
        }
        inter: dict[int, list[Interaction]] = {}
        for r in _plain(conn, _q_interactions, self.owner, ids):
            inter.setdefault(r[1], []).append(
                Interaction(r[0], r[1], _at(r[2]), _INTERACTION_KIND[r[3]], r[4], r[5] or "",
                            r[6], r[7], bool(r[8]))
            )
        events: dict[int, list[StatusEvent]] = {}
        for app_id, status, at in _plain(conn, _q_status_events, self.owner, ids):
            events.setdefault(app_id, []).append(StatusEvent(_STATUS[status], _at(at)))
        acts = self._records_for_planning(conn, ids)
        refs: dict[int, list[int]] = {}
        for app_id, cid in _plain(conn, _q_referees, self.owner, ids):
            refs.setdefault(app_id, []).append(cid)
        built = []
        wanted: set[int] = set()
        for app in apps:
            ivs = tuple(
                Interview(
                    id=r[0], application_id=r[1], start=_at(r[2]), end=_at(r[3]),
                    format=_FORMAT[r[4]], round=r[5], interviewer_ids=tuple(panels[r[0]]),
                    decision_date=_day(r[6]), follow_up_contact_id=r[7],
                    follow_up_how=r[8] or "", promises=_json_tuple(r[9]), next_steps=r[10] or "",
                )
                for r in iv_rows.get(app.id, ())
            )
            its = tuple(inter.get(app.id, ()))
            people = {c for iv in ivs for c in iv.interviewer_ids}
            people |= {i.contact_id for i in its if i.contact_id}
            people |= {iv.follow_up_contact_id for iv in ivs if iv.follow_up_contact_id}
            people |= set(refs.get(app.id, ()))
            people |= {c for c in (app.recruiter_id, app.hiring_contact_id) if c}
            wanted |= people
            built.append((app, ivs, its, people))
        known = {
            r[0]: Contact(
                id=r[0], name=r[1], email=r[2], phone=r[3], linkedin=r[4], role=_ROLE[r[5]],
                organisation=r[6], direct_contact=bool(r[7]), notes=r[8] or "",
            )
            for r in (_plain(conn, _q_contacts, self.owner, sorted(wanted)) if wanted else ())
        }
        out = []
        for app, ivs, its, people in built:
            out.append(
                ApplicationFacts(
                    application=app,
                    contacts={c: known[c] for c in sorted(people) if c in known},
                    interviews=ivs,
                    debriefs={iv.id: notes[iv.id] for iv in ivs if iv.id in notes},
                    interactions=its,
                    referee_ids=tuple(refs.get(app.id, ())),
                    status_events=tuple(events.get(app.id, ())),
                    actions=acts.get(app.id, {}),
                )
            )
        return out

    def _records_for_planning(
        self, conn: Connection, ids: Sequence[int]
    ) -> dict[int, dict[str, ActionRecord]]:
        """Return the action records of these applications, by application then key (in id
        order); the planner's columns only for pending and snoozed ones, which need them."""
        found: list[tuple[int, int, ActionRecord]] = []
        times: dict[Any, dt.datetime | None] = {None: None}  # planned times repeat: parse once

        def planned(value: Any) -> dt.datetime | None:
            if value in times:
                return times[value]
            moment = times[value] = _instant(value)
            return moment

        for r in _plain(conn, _q_settled_actions, self.owner, ids):
            record = ActionRecord(
                r[2], r[3], _ACTION_STATUS[r[4]], planned(r[5]), _instant(r[6]), bool(r[7]),
                None, r[8],
            )
            found.append((r[0], r[1], record))
        for r in _plain(conn, _q_open_actions, self.owner, ids):
            recipient = None
            if r[15]:
                recipient = Recipient(r[14], r[15], r[16], r[17], r[18])
            due = planned(r[10])  # NOT NULL
            assert due is not None
            decision = PlannedAction(
                key=r[2], kind=r[3], title=r[9], due=due, rule=r[11],
                sources=tuple(r[12].split()), channel=_MESSAGE_CHANNEL[r[13]],
                application_id=r[1], interview_id=r[19], recipient=recipient,
                deadline=planned(r[20]), reason=r[21] or "", talking_points=_json_tuple(r[22]),
                chases=bool(r[23]),
            )
            record = ActionRecord(
                r[2], r[3], _ACTION_STATUS[r[4]], planned(r[5]), _instant(r[6]), bool(r[7]),
                decision, r[8],
            )
            found.append((r[0], r[1], record))
        found.sort(key=operator.itemgetter(0))
        out: dict[int, dict[str, ActionRecord]] = {}
        for _, app_id, record in found:
            out.setdefault(app_id, {})[record.key] = record
        return out

    def write_plans(
        self, conn: Connection, changes: Sequence[Changes], now: dt.datetime
    ) -> int:
        """Write many reconciliations as `apply` would one after another, in a few batched
        statements; return how many rows they touch.

        Two changes to the same key (a recruiter's link cancelled by one application and
        revived by the next) merge into one, the later winning, as if run in order.
        """
        rows: dict[str, tuple[bool, dict[str, Any]]] = {}

        def put(key: str, new: bool, values: dict[str, Any]) -> None:
            if key in rows:
                was_new, before = rows[key]
                if new:
                    raise RuntimeError(f"action {key} inserted twice in one re-plan")
                rows[key] = (was_new, {**before, **values})
            else:
                rows[key] = (new, values)

        for c in changes:
            for a in c.insert:
                put(
                    a.key,
                    True,
                    {
                        "owner_id": self.owner,
                        "key": a.key,
                        "status": "pending",
                        "due_at": a.due,
                        "created_at": now,
                        "updated_at": now,
                        **planned_values(a),
                    },
                )
            for a in c.update:
                put(a.key, False, {"due_at": a.due, "updated_at": now, **planned_values(a)})
            for a in c.revive:
                put(
                    a.key,
                    False,
                    {
                        "status": "pending",
                        "reason": None,
                        "due_at": a.due,
                        "updated_at": now,
                        **planned_values(a),
                    },
                )
            for a in c.keep_due:
                put(a.key, False, {"updated_at": now, **planned_values(a)})
            for key, reason in c.cancel:
                put(key, False, {"status": "cancelled", "reason": reason, "updated_at": now})
        inserts = [v for new, v in rows.values() if new]
        if inserts:
            conn.execute(insert(actions), inserts)
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for key, (new, values) in rows.items():
            if not new:
                groups.setdefault(tuple(values), []).append({**values, "k_key": key})
        statement = update(actions).where(
            actions.c.owner_id == self.owner, actions.c.key == bindparam("k_key")
        )
        for params in groups.values():
            conn.execute(statement, params)
        return len(rows)

    def all_facts(self, conn: Connection) -> list[ApplicationFacts]:
        """Return the facts of every application in a few queries (for whole-search views such
        as insights; contacts and referees are left out: nothing there needs them)."""
        apps = [
            _application(r)
            for r in conn.execute(
                select(applications)
                .where(applications.c.owner_id == self.owner)
                .order_by(applications.c.id)
            ).mappings()
        ]

        def by_app(table: Table, *order: Any) -> dict[int, list[Row]]:
            grouped: dict[int, list[Row]] = {}
            rows = conn.execute(
                select(table).where(table.c.owner_id == self.owner).order_by(*order)
            ).mappings()
            for r in rows:
                grouped.setdefault(r["application_id"], []).append(r)
            return grouped

        iv_rows = by_app(interviews, interviews.c.start_at, interviews.c.id)
        panels = self._panels(conn, [r["id"] for rows in iv_rows.values() for r in rows])
        inter = by_app(interactions, interactions.c.at, interactions.c.id)
        events = by_app(status_events, status_events.c.at, status_events.c.id)
        acts = by_app(actions, actions.c.id)
        notes = {
            r["interview_id"]: debrief_from_row(r)
            for r in conn.execute(
                select(debriefs).where(debriefs.c.owner_id == self.owner)
            ).mappings()
        }
        out = []
        for app in apps:
            ivs = tuple(_interview(r, panels[r["id"]]) for r in iv_rows.get(app.id, ()))
            out.append(
                ApplicationFacts(
                    application=app,
                    contacts={},
                    interviews=ivs,
                    debriefs={iv.id: notes[iv.id] for iv in ivs if iv.id in notes},
                    interactions=tuple(_interaction(r) for r in inter.get(app.id, ())),
                    status_events=tuple(
                        StatusEvent(Status(r["status"]), r["at"]) for r in events.get(app.id, ())
                    ),
                    actions={r["key"]: _record(r) for r in acts.get(app.id, ())},
                )
            )
        return out

    def facts(self, conn: Connection, app_id: int) -> ApplicationFacts:
        """Return everything the planner needs about application `app_id`."""
        app = self.application(conn, app_id)
        ivs = self.interviews(conn, app_id)
        inter = self.interactions(conn, app_id)
        refs = self.referee_ids(conn, app_id)
        ids = {c for iv in ivs for c in iv.interviewer_ids}
        ids |= {i.contact_id for i in inter if i.contact_id}
        ids |= {iv.follow_up_contact_id for iv in ivs if iv.follow_up_contact_id}
        ids |= set(refs)
        ids |= {c for c in (app.recruiter_id, app.hiring_contact_id) if c}
        events = conn.execute(
            select(status_events.c.status, status_events.c.at)
            .where(status_events.c.application_id == app_id, status_events.c.owner_id == self.owner)
            .order_by(status_events.c.at, status_events.c.id)
        )
        facts = ApplicationFacts(
            application=app,
            contacts=self.contacts_by_id(conn, sorted(ids)),
            interviews=tuple(ivs),
            debriefs=self.debriefs(conn, [iv.id for iv in ivs]),
            interactions=tuple(inter),
            referee_ids=tuple(refs),
            status_events=tuple(StatusEvent(Status(s), at) for s, at in events),
            actions=self.action_records(conn, app_id),
        )
        if app.recruiter_id is None:
            return facts
        return self.recruiter_links(conn, app.recruiter_id).resolve(facts)

    def apply(self, conn: Connection, changes: Changes, now: dt.datetime) -> None:
        """Write a reconciliation: inserts, updates, revivals and cancellations."""
        for a in changes.insert:
            conn.execute(
                insert(actions).values(
                    owner_id=self.owner,
                    key=a.key,
                    status="pending",
                    due_at=a.due,
                    created_at=now,
                    updated_at=now,
                    **planned_values(a),
                )
            )
        for a in changes.update:
            self._update_by_key(conn, a.key, due_at=a.due, updated_at=now, **planned_values(a))
        for a in changes.revive:
            self._update_by_key(
                conn,
                a.key,
                status="pending",
                reason=None,
                due_at=a.due,
                updated_at=now,
                **planned_values(a),
            )
        for a in changes.keep_due:
            self._update_by_key(conn, a.key, updated_at=now, **planned_values(a))
        for key, reason in changes.cancel:
            self._update_by_key(conn, key, status="cancelled", reason=reason, updated_at=now)

    def _update_by_key(self, conn: Connection, key: str, **values: Any) -> None:
        conn.execute(
            update(actions)
            .where(actions.c.owner_id == self.owner, actions.c.key == key)
            .values(**values)
        )

    def insert_action(self, conn: Connection, a: PlannedAction, now: dt.datetime) -> int:
        """Insert one planned action (user-wide nudges); return its id."""
        result = conn.execute(
            insert(actions).values(
                owner_id=self.owner,
                key=a.key,
                status="pending",
                due_at=a.due,
                created_at=now,
                updated_at=now,
                **planned_values(a),
            )
        )
        return int(result.inserted_primary_key[0])

    def action(self, conn: Connection, action_id: int) -> Row:
        """Return the row of action `action_id` (with its company) or raise NotFoundError."""
        row = conn.execute(self._action_query().where(actions.c.id == action_id)).mappings().first()
        if row is None:
            raise NotFoundError("action", action_id, "see `followthrough today` for ids")
        return row

    def _action_query(self) -> Any:
        return (
            select(actions, applications.c.company, applications.c.role.label("job_role"))
            .select_from(
                actions.outerjoin(applications, applications.c.id == actions.c.application_id)
            )
            .where(actions.c.owner_id == self.owner)
        )

    def actions_of(self, conn: Connection, app_id: int) -> list[Row]:
        """Return every action of an application (cancelled too), by due time."""
        return list(
            conn.execute(
                self._action_query()
                .where(actions.c.application_id == app_id)
                .order_by(actions.c.due_at, actions.c.id)
            ).mappings()
        )

    def agenda(self, conn: Connection, until: dt.datetime) -> list[Row]:
        """Return pending and snoozed actions due before `until`, by due time."""
        return list(
            conn.execute(
                self._action_query()
                .where(actions.c.status.in_(("pending", "snoozed")), actions.c.due_at < until)
                .order_by(actions.c.due_at, actions.c.id)
            ).mappings()
        )

    def last_nudge(self, conn: Connection) -> dt.datetime | None:
        """Return the due time of the latest keep-searching nudge."""
        value = conn.execute(
            select(func.max(actions.c.planned_due_at)).where(
                actions.c.owner_id == self.owner, actions.c.kind == "keep-searching"
            )
        ).scalar()
        if value is None:
            return None
        return actions.c.planned_due_at.type.process_result_value(value, conn.dialect)

    def finish_by_key(self, conn: Connection, key: str, now: dt.datetime) -> None:
        """Mark the pending or snoozed action with `key` done (e.g. the debrief once written)."""
        conn.execute(
            update(actions)
            .where(
                actions.c.owner_id == self.owner,
                actions.c.key == key,
                actions.c.status.in_(("pending", "snoozed")),
            )
            .values(status="done", done_at=now, updated_at=now)
        )

    def set_action(self, conn: Connection, action_id: int, **values: Any) -> None:
        """Change some fields of an action."""
        self._update(conn, actions, action_id, values)
