"""Friendly output for people: Rich tables, overdue in red, sources in dim text.

Rich respects NO_COLOR and plain pipes by itself. Imported only when a person reads the output.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.console import Console
from rich.prompt import IntPrompt, Prompt
from rich.table import Table
from rich.text import Text

console = Console(highlight=False)


def when(value: str | None, with_year: bool = False) -> str:
    """Return an ISO time as 'Tue 24 Nov 10:00' (its own offset, i.e. the user's zone)."""
    if not value:
        return "—"
    moment = dt.datetime.fromisoformat(value)
    return moment.strftime("%a %d %b %Y %H:%M" if with_year else "%a %d %b %H:%M")


def _recipient(action: dict[str, Any]) -> str:
    r = action.get("recipient")
    if not r:
        return ""
    text = r["name"]
    if r.get("forward_to"):
        text += f" (for {r['forward_to']})"
    return text


def _actions_table(title: str, actions: list[dict[str, Any]], style: str = "") -> Table:
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
            console.print(_actions_table(f"{title} ({len(payload[key])})", payload[key], style))
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


def plan(items: list[dict[str, Any]], svc: Any, app_id: int) -> None:
    """Print the full plan of one application."""
    app = svc.show_application(app_id)
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
        console.print(_actions_table("Plan", pending))


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
    _warnings(item.get("warnings", []))


def logged(result: dict[str, Any]) -> None:
    """Print a logged exchange and any guard warnings."""
    console.print(f"Logged {result['kind']} at {when(result['at'])} (id {result['id']}).")
    _warnings(result["warnings"])


def _warnings(warnings: list[dict[str, Any]]) -> None:
    for w in warnings:
        console.print(
            Text(f"⚠ {w['guard']}: {w['reason']}", style="yellow"),
            Text(f" ({', '.join(w['sources'])})", style="dim"),
        )


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


_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def findings(text: str, items: list[dict[str, Any]], words: int) -> None:
    """Print checker findings with the text they point at."""
    if not items:
        console.print(Text(f"✓ No findings ({words} words).", style="green"))
        return
    console.print(Text(f"{len(items)} finding(s), {words} words:", style="bold"))
    for f in items:
        where = ""
        if f["end"] > f["start"]:
            snippet = text[f["start"] : f["end"]].replace("\n", " ")
            where = f" «{snippet[:60]}»"
        line = Text(f"  {f['severity']:<7} ", style=_SEVERITY_STYLE.get(f["severity"], ""))
        line.append(f"{f['rule']}", style="bold")
        line.append(f"{where}: {f['message']}")
        console.print(line)


def draft(result: dict[str, Any]) -> None:
    """Print a draft, then its findings and the facts that would make it stronger."""
    r = result["recipient"]
    to = f"{r['name']} <{r['email']}>" if r and r.get("email") else (r["name"] if r else "—")
    console.print(Text(f"To: {to}   ({result['channel']}, {result['kind']})", style="dim"))
    if result["subject"]:
        console.print(Text(f"Subject: {result['subject']}", style="bold"))
    console.print()
    console.print(result["body"], markup=False, highlight=False)
    findings(result["body"], result["findings"], result["words"])
    for advice in result["missing"]:
        console.print(Text(f"  tip: add {advice} to make it stronger", style="dim"))


def _bar(value: int, top: int, width: int = 28) -> str:
    """Return a bar of block characters, `width` long at `top`."""
    if top <= 0:
        return ""
    eighths = round(value / top * width * 8)
    return "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]


def insights(data: dict[str, Any]) -> None:
    """Print the funnel, follow-ups, reply rates, weekly activity and recurring questions."""
    reached = data["funnel"]["reached"]
    top = max((r["count"] for r in reached), default=0)
    table = Table(title="How far your applications got", title_justify="left",
                  title_style="bold", show_header=False, show_edge=False, box=None)
    for r in reached:
        table.add_row(r["stage"], str(r["count"]), Text(_bar(r["count"], top), style="blue"))
    console.print(table)
    total = data["follow_ups"]["total"]
    table = Table(title="Follow-ups", title_justify="left", title_style="bold",
                  show_header=False, show_edge=False, box=None)
    top = max(total["on_time"], total["late"], total["missed"])
    for key, label, style in (("on_time", "on time", "green"), ("late", "late", "yellow"),
                              ("missed", "missed", "red")):
        table.add_row(label, str(total[key]), Text(_bar(total[key], top), style=style))
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
