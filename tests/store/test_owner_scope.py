"""Every query of the store is scoped by its owner (store/scope.py), and none can forget it.

Two owners in one database, each with the demo's data (the same names, e-mails and action
kinds). Every read of the Repo for owner A answers exactly what it answers in a database where
B does not exist, B's ids included (not found there, not found here); every write for A, aimed
at B's rows too, leaves B's rows byte-identical. A Repo method missing from these tables fails
the test, so a new query comes with its isolation case. And the aggregate modules build no
statement of their own: they import none of SQLAlchemy's statement constructors.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection
from tests.files import copy_database

from followthrough.domain.model import PlannedAction
from followthrough.domain.reconcile import Changes
from followthrough.services import Service, demo
from followthrough.store import db, schema
from followthrough.store.repo import Repo
from followthrough.store.rows import planned_from_row

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
STORE = Path(__file__).resolve().parents[2] / "src" / "followthrough" / "store"
OWNED = [t.name for t in schema.metadata.sorted_tables if "owner_id" in t.c]
#: Repo methods that open connections and transactions: no query of their own.
TRANSACTIONS = {"write", "read", "writer", "connection", "reading_on", "writing_on",
                "bulk_load"}  # bulk_load: the journal's bookkeeping of a write (ids are global)


def _database(path: Path, owners: tuple[str, ...]) -> tuple[Any, dict[str, int]]:
    """Return an engine on a new database with the demo's data for each of `owners`."""
    engine = db.open_database(db.sqlite_url(path), NOW)
    found = {}
    for name in owners:
        owner = db.ensure_user(engine, name, NOW)
        demo.fill(Service(Repo(engine, owner), NOW))
        found[name] = owner
    if "b" in found:  # a row only B has: an unscoped read of A would show it
        nudge = PlannedAction("keep-searching:x", "keep-searching", "Apply", NOW, "pipeline", ())
        repo = Repo(engine, found["b"])
        with repo.write() as conn:
            repo.insert_action(conn, nudge, NOW)
            repo.add_words(conn, ["b-only-word"])
    for name in owners:  # words and a second address of each owner's own (the same address)
        repo = Repo(engine, found[name])
        with repo.write() as conn:
            repo.add_words(conn, ["Kubeflow"])
            repo.add_contact_email(conn, min(_contact_ids(conn, found[name])), "second@x.example")
            _mail_rows(repo, conn)
    return engine, found


def _mail_rows(repo: Repo, conn: Connection) -> None:
    """Give an owner a message read, a proposal, an outbox message, a folder mark and a bounce
    (the same values for every owner)."""
    mid = repo.add_mail_message(conn, NOW, message_id="m1@x.example", folder="INBOX",
                                direction="in", outcome="logged", sender="a@x.example",
                                subject="Re: hello", sent_at=NOW)  # fmt: skip
    repo.add_proposal(conn, NOW, mail_message_id=mid, proposal="offer", confidence=0.9)
    oid = repo.queue_mail(conn, NOW, key="k1", message_id="o1@x.example",
                          recipient="a@x.example", subject="Thanks", raw="raw")  # fmt: skip
    repo.set_outbox(conn, oid, state="sent", sent_at=NOW)
    repo.set_folder_mark(conn, "INBOX", 7, 42, NOW)
    repo.add_bounce(conn, "gone@x.example", "b1@x.example", NOW)


def _contact_ids(conn: Connection, owner: int) -> list[int]:
    sql = "SELECT id FROM contacts WHERE owner_id = ?"
    return [r[0] for r in conn.exec_driver_sql(sql, (owner,))]


@dataclasses.dataclass
class Ids:
    """The ids of one owner's rows, to aim reads and writes at."""

    apps: list[int]
    contacts: list[int]
    interviews: list[int]
    actions: list[int]
    keys: list[str]
    emails: list[str]
    names: list[str]
    debriefed: list[int]


def _ids(path: Path, owner: int) -> Ids:
    conn = sqlite3.connect(path)
    try:

        def column(table: str, name: str) -> list[Any]:
            sql = f"SELECT {name} FROM {table} WHERE owner_id = ? ORDER BY 1"  # noqa: S608
            return [r[0] for r in conn.execute(sql, (owner,))]

        return Ids(
            column("applications", "id"),
            column("contacts", "id"),
            column("interviews", "id"),
            column("actions", "id"),
            column("actions", "key"),
            [e for e in column("contacts", "email") if e] + column("contact_emails", "email"),
            column("contacts", "name"),
            column("debriefs", "interview_id"),
        )
    finally:
        conn.close()


def _rows_of(path: Path, owner: int) -> dict[str, list[tuple[Any, ...]]]:
    """Return every row of `owner` in every owned table, as the driver reads them."""
    conn = sqlite3.connect(path)
    try:
        return {
            t: sorted(
                conn.execute(f"SELECT * FROM {t} WHERE owner_id = ?", (owner,)).fetchall(),  # noqa: S608
                key=repr,
            )
            for t in OWNED
        }
    finally:
        conn.close()


def _plain(value: Any) -> Any:
    """Return `value` with SQLAlchemy rows turned into dicts (comparable across databases)."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "held"):  # RecruiterLinks
        return _plain(value.held)
    return value


def _outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return "ok", _plain(call())
    except Exception as exc:  # NotFoundError and its message are part of the answer
        return "error", (type(exc).__name__, str(exc))


Read = Callable[[Repo, Connection, Ids], Iterator[Callable[[], Any]]]


def _each(ids: list[Any], call: Callable[[Any], Any]) -> Iterator[Callable[[], Any]]:
    for i in ids:
        yield lambda i=i: call(i)


READS: dict[str, Read] = {
    "settings": lambda r, c, x: iter([lambda: r.settings(c)]),
    "contact": lambda r, c, x: _each(x.contacts, lambda i: r.contact(c, i)),
    "contact_by_email": lambda r, c, x: _each(x.emails, lambda e: r.contact_by_email(c, e)),
    "contact_by_name": lambda r, c, x: _each(x.names, lambda n: r.contact_by_name(c, n)),
    "contacts": lambda r, c, x: iter(
        [
            lambda: r.contacts(c),
            lambda: r.contacts(c, "recruiter"),
            lambda: r.contacts(c, "other", limit=2),
        ]
    ),
    "count_contacts": lambda r, c, x: iter(
        [lambda: r.count_contacts(c), lambda: r.count_contacts(c, "recruiter")]
    ),
    "contacts_by_id": lambda r, c, x: iter([lambda: r.contacts_by_id(c, x.contacts)]),
    "contact_keys": lambda r, c, x: iter([lambda: r.contact_keys(c)]),
    "application": lambda r, c, x: _each(x.apps, lambda i: r.application(c, i)),
    "applications": lambda r, c, x: iter(
        [
            lambda: r.applications(c),
            lambda: r.applications(c, "interviewing"),
            lambda: r.applications(c, statuses=("applied", "rejected"), limit=2),
            lambda: r.applications(c, statuses=("applied", "offer"), limit=2, offset=1),
        ]
    ),
    "status_counts": lambda r, c, x: iter([lambda: r.status_counts(c)]),
    "application_ids": lambda r, c, x: iter([lambda: r.application_ids(c)]),
    "referee_ids": lambda r, c, x: _each(x.apps, lambda i: r.referee_ids(c, i)),
    "pipeline": lambda r, c, x: iter([lambda: r.pipeline(c)]),
    "interview": lambda r, c, x: _each(x.interviews, lambda i: r.interview(c, i)),
    "interview_tz": lambda r, c, x: _each(x.interviews, lambda i: r.interview_tz(c, i)),
    "interviews": lambda r, c, x: _each(x.apps, lambda i: r.interviews(c, i)),
    "upcoming_interviews": lambda r, c, x: iter(
        [
            lambda: r.upcoming_interviews(c, NOW - dt.timedelta(days=60)),
            lambda: r.upcoming_interviews(c, NOW - dt.timedelta(days=60), NOW, 2),
        ]
    ),
    "debriefs": lambda r, c, x: iter([lambda: r.debriefs(c, x.interviews)]),
    "interactions": lambda r, c, x: _each(x.apps, lambda i: r.interactions(c, i)),
    "last_exchanges": lambda r, c, x: iter(
        [lambda: r.last_exchanges(c), lambda: r.last_exchanges(c, x.apps)]
    ),
    "action_records": lambda r, c, x: _each([*x.apps, None], lambda i: r.action_records(c, i)),
    "action": lambda r, c, x: _each(x.actions, lambda i: r.action(c, i)),
    "actions_of": lambda r, c, x: _each(x.apps, lambda i: r.actions_of(c, i)),
    "agenda": lambda r, c, x: iter([lambda: r.agenda(c, NOW + dt.timedelta(days=400))]),
    "next_actions": lambda r, c, x: iter(
        [lambda: r.next_actions(c), lambda: r.next_actions(c, x.apps)]
    ),
    "last_nudge": lambda r, c, x: iter([lambda: r.last_nudge(c)]),
    "open_nudge": lambda r, c, x: iter([lambda: r.open_nudge(c)]),
    "doctor": lambda r, c, x: iter([lambda: r.doctor(c, NOW + dt.timedelta(days=400))]),
    "recruiter_links_elsewhere": lambda r, c, x: _each(
        [None, *x.apps], lambda i: r.recruiter_links_elsewhere(c, i)
    ),
    "recruiter_links": lambda r, c, x: _each(
        [None, *x.contacts], lambda i: r.recruiter_links(c, i)
    ),
    "facts": lambda r, c, x: _each(x.apps, lambda i: r.facts(c, i)),
    "facts_many": lambda r, c, x: iter([lambda: r.facts_many(c, x.apps)]),
    "all_facts": lambda r, c, x: iter([lambda: r.all_facts(c)]),
    "unsettled_application_ids": lambda r, c, x: iter([lambda: r.unsettled_application_ids(c)]),
    "history": lambda r, c, x: iter(
        [lambda: r.history(c), lambda: r.history(c, limit=3)]
        + [lambda i=i: r.history(c, i) for i in x.apps]
    ),
    "history_event": lambda r, c, x: _each(list(range(1, 120)), lambda i: r.history_event(c, i)),
    "last_undoable": lambda r, c, x: iter([lambda: r.last_undoable(c)]),
    "contact_uses": lambda r, c, x: _each(x.contacts, lambda i: r.contact_uses(c, i)),
    "interaction": lambda r, c, x: _each(list(range(1, 40)), lambda i: r.interaction(c, i)),
    "words": lambda r, c, x: iter([lambda: r.words(c)]),
    "mail_links": lambda r, c, x: iter([lambda: r.mail_links(c)]),
    "mail_addresses": lambda r, c, x: iter([lambda: r.mail_addresses(c)]),
    "mail_applications": lambda r, c, x: iter([lambda: r.mail_applications(c)]),
    "known_messages": lambda r, c, x: iter([lambda: r.known_messages(c)]),
    "mail_messages": lambda r, c, x: iter(
        [lambda: r.mail_messages(c), lambda: r.mail_messages(c, list(range(1, 10)))]
    ),
    "proposals": lambda r, c, x: iter([lambda: r.proposals(c), lambda: r.proposals(c, "pending")]),
    "folder_mark": lambda r, c, x: iter([lambda: r.folder_mark(c, "INBOX")]),
    "bounces": lambda r, c, x: iter([lambda: r.bounces(c)]),
    "outbox": lambda r, c, x: iter(
        [lambda: r.outbox(c), lambda: r.outbox(c, ids=list(range(1, 10))),
         lambda: r.outbox(c, key="k1"), lambda: r.outbox(c, states=["sent"])]
    ),
}

Write = Callable[[Repo, Connection, Ids, Ids], None]
LATER = NOW + dt.timedelta(days=1)


def _planned(r: Repo, c: Connection, action_id: int, key: str) -> Any:
    """Return the planner's decision stored in action `action_id`, under another key."""
    row = c.exec_driver_sql("SELECT * FROM actions WHERE id = ?", (action_id,)).mappings().one()
    typed = {**row, "planned_due_at": NOW, "deadline_at": None}
    return dataclasses.replace(planned_from_row(typed), key=key)


def _proposal(r: Repo, c: Connection) -> None:
    mid = r.add_mail_message(c, NOW, message_id="m2@x.example", folder="INBOX", direction="in",
                             outcome="logged", sender="", subject="")  # fmt: skip
    r.add_proposal(c, NOW, mail_message_id=mid, proposal="rejected", confidence=0.9)


WRITES: dict[str, Write] = {
    "add_mail_message": lambda r, c, a, b: r.add_mail_message(
        c, NOW, message_id="m9@x.example", folder="INBOX", direction="in", outcome="ignored",
        sender="", subject=""),
    "add_mail_messages": lambda r, c, a, b: r.add_mail_messages(c, NOW, [
        {"message_id": "m8@x.example", "folder": "INBOX", "direction": "in",
         "outcome": "ignored", "sender": "", "subject": ""}]),
    "add_proposal": lambda r, c, a, b: _proposal(r, c),
    "decide_proposal": lambda r, c, a, b: [
        r.decide_proposal(c, i, "dismissed", NOW) for i in range(1, 10)],
    "claim_proposal": lambda r, c, a, b: [r.claim_proposal(c, i, "dismissed", NOW)
                                          for i in range(1, 10)],
    "set_folder_mark": lambda r, c, a, b: r.set_folder_mark(c, "INBOX", 1, 99, NOW),
    "add_bounce": lambda r, c, a, b: r.add_bounce(c, "gone@x.example", "b9@x.example", NOW),
    "queue_mail": lambda r, c, a, b: r.queue_mail(c, NOW, key="k2", message_id="o2@x.example",
                                                  recipient="a@x.example", subject="", raw=""),
    "set_outbox": lambda r, c, a, b: [r.set_outbox(c, i, state="failed") for i in range(1, 10)],
    "claim_outbox": lambda r, c, a, b: [r.claim_outbox(c, i, "sent", state="failed")
                                        for i in range(1, 10)],
    "insert_many": lambda r, c, a, b: r.insert_many(
        c, schema.status_events, [{"application_id": b.apps[0], "status": "offer", "at": NOW}]
    ),
    "save_settings": lambda r, c, a, b: r.save_settings(c, {"tz": "UTC", "country": ""}),
    "forget_setting": lambda r, c, a, b: r.forget_setting(c, "tz"),
    "add_contact": lambda r, c, a, b: r.add_contact(c, NOW, name=b.names[0], email=b.emails[0]),
    "update_contact": lambda r, c, a, b: r.update_contact(c, b.contacts[0], name="changed"),
    "add_application": lambda r, c, a, b: r.add_application(c, NOW, company="X", role="Y"),
    "add_status_event": lambda r, c, a, b: r.add_status_event(c, b.apps[0], "offer", NOW),
    "update_application": lambda r, c, a, b: r.update_application(c, b.apps[0], company="Z"),
    "add_referee": lambda r, c, a, b: r.add_referee(c, a.apps[0], a.contacts[0]),
    "add_interview": lambda r, c, a, b: r.add_interview(
        c, NOW, [a.contacts[0]], application_id=a.apps[0], start_at=NOW, end_at=LATER, tz="UTC"
    ),
    "set_panel": lambda r, c, a, b: r.set_panel(c, b.interviews[0], [a.contacts[0]]),
    "update_interview": lambda r, c, a, b: r.update_interview(c, b.interviews[0], round=9),
    "save_debrief": lambda r, c, a, b: r.save_debrief(c, b.debriefed[0], {}, None, NOW),
    "add_interaction": lambda r, c, a, b: r.add_interaction(
        c, NOW, application_id=a.apps[0], kind="email-out", at=NOW
    ),
    "delete_logged_by": lambda r, c, a, b: [r.delete_logged_by(c, i) for i in b.actions],
    "add_override": lambda r, c, a, b: r.add_override(
        c, NOW, guard="g", message="m", reason="r", application_id=a.apps[0]
    ),
    "insert_action": lambda r, c, a, b: r.insert_action(
        c, _planned(r, c, a.actions[0], "isolation:1"), NOW
    ),
    "finish_by_key": lambda r, c, a, b: [r.finish_by_key(c, k, NOW) for k in b.keys],
    "set_action": lambda r, c, a, b: [r.set_action(c, i, status="done") for i in b.actions],
    "apply": lambda r, c, a, b: r.apply(
        c,
        Changes(
            update=[_planned(r, c, a.actions[0], b.keys[0])],
            cancel=[(k, "gone") for k in b.keys],
        ),
        NOW,
    ),
    "write_plans": lambda r, c, a, b: r.write_plans(
        c,
        [
            Changes(
                revive=[_planned(r, c, a.actions[0], b.keys[0])],
                cancel=[(k, "gone") for k in b.keys[1:]],
            )
        ],
        NOW,
    ),
    "delete_application": lambda r, c, a, b: [r.delete_application(c, i) for i in b.apps],
    "delete_interview": lambda r, c, a, b: [r.delete_interview(c, i) for i in b.interviews],
    "delete_contact": lambda r, c, a, b: [r.delete_contact(c, i) for i in b.contacts],
    "merge_contacts": lambda r, c, a, b: r.merge_contacts(c, a.contacts[0], b.contacts[0]),
    "merge_applications": lambda r, c, a, b: r.merge_applications(c, a.apps[0], b.apps[0], {}),
    "update_interaction": lambda r, c, a, b: [
        r.update_interaction(c, i, summary="x") for i in range(1, 40)],
    "delete_interaction": lambda r, c, a, b: [r.delete_interaction(c, i) for i in range(1, 40)],
    "add_contact_email": lambda r, c, a, b: r.add_contact_email(c, b.contacts[0], "n@x.example"),
    "move_contact_emails": lambda r, c, a, b: r.move_contact_emails(c, b.contacts[0],
                                                                    a.contacts[0]),
    "remove_contact_email": lambda r, c, a, b: [r.remove_contact_email(c, e) for e in b.emails],
    "add_words": lambda r, c, a, b: r.add_words(c, ["b-only-word"]),
    "remove_words": lambda r, c, a, b: r.remove_words(c, ["b-only-word", "Kubeflow"]),
}


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One database with owner A alone, one with A and then B (the same demo data each)."""
    root = tmp_path_factory.mktemp("owners")
    alone, _ = _database(root / "alone.db", ("a",))
    both, owners = _database(root / "both.db", ("a", "b"))
    return {"alone": alone, "both": both, "root": root, **owners}


def test_every_repo_method_has_an_isolation_case() -> None:
    public = {n for n in dir(Repo) if not n.startswith("_") and callable(getattr(Repo, n))}
    assert public == TRANSACTIONS | set(READS) | set(WRITES)


@pytest.mark.parametrize("name", sorted(READS))
def test_reads_see_none_of_another_owners_rows(name: str, databases: dict[str, Any]) -> None:
    root, a, b = databases["root"], databases["a"], databases["b"]
    mine, theirs = _ids(root / "both.db", a), _ids(root / "both.db", b)
    assert mine == _ids(root / "alone.db", a)  # A's rows have the same ids in both databases
    assert set(theirs.apps).isdisjoint(mine.apps)
    assert theirs.emails == mine.emails
    aimed = Ids(*(getattr(mine, f.name) + getattr(theirs, f.name) for f in dataclasses.fields(Ids)))
    answers = {}
    for where in ("alone", "both"):
        repo = Repo(databases[where], a)
        with repo.read() as conn:
            answers[where] = [_outcome(call) for call in READS[name](repo, conn, aimed)]
    assert answers["both"] == answers["alone"]
    if name not in ("last_nudge", "open_nudge"):  # A has none: B's would show
        assert any(kind == "ok" and value for kind, value in answers["both"])  # it read something


@pytest.mark.parametrize("name", sorted(WRITES))
def test_writes_leave_another_owners_rows_alone(
    name: str, databases: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "w.db"
    copy_database(databases["root"] / "both.db", path)
    engine = db.make_engine(db.sqlite_url(path))
    a, b = _ids(path, databases["a"]), _ids(path, databases["b"])
    before = _rows_of(path, databases["b"])
    repo = Repo(engine, databases["a"])
    try:
        with repo.write() as conn:
            WRITES[name](repo, conn, a, b)
    except Exception as exc:  # a constraint may refuse the write: B's rows must still be intact
        print(f"{name}: {type(exc).__name__}: {exc}")
    finally:
        engine.dispose()
    assert _rows_of(path, databases["b"]) == before


MODULES_WITHOUT_STATEMENTS = sorted(
    p.name
    for p in STORE.glob("*.py")
    if p.name
    not in {
        "__init__.py",
        "scope.py",
        "schema.py",
        "db.py",
        "fast.py",
        "plain.py",
        "bulk.py",
        "agenda_sql.py",
        "backup.py",  # a restore checks ids across owners (ids are global) and sets sequences
        "journal.py",  # undo writes rows back by their keys (owner_id is in every image)
    }  # fmt: skip
)
#: SQLAlchemy's statement constructors: only scope.py (and the named infrastructure) use them.
CONSTRUCTORS = {"select", "insert", "update", "delete", "text", "union", "union_all",
                "exists", "table", "literal_column"}  # fmt: skip


@pytest.mark.parametrize("module", MODULES_WITHOUT_STATEMENTS)
def test_aggregate_modules_build_statements_only_through_the_owner(module: str) -> None:
    tree = ast.parse((STORE / module).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            used = {a.name for a in node.names} & CONSTRUCTORS
            assert not used, f"{module} imports {used} from {node.module}: use scope.Owner"
        if isinstance(node, ast.Import):
            assert all(not a.name.startswith("sqlalchemy") for a in node.names), module
        if isinstance(node, ast.Attribute) and node.attr in ("exec_driver_sql", "text"):
            raise AssertionError(f"{module} runs SQL text: use scope.Owner.textual")
