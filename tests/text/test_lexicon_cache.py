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


def test_a_damaged_tone_model_leaves_the_phrase_families_working(tmp_path: Path) -> None:
    """A tone_model.json that is not JSON (a broken install) gives no learned reading, and the
    checker still runs on its phrase families: no traceback."""
    bad = tmp_path / "tone_model.json"
    bad.write_text("{not json", encoding="utf-8")
    probe = (
        "import followthrough.text.lexicons as L; from pathlib import Path; "
        f"L.TONE_MODEL = Path({str(bad)!r}); "
        "from followthrough.domain.checker import CheckContext, check, rules_found; "
        "lex = L.load_lexicons(); "
        "t = 'Hi Dana,\\n\\nI forgot to mention my Python certificate.\\n\\nBest,\\nSam'; "
        "print(lex.tone is None, sorted(rules_found(check(t, CheckContext('check-in'), lex))))"
    )
    env = {**os.environ, "FOLLOWTHROUGH_CACHE_DIR": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, env=env)  # fmt: skip
    assert out.stdout.split() == ["True", "['forgot-to-mention']"]
