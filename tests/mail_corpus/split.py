"""Split the mail corpus ONCE into `dev` (tune the matcher on it) and a sealed `test` (never read
while tuning; its figures are reported once per change in docs/mail.md).

    python tests/mail_corpus/split.py     # writes tests/mail_corpus/splits.toml

Run once, on 2026-12-07, when the three sets were written (issue 14), and never again: a
message added later goes to `dev`. Each set's messages were shuffled with a fixed seed and
halved. Every message is still *read* in mailbox order (a reply needs its thread); the split
says which messages' outcomes are scored.
"""

from __future__ import annotations

import json
import random
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = ("am", "ap", "eu")
SEED = 20261207


def main() -> None:
    test: list[str] = []
    for name in SETS:
        with (HERE / name / "labels.toml").open("rb") as f:
            files = sorted(m["file"] for m in tomllib.load(f)["message"])
        random.Random(f"{SEED}:{name}").shuffle(files)
        test += sorted(f"{name}:{f}" for f in files[: len(files) // 2])
    lines = [
        f"# The sealed test split of the mail corpus (tests/mail_corpus/split.py, seed {SEED}).",
        "# Every message not named here is dev. Do not edit: the split is made once.",
        "test = [",
        *(f"  {json.dumps(n)}," for n in test),
        "]",
        "",
    ]
    (HERE / "splits.toml").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
