"""Rewrite docs/mail.md's figures: the mail matcher on its labelled corpus, both splits.

    python bench/mail_report.py            # rewrite docs/mail.md
    python bench/mail_report.py --check    # exit 1 when docs/mail.md is out of date

The corpus is tests/mail_corpus/ (three mailboxes, each read in order through the real reading
service into a real SQLite database; tests/mail_corpus/harness.py). The page's prose is kept
between the markers; the tables after `<!-- figures -->` are written here.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.mail_corpus import harness  # noqa: E402

DOC = ROOT / "docs" / "mail.md"
MARK = "<!-- figures: written by bench/mail_report.py, do not edit below -->"


def table(cases: list[harness.Case]) -> list[str]:
    """Return the markdown table of one split's figures."""
    s = harness.score(cases)
    rows = [("matching (application of a logged message)", s.matching),
            ("action done by a note found in Sent", s.completes),
            *((f"ignored: `{k}`", v) for k, v in sorted(s.reasons.items())),
            *((f"proposal: `{k}`", v) for k, v in sorted(s.proposals.items()))]  # fmt: skip
    out = ["| outcome | tp | fp | fn | precision | recall |", "|---|---|---|---|---|---|"]
    for name, f in rows:
        out.append(f"| {name} | {f.tp} | {f.fp} | {f.fn} | {f.precision:.2f} | {f.recall:.2f} |")
    proposals = harness.Figures(
        sum(f.tp for f in s.proposals.values()), sum(f.fp for f in s.proposals.values()),
        sum(f.fn for f in s.proposals.values()),
    )  # fmt: skip
    out += ["", f"All proposals together: precision {proposals.precision:.2f}, recall "
            f"{proposals.recall:.2f}. Interview times read right: {s.times_right} of "
            f"{s.times_all}."]  # fmt: skip
    return out


def render(cases: list[harness.Case]) -> str:
    """Return the figures part of docs/mail.md."""
    lines = [MARK, ""]
    for split in ("dev", "test"):
        chosen = harness.in_split(cases, split)
        sets = ", ".join(f"{n} {sum(c.set == n for c in chosen)}" for n in harness.sets())
        lines += [f"### `{split}`: {len(chosen)} messages ({sets})", "", *table(chosen), ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases = harness.all_cases(Path(tmp))
    text = DOC.read_text(encoding="utf-8")
    head = text.split(MARK)[0].rstrip() + "\n\n"
    new = head + render(cases)
    if args.check:
        if new != text:
            print("docs/mail.md is out of date: run python bench/mail_report.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
