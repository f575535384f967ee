"""What every benchmark under bench/ measures with: data sets, processes, rounds, ratios, load.

- `dataset(n, seed)`: the N-application set of bench/generate.py, cached under bench/data/ and
  made again when the generator's code or the schema head changed.
- `clean_env()`: the environment a measured process runs in (a user's: byte-code cached, no
  colours, no project overrides).
- `run(cmd, env)`: one whole process, its wall time (time.perf_counter around it), its CPU time
  (user + system of the child, from os.wait4) and its peak RSS.
- `rounds(names, runs)` and `measure(commands, runs)`: the commands taken in turns, the order
  rotated every round, so that drift on a shared machine hits all of them alike.
- `quartiles` and `ratio`: a ratio is the median of the per-round ratios (a round compares runs
  made moments apart); its p25 and p75 say how far a verdict near the bar can be trusted.
- `loadavg()` and `load_note()`: the load average (1, 5, 15 min) when a benchmark starts and ends.
"""

from __future__ import annotations

import datetime as dt
import hashlib
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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATA = BENCH / "data"
RESULTS = BENCH / "results"
#: The frozen "now" of the generated data sets.
NOW = "2026-11-24T10:00:00+01:00"
#: The files whose change makes the cached data sets stale.
GENERATOR = ("generate.py", "jobsearch.py", "followups.py", "shapes.py", "vocabulary.py")
#: The floor every whole-process ratio is taken against: the same interpreter, doing little.
FLOOR = (sys.executable, "-c", "import sqlite3")
TABLES = ("applications", "interviews", "actions", "interactions", "contacts")

# ---------------------------------------------------------------- data


def dataset(n: int, seed: int = 1) -> Path:
    """Return the N-application database, generating it when missing or stale."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    import generate  # bench/generate.py

    path = DATA / f"apps-{n}-seed{seed}.db"
    if not fresh(path):
        DATA.mkdir(parents=True, exist_ok=True)
        print(f"generating {path.name} ...", file=sys.stderr)
        started = time.perf_counter()
        generate.generate(path, n, seed, generate.parse_now(NOW))
        print(f"  {time.perf_counter() - started:.1f} s", file=sys.stderr)
        made_by(path).write_text(generator_digest(), encoding="ascii")
    return path


def generator_digest() -> str:
    """Return a digest of the generator's code (what makes a cached data set stale)."""
    digest = hashlib.sha256()
    for name in GENERATOR:
        digest.update(BENCH.joinpath(name).read_bytes())
    return digest.hexdigest()


def made_by(path: Path) -> Path:
    """Return the file beside a data set that holds the digest of the code that made it."""
    return path.with_name(path.name + ".generator")


def fresh(path: Path) -> bool:
    """Return True when `path` was made by the generator's present code (the digest beside it:
    a checkout or a rebase that leaves the code as it was keeps the set) and is at the schema
    head."""
    stamp = made_by(path)
    if not path.exists() or not stamp.exists() or stamp.read_text("ascii") != generator_digest():
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


def counts(db: Path, tables: Sequence[str] = TABLES) -> dict[str, int]:
    """Return the row counts of `tables` (by default the main ones)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        conn.close()


def drop(db: Path) -> None:
    """Remove a SQLite file and its companions."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


# ---------------------------------------------------------------- one process


def clean_env() -> dict[str, str]:
    """Return the environment every command runs in, as on a user's machine.

    No project overrides, no colours, and byte-code caching on: a session or CI that sets
    PYTHONDONTWRITEBYTECODE would make every run compile our sources again (todoman's and the
    stdlib's .pyc files already exist), which no installed copy does. The caches go under
    bench/data/pycache (PYTHONPYCACHEPREFIX) so that nothing is written beside the sources; the
    warm-up run fills them for every command alike.
    """
    drop_ = ("FOLLOWTHROUGH_", "TODOMAN_", "TASKRC", "TASKDATA", "PYTHONDONTWRITEBYTECODE",
             "PYTHONUNBUFFERED", "PYTHONPYCACHEPREFIX", "PYTHONPROFILEIMPORTTIME")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop_)}
    env.update({"NO_COLOR": "1", "LC_ALL": "C.UTF-8",
                "PYTHONPYCACHEPREFIX": str(DATA / "pycache")})
    return env


@dataclass(frozen=True)
class Sample:
    """One whole process: wall time (s), CPU time of the child (user + system, s), peak RSS."""

    wall: float
    cpu: float
    rss_kib: int


def run(cmd: Sequence[str], env: Mapping[str, str], log: Path | None = None) -> Sample:
    """Run `cmd` to its end, stdout to /dev/null (or both streams to `log`); return a Sample.

    Fails loudly, with the end of its stderr, when the command fails.
    """
    out = log.open("wb") if log else subprocess.DEVNULL
    try:
        started = time.perf_counter()
        proc = subprocess.Popen(list(cmd), env=dict(env), stdout=out,
                                stderr=out if log else subprocess.PIPE)
        err = b"" if log else proc.stderr.read()  # type: ignore[union-attr]
        _pid, status, usage = os.wait4(proc.pid, 0)
        took = time.perf_counter() - started
    finally:
        if log:
            out.close()  # type: ignore[union-attr]
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    if proc.stderr:
        proc.stderr.close()
    if code != 0:
        text = log.read_text(errors="replace") if log else err.decode(errors="replace")
        raise SystemExit(f"{' '.join(cmd)} failed ({code}): {text[-2000:]}")
    return Sample(took, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def peak_rss_mib(cmd: Sequence[str], env: Mapping[str, str], runs: int = 3) -> float:
    """Return the largest peak RSS (MiB) of `cmd` over `runs` runs, as GNU time measures it.

    A child's `ru_maxrss` (Sample.rss_kib) also counts the memory of the process it was forked
    from until it called exec, which here is this harness, often larger than the command; GNU
    time (Debian package time) is small, so the peak it reports is the command's own.
    """
    tool = shutil.which("time")
    if tool is None:
        raise SystemExit("GNU time is missing (Debian package time): apt-get install time")
    peaks = []
    with tempfile.TemporaryDirectory(prefix="peak-rss-") as tmp:
        report = Path(tmp) / "rss"
        for _ in range(runs):
            run([tool, "-f", "%M", "-o", str(report), *cmd], env)
            peaks.append(int(report.read_text(encoding="ascii").split()[-1]))
    return max(peaks) / 1024


# ---------------------------------------------------------------- rounds


def rounds(names: Sequence[str], runs: int) -> list[list[str]]:
    """Return the order of every round: all names in turn, rotated by one each round (so no
    command always runs first, or always right after the same one)."""
    names = list(names)
    if not names:
        return [[] for _ in range(runs)]
    return [names[r % len(names):] + names[:r % len(names)] for r in range(runs)]


Commands = Mapping[str, tuple[Sequence[str], Mapping[str, str]]]


def measure(commands: Commands, runs: int, warmup: int = 1) -> dict[str, list[Sample]]:
    """Run every command `warmup` times, then `runs` rounds in turns; return the Samples."""
    for _ in range(warmup):
        for cmd, env in commands.values():
            run(cmd, env)
    samples: dict[str, list[Sample]] = {name: [] for name in commands}
    for order in rounds(list(commands), runs):
        for name in order:
            cmd, env = commands[name]
            samples[name].append(run(cmd, env))
    return samples


# ---------------------------------------------------------------- statistics


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """Return (p25, median, p75) of `values` (statistics.quantiles, exclusive method)."""
    if not values:
        raise ValueError("quartiles of nothing")
    if len(values) == 1:
        return values[0], values[0], values[0]
    low, mid, high = statistics.quantiles(sorted(values), n=4)
    return low, mid, high


def ratio(ours: Sequence[float], base: Sequence[float], digits: int = 3) -> dict[str, float]:
    """Return the per-round ratios ours / base summed up: p25, median, p75, and the ratio of
    the medians (for reading beside the medians of the times)."""
    per_round = [o / b for o, b in zip(ours, base, strict=True)]
    p25, mid, p75 = quartiles(per_round)
    return {"median": round(mid, digits), "p25": round(p25, digits), "p75": round(p75, digits),
            "of_medians": round(statistics.median(ours) / statistics.median(base), digits)}


def ratios(samples: Mapping[str, list[Sample]], ours: str, base: str) -> dict[str, Any]:
    """Return the CPU-time and the wall-time ratio of `ours` to `base`."""
    a, b = samples[ours], samples[base]
    return {"cpu": ratio([s.cpu for s in a], [s.cpu for s in b]),
            "wall": ratio([s.wall for s in a], [s.wall for s in b])}


def medians(samples: Sequence[Sample]) -> dict[str, float]:
    """Return the median wall and CPU time (s) and peak RSS (MB) of some Samples."""
    return {"wall": round(statistics.median(s.wall for s in samples), 4),
            "cpu": round(statistics.median(s.cpu for s in samples), 4),
            "rss_mb": round(statistics.median(s.rss_kib for s in samples) / 1024, 1)}


def record(samples: Mapping[str, Sequence[Sample]]) -> dict[str, Any]:
    """Return what the results keep of every command's Samples: their medians, and each run's
    wall and CPU time (s) and peak RSS (KiB)."""
    return {"medians": {k: medians(v) for k, v in samples.items()},
            "samples": {k: [(round(s.wall, 4), round(s.cpu, 4), s.rss_kib) for s in v]
                        for k, v in samples.items()}}


def figure(x: float) -> str:
    """Return a ratio with three significant digits, trailing zeros kept (4.00 is not 4.003
    rounded away from a bar of 4), whole numbers from 100 up."""
    return f"{x:.0f}" if abs(x) >= 100 else f"{x:#.3g}"


def show(r: Mapping[str, float], bar: float | None = None, above: bool = False) -> str:
    """Return a ratio for a table cell: **median** (p25–p75), and the verdict against `bar`
    (met when at most the bar, or at least it with `above`)."""
    text = f"**{figure(r['median'])}** ({figure(r['p25'])}–{figure(r['p75'])})"
    if bar is None:
        return text
    met = r["median"] >= bar if above else r["median"] <= bar
    return f"{text} {'met' if met else '**not met**'}"


def publish(out: Path, name: str, result: Any, section: str, quiet: bool = False) -> None:
    """Write `result` to OUT/NAME.json and the page's section to OUT/NAME.md (scripts/bench
    assembles docs/benchmarks.md from them); print the section unless `quiet`."""
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    (out / f"{name}.md").write_text(section, encoding="utf-8")
    if not quiet:
        print(section)


# ---------------------------------------------------------------- the machine


def loadavg() -> tuple[float, float, float]:
    """Return the load average over 1, 5 and 15 minutes (/proc/loadavg)."""
    try:
        with open("/proc/loadavg", encoding="ascii") as fh:
            one, five, fifteen = fh.read().split()[:3]
        return float(one), float(five), float(fifteen)
    except OSError:
        return os.getloadavg()


def load_note(start: Sequence[float], end: Sequence[float]) -> str:
    """Return the sentence that notes the load of a run, for its section."""
    def fmt(v: Sequence[float]) -> str:
        return " / ".join(f"{x:.2f}" for x in v)

    return (f"Load average (1 / 5 / 15 min) on the {os.cpu_count()} cores: {fmt(start)} at the "
            f"start, {fmt(end)} at the end. Code: {commit()}.")


def commit() -> str:
    """Return the commit the working tree is at (with "+changes" when it differs from it)."""
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + (" +changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def machine_facts() -> dict[str, Any]:
    """Return what the results need to say about the machine."""
    return {"nproc": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "sqlite": sqlite3.sqlite_version,
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
