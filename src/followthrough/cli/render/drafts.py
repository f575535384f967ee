"""Drafts and the checker's findings as people read them."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from followthrough.cli.render.common import console

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
