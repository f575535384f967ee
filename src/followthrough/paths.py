"""Where Followthrough keeps its files: the user's data and cache directories.

On Linux these follow the XDG rule that platformdirs applies there ($XDG_DATA_HOME or
~/.local/share, $XDG_CACHE_HOME or ~/.cache), without importing platformdirs: importing it
costs about 13 ms, a tenth of a whole `lint` or `today`. Elsewhere platformdirs decides.

The `*_path` functions return strings and import no pathlib (some 4 ms of a `lint`, which
reads its caches and the database by name); `user_dir` is the data or cache folder's `Path`.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import TypeAlias

    #: A path as a string or a `Path` (what `open` and `os.path` take).
    StrPath: TypeAlias = str | os.PathLike[str]

APP = "followthrough"
_XDG = {"data": ("XDG_DATA_HOME", "~/.local/share"), "cache": ("XDG_CACHE_HOME", "~/.cache")}


def user_path(kind: str) -> str:
    """Return the user's `kind` directory ("data" or "cache") for Followthrough, as a string."""
    if sys.platform.startswith("linux"):
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "").strip()
        return os.path.join(base or os.path.expanduser(default), APP)
    import platformdirs

    find = platformdirs.user_data_dir if kind == "data" else platformdirs.user_cache_dir
    return str(find(APP, appauthor=False))


def user_dir(kind: str) -> Path:
    """Return the user's `kind` directory ("data" or "cache") for Followthrough."""
    from pathlib import Path

    return Path(user_path(kind))


def cache_path() -> str:
    """Return the directory of compiled caches (`FOLLOWTHROUGH_CACHE_DIR` overrides)."""
    return os.environ.get("FOLLOWTHROUGH_CACHE_DIR") or user_path("cache")
