"""Where Followthrough keeps its files: the user's data and cache directories.

On Linux these follow the XDG rule that platformdirs applies there ($XDG_DATA_HOME or
~/.local/share, $XDG_CACHE_HOME or ~/.cache), without importing platformdirs: importing it
costs about 13 ms, a tenth of a whole `lint` or `today`. Elsewhere platformdirs decides.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "followthrough"
_XDG = {"data": ("XDG_DATA_HOME", "~/.local/share"), "cache": ("XDG_CACHE_HOME", "~/.cache")}


def user_dir(kind: str) -> Path:
    """Return the user's `kind` directory ("data" or "cache") for Followthrough."""
    if sys.platform.startswith("linux"):
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "").strip()
        return (Path(base) if base else Path(os.path.expanduser(default))) / APP
    import platformdirs

    find = platformdirs.user_data_dir if kind == "data" else platformdirs.user_cache_dir
    return Path(find(APP, appauthor=False))


def cache_dir() -> Path:
    """Return the directory of compiled caches (`FOLLOWTHROUGH_CACHE_DIR` overrides)."""
    override = os.environ.get("FOLLOWTHROUGH_CACHE_DIR")
    if override:
        return Path(override)
    return user_dir("cache")
