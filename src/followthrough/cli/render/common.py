"""What the human renderers share: times as people read them, the table of actions, the
guards' warnings, bars.

Plain text through table.py (stdlib only): emphasis only at a terminal without NO_COLOR, and
no Rich, whose import alone cost a read command ~40 ms. The render modules are imported only
when a person reads the output.
"""

from __future__ import annotations

import datetime as dt

from followthrough.cli.render.table import Column, Screen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from followthrough.cli.render.table import Cell


def when(value: str | None, with_year: bool = False) -> str:
    """Return an ISO time as 'Tue 24 Nov 10:00' (its own offset, i.e. the user's zone)."""
    if not value:
        return "—"
    moment = dt.datetime.fromisoformat(value)
    return moment.strftime("%a %d %b %Y %H:%M" if with_year else "%a %d %b %H:%M")


def sources(items: list[str]) -> str:
    """Return source keys as people read them: "hays, brightcareer"."""
    return ", ".join(items)


#: How an action that is not pending is shown.
_STATUS_STYLE = {"done": "green", "cancelled": "dim", "skipped": "dim", "snoozed": "yellow"}

#: The narrowest screen that gives an action's sources a column of their own (on a narrower
#: one they go under the action, a line of their own).
WIDE = 100


def action_columns(scr: Screen, due_style: str = "") -> list[Column]:
    """Return the columns of a table of actions: id, due, what, and sources on a wide screen."""
    columns = [
        Column("id", align="right", wrap=False),
        Column("due", wrap=False, style=due_style),
        Column("what", weight=2),
    ]
    if scr.width >= WIDE:
        columns.append(Column("sources", style="dim", least=16))  # "carter-schwartz," whole
    return columns


def action_rows(
    scr: Screen, actions: list[dict[str, Any]], company: bool = True
) -> list[list[Cell]]:
    """Return the rows of a table of actions: id, due, what (with the company below unless
    `company` is False), sources (in a column, or below on a narrow screen)."""
    wide = scr.width >= WIDE
    rows: list[list[Cell]] = []
    for a in actions:
        what = [(a["title"], "")]
        if a["status"] != "pending":  # done, skipped, snoozed, cancelled (with its reason)
            note = a["status"] + (f": {a['reason']}" if a.get("reason") else "")
            what = [(f"{a['title']}  [{note}]", _STATUS_STYLE.get(a["status"], ""))]
        if company and a.get("company"):
            what.append((a["company"], ""))
        keys = sources(a["sources"])
        if wide:
            rows.append([str(a["id"]), when(a["due"]), what, keys])
        else:
            rows.append([str(a["id"]), when(a["due"]), [*what, (keys, "dim")]])
    return rows


def actions_table(
    scr: Screen,
    actions: list[dict[str, Any]],
    due_style: str = "",
    widths: list[int] | None = None,
    company: bool = True,
) -> list[str]:
    """Return the lines of a table of actions (in `widths`, to line up with another; without
    their company when all are of one application)."""
    rows = action_rows(scr, actions, company)
    return scr.table(action_columns(scr, due_style), rows, widths=widths)


def exchanges_table(scr: Screen, items: list[dict[str, Any]]) -> list[str]:
    """Return the lines of a table of exchanges: when, kind, with whom, summary."""
    columns = [Column("when", wrap=False), Column("kind", wrap=False), Column("with"),
               Column("summary", weight=3)]  # fmt: skip
    rows: list[list[Cell]] = [
        [when(e["at"]), e["kind"], e["contact"] or "", e["summary"]] for e in items
    ]
    return scr.table(columns, rows)


def bullet(
    scr: Screen, text: str, keys: list[str] | None = None, mark: str = "•", style: str = ""
) -> list[str]:
    """Return an item of a list ("  • text"), wrapped under its text, its sources dim after it."""
    tail = (f"({sources(keys)})", "dim") if keys else None
    return scr.lines(text, style, indent=f"  {mark} ", tail=tail)


def warnings(scr: Screen, items: list[dict[str, Any]]) -> list[str]:
    """Return the guards' warnings as lines, each with its sources."""
    return [
        line
        for w in items
        for line in scr.lines(
            f"{w['guard']}: {w['reason']}", "yellow", indent="⚠ ",
            tail=(f"({sources(w['sources'])})", "dim"),
        )
    ]  # fmt: skip


def more(scr: Screen, text: str) -> str:
    """Return the line that says what was left out and how to see it."""
    return scr.paint(text, "dim")


def bar(value: int, top: int, width: int = 28) -> str:
    """Return a bar of block characters, `width` long at `top`."""
    if top <= 0:
        return ""
    eighths = round(value / top * width * 8) or (1 if value > 0 else 0)  # a sliver, not none
    return "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]
