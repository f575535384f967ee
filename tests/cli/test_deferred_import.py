"""The CLI defers dataclasses' import of inspect (cli/main.py `_Deferred`): nothing loads
inspect's own imports until someone uses it, and then it is the real module."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
import followthrough.cli.main
import dataclasses
assert "ast" not in sys.modules and "tokenize" not in sys.modules, "inspect was loaded"
import inspect
assert type(inspect).__name__ == "_Deferred"

@dataclasses.dataclass
class NoDocstring:
    a: int
    b: str = "x"

assert NoDocstring.__doc__ == "NoDocstring(a: int, b: str = 'x')", NoDocstring.__doc__
assert "ast" in sys.modules
import inspect as again
assert type(again).__name__ == "module" and again.signature is sys.modules["inspect"].signature
assert inspect.isclass(NoDocstring) and inspect.signature is again.signature
print("ok")
"""


def test_inspect_loads_on_first_use_and_is_the_real_module() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          check=False, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
