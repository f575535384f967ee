"""Use cases: each reads facts from the store, asks the core, stores the decision.

One module per subject (settings, applications, contacts, interviews, exchanges, actions,
agenda, insights, data, drafts), each a set of plain functions that take a `Context` (one
user's store at one moment, services/context.py) and return domain values or small records;
`followthrough.shapes` turns those into the documented JSON. No printing and no parsing of
command lines here. The CLI and the web call these functions and `followthrough.shapes`
directly; `Service` (facade.py, a `Context`) also offers the common use cases with their
documented JSON, one method each, for scripts, the demo data and tests.

This package imports nothing itself: a read command imports the few use-case modules it calls
(the read path stays free of SQLAlchemy), and `Service` and its names load on first use.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: The names this package lends from facade.py, loaded when first asked for.
_FACADE = frozenset(
    {"SETTING_KEYS", "Context", "Service", "Store", "contact_json", "dump_json",
     "open_store", "validate_setting"}
)  # fmt: skip


def __getattr__(name: str) -> Any:
    """Return a name of facade.py (PEP 562); an unknown name is a submodule or an error."""
    if name in _FACADE:
        from followthrough.services import facade

        return getattr(facade, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
