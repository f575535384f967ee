"""Split the checker corpus ONCE into `dev` (tune the rules on it) and a sealed `test` (never
read while tuning; its figures are reported once per change in docs/checker.md).

    python tests/checker_corpus/split.py     # writes tests/checker_corpus/splits.toml

Run once, on 2026-12-06, when the four voices were written (issue 13): a text added later goes
to `dev` unless a new, separate split is made. `corpus.toml` (the drafts the rules were first
tuned on) is all `dev`; the four voice files were shuffled with a fixed seed and halved, each
file on its own, so both splits hold every voice.

A second, separate split (`test_b`) was made the same way on 2026-12-07 from four more voices
written for it (finance and consulting, education and public service, returners and career
changers, hospitality and logistics: `VOICES_B`, seed `SEED_B`), after they were scored once
whole and before any tuning: the sealed test is `test` and `test_b` together. Re-running the
script writes the same two lists.
"""

from __future__ import annotations

import json
import random
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: The files written without the checker in view (issue 13), split half and half.
VOICES = ("british-formal.toml", "casual-american.toml", "non-native.toml", "paraphrase.toml")
SEED = 20261206
VOICES_B = ("fresh-finance-consulting.toml", "fresh-education-public.toml",
            "fresh-returners-changers.toml", "fresh-hospitality-logistics.toml")  # fmt: skip
SEED_B = 20261207


def halves(voices: tuple[str, ...], seed: int) -> list[str]:
    """Return the names of the sealed half of each voice file, shuffled with `seed`."""
    test: list[str] = []
    for name in voices:
        with (HERE / name).open("rb") as f:
            names = sorted(t["name"] for t in tomllib.load(f)["text"])
        random.Random(f"{seed}:{name}").shuffle(names)
        test += sorted(names[: len(names) // 2])
    return test


def main() -> None:
    test, test_b = halves(VOICES, SEED), halves(VOICES_B, SEED_B)
    lines = [
        "# The sealed test split of the checker corpus (tests/checker_corpus/split.py, seed "
        f"{SEED}).",
        "# Every text not named here is dev. Do not edit: the split is made once.",
        "test = [",
        *(f"  {json.dumps(n, ensure_ascii=False)}," for n in test),
        "]",
        f"# The second sealed split (seed {SEED_B}), made 2026-12-07: test is both lists.",
        "test_b = [",
        *(f"  {json.dumps(n, ensure_ascii=False)}," for n in test_b),
        "]",
        "",
    ]
    (HERE / "splits.toml").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
