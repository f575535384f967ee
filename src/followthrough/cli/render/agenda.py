"""The agenda as people read it: today, an application's plan, the pre-call brief, and
what marking an action or logging an exchange did.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.table import Table
from rich.text import Text

from followthrough.cli.render.common import actions_table, console, warnings, when


def today(payload: dict[str, Any], prep: list[dict[str, Any]]) -> None:
    """Print the agenda: overdue, due today, next 7 days, and checklists for interviews ahead."""
    console.print(Text(f"Now: {when(payload['now'], True)}", style="dim"))
    empty = True
    for key, title, style in (
        ("overdue", "Overdue", "red"),
        ("due_today", "Due today", "green"),
        ("upcoming", "Next 7 days", ""),
    ):
        if payload[key]:
            empty = False
            console.print()
            console.print(actions_table(f"{title} ({len(payload[key])})", payload[key], style))
    if empty:
        console.print("\nNothing due in the next 7 days. Keep applying!")
    horizon = dt.datetime.fromisoformat(payload["now"]) + dt.timedelta(days=7)
    for p in [p for p in prep if dt.datetime.fromisoformat(p["start"]) <= horizon][:3]:
        console.print()
        console.print(
            Text(f"Before your interview at {p['company']} ({when(p['start'])}):", style="bold")
        )
        for item in p["checklist"]:
            console.print(
                f"  ☐ {item['text']}", Text(f" ({', '.join(item['sources'])})", style="dim")
            )
    console.print(Text("\nMark progress: followthrough done|skip|snooze ID", style="dim"))


def plan(items: list[dict[str, Any]], app: dict[str, Any]) -> None:
    """Print the full plan of one application under its company, role and status."""
    console.print(Text(f"{app['company']} — {app['role']} ({app['status']})", style="bold"))
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("id", justify="right", style="cyan")
    table.add_column("due", no_wrap=True)
    table.add_column("what", ratio=3)
    table.add_column("sources", style="dim", ratio=1)
    for a in items:
        style = {"done": "green", "cancelled": "dim", "skipped": "dim", "snoozed": "yellow"}.get(
            a["status"], ""
        )
        what = Text(a["title"], style=style)
        if a["status"] != "pending":
            what.append(
                f"  [{a['status']}" + (f": {a['reason']}" if a["reason"] else "") + "]",
                style=style or "dim",
            )
        table.add_row(str(a["id"]), when(a["due"]), what, ", ".join(a["sources"]))
    console.print(table)
    disagree = [a for a in items if a["kind"] == "linkedin-interviewer"]
    if disagree:
        console.print(
            Text(
                "Note: on connecting with interviewers the sources disagree — Hays: "
                "after an offer; BrightCareer: right after the interview.",
                style="dim",
            )
        )


def brief(item: dict[str, Any]) -> None:
    """Print the pre-call brief."""
    app = item["application"]
    console.print(Text(f"Brief: {app['company']} — {app['role']}", style="bold"))
    console.print(
        f"Stage: {item['stage']}"
        + (f"   Decision promised by {item['decision_date']}" if item["decision_date"] else "")
    )
    console.print(Text("People", style="bold"))
    for p in item["people"]:
        notes = f" — {p['notes']}" if p["notes"] else ""
        console.print(f"  {p['name']} ({p['role']}){notes}")
    if item["last_exchanges"]:
        console.print(Text("Last exchanges", style="bold"))
        for e in item["last_exchanges"]:
            console.print(f"  {when(e['at'])} {e['kind']} {e['contact'] or ''} {e['summary']}")
    if item["promises"]:
        console.print(Text("Promises outstanding", style="bold"))
        for p in item["promises"]:
            console.print(f"  • {p['promise']}")
    for d in item["debriefs"]:
        for label, key in (
            ("Talk about", "topics"),
            ("Your projects", "projects"),
            ("Better answers", "better_answers"),
        ):
            if d[key]:
                console.print(Text(label, style="bold"))
                for line in d[key]:
                    console.print(f"  • {line}")
    nxt = item["next_step"]
    if nxt:
        console.print(Text("Next step", style="bold"))
        console.print(f"  {nxt['title']} — due {when(nxt['due'])}")
    if item["reminders"]:
        console.print(Text("Remember", style="bold"))
        for r in item["reminders"]:
            console.print(f"  • {r['text']}", Text(f" ({', '.join(r['sources'])})", style="dim"))


def completed(item: dict[str, Any]) -> None:
    """Print the result of done/skip/snooze."""
    console.print(
        f"{item['title']}: [bold]{item['status']}[/]"
        + (f" until {when(item['due'])}" if item["status"] == "snoozed" else "")
    )
    warnings(item.get("warnings", []))


def logged(result: dict[str, Any]) -> None:
    """Print a logged exchange and any guard warnings."""
    console.print(f"Logged {result['kind']} at {when(result['at'])} (id {result['id']}).")
    warnings(result["warnings"])
