"""Agenda at scale: `today --json` on about 1M actions beside the 10k set (bar: <= 2x).

    python bench/agenda_scale.py [--runs 10] [--target 1000000] [--growing 100000]
                                 [--out bench/results]

QUALITY.md "agenda query at scale": `today` on 1M actions within 2x its time on the 10k set
(153,916 actions) when the window holds the same number of actions. Two large databases,
each timed against the 10k set in the same rounds:

(a) same window: the 10k set plus a long history. Copies of its finished applications
    (rejected, closed, withdrawn), their interviews and their finished actions (done, skipped,
    cancelled) shifted back by 2, 4, 6 ... years (ids offset, action keys prefixed) until the
    database holds `--target` actions. Nothing new falls in the 7-day window, no open
    application is added and no date moves forward, so `today` prints the same items.
(b) growing window: the generator's own `--growing`-application set (10x the applications over
    the same two years: about 1.5M actions, and 10x the items in the window).

Whole process, `followthrough --db DB --now NOW today --json` (stdout to /dev/null), one warm-up
each, then `--runs` rounds taking the three and the floor `python -c "import sqlite3"` in turns
(bench/harness.py); ratios large / 10k on CPU time (the bar) and wall time, median of the
per-round ratios with p25/p75. For each database it also reports the actions in the window (the
items `today --json` prints), whether the stdlib fast path answered (store/fast.py), and, in
process, the CPU time of that fast path and of each SQL statement it runs (traced), with
SQLite's EXPLAIN QUERY PLAN of each.

Writes bench/results/agenda_scale.{json,md}; scripts/bench assembles docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import sqlite3
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from harness import (
    DATA,
    FLOOR,
    NOW,
    RESULTS,
    clean_env,
    counts,
    dataset,
    load_note,
    loadavg,
    machine_facts,
    measure,
    publish,
    ratios,
    record,
    show,
)

BAR = 2.0
BASE = 10_000
CLOSED = ("rejected", "closed", "withdrawn")
OPEN_ACTIONS = ("pending", "snoozed")
SHIFT_DAYS = 730
EXE = str(Path(sys.executable).parent / "followthrough")

# ---------------------------------------------------------------- (a) the history set


def _copy_sql(conn: sqlite3.Connection, table: str, k: int, offsets: dict[str, int],
              where: str) -> str:
    """Return the INSERT ... SELECT that copies `table`'s rows matching `where` k * 2 years back,
    ids offset by `offsets` (the table's own and those of the rows it points to)."""
    shift = f"'-{SHIFT_DAYS * k} days'"
    names, exprs = [], []
    for _cid, name, type_, *_ in conn.execute(f"PRAGMA table_info({table})"):
        names.append(name)
        if name == "id":
            exprs.append(f"id + {offsets[table]}")
        elif name in ("application_id", "interview_id"):
            exprs.append(f"{name} + {offsets[name.split('_')[0] + 's']}")
        elif name == "key":
            exprs.append(f"'h{k}:' || key")
        elif type_ == "DATETIME":  # the store's text: 'YYYY-MM-DD HH:MM:SS.ffffff'
            exprs.append(f"datetime({name}, {shift}) || substr({name}, 20)")
        elif type_ == "DATE":
            exprs.append(f"date({name}, {shift})")
        else:
            exprs.append(name)
    return (f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(exprs)} "
            f"FROM {table} WHERE {where}")


def add_history(conn: sqlite3.Connection, target: int) -> int:
    """Add shifted copies of the finished history until `target` actions; return the copies."""
    top = {t: conn.execute(f"SELECT MAX(id) FROM {t}").fetchone()[0]
           for t in ("applications", "interviews", "actions")}
    closed = (f"SELECT id FROM applications WHERE id <= {top['applications']} "
              f"AND status IN {CLOSED!r}")
    where = {
        "applications": f"id IN ({closed})",
        "interviews": f"id <= {top['interviews']} AND application_id IN ({closed})",
        "actions": (f"id <= {top['actions']} AND status NOT IN {OPEN_ACTIONS!r} "
                    f"AND application_id IN ({closed})"),
    }
    k = 0
    while conn.execute("SELECT COUNT(*) FROM actions").fetchone()[0] < target:
        k += 1
        offsets = {t: k * top[t] for t in top}
        for table in ("applications", "interviews", "actions"):
            conn.execute(_copy_sql(conn, table, k, offsets, where[table]))
    return k


def history_set(target: int, seed: int) -> Path:
    """Return the 10k set with `target` actions of history (made when missing or stale)."""
    base = dataset(BASE, seed)
    path = DATA / f"apps-{BASE}-seed{seed}-history-{target}.db"
    if path.exists() and path.stat().st_mtime > base.stat().st_mtime:
        return path
    print(f"making {path.name} ...", file=sys.stderr)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    source, conn = sqlite3.connect(f"file:{base}?mode=ro", uri=True), sqlite3.connect(tmp)
    try:
        source.backup(conn)
        conn.isolation_level = None
        conn.execute("BEGIN IMMEDIATE")
        add_history(conn, target)
        conn.execute("COMMIT")
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise SystemExit(f"agenda_scale: foreign key problems: {problems[:5]}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        source.close()
        conn.close()
    tmp.replace(path)
    return path


# ---------------------------------------------------------------- in process


@contextlib.contextmanager
def traced() -> Iterator[list[str]]:
    """Collect the SQL (parameters expanded) of every sqlite3 connection opened in the block."""
    seen: list[str] = []
    connect = sqlite3.connect

    def tracing(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = connect(*args, **kwargs)
        conn.set_trace_callback(seen.append)
        return conn

    sqlite3.connect = tracing  # type: ignore[assignment]
    try:
        yield seen
    finally:
        sqlite3.connect = connect  # type: ignore[assignment]


def _median_ms(func: Any, runs: int) -> float:
    """Return the median CPU time of `func()` in this process, in ms (process_time: on a
    shared machine the wall time of a few milliseconds is mostly the others' work)."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        func()
        times.append(time.process_time() - started)
    return round(statistics.median(times) * 1000, 2)


def in_process(db: Path, runs: int) -> dict[str, Any]:
    """Return the fast path's answer and time in this process, and its statements' plans."""
    from followthrough.store import fast

    now = dt.datetime.fromisoformat(NOW)
    with traced() as statements:
        text = fast.today_text(db, now, {})
    out: dict[str, Any] = {"fast_path": text is not None,
                           "fast_path_ms": _median_ms(lambda: fast.today_text(db, now, {}), runs)}
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        out["statements"] = [
            {"sql": " ".join(sql.split()),
             "ms": _median_ms(lambda sql=sql: conn.execute(sql).fetchall(), runs),
             "plan": [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]}
            for sql in statements if not sql.upper().startswith(("PRAGMA", "BEGIN", "COMMIT"))]
    finally:
        conn.close()
    return out


# ---------------------------------------------------------------- whole process


def shown(db: Path, env: dict[str, str]) -> int:
    """Return the number of actions `today --json` prints (the window)."""
    import subprocess

    done = subprocess.run([EXE, "--db", str(db), "--now", NOW, "today", "--json"], env=env,
                          capture_output=True, check=True)
    return sum(len(v) for v in json.loads(done.stdout).values() if isinstance(v, list))


def measure_all(sets: dict[str, Path], runs: int, in_runs: int) -> dict[str, Any]:
    """Time `today --json` on every set in the same rounds; return the results."""
    env = clean_env()
    commands = {name: ([EXE, "--db", str(db), "--now", NOW, "today", "--json"], env)
                for name, db in sets.items()}
    commands["floor"] = (FLOOR, env)
    about = {name: {"rows": counts(db), "window": shown(db, env), **in_process(db, in_runs)}
             for name, db in sets.items()}
    print(f"timing {', '.join(commands)} x {runs} ...", file=sys.stderr)
    samples = measure(commands, runs)
    return {
        "runs": runs,
        "sets": about,
        **record(samples),
        "over_base": {name: ratios(samples, name, "10k") for name in sets if name != "10k"},
        "over_floor": {name: ratios(samples, name, "floor") for name in sets},
    }


# ---------------------------------------------------------------- report

LABELS = {"10k": "10k set (base)", "same window": "(a) same window: 10k + history",
          "growing window": "(b) growing window: the generator's set"}


def markdown(r: dict[str, Any]) -> str:
    """Return the docs/benchmarks.md section."""
    m = r["measured"]
    lines = [
        "## Agenda query at scale: `today --json` on 1M actions",
        "",
        "Whole process, `followthrough --db DB --now NOW today --json` (stdout to /dev/null), "
        f"one warm-up each, then {m['runs']} rounds taking every database and the floor in "
        "turns, the order rotated every round. (a) same window: the 10k set plus "
        f"{r['history_copies']} copies of its finished history (its rejected, closed and "
        "withdrawn applications, their interviews and their done, skipped and cancelled "
        f"actions) shifted back by 2 to {2 * r['history_copies']} years: nothing new in the "
        "7-day window. (b) growing window: bench/generate.py's "
        f"{r['growing']:,}-application set (10x the applications over the same two years). "
        f"Bar: time on 1M actions / time on the 10k set <= {BAR:g} when the window holds the "
        "same actions, i.e. (a), read on CPU time (user + system, os.wait4); a ratio is the "
        "median of the per-round ratios, in brackets p25–p75, the wall-time ratio beside it.",
        "",
        f"| database | actions | in the window | / 10k CPU (<= {BAR:g} for (a)) | / 10k wall "
        "| / floor CPU | medians, CPU (wall) | fast path in process, CPU |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, about in m["sets"].items():
        med = m["medians"][name]
        over = m["over_base"].get(name)
        cpu = "1 (base)" if over is None else show(over["cpu"], BAR if name == "same window"
                                                   else None)
        wall = "1" if over is None else show(over["wall"])
        fast = (f"{about['fast_path_ms']} ms" if about["fast_path"]
                else f"**not taken** (full path), {about['fast_path_ms']} ms")
        lines.append(
            f"| {LABELS[name]} | {about['rows']['actions']:,} | {about['window']:,} | {cpu} | "
            f"{wall} | {show(m['over_floor'][name]['cpu'])} | {med['cpu'] * 1000:.0f} "
            f"({med['wall'] * 1000:.0f}) ms | {fast} |")
    floor = m["medians"]["floor"]
    lines += ["", f"Floor `python -c \"import sqlite3\"`: {floor['cpu'] * 1000:.0f} "
              f"({floor['wall'] * 1000:.0f}) ms.", "",
              "The fast path's statements in process (median CPU time of "
              f"{r['in_runs']} runs each, ms) and SQLite's plan for each:", ""]
    lines += statement_table(m["sets"])
    lines += ["", load_note(r["loadavg"]["start"], r["loadavg"]["end"]), ""]
    return "\n".join(lines)


def statement_table(sets: dict[str, Any]) -> list[str]:
    """Return a table of the fast path's statements: time per database and the plan."""
    names = list(sets)
    first = sets[names[0]]["statements"]
    lines = ["| statement | " + " | ".join(f"{n} ms" for n in names) + " | plan (10k) |",
             "|---|" + "---|" * len(names) + "---|"]
    for i, st in enumerate(first):
        sql = st["sql"] if len(st["sql"]) < 90 else st["sql"][:87] + "..."
        cells = [str(sets[n]["statements"][i]["ms"]) if i < len(sets[n]["statements"]) else "-"
                 for n in names]
        lines.append(f"| `{sql}` | " + " | ".join(cells) + " | "
                     + "; ".join(st["plan"]).replace("|", "/") + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Measure, write the results, print the section; return 1 when the bar is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--in-runs", type=int, default=20, help="in-process runs per statement")
    parser.add_argument("--target", type=int, default=1_000_000, help="actions of set (a)")
    parser.add_argument("--growing", type=int, default=100_000, help="applications of set (b)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args, _ = parser.parse_known_args(argv)  # scripts/bench passes its options to every bench
    start = loadavg()
    sets = {"10k": dataset(BASE, args.seed), "same window": history_set(args.target, args.seed),
            "growing window": dataset(args.growing, args.seed)}
    conn = sqlite3.connect(f"file:{sets['same window']}?mode=ro", uri=True)
    copies = conn.execute("SELECT COUNT(DISTINCT substr(key, 1, instr(key, ':'))) FROM actions "
                          "WHERE key LIKE 'h%:%' AND key GLOB 'h[0-9]*:*'").fetchone()[0]
    conn.close()
    result: dict[str, Any] = {"machine": machine_facts(), "target": args.target,
                              "growing": args.growing, "history_copies": copies,
                              "in_runs": args.in_runs,
                              "measured": measure_all(sets, args.runs, args.in_runs)}
    result["loadavg"] = {"start": start, "end": loadavg()}
    publish(args.out, "agenda_scale", result, markdown(result))
    met = result["measured"]["over_base"]["same window"]["cpu"]["median"] <= BAR
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
