"""JSON backup round trips and the live SQLite copy (QUALITY.md 4)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete, func, select

from followthrough.domain.errors import ConflictError, NotFoundError, ValidationError
from followthrough.domain.parse import LINE_BREAKS
from followthrough.domain.validate import clean_debrief
from followthrough.io import backup
from followthrough.io.backup import FORMAT, VERSION
from followthrough.services import Service, demo
from followthrough.services.drafts import Drafts
from followthrough.store import db, schema
from followthrough.store.backup import LAYOUT, TABLES, backup_sqlite, read_rows, write_rows
from followthrough.store.repo import Repo

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(days=3, microseconds=123)
TRICKY = [
    "Zoë Ångström-Łukasiewicz",
    "日本語のメモ 🙂 and RTL \u202eoops",
    "line one\nline two\r\nline three\r",
    "quotes \" and ' and \\ and </script>",
    "=1+1",
    "\x00nul\x01 and \t tab",
    " leading and trailing ",
    "x" * 100_000,
]


def dump(engine: Engine, owner: int, now: dt.datetime) -> dict[str, Any]:
    """Return the backup of `owner`, made as the services make it (the store reads, io encodes)."""
    return backup.encode(read_rows(engine, owner), LAYOUT, now)


def restore(
    engine: Engine, owner: int, data: Any, defaults: Mapping[str, str] | None = None
) -> dict[str, int]:
    """Restore `data` for `owner` as the services do (io decodes and checks, the store writes)."""
    return write_rows(engine, owner, backup.decode(data, LAYOUT, defaults))


def service(path: Path, username: str = db.LOCAL_USER) -> Service:
    engine = db.open_database(db.sqlite_url(path), NOW)
    return Service(Repo(engine, db.ensure_user(engine, username, NOW)), NOW)


def count(engine: Engine, owner: int) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: conn.execute(
                select(func.count()).select_from(t).where(t.c.owner_id == owner)
            ).scalar_one()
            for t in TABLES
        }


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Service]:
    """The demo search plus unicode, long notes, an edited draft and a guard override."""
    svc = service(tmp_path / "source.db")
    demo.fill(svc)
    svc.update_settings({"name": TRICKY[0], "check_in_interval_days": "9"})
    svc.add_contact(
        TRICKY[0], email="zoe@example.org", phone="+32 470 00 00 00", notes="\n".join(TRICKY)
    )
    app = svc.add_application(
        TRICKY[1],
        TRICKY[3],
        recruiter="Ωmega Recruiter <omega@example.org>",
        agency=TRICKY[4],
        interest=2,
        notes=TRICKY[7],
        competitors=["Globex", TRICKY[0]],
        referees=["Ref Eree <ref@example.org>"],
    )
    svc.set_status(app.id, "interviewing")
    # A message to an interviewer in a recruiter-led process, sent anyway: a guard override.
    result = svc.log(
        1,
        "email-out",
        with_="ann.lee@acme.example",
        at=NOW - dt.timedelta(hours=1),
        summary=TRICKY[2],
        override="she asked me to write to her directly",
    )
    assert result["warnings"]
    action = next(a for a in svc.plan(3) if a["kind"] == "thank-you")
    Drafts(svc).save(action["id"], "Thanks — 🙂", TRICKY[2] + "\n\nBest,\nZoë")
    from followthrough.services import contacts, words

    contacts.edit_contact(svc, 1, {"add_email": "jane.roe@home.example"})
    words.add_words(svc, ["Kubeflow", TRICKY[0].split()[0]])
    _mail(svc)
    yield svc
    svc.repo.engine.dispose()


def _mail(svc: Service) -> None:
    """A reply that proposes a rejection, a bounce, a message sent, a folder's sync mark."""
    from followthrough.services.mail_read import Whole, read_messages
    from followthrough.services.outbox import record_sent

    record_sent(svc, 1, "thank-you", "ann.lee@acme.example", "sent-1@x.example",
                NOW - dt.timedelta(hours=2), "Thank you " + TRICKY[0])  # fmt: skip
    reply = (b"From: Ann Lee <ann.lee@acme.example>\r\nTo: me@example.org\r\n"
             b"Subject: Re: Thank you\r\nMessage-ID: <reply-1@x.example>\r\n"
             b"In-Reply-To: <sent-1@x.example>\r\nDate: Wed, 25 Nov 2026 07:00:00 +0000\r\n\r\n"
             b"We have decided to move forward with other candidates.\r\n")  # fmt: skip
    bounce = (b"From: MAILER-DAEMON@acme.example\r\nTo: me@example.org\r\n"
              b"Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <b-1@x.example>\r\n"
              b"X-Failed-Recipients: raj.patel@acme.example\r\n"
              b"Date: Wed, 25 Nov 2026 07:30:00 +0000\r\n\r\nno such user\r\n")  # fmt: skip
    read_messages(svc, [Whole("INBOX", False, reply), Whole("INBOX", False, bounce)], "import")
    with svc.write() as uow:
        uow.repo.set_folder_mark(uow.conn, "INBOX", 7, 42, uow.now)


def without_stamp(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "exported_at"}


# ---------------------------------------------------------------- dump


def test_dump_is_versioned_json_of_every_table_but_users(filled: Service) -> None:
    data = dump(filled.repo.engine, filled.repo.owner, NOW)
    assert data["format"] == FORMAT
    assert data["version"] == VERSION == 1
    assert data["schema"] == db.HEAD
    assert data["exported_at"] == "2026-11-25T08:00:00+00:00"
    derived = {"debrief_items", "insight_tallies"}  # the database fills them as rows come in
    history = {"events", "event_rows", "journal_cursor"}  # stays with its database
    expected = {t.name for t in schema.metadata.sorted_tables} - {"users", *derived, *history}
    assert set(data["tables"]) == expected
    assert all(data["tables"].values()), "the fixture should fill every table"
    json.dumps(data, allow_nan=False)  # JSON-safe as it is, no `default=`
    for name, rows in data["tables"].items():
        table = schema.metadata.tables[name]
        assert all("owner_id" not in r for r in rows)
        keys = [
            tuple(r[c.name] for c in table.primary_key.columns if c.name != "owner_id")
            for r in rows
        ]
        assert keys == sorted(keys), f"{name} is not in primary-key order"
    action = data["tables"]["actions"][0]
    assert action["due_at"].endswith("+00:00")
    assert isinstance(action["talking_points"], list)
    assert isinstance(action["chases"], bool)
    assert isinstance(data["tables"]["debriefs"][0]["data"], dict)
    assert isinstance(data["tables"]["interviews"][0]["promises"], list)
    assert any(a["edited"] and a["draft_body"] for a in data["tables"]["actions"])


def test_dump_holds_only_the_owners_rows(filled: Service) -> None:
    engine = filled.repo.engine
    other = Service(Repo(engine, db.ensure_user(engine, "other", NOW)), NOW)
    other.add_application("Other Corp", "Other role", recruiter="Olga <olga@example.org>")
    mine = dump(engine, filled.repo.owner, NOW)
    assert all(a["company"] != "Other Corp" for a in mine["tables"]["applications"])
    theirs = dump(engine, other.repo.owner, NOW)["tables"]
    assert [a["company"] for a in theirs["applications"]] == ["Other Corp"]
    assert [c["name"] for c in theirs["contacts"]] == ["Olga"]


# ---------------------------------------------------------------- round trip


def test_round_trip_through_an_empty_database_gives_the_same_json(
    filled: Service, tmp_path: Path
) -> None:
    before = dump(filled.repo.engine, filled.repo.owner, NOW)
    text = json.dumps(before, ensure_ascii=False)
    # Restore for a user whose id differs from the source's (server mode): ids stay, owner changes.
    target = tmp_path / "new.db"
    engine = db.open_database(db.sqlite_url(target), NOW)
    db.ensure_user(engine, "someone-else", NOW)
    owner = db.ensure_user(engine, "restorer", NOW)
    assert owner != filled.repo.owner
    counts = restore(engine, owner, json.loads(text))
    assert counts == {name: len(rows) for name, rows in before["tables"].items()}
    after = dump(engine, owner, LATER)
    assert after["exported_at"] == LATER.isoformat()
    assert without_stamp(after) == without_stamp(before)
    assert json.dumps(without_stamp(after)) == json.dumps(without_stamp(before))
    # The restored data works through the services exactly as the original did.
    restored = Service(Repo(engine, owner), NOW)
    assert restored.list_applications() == filled.list_applications()
    assert restored.today() == filled.today()
    assert restored.show_application(1) == filled.show_application(1)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    # New rows get fresh ids after the restored ones.
    new = restored.add_application("After restore", "Role")
    assert new.id == max(a["id"] for a in before["tables"]["applications"]) + 1
    engine.dispose()


@pytest.mark.parametrize("revision", db.REVISIONS)
def test_a_backup_of_an_older_schema_restores_as_it_is(
    revision: str, filled: Service, tmp_path: Path
) -> None:
    """Since 0001 the migrations added only what the database derives (the send's reply and
    logged twin, the debrief items): a backup made before them restores, and derives them."""
    before = dump(filled.repo.engine, filled.repo.owner, NOW)
    old = json.loads(json.dumps(before))
    old["schema"] = revision
    if revision == "0001":  # before migration 0002: no derived columns
        for table, column in backup.DERIVED:
            for row in old["tables"][table]:
                del row[column]
    target = tmp_path / "new.db"
    engine = db.open_database(db.sqlite_url(target), NOW)
    owner = db.ensure_user(engine, db.LOCAL_USER, NOW)
    restore(engine, owner, old)
    after = dump(engine, owner, NOW)
    assert after == before  # the derived columns derived again, to the same values
    restored = Service(Repo(engine, owner), NOW)
    assert restored.today() == filled.today()
    engine.dispose()


def test_restore_refuses_a_database_with_data(filled: Service) -> None:
    data = dump(filled.repo.engine, filled.repo.owner, NOW)
    with pytest.raises(ConflictError) as err:
        restore(filled.repo.engine, filled.repo.owner, data)
    message = str(err.value)
    assert "\n" not in message
    assert "--db new.db" in message


def test_restore_refuses_ids_taken_by_another_user(filled: Service) -> None:
    engine = filled.repo.engine
    data = dump(engine, filled.repo.owner, NOW)
    other = db.ensure_user(engine, "other", NOW)
    before = count(engine, other)
    with pytest.raises(ConflictError, match="ids .* are taken; restore into an empty database"):
        restore(engine, other, data)
    assert count(engine, other) == before


def test_restore_replaces_the_settings_of_an_otherwise_empty_database(
    filled: Service, tmp_path: Path
) -> None:
    data = dump(filled.repo.engine, filled.repo.owner, NOW)
    fresh = service(tmp_path / "fresh.db")
    fresh.update_settings({"tz": "America/New_York", "work_start": "08:00"})
    restore(fresh.repo.engine, fresh.repo.owner, data)
    with fresh.repo.read() as conn:
        stored = fresh.repo.settings(conn)
    assert stored == {s["key"]: s["value"] for s in data["tables"]["settings"]}
    assert stored["tz"] == "Europe/Brussels"
    assert "work_start" not in stored
    fresh.repo.engine.dispose()


# ---------------------------------------------------------------- all or nothing


def _corrupt_value(data: dict[str, Any]) -> str:
    middle = len(data["tables"]["actions"]) // 2
    data["tables"]["actions"][middle]["due_at"] = "tomorrow-ish"
    return f"tables.actions[{middle}].due_at"


def _duplicate_id(data: dict[str, Any]) -> str:
    apps = data["tables"]["applications"]
    apps.insert(len(apps) // 2, dict(apps[0]))
    return "tables.applications: UNIQUE constraint failed"


def _dangling_reference(data: dict[str, Any]) -> str:
    data["tables"]["interactions"][-1]["contact_id"] = 999_999
    return "refers to contacts 999999"


@pytest.mark.parametrize("corrupt", [_corrupt_value, _duplicate_id, _dangling_reference])
def test_a_bad_row_in_the_middle_writes_nothing(
    filled: Service, tmp_path: Path, corrupt: Any
) -> None:
    data = copy.deepcopy(dump(filled.repo.engine, filled.repo.owner, NOW))
    expected = corrupt(data)
    fresh = service(tmp_path / "fresh.db")
    engine, owner = fresh.repo.engine, fresh.repo.owner
    with pytest.raises(ValidationError) as err:
        restore(engine, owner, data)
    assert err.value.field == "file"
    assert expected in str(err.value)
    assert "\n" not in str(err.value)
    assert set(count(engine, owner).values()) == {0}
    engine.dispose()


# ---------------------------------------------------------------- malformed backups


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(data: dict[str, Any]) -> Any:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value
        return data

    return change


BAD = [
    (lambda d: [d], "not a Followthrough backup"),
    (_set(("format",), "something-else"), "not a Followthrough backup"),
    (_set(("version",), 2), "backup version 2"),
    (_set(("version",), True), "backup version True"),
    (_set(("schema",), "9999"), "upgrade Followthrough"),
    (_set(("tables",), []), '"tables" must be an object'),
    (_set(("tables", "secrets"), []), "tables.secrets: unknown table"),
    (_set(("tables", "contacts"), {"id": 1}), "tables.contacts: must be a list of objects"),
    (_set(("tables", "contacts", 0, "shoe_size"), 44), "tables.contacts[0]: unknown column"),
    (_set(("tables", "contacts", 0, "name"), KeyError), "column 'name' is missing"),
    (_set(("tables", "contacts", 0, "name"), None), "tables.contacts[0].name: is required"),
    (_set(("tables", "contacts", 0, "name"), 12), "is not text"),
    (_set(("tables", "contacts", 0, "id"), "1"), "tables.contacts[0].id: '1' is not an id"),
    (_set(("tables", "contacts", 0, "direct_contact"), 1), "is not true or false"),
    (_set(("tables", "applications", 0, "interest"), True), "is not a whole number"),
    (_set(("tables", "contacts", 0, "created_at"), "2026-11-25T08:00:00"), "with an offset"),
    (_set(("tables", "interviews", 0, "decision_date"), "25/11/2026"), "is not an ISO date"),
    (_set(("tables", "applications", 0, "recruiter_id"), 424242), "refers to contacts 424242"),
    (_set(("tables", "interviews", 0, "promises"), "one"), "promises: must be a list of texts"),
    (_set(("tables", "actions", 0, "talking_points"), [1]), "must be a list of texts"),
    (_set(("tables", "debriefs", 0, "data"), []), "debriefs[0].data: must be an object"),
    # issue 9: values the CLI and the web refuse, which broke pages, `plan` and settings
    (_set(("tables", "actions", 0, "due_at"), "9999-12-31T00:00:00+00:00"),
     "tables.actions[0].due_at: year 9999 is out of range; use 1900-2999"),
    (_set(("tables", "applications", 0, "applied_on"), "0001-01-01"),
     "tables.applications[0].applied_on: year 1 is out of range"),
    (_set(("tables", "debriefs", 0, "data", "fit"), "zzz"),
     "tables.debriefs[0].data.fit: must be a table of the five fit questions"),
    (_set(("tables", "debriefs", 0, "data", "topics"), 5),
     "tables.debriefs[0].data.topics: must be text or a list of texts"),
    (_set(("tables", "debriefs", 0, "data", "topics"), [1, 2, {}]),
     "tables.debriefs[0].data.topics: must be text or a list of texts"),
    (_set(("tables", "debriefs", 0, "data", "fit"), {"fit_role": {"score": 999}}),
     "tables.debriefs[0].data.fit.fit_role.score: 999; use a whole number 1 to 5"),
    (_set(("tables", "debriefs", 0, "data", "fit"), {"fit_role": {"score": 3, "note": 5}}),
     "tables.debriefs[0].data.fit.fit_role.note: 5 is not text"),
    (_set(("tables", "debriefs", 0, "data", "verdict"), "yes"),
     "tables.debriefs[0].data.verdict: belongs in the row's verdict column"),
    (_set(("tables", "debriefs", 0, "verdict"), "maybe"),
     "tables.debriefs[0].verdict: 'maybe'; use one of yes, unsure, not-for-me"),
    (_set(("tables", "actions", 0, "kind"), "assassinate"),
     "tables.actions[0].kind: 'assassinate' is not a kind of action; use one of"),
    (_set(("tables", "interactions", 0, "action_kind"), "assassinate"),
     "tables.interactions[0].action_kind: 'assassinate' is not a kind of action"),
    (_set(("tables", "contacts", 0, "id"), True), "tables.contacts[0].id: True is not an id"),
    (_set(("tables", "contacts", 0, "name"), "Ann\u2028Bcc: spy@evil.example"),
     "tables.contacts[0].name: contains a line break (U+2028)"),
    (_set(("tables", "applications", 0, "company"), "ACME\x85"),
     "tables.applications[0].company: contains a line break (U+0085)"),
    (_set(("tables", "applications", 0, "recruiter_id"), True),
     "tables.applications[0].recruiter_id: True is not an id"),
    (_set(("tables", "applications", 0, "interest"), 99),
     "tables.applications[0].interest: 99 is out of range; use 1 to 5"),
    (_set(("tables", "interviews", 0, "end_at"), "2000-01-01T00:00:00+00:00"),
     "tables.interviews[0]: end: the interview must end after it starts"),
    (_set(("tables", "interviews", 0, "tz"), "Mars/Phobos"),
     "tables.interviews[0].tz: unknown time zone 'Mars/Phobos'"),
    (_set(("tables", "interviews", 0, "round"), 0), "tables.interviews[0].round: 0 is out of"),
    (_set(("tables", "applications", 0, "company"), " "),
     "tables.applications[0].company: empty; give the company's name"),
    (_set(("tables", "contacts", 0, "email"), "not an address"),
     "tables.contacts[0].email: 'not an address' is not an e-mail address"),
    (_set(("tables", "settings", 0), {"key": "max_check_ins", "value": "0"}),
     "tables.settings[0]: max_check_ins: '0': use a whole number from 1 to 10"),
    (_set(("tables", "settings", 0), {"key": "shoe_size", "value": "44"}),
     "tables.settings[0]: shoe_size: unknown setting"),
    (_set(("tables", "settings"), [{"key": "work_start", "value": "18:00"},
                                   {"key": "work_end", "value": "09:00"}]),
     "tables.settings: work_end: must be later than work_start"),
    (_set(("tables", "settings"), [{"key": "region", "value": "CA"}]),
     "tables.settings: region: set a country first"),
]


@pytest.mark.parametrize(("corrupt", "message"), BAD)
def test_malformed_backups_are_refused_with_the_place_named(
    filled: Service, tmp_path: Path, corrupt: Any, message: str
) -> None:
    data = copy.deepcopy(dump(filled.repo.engine, filled.repo.owner, NOW))
    data["tables"]["interviews"][0]["decision_date"] = "2026-12-01"
    fresh = service(tmp_path / "fresh.db")
    with pytest.raises(ValidationError) as err:
        restore(fresh.repo.engine, fresh.repo.owner, corrupt(data))
    assert err.value.field == "file"
    assert message in str(err.value)
    assert set(count(fresh.repo.engine, fresh.repo.owner).values()) == {0}
    fresh.repo.engine.dispose()


def test_restore_for_a_user_who_does_not_exist(filled: Service, tmp_path: Path) -> None:
    data = dump(filled.repo.engine, filled.repo.owner, NOW)
    fresh = service(tmp_path / "fresh.db")
    with pytest.raises(NotFoundError):
        restore(fresh.repo.engine, 4242, data)
    fresh.repo.engine.dispose()


def test_a_hand_made_backup_may_leave_tables_out(tmp_path: Path) -> None:
    fresh = service(tmp_path / "fresh.db")
    data = {"format": FORMAT, "version": 1, "schema": db.HEAD, "exported_at": None, "tables": {}}
    counts = restore(fresh.repo.engine, fresh.repo.owner, data)
    assert set(counts) == {t.name for t in TABLES}
    assert set(counts.values()) == {0}
    fresh.repo.engine.dispose()


# ---------------------------------------------------------------- tricky values


def _one_line(text: str) -> str:
    """Return `text` with what a one-line field refuses (line breaks, controls) made spaces."""
    return "".join(
        " " if ch in LINE_BREAKS or (ch < " " and ch != "\t") or ch == "\x7f" else ch
        for ch in text
    )


def _minimal(text: str, notes: str, when: dt.datetime, promises: list[str]) -> dict[str, Any]:
    stamp = when.astimezone(dt.UTC).isoformat()
    end = (when + dt.timedelta(hours=1)).astimezone(dt.UTC).isoformat()
    # what the CLI and the web store: a company, a role, a debrief in its clean form, names and
    # companies on one line (every other column keeps the text as it is)
    line, short_notes = _one_line(text), _one_line(notes)
    company = line if line.strip() else "x"
    role = short_notes if short_notes.strip() else "x"
    return {
        "format": FORMAT,
        "version": 1,
        "schema": db.HEAD,
        "exported_at": stamp,
        "tables": {
            "settings": [{"key": "name", "value": text}],
            "contacts": [
                {
                    "id": 1,
                    "name": line if line.strip() else "x",
                    "email": None,
                    "phone": text,
                    "linkedin": None,
                    "role": "recruiter",
                    "organisation": line,
                    "direct_contact": True,
                    "notes": notes,
                    "created_at": stamp,
                }
            ],
            "applications": [
                {
                    "id": 10,
                    "company": company,
                    "role": role,
                    "url": None,
                    "channel": "recruiter",
                    "agency": line,
                    "recruiter_id": 1,
                    "hiring_contact_id": None,
                    "status": "applied",
                    "interest": None,
                    "applied_on": when.date().isoformat(),
                    "notes": notes,
                    "competitors": text,
                    "created_at": stamp,
                    "updated_at": stamp,
                    "salary": line,
                    "location": line,
                }
            ],
            "interviews": [
                {
                    "id": 5,
                    "application_id": 10,
                    "start_at": stamp,
                    "end_at": end,
                    "tz": "Europe/Brussels",
                    "format": "video",
                    "round": 1,
                    "decision_date": None,
                    "follow_up_contact_id": 1,
                    "follow_up_how": text,
                    "promises": promises,
                    "next_steps": notes,
                    "created_at": stamp,
                }
            ],
            "interviewers": [{"interview_id": 5, "contact_id": 1, "position": 0}],
            "debriefs": [
                {
                    "interview_id": 5,
                    "recorded_at": stamp,
                    "data": clean_debrief({"topics": [text, notes], "fit": {}}),
                    "verdict": None,
                }
            ],
        },
    }


@pytest.fixture(scope="module")
def scratch() -> Iterator[tuple[Engine, int]]:
    with tempfile.TemporaryDirectory() as where:
        engine = db.open_database(db.sqlite_url(Path(where) / "scratch.db"), NOW)
        yield engine, db.ensure_user(engine, db.LOCAL_USER, NOW)
        engine.dispose()


def _round_trip(engine: Engine, owner: int, data: dict[str, Any]) -> None:
    try:
        restore(engine, owner, data)
        back = dump(engine, owner, NOW)
        for name, rows in data["tables"].items():
            assert back["tables"][name] == rows
    finally:
        with db.writing(engine) as conn:
            for table in reversed(TABLES):
                conn.execute(delete(table).where(table.c.owner_id == owner))


@pytest.mark.parametrize("text", TRICKY + ["", None])
def test_tricky_values_survive_the_round_trip(scratch: tuple[Engine, int], text: Any) -> None:
    engine, owner = scratch
    data = _minimal(text or "", text or "", NOW.replace(microsecond=999_999), [text or ""])
    if text is None:  # every nullable column at None
        data["tables"]["contacts"][0].update(phone=None, organisation=None)
        data["tables"]["applications"][0].update(
            agency=None, applied_on=None, salary=None, location=None
        )
    _round_trip(engine, owner, data)


def test_a_backup_from_before_salary_and_location_restores_them_empty(
    scratch: tuple[Engine, int],
) -> None:
    engine, owner = scratch
    data = _minimal("Acme", "Data Engineer", NOW, ["a repo"])
    data["schema"] = "0005"
    for row in data["tables"]["applications"]:
        del row["salary"], row["location"]
    try:
        restore(engine, owner, data)
        back = dump(engine, owner, NOW)["tables"]["applications"]
        assert [(r["salary"], r["location"]) for r in back] == [(None, None)]
    finally:
        with db.writing(engine) as conn:
            for table in reversed(TABLES):
                conn.execute(delete(table).where(table.c.owner_id == owner))


@given(
    text=st.text(min_size=1, max_size=200),
    notes=st.text(max_size=2000),
    when=st.datetimes(
        min_value=dt.datetime(1970, 1, 2),
        max_value=dt.datetime(2200, 1, 1),
        timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-9, minutes=-30))]),
    ),
    promises=st.lists(st.text(max_size=50), max_size=5),
)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_text_and_instant_survive_the_round_trip(
    scratch: tuple[Engine, int], text: str, notes: str, when: dt.datetime, promises: list[str]
) -> None:
    engine, owner = scratch
    _round_trip(engine, owner, _minimal(text, notes, when, promises))


# ---------------------------------------------------------------- the live SQLite copy

WRITER = """
import datetime as dt, sys
from pathlib import Path
from sqlalchemy import insert
from followthrough.store import db, schema

path, stop = Path(sys.argv[1]), Path(sys.argv[2])
engine = db.make_engine(db.sqlite_url(path))
now = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
i = 0
while not stop.exists():
    with db.writing(engine) as conn:
        app = conn.execute(insert(schema.applications).values(
            owner_id=1, company=f"w{i:06d}", role="r", created_at=now, updated_at=now,
        )).inserted_primary_key[0]
        conn.execute(insert(schema.status_events).values(
            owner_id=1, application_id=app, status="applied", at=now,
        ))
    i += 1
engine.dispose()
"""


def _written(path: Path) -> tuple[list[str], int]:
    """Return the writer's companies, in id order, and how many status events there are."""
    with sqlite3.connect(path) as conn:
        companies = [
            r[0]
            for r in conn.execute(
                "SELECT company FROM applications WHERE company LIKE 'w%' ORDER BY id"
            )
        ]
        events = conn.execute(
            "SELECT count(*) FROM status_events JOIN applications a ON a.id = application_id "
            "WHERE a.company LIKE 'w%'"
        ).fetchone()[0]
    conn.close()
    return companies, events


def test_backup_while_another_process_writes(tmp_path: Path) -> None:
    live = tmp_path / "live.db"
    db.open_database(db.sqlite_url(live), NOW).dispose()
    with sqlite3.connect(live) as conn:  # some bulk, so that a copy takes a while
        conn.executemany(
            "INSERT INTO contacts (owner_id, name, role, direct_contact, notes, created_at) "
            "VALUES (1, ?, 'other', 0, ?, '2026-11-25 08:00:00')",
            [(f"bulk {i}", "n" * 8000) for i in range(2500)],
        )
    conn.close()
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(live), str(stop)])
    copies: list[Path] = []
    progressed = 0
    try:
        deadline = time.monotonic() + 60
        while len(_written(live)[0]) < 20:
            assert writer.poll() is None, "the writer died"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        for n in range(6):
            before = len(_written(live)[0])
            target = tmp_path / f"copy{n}.db"
            backup_sqlite(live, target)
            copies.append(target)
            progressed += len(_written(live)[0]) > before
    finally:
        stop.touch()
        writer.wait(timeout=60)
    assert writer.returncode == 0
    assert progressed, "the writer never committed while a copy was made"
    final, final_events = _written(live)
    assert final_events == len(final)
    expected = [f"w{i:06d}" for i in range(len(final))]
    assert final == expected
    sizes = set()
    for target in copies:
        assert not target.with_name(target.name + "-wal").exists()
        with sqlite3.connect(target) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        conn.close()
        companies, events = _written(target)
        assert 20 <= len(companies) <= len(final)
        assert companies == expected[: len(companies)]  # a prefix of the commits
        assert events == len(companies)  # no half transaction
        sizes.add(len(companies))
        engine = db.open_database(db.sqlite_url(target), NOW)
        assert db.current_revision(engine) == db.HEAD
        svc = Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, NOW)), NOW)
        assert len(svc.list_applications()) == len(companies)
        engine.dispose()
    assert len(sizes) > 1, "every copy saw the same commits: the writer was not running"
    assert not list(tmp_path.glob(".*partial*"))


LEAVE_PARTIAL = """
import os, sys
from pathlib import Path
folder = Path(sys.argv[1])
partial = folder / f".old.db.{os.getpid()}.partial"  # as backup_sqlite names it
partial.write_bytes(b"half a copy")
Path(str(partial) + "-journal").write_bytes(b"")
os._exit(9)  # killed midway: nothing cleans up
"""


def test_a_backup_killed_midway_leaves_nothing_behind_after_the_next(tmp_path: Path) -> None:
    live = tmp_path / "live.db"
    service(live).repo.engine.dispose()
    folder = tmp_path / "backups"
    folder.mkdir()
    dead = subprocess.run([sys.executable, "-c", LEAVE_PARTIAL, str(folder)], check=False)
    assert dead.returncode == 9
    stale = sorted(p.name for p in folder.iterdir())
    assert len(stale) == 2
    running = folder / f".other.db.{os.getpid()}.partial"  # a copy still in progress: kept
    running.write_bytes(b"")
    mine = folder / ".notes.partial"  # not one of ours: kept
    mine.write_bytes(b"")
    backup_sqlite(live, folder / "new.db")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["new.db", running.name, mine.name]
    )


def test_backup_refuses_to_overwrite_and_names_the_problem(tmp_path: Path) -> None:
    live = tmp_path / "live.db"
    service(live).repo.engine.dispose()
    taken = tmp_path / "taken.db"
    taken.write_text("precious")
    for target, message in [
        (taken, "exists"),
        (tmp_path, "is a folder"),
        (tmp_path / "missing" / "copy.db", "does not exist"),
    ]:
        with pytest.raises(ValidationError) as err:
            backup_sqlite(live, target)
        assert err.value.field == "output"
        assert message in str(err.value)
    assert taken.read_text() == "precious"
    empty = tmp_path / "empty.db"
    empty.touch()
    backup_sqlite(live, empty)  # an empty file (from mktemp) may be filled
    with sqlite3.connect(empty) as conn:
        assert conn.execute("SELECT username FROM users").fetchall() == [("local",)]
    conn.close()


def test_backup_of_something_that_is_not_a_database(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database " * 100)
    for source in (text, tmp_path / "missing.db"):
        with pytest.raises(db.StoreError, match="--db: "):
            backup_sqlite(source, tmp_path / "copy.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_the_replan_note_is_not_the_users_data(scratch: tuple[Engine, int]) -> None:
    """A backup taken while a settings re-plan is under way leaves the program's note out, and
    the plan basis too (a restore would refuse them as unknown settings)."""
    engine, owner = scratch
    with db.writing(engine) as conn:
        for key in ("replan_pending", "plan_basis"):
            conn.execute(schema.settings.insert().values(owner_id=owner, key=key, value="12345"))
    try:
        keys = {row["key"] for row in dump(engine, owner, NOW)["tables"]["settings"]}
        assert not keys & {"replan_pending", "plan_basis"}
    finally:
        with db.writing(engine) as conn:
            conn.execute(delete(schema.settings).where(schema.settings.c.owner_id == owner))
