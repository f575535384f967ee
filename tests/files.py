"""Helpers the tests share for files: copying a SQLite database, loading a script as a module."""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from pathlib import Path
from types import ModuleType


def copy_database(src: Path, dst: Path) -> Path:
    """Copy the SQLite database `src` (its write-ahead log included) to the single file `dst`."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    source, target = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    return dst


def load_script(path: Path, name: str) -> ModuleType:
    """Return the script at `path` (bench/, tests/checker_corpus/) imported as module `name`."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module
