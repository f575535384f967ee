"""QUALITY.md reliability 5: migrations with data.

There is one revision so far (0001), so "upgrade from an earlier schema" is exercised as: an empty
database upgrades to head; a database at head is not migrated again; data with unicode, NULLs and
100 KB notes survives reopening; a database at another revision is backed up BEFORE the migration
runs; a migration that fails half-way leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa  # noqa: TID251  (the store is SQLAlchemy)
from alembic import op

from followthrough.store import db, schema
from followthrough.store.repo import Repo

NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
TABLES = {
    "alembic_version", "users", "settings", "contacts", "applications", "status_events",
    "interviews", "interviewers", "debriefs", "referees", "actions", "interactions",
    "guard_overrides", "debrief_items", "insight_tallies", "contact_emails", "user_words",
    "events", "event_rows", "journal_cursor", "outbox", "mail_messages", "mail_proposals",
    "mail_folders", "mail_bounces",
}
#: A 100 KB note with characters from several scripts, a NUL-free control character and emoji.
BIG_NOTE = ("Zoë Ødegård — 日本語のメモ · ✓ 🚀 \t" * 4000)[:100_000]
UNICODE_NAME = "Zoë Ødegård-Łukasiewicz 李小龍 🚀"


def table_names(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def version(path: Path) -> str | None:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def set_version(path: Path, value: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("UPDATE alembic_version SET version_num = ?", (value,))
        conn.commit()
    finally:
        conn.close()


def backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.bak"))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "ft.db"


@pytest.fixture
def with_data(path: Path) -> dict[str, Any]:
    """A database at head holding rows with unicode, NULLs and 100 KB notes; closed again."""
    engine = db.open_database(db.sqlite_url(path), NOW)
    owner = db.ensure_user(engine, db.LOCAL_USER, NOW)
    with db.writing(engine) as conn:
        contact_id = conn.execute(
            sa.insert(schema.contacts).values(
                owner_id=owner, name=UNICODE_NAME, email=None, phone=None, linkedin=None,
                role="interviewer", organisation=None, direct_contact=False, notes=BIG_NOTE,
                created_at=NOW,
            )
        ).inserted_primary_key[0]
        app_id = conn.execute(
            sa.insert(schema.applications).values(
                owner_id=owner, company="Société Générale Ünïcödé", role="Ingénieur données",
                url=None, channel="direct", agency=None, recruiter_id=None,
                hiring_contact_id=contact_id, status="applied", interest=None, applied_on=None,
                notes=BIG_NOTE, competitors="", created_at=NOW, updated_at=NOW,
            )
        ).inserted_primary_key[0]
        conn.execute(
            sa.insert(schema.settings).values(owner_id=owner, key="tz", value="Europe/Brussels")
        )
    engine.dispose()
    return {"owner": owner, "contact_id": contact_id, "app_id": app_id}


# ---------------------------------------------------------------- from empty


def test_empty_database_upgrades_to_head(path: Path) -> None:
    engine = db.open_database(db.sqlite_url(path), NOW)
    try:
        assert db.current_revision(engine) == db.HEAD
        with engine.connect() as conn:
            users = conn.execute(sa.select(schema.users.c.username)).scalars().all()
    finally:
        engine.dispose()
    assert version(path) == db.HEAD
    assert table_names(path) == TABLES
    assert users == [db.LOCAL_USER]
    assert backups(path.parent) == []  # nothing to back up in a new database


def test_migrated_schema_matches_the_metadata(path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = db.open_database(db.sqlite_url(path), NOW)
    try:
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), schema.metadata) == []
    finally:
        engine.dispose()


def test_upgrade_on_a_bare_engine_then_again_is_a_no_op(path: Path) -> None:
    engine = db.make_engine(db.sqlite_url(path))
    try:
        assert db.current_revision(engine) is None
        db.upgrade(engine)
        assert db.current_revision(engine) == db.HEAD
        before = dump(path)
        db.upgrade(engine)
        assert db.current_revision(engine) == db.HEAD
        assert dump(path) == before
    finally:
        engine.dispose()


# ---------------------------------------------------------------- at head


def test_reopening_at_head_does_not_migrate_or_back_up(
    with_data: dict[str, Any], path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a database at head was migrated or backed up again")

    monkeypatch.setattr(db, "upgrade", refuse)
    monkeypatch.setattr(db, "backup_sqlite", refuse)
    before = dump(path)
    engine = db.open_database(db.sqlite_url(path), NOW)
    engine.dispose()
    assert dump(path) == before
    assert backups(path.parent) == []


def test_data_survives_open_database(with_data: dict[str, Any], path: Path) -> None:
    before = dump(path)
    engine = db.open_database(db.sqlite_url(path), NOW + dt.timedelta(days=1))
    try:
        assert db.ensure_user(engine, db.LOCAL_USER, NOW) == with_data["owner"]
        repo = Repo(engine, with_data["owner"])
        with repo.read() as conn:
            contact = repo.contact(conn, with_data["contact_id"])
            app = repo.application(conn, with_data["app_id"])
            assert repo.settings(conn) == {"tz": "Europe/Brussels"}
    finally:
        engine.dispose()
    assert dump(path) == before
    assert contact.name == UNICODE_NAME
    assert (contact.email, contact.phone, contact.linkedin, contact.organisation) == (
        None, None, None, None,
    )
    assert contact.notes == BIG_NOTE
    assert len(contact.notes) == 100_000
    assert app.company == "Société Générale Ünïcödé"
    assert (app.url, app.interest, app.agency) == (None, None, None)
    assert app.notes == BIG_NOTE
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


# ---------------------------------------------------------------- backups


def test_an_existing_database_is_backed_up_before_it_is_migrated(
    with_data: dict[str, Any], path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pretend the file is at an older revision: the backup must exist, with the data and the
    old revision, at the moment the migration starts."""
    set_version(path, "0000")
    seen: list[tuple[list[Path], str | None, list[str]]] = []

    def fake_upgrade(engine: sa.Engine, revision: str = "head") -> None:
        found = backups(path.parent)
        seen.append((found, version(found[0]) if found else None,
                     dump(found[0]) if found else []))
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = ?", (db.HEAD,))

    monkeypatch.setattr(db, "upgrade", fake_upgrade)
    monkeypatch.setattr(db, "REVISIONS", ("0000", *db.REVISIONS))  # until a 2nd revision exists
    before = dump(path)
    engine = db.open_database(db.sqlite_url(path), NOW)
    engine.dispose()

    assert len(seen) == 1, "the migration ran more or less than once"
    found, backed_version, backed_dump = seen[0]
    assert [p.name for p in found] == ["ft.db.20261120T090000.bak"]
    assert backed_version == "0000"
    assert backed_dump == before
    assert version(path) == db.HEAD


def test_backup_sqlite_copies_everything_including_the_wal(path: Path) -> None:
    engine = db.open_database(db.sqlite_url(path), NOW)
    try:
        owner = db.ensure_user(engine, db.LOCAL_USER, NOW)
        with db.writing(engine) as conn:
            conn.execute(
                sa.insert(schema.contacts).values(
                    owner_id=owner, name=UNICODE_NAME, role="other", direct_contact=False,
                    notes=BIG_NOTE, created_at=NOW,
                )
            )
        # the engine still holds its connection: the new row is in the WAL, not yet in the file
        wal = path.with_name(path.name + "-wal")
        assert wal.exists()
        assert wal.stat().st_size > 0
        target = db.backup_sqlite(path, dt.datetime(2026, 11, 24, 9, 30, 5, tzinfo=dt.UTC))
        assert target == path.with_name("ft.db.20261124T093005.bak")
        assert dump(target) == dump(path)
        copy = sqlite3.connect(target)
        try:
            assert copy.execute("SELECT name, notes FROM contacts").fetchall() == [
                (UNICODE_NAME, BIG_NOTE),
            ]
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            copy.close()
    finally:
        engine.dispose()


# ---------------------------------------------------------------- failures


def test_a_migration_failing_half_way_leaves_the_database_as_it_was(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = {"n": 0}
    real_create_table = op.create_table

    def create_some_then_fail(*args: Any, **kwargs: Any) -> Any:
        created["n"] += 1
        if created["n"] == 5:
            raise RuntimeError("disk on fire")
        return real_create_table(*args, **kwargs)

    monkeypatch.setattr(op, "create_table", create_some_then_fail)
    with pytest.raises(RuntimeError, match="disk on fire"):
        db.open_database(db.sqlite_url(path), NOW)
    assert created["n"] == 5
    assert table_names(path) == set()  # the four tables created before the failure are gone


def test_unknown_revision_leaves_the_database_at_its_version(
    with_data: dict[str, Any], path: Path
) -> None:
    set_version(path, "9999")
    before = dump(path)
    with pytest.raises(db.StoreError):
        db.open_database(db.sqlite_url(path), NOW)
    assert version(path) == "9999"
    assert dump(path) == before
    assert backups(path.parent) == []  # refused before anything was touched


def test_unknown_revision_is_a_store_error_naming_db(
    with_data: dict[str, Any], path: Path
) -> None:
    set_version(path, "9999")
    with pytest.raises(db.StoreError) as info:
        db.open_database(db.sqlite_url(path), NOW)
    assert str(info.value).startswith("--db")


def test_a_text_file_is_not_a_database(path: Path) -> None:
    path.write_text("company,role\nACME,Data Engineer\n", encoding="utf-8")
    with pytest.raises(db.StoreError) as info:
        db.open_database(db.sqlite_url(path), NOW)
    assert str(info.value).startswith("--db")
    assert "not a database" in str(info.value)
    assert path.read_text(encoding="utf-8") == "company,role\nACME,Data Engineer\n"
    assert backups(path.parent) == []


def test_a_text_file_error_is_one_line(path: Path) -> None:
    path.write_text("company,role\nACME,Data Engineer\n", encoding="utf-8")
    with pytest.raises(db.StoreError) as info:
        db.open_database(db.sqlite_url(path), NOW)
    assert "\n" not in str(info.value)


def test_known_revisions_match_the_migration_files() -> None:
    files = sorted(p.name.split("_")[0] for p in (db.MIGRATIONS / "versions").glob("*.py"))
    assert tuple(files) == db.REVISIONS
    assert db.REVISIONS[-1] == db.HEAD


def test_the_journal_is_frozen_in_its_migration_and_covers_every_record_table() -> None:
    """Migration 0006 journals the columns store/journal.py says (a new column of a journaled
    table needs a migration that redefines its triggers), every table is either journaled or
    named as not a record, and the history's keys are the schema's."""
    import importlib

    from followthrough.store import journal
    from followthrough.store.read.history import KEYS

    frozen = importlib.import_module("followthrough.store.migrations.versions.0006_journal")
    assert {t: tuple(c) for t, c in frozen.JOURNALED.items()} == journal.JOURNALED
    assert frozen.triggers() == journal.triggers(journal.JOURNALED)
    not_records = {"users", "debrief_items", "insight_tallies", "events", "event_rows",
                   "journal_cursor", "outbox", "mail_messages", "mail_proposals", "mail_folders",
                   "mail_bounces"}  # fmt: skip
    assert set(schema.metadata.tables) == set(journal.JOURNALED) | not_records
    assert {t: journal.keys(t) for t in journal.TABLES} == KEYS
