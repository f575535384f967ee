"""The draft checker on the labelled corpus: precision and recall per rule, and docs/checker.md.

The evaluation lives in bench/checker_report.py (which also rewrites the page), so the figures
the page shows are the figures asserted here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from followthrough.domain.checker import LIMITS, RULES
from followthrough.text.lexicons import load_lexicons
from tests.files import load_script

ROOT = Path(__file__).resolve().parents[1]


report = load_script(ROOT / "bench" / "checker_report.py", "checker_report")
SAMPLES = report.load_corpus()
GOT = report.predictions(SAMPLES, load_lexicons())
SCORES = report.evaluate(SAMPLES, GOT)
RULE_IDS = [r.id for r in RULES]


def test_corpus_is_big_enough_and_covers_every_rule_and_kind() -> None:
    assert len(SAMPLES) >= 70
    for rule in RULE_IDS:
        assert sum(rule in s.expect for s in SAMPLES) >= 4, f"too few texts breaking {rule}"
    clean_kinds = {s.ctx.kind for s in SAMPLES if not s.expect}
    assert set(LIMITS) <= clean_kinds, "every kind needs a clean draft"
    assert len({s.name for s in SAMPLES}) == len(SAMPLES), "names must be unique"
    labels = {rule for s in SAMPLES for rule in s.expect}
    assert labels <= set(RULE_IDS), f"unknown rule ids in labels: {labels - set(RULE_IDS)}"


@pytest.mark.parametrize("rule", RULE_IDS)
def test_precision_and_recall_per_rule(rule: str) -> None:
    score = SCORES[rule]
    wrong = "\n".join(m for m in report.mistakes(SAMPLES, GOT) if rule in m)
    assert score.precision >= report.BAR, f"{rule} precision {score.precision:.2f}:\n{wrong}"
    assert score.recall >= report.BAR, f"{rule} recall {score.recall:.2f}:\n{wrong}"


def test_clean_drafts_have_no_error() -> None:
    errors = [s.name for s, got in zip(SAMPLES, GOT, strict=True)
              if not s.expect and got & {"placeholder", "wrong-name"}]
    assert not errors


def test_doc_is_up_to_date() -> None:
    page = report.DOC.read_text(encoding="utf-8")
    assert page == report.render(SAMPLES, SCORES) + report.generalisation(load_lexicons()), (
        "docs/checker.md drifted from the checker or the corpus: run "
        "`python bench/checker_report.py`")


def test_the_split_is_made_once_and_holds_every_voice() -> None:
    """The sealed test split is two splits made once each (test-a of the first four voices,
    test-b of the four written on 2026-12-07): existing drafts only, half of each voice, none of
    the drafts the rules were first tuned on; every other draft is dev."""
    test, dev = report.load_split("test"), report.load_split("dev")
    names = {s.name for s in test}
    assert len(names) == len(test) == 205 + 160
    assert len(report.load_split("test-a")) == 205
    assert len(report.load_split("test-b")) == 160
    assert names.isdisjoint(s.name for s in dev)
    assert {s.name for s in SAMPLES} <= {s.name for s in dev}  # tuned on: never test
    for prefix in ("bf: ", "ca: ", "nn: ", "pp: "):
        voice = [n for n in names if n.startswith(prefix)]
        assert 50 <= len(voice) <= 55, prefix
    for prefix in ("fc: ", "ep: ", "rc: ", "hl: "):
        assert len([n for n in names if n.startswith(prefix)]) == 40, prefix
    assert len(test) + len(dev) >= 500
    assert sum(not s.expect for s in test + dev) >= 150


# ---------------------------------------------------------------- the dev and test splits

#: Issue 13's bars on the sealed test split: every rule >= 0.9 precision and recall, at most 5%
#: of clean drafts flagged. Where a bar is not met yet, the figure reached so far is its floor:
#: a change may not fall below it (and raising a floor is how progress is recorded here). A
#: floor at or above the bar is the bar itself.
TEST_FLOORS: dict[str, tuple[float, float]] = {
    "length": (0.94, 1.00),
    "structure": (0.93, 0.96),
    "forgot-to-mention": (0.95, 1.00),
    "sales-pitch": (0.93, 1.00),
    "negative-wording": (0.91, 0.91),
    "spelling": (0.96, 1.00),
    "placeholder": (0.95, 0.95),
    "pushy": (0.94, 1.00),
    "wrong-name": (1.00, 1.00),
}
TEST_CLEAN_FLAGGED_CEILING = 0.038
DEV_BAR = report.BAR


@pytest.fixture(scope="module")
def splits() -> dict[str, tuple[list[object], dict[str, object], float]]:
    lex = load_lexicons()
    out = {}
    for split in ("dev", "test"):
        samples = report.load_split(split)
        got = report.predictions(samples, lex)
        clean = [g for s, g in zip(samples, got, strict=True) if not s.expect]
        out[split] = (samples, report.evaluate(samples, got), sum(map(bool, clean)) / len(clean))
    return out


@pytest.mark.parametrize("rule", RULE_IDS)
def test_the_dev_split_meets_the_bars(rule: str, splits: dict[str, object]) -> None:
    _samples, scores, _flagged = splits["dev"]  # type: ignore[misc]
    assert scores[rule].precision >= DEV_BAR, f"dev {rule} precision {scores[rule].precision:.2f}"
    assert scores[rule].recall >= DEV_BAR, f"dev {rule} recall {scores[rule].recall:.2f}"


@pytest.mark.parametrize("rule", RULE_IDS)
def test_the_sealed_test_split_holds_its_floor(rule: str, splits: dict[str, object]) -> None:
    _samples, scores, _flagged = splits["test"]  # type: ignore[misc]
    precision, recall = (min(f, report.BAR) for f in TEST_FLOORS[rule])
    assert scores[rule].precision >= precision, f"test {rule} precision fell"
    assert scores[rule].recall >= recall, f"test {rule} recall fell"


def test_clean_drafts_flagged_on_both_splits(splits: dict[str, object]) -> None:
    assert splits["dev"][2] <= 0.05  # type: ignore[index]
    assert splits["test"][2] <= TEST_CLEAN_FLAGGED_CEILING  # type: ignore[index]
