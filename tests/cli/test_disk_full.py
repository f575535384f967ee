"""A full disk (issue 9, item 9): a write that finds no space is one line naming the device,
exit 1 (HTTP 507 on the web), and nothing is half-written. The disk is a real 2 MB tmpfs
(mounting needs root, as in CI); a write to a full one fails in the kernel as it would on a
laptop with a full SSD."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from followthrough.web.app import WebConfig, create_app

if TYPE_CHECKING:
    from tests.cli.conftest import Ft


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs mounted under tmp_path (skipped where mounting is not allowed)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> Path:
    """Write a file until the disk is full; return it (delete it to make room again)."""
    filler = disk / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as f:
        while True:
            f.write(b"\0" * 4096)
            f.flush()
    return filler


def count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608
    finally:
        conn.close()


@pytest.mark.parametrize("reader", [True, False], ids=["while-the-app-runs", "alone"])
def test_cli_write_on_a_full_disk(ft: Ft, small_disk: Path, reader: bool) -> None:
    """With another process reading (the web app), the write itself finds no space; alone, the
    database cannot even be opened (SQLite's -shm file cannot be made): the same message."""
    run = type(ft)(small_disk / "ft.db")
    assert run("init", "--tz", "Europe/Brussels").code == 0
    assert run("app", "add", "--company", "ACME", "--role", "Dev").code == 0
    conn = sqlite3.connect(small_disk / "ft.db")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the next write needs new blocks
    conn.execute("SELECT count(*) FROM applications").fetchone()
    if not reader:
        conn.close()
    filler = fill(small_disk)
    big = "x" * 100_000
    failed = run("app", "add", "--company", "Globex", "--role", "Dev", "--notes", big)
    assert failed.code == 1, failed.err
    assert failed.err_lines == [
        f"error: no space left on the device holding {small_disk / 'ft.db'}; "
        "free some space and try again (nothing was saved)"
    ]
    filler.unlink()
    conn.close()
    assert count(small_disk / "ft.db", "applications") == 1  # nothing half-written
    assert run("app", "add", "--company", "Globex", "--role", "Dev").code == 0
    assert count(small_disk / "ft.db", "applications") == 2


def test_export_to_a_full_disk_leaves_no_file(ft: Ft, small_disk: Path) -> None:
    assert ft("init", "--tz", "Europe/Brussels").code == 0
    for n in range(3):
        assert ft("app", "add", "--company", f"Company {n}", "--role", "x" * 200).code == 0
    fill(small_disk)
    failed = ft("export", "--format", "json", "-o", str(small_disk / "out.json"))
    assert failed.code == 1
    assert len(failed.err_lines) == 1
    assert "No space left on device" in failed.err or "no space left" in failed.err
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


def test_web_write_on_a_full_disk_is_507(small_disk: Path) -> None:
    app = create_app(WebConfig(small_disk / "web.db"))
    client = TestClient(app, base_url="http://127.0.0.1:8765")
    token = client.get("/api/v1/csrf").json()["token"]
    client.headers["X-CSRF-Token"] = token
    ok = client.post("/api/v1/applications", json={"company": "ACME", "role": "Dev"})
    assert ok.status_code == 201, ok.text
    fill(small_disk)
    full = client.post(
        "/api/v1/applications", json={"company": "Globex", "role": "Dev", "notes": "x" * 600_000}
    )
    assert full.status_code == 507, full.text
    assert full.json()["error"].startswith("no space left on the device holding")
    client.close()
    app.state.engine.dispose()
