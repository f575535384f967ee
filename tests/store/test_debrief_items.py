"""`debrief_items`: the weak-question items of every debrief, kept by triggers (migration 0004).

The insights read the items from this table; the debriefs' JSON is what the user wrote. These
tests hold the table to the JSON after every kind of write (a debrief added, replaced, edited
in place, deleted, its interview deleted; a backup restored: tests/cli/test_export_backup.py),
on data with every oddity the
reader must survive, and hold the migration's fields to the domain's.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from pathlib import Path
from typing import Any

from tests.services.insights_data import EDGE_NOW, build_edges

from followthrough.domain import themes
from followthrough.store import insights

MIGRATION = (
    Path(insights.__file__).parent / "migrations" / "versions" / "0004_debrief_items.py"
)


def kept(conn: sqlite3.Connection) -> list[Any]:
    return sorted(insights.weak_items(conn, 1))


def parsed(conn: sqlite3.Connection) -> list[Any]:
    return sorted(insights._parsed_items(conn, 1))


def test_the_migration_s_fields_are_the_domain_s() -> None:
    spec = importlib.util.spec_from_file_location("migration_0004", MIGRATION)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.WEAK_FIELDS == themes.WEAK_FIELDS


def test_every_write_keeps_the_items_those_of_the_json(tmp_path: Path) -> None:
    path = build_edges(tmp_path / "edges.db")  # odd items: blank, wordless, not a list, nested
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    try:
        first = kept(conn)
        assert first == parsed(conn)
        assert len(first) > 5
        assert all(text == text.strip() and text for *_, text, _ in first)
        # an edit in place (no use case does it, but nothing may go stale if one ever does)
        iid, data = conn.execute(
            "SELECT interview_id, data FROM debriefs WHERE data LIKE '%failed%' LIMIT 1"
        ).fetchone()
        edited = json.loads(data)
        edited["floundered"] = ["Where do you see yourself in five years?", "  "]
        conn.execute("UPDATE debriefs SET data = ? WHERE interview_id = ?",
                     (json.dumps(edited), iid))  # fmt: skip
        assert kept(conn) == parsed(conn) != first
        # replaced as the store replaces it: deleted, then inserted
        conn.execute("DELETE FROM debriefs WHERE interview_id = ?", (iid,))
        assert kept(conn) == parsed(conn)
        conn.execute(
            "INSERT INTO debriefs (interview_id, owner_id, recorded_at, data) VALUES (?, 1, ?, ?)",
            (iid, "2026-10-20 08:00:00.000000", '{"weak_answers": ["Why us?"]}'),
        )
        assert kept(conn) == parsed(conn)
        # data that is not JSON at all holds no item (and does not stop the write)
        conn.execute("UPDATE debriefs SET data = 'not json' WHERE interview_id = ?", (iid,))
        assert kept(conn) == parsed(conn)
        # an interview deleted takes its debrief and its items
        other = conn.execute("SELECT interview_id FROM debrief_items LIMIT 1").fetchone()[0]
        conn.execute("DELETE FROM interviews WHERE id = ?", (other,))
        assert kept(conn) == parsed(conn)
        orphans = conn.execute(
            "SELECT COUNT(*) FROM debrief_items d WHERE NOT EXISTS "
            "(SELECT 1 FROM debriefs b WHERE b.interview_id = d.interview_id)"
        ).fetchone()
        assert orphans == (0,)
    finally:
        conn.close()


def test_the_owner_s_items_only(tmp_path: Path) -> None:
    path = build_edges(tmp_path / "edges.db")  # another user's debrief is there too
    conn = sqlite3.connect(path)
    try:
        mine = {iid for _, iid, *_ in insights.weak_items(conn, 1)}
        theirs = {iid for _, iid, *_ in insights.weak_items(conn, 2)}
        assert theirs
        assert not mine & theirs
    finally:
        conn.close()


def test_a_migrated_database_has_the_items_of_its_debriefs(tmp_path: Path) -> None:
    from followthrough.store import db

    path = tmp_path / "old.db"
    engine = db.make_engine(db.sqlite_url(path))
    db.upgrade(engine, "0003")
    db.ensure_user(engine, db.LOCAL_USER, EDGE_NOW)
    engine.dispose()
    build_edges(path, migrate=False)
    db.open_database(db.sqlite_url(path), EDGE_NOW).dispose()  # migrates to 0004
    conn = sqlite3.connect(path)
    try:
        assert kept(conn) == parsed(conn)
        assert kept(conn)
    finally:
        conn.close()
