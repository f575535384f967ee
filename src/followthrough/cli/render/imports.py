"""The report of an import (or of a dry run) as people read it."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from followthrough.cli.render.common import console

#: Problems listed in the human report before "... and N more".
SHOWN_PROBLEMS = 30


def import_report(report: dict[str, Any]) -> None:
    """Print the import report for a person."""
    mapped = ", ".join(f"{header} → {name}" for name, header in report["columns"].items())
    source = f" ({report['source']} export)" if report["source"] != "generic" else ""
    console.print(f"Columns{source}: {mapped}")
    if report["unmapped"]:
        console.print(f"[dim]Ignored: {', '.join(report['unmapped'])} (use --map to use one)[/]")
    if report["unknown_statuses"]:
        listed = ", ".join(f"{k!r} ×{n}" for k, n in report["unknown_statuses"].items())
        console.print(f"[yellow]Statuses not recognised (read as applied): {listed}[/]")
    problems = report["problems"]
    if problems:
        table = Table(title=f"{len(report['bad_rows'])} bad rows", title_justify="left")
        for column in ("row", "column", "value", "problem"):
            table.add_column(column, overflow="fold")
        for p in problems[:SHOWN_PROBLEMS]:
            table.add_row(str(p["number"]), p["column"], p["value"][:60], p["problem"])
        console.print(table)
        if len(problems) > SHOWN_PROBLEMS:
            console.print(f"... and {len(problems) - SHOWN_PROBLEMS} more (--json lists all)")
    if report["skipped"]:
        console.print(f"[dim]Skipped {len(report['skipped'])} rows not applied to yet "
                      "(wishlist, saved, draft)[/]")
    created = ", ".join(f"{n} {what}" for what, n in report["created"].items()) or "nothing"
    if report["dry_run"]:
        console.print(f"Dry run: {report['imported']} of {report['rows']} rows would create "
                      f"{created}. Nothing was written.")
    elif report["written"]:
        console.print(f"[green]Imported {report['imported']} of {report['rows']} rows:[/] "
                      f"{created}.")
        if report.get("rejects"):
            console.print(f"Bad rows written to {report['rejects']}")
        if report.get("rejects_error"):
            console.print(f"[red]The bad rows were not saved: {report['rejects_error']}[/]")
