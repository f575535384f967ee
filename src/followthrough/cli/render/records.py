"""Applications, contacts, interviews and settings as people read them; the debrief questions."""

from __future__ import annotations

from typing import Any

from rich.prompt import IntPrompt, Prompt
from rich.table import Table
from rich.text import Text

from followthrough.cli.render.common import actions_table, console, when


def applications(items: list[dict[str, Any]]) -> None:
    """Print the application list."""
    if not items:
        console.print("No applications yet: followthrough app add --company X --role Y")
        return
    table = Table(show_edge=False, pad_edge=False)
    for col in ("id", "company", "role", "status", "via", "next action", "due"):
        table.add_column(col)
    for a in items:
        nxt = a.get("next_action")
        table.add_row(
            str(a["id"]),
            a["company"],
            a["role"],
            a["status"],
            a["agency"] or (a["recruiter"] or {}).get("name") or "direct",
            nxt["title"] if nxt else "",
            when(nxt["due"]) if nxt else "",
        )
    console.print(table)


def application(item: dict[str, Any]) -> None:
    """Print one application in full."""
    console.print(Text(f"#{item['id']} {item['company']} — {item['role']}", style="bold"))
    via = item["agency"] or (item["recruiter"] or {}).get("name")
    console.print(
        f"Status: {item['status']}   Channel: {item['channel']}" + (f" ({via})" if via else "")
    )
    if item["url"]:
        console.print(f"Advert: {item['url']}")
    for iv in item["interviews"]:
        names = ", ".join(p["name"] for p in iv["interviewers"]) or "no interviewer recorded"
        console.print(
            f"Interview {iv['id']}: round {iv['round']}, {when(iv['start'])}, "
            f"{iv['format']}, with {names}"
            + ("" if iv["debriefed"] else "  [yellow](no debrief yet)[/]")
        )
    if item["referees"]:
        console.print("Referees: " + ", ".join(r["name"] for r in item["referees"]))
    if item["interactions"]:
        console.print(Text("Exchanges:", style="bold"))
        for i in item["interactions"]:
            console.print(
                f"  {when(i['at'])}  {i['kind']:<11} {i['contact'] or ''}  {i['summary']}"
            )
    pending = [a for a in item["plan"] if a["status"] in ("pending", "snoozed")]
    if pending:
        console.print()
        console.print(actions_table("Plan", pending))


def status_change(result: dict[str, Any]) -> None:
    """Print what a status change did to the plan."""
    app = result["application"]
    console.print(f"{app['company']} is now [bold]{app['status']}[/].")
    for a in result["added"]:
        console.print(f"  [green]+[/] {a['title']} — due {when(a['due'])}")
    for a in result["cancelled"]:
        console.print(f"  [red]−[/] {a['title']} [dim]({a['reason']})[/]")


def contacts(items: list[dict[str, Any]]) -> None:
    """Print contacts."""
    table = Table(show_edge=False, pad_edge=False)
    for col in ("id", "name", "email", "role", "organisation", "direct"):
        table.add_column(col)
    for c in items:
        table.add_row(
            str(c["id"]),
            c["name"],
            c["email"] or "",
            c["role"],
            c["organisation"] or "",
            "yes" if c["direct_contact"] else "",
        )
    console.print(table)


def interview(item: dict[str, Any]) -> None:
    """Print an interview and its debrief."""
    names = ", ".join(p["name"] for p in item["interviewers"]) or "—"
    console.print(Text(f"Interview {item['id']} (round {item['round']})", style="bold"))
    console.print(f"{when(item['start'])} → {when(item['end'])}, {item['format']}, with {names}")
    if item["decision_date"]:
        console.print(f"Decision promised by {item['decision_date']}")
    for p in item["promises"]:
        console.print(f"Promised: {p}")
    d = item.get("debrief")
    if d:
        from followthrough.domain.model import DEBRIEF_TEXT_FIELDS

        for name, label in DEBRIEF_TEXT_FIELDS:
            if d[name]:
                console.print(Text(label, style="bold"))
                for line in d[name]:
                    console.print(f"  • {line}")
        if d["verdict"]:
            console.print(f"Verdict: {d['verdict']}")


def settings(values: dict[str, str]) -> None:
    """Print settings as a two-column table."""
    table = Table(show_header=False, show_edge=False, pad_edge=False)
    table.add_column(style="cyan")
    table.add_column()
    for k in sorted(values):
        table.add_row(k, values[k])
    console.print(table)


def ask_debrief() -> dict[str, Any]:
    """Ask the debrief questions one by one; return the answers."""
    from followthrough.domain.model import DEBRIEF_TEXT_FIELDS, FIT_QUESTIONS

    console.print(Text("Debrief — one item per line; an empty line moves on.", style="bold"))
    data: dict[str, Any] = {}
    for name, label in DEBRIEF_TEXT_FIELDS:
        console.print(Text(label, style="bold cyan"))
        lines = []
        while True:
            line = Prompt.ask("  ", default="", show_default=False)
            if not line.strip():
                break
            lines.append(line.strip())
        data[name] = lines
    fit: dict[str, Any] = {}
    for name, label in FIT_QUESTIONS:
        score = IntPrompt.ask(
            f"{label} (1-5, 0 to skip)",
            default=0,
            choices=[str(i) for i in range(6)],
            show_choices=False,
        )
        if score:
            note = Prompt.ask("  a note", default="", show_default=False)
            fit[name] = {"score": score, "note": note}
    data["fit"] = fit
    verdict = Prompt.ask(
        "Overall, is this job for you?", choices=["yes", "unsure", "not-for-me"], default="yes"
    )
    data["verdict"] = verdict
    return data
