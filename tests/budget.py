"""How much randomised and repeated work a test run does.

The default run (`scripts/test`, CI) does enough to catch a regression and stays within CI's
time bar on a busy two-core machine; `FOLLOWTHROUGH_LONG_TESTS=1 scripts/test` runs the long
variants (more Hypothesis examples, more kill points) before a release or after touching the
code they guard.
"""

from __future__ import annotations

import os

LONG = os.environ.get("FOLLOWTHROUGH_LONG_TESTS") == "1"


def examples(quick: int, long: int) -> int:
    """Return `long` in a long run, else `quick`."""
    return long if LONG else quick
