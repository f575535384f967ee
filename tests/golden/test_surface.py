"""The whole outside surface on the demo data, byte for byte (issue 10's safety net).

The demo search is filled through the real console script at a fixed moment; then every read
command (JSON and human), a sequence of writes, every GET of the JSON API and every page are
captured and compared with the files in tests/golden/surface/. A refactor that changes nothing
a user can see leaves them equal. Regenerate after a deliberate change with
`FOLLOWTHROUGH_UPDATE_GOLDEN=1 pytest tests/golden/test_surface.py` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from followthrough.web.app import WebConfig, create_app

HERE = Path(__file__).parent / "surface"
FOLLOWTHROUGH = Path(sys.executable).parent / "followthrough"
NOW = "2026-11-25T09:00+01:00"
CLOCK = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
UPDATE = os.environ.get("FOLLOWTHROUGH_UPDATE_GOLDEN") == "1"

READS = [
    ["today"],
    ["today", "--all"],
    ["app", "list"],
    ["app", "list", "--all"],
    ["app", "list", "--status", "rejected,offer"],
    *[["app", "show", str(i)] for i in range(1, 6)],
    *[["plan", str(i)] for i in range(1, 6)],
    *[["brief", str(i)] for i in range(1, 6)],
    *[["interview", "show", str(i)] for i in range(1, 4)],
    ["contact", "list"],
    ["contact", "show", "1"],
    ["contact", "show", "3"],
    ["insights"],
    ["settings"],
    *[["draft", str(i)] for i in (1, 2, 3, 5, 8, 12)],
    ["export", "--format", "csv"],
    ["export", "--format", "ics"],
    ["templates", "list"],
]
WRITES = [
    [
        "log",
        "1",
        "--email-in",
        "--with",
        "jane@northbridge.example",
        "--summary",
        "Next week",
        "--at",
        "2026-11-25 08:30",
    ],
    ["done", "2"],
    ["skip", "3"],
    ["snooze", "5", "--until", "2026-11-27"],
    ["reopen", "3"],
    [
        "app",
        "add",
        "--company",
        "Initech",
        "--role",
        "Analyst",
        "--recruiter",
        "Bob <bob@i.example>",
    ],
    [
        "interview",
        "add",
        "6",
        "--at",
        "2026-11-26 10:00",
        "--end",
        "11:00",
        "--format",
        "video",
        "--with",
        "Peter Gibbons <peter@initech.example>",
    ],
    ["app", "status", "2", "rejected"],
    ["contact", "add", "Sam Spade <sam@spade.example>", "--role", "recruiter"],
    ["contact", "add", "Sam Spade <sam@spade.example>"],
    ["log", "1", "--email-out", "--with", "jane@northbridge.example", "--summary", "again"],
    ["snooze", "1", "--until", "not a date"],
    ["app", "show", "99"],
    ["app", "referee", "1", "Sam Spade <sam@spade.example>"],
    ["today"],
    ["app", "list"],
    ["plan", "6"],
    ["insights"],
]


def _name(args: list[str], human: bool) -> str:
    stem = "_".join(re.sub(r"[^A-Za-z0-9]+", "-", a).strip("-") for a in args)
    return f"cli-{stem}{'' if not human else '.human'}"


def _run(db: Path, args: list[str], human: bool = False) -> str:
    env = {
        **os.environ,
        "FOLLOWTHROUGH_DB": str(db),
        "FOLLOWTHROUGH_NOW": NOW,
        "NO_COLOR": "1",
        "COLUMNS": "120",
        "TZ": "UTC",
    }
    env.pop("FOLLOWTHROUGH_DEBUG", None)
    cmd = [str(FOLLOWTHROUGH), "--db", str(db), *([] if human else ["--json"]), *args]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60, check=False)
    head = f"$ {' '.join(cmd[3:])}\nexit {done.returncode}"
    return f"{head}\n--- stdout\n{done.stdout}--- stderr\n{done.stderr}"


def _demo(db: Path) -> None:
    out = _run(db, ["demo", "--no-serve"])
    assert "exit 0" in out, out


def _reads(db: Path, human: bool) -> Iterator[tuple[str, str]]:
    seen: set[str] = set()
    for args in READS:
        name = _name(args, human)
        if name not in seen:
            seen.add(name)
            yield name, _run(db, args, human)


def _writes(db: Path) -> Iterator[tuple[str, str]]:
    for _ in _web(db):  # the writes follow the web's posts, as a user's day would
        pass
    for i, args in enumerate(WRITES):
        yield f"write-{i:02d}-{_name(args, False)}", _run(db, args)


#: The parts of the surface, each on its own demo database (so xdist runs them side by side),
#: and the golden files each one owns (by name).
PARTS = {
    "cli-json": (
        lambda db: _reads(db, False),
        lambda n: n.startswith("cli-") and ".human" not in n,
    ),
    "cli-human": (lambda db: _reads(db, True), lambda n: n.startswith("cli-") and ".human" in n),
    "web": (lambda db: _web(db), lambda n: n.startswith(("api-", "page-", "post-"))),
    "writes": (lambda db: _writes(db), lambda n: n.startswith("write-")),
}


TOKEN = re.compile(r"[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}")


FEED = re.compile(r"/calendar/[A-Za-z0-9_-]{16,}\.ics")


def _scrub(text: str) -> str:
    """Replace what is random by design: CSRF tokens and the calendar feed's secret."""
    return FEED.sub("/calendar/<token>.ics", TOKEN.sub("<csrf>", text))


API = [
    "/api/v1/today",
    "/api/v1/applications",
    *[f"/api/v1/applications/{i}" for i in range(1, 6)],
    *[f"/api/v1/applications/{i}/plan" for i in range(1, 6)],
    "/api/v1/applications/1/brief",
    "/api/v1/contacts",
    "/api/v1/contacts/1",
    "/api/v1/interviews/1",
    "/api/v1/interviews/1/debrief",
    "/api/v1/actions/1",
    "/api/v1/actions/2/draft",
    "/api/v1/insights",
    "/api/v1/settings",
    "/api/v1/applications/99",
    "/api/v1/actions/abc",
    "/api/v1/openapi.json",
]
PAGES = [
    "/",
    "/pipeline",
    *[f"/applications/{i}" for i in range(1, 6)],
    "/applications/1/brief",
    "/interviews/1",
    "/insights",
    "/actions/2/draft",
    "/applications/new",
    "/applications/1/interviews/new",
    "/interviews/1/debrief",
    "/settings",
    "/applications/99",
]


def _web(db: Path) -> Iterator[tuple[str, str]]:
    app = create_app(WebConfig(db, clock=lambda: CLOCK))
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        client.get("/")
        for path in [*API, *PAGES]:
            r = client.get(path)
            kind = "api" if path.startswith(("/api", "/openapi")) else "page"
            name = f"{kind}-{re.sub(r'[^A-Za-z0-9]+', '-', path).strip('-') or 'today'}"
            body = r.text
            if "json" in r.headers.get("content-type", ""):
                body = json.dumps(r.json(), indent=1, sort_keys=True, ensure_ascii=False)
            yield (
                name,
                f"GET {path}\nstatus {r.status_code}\n{r.headers.get('content-type')}\n"
                f"{_scrub(body)}\n",
            )
        token = client.cookies.get("ft_csrf") or ""
        posts = [
            ("/api/v1/actions/4/done", {}),
            ("/api/v1/actions/6/skip", {}),
            ("/api/v1/lint", {"text": "Hi Ann, thanks!"}),
            (
                "/api/v1/applications/3/interactions",
                {
                    "kind": "email-in",
                    "with": "tom.weber@globex.example",
                    "summary": "Still deciding",
                },
            ),
        ]
        for path, body in posts:
            r = client.post(path, json=body, headers={"X-CSRF-Token": token})
            yield (
                f"post-{re.sub(r'[^A-Za-z0-9]+', '-', path).strip('-')}",
                f"POST {path}\nstatus {r.status_code}\n"
                f"{_scrub(json.dumps(r.json(), indent=1, sort_keys=True))}\n",
            )
        r = client.get("/api/v1/today")
        yield "api-today-after-posts", json.dumps(r.json(), indent=1, sort_keys=True)


@pytest.mark.parametrize("part", sorted(PARTS))
def test_the_outside_surface_is_unchanged(tmp_path: Path, part: str) -> None:
    capture, owns = PARTS[part]
    db = tmp_path / "surface.db"
    _demo(db)
    got = {n: t.replace(str(tmp_path), "<tmp>") for n, t in capture(db)}
    if UPDATE:
        for old in HERE.glob("*.txt"):
            if owns(old.stem):
                old.unlink()
        for name, text in got.items():
            (HERE / f"{name}.txt").write_text(text, encoding="utf-8")
        pytest.skip("golden surface regenerated")
    want = {p.stem: p.read_text(encoding="utf-8") for p in HERE.glob("*.txt") if owns(p.stem)}
    assert sorted(got) == sorted(want)
    changed = [n for n in got if got[n] != want[n]]
    assert not changed, f"{len(changed)} outputs changed, first: {changed[:5]}"


def test_every_golden_file_belongs_to_a_part() -> None:
    orphans = [p.name for p in HERE.glob("*.txt") if not any(o(p.stem) for _, o in PARTS.values())]
    assert not orphans
