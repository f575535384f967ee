"""Where the search stands, as people read it: bars and small tables."""

from __future__ import annotations

from followthrough.cli.render.common import bar
from followthrough.cli.render.table import GAP, Column, Screen, cells

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from followthrough.cli.render.table import Cell

#: The length of a full bar, in cells (shorter on a narrow screen).
BAR = 28

#: The weekly activity table: payload key and header, in order.
_WEEK_COLUMNS = (("applications", "applications"), ("interviews", "interviews"),
                 ("interactions_out", "out"), ("actions_done", "done"))  # fmt: skip


def _bars(scr: Screen, title: str, rows: list[tuple[str, int, str]]) -> list[str]:
    """Return a titled table of (label, count, style) rows, each with its bar."""
    top = max((count for _, count, _ in rows), default=0)
    used = max((cells(label) for label, _, _ in rows), default=0) + len(str(top)) + 2 * GAP
    length = max(min(BAR, scr.width - used - 1), 4)
    columns = [Column("", wrap=False), Column("", align="right", wrap=False),
               Column("", wrap=False)]  # fmt: skip
    table: list[list[Cell]] = [
        [label, str(count), [(bar(count, top, length), style)]] for label, count, style in rows
    ]
    return [scr.title(title), *scr.table(columns, table, header=False)]


def insights(data: dict[str, Any]) -> None:
    """Print the funnel, follow-ups, reply rates, weekly activity and recurring questions."""
    scr = Screen()
    funnel = [(r["stage"], r["count"], "blue") for r in data["funnel"]["reached"]]
    out = _bars(scr, "How far your applications got", funnel)
    total = data["follow_ups"]["total"]
    follow = [("on time", total["on_time"], "green"), ("late", total["late"], "yellow"),
              ("missed", total["missed"], "red")]  # fmt: skip
    out += ["", *_bars(scr, "Follow-ups", follow)]
    out.append(scr.paint(f"{total['open']} still to do.", "dim"))
    out.append("")
    for r in data["reply_rates"]:
        rate = "—" if r["rate"] is None else f"{r['rate']:.0%}"
        out += scr.lines(
            f"Replies to {r['kind']}: {r['replied']} of {r['sent']} ({rate}) within "
            f"{r['window_days']} days" + (f", {r['waiting']} waiting" if r["waiting"] else "")
        )
    columns = [Column("week", wrap=False)]
    columns += [Column(head, align="right", wrap=False) for _, head in _WEEK_COLUMNS]
    weeks = [[w["start"], *(str(w[k]) for k, _ in _WEEK_COLUMNS)] for w in data["weeks"]]
    out += ["", scr.title("Weekly activity"), *scr.table(columns, weeks)]
    recurring = data["questions"]["recurring"]
    out.append("")
    if recurring:
        out.append(scr.title("Questions you keep struggling with"))
        for t in recurring:
            companies = ", ".join(dict.fromkeys(s["company"] for s in t["sources"]))
            if t["mentions"] > len(t["sources"]):  # the most recent are listed, not all
                companies += ", …"
            out += scr.lines(
                f"{t['count']}×  {t['phrasing']}", indent="  ", tail=(f"({companies})", "dim")
            )
    else:
        out.append(scr.paint("No question has come back twice yet.", "dim"))
    scr.write(out)
