"""Compiled regular expressions kept between processes (text/regex_cache.py)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from followthrough.text import regex_cache

# Patterns no other code compiles (the run id keeps them out of re's cache until we compile them),
# with what the cache must carry over: named groups, flags set inline and by argument,
# look-behind, a Unicode class, a repeat.
RUN = f"r{os.getpid()}"
PATTERNS = [
    (rf"(?P<word>\b{RUN}\w+)\s+(?P<n>\d{{2,4}})", 0),
    (rf"(?i)(?<=dear )\w+ {RUN}", 0),
    (rf"^{RUN}[^\W\d_]+$", re.MULTILINE | re.IGNORECASE),
    (rf"(?:a|b|{RUN})+?c", re.VERBOSE),
]
TEXT = f"{RUN}abc 123\ndear Ann {RUN}\n{RUN.upper()}Zoë\nab{RUN}c"


@pytest.fixture
def clean(monkeypatch: pytest.MonkeyPatch) -> None:
    re.purge()
    monkeypatch.setattr(regex_cache, "_loaded", set())
    yield
    re.purge()


def _behaviour(pattern: re.Pattern[str]) -> tuple[object, ...]:
    found = list(pattern.finditer(TEXT))
    return (pattern.pattern, pattern.flags, pattern.groupindex, pattern.groups,
            [m.span() for m in found], [m.groups() for m in found])  # fmt: skip


def test_kept_patterns_come_back_without_being_compiled(
    clean: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / regex_cache.file_name()
    fresh = [_behaviour(re.compile(p, f)) for p, f in PATTERNS]
    assert all(b[4] for b in fresh), "every pattern matches something in TEXT"
    assert regex_cache.keep(path) >= len(PATTERNS)
    assert regex_cache.keep(path) == 0, "nothing new: the file is left alone"

    re.purge()
    monkeypatch.setattr(regex_cache, "_loaded", set())
    assert regex_cache.warm(path) >= len(PATTERNS)

    def refuse(*_: object) -> None:
        raise AssertionError("compiled although the cache held it")

    monkeypatch.setattr(re._compiler, "compile", refuse)  # type: ignore[attr-defined]
    assert [_behaviour(re.compile(p, f)) for p, f in PATTERNS] == fresh


def _kept(tmp_path: Path) -> Path:
    path = tmp_path / regex_cache.file_name()
    for p, f in PATTERNS:
        re.compile(p, f)
    regex_cache.keep(path)
    return path


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage", "stamp", "empty"])
def test_a_damaged_or_foreign_file_is_refused_and_patterns_compile_as_usual(
    clean: None, tmp_path: Path, damage: str
) -> None:
    path = _kept(tmp_path)
    data = bytearray(path.read_bytes())
    stamp, crc, body = bytes(data).split(b"\n", 2)
    if damage == "flip":  # one digit of the compiled code changed, checksum left as it was
        at = body.index(b'"', body.index(b"[", 2) + 1) + 40
        body = body[:at] + (b"0" if body[at:at + 1] != b"0" else b"1") + body[at + 1:]
        path.write_bytes(b"\n".join([stamp, crc, body]))
    elif damage == "truncate":
        path.write_bytes(bytes(data[: len(data) // 2]))
    elif damage == "garbage":
        path.write_bytes(os.urandom(4096))
    elif damage == "stamp":  # a file another interpreter wrote
        other = json.dumps(["2.7.18 (elsewhere)", 0, 0, 4, 0]).encode()
        path.write_bytes(b"\n".join([other, crc, body]))
    else:
        path.write_bytes(b"")
    re.purge()
    assert regex_cache.warm(path) == 0
    p, f = PATTERNS[0]
    assert re.compile(p, f).search(TEXT).group("n") == "123"


def test_an_unwritable_place_is_skipped(clean: None, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    for p, f in PATTERNS:
        re.compile(p, f)
    assert regex_cache.keep(blocker / "sub" / regex_cache.file_name()) == 0
    assert sorted(x.name for x in tmp_path.iterdir()) == ["file"]


def test_the_file_is_named_for_this_interpreter() -> None:
    assert sys.implementation.cache_tag in regex_cache.file_name()
    assert f"{sys.hexversion:x}" in regex_cache.file_name()


NOTE = """Dear Ann,

Thank you for meeting me on Tuesday about the Data Engineer role. I forgot to mention that I
also led our migration to Kafka, which I think you would find really amazing and the best.

Could you let me know by Friday whether I got the job?

Kind regards,
Alex
"""


def _lint_in(tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    """Return a `lint --json` command of NOTE and its environment, with the caches in tmp_path."""
    note = tmp_path / "note.txt"
    note.write_text(NOTE)
    env = {k: v for k, v in os.environ.items() if k != "FOLLOWTHROUGH_DB"}
    env |= {"FOLLOWTHROUGH_CACHE_DIR": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path)}
    command = [str(Path(sys.executable).with_name("followthrough")), "lint", str(note), "--json"]
    return command, env


def test_lint_answers_the_same_from_a_cold_and_a_warm_cache(tmp_path: Path) -> None:
    command, env = _lint_in(tmp_path)

    def run() -> str:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    cold = run()
    kept = tmp_path / "cache" / regex_cache.file_name()
    rows = json.loads(kept.read_bytes().split(b"\n", 2)[2])
    assert len(rows) >= 50, "the checker's patterns are kept"
    assert run() == cold
    kept.write_bytes(kept.read_bytes()[:-100])  # damaged: compiled again, same answer
    assert run() == cold
    assert {f["rule"] for f in json.loads(cold)["findings"]} >= {"forgot-to-mention", "pushy"}


def test_keepers_at_once_leave_one_whole_file(clean: None, tmp_path: Path) -> None:
    """Threads of a web server (and other processes) may keep at the same moment: the file is
    always whole, and no temporary file is left."""
    import threading

    path = tmp_path / regex_cache.file_name()
    start = threading.Barrier(8)

    def keeper(n: int) -> None:
        re.compile(rf"{RUN}-thread-{n}-(\w+)")
        start.wait()
        regex_cache.keep(path)

    threads = [threading.Thread(target=keeper, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    re.purge()
    regex_cache._loaded.clear()
    assert regex_cache.warm(path) >= 1


def test_a_new_version_of_the_sources_starts_a_new_file(tmp_path: Path) -> None:
    """Patterns an older version compiled are not carried along: the file is named after the
    sources that compile patterns, and keeping a new one removes the older one."""
    for folder in regex_cache.SOURCES:
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.py").write_text("X = 1\n")
    before = regex_cache.code_key(tmp_path)
    assert regex_cache.code_key(tmp_path) == before
    (tmp_path / "domain" / "a.py").write_text("X = 22\n")
    assert regex_cache.code_key(tmp_path) != before
    assert regex_cache.code_key() in regex_cache.file_name()


def test_keeping_removes_the_file_of_an_older_version(clean: None, tmp_path: Path) -> None:
    old = tmp_path / (regex_cache._prefix() + "00000000.bin")
    old.write_bytes(b"old")
    other_python = tmp_path / "regex-cpython-399-0-0-00000000.bin"
    other_python.write_bytes(b"another interpreter's")
    re.compile(rf"{RUN}-versions")
    regex_cache.keep(tmp_path / regex_cache.file_name())
    assert not old.exists()
    assert other_python.exists()


def test_a_full_file_is_left_as_it_is(
    clean: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _kept(tmp_path)
    before = path.read_bytes()
    monkeypatch.setattr(regex_cache, "LIMIT", len(regex_cache._read(path)))
    re.compile(rf"{RUN}-one-too-many")
    assert regex_cache.keep(path) == 0
    assert path.read_bytes() == before


def test_the_file_holds_every_pattern_a_lint_compiles(tmp_path: Path) -> None:
    # the file is shared by every process that checks or drafts (the CLI, the web server): it
    # holds a lint's patterns and as many again, or a lint after a draft finds it full and
    # compiles the rest in every process (at 256, some 70 patterns: about 100 ms of a lint)
    command, env = _lint_in(tmp_path)
    for kind in ("thank-you", "check-in"):
        subprocess.run([*command, "--kind", kind], env=env, capture_output=True, check=True,
                       timeout=120)  # fmt: skip
    kept = tmp_path / "cache" / regex_cache.file_name()
    rows = json.loads(kept.read_bytes().split(b"\n", 2)[2])
    assert 2 * len(rows) <= regex_cache.LIMIT, "no room for a lint's patterns beside a draft's"
