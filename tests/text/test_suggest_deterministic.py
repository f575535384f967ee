"""A spelling suggestion does not depend on Python's hash seed (ties broken by frequency, then
alphabetically), so findings and their messages are the same on every run."""

from __future__ import annotations

import os
import subprocess
import sys

CODE = (
    "from followthrough.text.lexicons import load_lexicons\n"
    "L = load_lexicons()\n"
    "print([L.suggest(w) for w in ('Keiko', 'recieve', 'intervew', 'Lumbergh', 'teh')])\n"
)


def test_suggestions_are_the_same_whatever_the_hash_seed() -> None:
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True,
                             text=True, check=True)
        outputs.add(run.stdout)
    assert len(outputs) == 1, outputs
