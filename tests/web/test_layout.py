"""The web package's shape: imports go one way, and no two routers share an address.

Imports go app -> routers (api/, pages/) -> deps -> services; nothing imports the factory, and
no import hides inside a function (where it could dodge a cycle). Routes of different routers
never answer the same method and path, so the order the routers are included in decides nothing;
within one router a literal segment ("/applications/new") comes before the id it would match.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi import APIRouter
from fastapi.routing import APIRoute

import followthrough.web
from followthrough.web.api import main as api_main
from followthrough.web.pages import main as pages_main

WEB = Path(followthrough.web.__file__).parent


def _module(path: Path) -> str:
    parts = path.relative_to(WEB.parent.parent).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__")


def _imports(path: Path) -> tuple[set[str], list[str]]:
    """Return the project modules `path` imports, and those imported inside a function."""
    found: set[str] = set()
    nested: list[str] = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        found |= {n for n in names if n.startswith("followthrough.")}
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(func):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    nested.append(f"{path.name}:{node.lineno}")
    return found, nested


MODULES = {_module(p): _imports(p) for p in WEB.rglob("*.py")}


def _web_imports(name: str) -> set[str]:
    return {m for m in MODULES[name][0] if m in MODULES and m != name}


def test_no_import_inside_a_function() -> None:
    assert [n for _, nested in MODULES.values() for n in nested] == []


def test_nothing_imports_the_factory() -> None:
    assert [m for m in MODULES if "followthrough.web.app" in MODULES[m][0]] == []


def test_deps_imports_nothing_that_uses_it() -> None:
    assert _web_imports("followthrough.web.deps") <= {"followthrough.web.config"}


def test_web_imports_have_no_cycle() -> None:
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path, name))
        if name not in done:
            for dep in _web_imports(name):
                visit(dep, (*path, name))
            done.add(name)

    for name in MODULES:
        visit(name, ())


def _routes(router: APIRouter) -> list[APIRoute]:
    return [r for r in router.routes if isinstance(r, APIRoute)]


def _sample(route: APIRoute) -> str:
    """Return a concrete path the route answers (every parameter an id-like '1')."""
    return re.sub(r"\{[^}]+\}", "1", route.path)


def _overlap(a: APIRoute, b: APIRoute) -> bool:
    return bool(a.methods & b.methods) and bool(
        b.path_regex.match(_sample(a)) or a.path_regex.match(_sample(b))
    )


def _named(group: str, modules: list[Any]) -> list[tuple[str, APIRouter]]:
    return [(f"{group}.{m.__name__.rsplit('.', 1)[1]}", m.router) for m in modules]


# the API's routers sit under /api/v1 (their paths here are relative to it), no page does
GROUPS = [_named("api", api_main.RESOURCES), _named("pages", pages_main.RESOURCES)]
ROUTERS = [named for group in GROUPS for named in group]


def test_no_page_is_under_the_api() -> None:
    paths = [r.path for _, router in GROUPS[1] for r in _routes(router)]
    assert [p for p in paths if p.startswith("/api")] == []


@pytest.mark.parametrize(("name", "router"), ROUTERS, ids=[n for n, _ in ROUTERS])
def test_no_other_router_answers_the_same_address(name: str, router: APIRouter) -> None:
    group = next(g for g in GROUPS if (name, router) in g)
    clashes = [
        (mine.path, theirs.path, other)
        for other, them in group
        if other != name
        for mine in _routes(router)
        for theirs in _routes(them)
        if _overlap(mine, theirs)
    ]
    assert clashes == []


@pytest.mark.parametrize(("name", "router"), ROUTERS, ids=[n for n, _ in ROUTERS])
def test_within_a_router_no_route_hides_a_later_one(name: str, router: APIRouter) -> None:
    routes = _routes(router)
    hidden = [
        (later.path, earlier.path)
        for i, later in enumerate(routes)
        for earlier in routes[:i]
        if later.methods & earlier.methods and earlier.path_regex.match(_sample(later))
    ]
    assert hidden == []
