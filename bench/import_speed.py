"""Spreadsheet import: `followthrough import` beside `sqlite-utils insert --csv` (bar: >= 50 %).

    python bench/import_speed.py [--rows 10000 100000] [--import-runs N] [--profile]
                                 [--out bench/results]

For each size N it generates (or reuses, under bench/data/) a seeded CSV of N job applications
shaped like a real tracker (`Company, Position, Status, Date applied, Interview date, Recruiter,
E-mail, Location, Salary, Notes`: statuses spread over applied, interviewing, rejected, ghosted,
offer, withdrawn and accepted in several spellings, dates applied as ISO or "Nov 3, 2026", an
interview time on about a quarter of the rows, mostly past, some in the coming weeks, about 300
recruiters reused, commas, quotes and accents in the cells), then times, whole process, with
bench/harness.py (wall time, and CPU time and peak RSS from os.wait4):

- ours: `followthrough --db DB --now NOW import FILE.csv --json` into a fresh database that
  `followthrough --db DB --now NOW init --tz Europe/Brussels --country BE` made just before
  (untimed);
- the peer: `sqlite-utils insert DB applications FILE.csv --csv` into a fresh file.

One warm-up run each at every size, then `--import-runs` rounds (default 5 below 100 000 rows,
3 from there) that run the two in turns, the order rotated every round. Each of our runs is
checked: the JSON report says written=true with every row imported, and the database holds N
applications; the peer's table must hold N rows. Reported: median CPU and wall time, rows/s,
and the ratio of our rows/s to the peer's (bar >= 0.5, QUALITY.md "spreadsheet import", read on
CPU time, the wall-time ratio beside it) with the quartiles of the per-round ratios, and the load
average at the start and the end.

Memory (QUALITY.md "memory" of `import`): the peak RSS of every import process, ru_maxrss from
os.wait4. The bar used here: flat in N, i.e. our median peak at the largest size within 1.3x of
the one at the smallest. On Linux a child's ru_maxrss also counts the memory of the process it
was forked from (the mm it leaves at exec), so this process stays small and a bare
`python -c pass` spawned the same way is reported as the floor of the figure.

When a bar is missed (or with --profile) it adds a cProfile of run_import
(src/followthrough/services/importing.py) on the largest file, in process, into a fresh
initialised database; it runs after all the measurements so that it cannot raise the RSS floor.

Writes bench/results/import_speed.{json,md}; scripts/bench assembles docs/benchmarks.md. The peer
comes with the bench extra (`pip install -e '.[bench]'`).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import json
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from harness import (
    Sample,
    clean_env,
    drop,
    load_note,
    loadavg,
    machine_facts,
    publish,
    ratio,
    record,
    rounds,
    run,
    show,
)
from vocabulary import AGENCIES, FIRST, LAST, ROLES, SUFFIXES, SYLLABLES

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATA = BENCH / "data"
RESULTS = BENCH / "results"
NOW = "2026-11-25T09:00:00+01:00"
TZ, COUNTRY = "Europe/Brussels", "BE"
SIZES = (10000, 100000)
BAR_RATIO = 0.5
BAR_FLAT = 1.3
TABLE = "applications"
HEADER = ("Company", "Position", "Status", "Date applied", "Interview date", "Recruiter",
          "E-mail", "Location", "Salary", "Notes")
GENERATOR = ("import_speed.py", "vocabulary.py")
SPAN_DAYS = 730
RECRUITERS = 300

# ---------------------------------------------------------------- the CSV

#: (status as written, weight) for applications older than three weeks, and for recent ones.
OLD_STATUSES = (("Applied", 9), ("applied", 3), ("Submitted", 2), ("Interviewing", 3),
                ("Phone screen", 1), ("2nd interview", 1), ("Rejected", 22), ("rejected", 5),
                ("Not selected", 4), ("Ghosted", 18), ("No response", 10), ("Offer", 3),
                ("Withdrawn", 4), ("Accepted", 1))
NEW_STATUSES = (("Applied", 45), ("applied", 10), ("Interviewing", 20), ("Phone screen", 8),
                ("Rejected", 12), ("Ghosted", 3), ("Offer", 2))
#: The chance that a row in this status has an interview date.
INTERVIEW_CHANCE = {"applied": 0.03, "submitted": 0.03, "interviewing": 0.9, "phone screen": 0.9,
                    "2nd interview": 0.95, "rejected": 0.3, "not selected": 0.3,
                    "ghosted": 0.15, "no response": 0.1, "offer": 0.95, "withdrawn": 0.3,
                    "accepted": 1.0}
OPEN = frozenset({"applied", "submitted", "interviewing", "phone screen", "2nd interview",
                  "offer"})
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LOCATIONS = ("Brussels", "Brussels", "Ghent", "Antwerp", "Leuven", "Mechelen", "Remote",
             "Brussels, Belgium", "Hybrid - Ghent", "Amsterdam, NL", "Luxembourg", "Liège")
SALARIES = ("€55,000 - €65,000", "€60k", "60-70k", "€4,200/month gross", "650/day",
            "€72,000 + car", "negotiable", "€48k-€52k")
NOTES = ('Referred by "{first}", ask about remote days', "Take-home due Friday, 4h max",
         'They said "we\'ll be in touch"', "Found on LinkedIn", "Follow up after the holidays",
         "Team of 6, reports to the CTO", "Applied via {agency}", "Salary band not given",
         "Asked for references, sent {first}'s details", "Second try; rejected last year",
         "Coffee chat with {first} first", "Contract role, 12 months")


def _company_pool(rng: random.Random, n: int) -> list[str]:
    names: set[str] = set()
    while len(names) < n:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        names.add(f"{stem} {rng.choice(SUFFIXES)}" if rng.random() < 0.7 else stem)
    return sorted(names)


def _recruiter_pool(rng: random.Random) -> list[tuple[str, str]]:
    """Return RECRUITERS (name, e-mail) pairs, each e-mail at the recruiter's agency."""
    people = rng.sample([(f, la) for f in FIRST for la in LAST], RECRUITERS)
    out = []
    for first, last in people:
        agency = rng.choice(AGENCIES)
        local = f"{first}.{last}".lower().replace(" ", "")
        local = local.translate(str.maketrans("éëè", "eee"))
        domain = agency.lower().replace(" ", "") + ".example"
        out.append((f"{first} {last}", f"{local}@{domain}"))
    return out


def write_csv(path: Path, n: int, seed: int) -> None:
    """Write the N-row tracker CSV to `path` (deterministic for a seed)."""
    rng = random.Random(seed)
    now = dt.datetime.fromisoformat(NOW)
    today = now.date()
    companies = _company_pool(rng, max(50, n // 5))
    recruiters = _recruiter_pool(rng)
    days = sorted(rng.randrange(SPAN_DAYS) for _ in range(n))[::-1]
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        for ago in days:
            applied = today - dt.timedelta(days=ago)
            statuses = NEW_STATUSES if ago < 21 else OLD_STATUSES
            status = rng.choices([s for s, _ in statuses], [w for _, w in statuses])[0]
            when = ""
            if rng.random() < INTERVIEW_CHANCE[status.lower()]:
                # an open application's interview may still be to come; a closed one's is past
                latest = 35 if status.lower() in OPEN else max(4, min(35, ago - 1))
                start = dt.datetime.combine(applied + dt.timedelta(days=rng.randint(4, latest)),
                                            dt.time(rng.randint(9, 17), rng.choice((0, 15, 30))))
                when = start.strftime("%Y-%m-%d %H:%M")
            if rng.random() < 0.7:
                date = applied.isoformat()
            else:
                date = f"{MONTHS[applied.month - 1]} {applied.day}, {applied.year}"
            name = email = ""
            if rng.random() < 0.55:
                name, email = rng.choice(recruiters)
                if rng.random() < 0.2:
                    email = ""
            elif rng.random() < 0.04:
                email = f"jobs@{rng.choice(companies).split()[0].lower()}.example"
            note = ""
            if rng.random() < 0.4:
                note = rng.choice(NOTES).format(first=rng.choice(FIRST),
                                                agency=rng.choice(AGENCIES))
            out.writerow((
                rng.choice(companies), rng.choice(ROLES), status, date, when, name, email,
                rng.choice(LOCATIONS) if rng.random() < 0.85 else "",
                rng.choice(SALARIES) if rng.random() < 0.5 else "", note,
            ))
    tmp.replace(path)


def dataset_csv(n: int, seed: int) -> Path:
    """Return the N-row CSV, generating it when missing or older than its generator."""
    path = DATA / f"import-{n}-seed{seed}.csv"
    code = max(p.stat().st_mtime for p in map(BENCH.joinpath, GENERATOR))
    if not path.exists() or path.stat().st_mtime < code:
        DATA.mkdir(parents=True, exist_ok=True)
        print(f"generating {path.name} ...", file=sys.stderr)
        write_csv(path, n, seed)
    return path


def describe_csv(path: Path) -> dict[str, Any]:
    """Return what the CSV holds: rows, bytes, and how its cells are spread."""
    statuses: dict[str, int] = {}
    interviews = future = recruiters = iso = quoted = 0
    names = set()
    now = dt.datetime.fromisoformat(NOW).replace(tzinfo=None)
    rows = 0
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        for row in reader:
            rows += 1
            statuses[row[2]] = statuses.get(row[2], 0) + 1
            if row[4]:
                interviews += 1
                future += dt.datetime.fromisoformat(row[4]) > now
            if row[5]:
                recruiters += 1
                names.add(row[5])
            iso += row[3][:1].isdigit()
            quoted += any("," in c or '"' in c for c in row)
    return {"rows": rows, "bytes": path.stat().st_size, "statuses": statuses,
            "interviews": interviews, "future_interviews": future,
            "rows_with_recruiter": recruiters, "recruiters": len(names), "iso_dates": iso,
            "rows_with_quoted_cells": quoted}


# ---------------------------------------------------------------- one process


def count_rows(db: Path, table: str) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


class Runner:
    """Runs our import and the peer's on one CSV, each into a fresh database."""

    def __init__(self, csv_path: Path, n: int, work: Path,
                 candidates: Sequence[tuple[str, str]] = ()) -> None:
        bindir = Path(sys.executable).parent
        self.exe = str(bindir / "followthrough")
        self.peer = str(bindir / "sqlite-utils")
        self.csv, self.n, self.work = csv_path, n, work
        self.env = clean_env()
        self.reports: list[dict[str, Any]] = []
        self.commands: dict[str, Callable[[], Sample]] = {
            "ours": functools.partial(self.ours, self.env), "sqlite-utils": self.theirs}
        for name, src in candidates:
            self.commands[f"candidate:{name}"] = functools.partial(
                self.ours, {**self.env, "PYTHONPATH": src})

    def ours_cmd(self, db: Path) -> list[str]:
        return [self.exe, "--db", str(db), "--now", NOW, "import", str(self.csv), "--json"]

    def peer_cmd(self, db: Path) -> list[str]:
        return [self.peer, "insert", str(db), TABLE, str(self.csv), "--csv"]

    def init(self, db: Path) -> None:
        drop(db)
        subprocess.run([self.exe, "--db", str(db), "--now", NOW, "init", "--tz", TZ,
                        "--country", COUNTRY], env=self.env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, check=True)

    def ours(self, env: dict[str, str]) -> Sample:
        db, log = self.work / "ours.db", self.work / "ours.out"
        self.init(db)
        measured = run(self.ours_cmd(db), env, log)
        report = json.loads(log.read_text(encoding="utf-8"))
        stored = count_rows(db, "applications")
        if not report.get("written") or report.get("imported") != self.n or stored != self.n:
            raise SystemExit(f"our import of {self.csv.name} is wrong: written="
                             f"{report.get('written')}, imported={report.get('imported')}, "
                             f"{stored} applications stored, {len(report.get('problems', []))} "
                             f"problems, {len(report.get('skipped', []))} skipped; want {self.n}")
        self.reports.append(report)
        drop(db)
        return measured

    def theirs(self) -> Sample:
        db, log = self.work / "peer.db", self.work / "peer.out"
        drop(db)
        measured = run(self.peer_cmd(db), self.env, log)
        stored = count_rows(db, TABLE)
        if stored != self.n:
            raise SystemExit(f"sqlite-utils stored {stored} rows of {self.csv.name}; want {self.n}")
        drop(db)
        return measured


def floor_kib(env: dict[str, str]) -> int:
    """Return the ru_maxrss of a bare `python -c pass` spawned like the imports (median of 3)."""
    with tempfile.TemporaryDirectory() as tmp:
        return int(statistics.median(
            run([sys.executable, "-c", "pass"], env, Path(tmp) / "out").rss_kib
            for _ in range(3)))


# ---------------------------------------------------------------- one size


def bench_size(n: int, runs: int, seed: int, candidates: Sequence[tuple[str, str]]
               ) -> dict[str, Any]:
    """Measure one size; return its results."""
    path = dataset_csv(n, seed)
    with tempfile.TemporaryDirectory(prefix="import-speed-", dir=DATA) as tmp:
        runner = Runner(path, n, Path(tmp), candidates)
        commands = runner.commands
        samples: dict[str, list[Sample]] = {name: [] for name in commands}
        print(f"{n}: warm-up ...", file=sys.stderr)
        for measured in commands.values():
            measured()
        for round_, order in enumerate(rounds(list(commands), runs)):
            for name in order:
                samples[name].append(commands[name]())
            print(f"{n}: round {round_ + 1}/{runs}: " + ", ".join(
                f"{k} {v[-1].wall:.2f} s {v[-1].rss_kib / 1024:.0f} MB"
                for k, v in samples.items()), file=sys.stderr)
        report = next(r for r in runner.reports)  # ours, not a candidate's
        shown = Runner(Path("FILE.csv"), n, Path(tmp))
        commands_shown = {"ours": shown.ours_cmd(Path("DB")),
                          "sqlite-utils": shown.peer_cmd(Path("DB"))}
    kept = record(samples)
    med = kept["medians"]
    peer = "sqlite-utils"
    return {
        "rows": n,
        "csv": {"file": path.name, **describe_csv(path)},
        "runs": runs,
        "commands": {k: " ".join(v).replace(str(ROOT) + "/", "") for k, v in
                     commands_shown.items()},
        **kept,
        "rows_per_s": {k: round(n / v["wall"]) for k, v in med.items()},
        # our rows/s over theirs: their time over ours, round by round
        "speed": {name: _speed(samples[name], samples[peer])
                  for name in samples if name != peer},
        "created": report["created"],
        "warnings": {"unknown_statuses": report["unknown_statuses"],
                     "unmapped": report["unmapped"]},
        "columns": report["columns"],
    }


def _speed(ours: list[Sample], peer: list[Sample]) -> dict[str, dict[str, float]]:
    """Return our rows/s over the peer's (their time over ours), on CPU and on wall time."""
    return {"cpu": ratio([p.cpu for p in peer], [o.cpu for o in ours]),
            "wall": ratio([p.wall for p in peer], [o.wall for o in ours])}


# ---------------------------------------------------------------- profile


def profile_import(path: Path, limit: int = 25) -> dict[str, Any]:
    """cProfile run_import on `path` in this process, into a fresh initialised database."""
    import cProfile
    import io
    import pstats

    from followthrough.cli.main import Ctx
    from followthrough.io import sheets
    from followthrough.services.importing import run_import

    with tempfile.TemporaryDirectory(prefix="import-profile-", dir=DATA) as tmp:
        runner = Runner(path, 0, Path(tmp))
        db = Path(tmp) / "profile.db"
        runner.init(db)
        svc = Ctx(str(db), NOW, True, None, None).service()
        table = sheets.read_table(path)
        columns = sheets.map_columns(table.header)
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        result = run_import(svc, table, columns)
        profile.disable()
        took = time.perf_counter() - started
        svc.repo.writer().engine.dispose()  # the store that wrote (a FileReader opens it)
        out: dict[str, Any] = {"rows": result.rows, "written": result.written,
                               "seconds": round(took, 2)}
        stats = pstats.Stats(profile)
        out["breakdown"] = breakdown(stats, took)
        for key in ("tottime", "cumulative"):
            stream = io.StringIO()
            pstats.Stats(profile, stream=stream).strip_dirs().sort_stats(key).print_stats(limit)
            body = stream.getvalue()
            out[key] = body[body.find("   ncalls"):] if "   ncalls" in body else body
    return out


#: Parts of run_import worth naming: (label, file name, function name).
PARTS = (
    ("reading the CSV (csv module, encoding, limits)", "sheets/csvfile.py", "csv_rows"),
    ("parse_row (checking every cell)", "sheets/rows.py", "parse_row"),
    ("Repo.insert_many (the batched INSERTs)", "store/repo.py", "insert_many"),
    ("Repo.add_contact (one INSERT per new contact)", "store/repo.py", "add_contact"),
    ("_Writer._plans (planning + their INSERT)", "services/importing.py", "_plans"),
    ("plan_application (the planner alone)", "planner/application.py", "plan_application"),
    ("_Writer._status_events", "services/importing.py", "_status_events"),
    ("_Writer._interviews", "services/importing.py", "_interviews"),
)
SQLITE_EXECUTE = ("~", 0, "<method 'execute' of 'sqlite3.Cursor' objects>")


def breakdown(stats: Any, total: float) -> dict[str, Any]:
    """Return the cumulative time of the PARTS (s and share of `total`) and the statements run."""
    parts = {}
    for label, filename, func in PARTS:
        found = [v for (f, _line, name), v in stats.stats.items()
                 if name == func and f.endswith(filename)]
        if found:
            cumulative = sum(v[3] for v in found)
            parts[label] = {"calls": sum(v[1] for v in found), "s": round(cumulative, 2),
                            "share": round(cumulative / total, 3)}
    by_caller: dict[str, dict[str, float]] = {}
    for (f, _line, name), v in stats.stats.items():
        if name == "insert_many" and f.endswith("repo.py"):
            for (cf, _cl, cname), (_cc, nc, _tt, ct) in v[4].items():
                by_caller[f"{Path(cf).name}:{cname}"] = {"calls": nc, "s": round(ct, 2)}
    execute = stats.stats.get(SQLITE_EXECUTE)
    return {"parts": parts, "insert_many_by_caller": by_caller,
            "sqlite_execute_calls": execute[1] if execute else None,
            "sqlite_execute_s": round(execute[3], 2) if execute else None}


# ---------------------------------------------------------------- report


def markdown(r: dict[str, Any]) -> str:
    """Return the docs/benchmarks.md section for these results."""
    sizes = r["sizes"]
    first, last = sizes[0], sizes[-1]
    csv_ = last["csv"]
    lines = [
        "## Spreadsheet import and its memory: `followthrough import FILE.csv`",
        "",
        f"Whole process, `{first['commands']['ours']}` into a fresh database made by `init "
        f"--tz {TZ} --country {COUNTRY}` just before (not timed), beside `"
        f"{first['commands']['sqlite-utils']}` (sqlite-utils {r['sqlite_utils']}) into a fresh "
        "file; one warm-up each, then median of "
        + " and ".join(f"{s['runs']} ({s['rows']:,} rows)" for s in sizes)
        + " runs, the two taken in turns. Every run is checked: our report says written with "
        "every row imported and the database holds that many applications; sqlite-utils' table "
        f"holds that many rows. Bar: our rows/s / sqlite-utils' rows/s >= {BAR_RATIO}, read on "
        "CPU time (user + system, from os.wait4: less sensitive to the disk than wall time, "
        "which matters here: sqlite-utils commits every 100 rows, its default `--batch-size`, "
        "and each commit waits for fsync (rollback journal, synchronous=FULL), while we write "
        "one WAL transaction), the wall-time ratio beside it; a ratio is the median of the "
        "per-round ratios, in brackets their p25–p75. sqlite-utils "
        "writes each row once into one table of text columns; we also parse and check every "
        "cell, write the status history, interviews and contacts, and plan the follow-ups of "
        "every open application with an interview (the actions already past are stored as "
        "skipped).",
        "",
        f"| rows (CSV) | we create | ours / sqlite-utils CPU (>= {BAR_RATIO}) | wall | rows/s "
        "(wall): ours · sqlite-utils | medians, CPU (wall): ours · sqlite-utils | peak RSS: "
        "ours · sqlite-utils |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in sizes:
        med, rps, speed = s["medians"], s["rows_per_s"], s["speed"]["ours"]
        created = s["created"]
        lines.append(
            f"| {s['rows']:,} ({s['csv']['bytes'] / 2**20:.1f} MB) | "
            + ", ".join(f"{created.get(k, 0):,} {k}" for k in
                        ("applications", "interviews", "contacts"))
            + f", {created.get('actions', 0):,} pending actions"
            + f" | {show(speed['cpu'], BAR_RATIO, above=True)} | {show(speed['wall'])}"
            + f" | {rps['ours']:,} · {rps['sqlite-utils']:,} | "
            + " · ".join(f"{med[k]['cpu']:.2f} ({med[k]['wall']:.2f}) s"
                         for k in ("ours", "sqlite-utils"))
            + " | " + " · ".join(f"{med[k]['rss_mb']:.0f} MB" for k in ("ours", "sqlite-utils"))
            + " |")
    if any(len(s["speed"]) > 1 for s in sizes):
        lines += ["", "Candidates (patched copies of src/, timed in the same rounds; not "
                  "shipped):", ""]
        for s in sizes:
            for name, c in s["speed"].items():
                if name.startswith("candidate:"):
                    lines.append(
                        f"- {s['rows']:,} rows, `{name[10:]}`: / sqlite-utils CPU "
                        f"{show(c['cpu'])}, wall {show(c['wall'])}, {s['rows_per_s'][name]:,} "
                        f"rows/s, peak RSS {s['medians'][name]['rss_mb']:.0f} MB")
    mem = r["memory"]
    if "cost" in r:
        c = r["cost"]
        lines += ["", f"Cost per row in CPU time (the slope between {first['rows']:,} and "
                  f"{last['rows']:,} rows): ours {c['ours']['per_row_us']} µs, sqlite-utils "
                  f"{c['sqlite-utils']['per_row_us']} µs; fixed cost (start-up, opening the "
                  f"database, the intercept): ours {c['ours']['fixed_s']} s, sqlite-utils "
                  f"{c['sqlite-utils']['fixed_s']} s."]
    lines += [
        "",
        f"Memory: peak RSS of `import` (ru_maxrss from os.wait4, median over the runs) "
        f"{mem['ours_small_mb']:.0f} MB at {first['rows']:,} rows and {mem['ours_large_mb']:.0f} "
        f"MB at {last['rows']:,}: **{mem['ratio']}x** for {last['rows'] // first['rows']}x the "
        f"rows; bar: flat in N, read as within {BAR_FLAT}x, "
        + ("met" if mem["meets_bar"] else "**not met**")
        + f". sqlite-utils: {mem['peer_small_mb']:.0f} MB and {mem['peer_large_mb']:.0f} MB "
        f"({mem['peer_ratio']}x). Floor: a bare `python -c pass` spawned the same way, "
        f"{mem['floor_mb']:.0f} MB (a child's ru_maxrss also counts the process it was "
        f"forked from, which stays at {mem['parent_mb']:.0f} MB until the measurements end).",
        "",
        load_note(r["loadavg"]["start"], r["loadavg"]["end"]),
        "",
        f"Data (this script, seed {r['seed']}, now = {NOW}): a tracker's columns `"
        + ", ".join(HEADER) + f"`; at {last['rows']:,} rows: "
        f"{csv_['interviews']:,} interview times ({csv_['future_interviews']:,} still to come), "
        f"{csv_['rows_with_recruiter']:,} rows naming one of {csv_['recruiters']} recruiters, "
        f"{csv_['iso_dates']:,} ISO dates applied (the rest like \"Nov 3, 2026\"), "
        f"{csv_['rows_with_quoted_cells']:,} rows with quoted cells; statuses "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(csv_["statuses"].items(),
                                                    key=lambda kv: -kv[1]))
        + ".",
        "",
    ]
    if "profile" in r:
        p = r["profile"]
        b = p["breakdown"]
        lines += [f"Where run_import's time goes (cProfile on the {p['rows']:,}-row file, in "
                  f"process, {p['seconds']} s under the profiler; cumulative, so parts nest): "
                  + "; ".join(f"{k} {v['s']} s ({v['share']:.0%})" for k, v in
                              b["parts"].items())
                  + ". Repo.insert_many by caller: " + ", ".join(
                      f"{k} {v['s']} s" for k, v in sorted(
                          b["insert_many_by_caller"].items(), key=lambda kv: -kv[1]["s"]))
                  + f". SQLite ran {b['sqlite_execute_calls']:,} statements "
                  f"({b['sqlite_execute_s']} s inside SQLite) for these rows.", ""]
        lines += [f"<details><summary>cProfile of <code>run_import</code> on the "
                  f"{p['rows']:,}-row file, in process ({p['seconds']} s under the profiler; "
                  "by own time)</summary>", "", "```", p["tottime"].strip(), "```", "",
                  "</details>", "",
                  "<details><summary>the same, by cumulative time</summary>", "", "```",
                  p["cumulative"].strip(), "```", "", "</details>", ""]
    return "\n".join(lines)


def candidate(text: str) -> tuple[str, str]:
    """Parse --import-candidate NAME=SRC."""
    name, sep, src = text.partition("=")
    if not sep or not Path(src, "followthrough").is_dir():
        raise argparse.ArgumentTypeError(f"{text!r}: want NAME=DIR where DIR/followthrough exists")
    return name, str(Path(src).resolve())


def main(argv: list[str] | None = None) -> int:
    """Measure, write the results, print the section; return 1 when a bar is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], allow_abbrev=False)
    parser.add_argument("--rows", type=int, nargs="+", default=list(SIZES), metavar="N",
                        help="CSV sizes; the memory bar compares the smallest and the largest")
    parser.add_argument("--import-runs", type=int, default=None, metavar="N",
                        help="rounds per size (default: 5 below 100 000 rows, 3 from there)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="add the in-process cProfile")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--import-candidate", type=candidate, action="append", default=[], metavar="NAME=SRC",
        help="also time our import with SRC (a patched copy of src/) first on sys.path, in the "
             "same rounds: measures a proposed change before it lands (repeatable)")
    args, _ = parser.parse_known_args(argv)  # scripts/bench passes its options to every bench
    if shutil.which("sqlite-utils", path=str(Path(sys.executable).parent)) is None:
        raise SystemExit("import_speed: no sqlite-utils beside the interpreter; "
                         "pip install -e '.[bench]'")
    from importlib.metadata import version

    sizes = sorted(set(args.rows))
    result: dict[str, Any] = {"machine": machine_facts(), "seed": args.seed,
                              "sqlite_utils": version("sqlite-utils"), "sizes": []}
    start = loadavg()
    for n in sizes:
        dataset_csv(n, args.seed)
    floor = floor_kib(clean_env())
    for n in sizes:
        runs = args.import_runs or (5 if n < 100000 else 3)
        result["sizes"].append(bench_size(n, runs, args.seed, args.import_candidate))
    result["loadavg"] = {"start": start, "end": loadavg()}
    small, large = result["sizes"][0]["medians"], result["sizes"][-1]["medians"]
    flat = large["ours"]["rss_mb"] / small["ours"]["rss_mb"]
    result["memory"] = {
        "ours_small_mb": small["ours"]["rss_mb"],
        "ours_large_mb": large["ours"]["rss_mb"],
        "ratio": round(flat, 2),
        "peer_small_mb": small["sqlite-utils"]["rss_mb"],
        "peer_large_mb": large["sqlite-utils"]["rss_mb"],
        "peer_ratio": round(large["sqlite-utils"]["rss_mb"] / small["sqlite-utils"]["rss_mb"], 2),
        "floor_mb": round(floor / 1024, 1),
        "parent_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "meets_bar": flat <= BAR_FLAT and len(sizes) > 1,
    }
    if len(sizes) > 1:  # the straight line through the two ends: cost per row and fixed cost
        span, rows0 = sizes[-1] - sizes[0], sizes[0]
        result["cost"] = {
            k: {"per_row_us": round((large[k]["cpu"] - small[k]["cpu"]) / span * 1e6, 1),
                "fixed_s": round(small[k]["cpu"] - rows0
                                 * (large[k]["cpu"] - small[k]["cpu"]) / span, 2)}
            for k in ("ours", "sqlite-utils")}
    result["meets_speed_bar"] = all(s["speed"]["ours"]["cpu"]["median"] >= BAR_RATIO
                                    for s in result["sizes"])
    result["meets_memory_bar"] = result["memory"]["meets_bar"]
    if args.profile or not (result["meets_speed_bar"] and result["meets_memory_bar"]):
        print(f"in-process profile of run_import ({sizes[-1]:,} rows) ...", file=sys.stderr)
        result["profile"] = profile_import(dataset_csv(sizes[-1], args.seed))
    publish(args.out, "import_speed", result, markdown(result))
    return 0 if result["meets_speed_bar"] and result["meets_memory_bar"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
