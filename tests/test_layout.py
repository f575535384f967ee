"""The shape of the code (ARCHITECTURE.md, issue 10): imports go one way, modules stay small,
functions hold one step."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "followthrough"
#: Generated or data-like modules the size bars do not apply to.
GENERATED = {"store/migrations/versions/0001_initial.py", "playbooks/defaults.py"}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _modules() -> list[Path]:
    return [p for p in sorted(SRC.rglob("*.py")) if p.relative_to(SRC).as_posix() not in GENERATED]


def test_the_import_contracts_hold() -> None:
    """`lint-imports` checks the layers, the independence of store/io/drafts, a framework-free
    core, and that the CLI and the web reach the store only through the services."""
    tool = Path(sys.executable).parent / "lint-imports"
    if not tool.exists():
        tool = Path(shutil.which("lint-imports") or "lint-imports")
    done = subprocess.run(
        [str(tool), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(SRC).as_posix())
def test_no_module_over_400_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{lines} lines: split it by idea"


def _long_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            # from `def` to the last line: a command's option decorators are declarations
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                out.append(f"{node.name} ({length} lines)")
    return out


def test_no_function_over_60_lines() -> None:
    found = {
        p.relative_to(SRC).as_posix(): long for p in _modules() if (long := _long_functions(p))
    }
    assert not found, found
