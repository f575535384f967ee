"""The peers of the cold-start benchmark, loaded with the same items as our data set.

todoman keeps one VTODO .ics file per to-do in a folder (written here with `icalendar`, its own
dependency) and a cache SQLite file it builds on its first run; taskwarrior keeps its own files
(filled here with `task import`). Both get N actions of the N-application set: every open one
first (so they list at least what we print), topped up with finished ones, evenly spread.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

_ITEMS = """
SELECT a.id, a.key, a.title, a.status, a.due_at, a.done_at, a.created_at, a.why,
       ap.company, ap.role
FROM actions a LEFT JOIN applications ap ON ap.id = a.application_id
WHERE a.status {op} ('pending', 'snoozed')
ORDER BY a.due_at, a.id
"""


def to_dos(db: Path, n: int) -> list[sqlite3.Row]:
    """Return N actions for the peers: every open one first, then finished ones, evenly spread."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        open_ = conn.execute(_ITEMS.format(op="IN")).fetchall()[:n]
        rest = conn.execute(_ITEMS.format(op="NOT IN")).fetchall()
    finally:
        conn.close()
    need = n - len(open_)
    step = max(1, len(rest) // need) if need > 0 else 1
    return open_ + rest[::step][:need]


def _utc(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC) if text else None


def write_todoman(items: list[sqlite3.Row], home: Path) -> dict[str, str]:
    """Write one VTODO .ics per item and a todoman config; return the environment to run it."""
    from icalendar import Calendar, Todo

    folder = home / "lists" / "followthrough"
    folder.mkdir(parents=True)
    status = {"pending": "NEEDS-ACTION", "snoozed": "NEEDS-ACTION", "done": "COMPLETED",
              "skipped": "CANCELLED", "cancelled": "CANCELLED"}
    for row in items:
        todo = Todo()
        uid = f"{row['key']}-{row['id']}@followthrough.bench"
        todo.add("uid", uid)
        todo.add("summary", row["title"])
        todo.add("dtstamp", _utc(row["created_at"]))
        todo.add("created", _utc(row["created_at"]))
        todo.add("due", _utc(row["due_at"]))
        todo.add("status", status[row["status"]])
        if row["done_at"]:
            todo.add("completed", _utc(row["done_at"]))
            todo.add("percent-complete", 100)
        if row["company"]:
            todo.add("categories", [row["company"]])
            todo.add("description", f"{row['company']} - {row['role']}. {row['why'] or ''}")
        cal = Calendar()
        cal.add("prodid", "-//followthrough bench//EN")
        cal.add("version", "2.0")
        cal.add_component(todo)
        (folder / f"{row['id']}.ics").write_bytes(cal.to_ical())
    config = home / "config.py"
    config.write_text(
        f'path = "{home / "lists"}/*"\n'
        'date_format = "%Y-%m-%d"\n'
        'time_format = "%H:%M"\n'
        'default_list = "followthrough"\n'
        f'cache_path = "{home / "cache.sqlite3"}"\n'
        'color = "never"\n',
        encoding="utf-8",
    )
    return {"TODOMAN_CONFIG": str(config)}


def write_taskwarrior(
    items: list[sqlite3.Row], home: Path, task: str, base_env: dict[str, str]
) -> dict[str, str]:
    """Import the items into a fresh taskwarrior store; return the environment to run it."""
    status = {"pending": "pending", "snoozed": "pending", "done": "completed",
              "skipped": "deleted", "cancelled": "deleted"}
    def stamp(text: str) -> str:
        return text[:19].replace("-", "").replace(":", "").replace(" ", "T") + "Z"

    tasks = []
    for row in items:
        entry = {"description": row["title"], "status": status[row["status"]],
                 "entry": stamp(row["created_at"]), "due": stamp(row["due_at"])}
        if row["company"]:
            entry["project"] = "".join(c for c in row["company"] if c.isalnum())
        if entry["status"] != "pending":
            entry["end"] = stamp(row["done_at"] or row["due_at"])
        tasks.append(entry)
    (home / "data").mkdir()
    rc = home / "taskrc"
    rc.write_text(f"data.location={home / 'data'}\nconfirmation=no\nverbose=nothing\n"
                  "color=off\nhooks=off\nrecurrence=off\n", encoding="utf-8")
    env = {"TASKRC": str(rc), "TASKDATA": str(home / "data")}
    dump = home / "import.json"
    dump.write_text(json.dumps(tasks), encoding="utf-8")
    subprocess.run([task, "import", str(dump)], env={**base_env, **env}, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return env


@contextlib.contextmanager
def loaded_peers(
    items: list[sqlite3.Row], task: str | None, base_env: dict[str, str], todoman: bool = True
) -> Iterator[dict[str, dict[str, str]]]:
    """Yield the environments of the peers (todoman unless told not to, taskwarrior when `task`
    is its executable), loaded with `items`, in a temporary home."""
    with tempfile.TemporaryDirectory(prefix="ft-bench-") as tmp:
        home = Path(tmp)
        env = {"todoman": write_todoman(items, home / "todoman")} if todoman else {}
        if task:
            (home / "task").mkdir()
            env["taskwarrior"] = write_taskwarrior(items, home / "task", task, base_env)
        yield env
