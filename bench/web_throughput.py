"""Web throughput and memory: wrk on every page and GET /api/v1/today beside GET /healthz
(bar: >= 50 %), then on all of them at once (bar: peak RSS < 150 MB).

    python bench/web_throughput.py [--rounds 3] [--duration 10] [--connections 64] [--threads 2]
                                   [--routes /,/pipeline,...] [--profile] [--out bench/results]

It starts `followthrough --db COPY --now NOW serve --host 127.0.0.1 --port P` as a subprocess on a
free loopback port, where COPY is a copy of the 10 000-application data set (bench/generate.py,
the one bench/today_cold_start.py uses, made when missing or stale; a copy because both routes
open a write transaction, see the nudge in Service.today) and NOW is the same frozen "now".
Once /healthz answers it warms each route up with a short wrk run, fetches each once (status,
size), then runs `wrk -t2 -c64 -d10s --latency --timeout 30s URL` on /healthz and each route in
turns, `--rounds` times. The routes (PAGES): every page of PRODUCT.md §4.2 that has an address
of its own (Today, Pipeline, an application, an interview, its debrief form, an action's draft,
Insights, Settings) and the Today API; the ids are picked from the data set (`pick_ids`: the
application with the most interviews one of which has a debrief, that interview, the first
pending action with a draft). Last, one wrk run sends the requests of all routes at once (a
Lua script takes the paths in turn on each connection) for the peak RSS after every page has
been hit concurrently (QUALITY.md "every web page").

`--timeout 30s`: wrk's default of 2 s counts a slower response as a timeout and leaves it out
of the latency distribution, so p99 would describe only the fast ones. After every run it waits
until the server is idle again (its CPU time stops growing): the requests wrk leaves in flight
are still served and would otherwise slow the next run.

Reported per route: median requests/s, its ratio to /healthz's median (bar >= 0.5, QUALITY.md
"web throughput") with the quartiles of the per-round ratios, median p50 and p99 latency, the
server's CPU use during the runs, and errors (socket errors, timeouts, non-2xx, tracebacks in
the server's log). Memory (QUALITY.md "memory", bar < 150 MB): the server's VmRSS polled every
20 ms during every run (its child processes included, though `serve` starts none) and the
kernel's own peak, VmHWM, read before the server stops.

When a route misses the throughput bar (or with --profile: every route) it adds an in-process
profile of it: the app built as `serve` builds it, called directly through ASGI with sync
routes run inline (cProfile does not follow anyio's worker threads), the cProfile top by own
time of 10 requests per route, and the per-request time and tracemalloc peak (memory one
in-flight request holds). A missed memory bar is read in the peak RSS after each route's
warm-up (which route makes the server grow).

Writes bench/results/web_throughput.{json,md}; scripts/bench assembles docs/benchmarks.md.
wrk is Debian's package (`apt-get install wrk`); scripts/bench installs it when missing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from harness import NOW, clean_env, counts, dataset, load_note, loadavg

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
APPLICATIONS = 10000
BAR_RATIO = 0.5
BAR_RSS_MB = 150.0
BASELINE = "/healthz"
#: The routes measured against the baseline: (path, label); {app}, {interview} and {action}
#: are filled in by `pick_ids`.
PAGES = (
    ("/", "Today page"),
    ("/pipeline", "Pipeline page"),
    ("/applications/{app}", "Application page"),
    ("/interviews/{interview}", "Interview page"),
    ("/interviews/{interview}/debrief", "Debrief form"),
    ("/actions/{action}/draft", "Draft editor"),
    ("/insights", "Insights page"),
    ("/settings", "Settings page"),
    ("/api/v1/today", ""),
)
#: The action kinds that have a draft (drafts/context.py ACTION_DRAFT), in order of preference.
DRAFT_KINDS = ("thank-you", "check-in", "referee-heads-up", "rejection-reply")
WRK_TIMEOUT = "30s"
POLL_S = 0.02
TRACEBACK = "Traceback (most recent call last)"
LOCKED = "database is locked"
CLK_TCK = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- the server process


def free_port() -> int:
    """Return a loopback port nobody listens on (the kernel's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def copy_database(src: Path, dst: Path) -> None:
    """Copy the SQLite database `src` to `dst` with the backup API (WAL content included)."""
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(dst)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def family(pid: int) -> list[int]:
    """Return `pid` and its descendants (every thread's children), those still alive."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except FileNotFoundError:
            continue
        for tid in tasks:
            try:
                text = Path(f"/proc/{current}/task/{tid}/children").read_text()
            except (FileNotFoundError, ProcessLookupError):
                continue
            todo.extend(int(c) for c in text.split())
    return found


def status_kb(pid: int, field: str) -> int:
    """Return a `kB` field of /proc/<pid>/status (0 once the process is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    """Return the user + system CPU time of `pid` and its descendants."""
    total = 0
    for p in family(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / CLK_TCK


class RssSampler:
    """Poll the summed VmRSS (and thread count) of a process family in a background thread."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self.peak_threads = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = family(self.pid)
            self.peak_kb = max(self.peak_kb, sum(status_kb(p, "VmRSS") for p in pids))
            threads = 0
            for p in pids:
                with contextlib.suppress(FileNotFoundError):
                    threads += len(os.listdir(f"/proc/{p}/task"))
            self.peak_threads = max(self.peak_threads, threads)
            self._stop.wait(POLL_S)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """Start `followthrough serve` on `port`; return it once /healthz answers."""
    exe = Path(sys.executable).parent / "followthrough"
    cmd = [str(exe), "--db", str(db), "--now", NOW, "serve", "--host", "127.0.0.1",
           "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, env=clean_env(), stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"serve exited ({proc.returncode}): {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{BASELINE}", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.1)
    stop_server(proc)
    raise SystemExit(f"serve did not answer {BASELINE} within 60 s: {log.read_text()[-2000:]}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server as Ctrl-C would; kill it when it lingers."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def settle(pid: int, window: float = 0.5, quiet: float = 0.04, limit: float = 300.0) -> float:
    """Wait until the server has used < `quiet` of a core for two windows; return the wait."""
    started = time.monotonic()
    calm = 0
    before = cpu_seconds(pid)
    while calm < 2 and time.monotonic() - started < limit:
        time.sleep(window)
        now = cpu_seconds(pid)
        calm = calm + 1 if now - before < quiet * window else 0
        before = now
    return round(time.monotonic() - started, 1)


def server_errors(log: Path, seen: int) -> tuple[dict[str, int], int]:
    """Return the tracebacks the server logged since offset `seen`, and the new offset."""
    data = log.read_bytes()[seen:]
    text = data.decode(errors="replace")
    return ({"tracebacks": text.count(TRACEBACK), "database_is_locked": text.count(LOCKED)},
            seen + len(data))


def fetch(url: str) -> dict[str, Any]:
    """GET `url` once; return its status, size and content type."""
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        body = response.read()
        return {"status": response.status, "bytes": len(body),
                "content_type": response.headers.get("content-type", ""),
                "single_ms": round((time.perf_counter() - started) * 1000, 1)}


def pick_ids(db: Path) -> dict[str, int]:
    """Return the ids the page routes use: the application with the most interviews among
    those with a debrief (then the lowest id), its latest debriefed interview, and the first
    pending action of a kind with a draft."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        app, interview = conn.execute(
            "SELECT i.application_id, MAX(d.interview_id) FROM debriefs d "
            "JOIN interviews i ON i.id = d.interview_id GROUP BY i.application_id "
            "ORDER BY (SELECT COUNT(*) FROM interviews j WHERE j.application_id = "
            "i.application_id) DESC, i.application_id LIMIT 1").fetchone()
        action = None
        for kind in DRAFT_KINDS:
            row = conn.execute("SELECT MIN(id) FROM actions WHERE status = 'pending' "
                               "AND kind = ?", (kind,)).fetchone()
            if row[0] is not None:
                action = row[0]
                break
    finally:
        conn.close()
    if app is None or action is None:
        raise SystemExit(f"{db}: no debriefed interview or no pending action with a draft")
    return {"app": app, "interview": interview, "action": action}


def routes(ids: dict[str, int], only: str | None) -> tuple[list[str], dict[str, str]]:
    """Return the baseline and the routes to measure (all, or the comma-separated `only`,
    written with {app}, {interview}, {action} or real ids), and their labels."""
    labels = {BASELINE: "`GET /healthz` (baseline)"}
    for path, label in PAGES:
        real = path.format(**ids)
        labels[real] = f"`GET {real}`" + (f" ({label})" if label else "")
    paths = [p.format(**ids) for p, _ in PAGES]
    if only:
        paths = [p.strip().format(**ids) for p in only.split(",") if p.strip()]
        labels.update({p: f"`GET {p}`" for p in paths if p not in labels})
    return [BASELINE, *[p for p in paths if p != BASELINE]], labels


# ---------------------------------------------------------------- wrk


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}
SIZES = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(value) * UNITS[unit]


def parse_wrk(text: str) -> dict[str, Any]:
    """Return requests/s, latency percentiles (ms), counts and errors from wrk --latency output."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    done = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m), ([\d.]+)(B|KB|MB|GB) read", text)
    if rps is None or done is None:
        raise SystemExit(f"cannot read wrk's output:\n{text}")
    latency = {f"p{int(p)}": _ms(v)
               for p, v in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+(?:us|ms|s|m))\s*$", text,
                                      re.MULTILINE)}
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {
        "rps": float(rps.group(1)),
        "requests": int(done.group(1)),
        "seconds": _ms(done.group(2) + done.group(3)) / 1000,
        "read_bytes": int(float(done.group(4)) * SIZES[done.group(5)]),
        "latency_ms": latency,
        "socket_errors": dict(zip(("connect", "read", "write", "timeout"),
                                  map(int, sock.groups()), strict=True)) if sock else {},
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
    }


def wrk(url: str, args: argparse.Namespace, duration: float,
        script: Path | None = None) -> tuple[dict[str, Any], str]:
    """Run wrk on `url` for `duration` seconds (with a Lua `script`); return its parsed and raw
    output."""
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{duration:g}s", "--latency",
           "--timeout", WRK_TIMEOUT, *(["-s", str(script)] if script else []), url]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr}")
    return parse_wrk(done.stdout), done.stdout


def rotation(paths: list[str], where: Path) -> Path:
    """Write a wrk Lua script that sends the GETs of `paths` in turn; return its path."""
    quoted = ", ".join(json.dumps(p) for p in paths)  # JSON strings are Lua strings here
    where.write_text(
        f"local paths = {{{quoted}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        "  return wrk.format(\"GET\", paths[i])\nend\n", encoding="utf-8")
    return where


def wrk_version() -> str:
    done = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    match = re.search(r"wrk (\S+)", done.stdout + done.stderr)
    return match.group(1) if match else "?"


# ---------------------------------------------------------------- in-process profile


async def _asgi_get(app: Any, path: str) -> int:
    """Call `app` with one GET `path` through ASGI; return the size of the body."""
    path, _, query = path.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": path, "raw_path": path.encode(),
             "root_path": "", "query_string": query.encode(), "headers": [(b"host", b"127.0.0.1")],
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 80)}
    size = 0

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal size
        if message["type"] == "http.response.start" and message["status"] != 200:
            raise SystemExit(f"in-process GET {path}: status {message['status']}")
        size += len(message.get("body", b""))

    await app(scope, receive, send)
    return size


def in_process(db: Path, paths: list[str], runs: int = 10, limit: int = 18) -> dict[str, Any]:
    """Profile the routes in this process: time, tracemalloc peak and cProfile per request."""
    import cProfile
    import io
    import pstats
    import tracemalloc

    import anyio.to_thread

    from followthrough.web.app import WebConfig, create_app

    now = dt.datetime.fromisoformat(NOW)
    config = WebConfig(db)
    config.clock = lambda: now
    app = create_app(config)
    saved = anyio.to_thread.run_sync

    async def inline(func: Any, *args: Any, **_: Any) -> Any:
        return func(*args)

    anyio.to_thread.run_sync = inline  # sync routes and dependencies run in this thread
    out: dict[str, Any] = {}
    try:
        for path in paths:
            asyncio.run(_asgi_get(app, path))
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                asyncio.run(_asgi_get(app, path))
                times.append(time.perf_counter() - started)
            tracemalloc.start()
            asyncio.run(_asgi_get(app, path))
            _size, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(runs):
                asyncio.run(_asgi_get(app, path))
            profile.disable()
            stream = io.StringIO()
            pstats.Stats(profile, stream=stream).strip_dirs().sort_stats("tottime").print_stats(
                limit)
            body = stream.getvalue()
            out[path] = {
                "median_ms": round(statistics.median(times) * 1000, 1),
                "tracemalloc_peak_mb": round(peak / 2**20, 1),
                "cprofile": body[body.find("   ncalls"):] if "   ncalls" in body else body,
            }
    finally:
        anyio.to_thread.run_sync = saved
        app.state.engine.dispose()
    return out


# ---------------------------------------------------------------- the benchmark


def server_stack() -> dict[str, Any]:
    """Return what uvicorn.run(app, host, port, log_level="warning") runs with, here."""
    from importlib.metadata import version

    return {
        "uvicorn": version("uvicorn"),
        "fastapi": version("fastapi"),
        "starlette": version("starlette"),
        "loop": "uvloop" if importlib.util.find_spec("uvloop") else "asyncio",
        "http": "httptools" if importlib.util.find_spec("httptools") else "h11",
    }


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Run the whole benchmark; return its results."""
    if shutil.which("wrk") is None:
        raise SystemExit("web_throughput: wrk is not installed (Debian: apt-get install wrk)")
    source = dataset(args.applications, args.seed)
    ids = pick_ids(source)
    paths, labels = routes(ids, args.routes)
    result: dict[str, Any] = {
        "applications": args.applications, "rows": counts(source), "rounds": args.rounds,
        "duration_s": args.duration, "connections": args.connections, "threads": args.threads,
        "wrk": wrk_version(), "stack": server_stack(), "nproc": os.cpu_count(), "ids": ids,
        "labels": labels, "load": {"start": loadavg()},
    }
    with tempfile.TemporaryDirectory(prefix="web-throughput-") as tmp:
        db = Path(tmp) / "bench.db"
        copy_database(source, db)
        log = Path(tmp) / "serve.log"
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        print(f"serve on {base} ({args.applications:,} set) ...", file=sys.stderr)
        proc = start_server(db, port, log)
        try:
            result["idle_rss_mb"] = round(status_kb(proc.pid, "VmRSS") / 1024, 1)
            runs, peaks = drive(proc, base, paths, args, log, result)
            print("all routes at once ...", file=sys.stderr)
            with RssSampler(proc.pid) as sampler:
                mixed, _raw = wrk(base + BASELINE, args, args.duration,
                                  rotation(paths[1:], Path(tmp) / "rotation.lua"))
                mixed["settle_s"] = settle(proc.pid)
            mixed["peak_rss_mb"] = round(sampler.peak_kb / 1024, 1)
            mixed["server_errors"], _seen = server_errors(log, 0)
            result["mixed"] = mixed
            peaks.append((sampler.peak_kb, sampler.peak_threads))
            result["hwm_mb"] = round(sum(status_kb(p, "VmHWM") for p in family(proc.pid)) / 1024,
                                     1)
            result["children"] = len(family(proc.pid)) - 1
        finally:
            stop_server(proc)
        text = log.read_text(errors="replace")
        result["server_log"] = {"tracebacks": text.count(TRACEBACK),
                                "database_is_locked": text.count(LOCKED)}
        result["load"]["end"] = loadavg()
        result["peak_threads"] = max(t for _kb, t in peaks)
        result["polled_peak_rss_mb"] = round(max(kb for kb, _t in peaks) / 1024, 1)
        result["peak_rss_mb"] = max(result["hwm_mb"], result["polled_peak_rss_mb"])
        result["routes"] = summarise(runs)
        met = [r["ratio"] >= BAR_RATIO for p, r in result["routes"].items() if p != BASELINE]
        result["meets_throughput_bar"] = all(met)
        result["meets_memory_bar"] = result["peak_rss_mb"] < BAR_RSS_MB
        if args.profile or not result["meets_throughput_bar"]:  # memory: see the warm-ups
            print("in-process profile ...", file=sys.stderr)
            slow = [p for p, r in result["routes"].items()
                    if p != BASELINE and (args.profile or r["ratio"] < BAR_RATIO)]
            result["profile"] = in_process(db, slow)
    return result


def drive(proc: subprocess.Popen[bytes], base: str, paths: list[str], args: argparse.Namespace,
          log: Path, result: dict[str, Any],
          ) -> tuple[dict[str, list[dict[str, Any]]], list[tuple[int, int]]]:
    """Warm each route up, fetch each once, then run wrk on each in turns, `args.rounds` times;
    return the runs per route and the (peak RSS kB, peak threads) of every run."""
    runs: dict[str, list[dict[str, Any]]] = {path: [] for path in paths}
    growth: dict[str, float] = {}
    peaks: list[tuple[int, int]] = []
    for path in paths:  # warm-up; RSS seldom shrinks, so this shows what makes it grow
        print(f"warm-up {path} ...", file=sys.stderr)
        with RssSampler(proc.pid) as sampler:
            wrk(base + path, args, args.warmup)
            settle(proc.pid)
        peaks.append((sampler.peak_kb, sampler.peak_threads))
        growth[path] = round(max(kb for kb, _t in peaks) / 1024, 1)
    result["warmup_rss_mb"] = growth
    result["warmup_errors"], seen = server_errors(log, 0)
    result["responses"] = {path: fetch(base + path) for path in paths}
    for round_ in range(args.rounds):
        for path in paths:
            with RssSampler(proc.pid) as sampler:
                cpu = cpu_seconds(proc.pid)
                parsed, raw = wrk(base + path, args, args.duration)
                parsed["server_cpu"] = round(
                    (cpu_seconds(proc.pid) - cpu) / parsed["seconds"], 2)
                parsed["settle_s"] = settle(proc.pid)
            parsed["server_errors"], seen = server_errors(log, seen)
            parsed["peak_rss_mb"] = round(sampler.peak_kb / 1024, 1)
            parsed["raw"] = raw
            peaks.append((sampler.peak_kb, sampler.peak_threads))
            runs[path].append(parsed)
            print(f"round {round_ + 1}/{args.rounds} {path}: {parsed['rps']:.1f} req/s, "
                  f"p99 {parsed['latency_ms'].get('p99', 0):.1f} ms, "
                  f"rss {parsed['peak_rss_mb']} MB, settled in {parsed['settle_s']} s, "
                  f"server errors {parsed['server_errors']}", file=sys.stderr)
    return runs, peaks


def quartiles(ratios: list[float]) -> tuple[float, float]:
    """Return the quartiles (25 %, 75 %) of per-round ratios (the rounds take routes in turns)."""
    if len(ratios) < 2:
        return ratios[0], ratios[0]
    low, _mid, high = statistics.quantiles(sorted(ratios), n=4)
    return float(f"{low:.3g}"), float(f"{high:.3g}")


def summarise(runs: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Return the medians per route and the ratios to the baseline."""
    base = [r["rps"] for r in runs[BASELINE]]
    out = {}
    for path, rs in runs.items():
        rps = [r["rps"] for r in rs]
        med = statistics.median(rps)
        out[path] = {
            "rps": round(med, 1),
            "ratio": float(f"{med / statistics.median(base):.3g}"),
            "spread": quartiles([a / b for a, b in zip(rps, base, strict=True)]),
            "p50_ms": round(statistics.median(r["latency_ms"].get("p50", 0.0) for r in rs), 1),
            "p99_ms": round(statistics.median(r["latency_ms"].get("p99", 0.0) for r in rs), 1),
            "server_cpu": round(statistics.median(r["server_cpu"] for r in rs), 2),
            "requests": sum(r["requests"] for r in rs),
            "socket_errors": sum(sum(r["socket_errors"].values()) for r in rs),
            "timeouts": sum(r["socket_errors"].get("timeout", 0) for r in rs),
            "non_2xx": sum(r["non_2xx"] for r in rs),
            "server_tracebacks": sum(r["server_errors"]["tracebacks"] for r in rs),
            "server_locked": sum(r["server_errors"]["database_is_locked"] for r in rs),
            "runs": [{k: v for k, v in r.items() if k != "raw"} for r in rs],
            "raw_last": rs[-1]["raw"],
        }
    return out


# ---------------------------------------------------------------- report


def _size(n: int) -> str:
    return f"{n / 2**20:.2f} MB" if n >= 2**20 else f"{n / 1024:.1f} KB" if n >= 1024 else f"{n} B"


def _latency(ms: float) -> str:
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.1f} ms"


def markdown(r: dict[str, Any]) -> str:
    """Return the docs/benchmarks.md section for these results."""
    stack = r["stack"]
    lines = [
        "## Web throughput and memory: `serve` under wrk",
        "",
        f"`followthrough --db COPY --now {NOW} serve` on a copy of the "
        f"{r['applications']:,} set (one user: {r['rows']['actions']:,} actions), driven by "
        f"wrk {r['wrk']} (Debian) from the same {r['nproc']}-core machine: `wrk -t{r['threads']} "
        f"-c{r['connections']} -d{r['duration_s']:g}s --latency --timeout {WRK_TIMEOUT}` per "
        f"route (a 30 s timeout so that slow responses count in the latencies instead of being "
        f"dropped as wrk's 2 s timeouts), the routes taken in turns, median of {r['rounds']} "
        "rounds after one short warm-up run each; after every run the bench waits until the "
        "server is idle (it still serves what wrk left in flight). The server: "
        f"`uvicorn.run(app, host, port, log_level=\"warning\")` "
        "(`cli/commands/serve.py` `_serve`), "
        f"i.e. uvicorn {stack['uvicorn']} with its defaults: one process, no workers, the "
        f"{stack['loop']} event loop and the {stack['http']} HTTP parser (`auto` finds "
        + ("no uvloop/httptools installed" if stack["loop"] == "asyncio"
           and stack["http"] == "h11" else "what is installed")
        + f"), FastAPI {stack['fastapi']} running the sync routes (and sync dependencies) in "
        f"anyio's thread pool (40 tokens; the server had up to {r['peak_threads']} threads). "
        "Bars: requests/s of a route / those of `GET /healthz` in the same run "
        f">= {BAR_RATIO} (a ratio of the medians; in brackets, the quartiles of the "
        f"per-round ratios); peak RSS of `serve` < {BAR_RSS_MB:.0f} MB after every page was "
        "hit concurrently. The ids are the data set's (`pick_ids`): application "
        f"{r['ids']['app']} (the most interviews, one debriefed), interview "
        f"{r['ids']['interview']} (debriefed), action {r['ids']['action']} (pending, with a "
        "draft).",
        "",
        f"| route | response | req/s | / healthz (>= {BAR_RATIO}) | p50 | p99 | server CPU "
        "| errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for path, s in r["routes"].items():
        resp = r["responses"][path]
        if path == BASELINE:
            verdict = "1 (baseline)"
        else:
            low, high = s["spread"]
            verdict = (f"**{s['ratio']:.3g}** ({low:.3g}–{high:.3g}) "
                       + ("met" if s["ratio"] >= BAR_RATIO else "**not met**"))
        errors = [f"{s['timeouts']} timeouts" if s["timeouts"] else "",
                  f"{s['socket_errors'] - s['timeouts']} socket"
                  if s["socket_errors"] - s["timeouts"] else "",
                  f"{s['non_2xx']} non-2xx" if s["non_2xx"] else ""]
        if s["server_tracebacks"]:
            errors.append(f"server: {s['server_tracebacks']} tracebacks ({s['server_locked']} "
                          "\"database is locked\")")
        lines.append(
            f"| {r['labels'][path]} | {_size(resp['bytes'])} | {s['rps']:,.1f} | {verdict} | "
            f"{_latency(s['p50_ms'])} | {_latency(s['p99_ms'])} | {s['server_cpu'] * 100:.0f} % | "
            + (", ".join(e for e in errors if e) or "none") + f" of {s['requests']:,} |")
    peak = r["peak_rss_mb"]
    mixed = r["mixed"]
    lines += [
        "",
        f"All {len(r['routes']) - 1} routes at once (one wrk run of "
        f"{r['duration_s']:g} s, {r['connections']} connections, each taking the paths in "
        f"turn): {mixed['rps']:,.1f} req/s, p50 {_latency(mixed['latency_ms'].get('p50', 0))}, "
        f"p99 {_latency(mixed['latency_ms'].get('p99', 0))}, peak RSS "
        f"{mixed['peak_rss_mb']:.0f} MB, {mixed['non_2xx']} non-2xx, "
        f"{sum(mixed['socket_errors'].values())} socket errors.",
        "",
        f"Memory: peak RSS of `serve` **{peak:.0f} MB** / {BAR_RSS_MB:.0f} MB = "
        f"**{peak / BAR_RSS_MB:.2f}** " + ("met" if r["meets_memory_bar"] else "**not met**")
        + f" (the larger of VmHWM, {r['hwm_mb']:.0f} MB, and VmRSS polled every "
        f"{POLL_S * 1000:.0f} ms, {r['polled_peak_rss_mb']:.0f} MB; {r['children']} child "
        f"processes). Once started, before any request: {r['idle_rss_mb']:.0f} MB; peak after "
        "the warm-up of each route in turn (RSS seldom shrinks, so this shows which route makes "
        "it grow): " + ", ".join(f"`{p}` {v:.0f} MB" for p, v in r["warmup_rss_mb"].items())
        + ".",
        "",
        "Latencies are wrk's medians over the rounds; a response still in flight when a run "
        "ends is not counted, so for a slow route p99 is bounded by the run's length and both "
        "mostly measure the queue (64 connections / throughput). "
        "Server CPU is the server's CPU time over the run's length (100 % = one core). Errors "
        f"are wrk's over all {r['rounds']} rounds, and the tracebacks the server logged during "
        "them (what wrk left in flight included)"
        + (f"; during the warm-up it logged {r['warmup_errors']['tracebacks']} more "
           f"({r['warmup_errors']['database_is_locked']} \"database is locked\")"
           if r["warmup_errors"]["tracebacks"] else "") + ".",
        "",
        load_note(r["load"]["start"], r["load"]["end"]),
        "",
    ]
    if "profile" in r:
        lines += ["In-process, one request at a time (the app as `serve` builds it, called "
                  "through ASGI with the sync routes run inline): "
                  + "; ".join(f"`{p}` {v['median_ms']} ms per request, tracemalloc peak "
                              f"{v['tracemalloc_peak_mb']} MB" for p, v in r["profile"].items())
                  + ".", ""]
        for path, v in r["profile"].items():
            lines += [f"<details><summary>cProfile of <code>GET {path}</code>, 10 requests in "
                      "process (by own time)</summary>", "", "```", v["cprofile"].strip(), "```",
                      "", "</details>", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure, write the results, print the section; return 1 when a bar is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applications", type=int, default=APPLICATIONS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3, help="wrk runs per route, in turns")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per wrk run")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of the warm-up run")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--routes", help="comma-separated paths instead of all PAGES "
                        "({app}, {interview}, {action} stand for the picked ids)")
    parser.add_argument("--profile", action="store_true", help="add the in-process profile")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args, _ = parser.parse_known_args(argv)  # scripts/bench passes its options to every bench
    result = measure(args)
    result["date"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "web_throughput.json").write_text(json.dumps(result, indent=2),
                                                  encoding="utf-8")
    section = markdown(result)
    (args.out / "web_throughput.md").write_text(section, encoding="utf-8")
    print(section)
    return 0 if result["meets_throughput_bar"] and result["meets_memory_bar"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
