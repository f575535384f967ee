"""Mail: `followthrough mail import` of a 20 000-message mbox beside Python's own `mailbox`
module merely parsing the same file (bar: >= 0.5 of its messages/s), memory flat; and `mail
sync` of 5 000 new messages from a real Dovecot: the bytes it fetched of those there were.

    python bench/mail_speed.py [--sizes 5000 20000] [--runs 3] [--sync 5000] [--out bench/results]

The mbox (cached under bench/data/) is shaped like an exported mailbox: a tenth of it is job mail
(the messages of tests/mail_corpus/, all three mailboxes, again and again under new
Message-IDs), the rest newsletters (HTML, 20-60 KB), services' notifications and friends' notes
with their thread quoted, one in fifty with a 100 KB attachment; it is imported into a copy of
the `eu` mailbox's world (tests/mail_corpus/harness.py), so a third of the job mail is its own.
Both sides are whole processes, timed with bench/harness.py (CPU time from os.wait4, wall time
beside it), in turns, the order rotated every round: ours is `followthrough --db DB mail import
FILE --json` into a fresh copy of the world; the peer is `python -c` iterating
`mailbox.mbox(FILE)` (each message parsed by the stdlib). Messages/s are N / CPU seconds.
Memory: the peak RSS of our import at the smallest and the largest size (bar: within 1.3x).

The sync part needs Dovecot (`dovecot-imapd`; tests/mail/servers.py starts it): it appends
messages of the same mix over one IMAP connection, then times one `mail sync` in process and
reports the bytes fetched (headers of all, bodies of those that need them) over the sizes of
all.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import email.utils
import imaplib
import mailbox
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from harness import clean_env, load_note, loadavg, machine_facts, publish, ratio, rounds, run

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.mail_corpus import harness as corpus  # noqa: E402

DATA = ROOT / "bench" / "data"
FT = ROOT / ".venv" / "bin" / "followthrough"
WORLD = "eu"
BAR_RATIO, BAR_FLAT = 0.5, 1.3
_ID = re.compile(rb"^Message-ID:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*", re.IGNORECASE | re.MULTILINE)


def messages() -> list[bytes]:
    """Return the corpus's messages, every mailbox, in order."""
    return [(corpus.HERE / name / m["file"]).read_bytes()
            for name in corpus.sets() for m in corpus.labels(name)]  # fmt: skip


#: The share of job mail in the exported mailbox (the rest: newsletters, notifications and
#: personal mail, as in anyone's Takeout).
JOB_SHARE = 0.1


def other_mail(i: int, rng: random.Random) -> bytes:
    """Return one message that is no job mail: a newsletter (HTML, 20-60 KB), a service's
    notification, or a friend's note with the thread quoted under it; now and then with a
    100 KB attachment."""
    date = email.utils.format_datetime(dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
                                       + dt.timedelta(minutes=37 * i))  # fmt: skip
    kind = rng.random()
    if kind < 0.5:
        shop = f"shop{rng.randint(1, 200)}.example"
        blocks = "".join(f"<tr><td><img src='https://{shop}/p/{j}.jpg' width='120'></td><td><h3>"
                         f"Item {j}</h3><p>{'Fresh deals this week. ' * 12}</p></td></tr>"
                         for j in range(rng.randint(30, 90)))  # fmt: skip
        head = (f"From: Offers <news@{shop}>\r\nTo: me@mail.example\r\nSubject: This week at "
                f"{shop}\r\nList-Unsubscribe: <https://{shop}/u>\r\nPrecedence: bulk\r\n"
                "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n")
        body = f"<html><body><table>{blocks}</table></body></html>"
    elif kind < 0.8:
        app = f"app{rng.randint(1, 50)}.example"
        head = (f"From: {app} <no-reply@{app}>\r\nTo: me@mail.example\r\nSubject: Your "
                f"weekly summary\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\n"
                "Content-Type: text/plain; charset=utf-8\r\n")
        body = "\r\n".join(f"- {rng.randint(1, 99)} new things happened" for _ in range(150))
    else:
        friend = f"friend{rng.randint(1, 40)}@gmail.com"
        quoted = "\r\n".join(f"> {'what about dinner on Friday? ' * 3}" for _ in range(40))
        head = (f"From: Friend <{friend}>\r\nTo: me@mail.example\r\nSubject: Re: Friday\r\n"
                "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n")
        body = f"Sounds good!\r\n\r\nOn Thu, someone wrote:\r\n{quoted}"
    if rng.random() < 0.02:
        blob = base64.encodebytes(rng.randbytes(75_000)).decode().replace("\n", "\r\n")
        head = head.replace("Content-Type: text/", "X-Original-Type: text/")
        head += 'Content-Type: multipart/mixed; boundary="b"\r\n'
        body = (f"--b\r\nContent-Type: text/plain\r\n\r\n{body[:2000]}\r\n--b\r\n"
                "Content-Type: application/pdf; name=doc.pdf\r\nContent-Transfer-Encoding: "
                f"base64\r\n\r\n{blob}\r\n--b--\r\n")
    head += f"Date: {date}\r\nMessage-ID: <other-{i}@mail.example>\r\n"
    return (head + "\r\n" + body).encode()


def mbox_of(n: int) -> Path:
    """Return (making it once) an mbox of `n` messages: a tenth of it the corpus's job mail again
    and again (each copy under its own Message-ID), the rest other mail."""
    path = DATA / f"mail-{n}.mbox"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    source = messages()
    rng = random.Random(n)
    box = mailbox.mbox(str(path) + ".partial")
    box.lock()
    for i in range(n):
        if rng.random() < JOB_SHARE:
            raw = source[i % len(source)]
            raw = _ID.sub(f"Message-ID: <bench-{i}@mail.example>".encode(), raw, count=1)
        else:
            raw = other_mail(i, rng)
        box.add(mailbox.mboxMessage(raw))
    box.flush()
    box.unlock()
    box.close()
    Path(str(path) + ".partial").rename(path)
    return path


def world(tmp: Path) -> Path:
    """Return a database holding the world of the `eu` mailbox."""
    path = tmp / "world.db"
    corpus.build(WORLD, path)
    return path


def import_speed(sizes: list[int], runs: int, tmp: Path) -> dict[str, Any]:
    base = world(tmp)
    return {str(n): _one_size(n, base, runs, tmp) for n in sizes}


def _one_size(n: int, base: Path, runs: int, tmp: Path) -> dict[str, Any]:
    env = clean_env()
    now = corpus.world(WORLD)["now"]
    path = mbox_of(n)
    db = tmp / f"import-{n}.db"

    def ours() -> Any:
        shutil.copy(base, db)
        for suffix in ("-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        return run([str(FT), "--db", str(db), "--now", now, "mail", "import", str(path),
                    "--json"], env)  # fmt: skip

    peer_code = f"import mailbox\nfor m in mailbox.mbox({str(path)!r}): pass"
    commands = {"ours": ours, "mailbox": lambda: run([sys.executable, "-c", peer_code], env)}
    samples: dict[str, list[Any]] = {k: [] for k in commands}
    ours()  # warm-up
    for order in rounds(list(commands), runs):
        for name in order:
            samples[name].append(commands[name]())
    cpu = ratio([s.cpu for s in samples["mailbox"]], [s.cpu for s in samples["ours"]])
    wall = ratio([s.wall for s in samples["mailbox"]], [s.wall for s in samples["ours"]])
    return {
        "messages": n,
        "ours_cpu_s": sorted(s.cpu for s in samples["ours"])[runs // 2],
        "mailbox_cpu_s": sorted(s.cpu for s in samples["mailbox"])[runs // 2],
        "ours_rss_mib": max(s.rss_kib for s in samples["ours"]) / 1024,
        "ratio_cpu": cpu,
        "ratio_wall": wall,
    }


def sync_speed(count: int, tmp: Path) -> dict[str, Any]:
    """Append `count` messages to a fresh Dovecot user; time one sync; report bytes."""
    import os

    from tests.mail.servers import Dovecot

    from followthrough.services import mail as mail_

    home = Path(tempfile.mkdtemp(prefix="followthrough-bench-dovecot-"))
    home.chmod(0o755)
    dovecot = Dovecot(home).start()
    try:
        user = dovecot.add_user()
        source = messages()
        rng = random.Random(count)
        imap = dovecot.connect(user)
        for i in range(count):  # the same mix as the exported mailbox: a tenth job mail
            raw = (_ID.sub(f"Message-ID: <sync-{i}@mail.example>".encode(),
                           source[i % len(source)], count=1)
                   if rng.random() < JOB_SHARE else other_mail(i, rng))  # fmt: skip
            imap.append("INBOX", None, imaplib.Time2Internaldate(time.time()), raw)
        imap.logout()
        ctx, _ids = corpus.build(WORLD, tmp / "sync.db")
        ctx.now = dt.datetime.now(dt.UTC)
        os.environ["FOLLOWTHROUGH_IMAP_PASSWORD"] = user.password
        mail_.setup(ctx, {"mail_imap_host": dovecot.host, "mail_imap_port": str(dovecot.imaps_port),
                          "mail_imap_security": "tls", "mail_imap_user": user.name})  # fmt: skip
        started, cpu0 = time.perf_counter(), time.process_time()
        got = mail_.sync(ctx, dovecot.client_context())
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu0
    finally:
        dovecot.stop()
        shutil.rmtree(home, ignore_errors=True)
    return {"messages": got.report.scanned, "fetched": got.fetched, "total": got.total,
            "fetched_share": round(got.fetched / got.total, 3) if got.total else None,
            "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
            "logged": len(got.report.logged)}  # fmt: skip


def section(result: dict[str, Any]) -> str:
    lines = ["## Mail: import and sync", "",
             "`mail import` of an mbox beside the stdlib's `mailbox` merely parsing it (CPU-time "
             f"ratio of messages/s, bar >= {BAR_RATIO}); peak RSS of the import; `mail sync` of "
             "new messages from Dovecot (bytes fetched over the sizes of all). "
             f"{result['load']}", "",
             "| messages | ours (CPU s) | mailbox (CPU s) | ratio (CPU, p25-p75) | ratio (wall) | "
             "peak RSS (MiB) |", "|---|---|---|---|---|---|"]  # fmt: skip
    for r in result["import"].values():
        c, w = r["ratio_cpu"], r["ratio_wall"]
        lines.append(f"| {r['messages']} | {r['ours_cpu_s']:.2f} | {r['mailbox_cpu_s']:.2f} | "
                     f"{c['median']:.2f} ({c['p25']:.2f}-{c['p75']:.2f}) | {w['median']:.2f} | "
                     f"{r['ours_rss_mib']:.0f} |")  # fmt: skip
    sizes = list(result["import"].values())
    if len(sizes) > 1:
        flat = sizes[-1]["ours_rss_mib"] / sizes[0]["ours_rss_mib"]
        lines += ["", f"Memory: {flat:.2f}x the peak RSS from {sizes[0]['messages']} to "
                  f"{sizes[-1]['messages']} messages (bar <= {BAR_FLAT})."]  # fmt: skip
    s = result.get("sync")
    if s:
        lines += ["", f"Sync of {s['messages']} new messages: {s['fetched']} of {s['total']} "
                  f"bytes fetched ({s['fetched_share']:.0%}), {s['logged']} logged, "
                  f"{s['wall_s']} s wall, {s['cpu_s']} s CPU in process."]  # fmt: skip
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sync", type=int, default=5000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    start = loadavg()
    with tempfile.TemporaryDirectory() as tmp:
        result: dict[str, Any] = {"machine": machine_facts()}
        result["import"] = import_speed(args.sizes, args.runs, Path(tmp))
        if args.sync and Path("/usr/sbin/dovecot").exists():
            result["sync"] = sync_speed(args.sync, Path(tmp))
    result["load"] = load_note(start, loadavg())
    publish(args.out, "mail_speed", result, section(result))


if __name__ == "__main__":
    main()
