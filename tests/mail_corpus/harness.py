"""The mail corpus as a test and a benchmark read it: each set's world built in a real SQLite
database through the services, its messages read in mailbox order by the real reading service
(`services.mail_read.read_messages`), and each message's outcome set beside its label.

    python tests/mail_corpus/harness.py [--split dev|test] [-v]   # the figures (and mistakes)

A set (tests/mail_corpus/<set>/) is `world.toml` (the job search), `messages/*.eml` and
`labels.toml`; its README-like header comments say who wrote it. The sealed split is
`splits.toml` (split.py): every message is read, since a thread needs its earlier messages,
but only the chosen split's outcomes are scored.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SPLITS = HERE / "splits.toml"


@dataclass
class Got:
    """What the reader did with one message."""

    logged: bool
    reason: str
    application: str
    direction: str
    proposal: str
    interview_at: str = ""
    completes: str = ""


@dataclass
class Case:
    """One labelled message and what the reader did with it."""

    set: str
    file: str
    label: dict[str, Any]
    got: Got | None = None


@dataclass
class Figures:
    """Counts behind precision and recall."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Scores:
    """Per outcome: matching, each ignore reason, each proposal, actions done, and time."""

    matching: Figures = field(default_factory=Figures)
    reasons: dict[str, Figures] = field(default_factory=dict)
    proposals: dict[str, Figures] = field(default_factory=dict)
    completes: Figures = field(default_factory=Figures)
    times_right: int = 0
    times_all: int = 0


def sets() -> list[str]:
    """Return the names of the corpus's sets."""
    return sorted(p.parent.name for p in HERE.glob("*/labels.toml"))


def labels(name: str) -> list[dict[str, Any]]:
    """Return a set's labels, in file order."""
    with (HERE / name / "labels.toml").open("rb") as f:
        return list(tomllib.load(f)["message"])


def world(name: str) -> dict[str, Any]:
    """Return a set's world.toml."""
    with (HERE / name / "world.toml").open("rb") as f:
        return tomllib.load(f)


def sealed() -> set[tuple[str, str]]:
    """Return the (set, file) pairs of the sealed test split."""
    if not SPLITS.exists():
        return set()
    with SPLITS.open("rb") as f:
        data = tomllib.load(f)
    return {tuple(x.split(":", 1)) for x in data["test"]}  # type: ignore[misc]


def build(name: str, path: Path) -> tuple[Any, dict[str, int]]:
    """Create the set's world in a new SQLite file at `path`; return the Context and the
    application ids by key."""
    from followthrough.services import applications, contacts, interviews
    from followthrough.services.context import Context, open_local
    from followthrough.services.mail_read import ALSO_ME, FROM
    from followthrough.services.settings import update_settings

    w = world(name)
    now = dt.datetime.fromisoformat(w["now"])
    ctx = Context(open_local(path, now), now)
    me = list(w["me"])
    update_settings(ctx, {"tz": w["tz"], FROM: me[0], ALSO_ME: ", ".join(me[1:])})
    ids: dict[str, int] = {}
    known: set[str] = set()
    for app in w["application"]:
        people = app.get("contact", [])
        address = {p["email"].lower(): f"{p['name']} <{p['email']}>" for p in people}
        first = {
            r: next((address[p["email"].lower()] for p in people if p["role"] == r), None)
            for r in ("recruiter", "hiring-manager")
        }
        made = applications.add_application(
            ctx,
            app["company"],
            app["role"],
            recruiter=first["recruiter"],
            agency=app.get("agency"),
            url=app.get("url"),
            hiring_contact=first["hiring-manager"],
            referees=[address[p["email"].lower()] for p in people if p["role"] == "referee"],
        )
        ids[app["key"]] = made.id
        for iv in app.get("interview", []):
            start, end = (dt.datetime.fromisoformat(iv[k]) for k in ("at", "end"))
            panel = [address.get(e.lower(), e) for e in iv.get("with", [])]
            interviews.add_interview(ctx, made.id, start, end, "video", panel)
        linked = {first["recruiter"], first["hiring-manager"]}
        linked |= {address.get(e.lower()) for iv in app.get("interview", []) for e in iv["with"]}
        for p in people:
            email = p["email"].lower()
            if address[email] in linked or p["role"] == "referee" or email in known:
                continue
            contacts.add_contact(
                ctx, p["name"], p["email"], role=_role(p["role"]), organisation=app["company"]
            )
            known.add(email)
        known |= set(address)
        if app["status"] not in ("applied", "interviewing"):
            applications.set_status(ctx, made.id, app["status"])
    for sent in w.get("sent", []):
        _sent(ctx, ids[sent["application"]], sent)
    return ctx, ids


_BUILT: dict[str, tuple[Path, dict[str, int]]] = {}


def build_copy(name: str, path: Path) -> tuple[Any, dict[str, int]]:
    """Return what `build` returns, on a copy at `path` of the set's world built once per
    process (building it re-plans every application: seconds; copying a file: nothing)."""
    import sqlite3
    import tempfile

    from followthrough.services.context import Context, open_local

    if name not in _BUILT:
        folder = Path(tempfile.mkdtemp(prefix=f"mail-world-{name}-"))
        ctx, ids = build(name, folder / "world.db")
        with ctx.write():  # a checkpointed, consistent file to copy
            pass
        ctx.repo.writer().engine.dispose()
        _BUILT[name] = (folder / "world.db", ids)
    template, ids = _BUILT[name]
    source, copy = sqlite3.connect(template), sqlite3.connect(path)
    try:
        source.backup(copy)  # consistent whatever the write-ahead log holds
    finally:
        copy.close()
        source.close()
    now = dt.datetime.fromisoformat(world(name)["now"])
    return Context(open_local(path, now), now), dict(ids)


def _role(role: str) -> str:
    return role if role in ("interviewer", "recruiter", "hiring-manager", "referee") else "other"


def _sent(ctx: Any, app_id: int, sent: dict[str, Any]) -> None:
    """Record a message the user sent through Followthrough before the corpus's mailbox."""
    from followthrough.services.outbox import record_sent

    record_sent(
        ctx,
        app_id,
        sent["kind"],
        sent["to"],
        sent["message_id"].strip("<>"),
        dt.datetime.fromisoformat(sent["at"]),
        sent.get("subject", ""),
    )


def run(name: str, tmp: Path) -> list[Case]:
    """Read a set's mailbox through the service; return its cases with what was done."""
    from followthrough.services.mail_read import Whole, read_messages

    ctx, ids = build(name, tmp / f"{name}.db")
    by_id = {v: k for k, v in ids.items()}
    cases = [Case(name, lab["file"], lab) for lab in labels(name)]
    items = [
        Whole(
            c.label.get("folder", "INBOX"),
            c.label.get("folder") == "Sent",
            (HERE / name / c.file).read_bytes(),
        )
        for c in cases
    ]
    it = iter(cases)

    def each(mail: Any, outcome: Any, proposal: Any) -> None:
        case = next(it)
        details = proposal.details if proposal else {}
        case.got = Got(
            outcome.logged,
            outcome.reason or "",
            by_id.get(outcome.application_id, ""),
            outcome.direction,
            proposal.proposal if proposal else "",
            details.get("at", ""),
        )

    read_messages(ctx, items, "import", each=each)
    _completions(ctx, cases)
    return cases


def _completions(ctx: Any, cases: list[Case]) -> None:
    from followthrough.store.repo import Repo

    repo = ctx.repo.writer() if not isinstance(ctx.repo, Repo) else ctx.repo
    with repo.read() as conn:
        rows = {r["message_id"]: r for r in repo.mail_messages(conn)}
        for case in cases:
            mid = _message_id(HERE / case.set / case.file)
            row = rows.get(mid)
            if case.got and row and row["action_id"]:
                case.got.completes = repo.action(conn, row["action_id"])["kind"]


def _message_id(path: Path) -> str:
    from followthrough.mail.parse import parse

    return parse(path.read_bytes()).message_id


def score(cases: list[Case]) -> Scores:
    """Return the figures of `cases`."""
    s = Scores()
    for c in cases:
        lab, got = c.label, c.got
        assert got is not None
        want_app = lab.get("application", "") if lab["expect"] == "logged" else ""
        got_app = got.application if got.logged else ""
        if got_app and got_app == want_app:
            s.matching.tp += 1
        else:
            s.matching.fp += bool(got_app)
            s.matching.fn += bool(want_app)
        want_reason = lab.get("reason", "") if lab["expect"] == "ignored" else ""
        for r in {want_reason, got.reason} - {""}:
            f = s.reasons.setdefault(r, Figures())
            f.tp += want_reason == r == got.reason
            f.fp += got.reason == r != want_reason
            f.fn += want_reason == r != got.reason
        want_p, got_p = lab.get("proposal", ""), got.proposal
        for p in {want_p, got_p} - {""}:
            f = s.proposals.setdefault(p, Figures())
            f.tp += want_p == p == got_p
            f.fp += got_p == p != want_p
            f.fn += want_p == p != got_p
        if want_p == "interview" == got_p and lab.get("interview_at"):
            s.times_all += 1
            want_at = dt.datetime.fromisoformat(lab["interview_at"])
            s.times_right += bool(got.interview_at) and (
                dt.datetime.fromisoformat(got.interview_at) == want_at
            )
        want_c, got_c = lab.get("completes", ""), got.completes
        s.completes.tp += bool(want_c) and want_c == got_c
        s.completes.fp += bool(got_c) and want_c != got_c
        s.completes.fn += bool(want_c) and want_c != got_c
    return s


def all_cases(tmp: Path) -> list[Case]:
    """Return every set's cases, read."""
    return [c for name in sets() for c in run(name, tmp)]


def in_split(cases: list[Case], split: str) -> list[Case]:
    """Return the cases of `split` ("dev" or "test")."""
    test = sealed()
    return [c for c in cases if ((c.set, c.file) in test) == (split == "test")]


def main() -> None:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("-v", action="store_true", help="list the dev mistakes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases = all_cases(Path(tmp))
    chosen = cases if args.split == "all" else in_split(cases, args.split)
    s = score(chosen)
    print(f"{args.split}: {len(chosen)} messages")
    for label, f in [
        ("matching", s.matching),
        ("completes", s.completes),
        *((f"ignored {k}", v) for k, v in sorted(s.reasons.items())),
        *((f"proposal {k}", v) for k, v in sorted(s.proposals.items())),
    ]:
        print(
            f"  {label:28} tp {f.tp:3} fp {f.fp:3} fn {f.fn:3}  "
            f"P {f.precision:.2f} R {f.recall:.2f}"
        )
    print(f"  interview times right: {s.times_right}/{s.times_all}")
    if args.v and args.split != "test":
        for c in chosen:
            lab, got = c.label, c.got
            assert got is not None
            want = (
                lab["expect"] == "logged" and lab.get("application", ""),
                lab.get("reason", "") if lab["expect"] == "ignored" else "",
                lab.get("proposal", ""),
                lab.get("completes", ""),
            )
            have = (got.logged and got.application, got.reason, got.proposal, got.completes)
            if want != have:
                print(f"{c.set}/{c.file}: want {want} got {have} -- {lab.get('why', '')}")
    print(Counter(c.set for c in chosen))


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent.parent / "src"))
    main()
