"""CLI cold start: `followthrough today --json` beside `todo list` (todoman) and the floor.

    python bench/today_cold_start.py [--sizes 1000 10000] [--large] [--runs 10]

For each size N it generates (or reuses, under bench/data/) the N-application data set, gives
the peers N to-dos taken from the same data (bench/peers.py: every open action first, so they
list at least what we print, topped up with finished ones), and measures whole-process wall
time with time.perf_counter around subprocess.run: one warm-up each (todoman builds its cache
there), then `--runs` rounds that run the commands in turn, so drift on a shared machine hits
all of them.
It reports medians and the ratios ours/todoman (bar <= 0.5, QUALITY.md) and ours/floor, where the
floor is `python -c "import sqlite3"` with the same interpreter. When `task` (taskwarrior) is
on PATH it is measured too (`task next`, bar: ours <= 1x from 10k up).

It also records `python -X importtime` of our command and fails when a module that must stay off
the start-up path (sqlalchemy, rich, jinja2, fastapi, pydantic, openpyxl, llm, ...) is imported.
Results go to bench/results/today_cold_start.{json,md}; scripts/bench assembles docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from peers import loaded_peers, to_dos

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATA = BENCH / "data"
RESULTS = BENCH / "results"
GENERATOR = ("generate.py", "jobsearch.py", "followups.py", "shapes.py", "vocabulary.py")
NOW = "2026-11-24T10:00:00+01:00"
BAR_TODOMAN = 0.5
BAR_TASKWARRIOR = 1.0
BANNED = ("sqlalchemy", "alembic", "rich", "jinja2", "fastapi", "starlette", "pydantic",
          "openpyxl", "llm", "uvicorn", "httpx")
# `copy` probes for Jython's org.python.core; -X importtime lists the probe as an import.
IMPORT_NOISE = frozenset({"org"})
# Only these third-party packages may be imported on the `today --json` path.
ALLOWED_THIRD_PARTY = frozenset({"click", "followthrough"})


# ---------------------------------------------------------------- data


def dataset(n: int, seed: int) -> Path:
    """Return the N-application database, generating it when missing or stale."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    import generate  # bench/generate.py

    path = DATA / f"apps-{n}-seed{seed}.db"
    if not _fresh(path):
        DATA.mkdir(parents=True, exist_ok=True)
        print(f"generating {path.name} ...", file=sys.stderr)
        started = time.perf_counter()
        generate.generate(path, n, seed, generate.parse_now(NOW))
        print(f"  {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


def _fresh(path: Path) -> bool:
    """Return True when `path` is newer than the generator's code and at the schema head."""
    code = max(p.stat().st_mtime for p in map(BENCH.joinpath, GENERATOR))
    if not path.exists() or path.stat().st_mtime < code:
        return False
    from followthrough.store.db import HEAD

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()
    return row is not None and row[0] == HEAD


def counts(db: Path) -> dict[str, int]:
    """Return the row counts of the main tables."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("applications", "interviews", "actions", "interactions", "contacts")}
    finally:
        conn.close()


# ---------------------------------------------------------------- timing


def clean_env() -> dict[str, str]:
    """Return the environment every command runs in, as on a user's machine.

    No project overrides, no colours, and byte-code caching on: a session or CI that sets
    PYTHONDONTWRITEBYTECODE would make every run compile our sources again (todoman's and the
    stdlib's .pyc files already exist), which no installed copy does. The caches go under
    bench/data/pycache (PYTHONPYCACHEPREFIX) so that nothing is written beside the sources; the
    warm-up run fills them for every command alike.
    """
    drop = ("FOLLOWTHROUGH_", "TODOMAN_", "TASKRC", "TASKDATA", "PYTHONDONTWRITEBYTECODE",
            "PYTHONUNBUFFERED", "PYTHONPYCACHEPREFIX", "PYTHONPROFILEIMPORTTIME")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env.update({"NO_COLOR": "1", "LC_ALL": "C.UTF-8",
                "PYTHONPYCACHEPREFIX": str(DATA / "pycache")})
    return env


def run_once(cmd: list[str], env: dict[str, str]) -> float:
    """Return the wall time of one whole process; fail loudly when it fails."""
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()}")
    return took


def measure(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int
            ) -> dict[str, list[float]]:
    """Time every command `runs` times, in turns, after one warm-up each."""
    for cmd, env in commands.values():
        run_once(cmd, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (cmd, env) in commands.items():
            times[name].append(run_once(cmd, env))
    return times


# ---------------------------------------------------------------- import profile


def _importtime(cmd: list[str], env: dict[str, str]) -> list[tuple[str, int, int, int]]:
    """Return (module, self us, cumulative us, depth) for every import `cmd` makes."""
    done = subprocess.run([sys.executable, "-X", "importtime", *cmd], env=env, text=True,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative, name = line[len("import time:"):].split("|", 2)
        rows.append((name.strip(), int(self_us), int(cumulative), len(name) - len(name.lstrip())))
    return rows


def import_profile(cmd: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Return what `python -X importtime` shows for our command beyond the floor's imports."""
    floor = {r[0] for r in _importtime(["-c", "import sqlite3"], env)}
    rows = [r for r in _importtime(cmd, env) if r[0] not in floor]
    tops = {name.split(".")[0] for name, *_ in rows} - IMPORT_NOISE
    third = sorted(t for t in tops if t not in sys.stdlib_module_names and not t.startswith("_"))
    banned = sorted(t for t in tops if t in BANNED)
    outermost = min((depth for *_, depth in rows), default=1)
    top = sorted((r for r in rows if r[3] == outermost), key=lambda r: -r[2])[:10]
    return {
        "modules": len(rows),
        "total_ms": round(sum(r[1] for r in rows) / 1000, 1),
        "third_party": third,
        "unexpected_third_party": [t for t in third if t not in ALLOWED_THIRD_PARTY],
        "banned": banned,
        "top_cumulative_ms": [(name, round(cum / 1000, 1)) for name, _s, cum, _d in top],
        "top_self_ms": [(name, round(s / 1000, 1))
                        for name, s, _c, _d in sorted(rows, key=lambda r: -r[1])[:10]],
    }


def cprofile_top(cmd: list[str], env: dict[str, str], limit: int = 15) -> str:
    """Return the top of a cProfile of our command, by own time."""
    import pstats

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "profile.out"
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), *cmd], env=env,
                       stdout=subprocess.DEVNULL, check=True)
        text = Path(tmp) / "stats.txt"
        with text.open("w") as stream:
            stats = pstats.Stats(str(out), stream=stream).strip_dirs()
            stats.sort_stats("tottime").print_stats(limit)
        body = text.read_text()
        return body[body.find("   ncalls"):] if "   ncalls" in body else body


# ---------------------------------------------------------------- one size


def bench_size(n: int, args: argparse.Namespace) -> dict[str, Any]:
    """Measure one size; return its results."""
    db = dataset(n, args.seed)
    bindir = Path(sys.executable).parent
    ours = [str(bindir / "followthrough"), "--db", str(db), "--now", NOW, "today", "--json"]
    env = clean_env()
    payload = json.loads(subprocess.run(ours, env=env, capture_output=True, check=True).stdout)
    items = to_dos(db, n)
    task = shutil.which("task") if not args.no_taskwarrior else None
    print(f"{n}: preparing peers ({len(items)} to-dos) ...", file=sys.stderr)
    with loaded_peers(items, task, env) as peer_env:
        commands = {
            "ours": (ours, env),
            "todoman": ([str(bindir / "todo"), "list"], {**env, **peer_env["todoman"]}),
            "floor": ([sys.executable, "-c", "import sqlite3"], env),
        }
        if "taskwarrior" in peer_env:
            commands["taskwarrior"] = ([task, "next"], {**env, **peer_env["taskwarrior"]})
        for name, src in args.candidate:
            commands[f"candidate:{name}"] = (ours, {**env, "PYTHONPATH": src})
        print(f"{n}: timing {', '.join(commands)} x {args.runs} ...", file=sys.stderr)
        times = measure(commands, args.runs)
    med = {name: statistics.median(t) for name, t in times.items()}
    result: dict[str, Any] = {
        "applications": n,
        "rows": counts(db),
        "shown": {k: len(v) for k, v in payload.items() if isinstance(v, list)},
        "peer_items": len(items),
        "peer_open_items": sum(1 for r in items if r["status"] in ("pending", "snoozed")),
        "runs": args.runs,
        "median_s": {k: round(v, 4) for k, v in med.items()},
        "times_s": {k: [round(x, 4) for x in v] for k, v in times.items()},
        "ours_over_todoman": round(med["ours"] / med["todoman"], 3),
        "ours_over_floor": round(med["ours"] / med["floor"], 2),
        "imports": import_profile(ours, env),
        "spread": {peer: spread(times["ours"], times[peer]) for peer in times if peer != "ours"},
    }
    if "taskwarrior" in med:
        result["ours_over_taskwarrior"] = round(med["ours"] / med["taskwarrior"], 3)
    result["candidates"] = {
        name.split(":", 1)[1]: {
            "over_todoman": round(t / med["todoman"], 3),
            "over_floor": round(t / med["floor"], 2),
            **({"over_taskwarrior": round(t / med["taskwarrior"], 3)} if "taskwarrior" in med
               else {}),
        }
        for name, t in med.items() if name.startswith("candidate:")
    }
    result["meets_bar"] = result["ours_over_todoman"] <= BAR_TODOMAN and not (
        n >= 10000 and result.get("ours_over_taskwarrior", 0) > BAR_TASKWARRIOR
    )
    if args.profile or not result["meets_bar"]:
        result["cprofile"] = cprofile_top(ours, env)
    return result


# ---------------------------------------------------------------- report


def spread(ours: list[float], peer: list[float]) -> tuple[float, float]:
    """Return the quartiles (25 %, 75 %) of the per-round ratios ours / peer.

    The commands run in turns, so one round's ratio compares runs made moments apart; the spread
    says how far a verdict near the bar can be trusted.
    """
    ratios = sorted(o / p for o, p in zip(ours, peer, strict=True))
    if len(ratios) < 2:
        return ratios[0], ratios[0]
    low, _mid, high = statistics.quantiles(ratios, n=4)
    return round(low, 3), round(high, 3)


def _verdict(r: dict[str, Any], peer: str, bar: float, applies: bool = True) -> str:
    ratio = r.get(f"ours_over_{peer}")
    if ratio is None:
        return "-"
    low, high = r["spread"][peer]
    text = f"**{ratio}** ({low}–{high})"
    if not applies:
        return f"{text}, bar from 10k"
    return f"{text} {'met' if ratio <= bar else '**not met**'}"


def markdown(results: list[dict[str, Any]], machine: dict[str, Any]) -> str:
    """Return the docs/benchmarks.md section for these results."""
    has_task = any("ours_over_taskwarrior" in r for r in results)
    peers = ["ours", "todoman", *(["taskwarrior"] if has_task else []), "floor"]
    lines = [
        "## CLI cold start: `followthrough today --json`",
        "",
        f"Whole process, median of {results[0]['runs']} runs after one warm-up each, the commands "
        f"taken in turns. `todo list` (todoman {machine.get('todoman', '?')}, cache warm)"
        + (" and `task next` (taskwarrior)" if has_task else "")
        + " hold N to-dos taken from the same data: every open action first, topped up with "
        "finished ones. The floor is `python -c \"import sqlite3\"` with the same interpreter. "
        f"Bars: ours / todoman <= {BAR_TODOMAN}; ours / taskwarrior <= {BAR_TASKWARRIOR} "
        "from 10k up. A ratio is the ratio of the medians; in brackets, the quartiles of the "
        "per-round ratios (how much a verdict near the bar can be trusted).",
        "",
        f"| applications (actions) | actions we print | ours / todoman (<= {BAR_TODOMAN}) "
        + (f"| ours / taskwarrior (<= {BAR_TASKWARRIOR}) " if has_task else "")
        + "| ours / floor | medians: " + " · ".join(peers) + " |",
        "|---|---|---|" + ("---|" if has_task else "") + "---|---|",
    ]
    for r in results:
        med = r["median_s"]
        cells = [
            f"{r['applications']:,} ({r['rows']['actions']:,})",
            f"{sum(r['shown'].values()):,}",
            _verdict(r, "todoman", BAR_TODOMAN),
            *([_verdict(r, "taskwarrior", BAR_TASKWARRIOR, r["applications"] >= 10000)]
              if has_task else []),
            f"{r['ours_over_floor']}",
            " · ".join(f"{med[k] * 1000:.0f} ms" if k in med else "-" for k in peers),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"Data sets (bench/generate.py, one user, seed 1, now = {NOW}):", ""]
    for r in results:
        lines.append(f"- {r['applications']:,}: "
                     + ", ".join(f"{v:,} {k}" for k, v in r["rows"].items())
                     + f"; the peers get {r['peer_items']:,} to-dos, "
                       f"{r['peer_open_items']:,} of them open.")
    if any(r["candidates"] for r in results):
        lines += ["", "Candidates (patched copies of src/, timed in the same rounds; not shipped):",
                  ""]
        for r in results:
            for name, ratios in r["candidates"].items():
                lines.append(f"- {r['applications']:,} `{name}`: " + ", ".join(
                    f"{k.replace('over_', 'ours / ')} {v}" for k, v in ratios.items()))
    imports = results[-1]["imports"]
    lines += [
        "",
        f"Import profile of our command (`python -X importtime`, {results[-1]['applications']:,} "
        f"set, leaving out what the floor imports too): {imports['modules']} modules, "
        f"{imports['total_ms']} ms (inflated by the profiler); third-party packages: "
        + ", ".join(imports["third_party"]) + "; modules that must stay off this path ("
        + ", ".join(BANNED) + "): **" + (", ".join(imports["banned"]) or "none") + "**. "
        "Largest: " + ", ".join(
            f"`{name}` {ms} ms" for name, ms in imports["top_cumulative_ms"][:6]) + ".",
        "",
    ]
    if imports["unexpected_third_party"]:
        lines += ["**Third-party packages beyond click on this path:** "
                  + ", ".join(imports["unexpected_third_party"]) + ".", ""]
    for r in results:
        if "cprofile" in r:
            lines += [f"<details><summary>cProfile of our command, {r['applications']:,} set "
                      "(by own time)</summary>", "", "```", r["cprofile"].strip(), "```", "",
                      "</details>", ""]
    return "\n".join(lines)


def machine_facts() -> dict[str, Any]:
    from importlib.metadata import version

    return {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "todoman": version("todoman"),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def candidate(text: str) -> tuple[str, str]:
    """Parse --candidate NAME=SRC."""
    name, sep, src = text.partition("=")
    if not sep or not Path(src, "followthrough").is_dir():
        raise argparse.ArgumentTypeError(f"{text!r}: want NAME=DIR where DIR/followthrough exists")
    return name, str(Path(src).resolve())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], metavar="N")
    parser.add_argument("--large", action="store_true", help="add the 100 000 set (slow)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="add a cProfile of our command")
    parser.add_argument("--no-taskwarrior", action="store_true", help="skip `task` even if found")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--candidate", type=candidate, action="append", default=[], metavar="NAME=SRC",
        help="also time our command with SRC (a patched copy of src/) first on sys.path, in the "
             "same rounds: measures a proposed change before it lands (repeatable)")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes + ([100000] if args.large else [])))
    machine = machine_facts()
    results = [bench_size(n, args) for n in sizes]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "today_cold_start.json").write_text(
        json.dumps({"machine": machine, "results": results}, indent=2), encoding="utf-8")
    (args.out / "today_cold_start.md").write_text(markdown(results, machine), encoding="utf-8")
    for r in results:
        print(f"{r['applications']:>7}: ours/todoman {r['ours_over_todoman']}, ours/floor "
              f"{r['ours_over_floor']}, ours/task {r.get('ours_over_taskwarrior', '-')}, "
              f"medians {r['median_s']}")
        for name, ratios in r["candidates"].items():
            print(f"{'':>7}  candidate {name}: {ratios}")
    banned = {r["applications"]: r["imports"]["banned"] for r in results
              if r["imports"]["banned"]}
    if banned:
        print(f"FAIL: modules that must stay off the start-up path were imported: {banned}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
