"""Regular expressions compiled once and kept between processes.

Python compiles a pattern in pure Python (`re._parser`, `re._compiler`): the checker's ~70
patterns cost about 40 ms of every `lint` or `draft` process, a third of it. The compiled form is a
list of integers that the C engine (`_sre`) turns back into a pattern in microseconds.

- `warm(path)` puts the patterns a file holds into `re`'s own cache; called before the checker's
  modules are imported, their plain `re.compile` calls find them there. The domain never knows.
- `keep(path)` adds the patterns compiled since to the file (written whole, then renamed).
- `kept()` does both around the work of a command that checks or drafts (`lint`, `draft`); other
  commands compile few patterns and would only pay for reading the file.

The file is named after the interpreter's version, the engine's magic number and the version of
the sources that compile patterns (a newer version starts afresh and removes the older file), and
stamped with the first two and a checksum: another Python's file, or a damaged one, is never
read. Anything unexpected (a `re` without these internals, a file refused) falls back to
compiling, which is only slower.
"""

from __future__ import annotations

import array
import contextlib
import functools
import json
import os
import re
import sys
import threading
import zlib
from collections.abc import Iterator

TYPE_CHECKING = False  # typing is not imported at run time (about 2.5 ms of a lint)
if TYPE_CHECKING:  # nor pathlib: paths are strings here (pathlib costs some 4 ms of a lint)
    from typing import Any

    from followthrough.paths import StrPath

try:
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _TYPECODE = next(t for t in "IL" if array.array(t).itemsize == _sre.CODESIZE)
    _CACHE: dict[Any, Any] | None = re._cache if isinstance(re._cache, dict) else None  # type: ignore[attr-defined]
except (ImportError, AttributeError, StopIteration):  # another Python: compile as usual
    _CACHE = None

#: At most this many patterns are kept: re's own cache holds 512, and a `lint` compiles about
#: 330 (at 256 a full file left some 70 of them to compile, about 100 ms, in every process).
LIMIT = 448
_loaded: set[tuple[str, int]] = set()
_warmed: set[str] = set()


#: The package's folders whose modules compile patterns (checker, drafts, lexicons).
SOURCES = ("domain", "drafts", "text")


def code_key(root: StrPath | None = None) -> str:
    """Return a key of the sources that compile patterns, by size and modification time: a
    new version of them starts a new file, so patterns they no longer use are not kept."""
    root = os.fspath(root or os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
    parts = []
    for folder in SOURCES:
        with contextlib.suppress(OSError), os.scandir(os.path.join(root, folder)) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    parts.append(f"{folder}/{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    return f"{zlib.crc32('|'.join(parts).encode()):08x}"


def _prefix() -> str:
    magic = getattr(sys.modules.get("_sre"), "MAGIC", 0)
    return f"regex-{sys.implementation.cache_tag}-{sys.hexversion:x}-{magic}-"


@functools.cache
def file_name() -> str:
    """Return the cache file's name for this interpreter, engine and version of the code (the
    code a process runs is the code it loaded: worked out once)."""
    return f"{_prefix()}{code_key()}.bin"


def warm(path: StrPath) -> int:
    """Put the compiled patterns of `path` into re's cache; return how many (0 on any trouble)."""
    if _CACHE is None:
        return 0
    try:
        stored = _read(path)
        compiled = {
            (str, pattern, flags): _sre.compile(
                pattern, final, _unpack(code), groups, index, tuple(names)
            )
            for (pattern, flags), (final, code, groups, index, names) in stored.items()
        }
    except Exception:  # noqa: BLE001 - missing, damaged, foreign or refused: compile as usual
        return 0
    for key, value in compiled.items():
        _CACHE.setdefault(key, value)
    _loaded.update((pattern, flags) for _, pattern, flags in compiled)
    return len(compiled)


Entry = tuple[int, str, int, dict[str, int], list[str | None]]


def _unpack(code: str) -> list[int]:
    return array.array(_TYPECODE, bytes.fromhex(code)).tolist()


def _stamp() -> str:
    """Return what must match for a file to be read: this very interpreter and engine."""
    return json.dumps([sys.version, sys.hexversion, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT])


def _read(path: StrPath) -> dict[tuple[str, int], Entry]:
    """Return the file's patterns: (pattern, flags) -> (final flags, code as hex, groups,
    group index, group names).

    The file is a stamp line, a CRC-32 line and the rows as JSON. Code the engine runs is
    trusted as it stands (a flipped bit in it can crash the interpreter), so a file whose stamp
    or checksum does not match is refused whole."""
    with open(path, "rb") as f:
        stamp, crc, body = f.read().split(b"\n", 2)
    if stamp.decode() != _stamp() or int(crc) != zlib.crc32(body):
        raise ValueError(f"{path}: written by another interpreter, or damaged")
    return {(row[0], row[1]): tuple(row[2:]) for row in json.loads(body)}  # type: ignore[misc]


def _dump(stored: dict[tuple[str, int], Entry]) -> bytes:
    rows = [[pattern, flags, *entry] for (pattern, flags), entry in stored.items()]
    body = json.dumps(rows, separators=(",", ":")).encode()
    return b"%s\n%d\n%s" % (_stamp().encode(), zlib.crc32(body), body)


def _entry(pattern: str, flags: int) -> Entry:
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    index = dict(parsed.state.groupdict)
    names: list[str | None] = [None] * parsed.state.groups
    for name, number in index.items():
        names[number] = name
    packed = array.array(_TYPECODE, [int(c) for c in code]).tobytes().hex()
    return int(flags | parsed.state.flags), packed, parsed.state.groups - 1, index, names


def keep(path: StrPath) -> int:
    """Add the patterns compiled since `warm` to `path`; return how many were added.

    A directory that cannot be written is skipped: the cache only saves time."""
    if _CACHE is None:
        return 0
    try:  # re's keys are (type, pattern, flags) in 3.11 to 3.13; anything else: skip
        fresh = [
            (pattern, flags)
            for kind, pattern, flags in list(_CACHE)
            if kind is str and (pattern, flags) not in _loaded
        ]
    except (ValueError, TypeError, RuntimeError):
        return 0
    if not fresh:
        return 0
    try:
        stored = _read(path)
    except Exception:  # noqa: BLE001 - none yet, or damaged: start afresh
        stored = {}
    adding = fresh[: max(0, LIMIT - len(stored))]
    if not adding:  # the file is full: leave it as it is
        _loaded.update(fresh)
        return 0
    path = os.fspath(path)
    folder, base = os.path.split(path)
    partial = f"{path}.{os.getpid()}.{threading.get_ident()}.tmp"
    try:
        for pattern, flags in adding:
            stored[pattern, flags] = _entry(pattern, flags)
        os.makedirs(folder or ".", exist_ok=True)
        with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
            out.write(_dump(stored))
        os.replace(partial, path)
        with os.scandir(folder or ".") as entries:  # not glob: it would compile a pattern
            for entry in entries:
                name = entry.name
                if name.startswith(_prefix()[:-1]) and name.endswith(".bin") and name != base:
                    with contextlib.suppress(OSError):  # written for an older version
                        os.unlink(entry.path)
    except Exception:  # noqa: BLE001 - unwritable, or an internal that changed: skip
        with contextlib.suppress(Exception):
            os.unlink(partial)
        return 0
    _loaded.update(fresh)
    return len(adding)


@contextlib.contextmanager
def kept() -> Iterator[None]:
    """Warm re's cache from the user's cache directory (once per process), run the block, and
    keep what it compiled."""
    from followthrough.paths import cache_path

    path = os.path.join(cache_path(), file_name())
    if path not in _warmed:
        _warmed.add(path)
        warm(path)
    try:
        yield
    finally:
        keep(path)
