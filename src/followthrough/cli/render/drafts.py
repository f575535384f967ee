"""Drafts and the checker's findings as people read them."""

from __future__ import annotations

from followthrough.cli.render.table import Screen, clean

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def findings(text: str, items: list[dict[str, Any]], words: int, scr: Screen | None = None) -> None:
    """Print checker findings with the text they point at."""
    scr = scr or Screen()
    if not items:
        scr.write([scr.paint(f"✓ No findings ({words} words).", "green")])
        return
    out = [scr.title(f"{len(items)} finding(s), {words} words:")]
    for f in items:
        where = ""
        if f["end"] > f["start"]:
            snippet = text[f["start"] : f["end"]].replace("\n", " ")
            where = f" «{snippet[:60]}»"
        head = scr.paint(f"{f['severity']:<7}", _SEVERITY_STYLE.get(f["severity"], ""))
        rule = scr.paint(f["rule"], "bold")
        out.append(f"  {head} {rule}{clean(where)}: {clean(f['message'])}")
    scr.write(out)


def checked_as(app_id: int) -> None:
    """Say which application a text was checked as, when its names gave it away."""
    scr = Screen()
    scr.write([scr.paint(f"Checked as application {app_id} (named in the text; --app to choose)",
                         "dim")])  # fmt: skip


def draft(result: dict[str, Any]) -> None:
    """Print a draft, then its findings and the facts that would make it stronger."""
    scr = Screen()
    r = result["recipient"]
    to = f"{r['name']} <{r['email']}>" if r and r.get("email") else (r["name"] if r else "—")
    out = [scr.paint(clean(f"To: {to}   ({result['channel']}, {result['kind']})"), "dim")]
    if result.get("notice"):
        out.insert(0, scr.paint(clean(f"Note: {result['notice']}"), "yellow"))
    if result["subject"]:
        out.append(scr.paint(clean(f"Subject: {result['subject']}"), "bold"))
    out += ["", *(clean(line) for line in result["body"].split("\n"))]  # unwrapped: to copy
    scr.write(out)
    findings(result["body"], result["findings"], result["words"], scr)
    scr.write(scr.paint(f"  tip: add {advice} to make it stronger", "dim")
              for advice in result["missing"])
