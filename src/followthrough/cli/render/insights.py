"""Where the search stands, as people read it: bars and small tables."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from followthrough.cli.render.common import bar, console


def insights(data: dict[str, Any]) -> None:
    """Print the funnel, follow-ups, reply rates, weekly activity and recurring questions."""
    reached = data["funnel"]["reached"]
    top = max((r["count"] for r in reached), default=0)
    table = Table(title="How far your applications got", title_justify="left",
                  title_style="bold", show_header=False, show_edge=False, box=None)
    for r in reached:
        table.add_row(r["stage"], str(r["count"]), Text(bar(r["count"], top), style="blue"))
    console.print(table)
    total = data["follow_ups"]["total"]
    table = Table(title="Follow-ups", title_justify="left", title_style="bold",
                  show_header=False, show_edge=False, box=None)
    top = max(total["on_time"], total["late"], total["missed"])
    for key, label, style in (("on_time", "on time", "green"), ("late", "late", "yellow"),
                              ("missed", "missed", "red")):
        table.add_row(label, str(total[key]), Text(bar(total[key], top), style=style))
    console.print(table)
    console.print(Text(f"{total['open']} still to do.", style="dim"))
    for r in data["reply_rates"]:
        rate = "—" if r["rate"] is None else f"{r['rate']:.0%}"
        console.print(
            f"Replies to {r['kind']}: {r['replied']} of {r['sent']} ({rate}) within "
            f"{r['window_days']} days" + (f", {r['waiting']} waiting" if r["waiting"] else "")
        )
    weeks = data["weeks"]
    table = Table(title="Weekly activity", title_justify="left", title_style="bold",
                  show_edge=False, box=None)
    for column in ("week", "applications", "interviews", "out", "done"):
        table.add_column(column, justify="left" if column == "week" else "right")
    for w in weeks:
        table.add_row(w["start"], *(str(w[k]) for k in (
            "applications", "interviews", "interactions_out", "actions_done")))
    console.print(table)
    recurring = data["questions"]["recurring"]
    if recurring:
        console.print(Text("Questions you keep struggling with", style="bold"))
        for t in recurring:
            companies = ", ".join(dict.fromkeys(s["company"] for s in t["sources"]))
            line = Text(f"  {t['count']}×  {t['phrasing']}")
            line.append(f"  ({companies})", style="dim")
            console.print(line)
    else:
        console.print(Text("No question has come back twice yet.", style="dim"))
