"""The agenda as people read it: today, an application's plan, the pre-call brief, and
what marking an action or logging an exchange did.
"""

from __future__ import annotations

import datetime as dt

from followthrough.cli.render.common import (
    action_columns,
    action_rows,
    actions_table,
    bullet,
    exchanges_table,
    more,
    warnings,
    when,
)
from followthrough.cli.render.table import Screen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

#: Actions `today` shows in each group (overdue, due today, next 7 days) before a line with the
#: count of the rest: ten is what a person takes in at a glance; `today --all` shows every one.
TODAY_CAP = 10

#: The groups of `today`: payload key, title, style, and how "N more ..." names the rest.
_GROUPS = (
    ("overdue", "Overdue", "red", "overdue (older)"),
    ("due_today", "Due today", "green", "due today"),
    ("upcoming", "Next 7 days", "", "in the next 7 days"),
)

def today(
    payload: dict[str, Any],
    prep: list[dict[str, Any]],
    show_all: bool = False,
    shape: Callable[[Any], dict[str, Any]] | None = None,
) -> None:
    """Print the agenda: overdue, due today, next 7 days (at most TODAY_CAP each unless
    `show_all`), and checklists for interviews ahead. The groups hold action objects, or rows
    that `shape` turns into them (only the rows shown are shaped)."""
    scr = Screen()
    out = [scr.paint(f"Now: {when(payload['now'], True)}", "dim")]
    groups = [
        (g, [shape(r) for r in shown] if shape else shown)
        for g in _GROUPS
        if payload[g[0]]
        for shown in [_shown(g[0], payload[g[0]], show_all)]
    ]
    rows = [row for _, shown in groups for row in action_rows(scr, shown)]
    widths = scr.layout(action_columns(scr), rows)  # the three tables line up
    for (key, title, style, rest), shown in groups:
        items = payload[key]
        out += ["", scr.title(title, len(items), style)]
        out += actions_table(scr, shown, style, widths)
        if len(shown) < len(items):
            left = len(items) - len(shown)
            out.append(more(scr, f"{left} more {rest}: followthrough today --all"))
    if not any(payload[key] for key, *_ in _GROUPS):
        out += ["", "Nothing due in the next 7 days. Keep applying!"]
    horizon = dt.datetime.fromisoformat(payload["now"]) + dt.timedelta(days=7)
    for p in [p for p in prep if dt.datetime.fromisoformat(p["start"]) <= horizon][:3]:
        head = f"Before your interview at {p['company']} ({when(p['start'])}):"
        out += ["", *scr.lines(head, "bold")]
        for item in p["checklist"]:
            out += bullet(scr, item["text"], item["sources"], mark="☐")
    out += ["", scr.paint("Mark progress: followthrough done|skip|snooze ID", "dim")]
    scr.write(out)


def _shown(key: str, items: list[dict[str, Any]], show_all: bool) -> list[dict[str, Any]]:
    """Return the actions of a group `today` shows: at most TODAY_CAP unless `show_all`; of
    the overdue the latest (what was just missed can still be done), else the soonest."""
    if show_all or len(items) <= TODAY_CAP:
        return items
    return items[-TODAY_CAP:] if key == "overdue" else items[:TODAY_CAP]


def plan(items: list[dict[str, Any]], app: dict[str, Any]) -> None:
    """Print the full plan of one application under its company, role and status."""
    scr = Screen()
    out = scr.lines(f"{app['company']} — {app['role']} ({app['status']})", "bold")
    out += actions_table(scr, items, company=False)
    if any(a["kind"] == "linkedin-interviewer" for a in items):
        out += scr.lines(
            "Note: on connecting with interviewers the sources disagree — Hays: after an offer; "
            "BrightCareer: right after the interview.",
            "dim",
        )
    scr.write(out)


def brief(item: dict[str, Any]) -> None:
    """Print the pre-call brief."""
    scr = Screen()
    app = item["application"]
    out = scr.lines(f"Brief: {app['company']} — {app['role']}", "bold")
    decision = f"   Decision promised by {item['decision_date']}" if item["decision_date"] else ""
    out += scr.lines(f"Stage: {item['stage']}{decision}")
    from followthrough.cli.render.records import what_you_wrote  # not on `today`'s path

    out += what_you_wrote(scr, app)
    out.append(scr.title("People"))
    for p in item["people"]:
        notes = f" — {p['notes']}" if p["notes"] else ""
        reach = " · ".join(x for x in (p["email"], p["phone"]) if x)
        reach = f"  {reach}" if reach else ""
        out += scr.lines(f"{p['name'] or p['email']} ({p['role']}){reach}{notes}", indent="  ")
    if item["last_exchanges"]:
        out += [scr.title("Last exchanges"), *exchanges_table(scr, item["last_exchanges"])]
    sections = [("Promises outstanding", [p["promise"] for p in item["promises"]])]
    sections.append(("On the call with the recruiter", item.get("call_points", [])))
    for d in item["debriefs"]:
        sections += [("Talk about", d["topics"]), ("Your projects", d["projects"]),
                     ("Better answers", d["better_answers"]),
                     ("Questions that came to you afterwards", d["later_questions"]),
                     ("How they reacted", d["reactions"]), ("Nuggets", d["nuggets"])]  # fmt: skip
    for label, lines in sections:
        if lines:
            out.append(scr.title(label))
            for line in lines:
                out += bullet(scr, line)
    nxt = item["next_step"]
    if nxt:
        out.append(scr.title("Next step"))
        out += scr.lines(f"{nxt['title']} — due {when(nxt['due'])}", indent="  ")
    if item["reminders"]:
        out.append(scr.title("Remember"))
        for r in item["reminders"]:
            out += bullet(scr, r["text"], r["sources"])
    scr.write(out)


def completed(item: dict[str, Any]) -> None:
    """Print the result of done/skip/snooze."""
    scr = Screen()
    until = f" until {when(item['due'])}" if item["status"] == "snoozed" else ""
    if item["status"] == "done" and item.get("done_at"):
        until = f" ({when(item['done_at'])})"  # when it counts from (--at, or now)
    out = [f"{item['title']}: {scr.paint(item['status'], 'bold')}{until}"]
    scr.write([*out, *warnings(scr, item.get("warnings", []))])


def logged(result: dict[str, Any]) -> None:
    """Print a logged exchange and any guard warnings."""
    scr = Screen()
    out = [f"Logged {result['kind']} at {when(result['at'])} (id {result['id']})."]
    scr.write([*out, *warnings(scr, result["warnings"])])
