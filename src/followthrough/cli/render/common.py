"""Friendly output for people: Rich tables, overdue in red, sources in dim text.

Rich respects NO_COLOR and plain pipes by itself. The render modules are imported only when a
person reads the output; they share this module's console and helpers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

#: The one console every renderer prints to (stdout, its width and colours decided once).
console = Console(highlight=False)


def when(value: str | None, with_year: bool = False) -> str:
    """Return an ISO time as 'Tue 24 Nov 10:00' (its own offset, i.e. the user's zone)."""
    if not value:
        return "—"
    moment = dt.datetime.fromisoformat(value)
    return moment.strftime("%a %d %b %Y %H:%M" if with_year else "%a %d %b %H:%M")


def actions_table(title: str, actions: list[dict[str, Any]], style: str = "") -> Table:
    """Return a table of actions (id, due, what, sources) under `title`."""
    table = Table(
        title=title,
        title_justify="left",
        title_style=f"bold {style}".strip(),
        expand=False,
        show_edge=False,
        pad_edge=False,
    )
    table.add_column("id", justify="right", style="cyan")
    table.add_column("due", style=style or None, no_wrap=True)
    table.add_column("what", ratio=3)
    table.add_column("sources", style="dim", ratio=1)
    for a in actions:
        what = Text(a["title"])
        if a["status"] == "snoozed":
            what.append("  (snoozed)", style="yellow")
        if a.get("company"):
            what.append(f"\n{a['company']}", style="bold")
        table.add_row(str(a["id"]), when(a["due"]), what, ", ".join(a["sources"]))
    return table


def warnings(items: list[dict[str, Any]]) -> None:
    """Print the guards' warnings, each with its sources."""
    for w in items:
        console.print(
            Text(f"⚠ {w['guard']}: {w['reason']}", style="yellow"),
            Text(f" ({', '.join(w['sources'])})", style="dim"),
        )


def bar(value: int, top: int, width: int = 28) -> str:
    """Return a bar of block characters, `width` long at `top`."""
    if top <= 0:
        return ""
    eighths = round(value / top * width * 8)
    return "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]
