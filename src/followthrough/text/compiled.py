"""The checker's lexicons in a compiled form: one SQLite file in the user's cache directory.

Reading the packages (VADER, pyspellchecker, lemminflect, the tone model) takes about 0.4 s;
a `lint` reads a few hundred entries of them. So text/lexicons.py writes what it read here once,
and every later process opens the file read-only (`immutable=1`) and looks words up as the
checker asks for them:

- `tables`: one JSON row with the small lists read whole (the most frequent words, past forms,
  the tone model's labels and biases);
- `lookup`: the word maps (`negative`, `positive` valences, word `classes`), per map and word;
- `words`: the dictionary; `counts`: each word's count in its corpus (for spelling suggestions);
- `tone`: the tone model's weights per feature, as packed doubles.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
from array import array
from collections.abc import Iterable, Iterator, Mapping

TYPE_CHECKING = False  # typing is not imported at run time (about 2.5 ms of a lint)
if TYPE_CHECKING:  # nor pathlib: the file is named by a string
    from typing import Any

    from followthrough.paths import StrPath

#: The word maps kept in the `lookup` table (the rest of the small tables stay JSON).
MAPS = ("negative", "positive", "classes")
#: Lookups remembered per table; past this the memo starts afresh (a server checks any text).
MEMO = 50_000
#: A temporary file this much older than now is a killed build's (a build takes seconds).
STALE_SECONDS = 600
#: A key looked up and not there (None is a value a row may hold).
_ABSENT = object()


class _Remembered:
    """What a table answered, per key (a check asks for the same words again and again), up to
    MEMO keys: past that the memo starts afresh (a server checks any text)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[str, Any] = {}

    def _remember(self, key: str, value: Any) -> Any:
        if len(self._seen) >= MEMO:
            self._seen.clear()
        self._seen[key] = value
        return value


class Words(_Remembered):
    """The dictionary's words, looked up in the compiled file (or in memory without one)."""

    def __init__(self, conn: sqlite3.Connection | None, words: frozenset[str]) -> None:
        super().__init__()
        self._conn = conn
        self._words = words

    @property
    def compiled(self) -> bool:
        """True when the words are read from the compiled file (with their counts)."""
        return self._conn is not None

    def __contains__(self, word: str) -> bool:
        if self._conn is None:
            return word in self._words
        found = self._seen.get(word)
        if found is None:
            with self._lock:
                row = self._conn.execute("SELECT 1 FROM words WHERE word = ?", (word,)).fetchone()
            found = self._remember(word, row is not None)
        return found

    def prefetch(self, words: Iterable[str]) -> None:
        """Look up every one of `words` not seen yet in one query (a check then asks for them
        one by one: a few hundred queries of their own)."""
        if self._conn is None:
            return
        wanted = {w for w in words if w not in self._seen}
        if not wanted:
            return
        with self._lock:
            rows = self._conn.execute(
                "SELECT word FROM words WHERE word IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(wanted)),),
            ).fetchall()
        there = {r[0] for r in rows}
        for word in wanted:
            self._remember(word, word in there)

    def counts(self, words: Iterable[str]) -> dict[str, int]:
        """Return how often each of `words` the dictionary has occurs in its corpus, in one
        query (the spelling suggestions weigh a few hundred candidates at once)."""
        assert self._conn is not None, "counts are read from the compiled file"
        wanted = json.dumps(sorted(set(words)))
        with self._lock:
            rows = self._conn.execute(
                "SELECT word, n FROM counts WHERE word IN (SELECT value FROM json_each(?))",
                (wanted,),
            ).fetchall()
        return dict(rows)


class _Rows(_Remembered, Mapping[str, "Any"]):
    """A read-only map over one SQLite query per key (a check asks for a few hundred keys)."""

    _one: str
    _all: str
    _count: str
    _many: str | None = None
    _params: tuple[Any, ...] = ()

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__()  # the memo: key -> raw value, or _ABSENT
        self._conn = conn
        self._size: int | None = None

    def _value(self, raw: Any) -> Any:
        return raw

    def __getitem__(self, key: str) -> Any:
        raw = self._seen.get(key)
        if raw is None:
            with self._lock:
                row = self._conn.execute(self._one, (*self._params, key)).fetchone()
            raw = self._remember(key, _ABSENT if row is None else row[0])
        if raw is _ABSENT:
            raise KeyError(key)
        return self._value(raw)

    def prefetch(self, keys: Iterable[str]) -> None:
        """Look up every one of `keys` not seen yet in one query."""
        wanted = {k for k in keys if k not in self._seen}
        if not wanted or self._many is None:
            return
        with self._lock:
            rows = self._conn.execute(self._many, (*self._params, json.dumps(sorted(wanted))))
            found = dict(rows.fetchall())
        for key in wanted:
            self._remember(key, found.get(key, _ABSENT))

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            rows = self._conn.execute(self._all, self._params).fetchall()
        return iter(r[0] for r in rows)

    def __len__(self) -> int:
        if self._size is None:  # asked on every check (is there a model at all?): count once
            with self._lock:
                self._size = int(self._conn.execute(self._count, self._params).fetchone()[0])
        return self._size


class Lookup(_Rows):
    """One word map of the `lookup` table (word -> valence or word class)."""

    _one = "SELECT value FROM lookup WHERE map = ? AND word = ?"
    _many = ("SELECT word, value FROM lookup WHERE map = ? AND word IN "
             "(SELECT value FROM json_each(?))")  # fmt: skip
    _all = "SELECT word FROM lookup WHERE map = ? ORDER BY word"
    _count = "SELECT count(*) FROM lookup WHERE map = ?"

    def __init__(self, conn: sqlite3.Connection, name: str) -> None:
        super().__init__(conn)
        self._params = (name,)


class ToneWeights(_Rows):
    """The tone model's weights per feature (a note reads a few hundred of its 24,000 features,
    all at once through `subset`; loading them all would take longer than the check)."""

    _one = "SELECT w FROM tone WHERE feature = ?"
    _all = "SELECT feature FROM tone ORDER BY feature"
    _count = "SELECT count(*) FROM tone"

    def _value(self, raw: Any) -> tuple[float, ...]:
        return tuple(array("d", raw))

    def subset(self, features: Iterable[str]) -> dict[str, tuple[float, ...]]:
        """Return the weights of those of `features` the model has, in one query."""
        wanted = json.dumps(sorted(features))
        with self._lock:
            rows = self._conn.execute(
                "SELECT feature, w FROM tone WHERE feature IN (SELECT value FROM json_each(?))",
                (wanted,),
            ).fetchall()
        return {feature: self._value(w) for feature, w in rows}


#: The bytes a file URI keeps as they are (`urllib.parse.quote`'s, with "/").
_URI_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/")


def file_uri(path: StrPath) -> str:
    """Return the `file:` URI of `path` made absolute, as `Path.as_uri()` does (which would
    import pathlib on `lint`'s path): every byte but the URI-safe ones percent-escaped."""
    absolute = os.path.abspath(path)
    if os.name == "nt":  # drive letters and backslashes: leave it to pathlib
        from pathlib import Path

        return Path(absolute).as_uri()
    escaped = "".join(chr(b) if b in _URI_SAFE else f"%{b:02X}" for b in os.fsencode(absolute))
    return f"file://{escaped}"


def open_file(path: StrPath) -> tuple[dict[str, object], sqlite3.Connection] | None:
    """Return the small tables (the word maps as `Lookup`s) and a connection to the compiled
    file, or None when it is missing, damaged or of an older layout."""
    if not os.path.exists(path):
        return None
    try:
        conn = sqlite3.connect(f"{file_uri(path)}?immutable=1", uri=True, check_same_thread=False)
        (blob,) = conn.execute("SELECT data FROM tables").fetchone()
        small = json.loads(blob)
        conn.execute("SELECT 1 FROM tone LIMIT 1").fetchall()
        conn.execute("SELECT n FROM counts LIMIT 1").fetchall()
        conn.execute("SELECT 1 FROM lookup LIMIT 1").fetchall()
    except (sqlite3.Error, TypeError, ValueError, EOFError):
        return None
    if not isinstance(small, dict):
        return None
    return small | {name: Lookup(conn, name) for name in MAPS}, conn


def write_file(
    path: StrPath,
    small: Mapping[str, Any],
    words: Mapping[str, int],
    tone: Mapping[str, list[float]],
) -> None:
    """Write the compiled file whole under a temporary name, then move it into place (readers
    see no file or the whole file), and remove those of other versions."""
    import tempfile
    from pathlib import Path  # built once per version: pathlib is no cost here

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="lexicons-", suffix=".tmp")
    os.close(fd)
    rest = {k: v for k, v in small.items() if k not in MAPS}
    try:
        with contextlib.closing(sqlite3.connect(tmp)) as conn, conn:
            conn.execute("CREATE TABLE tables (data TEXT NOT NULL)")
            conn.execute("INSERT INTO tables VALUES (?)", (json.dumps(rest),))
            conn.execute("CREATE TABLE lookup (map TEXT, word TEXT, value, "
                         "PRIMARY KEY (map, word)) WITHOUT ROWID")  # fmt: skip
            maps = ((m, w, v) for m in MAPS for w, v in sorted(small[m].items()))
            conn.executemany("INSERT INTO lookup VALUES (?, ?, ?)", maps)
            # the words alone for the checker's many lookups, their counts apart for the few
            # suggestions (a narrower table reads fewer pages)
            conn.execute("CREATE TABLE words (word TEXT PRIMARY KEY) WITHOUT ROWID")
            conn.executemany("INSERT INTO words VALUES (?)", ((w,) for w in sorted(words)))
            conn.execute("CREATE TABLE counts (word TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID")
            conn.executemany("INSERT INTO counts VALUES (?, ?)", sorted(words.items()))
            conn.execute("CREATE TABLE tone (feature TEXT PRIMARY KEY, w BLOB) WITHOUT ROWID")
            rows = ((f, array("d", w).tobytes()) for f, w in sorted(tone.items()))
            conn.executemany("INSERT INTO tone VALUES (?, ?)", rows)
        os.replace(tmp, path)
        for stale in path.parent.glob("lexicons-*.sqlite"):
            if stale != path:  # left by an older version of a package or of this module
                stale.unlink(missing_ok=True)
        # a build killed half-way leaves its temporary file (megabytes): one older than any
        # build in progress takes is removed by the next build
        for stale in path.parent.glob("lexicons-*.tmp*"):
            with contextlib.suppress(OSError):
                if time.time() - stale.stat().st_mtime > STALE_SECONDS:
                    stale.unlink()
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
