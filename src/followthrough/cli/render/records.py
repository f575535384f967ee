"""Applications, contacts, interviews and settings as people read them; the debrief questions."""

from __future__ import annotations

from followthrough.cli.render.common import actions_table, bullet, exchanges_table, more, when
from followthrough.cli.render.table import Column, Screen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from followthrough.cli.render.table import Cell


#: The narrowest screen that shows company, role and "via" in columns of their own (on a
#: narrower one the role and the recruiter go under the company).
WIDE = 110


def applications(items: list[dict[str, Any]], footer: str | None = None) -> None:
    """Print the application list, then `footer` (what was left out, and how to see it)."""
    scr = Screen()
    out: list[str] = []
    if items:
        out += scr.table(*_application_table(items, scr.width >= WIDE))
    if footer:
        out.append(more(scr, footer) if items else footer)
    scr.write(out)


def _application_table(
    items: list[dict[str, Any]], wide: bool
) -> tuple[list[Column], list[list[Cell]]]:
    """Return the columns and rows of the application list: company, role and via in columns
    of their own when `wide`, else one under the other."""
    first = [Column("id", align="right", wrap=False)]
    if wide:
        first += [Column("company", weight=2), Column("role", weight=2)]
    else:
        first.append(Column("application", least=20))
    columns = [*first, Column("status", wrap=False), *([Column("via")] if wide else []),
               Column("next action", weight=3), Column("due", wrap=False)]  # fmt: skip
    rows: list[list[Cell]] = []
    for a in items:
        nxt = a.get("next_action")
        agent = a["agency"] or (a["recruiter"] or {}).get("name")
        head: list[Cell] = [str(a["id"])]
        if wide:
            head += [a["company"], a["role"]]
        else:
            via = [(f"via {agent}", "dim")] if agent else []
            head.append([(a["company"], ""), (a["role"], ""), *via])
        rows.append([*head, a["status"], *([agent or "direct"] if wide else []),
                     nxt["title"] if nxt else "", when(nxt["due"]) if nxt else ""])  # fmt: skip
    return columns, rows


def application(item: dict[str, Any]) -> None:
    """Print one application in full."""
    scr = Screen()
    out = scr.lines(f"#{item['id']} {item['company']} — {item['role']}", "bold")
    via = item["agency"] or (item["recruiter"] or {}).get("name")
    out += scr.lines(
        f"Status: {item['status']}   Channel: {item['channel']}" + (f" ({via})" if via else "")
    )
    if item["url"]:
        out += scr.lines(f"Advert: {item['url']}")
    out += what_you_wrote(scr, item)
    for iv in item["interviews"]:
        names = ", ".join(p["name"] for p in iv["interviewers"]) or "no interviewer recorded"
        out += scr.lines(
            f"Interview {iv['id']}: round {iv['round']}, {when(iv['start'])}, "
            f"{iv['format']}, with {names}",
            tail=None if iv["debriefed"] else ("(no debrief yet)", "yellow"),
        )
    if item["contacts"]:
        out += ["", scr.title("People", len(item["contacts"]))]
        for c in sorted(item["contacts"], key=lambda c: c["name"].casefold()):
            reach = " · ".join(x for x in (c["email"], c["phone"], c["linkedin"]) if x)
            out += scr.lines(f"{c['name']} ({c['role']})", indent="  ",
                             tail=(reach or "no address or phone", "dim" if reach else "yellow"))
            if c["notes"]:
                out += scr.lines(c["notes"], indent="    ", style="dim")
    if item["referees"]:
        out += scr.lines("Referees: " + ", ".join(r["name"] for r in item["referees"]))
    if item["interactions"]:
        out += ["", scr.title("Exchanges", len(item["interactions"]))]
        out += exchanges_table(scr, item["interactions"])
    pending = [a for a in item["plan"] if a["status"] in ("pending", "snoozed")]
    if pending:
        out += ["", scr.title("Plan", len(pending)), *actions_table(scr, pending, company=False)]
    scr.write(out)


def status_change(result: dict[str, Any]) -> None:
    """Print what a status change did to the plan."""
    scr = Screen()
    app = result["application"]
    out = [f"{app['company']} is now {scr.paint(app['status'], 'bold')}."]
    for a in result["added"]:
        out += scr.lines(f"{a['title']} — due {when(a['due'])}", indent="  + ")
    for a in result["cancelled"]:
        out += scr.lines(a["title"], indent="  − ", tail=(f"({a['reason']})", "dim"))
    scr.write(out)


def contacts(items: list[dict[str, Any]], footer: str) -> None:
    """Print contacts, then `footer` (what was left out, and how to see it) if any."""
    scr = Screen()
    columns = [
        Column("id", align="right", wrap=False),
        Column("name", weight=2),
        Column("email", weight=2),
        Column("role", wrap=False),
        Column("organisation", weight=2),
        Column("direct", wrap=False),
    ]
    rows: list[list[Cell]] = [
        [str(c["id"]), c["name"], c["email"] or "", c["role"], c["organisation"] or "",
         "yes" if c["direct_contact"] else ""]
        for c in items
    ]  # fmt: skip
    out = scr.table(columns, rows) if rows else ["No contacts yet: followthrough contact add"]
    scr.write([*out, more(scr, footer)] if footer else out)


def interview(item: dict[str, Any]) -> None:
    """Print an interview and its debrief."""
    scr = Screen()
    names = ", ".join(p["name"] for p in item["interviewers"]) or "—"
    out = [scr.title(f"Interview {item['id']} (round {item['round']})")]
    out += scr.lines(
        f"{when(item['start'])} → {when(item['end'])}, {item['format']}, with {names}"
    )
    if item["decision_date"]:
        out.append(f"Decision promised by {item['decision_date']}")
    for p in item["promises"]:
        out += scr.lines(f"Promised: {p}")
    if item.get("next_steps"):
        out += scr.lines(f"Next steps: {item['next_steps']}")
    d = item.get("debrief")
    if d:
        from followthrough.domain.model import DEBRIEF_TEXT_FIELDS, FIT_QUESTIONS

        for name, label in DEBRIEF_TEXT_FIELDS:
            if d[name]:
                out.append(scr.title(label))
                for line in d[name]:
                    out += bullet(scr, line)
        scores = [(label, d["fit"][key]) for key, label in FIT_QUESTIONS if key in d["fit"]]
        if scores:
            average = f", {d['fit_average']:.1f} on average" if d.get("fit_average") else ""
            out.append(scr.title(f"Is it for me? (1-5{average})"))
            for label, answer in scores:
                note = f" — {answer['note']}" if answer.get("note") else ""
                out += scr.lines(f"{answer['score']}  {label}{note}", indent="  ")
        if d["verdict"]:
            out.append(f"Verdict: {d['verdict']}")
    scr.write(out)


def settings(values: dict[str, str]) -> None:
    """Print settings as a two-column table."""
    scr = Screen()
    columns = [Column("setting", wrap=False, style="cyan"), Column("value")]
    scr.write(scr.table(columns, [[k, values[k]] for k in sorted(values)], header=False))


def ask_debrief(before: dict[str, Any] | None = None) -> dict[str, Any]:
    """Ask the debrief questions one by one; return the answers. With `before` (the debrief
    as written), each answer is offered as it was: Enter keeps it, a new text replaces it,
    "-" drops it."""
    import click

    from followthrough.domain.model import DEBRIEF_TEXT_FIELDS, FIT_QUESTIONS

    scr = Screen()
    head = "Debrief — one item per line; an empty line moves on."
    if before:
        head = "Editing the debrief — Enter keeps an item, '-' drops it, new lines add."
    scr.write([scr.title(head)])
    data: dict[str, Any] = {}
    for name, label in DEBRIEF_TEXT_FIELDS:
        scr.write([scr.paint(label, "bold cyan")])
        lines = []
        for item in (before or {}).get(name, []):
            kept = click.prompt("  •", default=item, prompt_suffix=" ").strip()
            if kept and kept != "-":
                lines.append(kept)
        while line := click.prompt("  •", "", show_default=False, prompt_suffix=" ").strip():
            lines.append(line)
        data[name] = lines
    fit: dict[str, Any] = {}
    old_fit = (before or {}).get("fit", {})
    for name, label in FIT_QUESTIONS:
        old = old_fit.get(name) or {}
        score = click.prompt(f"{label} (1-5, 0 to skip)", default=old.get("score") or 0,
                             type=click.IntRange(0, 5), show_default=True)  # fmt: skip
        if score:
            note = click.prompt("  a note", default=old.get("note") or "",
                                show_default=bool(old.get("note")))  # fmt: skip
            fit[name] = {"score": score, "note": note}
    data["fit"] = fit
    data["verdict"] = click.prompt(
        "Overall, is this job for you? (yes, unsure, not-for-me)",
        type=click.Choice(["yes", "unsure", "not-for-me"]),
        default=(before or {}).get("verdict") or "yes",
    )
    return data


def doctor(data: dict[str, Any]) -> None:
    """Print what would make the plan wrong, each with its records and its fix."""
    scr = Screen()
    if data["ok"]:
        scr.write([scr.paint("✓ Nothing would make your plan wrong.", "green")])
        return
    out = [scr.title("What would make your plan wrong", len(data["findings"]))]
    for f in data["findings"]:
        ids = f" ({', '.join(str(i) for i in f['ids'][:12])}{', …' if len(f['ids']) > 12 else ''})"
        out += scr.lines(f"• {f['problem']}{ids if f['ids'] else ''}", indent="  ")
        out += scr.lines(f"fix: {f['fix']}", indent="    ", style="dim")
    scr.write(out)


def what_you_wrote(scr: Screen, item: dict[str, Any]) -> list[str]:
    """Return the lines of what the user wrote about an application: interest, competitors,
    when they applied, notes (nothing for what they left empty)."""
    out: list[str] = []
    facts = []
    if item.get("interest"):
        facts.append(f"Interest: {item['interest']}/5")
    if item.get("applied_on"):
        facts.append(f"Applied: {item['applied_on']}")
    if item.get("salary"):
        facts.append(f"Salary: {item['salary']}")
    if item.get("location"):
        facts.append(f"Location: {item['location']}")
    if facts:
        out += scr.lines("   ".join(facts))
    if item.get("competitors"):
        out += scr.lines("Competitors: " + ", ".join(item["competitors"]))
    if item.get("notes"):
        out += scr.lines("Notes: " + item["notes"])
    return out


def history(items: list[dict[str, Any]], app_id: int | None) -> None:
    """Print the changes, newest first: when, through what, what (undone ones marked), and
    for each the fields it changed."""
    scr = Screen()
    if not items:
        where = f" to application {app_id}" if app_id is not None else ""
        scr.write([f"No changes recorded{where} yet."])
        return
    rows: list[list[Cell]] = []
    for e in items:
        what = e["summary"] or "the plan kept up to date"
        if e["undone_by"] is not None:
            what += f" (undone by {e['undone_by']})"
        rows.append([str(e["id"]), when(e["at"]), e["interface"], what])
    columns = [Column("id", align="right", wrap=False), Column("when", wrap=False),
               Column("via", wrap=False), Column("change", weight=4)]  # fmt: skip
    out = scr.table(columns, rows)
    undoable = next((e for e in items if e["undoable"]), None)
    if undoable is not None:
        out.append(more(scr, f"followthrough undo takes back {undoable['id']}:"
                             f" {undoable['summary']}"))  # fmt: skip
    scr.write(out)


def undone(data: dict[str, Any]) -> None:
    """Print what `undo` took back."""
    scr = Screen()
    out = [scr.paint(f"↶ Undid {data['undone']['id']}: {data['undone']['summary']}", "green")]
    records = [c for c in data["undone"]["changes"] if c["table"] != "actions"]
    for c in records[:12]:
        verb = {"delete": "restored", "update": "set back"}.get(c["op"], "removed")
        fields = ""
        if c["op"] == "update" and c["before"]:
            fields = ": " + ", ".join(
                f"{k.removesuffix('_at')} {_short(c['after'].get(k))} → {_short(v)}"
                for k, v in c["before"].items())  # fmt: skip
        key = " ".join(["", *(str(v) for v in c["key"].values())]) if c["key"] else ""
        out += scr.lines(f"{c['record']}{key} {verb}{fields}", indent="  ", style="dim")
    plan = sum(1 for c in data["undone"]["changes"] if c["table"] == "actions")
    if plan:
        out += scr.lines(f"{plan} planned actions put back as they were", indent="  ",
                         style="dim")  # fmt: skip
    scr.write(out)


def _short(value: Any) -> str:
    if isinstance(value, str) and len(value) >= 16 and value[10:11] == "T":
        return when(value)
    text = "(none)" if value in (None, "") else str(value).replace("\n", " ")
    return text if len(text) <= 30 else text[:29] + "…"
