"""Render drafts from Jinja2 templates: the user's own templates first, the packaged ones second.

A template is plain text: an optional first line `Subject: ...`, a blank line, then the body.
Templates live in `<kind>/<n>.txt` (n = 1, 2, 3, ...), one file per phrasing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from followthrough.paths import user_dir

PACKAGED = Path(__file__).with_name("templates")
_PHRASING = re.compile(r"^(\d+)\.txt$")


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered draft: subject (empty for LinkedIn notes) and body."""

    subject: str
    body: str
    template: str


def user_template_dir() -> Path:
    """Return the folder where the user's own templates override the packaged ones."""
    return user_dir("data") / "templates"


@functools.cache
def environment(user_dir: Path | None) -> jinja2.Environment:
    """Return the Jinja2 environment (StrictUndefined: a typo in a template fails loudly)."""
    loaders: list[jinja2.BaseLoader] = []
    if user_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(user_dir)))
    loaders.append(jinja2.FileSystemLoader(str(PACKAGED)))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        # plain-text e-mail: nothing to escape; an .html template would be escaped
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def phrasings(kind: str, user_dir: Path | None) -> list[str]:
    """Return the template names of `kind` (packaged and the user's own), in order."""
    numbers: set[int] = set()
    for root in [PACKAGED, *([user_dir] if user_dir else [])]:
        folder = root / kind
        if folder.is_dir():
            for f in folder.iterdir():
                m = _PHRASING.match(f.name)
                if m:
                    numbers.add(int(m.group(1)))
    return [f"{kind}/{n}.txt" for n in sorted(numbers)]


def overridden(name: str, user_dir: Path | None) -> bool:
    """Return True when the user has their own version of template `name`."""
    return user_dir is not None and (user_dir / name).is_file()


def source(name: str, user_dir: Path | None) -> str:
    """Return the text of template `name` as it will be used."""
    env = environment(user_dir)
    assert env.loader is not None
    text, _, _ = env.loader.get_source(env, name)
    return text


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue  # at most one blank line between paragraphs
        out.append(line)
    return "\n".join(out).strip() + "\n"


def render(name: str, context: dict[str, Any], user_dir: Path | None) -> Rendered:
    """Return template `name` rendered with `context`."""
    text = environment(user_dir).get_template(name).render(**context)
    subject = ""
    stripped = text.lstrip("\n")
    if stripped.startswith("Subject:"):
        first, _, rest = stripped.partition("\n")
        subject = first[len("Subject:") :].strip()
        text = rest
    return Rendered(subject=" ".join(subject.split()), body=_tidy(text), template=name)
