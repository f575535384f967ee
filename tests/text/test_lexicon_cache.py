"""The compiled lexicon cache (text/lexicons.py): built once, then read without the packages.

Each test runs a fresh interpreter on its own FOLLOWTHROUGH_CACHE_DIR, so what a process imports
and what it finds on disk are its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = (
    "import sys; from followthrough.text.lexicons import load_lexicons; L = load_lexicons(); "
    "print(L.known('interview'), L.known('oppertunity'), L.classes.get('chaotic'), "
    "'spellchecker' in sys.modules, 'lemminflect' in sys.modules, len(L.common))"
)


def _probe(cache: Path) -> list[str]:
    env = {**os.environ, "FOLLOWTHROUGH_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         check=True, env=env)  # fmt: skip
    return out.stdout.split()


def test_built_on_first_use_then_read_without_the_packages(tmp_path: Path) -> None:
    first = _probe(tmp_path)
    assert first == ["True", "False", "A", "True", "True", "5000"]
    files = list(tmp_path.glob("lexicons-*.sqlite"))
    assert len(files) == 1
    # the second process reads the compiled file: neither package is imported
    assert _probe(tmp_path) == ["True", "False", "A", "False", "False", "5000"]
    assert not list(tmp_path.glob("*.tmp"))  # written whole under a temporary name


def test_a_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    _probe(tmp_path)
    (cache,) = tmp_path.glob("lexicons-*.sqlite")
    cache.write_bytes(b"not a database at all")
    assert _probe(tmp_path)[:4] == ["True", "False", "A", "True"]  # rebuilt from the packages
    assert _probe(tmp_path)[3] == "False"  # and written again


def test_an_unwritable_cache_directory_still_checks(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    assert _probe(blocked / "cache")[:3] == ["True", "False", "A"]


def test_a_cache_without_the_tone_model_is_rebuilt(tmp_path: Path) -> None:
    import sqlite3

    _probe(tmp_path)
    (path,) = tmp_path.glob("lexicons-*.sqlite")
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE tone")  # as a file written before the model existed
    probe = (
        "from followthrough.text.lexicons import load_lexicons; t = load_lexicons().tone; "
        "print(t is not None and t.scores('I forgot to mention my degree.')['forgot'] > 0.5)"
    )
    env = {**os.environ, "FOLLOWTHROUGH_CACHE_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, env=env)  # fmt: skip
    assert out.stdout.split() == ["True"]
