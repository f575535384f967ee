"""Packaged playbooks (rules as data).

Light to import (the `today --json` fast path imports playbooks.defaults): importlib.resources
and typing are imported only when used.
"""

from __future__ import annotations

import functools

TYPE_CHECKING = False
if TYPE_CHECKING:
    from followthrough.domain.playbook import Playbook


def default_text() -> str:
    """Return the TOML text of the packaged default playbook."""
    import importlib.resources

    return importlib.resources.files(__name__).joinpath("default.toml").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def default() -> Playbook:
    """Return the packaged default playbook, validated."""
    from followthrough.domain.playbook import load_playbook

    return load_playbook(default_text())
