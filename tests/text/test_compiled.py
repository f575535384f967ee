"""The compiled lexicon file's readers (text/compiled.py): lookups asked for at once give the
answers asked one by one, the memo stays bounded, and the file is opened by a URI that
`Path.as_uri` would give, whatever its folder is called."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followthrough.domain.checker_spelling import distance
from followthrough.text import compiled

SMALL = {
    "negative": {"awful": -2.5, "chaotic": -1.9, "late": -0.4},
    "positive": {"great": 3.1, "kind": 1.8},
    "classes": {"chaotic": "A"},
    "common": ["the", "great"],
}
WORDS = {"the": 900, "great": 40, "awful": 5, "kind": 30, "depot": 2}


@pytest.fixture
def opened(tmp_path: Path) -> tuple[dict[str, object], compiled.Words]:
    path = tmp_path / "odd ?#% folder" / "lexicons.sqlite"
    compiled.write_file(path, SMALL, WORDS, {"w:kind": [0.5]})
    found = compiled.open_file(str(path))
    assert found is not None, "a folder named with URI characters opens all the same"
    small, conn = found
    return small, compiled.Words(conn, frozenset())


ASKED = ["the", "awful", "chaotic", "depot", "nope", "great", "kind", "late", ""]


def test_prefetched_lookups_answer_as_single_ones(
    opened: tuple[dict[str, object], compiled.Words],
) -> None:
    small, words = opened
    one_by_one = [(w in words, small["negative"].get(w), small["positive"].get(w)) for w in ASKED]  # type: ignore[attr-defined]
    fresh = compiled.Words(words._conn, frozenset())  # noqa: SLF001
    negative = compiled.Lookup(words._conn, "negative")  # type: ignore[arg-type]  # noqa: SLF001
    positive = compiled.Lookup(words._conn, "positive")  # type: ignore[arg-type]  # noqa: SLF001
    for table in (fresh, negative, positive):
        table.prefetch(ASKED)
    assert [(w in fresh, negative.get(w), positive.get(w)) for w in ASKED] == one_by_one
    assert one_by_one[1] == (True, -2.5, None)
    assert one_by_one[4] == (False, None, None)


def test_the_memo_is_bounded(
    opened: tuple[dict[str, object], compiled.Words], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compiled, "MEMO", 3)
    _, words = opened
    negative = compiled.Lookup(words._conn, "negative")  # type: ignore[arg-type]  # noqa: SLF001
    words.prefetch(ASKED)
    negative.prefetch(ASKED)
    for w in ASKED:
        assert (w in words) == (w in WORDS)
        assert negative.get(w) == SMALL["negative"].get(w)  # type: ignore[attr-defined]
    assert len(words._seen) <= 3  # noqa: SLF001
    assert len(negative._seen) <= 3  # noqa: SLF001


@pytest.mark.skipif(os.name == "nt", reason="pathlib decides there")
@pytest.mark.parametrize(
    "path", ["/tmp/a b/c?d#e%f.sqlite", "/tmp/é ü/x", "relative/file", "/a/b;c=d&e+f", "/x/\udcff"]
)
def test_the_file_uri_is_the_one_pathlib_gives(path: str) -> None:
    assert compiled.file_uri(path) == Path(os.path.abspath(path)).as_uri()


@given(st.text("abcd", max_size=7), st.text("abcd", max_size=7), st.integers(0, 3))
def test_a_limited_distance_decides_as_the_full_one(a: str, b: str, limit: int) -> None:
    full = distance(a, b)
    limited = distance(a, b, limit)
    assert (limited <= limit) == (full <= limit)
    if full <= limit:
        assert limited == full


def test_a_killed_builds_temporary_files_are_removed_by_the_next(tmp_path: Path) -> None:
    """kill -9 while the file is built leaves its temporary file (megabytes) behind: the next
    build removes those older than any build in progress, and leaves a fresh one alone."""
    old = [tmp_path / "lexicons-abc.tmp", tmp_path / "lexicons-abc.tmp-journal"]
    fresh = tmp_path / "lexicons-xyz.tmp"
    for f in [*old, fresh]:
        f.write_bytes(b"half a build")
    stale = os.stat(fresh).st_mtime - compiled.STALE_SECONDS - 60
    for f in old:
        os.utime(f, (stale, stale))
    compiled.write_file(tmp_path / "lexicons-new.sqlite", SMALL, WORDS, {})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lexicons-new.sqlite", fresh.name]
