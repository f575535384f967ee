"""Every read command a person types, whole process, beside the floor (bar: <= 4x) and human
`today` beside taskwarrior's `task next` (bar: <= 1x at 10k).

    python bench/read_commands.py [--applications 500] [--runs 10] [--peer-applications 10000]
                                  [--no-taskwarrior] [--out bench/results]

On a copy of the N-application set (bench/generate.py, seed 1, cached under bench/data/; a copy
because a read command may store what it finds due, such as a keep-searching nudge) it runs
`today`, `plan APP`, `brief APP`, `app list`, `app show APP`, `contact list`, `interview show ID`,
`history` (once it exists: `followthrough history --help` exits 0), `insights`, `lint note.txt
--kind thank-you` (the 150-word clean note of bench/checker_speed.py) and `--help`, with
human output (NO_COLOR=1, stdout to /dev/null) and the floor `python -c "import sqlite3"` (the
same interpreter), one warm-up each, then `--runs` rounds taking all of them in turns, the order
rotated every round (bench/harness.py). APP is the open application with the most debriefed
interviews (then the lowest id), ID its last debriefed interview. Bar (QUALITY.md "every
command a person types"): each command's CPU time (user + system of the process, os.wait4) over
the floor's <= 4, a ratio being the median of the per-round ratios, reported with its p25 and
p75 and the wall-time ratio beside it.

Then, at the `--peer-applications` set, human `today` beside taskwarrior's `task next` holding
the same items (bench/peers.py: every open action first, topped up with finished ones), same
rounds, bar <= 1 (CPU time); and `insights --json` beside `today --json` (bar <= 3, CPU time)
with its peak RSS (bar < 100 MB). For each command it also lists the third-party packages its
process imports beyond the floor's (`python -X importtime`).

Writes bench/results/read_commands.{json,md}; scripts/bench assembles docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from checker_speed import CLEAN
from harness import (
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
    peak_rss_mib,
    publish,
    ratios,
    record,
    show,
)
from peers import loaded_peers, to_dos
from today_cold_start import import_profile

BAR_FLOOR = 4.0
BAR_TASKWARRIOR = 1.0
BAR_INSIGHTS = 3.0
BAR_INSIGHTS_RSS_MB = 100
EXE = str(Path(sys.executable).parent / "followthrough")
#: The commands, in the order of QUALITY.md; APP and ID are filled in from the data.
COMMANDS = ("today", "plan APP", "brief APP", "app list", "app show APP", "contact list",
            "interview show ID", "history", "insights", "lint NOTE --kind thank-you", "--help")
#: A command that may not exist yet: measured once `followthrough CMD --help` exits 0.
OPTIONAL = frozenset({"history"})

_PICK = """
SELECT i.application_id, MAX(i.id), COUNT(*) AS debriefed
FROM interviews i JOIN debriefs d ON d.interview_id = i.id
JOIN applications a ON a.id = i.application_id
GROUP BY i.application_id
ORDER BY a.status IN ('applied', 'interviewing', 'offer') DESC, debriefed DESC, i.application_id
LIMIT 1
"""


def pick_ids(db: Path) -> dict[str, str]:
    """Return APP (an open application with debriefed interviews, the most of them) and ID (its
    last debriefed interview)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = conn.execute(_PICK).fetchone()
    finally:
        conn.close()
    if row is None:
        raise SystemExit(f"read_commands: {db.name} has no debriefed interview to show")
    return {"APP": str(row[0]), "ID": str(row[1]), "debriefed": str(row[2])}


def argv(words: tuple[str, ...], db: Path, ids: dict[str, str]) -> list[str]:
    """Return the command line of a command on `db`, APP and ID filled in."""
    words = tuple(ids.get(w, w) for w in words)
    if words == ("--help",):
        return [EXE, "--help"]
    return [EXE, "--db", str(db), "--now", NOW, *words]


def exists(words: tuple[str, ...], env: dict[str, str]) -> bool:
    """Return True when `followthrough WORDS --help` exits 0 (the command is built)."""
    done = subprocess.run([EXE, *words, "--help"], env=env, capture_output=True, check=False)
    return done.returncode == 0


def output_of(cmd: list[str], env: dict[str, str]) -> dict[str, int]:
    """Run a command once; return the lines and bytes it prints (fails when it fails)."""
    done = subprocess.run(cmd, env=env, capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-2000:]!r}")
    return {"lines": done.stdout.count(b"\n"), "bytes": len(done.stdout)}


def third_party(cmd: list[str], env: dict[str, str]) -> list[str]:
    """Return the third-party packages the command imports beyond the floor's."""
    return [t for t in import_profile(cmd, env)["third_party"] if t != "followthrough"]


def every_command(n: int, runs: int, seed: int) -> dict[str, Any]:
    """Measure every read command at the N set; return the results."""
    env = clean_env()
    source = dataset(n, seed)
    ids = pick_ids(source)
    with tempfile.TemporaryDirectory(prefix="read-commands-") as tmp:
        db = Path(tmp) / "read.db"
        shutil.copyfile(source, db)
        note = Path(tmp) / "note.txt"  # a 150-word thank-you (issue 13: lint as a whole process)
        note.write_text(CLEAN, encoding="utf-8")
        ids = {**ids, "NOTE": str(note)}
        built = [name for name in COMMANDS
                 if name not in OPTIONAL or exists(tuple(name.split()), env)]
        commands = {name: (argv(tuple(name.split()), db, ids), env) for name in built}
        printed = {name: output_of(cmd, env) for name, (cmd, _env) in commands.items()}
        imports = {name: third_party(cmd, env) for name, (cmd, _env) in commands.items()}
        commands["floor"] = (FLOOR, env)
        print(f"{n}: timing {len(commands)} commands x {runs} ...", file=sys.stderr)
        samples = measure(commands, runs)
    return {
        "applications": n,
        "rows": counts(source),
        "ids": ids,
        "runs": runs,
        "not_built": [name for name in COMMANDS if name not in built],
        "printed": printed,
        "imports": imports,
        **record(samples),
        "over_floor": {name: ratios(samples, name, "floor") for name in built},
    }


def today_vs_taskwarrior(n: int, runs: int, seed: int, task: str) -> dict[str, Any]:
    """Measure human `today` at the N set beside `task next` with the same items."""
    env = clean_env()
    source = dataset(n, seed)
    items = to_dos(source, n)
    with tempfile.TemporaryDirectory(prefix="read-commands-") as tmp:
        db = Path(tmp) / "today.db"
        shutil.copyfile(source, db)
        ours = argv(("today",), db, {})
        printed = output_of(ours, env)
        print(f"{n}: loading taskwarrior with {len(items):,} to-dos ...", file=sys.stderr)
        with loaded_peers(items, task, env, todoman=False) as peer_env:
            commands = {"today": (ours, env),
                        "taskwarrior": ([task, "next"], {**env, **peer_env["taskwarrior"]}),
                        "floor": (FLOOR, env)}
            print(f"{n}: timing today, task next, floor x {runs} ...", file=sys.stderr)
            samples = measure(commands, runs)
    return {
        "applications": n,
        "rows": counts(source),
        "peer_items": len(items),
        "peer_open_items": sum(1 for r in items if r["status"] in ("pending", "snoozed")),
        "printed": printed,
        **record(samples),
        "over_taskwarrior": ratios(samples, "today", "taskwarrior"),
        "over_floor": ratios(samples, "today", "floor"),
    }


def insights_at_scale(n: int, runs: int, seed: int) -> dict[str, Any]:
    """Measure `insights --json` at the N set beside `today --json` (both to a pipe)."""
    env = clean_env()
    source = dataset(n, seed)
    with tempfile.TemporaryDirectory(prefix="read-commands-") as tmp:
        db = Path(tmp) / "insights.db"
        shutil.copyfile(source, db)
        commands = {name: (argv((*name.split(), "--json"), db, {}), env)
                    for name in ("insights", "today")}
        printed = {name: output_of(cmd, env) for name, (cmd, _env) in commands.items()}
        commands["floor"] = (FLOOR, env)
        print(f"{n}: timing insights --json, today --json, floor x {runs} ...", file=sys.stderr)
        samples = measure(commands, runs)
        peak = peak_rss_mib(commands["insights"][0], env)
    return {
        "applications": n,
        "rows": counts(source),
        "printed": printed,
        **record(samples),
        "over_today": ratios(samples, "insights", "today"),
        "peak_rss_mb": peak,
    }


# ---------------------------------------------------------------- report


def _ms(m: dict[str, float]) -> str:
    return f"{m['cpu'] * 1000:.0f} ({m['wall'] * 1000:.0f}) ms"


def command_table(r: dict[str, Any]) -> list[str]:
    """Return the table of every command over the floor."""
    lines = [f"| command | prints | CPU / floor (<= {BAR_FLOOR:g}) | wall / floor | median CPU "
             "(wall) | third-party imports |", "|---|---|---|---|---|---|"]
    for name in COMMANDS:
        label = "`" + " ".join(r["ids"].get(w, w) if w != "NOTE" else "note.txt"
                               for w in name.split()) + "`"  # fmt: skip
        if name in r["not_built"]:
            lines.append(f"| {label} | not built yet (`followthrough {name} --help` exits "
                         "non-zero) | - | - | - | - |")
            continue
        both, printed = r["over_floor"][name], r["printed"][name]
        lines.append(
            f"| {label} | {printed['lines']:,} lines, {printed['bytes'] / 1024:.1f} KB | "
            f"{show(both['cpu'], BAR_FLOOR)} | {show(both['wall'])} | "
            f"{_ms(r['medians'][name])} | {', '.join(r['imports'][name]) or 'none'} |")
    lines.append(f"| floor `python -c \"import sqlite3\"` | - | 1 | 1 | "
                 f"{_ms(r['medians']['floor'])} | - |")
    return lines


def peer_paragraph(p: dict[str, Any] | None, why: str) -> list[str]:
    """Return the lines on human `today` beside `task next`."""
    if p is None:
        return [f"Human `today` beside taskwarrior's `task next`: not measured ({why}).", ""]
    med = p["medians"]
    return [
        f"Human `today` at the {p['applications']:,} set ({p['rows']['actions']:,} actions; it "
        f"prints {p['printed']['lines']:,} lines) beside taskwarrior's `task next` holding "
        f"{p['peer_items']:,} to-dos of the same data ({p['peer_open_items']:,} open), in the "
        f"same rounds with the floor, {len(p['samples']['today'])} rounds:",
        "",
        f"| | CPU (<= {BAR_TASKWARRIOR:g} for taskwarrior) | wall | medians, CPU (wall) |",
        "|---|---|---|---|",
        f"| `today` / `task next` | {show(p['over_taskwarrior']['cpu'], BAR_TASKWARRIOR)} | "
        f"{show(p['over_taskwarrior']['wall'])} | {_ms(med['today'])} · "
        f"{_ms(med['taskwarrior'])} |",
        f"| `today` / floor | {show(p['over_floor']['cpu'])} | {show(p['over_floor']['wall'])} "
        f"| {_ms(med['today'])} · {_ms(med['floor'])} |",
        "",
    ]


def insights_paragraph(i: dict[str, Any]) -> list[str]:
    """Return the lines on `insights --json` beside `today --json` at scale."""
    med, rss = i["medians"], i["peak_rss_mb"]
    verdict = "met" if rss < BAR_INSIGHTS_RSS_MB else "**not met**"
    return [
        f"`insights --json` at the {i['applications']:,} set ({i['rows']['actions']:,} actions, "
        f"{i['rows']['interviews']:,} interviews; it prints "
        f"{i['printed']['insights']['bytes'] / 1024:.0f} KB) beside `today --json` on the same "
        f"data ({i['printed']['today']['bytes'] / 1024:.0f} KB), both to a pipe, "
        f"{len(i['samples']['insights'])} rounds in turns with the floor:",
        "",
        f"| | CPU (<= {BAR_INSIGHTS:g}) | wall | medians, CPU (wall) |",
        "|---|---|---|---|",
        f"| `insights --json` / `today --json` | {show(i['over_today']['cpu'], BAR_INSIGHTS)} | "
        f"{show(i['over_today']['wall'])} | {_ms(med['insights'])} · {_ms(med['today'])} |",
        "",
        f"Peak RSS of `insights --json`: **{rss:.0f} MB** (bar < {BAR_INSIGHTS_RSS_MB} MB) "
        f"{verdict}: the largest of 3 runs as GNU time measures it (the process's own peak; "
        "a child's `ru_maxrss` also counts the harness it was forked from).",
        "",
    ]


def markdown(r: dict[str, Any]) -> str:
    """Return the docs/benchmarks.md section."""
    c, rows = r["commands"], r["commands"]["rows"]
    over = [name for name, v in c["over_floor"].items() if v["cpu"]["median"] > BAR_FLOOR]
    lines = [
        "## Every read command a person types",
        "",
        f"Whole process, human output (`NO_COLOR=1`, stdout to /dev/null), on a copy of the "
        f"{c['applications']:,}-application set ({rows['interviews']:,} interviews, "
        f"{rows['actions']:,} actions, {rows['interactions']:,} interactions, "
        f"{rows['contacts']:,} contacts; bench/generate.py, seed 1, now = {NOW}), beside the "
        "floor `python -c \"import sqlite3\"` (the same interpreter): one warm-up each, then "
        f"{c['runs']} rounds taking every command and the floor in turns, the order rotated "
        f"every round. APP = {c['ids']['APP']}, the open application with the most debriefed "
        f"interviews ({c['ids']['debriefed']}); ID = {c['ids']['ID']}, its last debriefed "
        f"interview. Bar: CPU time (user + system of the process, from os.wait4) <= "
        f"{BAR_FLOOR:g}x the floor's; a ratio is the median of the per-round ratios, in "
        "brackets their p25–p75; the wall-time ratio beside it. Third-party imports: the "
        "packages the process imports beyond the floor's (`python -X importtime`).",
        "",
        *command_table(c),
        "",
        (f"Over the bar: {', '.join(f'`{n}`' for n in over)}." if over
         else "Every command built meets the bar."),
        "",
        *peer_paragraph(r.get("peer"), r.get("peer_skipped", "")),
        *insights_paragraph(r["insights"]),
        load_note(r["loadavg"]["start"], r["loadavg"]["end"]),
        "",
    ]
    return "\n".join(lines)


def main(argv_: list[str] | None = None) -> int:
    """Measure, write the results, print the section; return 1 when a bar is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applications", type=int, default=500, metavar="N")
    parser.add_argument("--peer-applications", type=int, default=10000, metavar="N")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-taskwarrior", action="store_true", help="skip `task next`")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args, _ = parser.parse_known_args(argv_)  # scripts/bench passes its options to every bench
    start = loadavg()
    result: dict[str, Any] = {"machine": machine_facts(),
                              "commands": every_command(args.applications, args.runs, args.seed)}
    task = None if args.no_taskwarrior else shutil.which("task")
    if task:
        result["peer"] = today_vs_taskwarrior(args.peer_applications, args.runs, args.seed, task)
    else:
        result["peer_skipped"] = "--no-taskwarrior" if args.no_taskwarrior else \
            "taskwarrior is not installed (Debian package taskwarrior)"
    result["insights"] = insights_at_scale(args.peer_applications, args.runs, args.seed)
    result["loadavg"] = {"start": start, "end": loadavg()}
    publish(args.out, "read_commands", result, markdown(result))
    met = all(v["cpu"]["median"] <= BAR_FLOOR for v in result["commands"]["over_floor"].values())
    peer = result.get("peer")
    met = met and (peer is None or peer["over_taskwarrior"]["cpu"]["median"] <= BAR_TASKWARRIOR)
    scale = result["insights"]
    met = met and scale["over_today"]["cpu"]["median"] <= BAR_INSIGHTS
    met = met and scale["peak_rss_mb"] < BAR_INSIGHTS_RSS_MB
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
