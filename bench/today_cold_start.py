"""CLI cold start: `followthrough today --json` beside `todo list` (todoman) and the floor.

    python bench/today_cold_start.py [--sizes 1000 10000] [--large] [--runs 10]

For each size N it generates (or reuses, under bench/data/) the N-application data set, gives
the peers N to-dos taken from the same data (bench/peers.py: every open action first, so they
list at least what we print, topped up with finished ones), and measures every whole process
(bench/harness.py: wall time, and CPU time from os.wait4): one warm-up each (todoman builds its
cache there), then `--runs` rounds that run the commands in turn, so drift on a shared machine
hits all of them.
It reports medians and the CPU-time and wall ratios ours/todoman (bar <= 0.5, QUALITY.md, read
on CPU time) and ours/floor, where the floor is `python -c "import sqlite3"` with the same
interpreter, with the quartiles of the per-round ratios and the load average of the run. When
`task` (taskwarrior) is on PATH it is measured too (`task next`, bar: ours <= 1x from 10k up).

It also records `python -X importtime` of our command and fails when a module that must stay off
the start-up path (sqlalchemy, rich, jinja2, fastapi, pydantic, openpyxl, llm, ...) is imported.
Results go to bench/results/today_cold_start.{json,md}; scripts/bench assembles docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

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
    publish,
    ratios,
    record,
    show,
)
from peers import loaded_peers, to_dos

BAR_TODOMAN = 0.5
BAR_TASKWARRIOR = 1.0
BANNED = ("sqlalchemy", "alembic", "rich", "jinja2", "fastapi", "starlette", "pydantic",
          "openpyxl", "llm", "uvicorn", "httpx")
# `copy` probes for Jython's org.python.core; -X importtime lists the probe as an import.
IMPORT_NOISE = frozenset({"org"})
# Only these third-party packages may be imported on the `today --json` path.
ALLOWED_THIRD_PARTY = frozenset({"click", "followthrough"})


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
            "floor": (FLOOR, env),
        }
        if "taskwarrior" in peer_env:
            commands["taskwarrior"] = ([task, "next"], {**env, **peer_env["taskwarrior"]})
        for name, src in args.candidate:
            commands[f"candidate:{name}"] = (ours, {**env, "PYTHONPATH": src})
        print(f"{n}: timing {', '.join(commands)} x {args.runs} ...", file=sys.stderr)
        samples = measure(commands, args.runs)
    peers = [p for p in ("todoman", "taskwarrior", "floor") if p in samples]
    result: dict[str, Any] = {
        "applications": n,
        "rows": counts(db),
        "shown": {k: len(v) for k, v in payload.items() if isinstance(v, list)},
        "peer_items": len(items),
        "peer_open_items": sum(1 for r in items if r["status"] in ("pending", "snoozed")),
        "runs": args.runs,
        **record(samples),
        "ratios": {peer: ratios(samples, "ours", peer) for peer in peers},
        "candidates": {name.split(":", 1)[1]: {peer: ratios(samples, name, peer) for peer in peers}
                       for name in samples if name.startswith("candidate:")},
        "imports": import_profile(ours, env),
    }
    cpu = {peer: r["cpu"]["median"] for peer, r in result["ratios"].items()}
    result["meets_bar"] = cpu["todoman"] <= BAR_TODOMAN and not (
        n >= 10000 and cpu.get("taskwarrior", 0) > BAR_TASKWARRIOR
    )
    if args.profile or not result["meets_bar"]:
        result["cprofile"] = cprofile_top(ours, env)
    return result


# ---------------------------------------------------------------- report


def _verdict(r: dict[str, Any], peer: str, bar: float | None, applies: bool = True) -> str:
    """Return the cells of one peer: the CPU-time ratio (and its verdict), the wall one."""
    if peer not in r["ratios"]:
        return "- | -"
    both = r["ratios"][peer]
    cpu = show(both["cpu"], bar if applies else None)
    if bar is not None and not applies:
        cpu += ", bar from 10k"
    return f"{cpu} | {show(both['wall'])}"


def markdown(results: list[dict[str, Any]], machine: dict[str, Any]) -> str:
    """Return the docs/benchmarks.md section for these results."""
    has_task = any("taskwarrior" in r["ratios"] for r in results)
    names = ["ours", "todoman", *(["taskwarrior"] if has_task else []), "floor"]
    head = (f"| applications (actions) | actions we print | ours / todoman CPU (<= {BAR_TODOMAN}) "
            "| ours / todoman wall "
            + (f"| ours / taskwarrior CPU (<= {BAR_TASKWARRIOR}) | ours / taskwarrior wall "
               if has_task else "")
            + "| ours / floor CPU | ours / floor wall | medians, CPU (wall): " + " · ".join(names)
            + " |")
    lines = [
        "## CLI cold start: `followthrough today --json`",
        "",
        f"Whole process, {results[0]['runs']} rounds after one warm-up each, the commands taken "
        f"in turns (the order rotated every round). `todo list` (todoman "
        f"{machine.get('todoman', '?')}, cache warm)"
        + (" and `task next` (taskwarrior)" if has_task else "")
        + " hold N to-dos taken from the same data: every open action first, topped up with "
        "finished ones. The floor is `python -c \"import sqlite3\"` with the same interpreter. "
        f"Bars: ours / todoman <= {BAR_TODOMAN}; ours / taskwarrior <= {BAR_TASKWARRIOR} "
        "from 10k up, read on CPU time (user + system of the process, from os.wait4: what the "
        "command costs, less disturbed by the other work on a shared machine than wall time, "
        "shown beside it). A ratio is the median of the per-round ratios; in brackets their "
        "p25–p75 (how much a verdict near the bar can be trusted).",
        "",
        head,
        "|" + "---|" * head.count(" | ") + "---|",
    ]
    for r in results:
        med = r["medians"]
        cells = [
            f"{r['applications']:,} ({r['rows']['actions']:,})",
            f"{sum(r['shown'].values()):,}",
            _verdict(r, "todoman", BAR_TODOMAN),
            *([_verdict(r, "taskwarrior", BAR_TASKWARRIOR, r["applications"] >= 10000)]
              if has_task else []),
            _verdict(r, "floor", None),
            " · ".join(f"{med[k]['cpu'] * 1000:.0f} ({med[k]['wall'] * 1000:.0f}) ms"
                       if k in med else "-" for k in names),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"Data sets (bench/generate.py, one user, seed 1, now = {NOW}):", ""]
    for r in results:
        lines.append(f"- {r['applications']:,}: "
                     + ", ".join(f"{v:,} {k}" for k, v in r["rows"].items())
                     + f"; the peers get {r['peer_items']:,} to-dos, "
                       f"{r['peer_open_items']:,} of them open.")
    lines += [*candidates_lines(results), "", machine["load"], "",
              *imports_paragraph(results[-1])]
    for r in results:
        if "cprofile" in r:
            lines += [f"<details><summary>cProfile of our command, {r['applications']:,} set "
                      "(by own time)</summary>", "", "```", r["cprofile"].strip(), "```", "",
                      "</details>", ""]
    return "\n".join(lines)


def candidates_lines(results: list[dict[str, Any]]) -> list[str]:
    """Return the lines on the candidates (none when there were none)."""
    if not any(r["candidates"] for r in results):
        return []
    lines = ["", "Candidates (patched copies of src/, timed in the same rounds; not shipped; "
             "CPU-time ratios):", ""]
    for r in results:
        for name, by_peer in r["candidates"].items():
            lines.append(f"- {r['applications']:,} `{name}`: " + ", ".join(
                f"/ {peer} {show(v['cpu'])}" for peer, v in by_peer.items()))
    return lines


def imports_paragraph(r: dict[str, Any]) -> list[str]:
    """Return the lines on the import profile of our command."""
    imports = r["imports"]
    lines = [
        f"Import profile of our command (`python -X importtime`, {r['applications']:,} "
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
    return lines


def candidate(text: str) -> tuple[str, str]:
    """Parse --candidate NAME=SRC."""
    name, sep, src = text.partition("=")
    if not sep or not Path(src, "followthrough").is_dir():
        raise argparse.ArgumentTypeError(f"{text!r}: want NAME=DIR where DIR/followthrough exists")
    return name, str(Path(src).resolve())


def main(argv: list[str] | None = None) -> int:
    from importlib.metadata import version

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
    machine = {**machine_facts(), "todoman": version("todoman")}
    start = loadavg()
    results = [bench_size(n, args) for n in sizes]
    end = loadavg()
    machine.update(loadavg={"start": start, "end": end}, load=load_note(start, end))
    publish(args.out, "today_cold_start", {"machine": machine, "results": results},
            markdown(results, machine), quiet=True)
    for r in results:
        print(f"{r['applications']:>7}: " + ", ".join(
            f"ours/{peer} CPU {v['cpu']['median']} wall {v['wall']['median']}"
            for peer, v in r["ratios"].items()))
        for name, by_peer in r["candidates"].items():
            print(f"{'':>7}  candidate {name}: " + ", ".join(
                f"/{peer} CPU {v['cpu']['median']}" for peer, v in by_peer.items()))
    banned = {r["applications"]: r["imports"]["banned"] for r in results
              if r["imports"]["banned"]}
    if banned:
        print(f"FAIL: modules that must stay off the start-up path were imported: {banned}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
