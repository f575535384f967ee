"""The report of an import (or of a dry run) as people read it."""

from __future__ import annotations

from followthrough.cli.render.table import Column, Screen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Problems listed in the human report before "... and N more".
SHOWN_PROBLEMS = 30


def _problems(scr: Screen, report: dict[str, Any]) -> list[str]:
    """Return the table of bad rows (the first SHOWN_PROBLEMS problems) under its title."""
    problems = report["problems"]
    if not problems:
        return []
    columns = [Column("row", align="right", wrap=False), Column("column"),
               Column("value", weight=2), Column("problem", weight=3)]  # fmt: skip
    rows = [[str(p["number"]), p["column"], p["value"][:60], p["problem"]]
            for p in problems[:SHOWN_PROBLEMS]]  # fmt: skip
    out = [scr.title(f"{len(report['bad_rows'])} bad rows"), *scr.table(columns, rows)]
    if len(problems) > SHOWN_PROBLEMS:
        out.append(f"... and {len(problems) - SHOWN_PROBLEMS} more (--json lists all)")
    return out


def import_report(report: dict[str, Any]) -> None:
    """Print the import report for a person."""
    scr = Screen()
    mapped = ", ".join(f"{header} → {name}" for name, header in report["columns"].items())
    source = f" ({report['source']} export)" if report["source"] != "generic" else ""
    out = scr.lines(f"Columns{source}: {mapped}")
    if report["unmapped"]:
        out += scr.lines(f"Ignored: {', '.join(report['unmapped'])} (use --map to use one)", "dim")
    if report.get("dates"):
        out += scr.lines(f"Dates read {report['dates']} (--dayfirst/--monthfirst to change)")
    shown = [f"{k} → {v}" for k, v in report.get("statuses", {}).items() if k.lower() != v]
    if shown:
        out += scr.lines(f"Statuses: {', '.join(shown)}")
    if report["unknown_statuses"]:
        listed = ", ".join(f"{k!r} ×{n}" for k, n in report["unknown_statuses"].items())
        out += scr.lines(f"Statuses not recognised (read as applied): {listed}", "yellow")
    out += _problems(scr, report)
    if report["skipped"]:
        out += scr.lines(
            f"Skipped {len(report['skipped'])} rows not applied to yet (wishlist, saved, draft)",
            "dim",
        )
    created = ", ".join(f"{n} {what}" for what, n in report["created"].items()) or "nothing"
    if report["dry_run"]:
        out += scr.lines(f"Dry run: {report['imported']} of {report['rows']} rows would create "
                         f"{created}. Nothing was written.")  # fmt: skip
    elif report["written"]:
        done = scr.paint(f"Imported {report['imported']} of {report['rows']} rows:", "green")
        out.append(f"{done} {created}.")
        if report.get("rejects"):
            out.append(f"Bad rows written to {report['rejects']}")
        if report.get("rejects_error"):
            out += scr.lines(f"The bad rows were not saved: {report['rejects_error']}", "red")
    scr.write(out)
