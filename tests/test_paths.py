"""The user's directories (followthrough/paths.py) are where platformdirs puts them."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from followthrough.paths import user_dir


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG rule is Linux's")
@pytest.mark.parametrize("kind", ["data", "cache"])
@pytest.mark.parametrize("xdg", [None, "", "  ", "/tmp/xdg-home"])
def test_user_dirs_are_where_platformdirs_puts_them(
    kind: str, xdg: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    variable = {"data": "XDG_DATA_HOME", "cache": "XDG_CACHE_HOME"}[kind]
    if xdg is None:
        monkeypatch.delenv(variable, raising=False)
    else:
        monkeypatch.setenv(variable, xdg)
    find = platformdirs.user_data_dir if kind == "data" else platformdirs.user_cache_dir
    assert user_dir(kind) == Path(find("followthrough", appauthor=False))
